"""The table store between publishing steps: a table asset's frame is written as Parquet under .build/tables and
read back as a lazy scan, which the checks read through LazyFrames only when they look a table up."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.base.paths import ProjectPaths
from pipeline.orchestration.table_store import TableStore, lazy_tables


def test_a_table_is_stored_as_parquet_and_loaded_as_a_scan(tmp_path: Path):
    paths = ProjectPaths(tmp_path)
    store = TableStore(paths)
    key = dg.AssetKey("indicators")
    frame = pl.DataFrame({"indicator_id": ["rd_expenditure", "rd_personnel"], "table_number": [1, 2]})
    store.handle_output(dg.build_output_context(asset_key=key), frame)
    assert (paths.build / "tables" / "indicators.parquet").is_file()
    assert not list((paths.build / "tables").glob("*.partial"))
    loaded = store.load_input(dg.build_input_context(asset_key=key))
    assert isinstance(loaded, pl.LazyFrame) and loaded.collect().equals(frame)
    frames = lazy_tables({"indicators": loaded, "references": object(), "package": "staged"})
    assert list(frames) == ["indicators"]  # only the tables; other inputs are the step's to pass on
    assert frames["indicators"]["indicator_id"].to_list() == ["rd_expenditure", "rd_personnel"]
