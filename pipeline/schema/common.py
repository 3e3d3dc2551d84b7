"""Identifier formats and keys shared by many tables (issue, document and other key patterns, id makers).

The fields that carry these identifiers are declared once, in ``pipeline.schema.fields``."""

from __future__ import annotations

from pipeline.schema.model import ForeignKey

#: the gazette's short name, the first part of every issue id and of the id of an unnumbered document
ISSUE_ID_PREFIX = "zjzfgb"
ISSUE_ID_PATTERN = rf"^{ISSUE_ID_PREFIX}-\d{{4}}-\d{{2}}$"
#: A normalised document number: 文号 with the year in 〔〕, or a government order 浙江省人民政府令第N号.
DOC_NUMBER_PATTERN = r"^(?:[\u4e00-\u9fff]{2,8}〔\d{4}〕\d+号|浙江省人民政府令第\d+号)$"
#: <series id prefix>-<year>-<serial> (raw/reference/document_series.csv; x<hash> for an unknown series), or
#: <order series id prefix>-<serial> for an order (orders are numbered without a year), or
#: zjzfgb<issue number>-<year>-<position> for a document printed without a number
DOCUMENT_ID = r"[a-z][a-z0-9]*(?:-\d{4})?-\d+"
DOCUMENT_ID_PATTERN = rf"^{DOCUMENT_ID}$"
REGION_CODE_PATTERN = r"^33\d{2}00$"
INDICATOR_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
UNIT_ID_PATTERN = r"^(?:zj|cn|fin|city)(?:-[a-z0-9]+){2,}$"
#: <document_id>-p<position in the document, zero-padded to 3 digits>
SECTION_ID_PATTERN = rf"^{DOCUMENT_ID}-p\d{{3,}}$"
TASK_ID_PATTERN = rf"^{DOCUMENT_ID}-t\d{{2}}(?:-\d{{2}})?$"
TARGET_ID_PATTERN = rf"^{DOCUMENT_ID}-g\d{{3}}$"


def fk_issue() -> ForeignKey:
    return ForeignKey(("issue_id",), "issues", ("issue_id",))


def fk_document() -> ForeignKey:
    return ForeignKey(("document_id",), "documents", ("document_id",))


def make_issue_id(year: int, issue_number: int) -> str:
    """The id of an issue (``ISSUE_ID_PATTERN``): zjzfgb-<year>-<issue number, two digits>; its file is <id>.txt."""
    return f"{ISSUE_ID_PREFIX}-{year}-{issue_number:02d}"


def unnumbered_document_id(issue_id: str, position: int) -> str:
    """The id of the document at ``position`` (1-based) of an issue that prints it without a 文号 or order number:
    zjzfgb-2016-26, 5 -> zjzfgb26-2016-5."""
    _, year, number = issue_id.split("-")
    return f"{ISSUE_ID_PREFIX}{number}-{year}-{position}"
