"""LazyFrames: tables read when looked up, a few kept, counted without reading, changed as read."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.schema.lazy_frames import LazyFrames, height, mapped


class CountingScan:
    """A stand-in for a Parquet scan that counts how often it is collected."""

    def __init__(self, frame: pl.DataFrame):
        self.frame, self.collected = frame, 0

    def collect(self) -> pl.DataFrame:
        self.collected += 1
        return self.frame

    def select(self, *exprs):
        return self.frame.lazy().select(*exprs)


@pytest.fixture()
def scans() -> dict[str, CountingScan]:
    return {"regions": CountingScan(pl.DataFrame({"region_code": ["330000", "330100"]})),
            "years": CountingScan(pl.DataFrame({"year": [2016, 2017, 2018]})),
            "units": CountingScan(pl.DataFrame({"unit_id": ["zj-kjt"]}))}


def test_a_table_is_read_when_looked_up_and_only_the_recent_ones_are_kept(scans):
    frames = LazyFrames(scans, keep=2)
    assert "regions" in frames and "targets" not in frames and list(frames) == ["regions", "years", "units"]
    assert all(s.collected == 0 for s in scans.values())  # membership, iteration and length read nothing
    assert frames["regions"]["region_code"].to_list() == ["330000", "330100"]
    frames["regions"]
    assert scans["regions"].collected == 1  # kept
    frames["years"], frames["units"]  # regions is the least recent of three: dropped
    frames["regions"]
    assert scans["regions"].collected == 2
    with pytest.raises(KeyError):
        frames["targets"]
    assert frames.get("targets") is None


def test_height_counts_without_reading(scans):
    frames = LazyFrames(scans)
    assert height(frames, "years") == 3 and scans["years"].collected == 0
    assert height({"years": scans["years"].frame}, "years") == 3


def test_mapped_applies_a_change_to_the_named_tables_as_they_are_read(scans):
    add_one = lambda name, frame: frame.with_columns(pl.col("year") + 1)  # noqa: E731
    lazy = mapped(LazyFrames(scans), {"years"}, add_one)
    assert scans["years"].collected == 0
    assert lazy["years"]["year"].to_list() == [2017, 2018, 2019]
    assert lazy["regions"]["region_code"].to_list() == ["330000", "330100"]
    eager = mapped({"years": scans["years"].frame}, {"years"}, add_one)
    assert eager["years"]["year"].to_list() == [2017, 2018, 2019]
