"""The parsers' input: one verified raw issue as numbered lines with its sidecar metadata.

``pipeline.raw.snapshot`` reads, verifies and decodes the files and builds a ``RawIssue``; the parsers only read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.text.lines import Line


@dataclass(frozen=True)
class RawIssue:
    issue_id: str
    source_path: str  # repository-relative
    sha256: str
    meta: dict[str, Any]
    lines: tuple[Line, ...]
