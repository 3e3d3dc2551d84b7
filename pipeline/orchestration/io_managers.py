"""The IO manager of the partitioned ``parsed_issue`` asset: one pickle per issue partition, also when one run
materializes many partitions (a single-run backfill over a partition range).

Dagster's default filesystem IO manager refuses an output that spans several partitions; this one takes a
mapping ``{partition key: value}`` and stores each value under its own partition, so a run over 500 issues
writes 500 files that any later run (one partition, a range, or all of them) reads back one by one. Built on
Dagster's public ``UPathIOManager`` (paths, loading of one or many partitions); files go under the instance's
storage directory, like the default IO manager's.
"""

import pickle
from typing import Any

import dagster as dg
from upath import UPath


class PartitionedPickleIOManager(dg.UPathIOManager):
    def __init__(self, base_path: UPath):
        super().__init__(base_path=base_path)
        self.root = base_path

    def dump_to_path(self, context: dg.OutputContext, obj: Any, path: UPath) -> None:
        with path.open("wb") as file:
            pickle.dump(obj, file, protocol=pickle.HIGHEST_PROTOCOL)

    def load_from_path(self, context: dg.InputContext, path: UPath) -> Any:
        with path.open("rb") as file:
            return pickle.load(file)

    def handle_output(self, context: dg.OutputContext, obj: Any) -> None:
        if not context.has_asset_partitions:
            return super().handle_output(context, obj)
        keys = context.asset_partition_keys
        if set(obj) != set(keys):
            raise ValueError(f"expected one value per partition {sorted(keys)}, got {sorted(obj)}")
        folder = self.root / self.get_asset_relative_path(context)
        for key in keys:  # where UPathIOManager.load_input looks for each partition
            path = self.get_path_for_partition(context, folder, key)
            self.make_directory(path.parent)
            self.dump_to_path(context=context, obj=obj[key], path=path)


@dg.io_manager(description="One pickle per partition under the instance's storage directory; a run over a "
                           "partition range writes every partition of it.")
def partitioned_pickle_io_manager(init_context: dg.InitResourceContext) -> PartitionedPickleIOManager:
    return PartitionedPickleIOManager(base_path=UPath(init_context.instance.storage_directory()))
