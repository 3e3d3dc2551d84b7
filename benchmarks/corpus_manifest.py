"""Reading a written synthetic corpus: its corpus.json, and the real documents' task scopes and English titles
given to the synthetic documents derived from them (in memory, or appended to the corpus's reference files)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any


def read_manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "corpus.json").read_text(encoding="utf-8"))


def scope_aliases(manifest: dict[str, Any]) -> dict[str, str]:
    """synthetic document_id -> real document_id, for every derived document of the corpus."""
    return {new_id: real_id for issue in manifest["issues"] if issue["synthetic"] and issue.get("task_scopes", True)
            for new_id, real_id in issue["documents"].items()}


def alias_task_scopes(refs: Any, manifest: dict[str, Any]) -> Any:
    """``refs`` with each real document's task scope (raw/reference/task_scopes.csv) also registered under
    its synthetic document ids."""
    aliases = scope_aliases(manifest)
    scopes = dict(refs.task_scopes)
    scopes.update({new: scopes[real] for new, real in aliases.items() if real in scopes})
    return dataclasses.replace(refs, task_scopes=scopes)


def write_task_scope_aliases(out: Path, manifest: dict[str, Any]) -> int:
    """Append rows for the synthetic documents to <out>/raw/reference/task_scopes.csv and document_titles.csv
    (copies of the real documents' rows), so that a build of the corpus reads their tasks and English titles
    as reviewed too. Returns the task scope rows added."""
    _append_aliases(out / "raw" / "reference" / "document_titles.csv", manifest)
    return _append_aliases(out / "raw" / "reference" / "task_scopes.csv", manifest)


def _append_aliases(path: Path, manifest: dict[str, Any]) -> int:
    """Copy the rows of the real documents in the reference CSV ``path`` to their synthetic documents."""
    if not path.exists():
        return 0
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_id = {row["document_id"]: row for row in rows}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    added = 0
    for new_id, real_id in scope_aliases(manifest).items():
        if real_id in by_id and new_id not in by_id:
            writer.writerow({**by_id[real_id], "document_id": new_id,
                             "source": f"SYNTHETIC benchmark document derived from {real_id}: same reading"})
            added += 1
    path.write_text(text + ("" if text.endswith("\n") else "\n") + buffer.getvalue(), encoding="utf-8")
    return added
