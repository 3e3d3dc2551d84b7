"""Dagster resource that tells assets where the project lives.

``root`` unset (the code location's default) means ``default_root()``, resolved when a run executes: the
GAZETTE_ROOT environment variable, else the working directory if it is a project (holds raw/gazette), else
this checkout. So a run started from the UI, the sensor or the schedule works on the project `dagster dev`
was started in, never on the checkout the virtualenv happens to be installed from. Tests and
``gazette --root`` set it explicitly.
"""

from pathlib import Path
from typing import Optional

import dagster as dg

from pipeline.base.paths import ProjectPaths, default_root


class ProjectResource(dg.ConfigurableResource):
    root: Optional[str] = None
    #: A strict build refuses to publish while the review queue is not empty (``gazette build --strict``).
    strict: bool = False

    @property
    def paths(self) -> ProjectPaths:
        return ProjectPaths(Path(self.root) if self.root else default_root())
