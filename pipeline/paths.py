"""Where the project's folders are. Everything is relative to one root so tests can use a copy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


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
