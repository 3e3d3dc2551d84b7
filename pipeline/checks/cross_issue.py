"""Checks across issues, run where the parsed issues are combined into one table.

Each issue is parsed on its own, so nothing inside one issue can see that two files are the same issue
or that two issues print the same document. ``check_combinable`` refuses both, naming both files (and, for a
shared 文号, both lines) in the usual ``<file>:<line>: expected …`` form. Pure functions over parsed rows.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from pipeline.base.errors import SourceError
from pipeline.raw.snapshot import check_distinct_issues

Rows = Mapping[str, Sequence[Mapping[str, Any]]]


def check_unique_doc_numbers(issues: Sequence[Mapping[str, Any]], documents: Sequence[Mapping[str, Any]]) -> None:
    """Refuse a document number (文号) printed in two issues (or twice in one), naming both files and lines."""
    source = {i["issue_id"]: i["source_path"] for i in issues}
    seen: dict[str, tuple[str, int]] = {}
    for doc in sorted(documents, key=lambda d: (source.get(d["issue_id"], d["issue_id"]), d["line_start"])):
        where = (source.get(doc["issue_id"], doc["issue_id"]), doc["line_start"])
        if doc["doc_number"] in seen:
            first = seen[doc["doc_number"]]
            raise SourceError(where[0], where[1], f"a document not printed before (duplicate 文号 "
                              f"{doc['doc_number']}: also in {first[0]}:{first[1]})")
        seen[doc["doc_number"]] = where


def check_combinable(parsed: Sequence[Rows]) -> None:
    """The parsed issues may be combined: distinct issues, and no 文号 in two of them."""
    issues = [row for rows in parsed for row in rows["issues"]]
    check_distinct_issues(issues)
    check_unique_doc_numbers(issues, [row for rows in parsed for row in rows["documents"]])
