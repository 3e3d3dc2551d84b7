"""The release version of the data package, read from data: the top released section of CHANGELOG.md.

A data release (new issues, curated reference rows) needs no code edit: the curator adds a section
``## [0.2.0] - 2026-12-03`` above the previous one (``## [Unreleased]`` is skipped), and the next build writes
that version into datapackage.json, the workbook, the catalog page and the release zip's name. ``gazette
release`` refuses a descriptor whose version CHANGELOG.md does not describe.

A project copy without its own CHANGELOG.md (tests, benchmarks) shares the checkout's release history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.base.errors import SourceError
from pipeline.base.paths import REPO_ROOT

CHANGELOG_NAME = "CHANGELOG.md"
#: A released section's heading: ``## [X.Y.Z] - YYYY-MM-DD`` (Keep a Changelog, semantic version).
RELEASE_HEADING = re.compile(r"^## \[(?P<version>\d+\.\d+\.\d+)\] - (?P<date>\d{4}-\d{2}-\d{2})\s*$")
#: Any second-level heading that names a version in brackets (released or not).
VERSION_HEADING = re.compile(r"^## \[(?P<name>[^\]]*)\]")
EXPECTED = "a released section '## [X.Y.Z] - YYYY-MM-DD' (semantic version, ISO date) or '## [Unreleased]'"


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    line: int


def changelog_path(root: Path) -> Path:
    """``<root>/CHANGELOG.md``, or the checkout's when a project copy has none."""
    own = Path(root) / CHANGELOG_NAME
    return own if own.is_file() else REPO_ROOT / CHANGELOG_NAME


def releases(text: str, path: str = CHANGELOG_NAME) -> list[Release]:
    """Every released section of a changelog, top first; a malformed version heading is an error naming its line."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not VERSION_HEADING.match(line):
            continue
        match = RELEASE_HEADING.match(line)
        if match:
            found.append(Release(match["version"], match["date"], number))
        elif VERSION_HEADING.match(line)["name"] != "Unreleased":
            raise SourceError(path, number, EXPECTED, line)
    return found


def read_releases(root: Path) -> list[Release]:
    path = changelog_path(root)
    shown = path.name if path.parent == Path(root) else str(path)
    return releases(path.read_text(encoding="utf-8"), shown)


def release_version(root: Path) -> str:
    """The version of the top released section of the project's CHANGELOG.md."""
    found = read_releases(root)
    if not found:
        raise SourceError(CHANGELOG_NAME, None, f"{EXPECTED}: no released section found")
    return found[0].version


def described(root: Path, version: str) -> bool:
    """Whether CHANGELOG.md has a released section for ``version``."""
    return any(r.version == version for r in read_releases(root))
