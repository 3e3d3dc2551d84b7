"""Content fingerprints that decide what a rebuild must redo (content hashes, never modification times).

- ``issue_fingerprint``: an issue is reparsed only when its raw bytes, its sidecar, the reference files or
  the parser code change;
- ``package_fingerprint``: the package is republished only when an issue fingerprint, the schema,
  publishing or check code, or the expectation suites change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Mapping

from pipeline.paths import REPO_ROOT, ProjectPaths

PACKAGE_DIR = REPO_ROOT / "pipeline"
#: Code whose change can change parsed rows.
PARSER_CODE = ("parse", "text", "raw_snapshot.py", "reference.py", "reference_bundle.py", "errors.py", "issue_rows.py")


def _hash_files(files: Iterable[Path], root: Path) -> str:
    from pipeline.raw_snapshot import read_raw  # the one reader of raw files: errors name the file

    digest = hashlib.sha256()
    for path in sorted(files):
        rel = path.relative_to(root).as_posix()
        digest.update(rel.encode())
        digest.update(b"\0")
        digest.update(read_raw(path, rel))
        digest.update(b"\0")
    return digest.hexdigest()


def _python_files(entries: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    for entry in entries:
        path = PACKAGE_DIR / entry
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def code_fingerprint(entries: Iterable[str] = PARSER_CODE) -> str:
    return _hash_files(_python_files(entries), PACKAGE_DIR)


def references_fingerprint(paths: ProjectPaths) -> str:
    return _hash_files([p for p in paths.raw_reference.iterdir() if p.is_file()], paths.root)


def issue_fingerprint(paths: ProjectPaths, issue_id: str) -> str:
    files = [paths.raw_gazette / f"{issue_id}.txt", paths.raw_gazette / f"{issue_id}.meta.json"]
    files = [f for f in files if f.exists()]
    parts = [_hash_files(files, paths.root), references_fingerprint(paths), code_fingerprint()]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def package_fingerprint(paths: ProjectPaths, issue_fingerprints: Mapping[str, str]) -> str:
    parts = [f"{k}={v}" for k, v in sorted(issue_fingerprints.items())]
    parts.append(code_fingerprint(("",)))
    parts.append(_hash_files(sorted(paths.expectations.glob("*.json")), paths.root))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()
