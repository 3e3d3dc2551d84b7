"""`make ui` starts the Dagster UI on localhost and Ctrl-C at its terminal stops it, as docs/guide.md says.

Runs the target in a pseudo-terminal (so Ctrl-C is a real terminal interrupt), on a free port bound to
127.0.0.1, waits for ``/server_info`` to answer (bounded), sends Ctrl-C and checks that every process of the
group has gone and the port is free. Processes are killed by their group id if anything is left.
"""

from __future__ import annotations

import os
import pty
import signal
import socket
import time
import urllib.request

import pytest

from pipeline.base.paths import REPO_ROOT

START_TIMEOUT = 90
STOP_TIMEOUT = 30


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_make_ui_starts_on_localhost_and_stops_on_ctrl_c():
    if not (REPO_ROOT / ".venv" / "bin" / "dagster").exists():
        pytest.skip("no .venv/bin/dagster (run `make build`)")
    port = _free_port()
    pid, fd = pty.fork()
    if pid == 0:  # the child: its own session and process group, with the pty as its terminal
        os.chdir(REPO_ROOT)
        os.execvp("make", ["make", "--no-print-directory", "ui", f"UI_PORT={port}"])
    output = b""
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(port) and time.monotonic() < deadline:
            time.sleep(1)
        assert _answers(port), "the Dagster UI did not answer within the time limit"
        with pytest.raises(OSError):  # localhost only: not on the machine's other addresses
            other = socket.gethostbyname(socket.gethostname())
            if other.startswith("127."):
                raise OSError("no other address to try")
            socket.create_connection((other, port), timeout=2).close()
        os.write(fd, b"\x03")  # Ctrl-C at the terminal
        deadline = time.monotonic() + STOP_TIMEOUT
        while _group_alive(pid) and time.monotonic() < deadline:
            try:
                output += os.read(fd, 65536)
            except OSError:
                pass
            try:
                os.waitpid(pid, os.WNOHANG)  # reap make once it exits, so its group can disappear
            except ChildProcessError:
                pass
            time.sleep(0.5)
        assert not _group_alive(pid), "processes of `make ui` were left after Ctrl-C"
        assert not _answers(port)
    finally:
        if _group_alive(pid):
            os.killpg(pid, signal.SIGKILL)
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os.close(fd)
