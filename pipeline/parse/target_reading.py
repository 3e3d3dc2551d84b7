"""Reading targets from the quantities of a paragraph (numbers with a measure word that no rule claimed).

A quantity is a target when the text gives a cue: a year phrase governs it, a bounding word frames it
(``pipeline.parse.target_words.BOUND_WORDS``), its clause starts with one of ``TARGET_VERBS``, or it is a
sibling of a 、-list one of whose quantities has a cue (带动民间投资增长9%、技术改造投资增长13%: one target
each, the second's subject starting after the first). Reading a target (one row per number):

- the subject is the clause before the number, from the clause start (after , ; : 。 or a year phrase) or from
  the previous number of a 、-list, without the aspiration word at the clause start (力争, 努力, 争取) and the
  bounding word before the number; where a noun follows the unit (组织举办6次科技成果拍卖活动) it is appended;
- a bare respectively-list (实施A、B、C项目50项、150项、50项左右) gives each value its part of the subject list,
  and the bounding word after the last value bounds them all;
- qualifier: the aspiration words and the bounding words as written, joined by …; comparator: from the bounding
  words (``target_words.comparator``; none -> exactly).

A size threshold of a counted noun (新开工10亿元以上制造业项目611个: a quantity followed, in the same clause
and with no bounding word between, by the noun it qualifies and the count) is no target: it is classified
``threshold`` (``mark_thresholds``) and the count is read as the target, whose subject keeps the threshold as
written (新开工10亿元以上制造业项目). A quantity that cannot be read is classified ``unclassified`` with the
reason: the review queue lists it, the build goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.parse.prose_numbers import Mention, unclassified
from pipeline.parse.target_words import (
    ASPIRATION_WORDS,
    MILESTONE_WORDS,
    TARGET_VERBS,
    BoundWord,
    bound_after,
    bound_before,
    comparator,
)
from pipeline.parse.year_phrases import YearPhrase, governing

#: Clause boundaries (half- and full-width); 、 separates list items inside a clause.
DELIMITERS = ",\uff0c;\uff1b:\uff1a。"
LIST_SEPARATOR = "、"
_NOUN_STOP = DELIMITERS + LIST_SEPARATOR + ")\uff09”》"
#: Written between a threshold and the noun it qualifies (10万吨级码头, 5亿元以上的项目).
_THRESHOLD_LINKS = ("级", "的")


@dataclass
class Quantity:
    mention: Mention
    clause_start: int
    subject_start: int
    pre_text: str
    aspiration: str | None
    pre_bound: BoundWord | None
    post_bound: BoundWord | None
    noun: str
    end: int
    chained: bool
    year: YearPhrase | None
    cue: bool


@dataclass(frozen=True)
class TargetSpec:
    """One target read from a paragraph: its mention and year phrase (to link back), and the values of its row."""

    mention: Mention
    year_phrase: YearPhrase | None
    subject: str
    value: Any
    unit: str | None
    target_year: int | None
    qualifier: str | None
    comparator: str
    quote: str
    line: int


def mark_thresholds(text: str, quantities: list[Mention]) -> list[Mention]:
    """Classify the size thresholds among ``quantities`` (in place); the quantities left to read."""
    kept = []
    for a, b in zip(quantities, [*quantities[1:], None]):
        noun = _threshold_noun(text, a, b) if b is not None else None
        if noun is None or b is None:
            kept.append(a)
            continue
        n = a.number
        written = text[n.start:n.unit_end] + (bound.word if (bound := bound_after(text, n.unit_end)) else "")
        a.classification = "threshold"
        a.note = (f"size threshold {written} of the noun counted by {b.number.text}{b.number.unit} ({noun}), "
                  "not a target")
    return kept


def _threshold_noun(text: str, a: Mention, b: Mention) -> str | None:
    """The noun between a threshold ``a`` and the count ``b`` it qualifies, or None if ``a`` is none."""
    start = a.number.unit_end
    bound = bound_after(text, start)
    start += len(bound.word) if bound else 0
    noun = text[start:b.number.start]
    if noun.startswith(_THRESHOLD_LINKS):
        noun = noun[1:]
    if not noun or any(c in _NOUN_STOP for c in noun) or bound_before(noun) or not b.number.is_quantity:
        return None
    return noun


def read_targets(text: str, quantities: list[Mention], phrases: list[YearPhrase]) -> list[TargetSpec]:
    """A spec per target among ``quantities``; the others are classified ``unclassified`` with the reason."""
    groups: list[list[Quantity]] = []
    for q in _read_quantities(text, quantities, phrases):
        if not q.cue:
            unclassified(q.mention, "a quantity without a target cue (a year phrase, a bounding word or a target "
                                    "verb) and no count rule that says why it is no target")
            continue
        bare = q.chained and not q.pre_text and not q.noun and not q.pre_bound
        if bare and groups:
            groups[-1].append(q)
        else:
            groups.append([q])
    specs: list[TargetSpec] = []
    for group in groups:
        problem = _group_problem(group)
        if problem:
            for q in group:
                unclassified(q.mention, problem)
            continue
        specs += _group_specs(text, group)
    return specs


def _read_quantities(text: str, quantities: list[Mention], phrases: list[YearPhrase]) -> list[Quantity]:
    """Each quantity read after its predecessor; the siblings of a 、-list share a cue any of them has."""
    read: list[Quantity] = []
    for mention in quantities:
        read.append(_read_quantity(text, mention, read[-1] if read else None, phrases))
    for i in range(len(read) - 2, -1, -1):
        if read[i + 1].chained and read[i + 1].cue:
            read[i].cue = True
    return read


def _clause_start(text: str, offset: int, phrases: list[YearPhrase]) -> int:
    start = max(text.rfind(d, 0, offset) for d in DELIMITERS) + 1
    for phrase in phrases:
        if start <= phrase.end <= offset:
            start = phrase.end
    return start


def _read_quantity(text: str, mention: Mention, previous: Quantity | None, phrases: list[YearPhrase]) -> Quantity:
    n = mention.number
    clause_start = _clause_start(text, n.start, phrases)
    subject_start, chained = clause_start, False
    if previous is not None and previous.end >= clause_start:
        if text[previous.end:previous.end + 1] == LIST_SEPARATOR:
            subject_start, chained = previous.end + 1, True
        else:
            subject_start = previous.end
    pre_text = text[subject_start:n.start]
    aspiration = next((w for w in ASPIRATION_WORDS if text.startswith(w, clause_start)), None)
    if aspiration and subject_start == clause_start:
        pre_text = pre_text[len(aspiration):]
    pre_bound = bound_before(pre_text)
    if pre_bound:
        pre_text = pre_text[:-len(pre_bound.word)]
    post_bound = bound_after(text, n.unit_end)
    end = n.unit_end + (len(post_bound.word) if post_bound else 0)
    milestone = next((w for w in MILESTONE_WORDS if pre_bound and text.startswith(w, end)), "")
    end += len(milestone)
    noun = ""
    if end < len(text) and text[end] not in _NOUN_STOP:
        stops = [i for i in (text.find(c, end) for c in DELIMITERS + LIST_SEPARATOR) if i >= 0]
        noun_end = min(stops) if stops else len(text)
        noun, end = text[end:noun_end], noun_end
    year = governing(phrases, n.start)
    cue = bool(year or pre_bound or post_bound or pre_text.startswith(TARGET_VERBS)
               or (chained and previous is not None and previous.cue))
    return Quantity(mention, clause_start, subject_start, pre_text, aspiration, pre_bound, post_bound, noun, end,
                    chained, year, cue)


def _group_problem(group: list[Quantity]) -> str | None:
    """Why the quantities of a group cannot be read as targets, or None."""
    head, last = group[0], group[-1]
    if len(group) == 1 and not head.pre_text + head.noun:
        return "a quantity with no subject (what is measured) before or after it"
    parts = head.pre_text.split(LIST_SEPARATOR)
    if len(group) > 1 and (head.noun or len(parts) != len(group) or not all(parts)):
        return f"a respectively-list of {len(group)} values without {len(group)} subjects separated by {LIST_SEPARATOR}"
    if any(q.post_bound for q in group[:-1]):
        return "a respectively-list with a bounding word before its last value"
    pre, post = head.pre_bound, last.post_bound
    if pre and post and comparator(pre, post) is None:
        return f"bounding words that disagree ({pre.word} … {post.word})"
    return None


def _group_specs(text: str, group: list[Quantity]) -> list[TargetSpec]:
    head, last = group[0], group[-1]
    if len(group) == 1:
        return [_spec(head, head.pre_text + head.noun, head.pre_bound, head.post_bound,
                      text[head.subject_start:head.end])]
    parts = head.pre_text.split(LIST_SEPARATOR)
    quote = text[head.subject_start:last.end]
    return [_spec(q, part, head.pre_bound, last.post_bound, quote) for q, part in zip(group, parts)]


def _spec(q: Quantity, subject: str, pre: BoundWord | None, post: BoundWord | None, quote: str) -> TargetSpec:
    aspirations = [w for w in ((q.year.aspiration if q.year else None), q.aspiration) if w]
    words = list(dict.fromkeys(aspirations)) + [b.word for b in (pre, post) if b]
    q.mention.classification = "target"
    q.mention.subject = subject
    return TargetSpec(mention=q.mention, year_phrase=q.year, subject=subject, value=q.mention.number.value,
                      unit=q.mention.number.unit, target_year=q.year.year if q.year else None,
                      qualifier="…".join(words) or None, comparator=comparator(pre, post) or "exactly",
                      quote=quote, line=q.mention.line)
