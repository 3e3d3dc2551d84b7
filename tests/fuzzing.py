"""Seeded mutation fuzzing of the parser and the build, on the real issue raw/gazette/zjzfgb-2016-26.txt.

A mutant is the real text with one to three random edits (``MUTATORS``: delete, duplicate or swap lines;
insert or delete blank lines; cut or split a line at a random character; insert CJK or ASCII punctuation;
replace a digit; drop or add a tab in a table row; change a 一、/(一)/1. marker). Mutant ``n`` of seed ``s``
is always the same text (``random.Random(f"{s}:{n}")``), so every failure can be replayed by its number.

``run_pure`` feeds a mutant through the pure parse and the pure checks (rows typed against the registry,
required/unique/enum/pattern/bounds, primary and foreign keys, task rules), with a time limit. Outcomes:

- ``parsed``: parsed and every check passed;
- ``refused``: a ``SourceError`` naming the file and a line (``<file>:<line>: expected …``);
- ``refused-no-line``, ``invalid``, ``crash``, ``timeout``: property violations (a bug to fix).

``python -m tests.fuzzing [N] [--seed S]`` runs N mutants (``make fuzz``: 1000) and prints counts by outcome.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import random
import re
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Callable

REPO_ROOT = Path(__file__).resolve().parents[1]
SOURCE = "raw/gazette/zjzfgb-2016-26.txt"
TIME_LIMIT = 10  # seconds per mutant
OK_OUTCOMES = ("parsed", "refused")

CJK_PUNCTUATION = "。,、;:?!“”‘’()《》【】〔〕—…·「」"
ASCII_PUNCTUATION = ".,;:?!'\"()[]{}<>-_/\\|@#$%^&*+=~`"
MARKER = re.compile(r"^([一二三四五六七八九十]+、|[((][一二三四五六七八九十]+[))]|\d{1,2}[.．])")
NEW_MARKERS = ("一、", "三、", "十、", "二十、", "(一)", "(四)", "(十二)", "1.", "3.", "12.", "99.", "")

Lines = list[str]


def _pick(rng: random.Random, lines: Lines, keep: Callable[[str], bool] = lambda s: True) -> int | None:
    candidates = [i for i, s in enumerate(lines) if keep(s)]
    return rng.choice(candidates) if candidates else None


def delete_line(rng, lines):
    i = _pick(rng, lines, lambda s: bool(s.strip()))
    return lines[:i] + lines[i + 1:] if i is not None else lines


def duplicate_line(rng, lines):
    i = _pick(rng, lines, lambda s: bool(s.strip()))
    return lines[:i + 1] + [lines[i]] + lines[i + 1:] if i is not None else lines


def swap_lines(rng, lines):
    i = rng.randrange(len(lines) - 1)
    j = i + 1 if rng.random() < 0.7 else rng.randrange(len(lines))
    out = list(lines)
    out[i], out[j] = out[j], out[i]
    return out


def insert_blank_line(rng, lines):
    i = rng.randrange(len(lines) + 1)
    return lines[:i] + [""] + lines[i:]


def delete_blank_line(rng, lines):
    i = _pick(rng, lines, lambda s: not s.strip())
    return lines[:i] + lines[i + 1:] if i is not None else lines


def cut_line(rng, lines):
    i = _pick(rng, lines, lambda s: len(s) > 1)
    if i is None:
        return lines
    k = rng.randrange(1, len(lines[i]))
    if rng.random() < 0.5:
        return lines[:i] + [lines[i][:k]] + lines[i + 1:]  # truncated
    return lines[:i] + [lines[i][:k], lines[i][k:]] + lines[i + 1:]  # split in two


def insert_punctuation(rng, lines):
    i = _pick(rng, lines, lambda s: bool(s.strip()))
    if i is None:
        return lines
    k = rng.randrange(len(lines[i]) + 1)
    ch = rng.choice(CJK_PUNCTUATION if rng.random() < 0.5 else ASCII_PUNCTUATION)
    return lines[:i] + [lines[i][:k] + ch + lines[i][k:]] + lines[i + 1:]


def replace_digit(rng, lines):
    i = _pick(rng, lines, lambda s: any(c.isdigit() for c in s))
    if i is None:
        return lines
    positions = [k for k, c in enumerate(lines[i]) if c in "0123456789"]
    if not positions:
        return lines
    k = rng.choice(positions)
    return lines[:i] + [lines[i][:k] + rng.choice("0123456789") + lines[i][k + 1:]] + lines[i + 1:]


def tab_in_table_row(rng, lines):
    i = _pick(rng, lines, lambda s: "\t" in s)
    if i is None:
        return lines
    row = lines[i]
    tabs = [k for k, c in enumerate(row) if c == "\t"]
    if rng.random() < 0.5:
        k = rng.choice(tabs)
        row = row[:k] + row[k + 1:]
    else:
        k = rng.choice(tabs + [len(row)])
        row = row[:k] + "\t" + row[k:]
    return lines[:i] + [row] + lines[i + 1:]


def change_marker(rng, lines):
    i = _pick(rng, lines, lambda s: bool(MARKER.match(s)))
    if i is None:
        return lines
    return lines[:i] + [MARKER.sub(rng.choice(NEW_MARKERS), lines[i], count=1)] + lines[i + 1:]


MUTATORS: dict[str, Callable[[random.Random, Lines], Lines]] = {f.__name__: f for f in (
    delete_line, duplicate_line, swap_lines, insert_blank_line, delete_blank_line, cut_line,
    insert_punctuation, replace_digit, tab_in_table_row, change_marker)}


@dataclasses.dataclass(frozen=True)
class Mutant:
    number: int
    edits: tuple[str, ...]
    data: bytes


def original() -> bytes:
    return (REPO_ROOT / SOURCE).read_bytes()


def mutant(number: int, seed: int = 0, data: bytes | None = None) -> Mutant:
    """Mutant ``number`` of ``seed``: the same bytes on every run and machine."""
    rng = random.Random(f"{seed}:{number}")
    lines = (data if data is not None else original()).decode("utf-8").split("\n")
    edits = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        name = rng.choice(sorted(MUTATORS))
        lines = MUTATORS[name](rng, lines)
        edits.append(name)
    return Mutant(number, tuple(edits), "\n".join(lines).encode("utf-8"))


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def check_rows(rows, refs) -> list[str]:
    """The pure checks a publish would run: registry types and constraints, primary and foreign keys, task rules."""
    from pipeline.checks.cross_table import orphan_foreign_keys
    from pipeline.checks.task_rules import task_problems
    from pipeline.derive import by_table
    from pipeline.parse.issue import reference_rows
    from pipeline.schema.frames import to_frame
    from pipeline.schema.registry import TABLES
    from tests.conftest import registry_violations

    rows = {**rows, **reference_rows(refs)}
    derivations = by_table()
    frames, problems = {}, []
    for table in TABLES:
        derivation = derivations.get(table.name)
        frames[table.name] = to_frame(table, derivation.build(frames) if derivation else rows[table.name])
        problems += registry_violations(table, frames[table.name].to_dicts())
    problems += orphan_foreign_keys({t.name: t for t in TABLES}, frames)
    problems += task_problems(frames["tasks"], frames["task_units"])
    return problems


#: the documented form; a damaged issue may also be refused at a reference-file line that no longer matches it
SOURCE_ERROR_FORM = re.compile(r"^raw/[\w./-]+:\d+: expected ")


def run_pure(data: bytes, refs, time_limit: int = TIME_LIMIT) -> tuple[str, str]:
    """(outcome, detail) of one mutant through decode, segmentation, parsers and pure checks."""
    from pipeline.base.errors import SourceError
    from pipeline.checks.issue_rows import check_issue_rows
    from pipeline.parse.issue import parse_issue, reference_rows
    from pipeline.parse.source import RawIssue
    from pipeline.raw.snapshot import decode
    from pipeline.text.lines import split_lines

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(time_limit)
    try:
        raw = RawIssue("zjzfgb-2016-26", SOURCE, _sha(data), _meta(), tuple(split_lines(decode(data, SOURCE))))
        rows = parse_issue(raw, refs)
        check_issue_rows(rows, reference_rows(refs), SOURCE, raw.lines)  # as the parsed_issue asset does
        problems = check_rows(rows, refs)
    except SourceError as exc:
        return ("refused" if SOURCE_ERROR_FORM.match(str(exc)) else "refused-no-line"), str(exc)
    except Timeout:
        return "timeout", f"over {time_limit} s"
    except Exception:  # noqa: BLE001 - every other exception is a crash to report
        return "crash", traceback.format_exc(limit=-4)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return ("invalid", "; ".join(problems[:5])) if problems else ("parsed", "")


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _meta() -> dict:
    import json

    return json.loads((REPO_ROOT / "raw/gazette/zjzfgb-2016-26.meta.json").read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=3, help="examples printed per failing outcome")
    args = parser.parse_args(argv)
    from pipeline.base.paths import ProjectPaths
    from pipeline.raw.references import load_references

    refs = load_references(ProjectPaths(REPO_ROOT))
    base = original()
    counts: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    started = time.monotonic()
    for n in range(args.count):
        m = mutant(n, args.seed, base)
        outcome, detail = run_pure(m.data, refs)
        counts[outcome] += 1
        if outcome not in OK_OUTCOMES and len(examples[outcome]) < args.show:
            examples[outcome].append(f"mutant {n} ({'+'.join(m.edits)}): {detail.strip()}")
    print(f"{args.count} mutants (seed {args.seed}) in {time.monotonic() - started:.1f} s")
    for outcome in ("parsed", "refused", "refused-no-line", "invalid", "crash", "timeout"):
        print(f"  {outcome:<16} {counts[outcome]:>5}")
    for outcome, lines in examples.items():
        print(f"\n{outcome}:")
        for line in lines:
            print(f"  {line}")
    return 0 if all(o in OK_OUTCOMES for o in counts) else 1


if __name__ == "__main__":
    sys.exit(main())
