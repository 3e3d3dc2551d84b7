"""Exact decimal measures: declared once (``Field.decimals``), published as DECIMAL, refused when too precise."""

from decimal import Decimal

import polars as pl
import pytest

from pipeline.base.errors import BuildError
from pipeline.publish.datapackage import field_descriptor
from pipeline.schema.frames import published_types, working_types
from pipeline.schema.model import Field, Table
from pipeline.schema.registry import BY_NAME

TABLE = Table(name="t", title="T", description="test", primary_key=("line",), fields=(
    Field("line", "integer", "line", required=True),
    Field("value", "number", "a printed measure", required=True, minimum=0, decimals=1),
    Field("ratio", "number", "a computed float"),
))


def test_a_decimal_field_is_declared_once_for_every_output():
    value = BY_NAME["indicator_values"].field("value")
    assert value.decimals == 1 and value.type == "number"
    assert value.polars_dtype == pl.Float64() and value.published_dtype == pl.Decimal(18, 1)
    assert value.duckdb_type == "DECIMAL(18,1)"
    assert field_descriptor(value)["constraints"] == {"required": True, "minimum": 0,
                                                      "exclusiveMaximum": 10 ** 17}
    for table, column in (("targets", "value"), ("number_mentions", "value"), ("indicator_values", "growth_pct")):
        assert BY_NAME[table].field(column).decimals == 1
    with pytest.raises(ValueError, match="decimals=1 needs type number"):
        Field("x", "integer", "x", decimals=1)


def test_floats_become_the_decimals_they_were_read_from():
    frame = pl.DataFrame({"line": [139, 140, 141], "value": [2486.8, 45.6, 20.0], "ratio": [0.5] * 3})
    published = published_types(TABLE, frame)
    assert published.schema["value"] == pl.Decimal(18, 1) and published.schema["ratio"] == pl.Float64()
    assert published["value"].to_list() == [Decimal("2486.8"), Decimal("45.6"), Decimal("20.0")]
    assert published["value"].sum() == Decimal("2552.4")
    assert working_types(TABLE, published)["value"].to_list() == [2486.8, 45.6, 20.0]


def test_a_value_with_more_decimals_than_declared_is_refused_with_its_line():
    frame = pl.DataFrame({"line": [139, 140], "value": [2486.8, 0.1 + 0.2], "ratio": [None, None]},
                         schema={"line": pl.Int64, "value": pl.Float64, "ratio": pl.Float64})
    with pytest.raises(BuildError, match=r"table t, column value: value 0.30000000000000004 \(source line 140\) "
                                         r"has more than the 1 decimal\(s\)"):
        published_types(TABLE, frame)
