"""The ``documents`` row of one document, derived from its section rows, the table of contents and the
reviewed English titles (raw/reference/document_titles.csv); a document without one is noted for review, and
so is a document in a form no reader knows (``unrecognised_document_form``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Sequence

from pipeline.base.errors import SourceError
from pipeline.parse.forms import document_form
from pipeline.parse.patterns import (
    DOC_NUMBER_LINE,
    EFFECTIVE_CLAUSE,
    EFFECTIVE_IN_TEXT,
    ISSUER_LINE,
    MARKERS,
    ORDER_NUMBER_LINE,
    ORDER_SERIES,
    normalise_doc_number,
    parse_date,
)
from pipeline.parse.review import ReviewNote
from pipeline.parse.toc_match import listed_page
from pipeline.schema.tables_core import DOCUMENTS


def _only(sections: Sequence[dict[str, Any]], kind: str, source_path: str, part: str | None = None) -> dict[str, Any] | None:
    found = [s for s in sections if s["kind"] == kind and (part is None or s["part"] == part)]
    if len(found) > 1:
        raise SourceError(source_path, found[1]["line_start"], f"one {kind} per document")
    return found[0] if found else None


def _clause_text(row: Mapping[str, Any]) -> str:
    """A paragraph's text, or an article's without its 第X条 marker (an effective clause may be an article)."""
    if row["kind"] == "item" and row["marker"] and MARKERS["article"].match(row["marker"]):
        return row["text"][len(row["marker"]):].lstrip()
    return row["text"] if row["kind"] == "paragraph" else ""


def _effective(sections: Sequence[dict[str, Any]], source_path: str,
               form: str = "notice") -> tuple[dt.date | None, int | None]:
    """(effective date, its line) from the one paragraph or article that is only an effective clause; for an
    order whose rules print none, from its promulgation (…现予公布,自YYYY年M月D日起施行)."""
    effective = [(s, m) for s in sections if (m := EFFECTIVE_CLAUSE.match(_clause_text(s)))]
    if not effective and form == "order":
        effective = [(s, m) for s in sections if s["part"] == "body" and s["kind"] == "paragraph"
                     and (m := EFFECTIVE_IN_TEXT.search(s["text"]))][:1]
    if len(effective) > 1:
        raise SourceError(source_path, effective[1][0]["line_start"], "at most one effective-date clause")
    if not effective:
        return None, None
    row, m = effective[0]
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), row["line_start"]
    except ValueError:
        raise SourceError(source_path, row["line_start"], "an effective date that is a calendar day",
                          row["text"]) from None


def _signed(sections: Sequence[dict[str, Any]], form: str, number: str | None,
            source_path: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None, dt.date | None]:
    """(signature row, date row, signing date); every form but unrecognised must print both."""
    signature = _only(sections, "signature", source_path)
    date = _only(sections, "date", source_path)
    if (signature is None or date is None) and form != "unrecognised":
        raise SourceError(source_path, sections[-1]["line_end"],
                          f"a signature (浙江省人民政府… or 省长 …) and a date line in {number}")
    signed = parse_date(date["text"]) if date else None
    if date is not None and signed is None:
        raise SourceError(source_path, date["line_start"], "a date YYYY年M月D日", date["text"])
    return signature, date, signed


def build_document_row(sections: Sequence[dict[str, Any]], issue_id: str, toc: Sequence[dict[str, Any]],
                       source_path: str, titles_en: Mapping[str, str] | None = None,
                       notes: list[ReviewNote] | None = None,
                       translations: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The row; ``titles_en`` maps document_id to its curated English title, ``translations`` a Chinese title
    as printed to the English title curated for a document printed with it (a title identical to a curated
    one takes its translation, except an order's head line, which every order prints). A title neither gives is appended to ``notes`` (when given) as
    ``missing_translation``, an unrecognised form as ``unrecognised_document_form``."""
    form = document_form(sections)
    title = _only(sections, "title", source_path, part="body")
    number = _only(sections, "doc_number", source_path)
    printed = number["text"] if number else None
    doc_number = (normalise_doc_number(title["text"] + printed) if form == "order" else
                  normalise_doc_number(printed) if printed else None)
    addressees = _only(sections, "addressees", source_path)
    signature, date, signed = _signed(sections, form, doc_number, source_path)
    plan_title = _only(sections, "title", source_path, part="issued_text")
    note = _only(sections, "publication_note", source_path)
    effective_date, effective_line = _effective(sections, source_path, form)
    document_id = sections[0]["document_id"]
    assert title is not None
    reused = (translations or {}).get(title["text"]) if form != "order" else None  # every order: 浙江省人民政府令
    title_en = (titles_en or {}).get(document_id) or reused
    if notes is not None and title_en is None:
        notes.append(ReviewNote("missing_translation", title["text"], title["line_start"],
                                "documents.title_en is null", document_id))
    if notes is not None and form == "unrecognised":
        notes.append(ReviewNote("unrecognised_document_form", title["text"], title["line_start"],
                                f"published as {document_id} with its {len(sections)} sections; no 文号 or order "
                                "number is printed", document_id))
    signer = signature["text"] if signature else None
    row = {
        "document_id": document_id, "issue_id": issue_id, "form": form, "doc_number": doc_number,
        "doc_number_printed": printed, "title": title["text"], "title_en": title_en,
        "plan_title": plan_title["text"] if plan_title else None,
        "issuer": signer if signer and ISSUER_LINE.match(signer) else ORDER_SERIES[:-1] if form == "order" else None,
        "signatory": signer if signer and not ISSUER_LINE.match(signer) else None,
        "addressees": addressees["text"].rstrip(":：") if addressees else None,
        "signed_date": signed, "signed_line": date["line_start"] if date else None,
        "publication_note": note["text"] if note else None,
        "effective_date": effective_date, "effective_line": effective_line, "task_scope": "rule",
        "line_start": sections[0]["line_start"], "line_end": sections[-1]["line_end"],
    }
    row["toc_page"] = listed_page(row, toc)
    return {c: row[c] for c in DOCUMENTS.column_names}


def unknown_series(sections: Sequence[Mapping[str, Any]], series: Mapping[str, str]) -> list[ReviewNote]:
    """A note per document whose number's series raw/reference/document_series.csv lacks (provisional id), at
    the line of its document number."""
    notes = []
    for row in (s for s in sections if s["kind"] == "doc_number"):
        m = DOC_NUMBER_LINE.match(row["text"])
        prefix = m.group(1) if m else ORDER_SERIES if ORDER_NUMBER_LINE.match(row["text"]) else None
        if prefix and prefix not in series:
            notes.append(ReviewNote("unknown_document_series", row["text"], row["line_start"],
                                    f"published with the provisional document id {row['document_id']} (series "
                                    f"{prefix})", row["document_id"]))
    return notes
