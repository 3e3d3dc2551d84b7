"""Storing a whole part in one call, for tests that need an issue parsed as its inputs are now (the build stages
each issue's part as it parses and commits them together, ``orchestration.parse_step.parse_and_store``)."""

from __future__ import annotations

from typing import Mapping

import polars as pl

from pipeline.base.paths import ProjectPaths
from pipeline.orchestration.parts import commit_part, stage_part


def write_part(paths: ProjectPaths, issue_id: str, fingerprint: str, frames: Mapping[str, pl.DataFrame]) -> None:
    """Store one issue's typed frames (only the non-empty tables) under its fingerprint."""
    commit_part(paths, issue_id, fingerprint, stage_part(paths, issue_id, fingerprint, frames))
