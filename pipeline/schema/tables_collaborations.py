"""Derived table ``unit_collaborations``: which government units are assigned to the same tasks.

Computed from ``task_units`` and ``tasks`` by ``pipeline.derive.collaborations``; one row per unordered pair
of units named in at least one common responsibility clause.
"""

from __future__ import annotations

from pipeline.schema.common import TASK_ID_PATTERN
from pipeline.schema.model import Field, ForeignKey, Origin, Table

#: Separator of the list columns (document_ids, task_ids); the same as units.aliases.
LIST_SEPARATOR = "|"

_TASK_LIST_PATTERN = TASK_ID_PATTERN.rstrip("$").lstrip("^")

UNIT_COLLABORATIONS = Table(
    origin=Origin(derived_from=("task_units", "tasks")),
    name="unit_collaborations",
    title="Unit collaborations",
    description="One row per pair of units named in the responsibility clause of at least one common task "
                "(derived from task_units and tasks). The pair is unordered: unit_a is the unit whose unit_id "
                "sorts first. The counts split the shared tasks by the roles the two units hold in each. Only "
                "units actually named count: a list ending in 等 (task_units.list_open_ended) may imply more.",
    fields=(
        # unit_a, unit_b: FKs to units, so their pattern is units.unit_id's (registry.with_key_patterns)
        Field("unit_a", "string", "The unit of the pair whose unit_id sorts first (FK to units).", required=True),
        Field("unit_b", "string", "The other unit of the pair, unit_b > unit_a (FK to units).", required=True),
        Field("shared_tasks", "integer", "Number of tasks whose responsibility clause names both units; equals "
              "lead_lead + lead_participant + participant_participant.", required=True, minimum=1),
        Field("lead_lead", "integer", "Shared tasks that both units lead (co-leads).", required=True, minimum=0),
        Field("lead_participant", "integer", "Shared tasks that one of the two units leads and the other joins as "
              "participant, either way round (task_units tells which).", required=True, minimum=0),
        Field("participant_participant", "integer", "Shared tasks in which both units are participants.",
              required=True, minimum=0),
        Field("documents", "integer", "Number of distinct documents the shared tasks belong to.", required=True,
              minimum=1),
        Field("document_ids", "string", "The document_id of every document counted in documents, sorted, "
              "separated by |.", required=True, pattern=r"^[a-z0-9-]+(?:\|[a-z0-9-]+)*$"),
        Field("task_ids", "string", "The task_id of every shared task, sorted, separated by | (join to tasks for "
              "the text and the raw lines).", required=True,
              pattern=rf"^{_TASK_LIST_PATTERN}(?:\|{_TASK_LIST_PATTERN})*$"),
    ),
    primary_key=("unit_a", "unit_b"),
    foreign_keys=(ForeignKey(("unit_a",), "units", ("unit_id",)), ForeignKey(("unit_b",), "units", ("unit_id",))),
)

TABLES = (UNIT_COLLABORATIONS,)
