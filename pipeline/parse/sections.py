"""Sections: every paragraph of one document, classified, rejoined across page breaks and nested.

Walks the document's non-blank lines once:

- header, by the document's form: title block, the document-number line (文号, any bracket style) and, when
  printed, the addressees line (ends in a colon); for an order the lines ``浙江省人民政府令`` (title) and
  ``第N号`` (doc_number); for a document with neither (a form no reader knows) only its first block of lines
  (title);
- body paragraphs; a ``浙江省人民政府(办公厅)`` or ``省长 某某`` line followed by a date line is the signature
  block, optionally followed by a publication note (``(此件公开发布)``); text after it is the issued plan or
  rules (``issued_text``), whose first unpunctuated lines are its title;
- chapters (``第一章 总则``: heading) and articles (``第一条 …``: item) nest like the other numbering styles;
- ``附件:`` starts the attachment list, ``附件N`` an attachment block that runs to the next one.

Page breaks: a paragraph whose last line does not end in terminal punctuation (see ``patterns``) continues
with the next non-blank line unless that line is structural (a numbering marker, a signature, an attachment
line). The parts are joined with nothing between them and the joined paragraph spans all their lines. A
numbered item that closes without its responsibility clause (``responsibility.find_responsibility_clause``)
also takes in the unnumbered paragraph right after it when that one closes with a clause: a page break after
。 (the clause alone, ``(省商务厅负责)``, or the rest of the item and its clause), as the item's task reads it.

Nesting: numbering styles (一、 / (一) / 1.) nest in order of first appearance within a part; an unnumbered
paragraph belongs to the numbered paragraph before it, except the closing formula (本…自…起施行。).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Sequence

from pipeline.base.errors import SourceError
from pipeline.parse.layout import Span
from pipeline.parse.patterns import (
    ATTACHMENT_HEADING,
    ATTACHMENT_LIST,
    DATE_LINE,
    DOC_NUMBER_LINE,
    EFFECTIVE_CLAUSE,
    ISSUER_LINE,
    MARKERS,
    ORDER_HEAD,
    ORDER_NUMBER_LINE,
    PUBLICATION_NOTE,
    SIGNATORY_LINE,
    TERMINAL_PUNCTUATION,
    document_id as make_document_id,
    match_marker,
)
from pipeline.parse.responsibility import find_responsibility_clause
from pipeline.parse.responsibility_forms import match_line
from pipeline.text.lines import Line

_LIST_ITEM = MARKERS["arabic"]
#: A title line of an issued text never ends like a sentence.
SENTENCE_END = ("。", ":", ":", ";", ";", "!", "?")


@dataclass
class _Section:
    part: str
    kind: str
    lines: list[Line]
    marker_type: str | None = None
    marker: str | None = None
    ordinal: int | None = None
    heading: str | None = None
    text_override: str | None = None

    @property
    def text(self) -> str:
        return self.text_override or "".join(ln.clean for ln in self.lines)


def _is_signature(lines: Sequence[Line], i: int) -> bool:
    signer = ISSUER_LINE.match(lines[i].clean) or SIGNATORY_LINE.match(lines[i].clean)
    return bool(signer) and i + 1 < len(lines) and bool(DATE_LINE.match(lines[i + 1].clean))


def _is_structural(lines: Sequence[Line], i: int) -> bool:
    text = lines[i].clean
    return bool(
        match_marker(text) or _is_signature(lines, i) or ATTACHMENT_LIST.match(text)
        or ATTACHMENT_HEADING.match(text) or EFFECTIVE_CLAUSE.match(text) or match_line(text)
    )


def _open(text: str) -> bool:
    return not text.endswith(TERMINAL_PUNCTUATION)


def _numbered(part: str, lines: list[Line]) -> _Section:
    text = "".join(ln.clean for ln in lines)
    found = match_marker(text)
    assert found is not None
    marker_type, marker, ordinal, rest = found
    lead, stop, after = rest.partition("。")
    kind = "item" if stop and after else "heading"
    if marker_type == "article":  # an article is an item however short; it has no lead phrase
        return _Section(part, "item", lines, marker_type, marker, ordinal)
    return _Section(part, kind, lines, marker_type, marker, ordinal, heading=lead or None)


def split_sections(lines: Sequence[Line], source_path: str) -> list[_Section]:
    """Classify and rejoin the non-blank lines of one document (``lines`` = the document's lines)."""
    nb = [ln for ln in lines if not ln.blank]
    sections, i = _header(nb, source_path)
    part = "body"
    while i < len(nb):
        text = nb[i].clean
        if _is_signature(nb, i):
            found, i, part = _signature(nb, i, part, source_path)
        elif ATTACHMENT_LIST.match(text):
            found, i = _attachment_list(nb, i, part)
        elif m := ATTACHMENT_HEADING.match(text):
            found, i = _attachment(nb, i, m.group(1), source_path)
            part = "attachment"
        elif part == "attachment":
            raise SourceError(source_path, nb[i].number, "only attachment blocks after the first attachment")
        else:
            found, i = _paragraph(nb, i, part)
        sections += found
    return sections


def _run_end(nb: Sequence[Line], i: int, keep: Callable[[int], bool]) -> int:
    """The index of the first line from ``i`` on that ``keep`` refuses (``len(nb)`` if none)."""
    while i < len(nb) and keep(i):
        i += 1
    return i


def _header(nb: Sequence[Line], source_path: str) -> tuple[list[_Section], int]:
    """The title, document-number and addressees sections of a document's non-blank lines ``nb`` (see the
    module docstring for each form), and the index of the first line after them."""
    if not nb:
        raise SourceError(source_path, None, "a document with text")
    if ORDER_HEAD.match(nb[0].clean) and len(nb) > 1 and ORDER_NUMBER_LINE.match(nb[1].clean):
        return [_Section("body", "title", [nb[0]]), _Section("body", "doc_number", [nb[1]])], 2
    i = next((k for k, ln in enumerate(nb) if DOC_NUMBER_LINE.match(ln.clean)), None)
    if i is None:  # no number: the first block of adjacent lines is the title
        i = _run_end(nb, 1, lambda k: nb[k].number == nb[k - 1].number + 1)
        return [_Section("body", "title", nb[:i])], i
    if i == 0:
        raise SourceError(source_path, nb[0].number, "a document title followed by its document number")
    sections = [_Section("body", "title", nb[:i]), _Section("body", "doc_number", [nb[i]])]
    i += 1
    if i < len(nb) and nb[i].clean.endswith((":", "：")):
        sections.append(_Section("body", "addressees", [nb[i]]))
        i += 1
    return sections, i


def _signature(nb: Sequence[Line], i: int, part: str, source_path: str) -> tuple[list[_Section], int, str]:
    """The signature and date at ``i`` and, when the body goes on after them, the title of the issued text;
    the index after them and the part that follows (issued_text after the body's signature)."""
    sections = [_Section(part, "signature", [nb[i]]), _Section(part, "date", [nb[i + 1]])]
    i += 2
    if i < len(nb) and PUBLICATION_NOTE.match(nb[i].clean):
        sections.append(_Section(part, "publication_note", [nb[i]]))
        i += 1
    if i < len(nb) and part == "body":
        part = "issued_text"
        start = i
        i = _run_end(nb, i, lambda k: not nb[k].clean.endswith(SENTENCE_END) and not _is_structural(nb, k))
        if i == start:
            raise SourceError(source_path, nb[i].number, "the title of the issued text after the signature")
        sections.append(_Section(part, "title", nb[start:i]))
    return sections, i, part


def _attachment_list(nb: Sequence[Line], i: int, part: str) -> tuple[list[_Section], int]:
    """The 附件: line at ``i`` and the numbered items after it, as one section; the index after them."""
    end = _run_end(nb, i + 1, lambda k: bool(_LIST_ITEM.match(nb[k].clean))
                   and not ATTACHMENT_HEADING.match(nb[k].clean))
    block = list(nb[i:end])
    return [_Section(part, "attachment_list", block, text_override=" ".join(ln.clean for ln in block))], end


def _attachment(nb: Sequence[Line], i: int, number: str, source_path: str) -> tuple[list[_Section], int]:
    """The block of attachment ``number`` as printed (附件N at ``i``, its title, everything up to the next
    附件N); the index after it."""
    end = _run_end(nb, i + 1, lambda k: not ATTACHMENT_HEADING.match(nb[k].clean))
    block = list(nb[i:end])
    if len(block) < 2:
        raise SourceError(source_path, nb[i].number, "an attachment title after 附件N")
    return [_Section("attachment", "attachment", block, ordinal=int(number), heading=block[1].clean,
                     text_override=f"附件{number} {block[1].clean}")], end


def _paragraph(nb: Sequence[Line], i: int, part: str) -> tuple[list[_Section], int]:
    """The paragraph starting at ``i``, rejoined across page breaks (a numbered heading without 。 stands
    alone); the index after it."""
    numbered = match_marker(nb[i].clean)
    bare_heading = numbered is not None and "。" not in numbered[3]
    if bare_heading:
        end = i + 1
    else:
        end = _run_end(nb, i + 1, lambda k: _open(nb[k - 1].clean) and not _is_structural(nb, k))
        if numbered is not None:
            end = _with_clause_after(nb, i, end)
    block = list(nb[i:end])
    return [_numbered(part, block) if numbered else _Section(part, "paragraph", block)], end


def _with_clause_after(nb: Sequence[Line], i: int, end: int) -> int:
    """The end of the item ``nb[i:end]``, taking in the unnumbered paragraph after it when the item closes
    without a responsibility clause and that paragraph closes with one (module docstring)."""
    if end >= len(nb) or _is_structural(nb, end) or _clause(nb[i:end]):
        return end
    tail = _run_end(nb, end + 1, lambda k: _open(nb[k - 1].clean) and not _is_structural(nb, k))
    return tail if _clause(nb[end:tail]) else end


def _clause(lines: Sequence[Line]) -> bool:
    return find_responsibility_clause("".join(ln.clean for ln in lines)) is not None


def _document_id(sections: Sequence[_Section], series: Mapping[str, str], unnumbered_id: str) -> str:
    """The id of a document from its header sections: by its 文号, its order number (head line + 第N号), or
    ``unnumbered_id`` when it prints neither."""
    number = next((sec for sec in sections[:2] if sec.kind == "doc_number"), None)
    if number is None:
        return unnumbered_id
    printed = sections[0].text + number.text if ORDER_NUMBER_LINE.match(number.text) else number.text
    return make_document_id(printed, series)[0]


def parse_sections(lines: Sequence[Line], span: Span, source_path: str,
                   series: Mapping[str, str] | None = None, unnumbered_id: str = "") -> list[dict[str, Any]]:
    """Section rows for the document occupying ``span`` of the issue's ``lines``; ``series`` maps document-number
    prefixes to id prefixes (raw/reference/document_series.csv; a prefix it lacks gets a provisional id); a
    document printed without a number gets ``unnumbered_id``."""
    raw_sections = split_sections(lines[span.start:span.stop], source_path)
    doc_id = _document_id(raw_sections, series or {}, unnumbered_id)
    rows: list[dict[str, Any]] = []
    stack: list[tuple[str, dict[str, Any]]] = []
    current_part = None
    for position, sec in enumerate(raw_sections, start=1):
        if sec.part != current_part:
            stack, current_part = [], sec.part
        row: dict[str, Any] = {
            "section_id": f"{doc_id}-p{position:03d}",
            "document_id": doc_id,
            "position": position,
            "part": sec.part,
            "kind": sec.kind,
            "parent_id": None,
            "level": 1,
            "marker": sec.marker,
            "ordinal": sec.ordinal,
            "heading": sec.heading,
            "text": sec.text,
            "line_start": sec.lines[0].number,
            "line_end": sec.lines[-1].number,
        }
        if sec.marker_type is not None:
            styles = [style for style, _ in stack]
            if sec.marker_type in styles:
                del stack[styles.index(sec.marker_type):]
            if stack:
                row["parent_id"] = stack[-1][1]["section_id"]
            row["level"] = len(stack) + 1
            stack.append((sec.marker_type, row))
        elif sec.kind == "paragraph" and stack and not EFFECTIVE_CLAUSE.match(sec.text):
            row["parent_id"] = stack[-1][1]["section_id"]
            row["level"] = stack[-1][1]["level"] + 1
        elif sec.kind in ("signature", "publication_note", "attachment_list", "attachment"):
            stack = []
        rows.append(row)
    return rows


def descendants(rows: Sequence[Mapping[str, Any]], i: int) -> list[Mapping[str, Any]]:
    """The rows right after ``rows[i]`` that are nested (at any depth) under it."""
    inside = {rows[i]["section_id"]}
    out = []
    for row in rows[i + 1:]:
        if row["parent_id"] not in inside:
            break
        inside.add(row["section_id"])
        out.append(row)
    return out
