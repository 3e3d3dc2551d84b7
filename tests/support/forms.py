"""The document-form test issues under tests/fixtures/issues/ (forms-*.txt, written for the tests, not copied
from real documents): their ids and masthead facts, and a project copy that holds them with their sidecars."""

from __future__ import annotations

from pathlib import Path

from pipeline.base.paths import REPO_ROOT, ProjectPaths

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "issues"

#: fixture name -> (issue_id, cumulative number, publication date) as its mastheads print them
ISSUES = {
    "order": ("zjzfgb-2024-08", 1428, "2024-03-20"),
    "appointment": ("zjzfgb-2023-11", 1395, "2023-04-28"),
    "reply": ("zjzfgb-2021-09", 1311, "2021-05-25"),
    "unlisted": ("zjzfgb-2022-15", 1363, "2022-08-10"),
}


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / f"forms-{name}.txt").read_bytes()


def write_fixtures(paths: ProjectPaths, names=tuple(ISSUES)) -> dict[str, Path]:
    """Write each named fixture with a correct sidecar into the project copy ``paths``; name -> text path."""
    from tests.conftest import write_issue

    out = {}
    for name in names:
        issue_id, cumulative, published = ISSUES[name]
        out[name] = write_issue(paths, issue_id, fixture_bytes(name), cumulative_number=cumulative,
                                published_date=published, original_file_name=f"forms-{name}.txt")
    return out
