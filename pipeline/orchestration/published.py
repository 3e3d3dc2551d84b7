"""The record of the last publication, ``.build/published.json``: the package fingerprint the package in curated/
was built from (the inputs as read by that build) and whether it was checked strictly.

Written atomically by ``data_package`` after the swap, read by the plan: one small file decides whether the
package is current, so a no-op rebuild reads it, hashes the inputs and the published files, and stops,
without asking Dagster or its event log anything.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from pipeline.base.files import write_atomically
from pipeline.base.paths import ProjectPaths


@dataclass(frozen=True)
class Publication:
    fingerprint: str
    strict: bool


def read_publication(paths: ProjectPaths) -> Publication | None:
    """The record of the last publication (None: none recorded, or unreadable: the package is then stale)."""
    try:
        data = json.loads(paths.published_record.read_text(encoding="utf-8"))
        return Publication(str(data["fingerprint"]), bool(data["strict"]))
    except (FileNotFoundError, json.JSONDecodeError, KeyError, TypeError):
        return None


def record_publication(paths: ProjectPaths, publication: Publication) -> None:
    text = json.dumps(asdict(publication), sort_keys=True)
    write_atomically(paths.published_record, lambda partial: partial.write_text(text, encoding="utf-8"))
