"""Where the project's folders are. Everything is relative to one root so tests can use a copy."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ROOT_ENV = "GAZETTE_ROOT"


def default_root() -> Path:
    """The project a run works on when none is named: $GAZETTE_ROOT if set, else the working directory if it
    holds raw/gazette (so `dagster dev` or `gazette` started in a copy work on that copy), else the checkout
    this package was installed from."""
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV]).resolve()
    cwd = Path.cwd()
    return cwd.resolve() if (cwd / "raw" / "gazette").is_dir() else REPO_ROOT


@dataclass(frozen=True)
class ProjectPaths:
    root: Path = REPO_ROOT

    @property
    def raw_gazette(self) -> Path:
        return self.root / "raw" / "gazette"

    @property
    def raw_reference(self) -> Path:
        return self.root / "raw" / "reference"

    @property
    def curated(self) -> Path:
        return self.root / "curated"

    @property
    def datapackage(self) -> Path:
        return self.root / "datapackage.json"

    @property
    def expectations(self) -> Path:
        return self.root / "expectations"

    @property
    def staging(self) -> Path:
        return self.root / ".build" / "staging"

    def relative(self, path: Path) -> str:
        """Repository-relative POSIX path, as published inside data files."""
        return path.resolve().relative_to(self.root.resolve()).as_posix()
