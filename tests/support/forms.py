"""The document-form test issues under tests/fixtures/issues/ (forms-*.txt, written for the tests, not copied
from real documents): their ids and masthead facts, and a project copy that holds them with their sidecars."""

from __future__ import annotations

from pathlib import Path

from pipeline.base.paths import ProjectPaths

from tests.support.fixture_issues import FIXTURE_ISSUES, write_fixture_issues
from tests.support.fixture_issues import fixture_bytes as _bytes

#: fixture name (forms-<name>.txt) -> (issue_id, cumulative number, publication date)
ISSUES = {name.removeprefix("forms-"): meta for name, meta in FIXTURE_ISSUES.items() if name.startswith("forms-")}


def fixture_bytes(name: str) -> bytes:
    return _bytes(f"forms-{name}")


def write_fixtures(paths: ProjectPaths, names=tuple(ISSUES)) -> dict[str, Path]:
    """Write each named forms fixture with a correct sidecar into the project copy ``paths``; name -> text path."""
    written = write_fixture_issues(paths, [f"forms-{name}" for name in names])
    return {name.removeprefix("forms-"): path for name, path in written.items()}
