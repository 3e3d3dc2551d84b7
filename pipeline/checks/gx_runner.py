"""Run a Great Expectations 1.x suite (JSON from expectations/) on a polars frame, by issue where that gives the
same outcome (``suite_scope``: rows of changed issues, whole-table expectations on their columns).

A thin replacement for dagster-ge (pinned below GX 1.0): an ephemeral context, no progress bars, and a
guard against GX silently dropping an expectation whose type it does not know.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import polars as pl

from pipeline.base.errors import BuildError
from pipeline.checks.passed_rows import read_passed, write_passed
from pipeline.checks.suite_scope import group_digests, passed_groups, plan_calls, row_digest_key

#: Key added to each expectation's meta while a suite runs, to restore the suite's order in the results.
SUITE_INDEX = "suite_index"


@dataclass(frozen=True)
class ExpectationOutcome:
    type: str
    column: str | None
    severity: str
    success: bool
    detail: str


@dataclass(frozen=True)
class SuiteOutcome:
    suite: str
    outcomes: tuple[ExpectationOutcome, ...] = field(default=())
    #: What was validated: issues, issues validated again and reused, rows validated, GX calls.
    scope: Mapping[str, int] = field(default_factory=dict)

    @property
    def critical_failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity == "critical"]

    @property
    def warnings(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success and o.severity != "critical"]

    @property
    def passed(self) -> bool:
        return not self.critical_failures


@lru_cache(maxsize=1)
def _context() -> Any:
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def load_suite(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(f"{path.name}: expectation suite missing (run `gazette suites`)") from None
    except json.JSONDecodeError as exc:
        raise BuildError(f"{path.name}:{exc.lineno}: expected a JSON expectation suite ({exc.msg})") from None
    if not isinstance(raw, dict) or "name" not in raw or not isinstance(raw.get("expectations"), list):
        raise BuildError(f"{path.name}: expected an object with 'name' and a list 'expectations'")
    for i, exp in enumerate(raw["expectations"]):
        if exp.get("severity", "critical") not in ("critical", "warning", "info"):
            raise BuildError(f"{path.name}: expectation {i} has severity {exp.get('severity')!r}, "
                             "expected critical, warning or info")
    return raw


def build_suite(raw: dict[str, Any], origin: str) -> Any:
    """A GX ExpectationSuite; refuses a suite from which GX dropped any expectation (e.g. a misspelt type)."""
    import great_expectations as gx
    from great_expectations.exceptions import ExpectationNotFoundError
    from great_expectations.expectations.registry import get_expectation_impl

    unknown = []
    for exp in raw["expectations"]:
        try:
            get_expectation_impl(exp.get("type", ""))
        except ExpectationNotFoundError:
            unknown.append(exp.get("type"))
    if unknown:
        raise BuildError(f"{origin}: unknown expectation type(s) {unknown}; Great Expectations would drop them silently")
    try:
        suite = gx.ExpectationSuite(name=raw["name"], expectations=raw["expectations"])
    except Exception as exc:  # pydantic validation errors for bad kwargs
        raise BuildError(f"{origin}: invalid expectation suite: {exc}") from None
    if len(suite.expectations) != len(raw["expectations"]):
        known = {e.expectation_type for e in suite.expectations}
        dropped = [e.get("type") for e in raw["expectations"] if e.get("type") not in known]
        raise BuildError(f"{origin}: Great Expectations dropped {len(raw['expectations']) - len(suite.expectations)} "
                         f"expectation(s) it does not recognise: {dropped}")
    return suite


def _validate(frame: Any, raw: dict[str, Any], origin: str, result_format: str) -> list[Any]:
    """GX's results for ``raw``'s expectations, in the suite's order (GX groups them by domain)."""
    tagged = [{**e, "meta": {**e.get("meta", {}), SUITE_INDEX: i}} for i, e in enumerate(raw["expectations"])]
    suite = build_suite({**raw, "expectations": tagged}, origin)
    context = _context()
    name = raw["name"]
    try:
        asset = context.data_sources.get(name).get_asset(name)
    except (KeyError, ValueError, LookupError):
        asset = context.data_sources.add_pandas(name).add_dataframe_asset(name)
    try:
        batch_def = asset.get_batch_definition("whole")
    except (KeyError, ValueError, LookupError):
        batch_def = asset.add_batch_definition_whole_dataframe("whole")
    batch = batch_def.get_batch(batch_parameters={"dataframe": frame})
    results = sorted(batch.validate(suite, result_format=result_format).results,
                     key=lambda r: r.expectation_config.meta[SUITE_INDEX])
    if [r.expectation_config.meta[SUITE_INDEX] for r in results] != list(range(len(tagged))):
        raise BuildError(f"{origin}: Great Expectations returned {len(results)} results for {len(tagged)} "
                         "expectations")
    return results


