"""The issues whose rows passed a table's by-row expectations, kept between builds in ``.build/validated/`` (one
JSON file per table: the digest of the expectations and libraries they passed, and each issue's row digest), so
that a build validates only the rows of the issues that changed (``pipeline.checks.suite_scope``).

A missing, unreadable or outdated file means nothing is reused: every row is validated again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Mapping

from pipeline.base.files import write_atomically


def _path(folder: Path, table: str) -> Path:
    return folder / f"{table}.json"


def read_passed(folder: Path | None, table: str, key: str) -> dict[str, str]:
    """Issue → row digest of the rows that passed the expectations of digest ``key``; empty when none are known."""
    if folder is None:
        return {}
    try:
        data = json.loads(_path(folder, table).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("expectations") != key or not isinstance(data.get("passed"), dict):
        return {}
    return {str(group): str(digest) for group, digest in data["passed"].items()}


def write_passed(folder: Path | None, table: str, key: str, passed: Mapping[str, str]) -> None:
    """Record ``passed`` (issue → row digest) for the expectations of digest ``key``; nothing without a folder."""
    if folder is None:
        return
    text = json.dumps({"expectations": key, "passed": dict(passed)}, ensure_ascii=False, sort_keys=True, indent=0)
    write_atomically(_path(folder, table), lambda p: p.write_text(text + "\n", encoding="utf-8"))
