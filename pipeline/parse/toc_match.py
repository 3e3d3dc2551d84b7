"""Table of contents against printed documents: which entry lists which document, and what disagrees.

An entry lists a document when their normalised numbers are equal, or, for an entry or document without a
number, when their titles (spaces folded) are. A printed document no entry lists, and an entry whose
document is not printed, are each a ``toc_mismatch`` note: the document is published all the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.parse.review import ReviewNote


def _key(row: Mapping[str, Any]) -> tuple[str, str]:
    return ("number", row["doc_number"]) if row["doc_number"] else ("title", "".join(row["title"].split()))


def _document_keys(doc: Mapping[str, Any]) -> set[tuple[str, str]]:
    keys = {_key(doc), ("title", "".join(doc["title"].split()))}
    if doc.get("plan_title"):  # an order is listed by the title of the rules it promulgates
        keys.add(("title", "".join(doc["plan_title"].split())))
    return keys


def listed_page(doc: Mapping[str, Any], toc: Sequence[Mapping[str, Any]]) -> int | None:
    """The page of the first entry that lists ``doc``, or None."""
    keys = _document_keys(doc)
    return next((e["page"] for e in toc if _key(e) in keys), None)


def toc_mismatches(toc: Sequence[Mapping[str, Any]], documents: Sequence[Mapping[str, Any]]) -> list[ReviewNote]:
    """A note per printed document no entry lists (at its title line) and per entry listing no printed
    document (at the entry's last line)."""
    listed = {_key(e) for e in toc}
    printed = set().union(*(_document_keys(d) for d in documents)) if documents else set()
    notes = [ReviewNote("toc_mismatch", d["doc_number"] or d["title"], d["line_start"],
                        "printed but not listed in the table of contents; published as its own document",
                        d["document_id"])
             for d in documents if not _document_keys(d) & listed]
    notes += [ReviewNote("toc_mismatch", e["doc_number"] or e["title"], e["line_end"],
                         f"listed in the table of contents (page {e['page']}) but not printed in the issue")
              for e in toc if _key(e) not in printed]
    return notes
