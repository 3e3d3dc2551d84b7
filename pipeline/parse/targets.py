"""Quantitative targets in the documents' prose, and a classification of every number in that prose.

Input: the ``sections`` rows of an issue (attachment blocks, kind ``attachment``, are skipped: their content is
the attachment tables), its ``tasks`` rows, its raw lines and the hand-curated target -> indicator links
(``raw/reference/target_indicator_links.csv``, read by ``load_target_links``; everything else here is pure).

Every Arabic number of a paragraph (``pipeline.parse.numbers``) is classified by the first rule that claims
it, in this order:

1. ``STRUCTURAL_RULES``: calendar dates, document numbers (the document's own or a cited one), periods and
   durations, names (“131”工程, “2+1”, 中国制造2025, 3D, 4G+/5G, B2B2C), list markers (the measure numbers
   1. … 20., the items of 附件:1. 2.), and the hand-written ``COUNT_RULES``: quantities that describe existing
   things or a per-enterprise condition, not a target.
2. Year phrases (``YEAR_PHRASE``: 到2020年, 力争到2017年底, 其中2016年, 2016年底前 …). A year phrase governs the
   rest of its sentence (up to 。); when that sentence holds no quantity (一(二)总体目标: 到2020年,…高地。全社会
   研发经费…), it governs the following sentences of the paragraph instead. It always stops at the next year
   phrase. It becomes ``target_year`` if a target carries its year, else ``year``.
3. Quantities (a number with a measure word: %, 家, 亿元, 万人年 …) are targets when the text gives a cue: a year
   phrase governs them, a bounding word (达, 以上, 左右, 超过 …) frames them, their clause starts with one of
   ``TARGET_VERBS`` (新建, 孵化, 建设, 支持 …), or they continue a 、-list whose head is a target.

A number that no rule claims, and a quantity without a cue, raise ``SourceError`` naming the raw line: there
is no catch-all class. Reading a target (one row per number):

- the subject is the clause before the number, from the clause start (after , ; : 。 or a year phrase) or from
  the previous number of a 、-list, without the aspiration word at the clause start (``ASPIRATION_WORDS``:
  力争, 努力, 争取) and the bounding word before the number (``PRE_BOUNDS``); where a noun follows the unit
  (组织举办6次科技成果拍卖活动) it is appended (组织举办科技成果拍卖活动);
- a bare respectively-list (实施A、B、C项目50项、150项、50项左右) gives each value its part of the subject list,
  and the bounding word after the last value bounds them all;
- qualifier: the aspiration word of the year phrase (力争到2020年) or of the clause, the bounding word before
  and the one after the number (``POST_BOUNDS``), as written, joined by …; comparator: from the bounding words
  (``COMPARATOR_WORDS``; the word after the number decides when there are both; none -> exactly).

Character offsets map back to raw lines with ``pipeline.text.offsets.align_lines``, so a number after a page
break reports the raw line after the break.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import SourceError
from pipeline.parse.numbers import SPACED_DIGITS, Number, find_numbers
from pipeline.parse.patterns import MARKERS
from pipeline.parse.review import ReviewNote
from pipeline.reference import row_line
from pipeline.reference_files import NUMBER_RULES_FILE, TARGET_LINKS_FILE, read
from pipeline.schema.tables_targets import NUMBER_MENTIONS, TARGETS
from pipeline.text.lines import Line
from pipeline.text.offsets import align_lines

#: Clause boundaries (half- and full-width); 、 separates list items inside a clause.
DELIMITERS = ",\uff0c;\uff1b:\uff1a。"
SENTENCE_END = "。"
LIST_SEPARATOR = "、"
ASPIRATION_WORDS = ("力争", "努力", "争取")
#: Bounding words before the number, longest first, and after it.
PRE_BOUNDS = ("不少于", "不低于", "不超过", "不高于", "达到", "超过", "达", "超")
POST_BOUNDS = ("左右", "以上", "以下", "以内")
COMPARATOR_WORDS: dict[str, str] = {
    "左右": "about", "以上": "at_least", "以下": "at_most", "以内": "at_most",
    "不少于": "at_least", "不低于": "at_least", "不超过": "at_most", "不高于": "at_most",
    "超过": "more_than", "超": "more_than", "达到": "at_least", "达": "at_least",
}
#: 达/达到 only say the level is to be reached; a bounding word after the number then decides alone.
_REACH = ("达", "达到")
#: A clause starting with one of these sets a quantity to be reached even without a year or bounding word.
TARGET_VERBS = ("新增", "新建", "新设", "新培育", "新引进", "新入驻", "培育", "引进", "打造", "孵化", "建设", "支持",
                "组织", "举办", "实施")

YEAR_PHRASE = re.compile(r"(?P<lead>(?:其中)?(?:力争)?到?)(?<![\d.])(?P<year>\d{4})年(?P<tail>底前|底|前)?")
_NOUN_STOP = DELIMITERS + LIST_SEPARATOR + ")\uff09”》"


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


def _rule(classification: str, pattern: str, note: str, kinds: Sequence[str] | None = None,
          arabic_marker_only: bool = False) -> Rule:
    return Rule(classification, re.compile(pattern), note, frozenset(kinds) if kinds else None, arabic_marker_only)


_DOC_NUMBER = r"[\u4e00-\u9fff]{1,6}[〔\[(（【]\d{4}[〕\])）】]\d+号"

#: Rules tried in order before year phrases and quantities; the first that claims a number wins.
STRUCTURAL_RULES: tuple[Rule, ...] = (
    _rule("date", r"\d{4}年\d{1,2}月\d{1,2}日", "calendar date {match}"),
    _rule("document_number", _DOC_NUMBER, "the document's own number {match}", kinds=("doc_number",)),
    _rule("document_number", r"第\d+号", "the order's own number {match}", kinds=("doc_number",)),
    _rule("cited_document", _DOC_NUMBER, "number of the cited document {match}"),
    _rule("period", r"\d{4}[—–-]+\d{4}年", "the period {match}"),
    _rule("period", r"(?<!\d)\d{1,2}年(?:内|累计)", "a duration ({match})"),
    _rule("name", r"“[\d+]+”", "a number in quotation marks naming a programme or scheme ({match})"),
    _rule("name", r"[A-Za-z\d]*(?:[A-Za-z]\d|\d[A-Za-z])[A-Za-z\d+/]*",
          "digits in a name written with Latin letters ({match})"),
    _rule("list_marker", r"^\d{1,2}[.．](?!\d)", "numbering marker {match} of the item", kinds=("item", "heading"),
          arabic_marker_only=True),
    _rule("list_marker", r"(?:^附件[:\uff1a]|\s)\d+[.．](?!\d)", "item number in the attachment list ({match})",
          kinds=("attachment_list",)),
)

@dataclass
class _Mention:
    number: Number
    line: int
    context: str = ""
    classification: str | None = None
    note: str | None = None
    target_id: str | None = None
    subject: str | None = None
    phrase: _YearPhrase | None = None


@dataclass
class _YearPhrase:
    mention: _Mention
    start: int
    end: int
    text: str
    year: int
    aspiration: str | None
    scope_end: int = 0
    target_ids: list[str] = field(default_factory=list)


@dataclass
class _Quantity:
    mention: _Mention
    clause_start: int
    subject_start: int
    pre_text: str
    aspiration: str | None
    pre_bound: str | None
    post_bound: str | None
    noun: str
    end: int
    chained: bool
    year: _YearPhrase | None
    cue: bool


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
            rules.append(_rule(row["classification"], row["pattern"], row["note"]))
        except re.error as exc:
            raise SourceError(path, row_line(index), f"a valid regular expression ({exc})",
                              row["pattern"]) from exc
        if "{match}" not in row["note"]:
            raise SourceError(path, row_line(index), "a note containing {match}", row["note"])
    return tuple(rules)


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
    """Every link names an indicator of the indicators reference and a region of the regions reference."""
    known_indicators = {row["indicator_id"] for row in indicators}
    known_regions = {row["region_code"] for row in regions}
    for index, link in enumerate(links):
        if link["indicator_id"] not in known_indicators:
            raise SourceError(path, row_line(index), f"an indicator_id of raw/reference/indicators.csv "
                                                     f"({', '.join(sorted(known_indicators))})", link["indicator_id"])
        if link["region_code"] not in known_regions:
            raise SourceError(path, row_line(index), "a region_code of raw/reference/regions.csv",
                              link["region_code"])


@dataclass(frozen=True)
class _TargetSpec:
    """One target read from a paragraph: its mention and year phrase (to link back), and the values of its row."""

    mention: _Mention
    year_phrase: _YearPhrase | None
    subject: str
    value: Any
    unit: str | None
    target_year: int | None
    qualifier: str | None
    comparator: str
    quote: str
    line: int


@dataclass
class ProseRows:
    """``targets`` and ``number_mentions`` rows of an issue, and the review notes (unclassified numbers)."""

    targets: list[dict[str, Any]]
    number_mentions: list[dict[str, Any]]
    notes: list[ReviewNote]


def build_targets(sections: Sequence[Mapping[str, Any]], tasks: Sequence[Mapping[str, Any]], lines: Sequence[Line],
                  links: Sequence[Mapping[str, str]], source_path: str, rules: Sequence[Rule] = (),
                  ) -> ProseRows:
    """``targets`` and ``number_mentions`` rows for the sections of an issue, in document and text order.

    ``rules`` are the reviewed count rules of raw/reference/number_rules.csv (``load_number_rules``).

    ``links`` are the rows of ``load_target_links``: each must name an existing target with the same subject,
    value, unit and year (so that a change in the rules cannot silently move a link to another target).
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
        doc_mentions: list[tuple[Mapping[str, Any], _Mention]] = []
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
                  ) -> tuple[list[_Mention], list[_TargetSpec]]:
    """The classified numbers of one paragraph, and a spec (subject, value, …) for each target in it.

    A number no rule can read is classified ``unclassified``, with the reason in its note."""
    text = row["text"]
    found = [_Mention(number, where[number.start], context=text[max(0, number.start - 12):number.unit_end + 8])
             for number in find_numbers(text)]
    for spaced in SPACED_DIGITS.finditer(text):
        for mention in found:
            if mention.number.start <= spaced.start() < mention.number.unit_end or mention.number.start == spaced.end() - 1:
                _unclassified(mention, "digits separated by a space (1 500 is neither one number nor two with "
                                       "certainty)")
    _apply_rules(text, row, doc_number, found, rules)
    phrases = _year_phrases(text, found)
    for mention in found:
        if mention.classification is None and not mention.number.is_quantity:
            _unclassified(mention, "no rule of pipeline.parse.targets or raw/reference/number_rules.csv classifies "
                                   "it (date, document number, period, name, list marker, count, year phrase, or "
                                   "a quantity with a measure word)")
    quantities = [m for m in found if m.classification is None]
    _set_scopes(text, phrases, quantities)
    return found, _targets(text, quantities, phrases)


