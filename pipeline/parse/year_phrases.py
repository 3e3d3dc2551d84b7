"""Year phrases in prose (到2020年, 力争到2017年底, 其中2016年, 2016年底前) and the quantities each governs.

A year phrase governs the rest of its sentence (up to 。); when that sentence holds no quantity (一(二)总体目标:
到2020年,…高地。全社会研发经费…), it governs the following sentences of the paragraph instead. It always stops
at the next year phrase. Only a year the registry allows for ``targets.target_year`` starts a phrase (5000年
is no year phrase; such a number stays for the other rules or the review queue).
"""

from __future__ import annotations

import re

from pipeline.parse.prose_numbers import Mention, YearPhrase
from pipeline.schema.tables_targets import TARGETS

SENTENCE_END = "。"
#: The year must be a number of its own (``find_numbers``: after a list marker's point it is, in a decimal not).
YEAR_PHRASE = re.compile(r"(?P<lead>(?:其中)?(?:力争)?到?)(?<!\d)(?P<year>\d{4})年(?P<tail>底前|底|前)?")
_YEAR_FIELD = TARGETS.field("target_year")


def find_year_phrases(text: str, found: list[Mention]) -> list[YearPhrase]:
    """The year phrases of a paragraph; their year mentions are classified ``year_phrase`` (``target_year`` or
    ``year`` once the targets are numbered)."""
    by_start = {m.number.start: m for m in found}
    phrases = []
    for m in YEAR_PHRASE.finditer(text):
        mention = by_start.get(m.start("year"))
        year = int(m.group("year"))
        if mention is None or mention.classification is not None or not _YEAR_FIELD.minimum <= year <= _YEAR_FIELD.maximum:
            continue
        mention.classification = "year_phrase"
        mention.phrase = YearPhrase(mention, m.start(), m.end(), m.group(0), year,
                                    "力争" if "力争" in m.group("lead") else None)
        phrases.append(mention.phrase)
    return phrases


def set_scopes(text: str, phrases: list[YearPhrase], quantities: list[Mention]) -> None:
    for i, phrase in enumerate(phrases):
        limit = phrases[i + 1].start if i + 1 < len(phrases) else len(text)
        sentence_end = text.find(SENTENCE_END, phrase.end)
        sentence_end = len(text) if sentence_end < 0 else sentence_end
        own = [q for q in quantities if phrase.end <= q.number.start < min(sentence_end, limit)]
        phrase.scope_end = min(sentence_end, limit) if own else limit


def governing(phrases: list[YearPhrase], offset: int) -> YearPhrase | None:
    for phrase in phrases:
        if phrase.end <= offset < phrase.scope_end:
            return phrase
    return None
