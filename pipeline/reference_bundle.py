"""Loading every hand-curated reference table under raw/reference/ into one ``References`` bundle."""

from __future__ import annotations

from pipeline.parse.issue import References
from pipeline.parse.units import load_units
from pipeline.paths import ProjectPaths
from pipeline.reference import load_indicators, load_regions


def load_references(paths: ProjectPaths) -> References:
    return References(regions=load_regions(paths.root), indicators=load_indicators(paths.root),
                      units=load_units(paths.root))
