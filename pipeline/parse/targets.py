"""Quantitative targets in the documents' prose, and a classification of every number in that prose.

Input: the ``sections`` rows of an issue (attachment blocks, kind ``attachment``, are skipped: their content is
the attachment tables), its ``tasks`` rows, its raw lines and the hand-curated target -> indicator links
(``raw/reference/target_indicator_links.csv``, read by ``load_target_links``; everything else here is pure).

Every Arabic number of a paragraph (``pipeline.parse.prose_numbers``) is classified by the first step that
claims it, in this order:

1. ``pipeline.parse.number_rules``: calendar dates, document numbers (the document's own or a cited one, in
   any bracket style), periods and durations, names (“131”工程, 中国制造2025, 3D, 4G+/5G, B2B2C), list markers,
   and the reviewed rules of raw/reference/number_rules.csv (counts and names that are not targets).
2. Year phrases (``pipeline.parse.year_phrases``: 到2020年, 力争到2017年底, 其中2016年 …): ``target_year`` if a
   target carries its year, else ``year``.
3. Size thresholds of a counted noun (新开工10亿元以上制造业项目611个: 10亿元以上 is a ``threshold``) and targets
   (``pipeline.parse.target_reading``; bounding words and target verbs in ``pipeline.parse.target_words``).

Targets restate cells of their document's indicator tables: ``pipeline.parse.target_links`` links them by
rule (same document, name, unit and year), the reviewed links of target_indicator_links.csv override the rule
for the targets they list, and a target that names an indicator but resolves to no cell is queued as
``unlinked_target``.

A number that no step classifies is published as ``unclassified`` with the reason and listed in the review
queue (``ProseRows.notes``): an unknown phrasing never stops a build. Character offsets map back to raw lines
with ``pipeline.text.offsets.align_lines``, so a number after a page break reports the raw line after the break.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.base.errors import SourceError
from pipeline.parse.number_rules import Rule, apply_rules, load_number_rules
from pipeline.parse.prose_numbers import Mention, scan_paragraph, unclassified
from pipeline.parse.review import ReviewNote
from pipeline.parse.target_links import rule_links
from pipeline.parse.target_reading import TargetSpec, mark_thresholds, read_targets
from pipeline.parse.year_phrases import find_year_phrases, set_scopes
from pipeline.reference.reader import row_line
from pipeline.reference.declarations import TARGET_LINKS_FILE, read
from pipeline.schema.tables_targets import NUMBER_MENTIONS, TARGETS
from pipeline.text.lines import Line
from pipeline.text.offsets import align_lines

__all__ = ["ProseRows", "Rule", "build_targets", "check_target_links", "load_number_rules", "load_target_links"]


def load_target_links(root: str | Path, indicators: Sequence[Mapping[str, str]],
                      regions: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    """``raw/reference/target_indicator_links.csv`` under ``root``, checked against its declaration
    (``TARGET_LINKS_FILE``: header, one row per line, unique target_id, patterns) and by ``check_target_links``
    against the indicators and regions."""
    rows = read(TARGET_LINKS_FILE, root)
    check_target_links(rows, indicators, regions)
    return rows


def check_target_links(links: Sequence[Mapping[str, str]], indicators: Sequence[Mapping[str, str]],
                       regions: Sequence[Mapping[str, str]], path: str = TARGET_LINKS_FILE.path) -> None:
    """Every link names an indicator of the indicators reference and a region of the regions reference, or
    neither (a reviewed no-link: the target restates no cell)."""
    known_indicators = {row["indicator_id"] for row in indicators}
    known_regions = {row["region_code"] for row in regions}
    for index, link in enumerate(links):
        if not link["indicator_id"] and not link["region_code"]:
            continue
        if not link["indicator_id"] or not link["region_code"]:
            raise SourceError(path, row_line(index), "indicator_id and region_code both given (a link) or both "
                                                     "blank (no link)", link["indicator_id"] or link["region_code"])
        if link["indicator_id"] not in known_indicators:
            raise SourceError(path, row_line(index), f"an indicator_id of raw/reference/indicators.csv "
                                                     f"({', '.join(sorted(known_indicators))})", link["indicator_id"])
        if link["region_code"] not in known_regions:
            raise SourceError(path, row_line(index), "a region_code of raw/reference/regions.csv",
                              link["region_code"])


@dataclass
class ProseRows:
    """``targets`` and ``number_mentions`` rows of an issue, and the review notes (unclassified numbers)."""

    targets: list[dict[str, Any]]
    number_mentions: list[dict[str, Any]]
    notes: list[ReviewNote]


def build_targets(sections: Sequence[Mapping[str, Any]], tasks: Sequence[Mapping[str, Any]], lines: Sequence[Line],
                  links: Sequence[Mapping[str, str]], source_path: str, rules: Sequence[Rule] = (),
                  tables: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> ProseRows:
    """``targets`` and ``number_mentions`` rows for the sections of an issue, in document and text order.

    ``rules`` are the reviewed count rules of raw/reference/number_rules.csv (``load_number_rules``).

    ``links`` are the rows of ``load_target_links``: each must name an existing target with the same subject,
    value, unit and year (so that a change in the rules cannot silently move a link to another target).
    ``tables`` holds the issue's ``indicators`` and ``indicator_values`` rows, which the rule links to.
    """
    lines_by_number = {line.number: line for line in lines}
    doc_numbers = {row["document_id"]: row["text"] for row in sections if row["kind"] == "doc_number"}
    doc_order: list[str] = []
    for row in sections:
        if row["document_id"] not in doc_order:
            doc_order.append(row["document_id"])
    targets: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    notes: list[ReviewNote] = []
    for document_id in doc_order:
        rows = sorted((r for r in sections if r["document_id"] == document_id and r["kind"] != "attachment"),
                      key=lambda r: r["position"])
        doc_targets: list[dict[str, Any]] = []
        doc_mentions: list[tuple[Mapping[str, Any], Mention]] = []
        for row in rows:
            where = align_lines(row["text"], lines_by_number, row["line_start"], row["line_end"], source_path)
            found, specs = _read_section(row, doc_numbers.get(document_id), where, rules)
            for spec in specs:
                target_id = f"{document_id}-g{len(doc_targets) + 1:03d}"
                spec.mention.target_id = target_id
                if spec.year_phrase is not None:
                    spec.year_phrase.target_ids.append(target_id)
                doc_targets.append(_target_row(target_id, row, spec, _task_of(row, tasks)))
            doc_mentions += [(row, m) for m in found]
            notes += [ReviewNote("unclassified_number", m.context, m.line, m.note or "", document_id)
                      for m in found if m.classification == "unclassified"]
        for number, (row, mention) in enumerate(doc_mentions, start=1):
            mentions.append(_mention_row(f"{document_id}-n{number:03d}", row, mention))
        targets += doc_targets
    notes += _link_by_rule(targets, links, sections, tables or {})
    _apply_links(targets, links, set(doc_order))
    return ProseRows([{c: t[c] for c in TARGETS.column_names if c in t} for t in targets],
                     [{c: m[c] for c in NUMBER_MENTIONS.column_names if c in m} for m in mentions], notes)


def _task_of(row: Mapping[str, Any], tasks: Sequence[Mapping[str, Any]]) -> str | None:
    for task in tasks:
        if (task["document_id"] == row["document_id"]
                and task["line_start"] <= row["line_start"] <= task["line_end"]):
            return task["task_id"]
    return None


def _read_section(row: Mapping[str, Any], doc_number: str | None, where: list[int], rules: Sequence[Rule],
                  ) -> tuple[list[Mention], list[TargetSpec]]:
    """The classified numbers of one paragraph, and a spec (subject, value, …) for each target in it.

    A number no step can read is classified ``unclassified``, with the reason in its note."""
    text = row["text"]
    found = scan_paragraph(text, where)
    apply_rules(text, row, doc_number, found, rules)
    phrases = find_year_phrases(text, found)
    for mention in found:
        if mention.classification is None and not mention.number.is_quantity:
            unclassified(mention, "no rule of pipeline.parse.number_rules or raw/reference/number_rules.csv "
                                  "classifies it (date, document number, period, name, list marker, count, year "
                                  "phrase, or a quantity with a measure word)")
    quantities = [m for m in found if m.classification is None]
    set_scopes(text, phrases, quantities)
    return found, read_targets(text, mark_thresholds(text, quantities), phrases)


def _target_row(target_id: str, row: Mapping[str, Any], spec: TargetSpec, task_id: str | None,
                ) -> dict[str, Any]:
    return {
        "target_id": target_id,
        "document_id": row["document_id"],
        "section_id": row["section_id"],
        "task_id": task_id,
        "subject": spec.subject,
        "value": spec.value,
        "unit": spec.unit,
        "target_year": spec.target_year,
        "qualifier": spec.qualifier,
        "comparator": spec.comparator,
        "indicator_document_id": None,
        "indicator_id": None,
        "region_code": None,
        "quote": spec.quote,
        "line": spec.line,
    }


def _mention_row(mention_id: str, row: Mapping[str, Any], mention: Mention) -> dict[str, Any]:
    classification, note = mention.classification, mention.note
    phrase = mention.phrase
    if phrase is not None:
        if phrase.target_ids:
            classification = "target_year"
            note = f"year phrase {phrase.text}: year of {', '.join(phrase.target_ids)}"
        else:
            classification = "year"
            note = f"year phrase {phrase.text}: governs no quantity"
    elif classification == "target":
        note = f"target: {mention.subject}"
    return {
        "mention_id": mention_id,
        "document_id": row["document_id"],
        "section_id": row["section_id"],
        "line": mention.line,
        "text": mention.number.text,
        "value": mention.number.value,
        "unit": mention.number.unit,
        "classification": classification,
        "target_id": mention.target_id if classification == "target" else None,
        "note": note,
    }


def _link_by_rule(targets: list[dict[str, Any]], links: Sequence[Mapping[str, str]],
                  sections: Sequence[Mapping[str, Any]], tables: Mapping[str, Sequence[Mapping[str, Any]]],
                  ) -> list[ReviewNote]:
    """Link the targets the reviewed ``links`` do not list by rule (``target_links``); an ``unlinked_target``
    note for each that names an indicator of its document but resolves to no cell."""
    listed = {link["target_id"] for link in links}
    texts = {row["section_id"]: row["text"] for row in sections}
    notes = []
    for document_id in dict.fromkeys(t["document_id"] for t in targets):
        mine = [t for t in targets if t["document_id"] == document_id and t["target_id"] not in listed]
        found = rule_links(mine, [r for r in tables.get("indicators", []) if r["document_id"] == document_id],
                           [r for r in tables.get("indicator_values", []) if r["document_id"] == document_id], texts)
        for target in mine:
            if target["target_id"] in found.linked:
                target["indicator_document_id"] = document_id
                target["indicator_id"], target["region_code"] = found.linked[target["target_id"]]
            elif target["target_id"] in found.unresolved:
                notes.append(ReviewNote("unlinked_target", target["quote"], target["line"],
                                        f"{target['target_id']} {found.unresolved[target['target_id']]}; published "
                                        "without a link", document_id))
    return notes


def _apply_links(targets: list[dict[str, Any]], links: Sequence[Mapping[str, str]], documents: set[str]) -> None:
    """Set indicator_id and region_code from the links of this issue's documents (a link's target_id starts
    with its document_id; links of documents printed in other issues are left to those issues)."""
    by_id = {t["target_id"]: t for t in targets}
    for index, link in enumerate(links):
        line = row_line(index)
        if link["target_id"].rsplit("-g", 1)[0] not in documents:
            continue
        target = by_id.get(link["target_id"])
        if target is None:
            raise SourceError(TARGET_LINKS_FILE.path, line, "a target_id of the targets parsed from the issue",
                              link["target_id"])
        found = (target["subject"], target["value"], target["unit"], target["target_year"])
        expected = (link["subject"], float(link["value"]), link["unit"], int(link["target_year"]))
        if found != expected:
            raise SourceError(TARGET_LINKS_FILE.path, line, f"the subject, value, unit and year of target "
                                                            f"{link['target_id']} as parsed: {found}", str(expected))
        linked = bool(link["indicator_id"])
        target["indicator_document_id"] = target["document_id"] if linked else None
        target["indicator_id"], target["region_code"] = link["indicator_id"] or None, link["region_code"] or None
