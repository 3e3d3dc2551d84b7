"""Every table declares where its rows come from, and the parsers, reference loaders and derivations agree."""

import pytest

from pipeline.derive import by_table
from pipeline.parse.issue import reference_rows
from pipeline.schema.model import Origin
from pipeline.schema.registry import TABLES, table


def test_origins_as_declared():
    assert table("regions").origin == Origin(reference="raw/reference/regions.csv")
    assert table("units").origin == Origin(reference="raw/reference/units.csv", parsed=True)
    assert table("review_items").origin == Origin(parsed=True)
    assert table("unit_collaborations").origin.derived_from == ("task_units", "tasks")
    assert table("findings").origin.derived_from == ("indicators", "indicator_values", "target_comparisons")
    assert table("target_comparisons").origin.derived_from == ("targets", "indicators", "indicator_values")


def test_reference_files_fill_exactly_the_tables_that_declare_them(references):
    assert set(reference_rows(references)) == {t.name for t in TABLES if t.origin.reference}


def test_the_parser_fills_exactly_the_parsed_tables(parsed):
    assert set(parsed) == {t.name for t in TABLES if t.origin.parsed}


def test_derivations_exist_for_exactly_the_derived_tables_and_read_the_declared_inputs():
    derivations = by_table()
    assert set(derivations) == {t.name for t in TABLES if t.origin.derived}
    names = [t.name for t in TABLES]
    for name, derivation in derivations.items():
        assert derivation.inputs == table(name).origin.derived_from
        assert all(names.index(i) < names.index(name) for i in derivation.inputs)  # inputs published first


def test_an_origin_is_either_derived_or_read():
    with pytest.raises(ValueError):
        Origin()
    with pytest.raises(ValueError):
        Origin(parsed=True, derived_from=("tasks",))
