"""Dagster resource that tells assets where the project lives (tests point it at a copy)."""


from pathlib import Path

import dagster as dg

from pipeline.paths import REPO_ROOT, ProjectPaths


class ProjectResource(dg.ConfigurableResource):
    root: str = str(REPO_ROOT)
    #: A strict build refuses to publish while the review queue is not empty (``gazette build --strict``).
    strict: bool = False

    @property
    def paths(self) -> ProjectPaths:
        return ProjectPaths(Path(self.root))