def _unclassified(mention: _Mention, reason: str) -> None:
    mention.classification, mention.note = "unclassified", reason


def _apply_rules(text: str, row: Mapping[str, Any], doc_number: str | None, found: list[_Mention],
                 rules: Sequence[Rule]) -> None:
    for rule in (*STRUCTURAL_RULES, *rules):
        if rule.kinds is not None and row["kind"] not in rule.kinds:
            continue
        if rule.arabic_marker_only and not (row["marker"] and MARKERS["arabic"].match(row["marker"])):
            continue
        for m in rule.pattern.finditer(text):
            if rule.classification == "document_number" and m.group(0) != doc_number:
                continue
            for mention in found:
                if mention.classification is None and m.start() <= mention.number.start < m.end():
                    mention.classification = rule.classification
                    mention.note = rule.note.format(match=m.group(0).strip())


def _year_phrases(text: str, found: list[_Mention]) -> list[_YearPhrase]:
    by_start = {m.number.start: m for m in found}
    phrases = []
    for m in YEAR_PHRASE.finditer(text):
        mention = by_start.get(m.start("year"))
        if mention is None or mention.classification is not None:
            continue
        mention.classification = "year_phrase"  # target_year or year, once the targets are numbered
        lead = m.group("lead")
        mention.phrase = _YearPhrase(mention, m.start(), m.end(), m.group(0), int(m.group("year")),
                                     "力争" if "力争" in lead else None)
        phrases.append(mention.phrase)
    return phrases


