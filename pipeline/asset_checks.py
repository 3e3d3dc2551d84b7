"""Dagster asset checks, one per check of the registry (``pipeline.checks.registry``), made by one factory.

Each asset check reads what its registry entry declares (tables, ``references``, the ``staged_package``) and
reports the structured ``Evaluation`` in its metadata (``problems`` and ``evaluation``); a blocking failure is
an ERROR, anything else a WARN. Checks on ``staged_package`` run on the staged files before ``data_package``
swaps them in; ``data_package`` reads these evaluations back (it never reruns a check) and lets the gate
decide.
"""

import inspect

import dagster as dg

from pipeline.checks.registry import CHECKS, STAGED, Check, evaluate
from pipeline.resources import ProjectResource

#: Inputs a check may read that are not assets of their own name.
_ASSET_OF = {"package": STAGED}
_FROM_PROJECT = {"expectations"}


def metadata(evaluation) -> dict:
    """The evaluation as check metadata: ``problems`` for people, ``evaluation`` (JSON) for the gate."""
    return {"problems": list(evaluation.messages), "evaluation": dg.MetadataValue.json(evaluation.to_json())}


def dagster_check(check: Check) -> dg.AssetChecksDefinition:
    asset_reads = [name for name in check.reads if name not in _FROM_PROJECT]

    def _check(context: dg.AssetCheckExecutionContext, project: ProjectResource, **loaded) -> dg.AssetCheckResult:
        inputs = {**loaded, "expectations": project.paths.expectations}
        if "package" in inputs:
            inputs["package"] = project.paths.root / inputs["package"]
        evaluation = evaluate(check, inputs, strict=project.strict)
        severity = dg.AssetCheckSeverity.ERROR if evaluation.blocking else dg.AssetCheckSeverity.WARN
        return dg.AssetCheckResult(passed=evaluation.passed, severity=severity, metadata=metadata(evaluation))

    param = inspect.Parameter
    _check.__signature__ = inspect.Signature(  # the declared reads become the check's inputs
        [param("context", param.POSITIONAL_OR_KEYWORD, annotation=dg.AssetCheckExecutionContext),
         param("project", param.POSITIONAL_OR_KEYWORD, annotation=ProjectResource)]
        + [param(name, param.POSITIONAL_OR_KEYWORD) for name in asset_reads],
        return_annotation=dg.AssetCheckResult)
    additional = {name: dg.AssetIn(_ASSET_OF.get(name, name)) for name in asset_reads
                  if _ASSET_OF.get(name, name) != check.asset}
    return dg.asset_check(asset=check.asset, name=check.name, blocking=True, description=check.description,
                          additional_ins=additional)(_check)


ASSET_CHECKS = [dagster_check(c) for c in CHECKS]
