"""The text of one synthetic issue derived from the real one (zjzfgb-2016-26), and the numbering of the corpus.

Issue ``i`` of the corpus (``corpus_specs``) continues the real issue's numbering: 2016 第27期 … 第35期, then 35
issues a year from 2017 on (issue ``k`` of a year is published on day 1, 11 or 21 of month ``k // 3 + 1``, so
that 2016 第26期 falls on 9月21日 as printed), cumulative number 总第 ``1129 + i``期. ``derive`` gives the text of a
derived issue: the real text with

- both mastheads (``2016`` / ``第26期 (总第1129期)`` and ``2016年第26期(总第1129期)`` / ``9月21日出版``) set to the
  new issue;
- every full date (signatures, effective-date clauses) shifted by the same number of days as the publication date;
- the four own document numbers (浙政发〔2016〕24号, 25号, 浙政办发〔2016〕89号, 90号; in the table of contents and
  in the bodies, spacing kept) renumbered: the year is the year of the shifted signing date and the number runs on
  per prefix and year (2016 continues after 25号 / 90号; ``Numbering``), so document ids are unique across the
  corpus. Cited documents (浙政发〔2016〕11号, 国发〔2016〕27号, …) are left alone;
- the table-of-contents page numbers shifted;
- prose quantities (a number of at least 10, or with decimals, followed by a measure word such as 家, 个, 亿元,
  万人年, %) and every cell of the indicator tables (附件1) scaled by a random factor in [0.8, 1.25], written with
  the same number of decimals (and the same decimal point, . or ．); small counts (2个, 1件以上) are left alone;
- the eleven prefecture-level cities permuted in the row labels of 附件1 (short names) and 附件2 (full names):
  every city still has exactly one row per table.

Calendar numbers (years, 2016年底, the 2016年…2020年 table headers), list markers, names (“131”工程), the
units named in responsibility clauses and everything else are kept, so every issue still parses. The corpus
around these texts (sidecars, variants, corpus.json) is ``synthetic_corpus.py``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.parse.numbers import CALENDAR_WORDS, MAGNITUDES
from pipeline.parse.numbers import MEASURE_WORDS as ALL_MEASURE_WORDS
from pipeline.parse.patterns import document_id as series_document_id
from pipeline.base.paths import REPO_ROOT, ProjectPaths


@functools.cache
def _series() -> dict[str, str]:
    from pipeline.raw.references import load_document_series

    return load_document_series(REPO_ROOT)


def make_document_id(doc_number: str) -> str:
    """The document id the build gives a document number (series from raw/reference/document_series.csv)."""
    return series_document_id(doc_number, _series())[0]


ORIGINAL_ID = "zjzfgb-2016-26"
ORIGINAL_YEAR, ORIGINAL_NUMBER, ORIGINAL_CUMULATIVE = 2016, 26, 1129
ORIGINAL_PUBLISHED = dt.date(2016, 9, 21)
ISSUES_PER_YEAR = 35
#: Scale factor range for prose quantities and table cells.
FACTOR = (0.8, 1.25)

#: The parser's quantity units (pipeline.parse.numbers), without the calendar and numbering ones.
MEASURE_WORDS = tuple(u for u in ALL_MEASURE_WORDS if u not in CALENDAR_WORDS)
_MAG = "|".join(MAGNITUDES)
_MEASURE = "|".join(re.escape(w) for w in MEASURE_WORDS)
#: A prose quantity: the number (integer part, decimal point, decimals) before an optional magnitude and a
#: measure word, or a magnitude alone; never part of a longer number or of a Latin name (B2B2C, 4G).
QUANTITY = re.compile(rf"(?<![\d.．A-Za-z])(\d+)(?:([.．])(\d+))?(?=[ ]*(?:(?:{_MAG})?[ ]*(?:{_MEASURE})|(?:{_MAG})))")
CELL_NUMBER = re.compile(r"^(-?)(\d+)(?:(\.)(\d+))?$")
OWN_DOC_NUMBER = re.compile(r"浙政(办)?发〔(\d{4})〕([ ]*)(\d+)([ ]*)号")
FULL_DATE = re.compile(r"(\d{4})([ ]*)年([ ]*)(\d{1,2})([ ]*)月([ ]*)(\d{1,2})([ ]*)日")
TOC_PAGE = re.compile(r"(号[ ]*\)[ ]*\()(\d+)(\)[ ]*)$")
OPENING_YEAR = re.compile(r"^2016$")
OPENING_ISSUE = re.compile(r"^第26期([ ]*)\(总第1129期\)$")
CLOSING_ISSUE = re.compile(r"^2016年第26期\(总第1129期\)$")
CLOSING_DATE = re.compile(r"^9月21日出版$")
TAG = re.compile(r"(</?(?:p|ol|li)(?:\s[^<>]*)?>)")


@dataclass(frozen=True)
class IssueSpec:
    index: int
    year: int
    issue_number: int
    cumulative_number: int
    published_date: dt.date

    @property
    def issue_id(self) -> str:
        from pipeline.schema.common import make_issue_id

        return make_issue_id(self.year, self.issue_number)


def published_on(year: int, issue_number: int) -> dt.date:
    return dt.date(year, issue_number // 3 + 1, (1, 11, 21)[issue_number % 3])


def corpus_specs(n: int) -> list[IssueSpec]:
    """(year, issue number, cumulative number, publication date) of the first ``n`` issues of the corpus."""
    assert published_on(ORIGINAL_YEAR, ORIGINAL_NUMBER) == ORIGINAL_PUBLISHED
    specs, year, number = [], ORIGINAL_YEAR, ORIGINAL_NUMBER
    for index in range(n):
        specs.append(IssueSpec(index, year, number, ORIGINAL_CUMULATIVE + index, published_on(year, number)))
        number += 1
        if number > ISSUES_PER_YEAR:
            year, number = year + 1, 1
    return specs


def scale(integer: str, point: str | None, decimals: str | None, rng: random.Random, sign: str = "") -> str:
    """The number scaled by a random factor, with the same number of decimals and the same decimal point."""
    places = len(decimals or "")
    value = float(f"{integer}.{decimals}" if decimals else integer)
    new = value * rng.uniform(*FACTOR)
    if places == 0:
        text = str(max(1, round(new)) if value >= 1 else round(new))
    else:
        text = f"{new:.{places}f}"
        if value > 0 and float(text) == 0:
            text = f"{10 ** -places:.{places}f}"
        text = text.replace(".", point or ".")
    return sign + text


def _scale_prose(line: str, rng: random.Random) -> str:
    def repl(m: re.Match[str]) -> str:
        integer, point, decimals = m.group(1), m.group(2), m.group(3)
        if not decimals and int(integer) < 10:
            return m.group(0)
        return scale(integer, point, decimals, rng)

    return QUANTITY.sub(repl, line)


@dataclass(frozen=True)
class Template:
    """What the generator needs to know about the real issue, found once."""

    text: str
    lines: tuple[str, ...]
    body: range  # line indices of the documents (layout.documents), 0-based
    #: (prefix 办 or '', year, number) of each own document -> its signing date and document id
    documents: dict[tuple[str, int, int], tuple[dt.date, str]]
    short_names: tuple[str, ...]  # prefecture-level cities, short (杭州)
    full_names: tuple[str, ...]   # same order, full (杭州市)
    meta: dict[str, Any]
    #: row counts of the real issue per table (parse_issue)
    counts: dict[str, int] = field(default_factory=dict)


def load_template(root: Path = REPO_ROOT) -> Template:
    from pipeline.parse.issue import parse_issue
    from pipeline.parse.layout import segment
    from pipeline.raw.snapshot import load_issue
    from pipeline.raw.references import load_references

    paths = ProjectPaths(root)
    raw = load_issue(paths.raw_gazette / f"{ORIGINAL_ID}.txt", paths)
    rows = parse_issue(raw, load_references(paths))
    layout = segment(raw.lines, raw.source_path)
    text = (paths.raw_gazette / f"{ORIGINAL_ID}.txt").read_text(encoding="utf-8")
    documents = {}
    for doc in rows["documents"]:
        m = OWN_DOC_NUMBER.fullmatch(doc["doc_number"])
        assert m, doc["doc_number"]
        documents[(m.group(1) or "", int(m.group(2)), int(m.group(4)))] = (doc["signed_date"], doc["document_id"])
    from pipeline.raw.references import load_regions

    cities = [r for r in load_regions(root) if r["level"] == "prefecture-level city"]
    meta = json.loads((paths.raw_gazette / f"{ORIGINAL_ID}.meta.json").read_text(encoding="utf-8"))
    return Template(text=text, lines=tuple(text.split("\n")),
                     body=range(layout.documents[0].start, layout.documents[-1].stop), documents=documents,
                     short_names=tuple(r["short_name_zh"] for r in cities),
                     full_names=tuple(r["name_zh"] for r in cities), meta=meta,
                     counts={table: len(r) for table, r in rows.items()})


class Numbering:
    """Document numbers per (prefix, year), continuing after the real issue's."""

    def __init__(self, template: Template) -> None:
        self.next: Counter[tuple[str, int]] = Counter()
        for prefix, year, number in template.documents:
            self.next[(prefix, year)] = max(self.next[(prefix, year)], number)

    def take(self, prefix: str, year: int) -> int:
        self.next[(prefix, year)] += 1
        return self.next[(prefix, year)]


