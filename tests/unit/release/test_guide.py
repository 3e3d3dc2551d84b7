"""Every Python, SQL, R and shell example of docs/guide.md runs against the published package, as printed.

Python blocks run in a fresh interpreter with the repository root as working directory; a ```text block right
after one is its expected output. SQL blocks run in DuckDB after the views script. Shell blocks run line by
line exactly as printed (``.venv/bin/duckdb``, ``.venv/bin/frictionless``). R blocks run with ``Rscript``
under ``LC_ALL=C`` (the example sets its own UTF-8 locale, as the guide says it must), and are skipped only
where Rscript is not installed (Debian: ``apt-get install r-base-core``; CI installs it).
"""

from __future__ import annotations

import os
import re
import shutil
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.release.sql import connect
from pipeline.base.paths import REPO_ROOT
from pipeline.schema import tables_collaborations
from pipeline.schema.registry import TABLES as REGISTRY_TABLES
from tests.support.queries import fetch, queries

#: The registry, plus the tables of this issue's modules that may not be wired into it yet.
TABLES = (*REGISTRY_TABLES, *(t for t in tables_collaborations.TABLES if t.name not in {r.name for r in REGISTRY_TABLES}))

GUIDE = REPO_ROOT / "docs" / "guide.md"
FENCE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<code>.*?)^```\n", re.MULTILINE | re.DOTALL)


def blocks(text: str) -> list[dict]:
    """Fenced blocks in order: language, code, 1-based line, and the expected output of a following text block."""
    found = []
    for match in FENCE.finditer(text):
        found.append({"lang": match["lang"], "code": match["code"], "start": match.start(), "end": match.end(),
                      "line": text.count("\n", 0, match.start()) + 1, "expected": None})
    for current, following in zip(found, found[1:]):
        if following["lang"] == "text" and not text[current["end"]:following["start"]].strip():
            current["expected"] = following["code"]
    return found


GUIDE_TEXT = GUIDE.read_text(encoding="utf-8")
BLOCKS = blocks(GUIDE_TEXT)


@pytest.fixture(scope="module")
def real_root(tmp_path_factory) -> Path:
    """The real issue's rows of the published package: the guide's printed outputs describe that issue."""
    from tests.support.package import write_real_issue_package

    return write_real_issue_package(tmp_path_factory.mktemp("real_issue"))


def _ids(lang: str) -> list:
    return [pytest.param(b, id=f"line{b['line']}") for b in BLOCKS if b["lang"] == lang]


def test_guide_has_examples_in_every_language():
    langs = [b["lang"] for b in BLOCKS]
    assert langs.count("python") >= 4 and langs.count("sql") >= 3
    assert "r" in langs and "sh" in langs
    assert all(lang in {"python", "sql", "sh", "r", "text"} for lang in langs), langs


@pytest.mark.integration
@pytest.mark.parametrize("block", _ids("python"))
def test_python_example_runs(block, real_root):
    result = subprocess.run([sys.executable, "-c", block["code"]], cwd=real_root, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, f"guide line {block['line']}:\n{result.stderr}"
    if block["expected"] is not None:
        assert result.stdout.strip() == block["expected"].strip()


@pytest.mark.parametrize("block", _ids("sql"))
def test_sql_example_runs(block):
    con = connect()
    columns, rows = fetch(con, block["code"])
    assert columns and rows, f"guide line {block['line']}: no result"


def test_sql_examples_give_the_values_of_the_source(real_root):
    sql_blocks = [b["code"] for b in BLOCKS if b["lang"] == "sql"]
    con = connect(real_root)
    led = dict((name, n) for name, _, n in fetch(con, sql_blocks[0])[1])
    assert led["省商务厅"] == 14 and led["省物价局"] == 1 and led["省海港委"] == 1
    province_vs_cities = fetch(con, sql_blocks[1])[1]
    assert province_vs_cities[0] == (2016, 1126.0, 1115.0, 11.0)  # 全省 1126 vs 336+216+88+…+15
    assert len(province_vs_cities) == 5


#: What each shell tool of the guide must print (the tools are in .venv after `make build`).
SHELL_OUTPUT = {".venv/bin/duckdb": "浙政发〔2016〕24号", ".venv/bin/frictionless": "VALID"}


@pytest.mark.integration
@pytest.mark.parametrize("block", _ids("sh"))
def test_shell_example_runs_as_printed(block):
    for line in block["code"].splitlines():
        argv = shlex.split(line)
        if argv[0] == "soffice":
            continue  # test_libreoffice_exports_every_sheet_as_utf8_csv
        assert argv[0] in SHELL_OUTPUT, f"guide line {block['line']}: {argv[0]} is not a .venv tool of make build"
        if not (REPO_ROOT / argv[0]).exists():
            pytest.skip(f"{argv[0]} is not installed (run `make build`)")
        result = subprocess.run(argv, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert SHELL_OUTPUT[argv[0]] in result.stdout


SOFFICE = shutil.which("soffice")


def _soffice_version() -> tuple[int, ...]:
    out = subprocess.run([SOFFICE, "--version"], capture_output=True, text=True, timeout=60).stdout
    found = re.search(r"(\d+)\.(\d+)", out)
    return tuple(int(g) for g in found.groups()) if found else (0,)


@pytest.mark.integration
def test_libreoffice_exports_every_sheet_as_utf8_csv(tmp_path):
    """The guide's soffice line, run as printed (from a folder whose curated/ is the package's)."""
    [line] = [line for b in BLOCKS if b["lang"] == "sh" for line in b["code"].splitlines() if line.startswith("soffice ")]
    if SOFFICE is None:
        pytest.skip("soffice is not installed (the command needs LibreOffice 7.2 or later: token 12 = -1, every "
                    "sheet, is 7.2's); the command is stated in the guide but not run here")
    if _soffice_version() < (7, 2):
        pytest.skip(f"LibreOffice {_soffice_version()} is older than 7.2, which first exports every sheet")
    (tmp_path / "curated").symlink_to(REPO_ROOT / "curated")
    env = {**os.environ, "HOME": str(tmp_path)}  # its own profile: no running instance is reused
    result = subprocess.run(shlex.split(line), cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    import openpyxl

    sheets = openpyxl.load_workbook(REPO_ROOT / "curated" / "gazette.xlsx", read_only=True).sheetnames
    written = sorted(p.name for p in (tmp_path / "gazette-csv").glob("*.csv"))
    assert written == sorted(f"gazette-{name}.csv" for name in sheets)
    units = (tmp_path / "gazette-csv" / "gazette-units.csv").read_text(encoding="utf-8")
    assert units.startswith("unit_id,name_zh,") and "省推进杭州城西科创大走廊建设联席会议其他成员单位" in units


def test_commands_in_prose_name_the_venv_tools():
    """Inline commands too: no bare `duckdb …` / `frictionless …` / `gazette …`, which are not on PATH after make build."""
    bare = re.findall(r"`((?:duckdb|frictionless|gazette) [^`]*)`", GUIDE_TEXT)
    assert bare == []
    assert "`. .venv/bin/activate`" in GUIDE_TEXT


# ---------------------------------------------------------------- R (base R from Debian's r-base-core)

RSCRIPT = shutil.which("Rscript")
needs_r = pytest.mark.skipif(RSCRIPT is None, reason="Rscript is not installed (Debian: apt-get install r-base-core; "
                                                     "CI installs it), so the guide's R examples cannot run here")


def _rscript(code: str, cwd: Path = REPO_ROOT, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    return subprocess.run([RSCRIPT, "--vanilla", "-e", code], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**clean, **env}, encoding="utf-8")


@needs_r
@pytest.mark.parametrize("block", _ids("r"))
def test_r_example_runs_even_under_the_c_locale(block, real_root):
    for env in ({"LC_ALL": "C"}, {"LANG": "C.UTF-8"}):
        result = _rscript(block["code"], real_root, **env)
        assert result.returncode == 0, f"guide line {block['line']} ({env}):\n{result.stderr}"
        if block["expected"] is not None:
            assert result.stdout.strip() == block["expected"].strip(), env


@needs_r
def test_r_needs_a_utf8_locale_as_the_guide_says():
    """Without the guide's Sys.setlocale line, LC_ALL=C makes the comparison with 省科技厅 FALSE for every row."""
    code = ('units <- read.csv("curated/units.csv", colClasses = "character", encoding = "UTF-8", na.strings = "")\n'
            'cat(sum(units$name_zh == "省科技厅"), "\\n")')
    assert _rscript(code, LC_ALL="C").stdout.split() == ["0"]
    assert _rscript(code, LANG="C.UTF-8").stdout.split() == ["1"]
    assert _rscript(code, LC_ALL="C.UTF-8").stdout.split() == ["1"]


# ---------------------------------------------------------------- DuckDB 2.0


def test_python_examples_use_no_removed_duckdb_api():
    python = "\n".join(b["code"] for b in BLOCKS if b["lang"] == "python")
    assert ".fetchone()" not in python and ".fetchmany(" not in python and "fetch_arrow_table" not in python


def test_relations_have_no_fetchone_in_the_pinned_duckdb():
    """What the guide's note says: con.sql(...).fetchone() raises on duckdb 2.x; fetchall() and unpacking works."""
    import duckdb

    con = duckdb.connect()
    assert int(duckdb.__version__.split(".")[0]) >= 2
    with pytest.raises(AttributeError, match="fetchone"):
        con.sql("SELECT 1").fetchone()
    [(one,)] = con.sql("SELECT 1").fetchall()
    assert one == 1


def test_guide_lists_every_published_table():
    section = GUIDE_TEXT.split("### The tables", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)
    missing = [t.name for t in TABLES if t.name not in listed]
    assert not missing, f"tables of the registry not described in docs/guide.md: {missing}"


def test_guide_join_table_covers_every_foreign_key():
    section = GUIDE_TEXT.split("## How the tables join", 1)[1].split("\n## ", 1)[0]
    rows = [[re.findall(r"`(\w+)`", cell) for cell in line.strip("|").split("|")]
            for line in section.splitlines() if line.startswith("| `")]
    for table in TABLES:
        for fk in table.foreign_keys:
            assert any(table.name in frm and set(fk.fields) <= set(cols) and to[:1] == [fk.resource]
                       for frm, cols, to in rows), f"{table.name}.{fk.fields} -> {fk.resource} not in the guide"


def test_guide_lists_every_example_query_with_its_question():
    section = GUIDE_TEXT.split("## Example queries", 1)[1].split("\n## ", 1)[0]
    listed = dict(re.findall(r"^\| `queries/([\w.]+)` \| (.+) \|$", section, re.MULTILINE))
    expected = {q.path.name: q.question for q in queries()}
    assert listed == expected


def test_guide_links_resolve():
    for target in re.findall(r"\]\((?!https?:|#)([^)]+)\)", GUIDE_TEXT):
        assert (GUIDE.parent / target).resolve().exists(), target
