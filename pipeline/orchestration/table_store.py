"""Where a publish run keeps the package's tables between its Dagster steps: one Parquet file per table under
``.build/tables/`` (the IO manager ``tables_io`` of every table asset), read back as a lazy scan.

A step that reads the tables (the checks, the staging, the publication) gets them as ``LazyFrames``
(``pipeline.schema.lazy_frames``): each table is read when the step looks it up, so a step holds the tables it
is working on, not every table of the package, and its memory does not grow with the number of issues the way
a pickle of every frame, loaded before the step starts, does.
"""

from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.base.files import write_atomically
from pipeline.base.paths import ProjectPaths
from pipeline.schema.lazy_frames import LazyFrames

#: The resource key of the IO manager the table assets name.
TABLES_IO = "tables_io"


class TableStore(dg.IOManager):
    def __init__(self, paths: ProjectPaths):
        self.folder = paths.tables

    def _path(self, key: dg.AssetKey) -> Path:
        return self.folder / f"{key.to_user_string()}.parquet"

    def handle_output(self, context: dg.OutputContext, obj: pl.DataFrame) -> None:
        write_atomically(self._path(context.asset_key),
                         lambda partial: obj.write_parquet(partial, compression="lz4", statistics=False))

    def load_input(self, context: dg.InputContext) -> pl.LazyFrame:
        return pl.scan_parquet(self._path(context.asset_key))


@dg.io_manager(required_resource_keys={"project"},
               description="The package's tables as Parquet files under .build/tables, loaded as lazy scans.")
def tables_io(init_context: dg.InitResourceContext) -> TableStore:
    return TableStore(init_context.resources.project.paths)


def lazy_tables(loaded: dict) -> LazyFrames:
    """The tables a step was given (lazy scans from ``TableStore``), read when looked up."""
    return LazyFrames({name: scan for name, scan in loaded.items() if isinstance(scan, pl.LazyFrame)})
