"""The findings table as the build types it: ``derive.findings.build`` over some frames, typed by the registry
(the build's own path is the ``findings`` asset: the same two calls)."""

from __future__ import annotations

from typing import Mapping

import polars as pl

from pipeline.derive.findings import build
from pipeline.derive.target_comparisons import comparisons_frame
from pipeline.schema.frames import to_frame
from pipeline.schema.tables_findings import FINDINGS


def findings_frame(frames: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """The findings of ``frames`` (indicators, indicator_values and optionally targets) in published order; the
    targets are compared first (``target_comparisons``, which findings reads), as the build derives them."""
    if "targets" in frames and "target_comparisons" not in frames:
        frames = {**frames, "target_comparisons": comparisons_frame(frames)}
    return to_frame(FINDINGS, build(frames))
