"""Dagster asset checks, one per check of the registry (``pipeline.checks.registry``), made by one factory and run
in three steps: ``table_checks``, ``derived_table_checks`` and ``package_checks`` (on the staged package).

Each asset check reads what its registry entry declares (tables, ``references``, the ``staged_package``) and
reports the structured ``Evaluation`` in its metadata (``problems`` and ``evaluation``); a blocking failure is
an ERROR, anything else a WARN. Checks on ``staged_package`` run on the staged files before ``data_package``
swaps them in; ``data_package`` reads these evaluations back (it never reruns a check) and lets the gate
decide.
"""

import inspect
from collections import ChainMap
from typing import Mapping

import dagster as dg

from pipeline.base.files import write_atomically
from pipeline.base.memory import release_memory
from pipeline.checks.registry import CHECKS, STAGED, Check, evaluate
from pipeline.orchestration.resources import ProjectResource
from pipeline.orchestration.table_store import lazy_tables
from pipeline.schema.lazy_frames import LazyFrames, height
from pipeline.schema.registry import TABLES

#: Inputs a check may read that are not assets of their own name.
_ASSET_OF = {"package": STAGED}
_FROM_PROJECT = {"expectations", "validated"}


def metadata(evaluation) -> dict:
    """The evaluation as check metadata: ``problems`` for people, ``evaluation`` (JSON) for the gate."""
    return {"problems": list(evaluation.messages), "evaluation": dg.MetadataValue.json(evaluation.to_json())}


#: The check whose input is the review queue; a strict build refuses to publish while it fails.
QUEUE_CHECK = "review_queue_empty"


def keep_queue(review_items, paths) -> None:
    """Write the queue the build checked to ``paths.last_queue`` (atomically), for ``gazette review``."""
    write_atomically(paths.last_queue, review_items.write_parquet)


def _inputs(loaded: dict, tables: LazyFrames, project: ProjectResource) -> Mapping:
    """What the checks read: the tables (``lazy_tables(loaded)``: each read when a check looks it up, see
    ``table_store``), the references, the suites' folder, the record of rows that passed them and the staged
    package."""
    extra: dict = {**{k: v for k, v in loaded.items() if k not in tables}, "expectations": project.paths.expectations,
                   "validated": project.paths.validated}
    if "package" in extra:
        extra["package"] = project.paths.root / extra["package"]
    return ChainMap(extra, tables)


def check_step(name: str, checks: list[Check], description: str) -> dg.AssetChecksDefinition:
    """One Dagster step running ``checks``, each still its own asset check (name, asset, result) in Dagster.

    Grouping saves a step per check (its events, its input loads); a selection of some of the checks runs only
    those (``can_subset``). A blocking failure fails the step after every selected check has reported, so the
    assets downstream of a failed check do not run.
    """
    reads = sorted({r for c in checks for r in c.reads if r not in _FROM_PROJECT})
    specs = [dg.AssetCheckSpec(c.name, asset=c.asset, blocking=True, description=c.description,
                               additional_deps=sorted({_ASSET_OF.get(r, r) for r in c.reads if r not in _FROM_PROJECT}
                                                      - {c.asset}))
             for c in checks]

    def _step(context: dg.AssetCheckExecutionContext, project: ProjectResource, **loaded):
        tables = lazy_tables(loaded)
        inputs = _inputs(loaded, tables, project)
        selected = context.selected_asset_check_keys
        for check in checks:
            key = dg.AssetCheckKey(dg.AssetKey(check.asset), check.name)
            if key not in selected:
                continue
            evaluation = evaluate(check, inputs, strict=project.strict)
            release_memory(sum(height(tables, r) for r in check.reads if r in tables))  # a suite's pandas copy
            if check.name == QUEUE_CHECK:  # kept for `gazette review`, also when a strict build refuses it
                keep_queue(inputs["review_items"], project.paths)
            severity = dg.AssetCheckSeverity.ERROR if evaluation.blocking else dg.AssetCheckSeverity.WARN
            yield dg.AssetCheckResult(asset_key=key.asset_key, check_name=check.name, passed=evaluation.passed,
                                      severity=severity, metadata=metadata(evaluation))

    param = inspect.Parameter
    _step.__signature__ = inspect.Signature(  # the declared reads become the step's inputs
        [param("context", param.POSITIONAL_OR_KEYWORD, annotation=dg.AssetCheckExecutionContext),
         param("project", param.POSITIONAL_OR_KEYWORD, annotation=ProjectResource)]
        + [param(r, param.POSITIONAL_OR_KEYWORD) for r in reads])
    return dg.multi_asset_check(specs=specs, name=name, description=description, can_subset=True,
                                ins={r: dg.AssetIn(_ASSET_OF.get(r, r)) for r in reads})(_step)


_DERIVED = {t.name for t in TABLES if t.origin.derived}

#: Three steps, in the order of the graph: a blocking check holds back the assets downstream of its asset, so
#: the checks of the derived tables (downstream of the parsed ones) cannot share a step with the others.
ASSET_CHECKS = [
    check_step("table_checks", [c for c in CHECKS if c.asset != STAGED and c.asset not in _DERIVED],
               "The registry's checks on the tables parsed from the issues and references: Great Expectations "
               "suites and cross-table rules."),
    check_step("derived_table_checks", [c for c in CHECKS if c.asset in _DERIVED],
               "The registry's checks on the derived tables (Great Expectations suites)."),
    check_step("package_checks", [c for c in CHECKS if c.asset == STAGED],
               "The registry's checks on the staged package, before data_package may swap it in."),
]
