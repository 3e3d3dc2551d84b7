"""Shared fixtures: the real raw issue, its parsed rows, and throw-away copies of the project."""

from __future__ import annotations

import hashlib
import re
import json
import shutil
from pathlib import Path

import pytest

from pipeline.parse.issue import parse_issue
from pipeline.base.paths import REPO_ROOT, ProjectPaths
from pipeline.base.paths import copy_project  # noqa: F401 (shared by the tests)
from pipeline.parse.source import RawIssue
from pipeline.schema.model import Table

RAW_TEXT = REPO_ROOT / "raw" / "gazette" / "zjzfgb-2016-26.txt"


@pytest.fixture(scope="session")
def raw_issue() -> RawIssue:
    """The real issue, 2016 第26期 (whatever other issues raw/gazette holds)."""
    from pipeline.raw.snapshot import load_issue

    return load_issue(RAW_TEXT, ProjectPaths())


@pytest.fixture(scope="session")
def references():
    from pipeline.raw.references import load_references

    return load_references(ProjectPaths())


@pytest.fixture(scope="session")
def parsed(raw_issue: RawIssue, references) -> dict:
    return parse_issue(raw_issue, references)


@pytest.fixture(autouse=True, scope="session")
def _dagster_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep Dagster away from the home directory and the repository's own instance."""
    import os

    home = tmp_path_factory.mktemp("dagster_home")
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)


def write_issue(paths: ProjectPaths, issue_id: str, data: bytes, **meta_overrides) -> Path:
    """Write a raw issue with a correct sidecar (unless overridden) into a project copy."""
    meta = json.loads((REPO_ROOT / "raw/gazette/zjzfgb-2016-26.meta.json").read_text(encoding="utf-8"))
    year, number = issue_id.split("-")[1:]
    meta.update(issue_id=issue_id, year=int(year), issue_number=int(number),
                sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    meta.update(meta_overrides)
    text_path = paths.raw_gazette / f"{issue_id}.txt"
    text_path.write_bytes(data)
    (paths.raw_gazette / f"{issue_id}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return text_path


def tree_digest(paths: ProjectPaths) -> dict[str, str]:
    """sha256 of every published file (curated/ except the DuckDB file, and datapackage.json)."""
    files = [p for p in sorted(paths.curated.iterdir()) if not p.name.startswith("gazette.duckdb")]
    files.append(paths.datapackage)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def parsed_columns(table: Table) -> list[str]:
    """The columns of a parser's rows: the registry's, less issue_id (``parse_issue`` stamps it on every row)."""
    return [c for c in table.column_names if c != "issue_id"]


def registry_violations(table: Table, rows: list[dict[str, object]], issue_id: str = "zjzfgb-2016-26") -> list[str]:
    """Rows checked against the registry declaration: keys, required, unique, enum, pattern, bounds (a parser's
    rows without issue_id get ``issue_id``, as ``parse_issue`` gives them)."""
    rows = [row if "issue_id" in row or "issue_id" not in table.column_names else {"issue_id": issue_id, **row}
            for row in rows]
    found = []
    keys = [tuple(row[c] for c in table.primary_key) for row in rows]
    if len(set(keys)) != len(keys):
        found.append(f"{table.name}: duplicate primary key")
    for f in table.fields:
        values = [row[f.name] for row in rows if row[f.name] is not None]
        if f.required and len(values) != len(rows):
            found.append(f"{f.name}: null")
        if f.unique and len(set(values)) != len(values):
            found.append(f"{f.name}: not unique")
        for value in values:
            if (f.enum is not None and value not in f.enum
                    or f.pattern is not None and not re.search(f.pattern, str(value))
                    or f.minimum is not None and value < f.minimum  # type: ignore[operator]
                    or f.maximum is not None and value > f.maximum):  # type: ignore[operator]
                found.append(f"{f.name}: {value!r}")
    return found


def with_line_replaced(lines, number: int, new_raw: str | None) -> list:
    """A copy of ``lines`` with raw line ``number`` replaced (its clean text recomputed), or deleted if None."""
    from pipeline.text.lines import Line
    from pipeline.text.normalise import fold_spaces

    out = []
    for line in lines:
        if line.number != number:
            out.append(line)
        elif new_raw is not None:
            out.append(Line(number, new_raw, fold_spaces(new_raw).strip()))
    return out


#: A second, minimal issue (other numbering and bytes) for the tests that add an issue to a project copy.
SECOND_ISSUE = """浙江省人民政府公报

GAZETTE OF THE PEOPLE'S GOVERNMENT
OF ZHEJIANG PROVINCE

2016

第27期 (总第1130期)

目 录

【省政府办公厅文件】

浙江省人民政府办公厅关于开展数据测试的
通知
(浙政办发〔2016〕95 号) (3)

浙江省人民政府办公厅关于开展数据测试的通知

浙政办发〔2016〕95号

各市、县(市、区)人民政府,省政府直属各单位:

为检验数据包对新一期公报的处理,现通知如下:

一、总体要求

(一)按期完成。2016 年底前完成测试工作。

浙江省人民政府办公厅

2016年9月30日

浙江省人民政府公报

2016年第27期(总第1130期)
10月8日出版

主管主办单位:浙江省人民政府
国内统一刊号:CN33-1354/D
网 址:<http://zfgb.zj.gov.cn>
"""


def package_frames(parsed, references):
    """Every registry table's frame for the real issue: parsed rows, reference rows and derived tables."""
    from pipeline.derive import by_table
    from pipeline.parse.issue import reference_rows
    from pipeline.schema.frames import to_frame
    from pipeline.schema.registry import TABLES

    rows = {**parsed, **reference_rows(references)}

    frames = {}
    for t in TABLES:
        derivation = by_table().get(t.name)
        frames[t.name] = to_frame(t, derivation.build(frames) if derivation else rows[t.name])
    return frames


def copy_package(dest: Path) -> Path:
    """A copy of the published package (descriptor, curated/ without the DuckDB file) and its release extras."""
    from pipeline.release import bundle

    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO_ROOT / "curated", dest / "curated", ignore=shutil.ignore_patterns("gazette.duckdb*"))
    shutil.copy2(REPO_ROOT / "datapackage.json", dest / "datapackage.json")
    shutil.copytree(REPO_ROOT / "queries", dest / "queries")
    for rel in (*bundle.ROOT_FILES, *bundle.DOC_FILES):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_ROOT / rel, dest / rel)
    return dest
