"""Seeded mutation fuzzing (tests/fuzzing.py): every mutant of the real issue either parses and passes the
pure checks, or is refused with ``<file>:<line>: expected …``; never another exception, a hang or an invalid
publish. 200 mutants go through the pure parse + checks; 6 (marked ``integration``; ``FUZZ_BUILD_MUTANTS=20`` for
more, as ``make fuzz`` runs) through a full ``gazette build`` on a copy of the project: the first 6 of the seed
hold both outcomes (4 publish, 2 are refused), and each publishing build costs a whole build and a validate. Each crash the fuzzer found is a named regression test below."""

from __future__ import annotations

import concurrent.futures
import os
import re
import subprocess
import sys

import pytest

from pipeline.base.paths import ProjectPaths
from tests.conftest import REPO_ROOT, copy_project, tree_digest, write_issue
from tests.fuzzing import OK_OUTCOMES, SOURCE, _meta, mutant, original, run_pure

PURE_MUTANTS = 200
BUILD_MUTANTS = int(os.environ.get("FUZZ_BUILD_MUTANTS", "6"))
BUILD_SEED = 15


@pytest.fixture(scope="module")
def refs():
    from pipeline.raw.references import load_references

    return load_references(ProjectPaths(REPO_ROOT))


def test_mutants_are_deterministic_and_really_mutated():
    assert mutant(7).data == mutant(7).data and mutant(7, seed=1).data != mutant(7).data
    assert all(mutant(n).data != original() or not mutant(n).edits for n in range(20))
    assert sum(mutant(n).data != original() for n in range(20)) >= 18


@pytest.mark.parametrize("number", range(PURE_MUTANTS))
def test_a_mutant_parses_or_is_refused_with_file_and_line(number, refs):
    m = mutant(number)
    outcome, detail = run_pure(m.data, refs)
    assert outcome in OK_OUTCOMES, f"mutant {number} ({'+'.join(m.edits)}): {outcome}: {detail}"


def test_the_property_fails_on_a_crash_an_invalid_parse_and_a_hang(refs, monkeypatch):
    """The fuzz property is real: a parser raising ValueError, rows breaking the registry, or a hang fail it."""
    import pipeline.parse.issue as issue

    real = issue.parse_issue
    monkeypatch.setattr(issue, "parse_issue", lambda raw, r: int("x"))
    assert run_pure(original(), refs)[0] == "crash"

    def bad_year(raw, r):
        rows = real(raw, r)
        rows["targets"][0] = {**rows["targets"][0], "target_year": 2717}
        return rows

    monkeypatch.setattr(issue, "parse_issue", bad_year)
    outcome, detail = run_pure(original(), refs)
    assert (outcome, detail) == ("refused", f"{SOURCE}:56: expected target_year of this targets row between 2000 "
                                            "and 2100, found '2717'")
    monkeypatch.setattr(issue, "parse_issue", lambda raw, r: __import__("time").sleep(5))
    assert run_pure(original(), refs, time_limit=1)[0] == "timeout"
    monkeypatch.undo()
    assert run_pure(original(), refs) == ("parsed", "")