def _renumbering(template: Template, delta: dt.timedelta, numbering: Numbering
                 ) -> tuple[dict[tuple[str, int, int], tuple[int, int]], dict[str, str]]:
    """Own document numbers, one new number per real document in printed order: (real key -> (year, number),
    new document_id -> real document_id)."""
    renumber: dict[tuple[str, int, int], tuple[int, int]] = {}
    doc_map: dict[str, str] = {}
    for key, (signed, real_id) in template.documents.items():
        year = (signed + delta).year
        new = (year, numbering.take(key[0], year))
        renumber[key] = new
        doc_map[make_document_id(f"浙政{key[0]}发〔{new[0]}〕{new[1]}号")] = real_id
    return renumber, doc_map


def _masthead_line(line: str, spec: IssueSpec, page_shift: int, doc_number) -> str:
    """A line outside the document bodies: the issue's own numbering, date, contents pages and 文号."""
    line = OPENING_YEAR.sub(str(spec.year), line)
    line = OPENING_ISSUE.sub(lambda m: f"第{spec.issue_number}期{m.group(1)}(总第{spec.cumulative_number}期)", line)
    line = CLOSING_ISSUE.sub(f"{spec.year}年第{spec.issue_number}期(总第{spec.cumulative_number}期)", line)
    line = CLOSING_DATE.sub(f"{spec.published_date.month}月{spec.published_date.day}日出版", line)
    line = TOC_PAGE.sub(lambda m: f"{m.group(1)}{max(1, int(m.group(2)) + page_shift)}{m.group(3)}", line)
    return OWN_DOC_NUMBER.sub(doc_number, line)


