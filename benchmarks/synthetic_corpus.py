"""A deterministic synthetic corpus of gazette issues derived from the real one (zjzfgb-2016-26): writing it.

The corpus is the real issue, byte for byte, followed by ``n - 1`` derived issues that continue its numbering,
each the real text with its mastheads, dates, own document numbers, contents pages, quantities and city rows
altered (``derived_text.py``), and with a sidecar (issue_id, year, issue_number, cumulative_number,
published_date, sha256, bytes, …) for the new issue. ``generate`` writes ``raw/gazette``, copies of
``raw/reference`` and ``expectations``, and ``corpus.json`` (read back by ``corpus_manifest.read_manifest``).

What does differ when the corpus is parsed (``corpus_verify.verify``): the parser recognises tasks only in the
documents that have a task scope (``raw/reference/task_scopes.csv``, keyed by document id), so the renumbered
documents yield no ``tasks`` or ``task_units``; and the target -> indicator links of
``raw/reference/target_indicator_links.csv`` (keyed by the real target ids) apply to the real issue only.
``corpus_manifest.alias_task_scopes`` gives the synthetic documents the real documents' scopes in memory, and
``--task-scopes`` appends such rows to the corpus's copy of task_scopes.csv, so that the synthetic issues
parse like the real one (tasks and task units included).

Randomness comes from ``random.Random(f"{seed}:{issue_id}")``: the corpus of ``n`` issues is a prefix of the
corpus of ``n + 1`` issues, and two runs with the same seed write the same bytes.

Structural variants (``--variants mixed`` or ``--variants KIND,KIND…``; ``benchmarks/variants.py``): issue
``i >= 1`` also gets the variant ``kinds[(i - 1) % len(kinds)]`` (renumbered, no_attachments, retitled_attachment,
unknown_units, new_phrasings, missing_clause, unknown_region, extra_table, and the document forms of
``form_variants.py``: responsibility_lines, government_order, appointment_notice, bracketed_number,
unlisted_document), applied to the derived text with its own
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
import hashlib
import json
import random
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.base.paths import REPO_ROOT

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
import variants as variant_kinds  # noqa: E402  (benchmarks/variants.py)
from corpus_manifest import read_manifest, write_task_scope_aliases  # noqa: E402
from corpus_verify import verify  # noqa: E402
from derived_text import (ORIGINAL_ID, IssueSpec, Numbering, Template, corpus_specs, derive,  # noqa: E402
                          load_template, make_document_id)

DEFAULT_SEED = 20160921


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


def _sidecar(template: Template, spec: IssueSpec, data: bytes, seed: int, variant: str | None = None
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


def _expect(template: Template, variant: variant_kinds.Variant | None) -> dict[str, Any]:
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


def _issue_files(template: Template, spec: IssueSpec, numbering: Numbering, seed: int, root: Path,
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


def _variant_record(template: Template, variant: variant_kinds.Variant | None) -> dict[str, Any]:
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
    numbering = Numbering(template)
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
