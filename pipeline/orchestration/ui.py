"""``make ui``: the Dagster UI as one process that stops on one SIGINT or SIGTERM, wherever it was sent.

``dagster dev`` runs in its own process group, started and stopped by this wrapper. The wrapper stops that
group (SIGTERM, then SIGKILL after ``GRACE`` seconds) when it gets SIGINT, SIGTERM or SIGHUP itself (Ctrl-C at
the terminal; make forwards SIGTERM to its recipe) and when its parent ``make`` got one: GNU make does not
forward SIGINT to its recipe and waits for it, so the wrapper watches the parent's signal dispositions
(``/proc/<ppid>/status``, SigCgt: make resets a fatal signal's handler to the default when it arrives) and the
parent itself (gone or replaced). Standard library only: it starts before anything heavy is imported.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

GRACE = 10.0
POLL = 0.2
#: Signals whose arrival at the parent (make) stops the server.
WATCHED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def caught_signals(pid: int) -> int | None:
    """The mask of signals ``pid`` has a handler for (SigCgt), or None where /proc does not say."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("SigCgt:"):
                return int(line.split()[1], 16)
    except (OSError, ValueError):
        return None
    return None


def parent_was_signalled(parent: int, caught_at_start: int | None) -> bool:
    """Whether the parent is gone or has dropped its handler of a watched signal since the start."""
    if os.getppid() != parent:
        return True
    if caught_at_start is None:
        return False
    now = caught_signals(parent)
    if now is None:
        return True
    return any(caught_at_start >> (s - 1) & 1 and not now >> (s - 1) & 1 for s in WATCHED)


def stop(server: subprocess.Popen) -> int:
    """Stop the server's process group: SIGTERM, then SIGKILL after GRACE seconds; its exit status."""
    for sig, wait in ((signal.SIGTERM, GRACE), (signal.SIGKILL, GRACE)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and group_alive(server.pid):
            server.poll()
            time.sleep(POLL)
        if not group_alive(server.pid):
            break
    return server.wait()


def group_alive(pgid: int) -> bool:
    """Whether any process of the process group ``pgid`` is still running."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def main(argv: list[str]) -> int:
    """Run ``argv`` (the dagster dev command) until it exits or a stop signal arrives; its exit status."""
    if not argv:
        print("usage: python -m pipeline.orchestration.ui COMMAND [ARG...]", file=sys.stderr)
        return 2
    received: list[int] = []
    for sig in WATCHED:
        signal.signal(sig, lambda number, frame: received.append(number))
    parent = os.getppid()
    caught_at_start = caught_signals(parent)
    server = subprocess.Popen(argv, start_new_session=True)
    while server.poll() is None:
        if received or parent_was_signalled(parent, caught_at_start):
            print("make ui: stopping the Dagster UI", file=sys.stderr, flush=True)
            stop(server)
            return 128 + (received[0] if received else signal.SIGTERM)
        time.sleep(POLL)
    return server.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
