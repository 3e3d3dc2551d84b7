"""The declarations of raw/reference/*.csv: each file declared once, headers as declared, and every loader
refusing what its declaration refuses, with the file and line."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.base.errors import SourceError
from pipeline.parse.targets import load_number_rules, load_target_links
from pipeline.parse.units import load_units
from pipeline.raw.references import (load_document_series, load_document_titles, load_indicators, load_regions,
                                       load_task_scopes)
from pipeline.reference.declarations import (DOCUMENT_SERIES_FILE, DOCUMENT_TITLES_FILE, REFERENCE_FILES,
                                             REGIONS_FILE, TASK_SCOPES_FILE, UNITS_FILE, ReferenceFile, read)
from pipeline.schema.registry import TABLES
from pipeline.base.paths import REPO_ROOT

ROOT = REPO_ROOT
BY_NAME = {ref.name: ref for ref in REFERENCE_FILES}

#: The loader of each declared file (what the pipeline calls); each must read through the declaration.
LOADERS: dict[str, Callable[[Path], Any]] = {
    "regions": load_regions,
    "indicators": load_indicators,
    "units": load_units,
    "number_rules": load_number_rules,
    "target_indicator_links": lambda root: load_target_links(root, load_indicators(ROOT), load_regions(ROOT)),
    "task_scopes": load_task_scopes,
    "document_titles": load_document_titles,
    "document_series": load_document_series,
}


def copy_reference(tmp_path: Path, ref: ReferenceFile, edit: Callable[[list[str]], list[str]]) -> Path:
    """A project root under tmp_path holding only ``ref``'s real file, its physical lines passed through ``edit``."""
    lines = (ROOT / ref.path).read_text(encoding="utf-8").splitlines()
    target = tmp_path / ref.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    return tmp_path


def test_every_csv_in_raw_reference_is_declared_exactly_once() -> None:
    on_disk = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "raw/reference").glob("*.csv"))
    declared = [ref.path for ref in REFERENCE_FILES]
    assert sorted(declared) == on_disk
    assert len(set(declared)) == len(declared) == 8
    assert list(BY_NAME) == ["regions", "indicators", "units", "number_rules", "target_indicator_links",
                             "task_scopes", "document_titles", "document_series"]
    assert set(LOADERS) == set(BY_NAME)


@pytest.mark.parametrize("ref", REFERENCE_FILES, ids=lambda ref: ref.name)
def test_declared_file_exists_with_its_sidecar(ref: ReferenceFile) -> None:
    assert ref.path == f"raw/reference/{ref.name}.csv"
    assert (ROOT / ref.path).is_file()
    sidecar = (ROOT / ref.path).with_suffix(".md")
    assert sidecar.is_file()
    assert sidecar.read_text(encoding="utf-8").startswith(f"# {ref.name}.csv: ")
    assert ref.description and "\n" not in ref.description


@pytest.mark.parametrize("ref", REFERENCE_FILES, ids=lambda ref: ref.name)
def test_real_header_is_the_declared_columns(ref: ReferenceFile) -> None:
    with (ROOT / ref.path).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert tuple(header) == ref.columns


def test_declared_columns_and_rows_of_the_real_files() -> None:
    assert BY_NAME["regions"].columns == ("region_code", "name_zh", "short_name_zh", "name_en", "level", "source")
    assert BY_NAME["units"].columns == ("unit_id", "name_zh", "full_name_zh", "name_en", "category", "aliases",
                                        "source")
    assert BY_NAME["task_scopes"].allow_empty and not any(r.allow_empty for r in REFERENCE_FILES
                                                          if r.name != "task_scopes")
    counts = {ref.name: len(read(ref, ROOT)) for ref in REFERENCE_FILES}
    seed = {"regions": 12, "indicators": 9, "units": 36, "number_rules": 5, "target_indicator_links": 5,
            "task_scopes": 4, "document_titles": 4, "document_series": 8}  # the rows the real issue needs
    assert counts["regions"] == 12 and all(counts[name] >= n for name, n in seed.items())  # releases add rows
    real_documents = {"zjzf-2016-24", "zjzf-2016-25", "zjzbf-2016-89", "zjzbf-2016-90"}
    for ref in (TASK_SCOPES_FILE, DOCUMENT_TITLES_FILE):
        assert real_documents <= {row["document_id"] for row in read(ref, ROOT)}
    assert read(DOCUMENT_SERIES_FILE, ROOT)[0]["id_prefix"] == "zjzf"


def test_registry_and_declarations_name_the_same_paths() -> None:
    from_registry = {t.name: t.origin.reference for t in TABLES if t.origin.reference}
    assert from_registry == {"regions": "raw/reference/regions.csv", "units": "raw/reference/units.csv"}
    assert (REGIONS_FILE.path, UNITS_FILE.path) == (from_registry["regions"], from_registry["units"])
    for name, path in from_registry.items():
        assert BY_NAME[name].path == path


