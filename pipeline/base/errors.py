"""The error a user sees when an input is wrong: which file, which line, what was expected."""

from __future__ import annotations


class SourceError(Exception):
    """Bad input: names the file, the (1-based) line and what was expected instead."""

    def __init__(self, path: str, line: int | None, expected: str, found: str | None = None):
        self.path = path
        self.line = line
        self.expected = expected
        self.found = found
        where = f"{path}:{line}" if line is not None else path
        message = f"{where}: expected {expected}"
        if found is not None:
            message += f", found {found!r}"
        super().__init__(message)


class BuildError(Exception):
    """A build step failed for a reason other than one bad input line (e.g. a blocking check)."""
