"""Every test issue under tests/fixtures/issues/ (written for the tests in our own wording, not copied from real
documents): its id and the masthead facts its sidecar must repeat, and writing them into a project copy."""

from __future__ import annotations

from pathlib import Path

from pipeline.base.paths import REPO_ROOT, ProjectPaths

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "issues"

#: file name (without .txt) -> (issue_id, cumulative number, publication date) as its mastheads print them
FIXTURE_ISSUES: dict[str, tuple[str, int, str]] = {
    "forms-order": ("zjzfgb-2024-08", 1428, "2024-03-20"),
    "forms-appointment": ("zjzfgb-2023-11", 1395, "2023-04-28"),
    "forms-reply": ("zjzfgb-2021-09", 1311, "2021-05-25"),
    "forms-unlisted": ("zjzfgb-2022-15", 1363, "2022-08-10"),
    "resp-lead-lines": ("zjzfgb-2019-05", 1240, "2019-03-15"),
    "resp-responsible-lines": ("zjzfgb-2023-04", 1330, "2023-02-28"),
    "resp-marked-leads": ("zjzfgb-2024-03", 1360, "2024-02-20"),
    "resp-task-table": ("zjzfgb-2022-10", 1310, "2022-04-30"),
    "resp-vice-governor": ("zjzfgb-2021-07", 1290, "2021-05-31"),
    "targets-worktasks": ("zjzfgb-2020-09", 1250, "2020-03-20"),
    "confirm-clauses": ("zjzfgb-2021-03", 1286, "2021-02-10"),
}


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / f"{name}.txt").read_bytes()


def write_fixture_issues(paths: ProjectPaths, names=tuple(FIXTURE_ISSUES)) -> dict[str, Path]:
    """Write each named test issue with a correct sidecar into the project copy ``paths``; name -> text path."""
    from tests.conftest import write_issue

    out = {}
    for name in names:
        issue_id, cumulative, published = FIXTURE_ISSUES[name]
        out[name] = write_issue(paths, issue_id, fixture_bytes(name), cumulative_number=cumulative,
                                published_date=published, original_file_name=f"{name}.txt")
    return out
