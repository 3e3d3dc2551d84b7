"""Reference CSV loader: the real files load; every kind of bad file fails with its CSV line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.base.errors import SourceError
from pipeline.parse.issue import region_rows
from pipeline.reference.reader import load_reference, parse_reference, row_line
from pipeline.raw.references import load_indicators, load_regions
from pipeline.reference.declarations import INDICATORS_FILE, REGIONS_FILE
from pipeline.base.paths import REPO_ROOT

ROOT = REPO_ROOT
COLUMNS = ("code", "name", "note")
PATH = "raw/reference/example.csv"


def load(text: str, **options: object) -> list[dict[str, str]]:
    return parse_reference(text, PATH, COLUMNS, "code", **options)  # type: ignore[arg-type]


def error(text: str, **options: object) -> SourceError:
    with pytest.raises(SourceError) as info:
        load(text, **options)
    assert info.value.path == PATH
    return info.value


GOOD = "code,name,note\na1,甲,first\na2,乙,\"second, with a comma\"\n"


def test_real_regions() -> None:
    regions = load_regions(ROOT)
    assert len(regions) == 12
    assert list(regions[0]) == list(REGIONS_FILE.columns)
    by_code = {row["region_code"]: row for row in regions}
    assert (by_code["330000"]["short_name_zh"], by_code["330000"]["level"]) == ("全省", "province")
    assert by_code["330100"]["name_zh"] == "杭州市" and by_code["330100"]["name_en"] == "Hangzhou"
    assert (by_code["330400"]["short_name_zh"], by_code["330500"]["short_name_zh"]) == ("嘉兴", "湖州")
    assert by_code["331100"]["name_zh"] == "丽水市"
    assert sum(row["level"] == "prefecture-level city" for row in regions) == 11
    assert list(region_rows(regions)[0]) == ["region_code", "name_zh", "short_name_zh", "name_en", "level"]


def test_real_indicators() -> None:
    indicators = load_indicators(ROOT)
    assert [row["indicator_id"] for row in indicators] == [
        "rd_expenditure", "rd_personnel", "high_tech_industry_value_added", "high_tech_industry_investment",
        "new_high_tech_enterprises", "new_tech_smes", "invention_patents_granted", "technology_transaction_value",
        "new_industrial_product_output"]
    assert list(indicators[0]) == list(INDICATORS_FILE.columns)
    assert len({row["name_zh"] for row in indicators}) == 8  # eight tables, table 5 with two measures


def test_good_file_and_row_lines() -> None:
    rows = load(GOOD)
    assert rows == [{"code": "a1", "name": "甲", "note": "first"},
                    {"code": "a2", "name": "乙", "note": "second, with a comma"}]
    assert [row_line(i) for i in range(len(rows))] == [2, 3]


def test_load_from_file(tmp_path: Path) -> None:
    path = tmp_path / "example.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert len(load_reference(path, COLUMNS, "code")) == 2
    path.write_text(GOOD.replace("a2", "a1"), encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_reference(path, COLUMNS, "code", display_path=PATH)
    assert (info.value.path, info.value.line) == (PATH, 3)


def test_missing_and_undecodable_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        load_reference(tmp_path / "absent.csv", COLUMNS, "code")
    assert info.value.line is None
    path = tmp_path / "latin1.csv"
    path.write_bytes("code,name,note\na1,caf\xe9,x\n".encode("latin-1"))
    with pytest.raises(SourceError):
        load_reference(path, COLUMNS, "code")


def test_wrong_header() -> None:
    assert error("code,name\na1,甲\n").line == 1
    assert error("code,note,name\na1,x,甲\n").line == 1
    assert error("").line == 1


def test_wrong_cell_count() -> None:
    assert error(GOOD + "a3,丙\n").line == 4
    assert error(GOOD + "a3,丙,x,y\n").line == 4


def test_blank_required_cell() -> None:
    assert error(GOOD + "a3,,x\n").line == 4
    assert load(GOOD + "a3,丙,\n", optional=("note",))[-1]["note"] == ""
    assert error(GOOD + "a3,丙,\n").line == 4


def test_whitespace_around_cell() -> None:
    assert error(GOOD + "a3, 丙,x\n").line == 4


def test_duplicate_key() -> None:
    failure = error(GOOD + "a1,丙,x\n")
    assert failure.line == 4 and "line 2" in failure.expected


def test_unique_columns_and_compound_key() -> None:
    assert error(GOOD + "a3,甲,x\n", unique=("name",)).line == 4
    rows = parse_reference("code,name,note\na1,甲,x\na1,乙,x\n", PATH, COLUMNS, ("code", "name"))
    assert len(rows) == 2
    with pytest.raises(SourceError) as info:
        parse_reference("code,name,note\na1,甲,x\na1,甲,y\n", PATH, COLUMNS, ("code", "name"))
    assert info.value.line == 3


def test_pattern() -> None:
    assert error(GOOD + "A3,丙,x\n", patterns={"code": r"^[a-z]\d$"}).line == 4


def test_blank_line_and_line_endings() -> None:
    assert error("code,name,note\na1,甲,x\n\na2,乙,y\n").line == 3
    assert error("code,name,note\r\na1,甲,x\r\n\r\na2,乙,y\r\n").line == 3  # CRLF: same lines, same checks


def test_crlf_and_bom_read_the_same_rows(tmp_path: Path) -> None:
    """The gazette text's line-ending policy holds for reference CSVs: BOM dropped, CRLF/CR read as LF."""
    expected = load(GOOD)
    assert load(GOOD.replace("\n", "\r\n")) == expected
    assert load("\ufeff" + GOOD.replace("\n", "\r")) == expected
    real = (ROOT / "raw/reference/regions.csv").read_bytes()
    (tmp_path / "raw/reference").mkdir(parents=True)
    (tmp_path / "raw/reference/regions.csv").write_bytes(b"\xef\xbb\xbf" + real.replace(b"\n", b"\r\n"))
    assert b"\r\n" in (tmp_path / "raw/reference/regions.csv").read_bytes()
    assert load_regions(tmp_path) == load_regions(ROOT)
    assert load_regions(tmp_path)[0]["region_code"] == "330000"


def test_line_break_inside_cell() -> None:
    assert error('code,name,note\na1,甲,"two\nlines"\n').line == 2


def test_no_rows() -> None:
    assert error("code,name,note\n").line == 2


def test_undeclared_option_column() -> None:
    with pytest.raises(ValueError, match=r"^\['missing'\] are not among the declared columns \['code', 'name', 'note'\]$"):
        load(GOOD, unique=("missing",))
    with pytest.raises(ValueError, match=r"^\['other'\] are not among"):
        load(GOOD, patterns={"other": "^x$"})
