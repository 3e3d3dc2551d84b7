"""A deterministic synthetic corpus of gazette issues derived from the real one (zjzfgb-2016-26).

The corpus is the real issue, byte for byte, followed by ``n - 1`` derived issues that continue its numbering:
2016 第27期 … 第35期, then 35 issues a year from 2017 on (issue ``k`` of a year is published on day 1, 11 or 21
of month ``k // 3 + 1``, so that 2016 第26期 falls on 9月21日 as printed). Issue ``i`` of the corpus is
cumulative number 总第 ``1129 + i``期. Each derived issue is the real text with:

- both mastheads (``2016`` / ``第26期 (总第1129期)`` and ``2016年第26期(总第1129期)`` / ``9月21日出版``) and the
  sidecar (issue_id, year, issue_number, cumulative_number, published_date, sha256, bytes, …) set to the new issue;
- every full date (signatures, effective-date clauses) shifted by the same number of days as the publication date;
- the four own document numbers (浙政发〔2016〕24号, 25号, 浙政办发〔2016〕89号, 90号; in the table of contents and
  in the bodies, spacing kept) renumbered: the year is the year of the shifted signing date and the number runs on
  per prefix and year (2016 continues after 25号 / 90号), so document ids are unique across the corpus. Cited
  documents (浙政发〔2016〕11号, 国发〔2016〕27号, …) are left alone;
- the table-of-contents page numbers shifted;
- prose quantities (a number of at least 10, or with decimals, followed by a measure word such as 家, 个, 亿元,
  万人年, %) and every cell of the indicator tables (附件1) scaled by a random factor in [0.8, 1.25], written with
  the same number of decimals (and the same decimal point, . or ．); small counts (2个, 1件以上) are left alone;
- the eleven prefecture-level cities permuted in the row labels of 附件1 (short names) and 附件2 (full names):
  every city still has exactly one row per table.

Calendar numbers (years, 2016年底, the 2016年…2020年 table headers), list markers, names (“131”工程), the
units named in responsibility clauses and everything else are kept, so every issue still parses. What does
differ (see ``verify``): the parser recognises tasks only in the documents that have a task scope
(``raw/reference/task_scopes.csv``, keyed by document id; formerly ``pipeline.parse.tasks.TASK_SCOPES``), so the
renumbered documents yield no ``tasks`` or ``task_units``; and the target -> indicator links of
``raw/reference/target_indicator_links.csv`` (keyed by the real target ids) apply to the real issue only.
``alias_task_scopes`` gives the synthetic documents the real documents' scopes in memory, and
``--task-scopes`` appends such rows to the corpus's copy of task_scopes.csv, so that the synthetic issues
parse like the real one (tasks and task units included).

Randomness comes from ``random.Random(f"{seed}:{issue_id}")``: the corpus of ``n`` issues is a prefix of the
corpus of ``n + 1`` issues, and two runs with the same seed write the same bytes.

Structural variants (``--variants mixed`` or ``--variants KIND,KIND…``; ``benchmarks/variants.py``): issue
``i >= 1`` also gets the variant ``kinds[(i - 1) % len(kinds)]`` (renumbered, no_attachments, retitled_attachment,
unknown_units, new_phrasings, missing_clause, unknown_region, extra_table, and the document forms of
``form_variants.py``: responsibility_lines, government_order, appointment_notice, bracketed_number,
unlisted_document), applied to the text above with its own
``random.Random(f"{seed}:{issue_id}:variant")``, so the default mode writes the same bytes as without variants.
corpus.json then records per issue ``added_documents`` (ids of documents a variant adds, beyond
``documents``), ``variant``, ``task_scopes``, ``planted`` (the review items the variant
plants: kind, text, line, count, lines, document_id, note), ``changes`` (other edits, same shape) and ``expect``
(row counts that stay exact, ``review_items`` per kind); the corpus's task_scopes.csv covers the synthetic
documents of every issue except the ``renumbered`` ones.

Usage: ``.venv/bin/python benchmarks/synthetic_corpus.py --out /tmp/corpus -n 500 [--seed S] [--task-scopes]
[--variants mixed] [--verify]``
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.parse.numbers import CALENDAR_WORDS, MAGNITUDES
from pipeline.parse.numbers import MEASURE_WORDS as ALL_MEASURE_WORDS
from pipeline.parse.patterns import document_id as series_document_id
from pipeline.base.paths import REPO_ROOT, ProjectPaths

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
import variants as variant_kinds  # noqa: E402  (benchmarks/variants.py)

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
DEFAULT_SEED = 20160921
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


@dataclass
class CorpusIssue:
    issue_id: str
    year: int
    issue_number: int
    cumulative_number: int
    published_date: str
    synthetic: bool
    bytes: int
    sha256: str
    #: synthetic document_id -> document_id of the real document it was derived from
    documents: dict[str, str] = field(default_factory=dict)


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
class _Template:
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


def load_template(root: Path = REPO_ROOT) -> _Template:
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
    return _Template(text=text, lines=tuple(text.split("\n")),
                     body=range(layout.documents[0].start, layout.documents[-1].stop), documents=documents,
                     short_names=tuple(r["short_name_zh"] for r in cities),
                     full_names=tuple(r["name_zh"] for r in cities), meta=meta,
                     counts={table: len(r) for table, r in rows.items()})


class _Numbering:
    """Document numbers per (prefix, year), continuing after the real issue's."""

    def __init__(self, template: _Template) -> None:
        self.next: Counter[tuple[str, int]] = Counter()
        for prefix, year, number in template.documents:
            self.next[(prefix, year)] = max(self.next[(prefix, year)], number)

    def take(self, prefix: str, year: int) -> int:
        self.next[(prefix, year)] += 1
        return self.next[(prefix, year)]


