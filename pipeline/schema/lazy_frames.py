"""Tables read when a step asks for them: a mapping of table name to frame that holds lazy scans (the Parquet
files the build stores its tables in) and collects a table only when it is looked up.

A publishing step of a package of many issues reads every table, but needs one or two at a time: with
``LazyFrames`` its memory holds the tables it is working on (the ``keep`` most recently read), not the whole
package. Anything that takes ``Mapping[str, pl.DataFrame]`` takes it unchanged; ``height`` counts a table's rows
without reading it, and ``mapped`` gives the same tables with a per-table change applied as each is read.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Iterator, Mapping

import polars as pl

Transform = Callable[[str, pl.DataFrame], pl.DataFrame]


class LazyFrames(Mapping[str, pl.DataFrame]):
    def __init__(self, scans: Mapping[str, pl.LazyFrame], transform: Transform | None = None, keep: int = 4):
        self._scans = dict(scans)
        self._transform = transform
        self._keep = keep
        self._recent: OrderedDict[str, pl.DataFrame] = OrderedDict()

    def __getitem__(self, name: str) -> pl.DataFrame:
        if name in self._recent:
            self._recent.move_to_end(name)
            return self._recent[name]
        frame = self._scans[name].collect()
        if self._transform is not None:
            frame = self._transform(name, frame)
        self._recent[name] = frame
        while len(self._recent) > self._keep:
            self._recent.popitem(last=False)
        return frame

    def __contains__(self, name: object) -> bool:  # without reading the table
        return name in self._scans

    def __iter__(self) -> Iterator[str]:
        return iter(self._scans)

    def __len__(self) -> int:
        return len(self._scans)

    def height(self, name: str) -> int:
        """Rows of a table, counted from its scan (the Parquet metadata), without reading it."""
        return int(self._scans[name].select(pl.len()).collect().item())

    def mapped(self, transform: Transform) -> "LazyFrames":
        """The same tables, ``transform(name, frame)`` applied to each as it is read (after this one's own)."""
        inner = self._transform

        def both(name: str, frame: pl.DataFrame) -> pl.DataFrame:
            return transform(name, inner(name, frame) if inner is not None else frame)

        return LazyFrames(self._scans, both, self._keep)


def height(frames: Mapping[str, pl.DataFrame], name: str) -> int:
    """Rows of ``frames[name]``, without reading the table when ``frames`` is lazy."""
    return frames.height(name) if isinstance(frames, LazyFrames) else frames[name].height


def mapped(frames: Mapping[str, pl.DataFrame], names: set[str], transform: Transform) -> Mapping[str, pl.DataFrame]:
    """``frames`` with ``transform(name, frame)`` applied to the tables in ``names`` (lazily when ``frames`` is
    lazy, at once otherwise); other tables unchanged."""
    only = lambda name, frame: transform(name, frame) if name in names else frame  # noqa: E731
    if isinstance(frames, LazyFrames):
        return frames.mapped(only)
    return {name: only(name, frame) for name, frame in frames.items()}