def test_a_declaration_naming_an_undeclared_column_is_refused() -> None:
    with pytest.raises(ValueError, match="not among the declared columns"):
        ReferenceFile(name="x", path="raw/reference/x.csv", columns=("a", "b"), key="a", description="x",
                      patterns={"c": "^x$"})


def test_pattern_violation_names_file_and_line(tmp_path: Path) -> None:
    """杭州市 (line 3 of regions.csv) with a five-digit code: refused by the region_code pattern."""
    root = copy_reference(tmp_path, REGIONS_FILE, lambda lines: [l.replace("330100,", "33010,", 1) for l in lines])
    with pytest.raises(SourceError) as err:
        load_regions(root)
    assert (err.value.path, err.value.line, err.value.found) == ("raw/reference/regions.csv", 3, "33010")
    assert err.value.expected.startswith("region_code matching ")


def test_level_outside_the_declared_values_names_file_and_line(tmp_path: Path) -> None:
    root = copy_reference(tmp_path, REGIONS_FILE,
                          lambda lines: [l.replace(",杭州,Hangzhou,prefecture-level city,", ",杭州,Hangzhou,city,")
                                         for l in lines])
    with pytest.raises(SourceError) as err:
        read(REGIONS_FILE, root)
    assert (err.value.path, err.value.line, err.value.found) == ("raw/reference/regions.csv", 3, "city")


def test_series_key_violation_names_file_and_both_lines(tmp_path: Path) -> None:
    """浙政函 (line 4) given the prefix 浙政发 of line 2: the key prefix is no longer unique."""
    root = copy_reference(tmp_path, DOCUMENT_SERIES_FILE,
                          lambda lines: [l.replace("浙政函,zjzh,", "浙政发,zjzh,", 1) for l in lines])
    with pytest.raises(SourceError) as err:
        load_document_series(root)
    assert (err.value.path, err.value.line, err.value.found) == ("raw/reference/document_series.csv", 4, "浙政发")
    assert err.value.expected == "a unique prefix (first used on line 2)"


def test_series_id_prefix_pattern_violation(tmp_path: Path) -> None:
    root = copy_reference(tmp_path, DOCUMENT_SERIES_FILE,
                          lambda lines: [l.replace(",zjzbf,", ",ZJZBF,", 1) for l in lines])
    with pytest.raises(SourceError) as err:
        load_document_series(root)
    assert (err.value.path, err.value.line, err.value.found) == ("raw/reference/document_series.csv", 3, "ZJZBF")


@pytest.mark.parametrize("ref", REFERENCE_FILES, ids=lambda ref: ref.name)
def test_every_loader_refuses_a_repeated_key(ref: ReferenceFile, tmp_path: Path) -> None:
    """The last row of each real file written twice: its loader refuses the copy on the line after the file's
    last, naming the declared key and the line it was first used on."""
    lines = (ROOT / ref.path).read_text(encoding="utf-8").splitlines()
    root = copy_reference(tmp_path, ref, lambda lines: [*lines, lines[-1]])
    with pytest.raises(SourceError) as err:
        LOADERS[ref.name](root)
    key = (ref.key,) if isinstance(ref.key, str) else ref.key
    last = read(ref, ROOT)[-1]
    assert (err.value.path, err.value.line) == (ref.path, len(lines) + 1)
    assert err.value.found == "/".join(last[c] for c in key)
    assert err.value.expected == f"a unique {'/'.join(key)} (first used on line {len(lines)})"


@pytest.mark.parametrize("ref", [r for r in REFERENCE_FILES if r.patterns], ids=lambda ref: ref.name)
def test_every_loader_applies_the_declared_patterns(ref: ReferenceFile, tmp_path: Path) -> None:
    """Each patterned column of the first data row set to a value no declared pattern accepts."""
    for column in ref.patterns:
        index = ref.columns.index(column)

        def edit(lines: list[str]) -> list[str]:
            rows = list(csv.reader(lines))
            rows[1][index] = "?"
            return [lines[0], _csv_line(rows[1]), *lines[2:]]

        root = copy_reference(tmp_path / column, ref, edit)
        with pytest.raises(SourceError) as err:
            LOADERS[ref.name](root)
        assert (err.value.path, err.value.line, err.value.found) == (ref.path, 2, "?")
        assert err.value.expected == f"{column} matching {ref.patterns[column]}"


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def test_loaders_read_the_files_as_before() -> None:
    """The loaders on the real files: values a reader can check against raw/reference."""
    assert load_document_titles(ROOT)["zjzf-2016-25"].startswith("Opinions of the People's Government of Zhejiang")
    assert load_document_series(ROOT)["浙政办发"] == "zjzbf"
    assert {"zjzbf-2016-89", "zjzbf-2016-90", "zjzf-2016-24", "zjzf-2016-25"} <= set(load_task_scopes(ROOT))
    assert len(load_number_rules(ROOT)) >= 5  # the real issue's five; releases may add rules
    units = load_units(ROOT)
    assert units.lookup("省科技厅〔省知识产权局〕") == "zj-dept-science-technology"
    assert units.lookup("省科技厅") == "zj-dept-science-technology"
