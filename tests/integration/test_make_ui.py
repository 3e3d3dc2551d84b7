"""`make ui` starts the Dagster UI on localhost and Ctrl-C at its terminal stops it, as docs/guide.md says;
started in the background, one SIGTERM or one SIGINT to the make process stops it too.

Runs the target in a pseudo-terminal (so Ctrl-C is a real terminal interrupt), on a free port bound to
127.0.0.1, waits for ``/server_info`` to answer (bounded), sends Ctrl-C and checks that every process of the
group has gone and the port is free. Processes are killed by their group id if anything is left.
"""

from __future__ import annotations

import os
import pty
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from pipeline.base.paths import REPO_ROOT
from pipeline.orchestration.ui import group_alive

START_TIMEOUT = 90
STOP_TIMEOUT = 30
#: One signal to make must stop everything within this (the wrapper's grace for the server is 10 s).
STOP_SECONDS = 15


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
        while group_alive(pid) and time.monotonic() < deadline:
            try:
                output += os.read(fd, 65536)
            except OSError:
                pass
            try:
                os.waitpid(pid, os.WNOHANG)  # reap make once it exits, so its group can disappear
            except ChildProcessError:
                pass
            time.sleep(0.5)
        assert not group_alive(pid), "processes of `make ui` were left after Ctrl-C"
        assert not _answers(port)
    finally:
        if group_alive(pid):
            os.killpg(pid, signal.SIGKILL)
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os.close(fd)


def _start_in_background(port: int) -> subprocess.Popen:
    """`make ui` as a script starts it: no terminal, SIGINT and SIGTERM at their defaults, its own group."""
    return subprocess.Popen(["make", "--no-print-directory", "ui", f"UI_PORT={port}"], cwd=REPO_ROOT,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, restore_signals=True)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_one_signal_to_the_make_process_stops_the_server(sig):
    if not (REPO_ROOT / ".venv" / "bin" / "dagster").exists():
        pytest.skip("no .venv/bin/dagster (run `make build`)")
    port = _free_port()
    make = _start_in_background(port)
    server_group = None
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(port) and time.monotonic() < deadline:
            time.sleep(1)
        assert _answers(port), "the Dagster UI did not answer within the time limit"
        server_group = _server_group(make.pid)
        os.kill(make.pid, sig)  # to make alone, not to its group
        deadline = time.monotonic() + STOP_SECONDS
        while (make.poll() is None or group_alive(server_group)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert make.poll() is not None, f"make still runs {STOP_SECONDS} s after one {sig.name}"
        assert not group_alive(server_group), f"the server's processes were left after one {sig.name}"
        assert not _answers(port)
    finally:
        for group in (make.pid, server_group):
            if group is not None and group_alive(group):
                os.killpg(group, signal.SIGKILL)
        make.wait()


def _server_group(make_pid: int) -> int:
    """The process group of `dagster dev`: the one group among make's grandchildren (the wrapper's child)."""
    wrapper = _children(make_pid)
    assert len(wrapper) == 1, f"make runs {wrapper}, expected the ui wrapper alone"
    [server] = _children(wrapper[0])
    return os.getpgid(server)


def _children(pid: int) -> list[int]:
    path = f"/proc/{pid}/task/{pid}/children"
    with open(path) as handle:
        return [int(p) for p in handle.read().split()]
