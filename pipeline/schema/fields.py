"""Every field that more than one table publishes, declared once (the idea of PUDL's ``metadata/fields.py``).

A shared field fixes what a value of its name is: type, pattern, enum, bounds, decimals, and a default
description. A table takes it by name with ``shared("region_code")``, optionally with a description of what
the column holds in that table (``shared("region_code", "City (FK to regions).")``). Two things belong to the
table, not to the value, and a table may say them: that its column may be null (an optional reference,
``required=False``) and that it is unique in the table (a key, ``unique=True``). Nothing else can be changed;
a column that needs another type or constraint is a different field and gets a different name.

``HOMONYMS`` are the names that tables use for different things (a sections ``level`` is a depth, a regions
``level`` an administrative level); each table declares its own, and a test checks that they really differ.
Foreign-key fields still take their pattern from the referenced key (``registry.with_key_patterns``); the
shared keys below carry the same pattern as the key they reference.
"""

from __future__ import annotations

import dataclasses

from pipeline.schema.common import (
    DOC_NUMBER_PATTERN,
    DOCUMENT_ID_PATTERN,
    INDICATOR_ID_PATTERN,
    ISSUE_ID_PATTERN,
    REGION_CODE_PATTERN,
    SECTION_ID_PATTERN,
    TARGET_ID_PATTERN,
    TASK_ID_PATTERN,
    UNIT_ID_PATTERN,
)
from pipeline.schema.model import Field

#: comparator -> how it is read from the bounding words (the declarative table is
#: pipeline.parse.target_words.BOUND_WORDS: every word listed here is a row of it, and only these comparators)
COMPARATORS: dict[str, str] = {
    "at_least": "以上/及以上 after the number (inclusive, as Chinese usage has it), 不少于/不低于 before it, or only "
                "达/达到 (reach: the target is met once the value is reached; 达到…以上 is at_least too)",
    "more_than": "超过/超/突破/逾/高于 before the number",
    "about": "左右 after the number (also with 达 or 控制在 before it), 约/大约/近/接近 before it",
    "at_most": "以下/及以下/以内 after the number, 不超过/不高于/控制在 before it",
    "exactly": "no bounding word: the text states the figure itself (新增高新技术企业1500家)",
}

_LINE = "raw line (1-based) of {what} in the issue's raw text file."
#: The description of each line-number field, for ``source_line``.
LINE_DESCRIPTIONS: dict[str, str] = {
    "line": "Raw line (1-based) of {what} in the issue's raw text file.",
    "line_start": "First " + _LINE,
    "line_end": "Last " + _LINE,
}

FIELDS: dict[str, Field] = {f.name: f for f in (
    # keys and references
    Field("issue_id", "string", "Gazette issue the row comes from (FK to issues).", required=True,
          pattern=ISSUE_ID_PATTERN),
    Field("document_id", "string", "Document the row belongs to (FK to documents).", required=True,
          pattern=DOCUMENT_ID_PATTERN),
    Field("section_id", "string", "Paragraph the row is written in (FK to sections).", required=True,
          pattern=SECTION_ID_PATTERN),
    Field("region_code", "string", "Region (FK to regions).", required=True, pattern=REGION_CODE_PATTERN),
    Field("indicator_id", "string", "Indicator (with document_id, FK to indicators).", required=True,
          pattern=INDICATOR_ID_PATTERN),
    Field("unit_id", "string", "The unit (FK to units).", required=True, pattern=UNIT_ID_PATTERN),
    Field("task_id", "string", "Task (FK to tasks).", required=True, pattern=TASK_ID_PATTERN),
    Field("target_id", "string", "Target (FK to targets).", required=True, pattern=TARGET_ID_PATTERN),
    Field("doc_number", "string", "Document number, normalised: a 文号 with the year in 〔〕, or an order "
          "浙江省人民政府令第N号.", pattern=DOC_NUMBER_PATTERN),
    # where a row is printed in its issue's raw file
    *(Field(name, "integer", text.format(what="the row"), required=True, minimum=1)
      for name, text in LINE_DESCRIPTIONS.items()),
    # values as printed
    Field("year", "integer", "Calendar year.", required=True, minimum=1949, maximum=2100),
    Field("value", "number", "A number as printed, exact (a decimal).", required=True, minimum=0, decimals=1),
    Field("unit", "string", "Unit as written right after the number.", required=True),
    Field("position", "integer", "1-based position of the row in its list.", required=True, minimum=1),
    Field("comparator", "string", "How value bounds the target, from the bounding words: "
          + "; ".join(f"{name}: {rule}" for name, rule in COMPARATORS.items())
          + ". Aspiration words (力争, 努力, 争取) do not change it.", required=True, enum=tuple(COMPARATORS)),
    # comparisons of printed figures
    Field("difference", "number", "observed - expected.", required=True),
    Field("tolerance", "number", "The largest |difference| the rounding of the printed figures allows on the side "
          "of the difference (exact decimal arithmetic, shown to 6 decimals).", required=True, minimum=0),
    # names and titles
    Field("title", "string", "Title as printed.", required=True),
    Field("title_en", "string", "English title."),
    Field("name_zh", "string", "Chinese name as printed.", required=True),
    Field("name_en", "string", "English name."),
)}

#: Names that tables use for different things (different types or constraints): declared in each table.
HOMONYMS: dict[str, str] = {
    "status": "units: curated or provisional; target_comparisons: the outcome of a comparison (different enums)",
    "kind": "sections: the kind of paragraph; review_items: the kind of unresolved item (different enums)",
    "level": "sections: depth in the heading hierarchy (integer); regions: administrative level (enum)",
    "category": "toc_entries: the heading an entry is listed under; units: the kind of body (enum)",
    "text": "the printed text of a paragraph, article, cell, task or review item; number_mentions: the digits "
            "of a number (pattern)",
}


def shared(name: str, description: str | None = None, *, required: bool | None = None,
           unique: bool = False) -> Field:
    """The shared field ``name`` as a column of one table: with the table's own ``description`` if given,
    nullable where ``required=False``, unique in the table where ``unique=True``."""
    try:
        declared = FIELDS[name]
    except KeyError:
        raise ValueError(f"{name!r} is not a shared field of pipeline/schema/fields.py; declare a field used by "
                         f"one table with Field(...) in its table module") from None
    changes: dict[str, object] = {"unique": unique}
    if description is not None:
        changes["description"] = description
    if required is not None:
        changes["required"] = required
    return dataclasses.replace(declared, **changes)


def source_line(name: str, what: str) -> Field:
    """The line-number field ``name`` (line, line_start, line_end) describing the raw line(s) of ``what``."""
    return shared(name, LINE_DESCRIPTIONS[name].format(what=what))
