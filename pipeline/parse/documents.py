"""The ``documents`` row of one document, derived from its section rows, the table of contents and the
reviewed English titles (raw/reference/document_titles.csv); a document without one is noted for review."""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from collections.abc import Mapping

from pipeline.base.errors import SourceError
from pipeline.parse.patterns import DOC_NUMBER_LINE, EFFECTIVE_CLAUSE, parse_date
from pipeline.parse.review import ReviewNote


def _only(sections: Sequence[dict[str, Any]], kind: str, source_path: str, part: str | None = None) -> dict[str, Any] | None:
    found = [s for s in sections if s["kind"] == kind and (part is None or s["part"] == part)]
    if len(found) > 1:
        raise SourceError(source_path, found[1]["line_start"], f"one {kind} per document")
    return found[0] if found else None


def build_document_row(sections: Sequence[dict[str, Any]], issue_id: str, toc: Sequence[dict[str, Any]],
                       source_path: str, titles_en: Mapping[str, str] | None = None,
                       notes: list[ReviewNote] | None = None) -> dict[str, Any]:
    """The row; ``titles_en`` maps document_id to its curated English title, and a missing one is appended to
    ``notes`` (when given) as ``missing_translation``."""
    title = _only(sections, "title", source_path, part="body")
    doc_number = _only(sections, "doc_number", source_path)
    addressees = _only(sections, "addressees", source_path)
    signature = _only(sections, "signature", source_path)
    date = _only(sections, "date", source_path)
    assert title and doc_number and addressees  # guaranteed by split_sections
    if signature is None or date is None:
        raise SourceError(source_path, sections[-1]["line_end"],
                          f"a signature (浙江省人民政府…) and a date line in {doc_number['text']}")
    signed = parse_date(date["text"])
    if signed is None:
        raise SourceError(source_path, date["line_start"], "a date YYYY年M月D日", date["text"])
    plan_title = _only(sections, "title", source_path, part="issued_text")
    effective = [s for s in sections if s["kind"] == "paragraph" and EFFECTIVE_CLAUSE.match(s["text"])]
    if len(effective) > 1:
        raise SourceError(source_path, effective[1]["line_start"], "at most one effective-date clause")
    effective_date = None
    if effective:
        m = EFFECTIVE_CLAUSE.match(effective[0]["text"])
        assert m is not None
        try:
            effective_date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise SourceError(source_path, effective[0]["line_start"], "an effective date that is a calendar day",
                              effective[0]["text"]) from None
    toc_pages = [e["page"] for e in toc if e["doc_number"] == doc_number["text"]]
    document_id = sections[0]["document_id"]
    title_en = (titles_en or {}).get(document_id)
    if title_en is None and notes is not None:
        notes.append(ReviewNote("missing_translation", title["text"], title["line_start"],
                                "documents.title_en is null", document_id))
    return {
        "document_id": document_id,
        "issue_id": issue_id,
        "doc_number": doc_number["text"],
        "title": title["text"],
        "title_en": title_en,
        "plan_title": plan_title["text"] if plan_title else None,
        "issuer": signature["text"],
        "addressees": addressees["text"].rstrip(":："),
        "signed_date": signed,
        "signed_line": date["line_start"],
        "effective_date": effective_date,
        "effective_line": effective[0]["line_start"] if effective else None,
        "toc_page": toc_pages[0] if toc_pages else None,
        "line_start": sections[0]["line_start"],
        "line_end": sections[-1]["line_end"],
    }


def unknown_series(sections: Sequence[Mapping[str, Any]], series: Mapping[str, str]) -> list[ReviewNote]:
    """A note per document whose number's series raw/reference/document_series.csv lacks (provisional id), at
    the line of its document number."""
    notes = []
    for row in (s for s in sections if s["kind"] == "doc_number"):
        m = DOC_NUMBER_LINE.match(row["text"])
        if m and m.group(1) not in series:
            notes.append(ReviewNote("unknown_document_series", row["text"], row["line_start"],
                                    f"published with the provisional document id {row['document_id']} (series "
                                    f"{m.group(1)})", row["document_id"]))
    return notes
