"""Rules that classify the numbers of a paragraph that are not quantities to read: dates, document numbers,
periods, names, list markers (``STRUCTURAL_RULES``, conventions of any gazette text) and the reviewed count
and name rules of ``raw/reference/number_rules.csv`` (``load_number_rules``: readings of particular documents).

A rule claims the numbers whose first digit lies inside a match of its pattern; the first rule that claims a
number wins (``apply_rules``). A document number (文号) is recognised whatever the brackets around its year:
the printed 〔2016〕, and the [2008], (2009), (2009), [2009] or 【2009】 of web copies (``CITED_DOC_NUMBER``);
the document's own number is the one printed on its own line (always 〔〕).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.base.errors import SourceError
from pipeline.parse.numbers import LIST_POINT, MARKER_BEFORE_YEAR
from pipeline.parse.patterns import MARKERS, YEAR_CLOSE, YEAR_OPEN
from pipeline.reference.reader import row_line
from pipeline.reference.declarations import NUMBER_RULES_FILE, read

if TYPE_CHECKING:
    from pipeline.parse.prose_numbers import Mention


@dataclass(frozen=True)
class Rule:
    """Numbers whose first digit lies inside a match of ``pattern`` get ``classification``; ``note`` is a
    format string with {match}. ``kinds`` limits the rule to sections of those kinds."""

    classification: str
    pattern: re.Pattern[str]
    note: str
    kinds: frozenset[str] | None = None
    #: Only in paragraphs numbered 1. 2. … (sections.marker in the arabic style).
    arabic_marker_only: bool = False


def make_rule(classification: str, pattern: str, note: str, kinds: Sequence[str] | None = None,
              arabic_marker_only: bool = False) -> Rule:
    return Rule(classification, re.compile(pattern), note, frozenset(kinds) if kinds else None, arabic_marker_only)


#: A document number (its own or a cited one) with its year in any bracket a copy prints (patterns.YEAR_OPEN).
CITED_DOC_NUMBER = rf"[\u4e00-\u9fff]{{1,6}}[{YEAR_OPEN}]\d{{4}}[{YEAR_CLOSE}]\d+号"

#: Rules tried in order before year phrases and quantities; the first that claims a number wins.
STRUCTURAL_RULES: tuple[Rule, ...] = (
    make_rule("date", r"\d{4}年\d{1,2}月\d{1,2}日", "calendar date {match}"),
    make_rule("document_number", CITED_DOC_NUMBER, "the document's own number {match}", kinds=("doc_number",)),
    make_rule("document_number", r"第\d+号", "the order's own number {match}", kinds=("doc_number",)),
    make_rule("cited_document", CITED_DOC_NUMBER, "number of the cited document {match}"),
    make_rule("period", r"\d{4}[—–-]+\d{4}年", "the period {match}"),
    make_rule("period", r"(?<!\d)\d{1,2}年(?:内|累计)", "a duration ({match})"),
    make_rule("name", r"“[\d+]+”", "a number in quotation marks naming a programme or scheme ({match})"),
    make_rule("name", r"[A-Za-z\d]*(?:[A-Za-z]\d|\d[A-Za-z])[A-Za-z\d+/]*",
              "digits in a name written with Latin letters ({match})"),
    make_rule("list_marker", rf"^\d{{1,2}}{LIST_POINT}", "numbering marker {match} of the item",
              kinds=("item", "heading"), arabic_marker_only=True),
    make_rule("list_marker", rf"(?:^附件[:\uff1a]|\s)\d+{LIST_POINT}", "item number in the attachment list ({match})",
              kinds=("attachment_list",)),
    make_rule("list_marker", MARKER_BEFORE_YEAR.pattern, "list marker {match} before a year (附件:1.2017—2021年…)"),
)


def load_number_rules(root: str | Path) -> tuple[Rule, ...]:
    """The reviewed rules of raw/reference/number_rules.csv: phrases whose numbers are names or counts, not
    targets (each with its reason). A pattern must compile and name a classification of number_mentions."""
    path = NUMBER_RULES_FILE.path
    rows = read(NUMBER_RULES_FILE, root)
    rules = []
    for index, row in enumerate(rows):
        if row["classification"] not in ("count", "name"):
            raise SourceError(path, row_line(index), "classification count or name", row["classification"])
        try:
            rules.append(make_rule(row["classification"], row["pattern"], row["note"]))
        except re.error as exc:
            raise SourceError(path, row_line(index), f"a valid regular expression ({exc})",
                              row["pattern"]) from exc
        if "{match}" not in row["note"]:
            raise SourceError(path, row_line(index), "a note containing {match}", row["note"])
    return tuple(rules)


def apply_rules(text: str, row: Mapping[str, object], doc_number: str | None, found: Sequence[Mention],
                rules: Sequence[Rule]) -> None:
    """Classify the mentions of a paragraph that a structural or reviewed rule claims (in place)."""
    marker = row["marker"]
    arabic = bool(marker and MARKERS["arabic"].match(str(marker)))
    for rule in (*STRUCTURAL_RULES, *rules):
        if (rule.kinds is not None and row["kind"] not in rule.kinds) or (rule.arabic_marker_only and not arabic):
            continue
        for m in rule.pattern.finditer(text):
            if rule.classification == "document_number" and m.group(0) != doc_number:
                continue
            for mention in found:
                if mention.classification is None and m.start() <= mention.number.start < m.end():
                    mention.classification = rule.classification
                    mention.note = rule.note.format(match=m.group(0).strip())
