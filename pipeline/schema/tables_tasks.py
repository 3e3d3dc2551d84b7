"""Tables of the task lists: government units, tasks, and which unit leads or joins which task.

``units`` is the hand-curated authority table ``raw/reference/units.csv`` (conventions in
``raw/reference/units.md``); ``tasks`` and ``task_units`` are parsed from the documents' task items and
their responsibility clauses (``pipeline.parse.tasks``).
"""

from __future__ import annotations

from pipeline.schema import common
from pipeline.schema.fields import shared, source_line
from pipeline.schema.model import Field, ForeignKey, Origin, Table

#: Category of a unit -> the ``<prefix>-<type>-`` its unit_id starts with (see units.md).
UNIT_CATEGORIES: dict[str, str] = {
    "provincial_department": "zj-dept-",
    "provincial_commission": "zj-comm-",
    "provincial_bureau": "zj-bureau-",
    "provincial_office": "zj-office-",
    "party_organ": "zj-party-",
    "mass_organisation": "zj-assoc-",
    "court": "zj-court-",
    "collective": "zj-collective-",
    "central_branch": "cn-",
    "financial_institution": "fin-",
    "municipal_government": "city-gov-",
    "unclassified": "zj-provisional-",
}
#: The category of provisional units only (names no units.csv alias matches); never of a curated row.
PROVISIONAL_CATEGORY = "unclassified"
UNIT_STATUSES = ("curated", "provisional")
ALIAS_SEPARATOR = "|"
CONVENTIONS = ("labelled", "first_listed_leads", "lead_lines", "responsible_lines", "table_columns")
#: The category of a collective unit (a group of units named as one: 各设区市政府, …其他成员单位).
COLLECTIVE_CATEGORY = "collective"
ROLES = ("lead", "participant")

UNITS = Table(
    origin=Origin(reference="raw/reference/units.csv", parsed=True),
    name="units",
    title="Government units",
    description="Authority table of every body named in a responsibility clause (牵头单位/参与单位 or …负责) of "
                "the task lists: one row per body, whatever abbreviation the text uses. Curated rows come from "
                "raw/reference/units.csv (see raw/reference/units.md for the conventions and decisions); a name "
                "that no alias matches gets a provisional row (status provisional, id zj-provisional-<hash of "
                "the name>) and a review item, so task_units keys hold until a curator maps the name.",
    fields=(
        shared("unit_id", "Stable ASCII slug <scope>-<type>-<subject>, e.g. zj-dept-science-technology; the "
               "prefix follows the category (units.md).", unique=True),
        shared("name_zh", "Canonical short name as the documents write it (省科技厅).", unique=True),
        Field("full_name_zh", "string", "Official name of the body (浙江省科学技术厅); null for a provisional unit.",
              required=False, unique=True),
        shared("name_en", "English name of the body (see units.md for how it was chosen; the collective's is a "
               "descriptive translation, no official one exists); null for a provisional unit."),
        Field("category", "string", "Kind of body: " + ", ".join(UNIT_CATEGORIES) + ".", required=True,
              enum=tuple(UNIT_CATEGORIES)),
        Field("aliases", "string", "Every variant written in the clauses, name_zh included, separated by |.",
              required=True),
        Field("source", "string", "Where the unit is named in the issue and the reason for any curation "
              "decision; for a provisional unit, where it was first named.", required=True),
        Field("status", "string", "curated (a reviewed row of raw/reference/units.csv) or provisional (a name "
              "no alias matches, listed in review_items as unknown_unit).", required=True, enum=UNIT_STATUSES),
    ),
    primary_key=("unit_id",),
    sort_by=("status", "unit_id"),
    merge_identical=True,
)

