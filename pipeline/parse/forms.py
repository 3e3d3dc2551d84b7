"""The form of one document (documents.form), recognised from the structure of its ``sections`` rows.

The vocabulary is declared with the documents table (``pipeline.schema.tables_core.DOCUMENT_FORMS``): an
order has the doc_number line 第N号 under 浙江省人民政府令; a document without a number line is unrecognised;
among 文号 documents a title ending in 批复 / 复函 makes a reply, appointment clauses in the body make an
appointment notice, and the rest are notices.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.parse.appointments import APPOINTMENT_CLAUSE
from pipeline.parse.patterns import ORDER_NUMBER_LINE
from pipeline.schema.tables_core import DOCUMENT_FORMS

#: Forms that print no task list: a document of one of these forms in which the default rule finds no task
#: needs no task-scope review (``pipeline.parse.tasks``); a notice does, and so does any form where tasks are found.
FORMS_WITHOUT_TASK_LISTS = ("order", "reply", "appointment", "unrecognised")
REPLY_TITLE = re.compile(r"(?:批复|复函)$")


def document_form(sections: Sequence[Mapping[str, Any]]) -> str:
    """One of ``DOCUMENT_FORMS`` for the section rows of one document."""
    number = next((s for s in sections if s["kind"] == "doc_number"), None)
    title = next(s for s in sections if s["kind"] == "title")
    if number is None:
        form = "unrecognised"
    elif ORDER_NUMBER_LINE.match(number["text"]):
        form = "order"
    elif REPLY_TITLE.search(title["text"]):
        form = "reply"
    elif any(APPOINTMENT_CLAUSE.search(s["text"]) for s in sections
             if s["part"] == "body" and s["kind"] in ("paragraph", "item")):
        form = "appointment"
    else:
        form = "notice"
    assert form in DOCUMENT_FORMS
    return form
