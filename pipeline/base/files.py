"""A file's identity as published (its sha256 and byte count), and writing a file so a reader never sees half of it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping


@dataclass(frozen=True)
class FileInfo:
    path: Path
    sha256: str
    bytes: int


def write_atomically(path: Path, write: Callable[[Path], Any]) -> Path:
    """Call ``write`` on ``<path>.partial`` (its folder created) and rename it to ``path``: a reader sees the
    old file or the new one, never half of one. Returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    write(partial)
    partial.replace(path)
    return path


def file_info(path: Path) -> FileInfo:
    data = path.read_bytes()
    return FileInfo(path=path, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))


def descriptor_file_problems(root: Path, descriptor: Mapping[str, Any]) -> list[str]:
    """Every data file (CSV and Parquet) a datapackage.json lists under ``root`` that is missing or differs from
    its recorded size or sha256; empty when all are intact. The one check of a descriptor against its files, used
    by the ``file_hashes`` check, the build plan and the release bundle."""
    problems = []
    for resource in descriptor.get("resources", []):
        for entry in (resource, resource.get("parquet")):
            if not entry:
                continue
            rel, path = entry.get("path", ""), root / entry.get("path", "")
            if not path.is_file():
                problems.append(f"{rel}: listed by datapackage.json but missing")
                continue
            actual = file_info(path)
            if entry.get("bytes") is not None and actual.bytes != entry["bytes"]:
                problems.append(f"{rel}: {actual.bytes} bytes, datapackage.json says {entry['bytes']}")
            if entry.get("hash") is not None and f"sha256:{actual.sha256}" != entry["hash"]:
                problems.append(f"{rel}: sha256 differs from datapackage.json")
    return problems