TASKS = Table(
    name="tasks",
    title="Tasks",
    description="One row per task item of a task list: 浙政发〔2016〕24号 the (一)… items of sections 二 to 六 of the "
                "action plan; 浙政发〔2016〕25号 measures 1-20; 浙政办发〔2016〕89号 and 90号 the items of 二、主要任务. "
                "Text rejoined across page breaks, with any unnumbered paragraph under the item. In other issues also "
                "the items whose responsibility follows on the next line(s) (牵头单位:/责任单位:/配合单位:) and the data "
                "rows of a task table (a tab-separated table whose header names 牵头单位/责任单位/配合单位).",
    fields=(
        shared("issue_id"),
        shared("task_id", "Stable identifier <document_id>-t<NN>[-<NN>] from the numbering (zjzf-2016-24-t03-01 "
               "for 三(一), zjzf-2016-25-t16 for measure 16).", unique=True),
        shared("document_id"),
        shared("section_id", "The numbered item the task starts with (FK to sections); for a row of a task "
               "table, the section holding the table (so not unique)."),
        Field("label", "string", "Numbering as printed, without punctuation: 三(一) (section and item) or 16 "
              "(measure).", required=True),
        shared("title", "Lead phrase: the item's text up to its first 。, without the marker."),
        Field("text", "string", "Whole item including its marker and any responsibility clause, rejoined "
              "across page breaks, spaces folded.", required=True),
        Field("responsibility_text", "string", "The closing responsibility clause exactly as printed, brackets "
              "included (spaces folded); or the responsibility line(s) after the item as printed (joined with "
              "nothing between them, as the task text joins its parts); or a task table's unit cells as "
              "<header>:<cell> joined by ;. Null where the task has none.", required=False),
        Field("convention", "string", "How the responsibility assigns roles: labelled (牵头单位:…;参与单位:…) or "
              "first_listed_leads (…负责, first listed unit leads, announced by 列首位者为牵头单位) in a clause; "
              "lead_lines (牵头单位: line(s), every unit listed leads; 配合单位:/参与单位: lines participate); "
              "responsible_lines (责任单位: line, units marked …牵头 lead, else the first listed; the rest "
              "participate); table_columns (a task table's 牵头单位/责任单位/配合单位 columns, read as the lines "
              "are). Null where the task has none.", required=False, enum=CONVENTIONS),
        Field("deadline_text", "string", "The deadline as printed in a task table's 完成时限/完成时间 cell; null "
              "elsewhere.", required=False),
        source_line("line_start", "the task"),
        source_line("line_end", "the task (its clause, if any)"),
    ),
    primary_key=("task_id",),
    foreign_keys=(common.fk_issue(), common.fk_document(), ForeignKey(("section_id",), "sections", ("section_id",))),
    sort_by=("issue_id", "line_start"),
)

TASK_UNITS = Table(
    name="task_units",
    title="Task responsibilities",
    description="One row per unit named in a task's responsibility clause, line(s) or task-table cells, in "
                "printed order within its role (positions run on across the lines of one task).",
    fields=(
        shared("issue_id"),
        shared("task_id"),
        Field("role", "string", "lead (牵头单位, a unit marked …牵头, or the first listed unit under "
              "first_listed_leads / an unmarked 责任单位 list) or participant (参与单位/配合单位, or the units "
              "listed after the lead).", required=True, enum=ROLES),
        shared("position", "1-based position of the unit within its role's list."),
        shared("unit_id", "The unit (FK to units), resolved from name_as_written via its aliases."),
        Field("name_as_written", "string", "The unit's name exactly as written in the clause (without a "
              "牵头 mark).", required=True),
        Field("list_open_ended", "boolean", "Whether the role's list ends in 等 (more units than listed).",
              required=True),
        source_line("line", "the unit's name (its first character)"),
    ),
    primary_key=("task_id", "role", "position"),
    foreign_keys=(common.fk_issue(), ForeignKey(("task_id",), "tasks", ("task_id",)), ForeignKey(("unit_id",), "units", ("unit_id",))),
    sort_by=("issue_id", "line", "role", "position"),
)

TABLES = (UNITS, TASKS, TASK_UNITS)
