"""Tables of the gazette's structure: issues, table of contents, documents and their sections."""

from __future__ import annotations

from pipeline.schema import common
from pipeline.schema.model import Field, ForeignKey, Table

DOCUMENT_ID_PATTERN = rf"^{common.DOCUMENT_ID}$"

ISSUES = Table(
    name="issues",
    title="Gazette issues",
    description="One row per gazette issue in raw/: its numbering and publication facts as printed in the "
                "masthead, and the raw file it was parsed from.",
    fields=(
        Field("issue_id", "string", "Stable issue identifier, zjzfgb-<year>-<issue number, two digits> (so that "
              "identifiers sort in publication order).", required=True,
              unique=True, pattern=common.ISSUE_ID_PATTERN),
        Field("title_zh", "string", "Gazette title as printed (浙江省人民政府公报).", required=True),
        Field("title_en", "string", "English title as printed in the opening masthead.", required=True),
        Field("year", "integer", "Publication year.", required=True, minimum=1949, maximum=2100),
        Field("issue_number", "integer", "Issue number within the year (第N期).", required=True,
              minimum=1, maximum=36),
        Field("cumulative_number", "integer", "Cumulative issue number (总第N期).", required=True, minimum=1),
        Field("published_date", "date", "Publication date (出版), from the closing masthead.", required=True),
        Field("publisher", "string", "Responsible and sponsoring body (主管主办单位).", required=True),
        Field("serial_number", "string", "China standard serial number (国内统一刊号).", required=True,
              pattern=r"^CN\d{2}-\d{4}/[A-Z]$"),
        Field("website", "string", "Website (网址) as printed, without angle brackets.", required=True),
        Field("source_path", "string", "Raw text file, relative to the repository root.", required=True),
        Field("source_sha256", "string", "SHA-256 of the raw text file's bytes.", required=True,
              pattern=r"^[0-9a-f]{64}$"),
        common.line_start("the closing masthead"),
        common.line_end("the closing masthead"),
    ),
    primary_key=("issue_id",),
)

TOC_ENTRIES = Table(
    name="toc_entries",
    title="Table of contents",
    description="One row per entry of an issue's table of contents (目录), in printed order.",
    fields=(
        common.issue_id(),
        Field("position", "integer", "1-based order of the entry in the table of contents.", required=True,
              minimum=1),
        Field("category", "string", "Heading the entry is listed under (【…】 without brackets).", required=True),
        Field("title", "string", "Entry title, lines rejoined, spaces folded.", required=True),
        Field("doc_number", "string", "Document number (文号) printed with the entry.", required=True,
              pattern=common.DOC_NUMBER_PATTERN),
        Field("page", "integer", "Page number printed with the entry.", required=True, minimum=1),
        common.line_start("the entry"),
        common.line_end("the entry"),
    ),
    primary_key=("issue_id", "position"),
    foreign_keys=(common.fk_issue(),),
)

DOCUMENTS = Table(
    name="documents",
    title="Documents",
    description="One row per official document printed in an issue: its number, title, issuer, "
                "addressees and dates.",
    fields=(
        Field("document_id", "string", "Stable ASCII identifier derived from the document number: "
              "<series id prefix>-<year>-<serial>, e.g. zjzf-2016-24 for 浙政发〔2016〕24号, zjzbf-2016-89 for "
              "浙政办发〔2016〕89号 (series in raw/reference/document_series.csv; a series it lacks gets the "
              "provisional prefix x<6 hex digits> and a review item).",
              required=True, unique=True, pattern=DOCUMENT_ID_PATTERN),
        common.issue_id(),
        Field("doc_number", "string", "Document number (文号) exactly as in the body, spaces folded.",
              required=True, unique=True, pattern=common.DOC_NUMBER_PATTERN),
        Field("title", "string", "Document title, spaces folded.", required=True),
        Field("title_en", "string", "English title, from the reviewed raw/reference/document_titles.csv; null "
              "where none is curated yet (then listed in review_items as missing_translation).", required=False),
        Field("plan_title", "string", "Title of the plan or programme the document issues (印发), "
              "null where the document issues none.", required=False),
        Field("issuer", "string", "Issuing body as signed (落款).", required=True,
              enum=("浙江省人民政府", "浙江省人民政府办公厅")),
        Field("addressees", "string", "Addressees (主送), without the closing colon.", required=True),
        Field("signed_date", "date", "Date under the signature (成文日期).", required=True),
        Field("signed_line", "integer", "Raw line of the signing date.", required=True, minimum=1),
        Field("effective_date", "date", "Date the text says it takes effect (自…起施行/实施), "
              "null where the text gives none.", required=False),
        Field("effective_line", "integer", "Raw line of the effective-date clause; null where the text gives "
              "none.", required=False, minimum=1),
        Field("toc_page", "integer", "Page given by the issue's table of contents.", required=False, minimum=1),
        common.line_start("the document (its title line)"),
        common.line_end("the document (its last line)"),
    ),
    primary_key=("document_id",),
    foreign_keys=(common.fk_issue(),),
    sort_by=("issue_id", "line_start"),
)

SECTIONS = Table(
    name="sections",
    title="Document sections and paragraphs",
    description="Every paragraph of every document, in order, nothing dropped: title, document number, "
                "addressees, headings (一、 / (一) / 1.), numbered items, unnumbered paragraphs, signature, date, "
                "attachment list and attachment blocks. Paragraphs split by page breaks are rejoined "
                "(line_start..line_end covers all parts).",
    fields=(
        common.issue_id(),
        Field("section_id", "string", "Stable identifier: <document_id>-p<position, 3 digits>.", required=True,
              unique=True),
        common.document_id(),
        Field("position", "integer", "1-based order of the paragraph within its document.", required=True,
              minimum=1),
        Field("part", "string", "Part of the document: body (the document's own text), issued_text (the "
              "plan or programme a notice issues, 印发), attachment (附件).", required=True,
              enum=("body", "issued_text", "attachment")),
        Field("kind", "string", "title, doc_number, addressees, heading (numbered, no body text), item "
              "(numbered paragraph with text), paragraph (unnumbered), signature, date, attachment_list, "
              "attachment (one row per attachment block; its content is published in the attachment tables).",
              required=True, enum=("title", "doc_number", "addressees", "heading", "item", "paragraph",
                                   "signature", "date", "attachment_list", "attachment")),
        Field("parent_id", "string", "Enclosing heading or item (FK to sections), null at top level.",
              required=False),
        Field("level", "integer", "Depth in the heading hierarchy: 1 for 一、, 2 for the next level, …; "
              "unnumbered paragraphs are one level below their parent.", required=True, minimum=1, maximum=5),
        Field("marker", "string", "Numbering as printed and folded (一、 / (一) / 1.), null if none.",
              required=False),
        Field("ordinal", "integer", "Numeric value of the marker (三 -> 3, (十二) -> 12), null if none.",
              required=False, minimum=1),
        Field("heading", "string", "Lead phrase: the heading text, or an item's text up to its first 。, "
              "null for unnumbered paragraphs.", required=False),
        Field("text", "string", "Whole paragraph, rejoined across page breaks, spaces folded.", required=True),
        common.line_start("the paragraph"),
        common.line_end("the paragraph"),
    ),
    primary_key=("section_id",),
    foreign_keys=(common.fk_issue(), common.fk_document(), ForeignKey(("parent_id",), "sections", ("section_id",))),
    sort_by=("issue_id", "line_start"),
)

TABLES = (ISSUES, TOC_ENTRIES, DOCUMENTS, SECTIONS)