def _table_line(line: str, short: dict[str, str], full: dict[str, str], rng: random.Random) -> str:
    """A tab-separated row: a 附件1 row gets its city permuted and its numbers scaled, a 附件2 row its city."""
    cells = line.split("\t")
    label = cells[0].strip()
    if label in short or label == "全省":  # 附件1 data row
        cells[0] = cells[0].replace(label, short.get(label, label))
        for k in range(1, len(cells)):
            if m := CELL_NUMBER.match(cells[k]):
                cells[k] = scale(m.group(2), m.group(3), m.group(4), rng, sign=m.group(1))
    else:
        bare = TAG.sub("", cells[0]).strip()
        if bare in full:  # 附件2 row
            cells[0] = cells[0].replace(bare, full[bare])
        cells[1:] = [_scale_prose(cell, rng) for cell in cells[1:]]
    return "\t".join(cells)


def derive(template: Template, spec: IssueSpec, numbering: Numbering, seed: int) -> tuple[str, dict[str, str]]:
    """The text of the derived issue ``spec`` and its document map (new document_id -> real document_id)."""
    rng = random.Random(f"{seed}:{spec.issue_id}")
    delta = spec.published_date - ORIGINAL_PUBLISHED
    renumber, doc_map = _renumbering(template, delta, numbering)

    def doc_number(m: re.Match[str]) -> str:
        key = (m.group(1) or "", int(m.group(2)), int(m.group(4)))
        if key not in renumber:
            return m.group(0)  # a cited document
        year, number = renumber[key]
        return f"浙政{m.group(1) or ''}发〔{year}〕{m.group(3)}{number}{m.group(5)}号"

    def full_date(m: re.Match[str]) -> str:
        new = dt.date(int(m.group(1)), int(m.group(4)), int(m.group(7))) + delta
        g = m.groups()
        return f"{new.year}{g[1]}年{g[2]}{new.month}{g[4]}月{g[5]}{new.day}{g[7]}日"

    page_shift = rng.randint(-2, 6)
    order = list(range(len(template.short_names)))
    rng.shuffle(order)
    short = {template.short_names[i]: template.short_names[j] for i, j in enumerate(order)}
    full = {template.full_names[i]: template.full_names[j] for i, j in enumerate(order)}
    out: list[str] = []
    for index, line in enumerate(template.lines):
        if index not in template.body:
            out.append(_masthead_line(line, spec, page_shift, doc_number))
            continue
        line = OWN_DOC_NUMBER.sub(doc_number, FULL_DATE.sub(full_date, line))
        out.append(_table_line(line, short, full, rng) if "\t" in line else _scale_prose(line, rng))
    return "\n".join(out), doc_map