def _raised(res: Any) -> bool:
    exception = res.exception_info or {}
    if isinstance(exception, dict) and all(isinstance(v, dict) for v in exception.values()):
        return any(v.get("raised_exception") for v in exception.values())
    return bool(exception.get("raised_exception"))


def _run_call(frame: pl.DataFrame, raw: dict[str, Any], origin: str) -> list[Any]:
    """One validation of ``frame``: for each expectation of ``raw``, None when it passed, else GX's ``SUMMARY``
    result describing the failure.

    The suite runs once with ``BOOLEAN_ONLY`` results (GX then computes only what decides success, about half
    the work of ``SUMMARY``); only the expectations that failed run again with ``SUMMARY`` to describe the
    failure (unexpected count, examples, observed value). A passing suite therefore costs one cheap pass.
    """
    data = frame.to_pandas()
    try:
        results = _validate(data, raw, origin, "BOOLEAN_ONLY")
        failed = [i for i, res in enumerate(results) if not res.success or _raised(res)]
        details = {}
        if failed:
            again = _validate(data, {**raw, "expectations": [raw["expectations"][i] for i in failed]}, origin,
                              "SUMMARY")
            details = dict(zip(failed, again))
    finally:  # the context would otherwise keep the batch (the whole frame) until the process ends
        _context().data_sources.delete(raw["name"])
    return [details.get(i) for i in range(len(results))]


def _detail(described: list[Any]) -> str:
    """A failure's detail from the ``SUMMARY`` results of the calls in which it failed (counts added up)."""
    if any(_raised(d) for d in described):
        return "raised an exception"
    summaries = [d.result or {} for d in described]
    counts = [s["unexpected_count"] for s in summaries if s.get("unexpected_count") is not None]
    examples = [x for s in summaries for x in (s.get("partial_unexpected_list") or [])][:5]
    observed = next((s["observed_value"] for s in summaries if s.get("observed_value") is not None), None)
    return f"unexpected_count={sum(counts) if counts else None}, examples={examples}, observed={observed}"


def run_suite(frame: pl.DataFrame, raw: dict[str, Any], origin: str, passed_folder: Path | None = None) -> SuiteOutcome:
    """Outcomes in the suite's order, as from one validation of the whole table.

    With ``passed_folder`` (``.build/validated``), the row-wise expectations see only the rows of the issues that
    changed since they last passed, and the others only the columns they name (``suite_scope``); what was
    validated is in the outcome's ``scope``. Without it, every row is validated.
    """
    import great_expectations as gx

    expectations = raw["expectations"]
    key = row_digest_key(expectations, (gx.__version__, pl.__version__))
    digests = group_digests(frame)
    reused = read_passed(passed_folder, raw["name"], key)
    calls = plan_calls(frame, expectations, digests, reused)
    failures: dict[int, list[Any]] = {}
    successes = []
    for call in calls:
        described = _run_call(call.frame, {**raw, "expectations": [expectations[i] for i in call.indices]}, origin)
        successes.append([d is None for d in described])
        for i, d in zip(call.indices, described):
            if d is not None:
                failures.setdefault(i, []).append(d)
    write_passed(passed_folder, raw["name"], key, passed_groups(calls, successes, digests, reused, expectations))
    outcomes = tuple(ExpectationOutcome(type=e["type"], column=e.get("kwargs", {}).get("column"),
                                        severity=e.get("severity", "critical"), success=i not in failures,
                                        detail=_detail(failures[i]) if i in failures else "")
                     for i, e in enumerate(expectations))
    validated = {g for call in calls for g in call.groups}
    scope = {"issues": len(digests), "issues_validated": len(validated),
             "issues_reused": sum(1 for g, d in digests.items() if reused.get(g) == d),
             "rows_validated": sum(call.frame.height for call in calls if call.groups), "calls": len(calls)}
    return SuiteOutcome(suite=raw["name"], outcomes=outcomes, scope=scope)
