"""The review queue: what the package could not resolve in an issue, published for a curator.

A build never stops on an unknown: an unknown unit name, a number no rule classifies, numbered items in which the
default rule finds no task, an indicator or region the reference files lack, a tab-separated table no typed reader
reads (its cells are in ``table_cells`` all the same), a task without the responsibility its document
assigns, or a responsibility line that could not be attached is published as well as it can be (with a
provisional id where a key needs one) and listed here. A curator resolves an item by adding a reviewed row
to the reference file named in its ``suggested_action``; the next build maps it and the item leaves the queue.
``gazette build --strict`` fails while the queue is not empty.
"""

from __future__ import annotations

from pipeline.schema import common
from pipeline.schema.fields import shared, source_line
from pipeline.schema.model import Field, Table

#: kind -> what the curator should do (review_items.suggested_action)
REVIEW_KINDS: dict[str, str] = {
    "unknown_unit": "Add the name as written to the aliases of its unit in raw/reference/units.csv (or add a "
                    "unit row); the next build maps it and drops the provisional unit.",
    "unclassified_number": "Read the number in context: add a rule with its reason to "
                           "raw/reference/number_rules.csv, or extend the target cues if it states a target.",
    "default_task_scope": "The default rule found no task among the document's numbered items: if they hold "
                          "tasks, name them with a row (rule paren_cn or arabic) in raw/reference/task_scopes.csv; "
                          "if they hold none, confirm with a row (rule default).",
    "unknown_indicator": "Add a row for the table's measure (id, English name, unit) to "
                         "raw/reference/indicators.csv; the next build replaces the provisional indicator id.",
    "unknown_region": "Add the region to raw/reference/regions.csv (GB/T 2260 code) or correct the label; its "
                      "row is published only once the region is known (the raw line is in detail).",
    "unrecognised_table": "A tab-separated table no typed reader reads (indicators, city table, task table); its "
                          "cells are published in table_cells all the same. Add a typed reader or record why the "
                          "table is read only as cells.",
    "unknown_document_series": "Add the document number's series (prefix, ASCII id prefix, English name) to "
                               "raw/reference/document_series.csv; the document's provisional id (x<hash>-<year>-"
                               "<n>) is replaced at the next build.",
    "missing_translation": "Add the document's English title, with its reasons, to "
                           "raw/reference/document_titles.csv; documents.title_en is null until then.",
    "ambiguous_break": "A paragraph that starts like the rest of a sentence after a blank line that follows a "
                       "sentence end: check the raw lines; if a page break cut the paragraph, report the source "
                       "(the parser rejoins across a break only after an unfinished sentence).",
    "toc_mismatch": "The table of contents and the printed documents disagree: a printed document the table of "
                    "contents does not list (published as its own document), or an entry whose document is not "
                    "printed. Check the raw issue; if it is printed so, record it in the issue's notes.",
    "unrecognised_document_form": "A document printed without a 文号 or an order number, published with its "
                                  "sections only (documents.form unrecognised): read it and add a reader for its "
                                  "form, or record why it stays as sections.",
    "unread_appointment": "A clause of an appointment notice that names 任命 or 免去 but that the appointment "
                          "reader cannot split into name and position; its text stays in sections. Check the "
                          "line and extend the reader (pipeline.parse.appointments).",
    "missing_clause": "A task without a readable responsibility in a document that assigns responsibility (it "
                      "prints a responsibility rule, a 牵头单位:/责任单位:/配合单位: line, a task table, or a clause "
                      "on another task), whichever rule or task-scope override picked the tasks: check the raw "
                      "line; if it is printed so, list the task in tasks_without_clause of "
                      "raw/reference/task_scopes.csv.",
    "unlinked_target": "A prose target that names an indicator of its document's tables (name, measure) but "
                       "links to no cell by rule (its unit or year has no 全省 cell, or it names several "
                       "indicators): check the raw line; add the link, or a row with the reason, to "
                       "raw/reference/target_indicator_links.csv.",
    "unread_responsibility": "A responsibility the build could not attach: a 牵头单位:/责任单位:/配合单位: line or "
                             "table cell whose unit list cannot be read, a responsibility line under no task (e.g. "
                             "the rule did not take its item as a task), or a task whose responsibility names no "
                             "lead unit. Check the raw line: correct the task scope in "
                             "raw/reference/task_scopes.csv, or report the form so the parser learns it.",
}

REVIEW_ITEMS = Table(
    name="review_items",
    title="Review queue",
    description="One row per distinct (issue, kind, text as written) that the package could not resolve with "
                "its reference files: the build published what it could (provisional ids keep keys intact) "
                "and lists the rest here for a curator. Empty for a fully curated package; "
                "`gazette build --strict` refuses a non-empty queue. Kinds: "
                + "; ".join(f"{kind}: {action}" for kind, action in REVIEW_KINDS.items()),
    fields=(
        shared("issue_id"),
        Field("kind", "string", "What could not be resolved (see the table description).", required=True,
              enum=tuple(REVIEW_KINDS)),
        Field("text", "string", "The text as written in the issue (a unit name, the number with its context, a "
              "document number, a table row label …).", required=True),
        shared("document_id", "Document the first occurrence is in (FK to documents); null for text outside "
               "documents.", required=False),
        source_line("line", "the first occurrence"),
        Field("occurrences", "integer", "How many times the same text of this kind occurs in the issue.",
              required=True, minimum=1),
        Field("detail", "string", "What the build did with it (the provisional id, the rows kept, the context).",
              required=True),
        Field("suggested_action", "string", "What a curator should do to resolve it.", required=True),
    ),
    primary_key=("issue_id", "kind", "text"),
    foreign_keys=(common.fk_issue(), common.fk_document()),
    sort_by=("issue_id", "line", "kind", "text"),
)

TABLES = (REVIEW_ITEMS,)
