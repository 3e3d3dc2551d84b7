"""Checking that a written synthetic corpus parses: every issue through ``parse_issue``, strict and with the real
documents' task scopes aliased to the synthetic ones, compared with the real issue."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from corpus_manifest import alias_task_scopes, read_manifest
from pipeline.base.paths import ProjectPaths


def _counts(rows: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    counts = {table: len(r) for table, r in rows.items()}
    counts["targets linked to an indicator"] = sum(1 for t in rows["targets"] if t["indicator_id"])
    counts["targets within a task"] = sum(1 for t in rows["targets"] if t["task_id"])
    return counts


def verify(out: Path) -> dict[str, Any]:
    """Parse every issue of the corpus with ``load_all`` + ``parse_issue``, strict and with aliased task scopes.

    Returns, per mode, the row counts of the real issue and the distinct row counts of the synthetic issues
    (with how many issues have them), the tables where they differ, and the document ids that occur twice.
    Raises if any issue fails to parse."""
    from pipeline.parse.issue import parse_issue
    from pipeline.raw.snapshot import load_all
    from pipeline.raw.references import load_references

    manifest = read_manifest(out)
    paths = ProjectPaths(out)
    refs = load_references(paths)
    raws = {raw.issue_id: raw for raw in load_all(paths)}  # also checks that (year, issue_number) is unique
    report: dict[str, Any] = {"issues": len(raws), "bytes": manifest["bytes"]}
    for mode in ("strict", "aliased_task_scopes"):
        mode_refs = alias_task_scopes(refs, manifest) if mode != "strict" else refs
        real: dict[str, int] = {}
        synthetic: Counter[str] = Counter()
        documents: Counter[str] = Counter()
        for issue in manifest["issues"]:
            rows = parse_issue(raws[issue["issue_id"]], mode_refs)
            documents.update(d["document_id"] for d in rows["documents"])
            if sorted(d["document_id"] for d in rows["documents"]) != sorted([*issue["documents"],
                                                                              *issue.get("added_documents", [])]):
                raise AssertionError(f"{issue['issue_id']}: document ids differ from the manifest")
            counts = _counts(rows)
            if issue["synthetic"]:
                synthetic[json.dumps(counts, ensure_ascii=False)] += 1
            else:
                real = counts
        variants = [{"issues": k, "rows": json.loads(c)} for c, k in synthetic.most_common()]
        differing = sorted({t for v in variants for t, c in v["rows"].items() if real and c != real.get(t)})
        report[mode] = {"real_issue_rows": real, "synthetic_issue_rows": variants,
                        "tables_that_differ": {t: {"real": real.get(t),
                                                   "synthetic": sorted({v["rows"][t] for v in variants})}
                                               for t in differing},
                        "duplicate_document_ids": sorted(d for d, k in documents.items() if k > 1)}
    return report
