"""Running a build with Dagster, in-process: reparse stale issue partitions, then check and publish.

Used by ``gazette build`` and the tests. Holds the build lock for the whole run; errors come back as one
readable message per problem (file, line, what was expected; or the failed blocking check), never a traceback.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import dagster as dg

from pipeline.build_lock import exclusive_build
from pipeline.build_plan import PARSED_ISSUE, PARTITIONS, Plan, make_plan
from pipeline.errors import BuildError
from pipeline.paths import ProjectPaths
from pipeline.resources import ProjectResource

QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


@dataclass(frozen=True)
class BuildOutcome:
    plan: Plan
    reparsed: tuple[str, ...]
    published: bool
    warnings: tuple[str, ...]


def error_messages(result: dg.ExecuteInProcessResult) -> list[str]:
    """Readable messages for failed steps and failed checks of a Dagster run."""
    messages = []
    for event in result.all_events:
        if event.event_type_value == "STEP_FAILURE":
            error = event.step_failure_data.error
            chain = []
            while error is not None:
                chain.append(error)
                error = error.cause
            ours = [e for e in chain if e.cls_name in ("SourceError", "BuildError")]
            best = ours[-1] if ours else chain[-1]
            text = re.sub(r"^[\w.]*(?:Error|Exception): ", "", best.message.strip())
            messages.append(f"{event.step_key}: {text}")
        elif event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if not evaluation.passed:
                detail = evaluation.metadata.get("problems") or evaluation.metadata.get("errors") \
                    or evaluation.metadata.get("results")
                messages.append(f"check {evaluation.check_name} on {evaluation.asset_key.to_user_string()} failed "
                                f"({evaluation.severity.value})" + (f":\n{detail.value}" if detail is not None else ""))
    return messages


def run_build(paths: ProjectPaths, instance: dg.DagsterInstance, strict: bool = False) -> BuildOutcome:
    resources = {"project": ProjectResource(root=str(paths.root), strict=strict)}
    with exclusive_build(paths), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plan = make_plan(paths, instance)
        if plan.nothing_to_do:
            return BuildOutcome(plan, (), False, ())
        from pipeline.definitions import ALL_ASSETS, ALL_CHECKS  # the whole graph: only when there is work
        for issue in plan.remove:
            instance.delete_dynamic_partition(PARTITIONS, issue)
        if plan.add:
            instance.add_dynamic_partitions(PARTITIONS, list(plan.add))
        for issue in plan.stale:
            result = dg.materialize(ALL_ASSETS, selection=[PARSED_ISSUE], partition_key=issue, instance=instance,
                                    resources=resources, raise_on_error=False, run_config=QUIET)
            if not result.success:
                raise BuildError("\n".join(error_messages(result)) or f"parsing {issue} failed")
        if not plan.publish_needed:
            return BuildOutcome(plan, (), False, ())
        selection = dg.AssetSelection.all() - dg.AssetSelection.assets(PARSED_ISSUE)
        result = dg.materialize([*ALL_ASSETS, *ALL_CHECKS], selection=selection, instance=instance,
                                resources=resources, raise_on_error=False, run_config=QUIET)
        messages = error_messages(result)
        if not result.success or any("(ERROR)" in m for m in messages):
            raise BuildError("\n".join(messages) or "publishing failed")
        return BuildOutcome(plan, plan.stale, True, tuple(messages))
