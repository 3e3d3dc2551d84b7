"""Loading every hand-curated reference table under raw/reference/ into one ``References`` bundle."""

from __future__ import annotations

from pipeline.parse.issue import References
from pipeline.parse.targets import load_target_links
from pipeline.parse.units import load_units
from pipeline.paths import ProjectPaths
from pipeline.reference import load_indicators, load_regions


def load_references(paths: ProjectPaths) -> References:
    regions, indicators = load_regions(paths.root), load_indicators(paths.root)
    return References(regions=regions, indicators=indicators, units=load_units(paths.root),
                      target_links=load_target_links(paths.root, indicators, regions))
