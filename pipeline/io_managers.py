"""The IO manager of the partitioned ``parsed_issue`` asset: one pickle per issue partition, also when one run
materializes many partitions (a single-run backfill over a partition range).

Dagster's default filesystem IO manager refuses an output that spans several partitions; this one takes a
mapping ``{partition key: value}`` and stores each value under its own partition, so a run over 500 issues
writes 500 files that any later run (one partition, a range, or all of them) reads back one by one. Files go
under the instance's storage directory, like the default IO manager's.
"""

from typing import Any

import dagster as dg
from dagster._core.storage.fs_io_manager import PickledObjectFilesystemIOManager


class PartitionedPickleIOManager(PickledObjectFilesystemIOManager):
    def handle_output(self, context: dg.OutputContext, obj: Any) -> None:
        if not context.has_asset_partitions:
            return super().handle_output(context, obj)
        paths = self._get_paths_for_partitions(context)
        if set(obj) != set(paths):
            raise ValueError(f"expected one value per partition {sorted(paths)}, got {sorted(obj)}")
        for key, path in paths.items():
            self.make_directory(path.parent)
            self.dump_to_path(context=context, obj=obj[key], path=path)


@dg.io_manager(description="One pickle per partition under the instance's storage directory; a run over a "
                           "partition range writes every partition of it.")
def partitioned_pickle_io_manager(init_context: dg.InitResourceContext) -> PartitionedPickleIOManager:
    return PartitionedPickleIOManager(base_dir=init_context.instance.storage_directory())