def _renumbering(template: _Template, delta: dt.timedelta, numbering: _Numbering
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


def derive(template: _Template, spec: IssueSpec, numbering: _Numbering, seed: int) -> tuple[str, dict[str, str]]:
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


def _sidecar(template: _Template, spec: IssueSpec, data: bytes, seed: int, variant: str | None = None
             ) -> dict[str, Any]:
    meta = dict(template.meta)
    meta.update(
        issue_id=spec.issue_id, year=spec.year, issue_number=spec.issue_number,
        cumulative_number=spec.cumulative_number, published_date=spec.published_date.isoformat(),
        original_file_name=f"synthetic-{spec.issue_id}.txt", sha256=hashlib.sha256(data).hexdigest(), bytes=len(data),
        rights=template.meta["rights"].replace("The gazette text is reproduced here unaltered.",
                                               "This synthetic text is an altered derivative, for benchmarks only."),
        notes=(f"SYNTHETIC benchmark issue, not a real gazette issue: derived from {ORIGINAL_ID} by "
               f"benchmarks/synthetic_corpus.py (seed {seed}); numbers, dates, document numbers and city row "
               f"labels are altered."),
    )
    if variant:
        meta["notes"] += (f" Structural variant {variant!r} (benchmarks/variants.py): see corpus.json for what "
                          f"it plants.")
    return meta


#: Row counts (of the real issue's tables) that every issue of a variant corpus is expected to keep, unless its
#: variant says otherwise; plus text-level counts.
EXPECTED_TABLES = ("documents", "tasks", "task_units", "indicators", "indicator_values", "city_priorities",
                   "city_platforms", "targets")


def _expect(template: _Template, variant: variant_kinds.Variant | None) -> dict[str, Any]:
    expect: dict[str, Any] = {t: template.counts[t] for t in EXPECTED_TABLES if t in template.counts}
    expect.update(attachments=2, indicator_tables=8, indicator_years=[2016, 2017, 2018, 2019, 2020])
    if variant is not None:
        expect.update(variant.expect)
        for table, delta in variant.expect_delta.items():
            expect[table] += delta
        review: Counter[str] = Counter(item.kind for item in variant.planted)
    else:
        review = Counter()
    out = {k: v for k, v in expect.items() if v is not None}
    out["review_items"] = dict(sorted(review.items()))
    return out


def _issue_files(template: _Template, spec: IssueSpec, numbering: _Numbering, seed: int, root: Path,
                 variants: tuple[str, ...] | None) -> tuple[bytes, str, dict[str, str], variant_kinds.Variant | None]:
    """(text bytes, sidecar text, document map, variant) of issue ``spec``: the real issue as it is at index 0."""
    if spec.index == 0:
        data = (root / "raw/gazette" / f"{ORIGINAL_ID}.txt").read_bytes()
        meta_text = (root / "raw/gazette" / f"{ORIGINAL_ID}.meta.json").read_text(encoding="utf-8")
        return data, meta_text, {real_id: real_id for _, real_id in template.documents.values()}, None
    variant = None
    text, doc_map = derive(template, spec, numbering, seed)
    if variants is not None:
        kind = variant_kinds.variant_of(spec.index, variants)
        assert kind is not None
        variant = variant_kinds.apply(kind, text, random.Random(f"{seed}:{spec.issue_id}:variant"), make_document_id)
        text = variant.text
    data = text.encode("utf-8")
    meta_text = json.dumps(_sidecar(template, spec, data, seed, variant.kind if variant else None),
                           ensure_ascii=False, indent=2) + "\n"
    return data, meta_text, doc_map, variant


def _variant_record(template: _Template, variant: variant_kinds.Variant | None) -> dict[str, Any]:
    """What corpus.json records of one issue of a variant corpus (the real issue: variant "original")."""
    return {"added_documents": variant.added_documents if variant else [],
            "variant": variant.kind if variant else "original",
            "task_scopes": variant.task_scopes if variant else True,
            "planted": [item.as_dict() for item in variant.planted] if variant else [],
            "changes": [item.as_dict() for item in variant.changes] if variant else [],
            "expect": _expect(template, variant)}


def generate(out: Path, n: int, seed: int = DEFAULT_SEED, root: Path = REPO_ROOT,
             variants: tuple[str, ...] | None = None) -> list[CorpusIssue]:
    """Write the corpus of ``n`` issues into ``out`` (raw/gazette, raw/reference, expectations, corpus.json).

    With ``variants`` (kinds of ``benchmarks/variants.py``), issue ``i >= 1`` also gets the structural variant
    ``variants[(i - 1) % len(variants)]``; corpus.json then records per issue the variant, what it planted and
    changed, and the expected counts, and the corpus's raw/reference/task_scopes.csv gets the real documents'
    scopes for the synthetic documents of every issue whose variant keeps them (all but ``renumbered``)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    if variants is not None:
        unknown = [k for k in variants if k not in variant_kinds.VARIANTS]
        if unknown or not variants:
            raise ValueError(f"unknown variant kinds {unknown}; known: {', '.join(variant_kinds.VARIANTS)}")
    template = load_template(root)
    gazette = out / "raw" / "gazette"
    if gazette.exists():
        shutil.rmtree(gazette)
    gazette.mkdir(parents=True)
    for folder in ("raw/reference", "expectations"):
        if (out / folder).exists():
            shutil.rmtree(out / folder)
        shutil.copytree(root / folder, out / folder)
    numbering = _Numbering(template)
    issues: list[CorpusIssue] = []
    records: list[dict[str, Any]] = []
    for spec in corpus_specs(n):
        data, meta_text, doc_map, variant = _issue_files(template, spec, numbering, seed, root, variants)
        (gazette / f"{spec.issue_id}.txt").write_bytes(data)
        (gazette / f"{spec.issue_id}.meta.json").write_text(meta_text, encoding="utf-8")
        issues.append(CorpusIssue(spec.issue_id, spec.year, spec.issue_number, spec.cumulative_number,
                                  spec.published_date.isoformat(), spec.index > 0, len(data),
                                  hashlib.sha256(data).hexdigest(), doc_map))
        if variants is not None:
            records.append(_variant_record(template, variant))
    manifest: dict[str, Any] = {"seed": seed, "n": n, "original": ORIGINAL_ID,
                                "bytes": sum(i.bytes for i in issues), "issues": [vars(i) for i in issues]}
    if variants is not None:
        manifest = {"seed": seed, "n": n, "original": ORIGINAL_ID, "variants": list(variants),
                    "bytes": manifest["bytes"],
                    "issues": [{**vars(i), **record} for i, record in zip(issues, records, strict=True)]}
    (out / "corpus.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if variants is not None:
        write_task_scope_aliases(out, manifest)
    return issues


def read_manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "corpus.json").read_text(encoding="utf-8"))


def scope_aliases(manifest: dict[str, Any]) -> dict[str, str]:
    """synthetic document_id -> real document_id, for every derived document of the corpus."""
    return {new_id: real_id for issue in manifest["issues"] if issue["synthetic"] and issue.get("task_scopes", True)
            for new_id, real_id in issue["documents"].items()}


def alias_task_scopes(refs: Any, manifest: dict[str, Any]) -> Any:
    """``refs`` with each real document's task scope (raw/reference/task_scopes.csv) also registered under
    its synthetic document ids."""
    aliases = scope_aliases(manifest)
    scopes = dict(refs.task_scopes)
    scopes.update({new: scopes[real] for new, real in aliases.items() if real in scopes})
    return dataclasses.replace(refs, task_scopes=scopes)


def write_task_scope_aliases(out: Path, manifest: dict[str, Any]) -> int:
    """Append rows for the synthetic documents to <out>/raw/reference/task_scopes.csv and document_titles.csv
    (copies of the real documents' rows), so that a build of the corpus reads their tasks and English titles
    as reviewed too. Returns the task scope rows added."""
    _append_aliases(out / "raw" / "reference" / "document_titles.csv", manifest)
    return _append_aliases(out / "raw" / "reference" / "task_scopes.csv", manifest)


def _append_aliases(path: Path, manifest: dict[str, Any]) -> int:
    """Copy the rows of the real documents in the reference CSV ``path`` to their synthetic documents."""
    import csv
    import io

    if not path.exists():
        return 0
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_id = {row["document_id"]: row for row in rows}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    added = 0
    for new_id, real_id in scope_aliases(manifest).items():
        if real_id in by_id and new_id not in by_id:
            writer.writerow({**by_id[real_id], "document_id": new_id,
                             "source": f"SYNTHETIC benchmark document derived from {real_id}: same reading"})
            added += 1
    path.write_text(text + ("" if text.endswith("\n") else "\n") + buffer.getvalue(), encoding="utf-8")
    return added


def _counts(rows: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    counts = {table: len(r) for table, r in rows.items()}
    counts["targets linked to an indicator"] = sum(1 for t in rows["targets"] if t["indicator_id"])
    counts["targets within a task"] = sum(1 for t in rows["targets"] if t["task_id"])
    return counts


def verify(out: Path) -> dict[str, Any]:
    """Parse every issue of the corpus with ``load_all`` + ``parse_issue``, strict and with aliased task scopes.

    Returns, per mode, the row counts of the real issue and the distinct row counts of the synthetic issues
    (with how many issues have them), the tables where they differ, and the document ids that occur twice.
    Raises if any issue fails to parse."""
    from pipeline.parse.issue import parse_issue
    from pipeline.raw.snapshot import load_all
    from pipeline.raw.references import load_references

    manifest = read_manifest(out)
    paths = ProjectPaths(out)
    refs = load_references(paths)
    raws = {raw.issue_id: raw for raw in load_all(paths)}  # also checks that (year, issue_number) is unique
    report: dict[str, Any] = {"issues": len(raws), "bytes": manifest["bytes"]}
    for mode in ("strict", "aliased_task_scopes"):
        mode_refs = alias_task_scopes(refs, manifest) if mode != "strict" else refs
        real: dict[str, int] = {}
        synthetic: Counter[str] = Counter()
        documents: Counter[str] = Counter()
        for issue in manifest["issues"]:
            rows = parse_issue(raws[issue["issue_id"]], mode_refs)
            documents.update(d["document_id"] for d in rows["documents"])
            if sorted(d["document_id"] for d in rows["documents"]) != sorted([*issue["documents"],
                                                                              *issue.get("added_documents", [])]):
                raise AssertionError(f"{issue['issue_id']}: document ids differ from the manifest")
            counts = _counts(rows)
            if issue["synthetic"]:
                synthetic[json.dumps(counts, ensure_ascii=False)] += 1
            else:
                real = counts
        variants = [{"issues": k, "rows": json.loads(c)} for c, k in synthetic.most_common()]
        differing = sorted({t for v in variants for t, c in v["rows"].items() if real and c != real.get(t)})
        report[mode] = {"real_issue_rows": real, "synthetic_issue_rows": variants,
                        "tables_that_differ": {t: {"real": real.get(t),
                                                   "synthetic": sorted({v["rows"][t] for v in variants})}
                                               for t in differing},
                        "duplicate_document_ids": sorted(d for d, k in documents.items() if k > 1)}
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="folder to write (raw/, expectations/, corpus.json)")
    parser.add_argument("-n", type=int, default=100, help="number of issues, the real one included (default 100)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--task-scopes", action="store_true",
                        help="also give the synthetic documents the real documents' rows in the corpus's "
                             "raw/reference/task_scopes.csv (implied by --variants, except for 'renumbered' issues)")
    parser.add_argument("--variants", metavar="KINDS",
                        help="structural variants: 'mixed' (all kinds of benchmarks/variants.py in turn) or a "
                             "comma-separated list of kinds; issue i >= 1 gets kinds[(i - 1) % len(kinds)], and "
                             "the synthetic documents get task scopes except in 'renumbered' issues")
    parser.add_argument("--verify", action="store_true", help="parse every issue and report what differs")
    args = parser.parse_args(argv)
    kinds = None
    if args.variants:
        kinds = variant_kinds.VARIANTS if args.variants == "mixed" else tuple(args.variants.split(","))
    issues = generate(args.out, args.n, args.seed, variants=kinds)
    print(f"wrote {len(issues)} issues ({sum(i.bytes for i in issues):,} bytes) to {args.out}/raw/gazette "
          f"({issues[0].issue_id} … {issues[-1].issue_id})")
    if args.task_scopes and kinds is None:
        added = write_task_scope_aliases(args.out, read_manifest(args.out))
        print(f"added {added} rows to {args.out}/raw/reference/task_scopes.csv")
    if args.verify:
        print(json.dumps(verify(args.out), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
