"""Run a Great Expectations 1.x suite (JSON from expectations/) on a polars frame.

A thin replacement for dagster-ge (pinned below GX 1.0): an ephemeral context, no progress bars, and a
guard against GX silently dropping an expectation whose type it does not know.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from pipeline.base.errors import BuildError

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


def run_suite(frame: pl.DataFrame, raw: dict[str, Any], origin: str) -> SuiteOutcome:
    """Outcomes in the suite's order.

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
    outcomes = []
    for i, (res, expectation) in enumerate(zip(results, raw["expectations"])):
        config = res.expectation_config
        detail = ""
        if i in details:
            described = details[i]
            summary = described.result or {}
            detail = ("raised an exception" if _raised(described) else
                      f"unexpected_count={summary.get('unexpected_count')}, "
                      f"examples={summary.get('partial_unexpected_list', [])[:5]}, "
                      f"observed={summary.get('observed_value')}")
        outcomes.append(ExpectationOutcome(type=config.type, column=config.kwargs.get("column"),
                                           severity=expectation.get("severity", "critical"),
                                           success=i not in details, detail=detail))
    return SuiteOutcome(suite=raw["name"], outcomes=tuple(outcomes))
