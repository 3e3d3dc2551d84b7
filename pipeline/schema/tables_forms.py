"""Tables read from particular document forms: the articles of orders and rules, and appointment clauses."""

from __future__ import annotations

from pipeline.schema import common
from pipeline.schema.fields import shared, source_line
from pipeline.schema.model import Field, ForeignKey, Table

ARTICLES = Table(
    name="articles",
    title="Articles",
    description="One row per article (第X条) of any document that numbers its text in articles: the rules an "
                "order promulgates, 办法 or 规定 a notice issues. The article's text is every 款 (paragraph) "
                "and 项 ((一), (二) …) of it, rejoined in printed order; its rows in sections keep the structure.",
    fields=(
        Field("article_id", "string", "Stable identifier: <document_id>-a<running number of the article in "
              "the document, 3 digits> (a document issuing two sets of rules numbers both in one run).",
              required=True, unique=True, pattern=rf"^{common.DOCUMENT_ID}-a\d{{3}}$"),
        shared("issue_id"),
        shared("document_id"),
        shared("section_id", "The article's own row in sections (FK): its first 款.", unique=True),
        Field("chapter_no", "integer", "Chapter number (第X章 read as a number), null where the rules have no "
              "chapters.", required=False, minimum=1),
        Field("chapter_title", "string", "Chapter title as printed after 第X章, spaces folded; null without "
              "chapters.", required=False),
        Field("article_no", "integer", "Article number: 第X条 with X read as a Chinese numeral (第二十三条 -> 23).",
              required=True, minimum=1, maximum=9999),
        Field("text", "string", "The article without its 第X条 marker: every 款 and 项, each paragraph's cleaned "
              "text joined with nothing between them (as page-break parts are).", required=True),
        source_line("line_start", "the article"),
        source_line("line_end", "the article (its last 款 or 项)"),
    ),
    primary_key=("article_id",),
    foreign_keys=(common.fk_issue(), common.fk_document(), ForeignKey(("section_id",), "sections", ("section_id",))),
    sort_by=("issue_id", "line_start"),
)

#: appointments.action -> the clause it is read from
ACTIONS = {"appoint": "任命<name>为<position>", "remove": "免去<name>的<position>职务, or 免去其<position>职务 "
                                                           "(其: the person(s) of the clause before)"}

APPOINTMENTS = Table(
    name="appointments",
    title="Appointments and removals",
    description="One row per person and action in the clauses of an appointment notice (任免): a clause naming "
                "several people (joined by 、) gives one row each, a line that appoints and removes gives a row "
                "for each action. Actions: " + "; ".join(f"{k}: {v}" for k, v in ACTIONS.items()) + ".",
    fields=(
        Field("appointment_id", "string", "Stable identifier: <document_id>-m<running number in the document, "
              "3 digits>.", required=True, unique=True, pattern=rf"^{common.DOCUMENT_ID}-m\d{{3}}$"),
        shared("issue_id"),
        shared("document_id"),
        Field("person_name", "string", "Name as printed.", required=True),
        Field("action", "string", "appoint or remove (see the table description).", required=True,
              enum=tuple(ACTIONS)),
        Field("position_zh", "string", "Position as printed (without 为 / 的 / 职务).", required=True),
        source_line("line", "the clause"),
    ),
    primary_key=("appointment_id",),
    foreign_keys=(common.fk_issue(), common.fk_document()),
    sort_by=("issue_id", "line", "appointment_id"),
)

TABLES = (ARTICLES, APPOINTMENTS)
