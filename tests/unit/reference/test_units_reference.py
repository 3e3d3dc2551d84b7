"""raw/reference/units.csv: valid, and in exact agreement with the responsibility clauses of the issue."""

from __future__ import annotations


import pytest

from pipeline.base.errors import SourceError
from pipeline.parse.responsibility import (
    FIRST_LISTED_LEADS,
    LABELLED,
    find_responsibility_clause,
    parse_clause,
)
from pipeline.parse.units import index_units, load_units, provisional_unit, provisional_unit_id, split_aliases
from pipeline.reference.declarations import UNITS_FILE
from pipeline.schema.tables_tasks import UNIT_CATEGORIES, UNITS
from pipeline.text.lines import split_lines
from pipeline.base.paths import REPO_ROOT

ROOT = REPO_ROOT
LINES = split_lines((ROOT / "raw" / "gazette" / "zjzfgb-2016-26.txt").read_text(encoding="utf-8"))
#: 浙政发〔2016〕25号 starts at line 289; its clauses follow first_listed_leads, 24号's are labelled.
FIRST_LINE_OF_25 = 289


@pytest.fixture(scope="module")
def units():
    return load_units(ROOT)


def clause_mentions() -> list[tuple[str, int]]:
    """Every (name as written, line) in a responsibility clause of the issue, found line by line."""
    out = []
    for ln in LINES:
        clause = find_responsibility_clause(ln.clean)
        if clause is not None:
            convention = FIRST_LISTED_LEADS if ln.number >= FIRST_LINE_OF_25 else LABELLED
            out += [(a.name_as_written, ln.number) for a in parse_clause(clause.text, convention, line=ln.number)]
    return out


def real_issue_units(units) -> list[dict]:
    """The units whose source names the real issue (later issues may add units of their own)."""
    return [row for row in units.rows if "zjzfgb-2016-26.txt" in row["source"]]


def test_columns_match_the_schema(units):
    assert [*UNITS_FILE.columns, "status"] == UNITS.column_names
    assert len(real_issue_units(units)) == 36
    assert {row["category"] for row in units.rows} <= set(UNIT_CATEGORIES)


def test_every_clause_name_resolves_and_every_unit_is_named(units):
    mentions = clause_mentions()
    assert len(mentions) == 202
    written = {name for name, _ in mentions}
    real = real_issue_units(units)
    aliases = {alias for row in real for alias in split_aliases(row["aliases"])}
    assert written <= aliases  # no missing alias
    for row in real:  # an alias the real issue never writes is one its source says where it is written
        for alias in set(split_aliases(row["aliases"])) - written:
            assert f"written {alias} at line" in row["source"], (row["unit_id"], alias)
    named = {units.lookup(name) for name, _ in mentions}
    assert named == {row["unit_id"] for row in real}


def test_ren_she_ting_and_ren_she_bao_ting_are_one_unit(units):
    assert units.lookup("省人社保厅") == units.lookup("省人社厅") == "zj-dept-human-resources-social-security"


def test_ip_office_nameplate_is_the_science_department(units):
    assert units.lookup("省科技厅〔省知识产权局〕") == units.lookup("省科技厅") == "zj-dept-science-technology"
    assert units.lookup("省知识产权局") is None  # never written alone; not invented


@pytest.mark.parametrize("a, b", [
    ("省国税局", "省地税局"),
    ("杭州海关", "宁波海关"),
    ("浙江银监局", "浙江保监局"),
    ("浙江检验检疫局", "宁波检验检疫局"),
    ("杭州市政府", "宁波市政府"),
])
def test_look_alikes_are_different_bodies(units, a, b):
    assert units.lookup(a) is not None and units.lookup(b) is not None
    assert units.lookup(a) != units.lookup(b)


@pytest.mark.parametrize("name, unit_id, category", [
    ("人行杭州中心支行", "cn-pbc-hangzhou", "central_branch"),
    ("出口信用保险浙江分公司", "fin-sinosure-zhejiang", "financial_institution"),
    ("进出口银行浙江省分行", "fin-chexim-zhejiang", "financial_institution"),
    ("杭州市政府", "city-gov-hangzhou", "municipal_government"),
    ("宁波市政府", "city-gov-ningbo", "municipal_government"),
    ("省国税局", "cn-sat-zhejiang", "central_branch"),
    ("省外汇管理局", "cn-safe-zhejiang", "central_branch"),
    ("省委人才办", "zj-party-talent-office", "party_organ"),
    ("省法院", "zj-court-higher", "court"),
    ("省科协", "zj-assoc-science-technology", "mass_organisation"),
    ("省推进杭州城西科创大走廊建设联席会议其他成员单位", "zj-collective-hangzhou-west-corridor-members", "collective"),
])
def test_categories_of_special_bodies(units, name, unit_id, category):
    assert units.lookup(name) == unit_id
    row = next(r for r in units.rows if r["unit_id"] == unit_id)
    assert row["category"] == category


