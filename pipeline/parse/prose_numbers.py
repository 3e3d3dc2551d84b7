"""The numbers of one paragraph as mentions to classify: each ``Mention`` carries its number, raw line and
context, and receives a classification (a rule's, a year phrase's, a target's or ``unclassified``) and a note.

``scan_paragraph`` finds them (``pipeline.parse.numbers``) and marks the digits a space splits (1 500) as
unclassified: neither one number nor two with certainty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.parse.numbers import SPACED_DIGITS, Number, find_numbers


@dataclass
class Mention:
    number: Number
    line: int
    context: str = ""
    classification: str | None = None
    note: str | None = None
    target_id: str | None = None
    subject: str | None = None
    phrase: YearPhrase | None = None


@dataclass
class YearPhrase:
    """A year phrase (到2020年, 2017年底前) and the quantities it scopes (``pipeline.parse.year_phrases``)."""

    mention: Mention
    start: int
    end: int
    text: str
    year: int
    aspiration: str | None
    scope_end: int = 0
    target_ids: list[str] = field(default_factory=list)


def scan_paragraph(text: str, where: list[int]) -> list[Mention]:
    """A mention per number of ``text`` (``where`` maps each character to its raw line)."""
    found = [Mention(number, where[number.start], context=text[max(0, number.start - 12):number.unit_end + 8])
             for number in find_numbers(text)]
    for spaced in SPACED_DIGITS.finditer(text):
        for mention in found:
            n = mention.number
            if n.start <= spaced.start() < n.unit_end or n.start == spaced.end() - 1:
                unclassified(mention, "digits separated by a space (1 500 is neither one number nor two with "
                                      "certainty)")
    return found


def unclassified(mention: Mention, reason: str) -> None:
    mention.classification, mention.note = "unclassified", reason
