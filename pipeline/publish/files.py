"""Writing one table as Parquet and CSV, deterministically, and fingerprinting the files."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipeline.base.files import FileInfo, file_info
from pipeline.schema.frames import published_types
from pipeline.schema.model import Table


def write_table(table: Table, frame: pl.DataFrame, folder: Path) -> tuple[FileInfo, FileInfo]:
    """Write ``<table>.csv`` (UTF-8, no BOM, LF, empty string for null) and ``<table>.parquet`` (zstd), exact
    decimal columns as decimals (``published_types``)."""
    folder.mkdir(parents=True, exist_ok=True)
    frame = published_types(table, frame.select(table.column_names))
    csv_path = folder / f"{table.name}.csv"
    parquet_path = folder / f"{table.name}.parquet"
    frame.write_csv(csv_path, include_bom=False, date_format="%Y-%m-%d", null_value="", line_terminator="\n",
                    float_precision=None)
    frame.write_parquet(parquet_path, compression="zstd", statistics=True)
    return file_info(csv_path), file_info(parquet_path)