def test_unit_ids_follow_the_category_prefix(units):
    for row in units.rows:
        assert row["unit_id"].startswith(UNIT_CATEGORIES[row["category"]])
        assert row["name_zh"] in split_aliases(row["aliases"])


# --- failure modes ---------------------------------------------------------------------------------------


def test_an_unknown_name_gets_a_deterministic_provisional_unit(units):
    assert units.lookup("省知识产权局") is None and units.lookup("省科技厅") == "zj-dept-science-technology"
    row = provisional_unit("省统计局")
    assert row["unit_id"] == provisional_unit_id("省统计局") == "zj-provisional-" + \
        __import__("hashlib").sha256("省统计局".encode()).hexdigest()[:10]
    assert (row["name_zh"], row["aliases"], row["category"], row["status"]) == (
        "省统计局", "省统计局", "unclassified", "provisional")
    assert row == provisional_unit("省统计局") and list(row) == UNITS.column_names


def test_curated_rows_are_published_with_status_and_nulls(units):
    published = units.published_rows()
    assert {row["status"] for row in published} == {"curated"}
    collective = [row for row in published if row["category"] == "collective"]
    assert [row["name_en"] for row in collective] == [
        "Other Member Units of the Provincial Joint Conference on Building the Hangzhou West Science and Technology "
        "Innovation Corridor"]
    assert "no official English name exists" in collective[0]["source"]


def _rows(units, **changes_of_row_3):
    rows = [dict(r) for r in units.rows]
    rows[3].update(changes_of_row_3)
    return rows


@pytest.mark.parametrize("changes, message", [
    ({"category": "provincial_ministry"}, "a category among"),
    ({"category": "unclassified", "unit_id": "zj-provisional-abc"}, "a category among"),
    ({"category": "provincial_bureau"}, "a unit_id starting 'zj-bureau-'"),
    ({"aliases": "省财政"}, "aliases including name_zh"),
    ({"aliases": "省财政厅|省科技厅"}, "an alias not already claimed"),
    ({"aliases": "省财政厅||财政厅"}, "non-blank"),
])
def test_bad_reference_rows_raise_with_the_csv_line(units, changes, message):
    with pytest.raises(SourceError, match=message) as err:
        index_units(_rows(units, **changes), "raw/reference/units.csv")
    assert err.value.line == 5 and err.value.path == "raw/reference/units.csv"  # row index 3 -> CSV line 5


def test_loader_rejects_a_malformed_file(tmp_path):
    target = tmp_path / "raw" / "reference"
    target.mkdir(parents=True)
    text = (ROOT / "raw" / "reference" / "units.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[2] = lines[2].replace("zj-comm-development-reform", "ZJ Comm")
    (target / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        load_units(tmp_path)
    assert err.value.line == 3 and err.value.path == "raw/reference/units.csv"


@pytest.mark.parametrize("source, ok", [
    ("named in responsibility clauses at lines 60, 68 of zjzfgb-2016-26.txt", True),
    ("named in responsibility clauses at line 76 (first of 3) of zjzfgb-2016-27.txt; written 省发改委", True),
    ("named in the 2016 task lists", False),
    ("named in responsibility clauses at lines 60, 68", False),
])
def test_a_unit_source_must_name_its_lines_and_raw_file(tmp_path, source, ok):
    """The rule on units.source is a build check of the reference reader (UNIT_SOURCE_PATTERN), with the line."""
    from pipeline.reference.declarations import UNITS_FILE, read

    target = tmp_path / "raw" / "reference"
    target.mkdir(parents=True)
    lines = (ROOT / "raw" / "reference" / "units.csv").read_text(encoding="utf-8").splitlines()
    row = lines[3].rsplit(",", 1)[0] if not lines[3].endswith('"') else lines[3][:lines[3].index(',"named')]
    lines[3] = f'{row},"{source}"'
    (target / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if ok:
        assert read(UNITS_FILE, tmp_path)[2]["source"] == source
    else:
        with pytest.raises(SourceError, match="source matching named in responsibility clauses") as err:
            read(UNITS_FILE, tmp_path)
        assert err.value.line == 4 and err.value.path == "raw/reference/units.csv"


def test_a_placeholder_of_review_suggest_left_in_a_reference_file_is_refused(tmp_path):
    from pipeline.reference.declarations import UNITS_FILE, read

    target = tmp_path / "raw" / "reference"
    target.mkdir(parents=True)
    lines = (ROOT / "raw" / "reference" / "units.csv").read_text(encoding="utf-8").splitlines()
    lines.append("zj-bureau-<FILL: english-subject>,省大数据局,<FILL: official full name>,,provincial_bureau,"
                 "省大数据局,named in responsibility clauses at line 76 of zjzfgb-2016-27.txt")
    (target / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError, match="unit_id written by a curator in place of the placeholder") as err:
        read(UNITS_FILE, tmp_path)
    assert err.value.line == len(lines)