def _replaced(old: str, new: str) -> bytes:
    text = original().decode("utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new).encode("utf-8")


def _without_line(number: int) -> bytes:
    lines = original().decode("utf-8").split("\n")
    return "\n".join(lines[:number - 1] + lines[number:]).encode("utf-8")


REGRESSIONS = {
    # seed 3, mutant 977: ValueError "month must be in 1..12" from the signing date
    "impossible signing date": (_replaced("2016年8月9日\n", "2016年0月9日\n"),
                                f"{SOURCE}:357: expected a date YYYY年M月D日, found '2016年0月9日'"),
    "impossible effective date": (_replaced("本行动方案自2016年9月9日起施行。", "本行动方案自2016年9月39日起施行。"),
                                  f"{SOURCE}:427: expected an effective date that is a calendar day, found "
                                  "'本行动方案自2016年9月39日起施行。'"),
    # seed 0, mutant 81: attachment heading lost -> no indicators, targets still linked (orphan foreign key)
    "attachment table heading lost": (_without_line(132),
                                      f"{SOURCE}:150: expected table title number 1 (titles numbered in order), "
                                      "found '二、研发人员数'"),
    # seed 0, mutant 914: a serial number breaking the registry pattern was parsed
    "serial number breaking its pattern": (_replaced("CN33-1354/D", "CN33@-1354/D"),
                                           f"{SOURCE}:499: expected serial_number of this issues row to match "
                                           "^CN\\d{2}-\\d{4}/[A-Z]$, found 'CN33@-1354/D'"),
    # seed 0, mutant 729: the TOC heading damaged -> an error without a line
    "table of contents heading damaged": (_replaced("目 录", "目 ;录"),
                                          f"{SOURCE}:16: expected a table of contents heading '目录' above the "
                                          "first category, found '【省政府文件】'"),
}


@pytest.mark.parametrize("case", sorted(REGRESSIONS))
def test_fuzz_regression(case, refs):
    data, message = REGRESSIONS[case]
    assert run_pure(data, refs) == ("refused", message)


def test_a_year_outside_the_registry_bounds_is_queued_not_refused(refs):
    """Seed 0, mutant 330 (力争到2717年底…达1000亿元) was parsed into a target year 2717 that the registry refuses,
    which stopped the build. A year outside the target_year bounds is no year phrase: the number goes to the
    review queue and the target is kept without a year (issue 19: only integrity problems block an issue)."""
    from pipeline.parse.issue import parse_issue
    from pipeline.raw.snapshot import RawIssue, decode
    from pipeline.text.lines import split_lines

    data = mutant(330).data
    assert run_pure(data, refs) == ("parsed", "")
    raw = RawIssue("zjzfgb-2016-26", SOURCE, "0" * 64, _meta(), tuple(split_lines(decode(data, SOURCE))))
    rows = parse_issue(raw, refs)
    assert [(r["kind"], r["line"]) for r in rows["review_items"]] == [("unclassified_number", 401)]
    target = next(t for t in rows["targets"] if t["target_id"] == "zjzbf-2016-89-g002")
    assert (target["value"], target["unit"], target["target_year"], target["comparator"]) == (
        1000.0, "亿元", None, "at_least")


def _build(number: int, tmp_path, expected: tuple[str, str]) -> tuple[int, str]:
    """One mutant through `gazette build` (and `gazette validate` when it publishes) on a copy of the project;
    the build agrees with the pure run (published iff parsed, else the same error)."""
    m = mutant(number, BUILD_SEED)
    pure, detail = expected
    root = tmp_path / f"m{number}"
    paths = copy_project(root)
    before = tree_digest(paths)
    write_issue(paths, "zjzfgb-2016-26", m.data)
    env = {"PATH": "/usr/bin:/bin", "DAGSTER_HOME": str(root / ".dagster_home")}
    gazette = [sys.executable, "-m", "pipeline", "--root", str(root)]
    proc = subprocess.run([*gazette, "build"], cwd=REPO_ROOT, capture_output=True, text=True, env=env, timeout=300)
    where = f"mutant {number} of seed {BUILD_SEED} ({'+'.join(m.edits)})"
    assert "Traceback" not in proc.stderr, f"{where}:\n{proc.stderr}"
    if proc.returncode == 0:
        assert "published datapackage.json and curated/" in proc.stdout, where
        check = subprocess.run([*gazette, "validate"], cwd=REPO_ROOT, capture_output=True, text=True, env=env)
        assert check.returncode == 0 and "the published package is valid" in check.stdout, f"{where}:\n{check.stdout}"
        assert pure == "parsed", f"{where}: published, but the pure run says {pure}: {detail}"
    else:
        assert proc.returncode == 1, f"{where}: exit {proc.returncode}\n{proc.stderr}"
        assert re.match(r"^error: raw/[\w./-]+:\d+: expected ", proc.stderr), f"{where}:\n{proc.stderr}"
        assert tree_digest(paths) == before, where
        assert proc.stderr.splitlines()[0] == f"error: {detail}", f"{where}: the pure run says {pure}: {detail}"
    return proc.returncode, proc.stderr.splitlines()[0] if proc.stderr else ""


@pytest.mark.integration
def test_mutants_through_the_full_build_publish_a_valid_package_or_are_refused(tmp_path, refs):
    expected = [run_pure(mutant(n, BUILD_SEED).data, refs) for n in range(BUILD_MUTANTS)]  # main thread: alarm
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda n: _build(n, tmp_path, expected[n]), range(BUILD_MUTANTS)))
    codes = [code for code, _ in results]
    assert set(codes) == {0, 1}, results  # the sample has both outcomes
