"""The words around a number that make it a target and say how its value bounds it: a declarative table.

``BOUND_WORDS`` is the one table of bounding words: each row names a word as written, where it stands
(``before`` or ``after`` the number and its unit) and the comparator it gives (a key of
``pipeline.schema.fields.COMPARATORS``, the registry's vocabulary; ``check_bound_words`` refuses any
other). A ``before`` word that only says the level is to be reached or held (达, 达到, 控制在: ``yields``)
lets a word after the number decide (达2.8%左右 -> about, 控制在3%以内 -> at_most); any other pair of words
must agree. ``not_after`` lists characters that, written right before the word, make it part of another word
(节约 is no 约, 最近 no 近). Adding a phrasing is adding a row; no code reads a word that is not in the table.

``MILESTONE_WORDS``, written right after a bounded quantity (突破800亿元大关), call the level a milestone: they
belong to the quote, never to the subject as a noun after the unit.

``ASPIRATION_WORDS`` soften a target without bounding it (力争); ``TARGET_VERBS`` start a clause that sets a
quantity to be reached even without a year phrase or a bounding word (新建, 带动 …).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.schema.fields import COMPARATORS

BEFORE, AFTER = "before", "after"


@dataclass(frozen=True)
class BoundWord:
    word: str
    position: str
    comparator: str
    yields: bool = False
    not_after: str = ""


def _rows(position: str, comparator: str, *words: str, yields: bool = False) -> tuple[BoundWord, ...]:
    return tuple(BoundWord(w, position, comparator, yields) for w in words)


BOUND_WORDS: tuple[BoundWord, ...] = (
    *_rows(BEFORE, "at_least", "不少于", "不低于"),
    *_rows(BEFORE, "at_least", "达到", "达", yields=True),
    *_rows(BEFORE, "more_than", "超过", "超", "突破", "逾", "高于"),
    *_rows(BEFORE, "at_most", "不超过", "不高于"),
    *_rows(BEFORE, "at_most", "控制在", yields=True),
    *_rows(BEFORE, "about", "大约", "接近"),
    BoundWord("约", BEFORE, "about", not_after="节制签预合契公条邀特简履违"),
    BoundWord("近", BEFORE, "about", not_after="最接将附邻靠亲贴"),
    *_rows(AFTER, "about", "左右"),
    *_rows(AFTER, "at_least", "以上", "及以上"),
    *_rows(AFTER, "at_most", "以下", "及以下", "以内"),
)

ASPIRATION_WORDS: tuple[str, ...] = ("力争", "努力", "争取")
MILESTONE_WORDS: tuple[str, ...] = ("大关",)
TARGET_VERBS: tuple[str, ...] = (
    "新增", "新建", "新设", "新培育", "新引进", "新入驻", "新开工", "培育", "引进", "打造", "孵化", "建设", "支持",
    "组织", "举办", "实施", "带动",
)


def check_bound_words(rows: Sequence[BoundWord]) -> tuple[BoundWord, ...]:
    """The rows, if each has a comparator of the registry, a known position, and a word listed once per
    position; only ``before`` words can yield. Raises ValueError naming the row otherwise."""
    seen: set[tuple[str, str]] = set()
    for row in rows:
        if row.comparator not in COMPARATORS:
            raise ValueError(f"bound word {row.word!r}: comparator {row.comparator!r} is not one of the registry's "
                             f"{', '.join(COMPARATORS)}")
        if row.position not in (BEFORE, AFTER) or (row.yields and row.position != BEFORE):
            raise ValueError(f"bound word {row.word!r}: position {row.position!r} (yields={row.yields})")
        if not row.word or (row.word, row.position) in seen:
            raise ValueError(f"bound word {row.word!r} listed twice (or empty) for position {row.position}")
        seen.add((row.word, row.position))
    return tuple(sorted(rows, key=lambda r: -len(r.word)))


_CHECKED = check_bound_words(BOUND_WORDS)
_BEFORE = tuple(r for r in _CHECKED if r.position == BEFORE)
_AFTER = tuple(r for r in _CHECKED if r.position == AFTER)


def bound_before(text: str) -> BoundWord | None:
    """The longest ``before`` word that ``text`` ends with (not preceded by one of its ``not_after``)."""
    for row in _BEFORE:
        if text.endswith(row.word):
            preceding = text[-len(row.word) - 1:-len(row.word)]
            if not (preceding and preceding in row.not_after):
                return row
    return None


def bound_after(text: str, offset: int) -> BoundWord | None:
    """The longest ``after`` word written at ``offset`` of ``text``."""
    return next((row for row in _AFTER if text.startswith(row.word, offset)), None)


def comparator(before: BoundWord | None, after: BoundWord | None) -> str | None:
    """The comparator the words give (exactly where there are none); None where they disagree."""
    if before and after and not before.yields and before.comparator != after.comparator:
        return None
    if after:
        return after.comparator
    return before.comparator if before else "exactly"