def _set_scopes(text: str, phrases: list[_YearPhrase], quantities: list[_Mention]) -> None:
    for i, phrase in enumerate(phrases):
        limit = phrases[i + 1].start if i + 1 < len(phrases) else len(text)
        sentence_end = text.find(SENTENCE_END, phrase.end)
        sentence_end = len(text) if sentence_end < 0 else sentence_end
        own = [q for q in quantities if phrase.end <= q.number.start < min(sentence_end, limit)]
        phrase.scope_end = min(sentence_end, limit) if own else limit


def _governing(phrases: list[_YearPhrase], offset: int) -> _YearPhrase | None:
    for phrase in phrases:
        if phrase.end <= offset < phrase.scope_end:
            return phrase
    return None


def _clause_start(text: str, offset: int, phrases: list[_YearPhrase]) -> int:
    start = max(text.rfind(d, 0, offset) for d in DELIMITERS) + 1
    for phrase in phrases:
        if start <= phrase.end <= offset:
            start = phrase.end
    return start


def _read_quantity(text: str, mention: _Mention, previous: _Quantity | None,
                   phrases: list[_YearPhrase]) -> _Quantity:
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
    pre_bound = next((w for w in PRE_BOUNDS if pre_text.endswith(w)), None)
    if pre_bound:
        pre_text = pre_text[:-len(pre_bound)]
    post_bound = next((w for w in POST_BOUNDS if text.startswith(w, n.unit_end)), None)
    end = n.unit_end + len(post_bound or "")
    noun = ""
    if end < len(text) and text[end] not in _NOUN_STOP:
        stops = [i for i in (text.find(c, end) for c in DELIMITERS + LIST_SEPARATOR) if i >= 0]
        noun_end = min(stops) if stops else len(text)
        noun, end = text[end:noun_end], noun_end
    year = _governing(phrases, n.start)
    verb = pre_text.startswith(TARGET_VERBS)
    cue = bool(year or pre_bound or post_bound or verb or (chained and previous is not None and previous.cue))
    return _Quantity(mention, clause_start, subject_start, pre_text, aspiration, pre_bound, post_bound, noun, end,
                     chained, year, cue)


