"""A file's identity as published: its sha256 and byte count."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileInfo:
    path: Path
    sha256: str
    bytes: int


def file_info(path: Path) -> FileInfo:
    data = path.read_bytes()
    return FileInfo(path=path, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