def _targets(text: str, quantities: list[_Mention], phrases: list[_YearPhrase]) -> list[dict[str, Any]]:
    groups: list[list[_Quantity]] = []
    previous: _Quantity | None = None
    for mention in quantities:
        q = _read_quantity(text, mention, previous, phrases)
        if not q.cue:
            _unclassified(mention, "a quantity without a target cue (a year phrase, a bounding word or a target "
                                   "verb) and no count rule that says why it is no target")
            previous = None
            continue
        bare = q.chained and not q.pre_text and not q.noun and not q.pre_bound
        if bare and groups:
            groups[-1].append(q)
        else:
            groups.append([q])
        previous = q
    specs: list[_TargetSpec] = []
    for group in groups:
        problem = _group_problem(text, group)
        if problem:
            for q in group:
                _unclassified(q.mention, problem)
            continue
        specs += _group_specs(text, group)
    return specs


def _group_problem(text: str, group: list[_Quantity]) -> str | None:
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
    if pre and post and pre not in _REACH and COMPARATOR_WORDS[pre] != COMPARATOR_WORDS[post]:
        return f"bounding words that disagree ({pre} … {post})"
    return None


def _group_specs(text: str, group: list[_Quantity]) -> list[_TargetSpec]:
    head, last = group[0], group[-1]
    if len(group) == 1:
        return [_spec(head, head.pre_text + head.noun, head.pre_bound, head.post_bound,
                      text[head.subject_start:head.end])]
    parts = head.pre_text.split(LIST_SEPARATOR)
    quote = text[head.subject_start:last.end]
    return [_spec(q, part, head.pre_bound, last.post_bound, quote) for q, part in zip(group, parts)]


def _spec(q: _Quantity, subject: str, pre_bound: str | None, post_bound: str | None, quote: str) -> _TargetSpec:
    comparator = "exactly"
    if post_bound:
        comparator = COMPARATOR_WORDS[post_bound]
    elif pre_bound:
        comparator = COMPARATOR_WORDS[pre_bound]
    aspirations = [w for w in ((q.year.aspiration if q.year else None), q.aspiration) if w]
    words = list(dict.fromkeys(aspirations)) + [w for w in (pre_bound, post_bound) if w]
    q.mention.classification = "target"
    q.mention.subject = subject
    return _TargetSpec(mention=q.mention, year_phrase=q.year, subject=subject, value=q.mention.number.value,
                       unit=q.mention.number.unit, target_year=q.year.year if q.year else None,
                       qualifier="…".join(words) or None, comparator=comparator, quote=quote, line=q.mention.line)


def _target_row(target_id: str, row: Mapping[str, Any], spec: _TargetSpec, task_id: str | None,
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


def _mention_row(mention_id: str, row: Mapping[str, Any], mention: _Mention) -> dict[str, Any]:
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
        target["indicator_document_id"] = target["document_id"]
        target["indicator_id"], target["region_code"] = link["indicator_id"], link["region_code"]
