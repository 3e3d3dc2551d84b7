"""Tables of the gazette's structure: issues, table of contents, documents and their sections."""

from __future__ import annotations

from pipeline.schema import common
from pipeline.schema.fields import shared, source_line
from pipeline.schema.model import Field, ForeignKey, Table

#: documents.form -> what it is, recognised by structure (pipeline.parse.forms)
DOCUMENT_FORMS: dict[str, str] = {
    "notice": "a document with a 文号 line of any series (通知, 意见, 决定 …) that is not a reply or an "
              "appointment notice",
    "reply": "a reply (批复 / 复函): a 文号 document whose title ends in 批复 or 复函",
    "appointment": "an appointment notice (任免): a 文号 document whose body appoints (任命…为…) or removes "
                   "(免去…职务) officials; its clauses are published in appointments",
    "order": "a government order (政府令): 浙江省人民政府令 / 第N号, the promulgation, signed 省长 某某 and dated, "
             "then the rules it promulgates (articles in articles)",
    "unrecognised": "a document printed without a 文号 or order number, split off by its title in the table of "
                    "contents; published with its sections and listed in review_items "
                    "(unrecognised_document_form)",
}

ISSUES = Table(
    name="issues",
    title="Gazette issues",
    description="One row per gazette issue in raw/: its numbering and publication facts as printed in the "
                "masthead, and the raw file it was parsed from.",
    fields=(
        shared("issue_id", "Stable issue identifier, zjzfgb-<year>-<issue number, two digits> (so that "
               "identifiers sort in publication order).", unique=True),
        Field("title_zh", "string", "Gazette title as printed (浙江省人民政府公报).", required=True),
        shared("title_en", "English title as printed in the opening masthead.", required=True),
        shared("year", "Publication year."),
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
        source_line("line_start", "the closing masthead"),
        source_line("line_end", "the closing masthead"),
    ),
    primary_key=("issue_id",),
)

TOC_ENTRIES = Table(
    name="toc_entries",
    title="Table of contents",
    description="One row per entry of an issue's table of contents (目录), in printed order.",
    fields=(
        shared("issue_id"),
        shared("position", "1-based order of the entry in the table of contents."),
        Field("category", "string", "Heading the entry is listed under (【…】 without brackets).", required=True),
        shared("title", "Entry title, lines rejoined, spaces folded."),
        shared("doc_number", "Document number printed with the entry, normalised as documents.doc_number (〔〕 "
               "around the year; an order as 浙江省人民政府令第N号, also where the entry prints 省政府令第N号); null "
               "for an entry printed with its page only."),
        Field("page", "integer", "Page number printed with the entry.", required=True, minimum=1),
        source_line("line_start", "the entry"),
        source_line("line_end", "the entry"),
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
        shared("document_id", "Stable ASCII identifier derived from the document number: "
              "<series id prefix>-<year>-<serial>, e.g. zjzf-2016-24 for 浙政发〔2016〕24号, zjzbf-2016-89 for "
              "浙政办发〔2016〕89号 (series in raw/reference/document_series.csv; a series it lacks gets the "
              "provisional prefix x<6 hex digits> and a review item); an order gets <prefix of 浙江省人民政府令>-<N> "
              "(zjzfl-381 for 浙江省人民政府令第381号: orders are numbered without a year); a document printed "
              "without a number zjzfgb<issue number>-<year>-<position in the issue> (zjzfgb26-2016-5).",
              unique=True),
        shared("issue_id"),
        Field("form", "string", "Form of the document, recognised by its structure: "
              + "; ".join(f"{form}: {what}" for form, what in DOCUMENT_FORMS.items()) + ".",
              required=True, enum=tuple(DOCUMENT_FORMS)),
        shared("doc_number", "Document number, normalised: a 文号 with the year in 〔〕 whatever brackets are "
               "printed (浙政函[2021]12号 -> 浙政函〔2021〕12号); an order 浙江省人民政府令第N号 (its head line and "
               "number line joined); null for a document printed without a number (form unrecognised).",
               unique=True),
        Field("doc_number_printed", "string", "Document number as printed in the body, spaces folded (an "
              "order: its number line, 第N号); null where none is printed.", required=False),
        shared("title", "Document title, spaces folded (an order: its head line, 浙江省人民政府令; the rules it "
               "promulgates are in plan_title)."),
        shared("title_en", "English title, from the reviewed raw/reference/document_titles.csv; null where none "
               "is curated yet (then listed in review_items as missing_translation)."),
        Field("plan_title", "string", "Title of the plan or programme the document issues (印发), or of the "
              "rules an order promulgates; null where the document issues none.", required=False),
        Field("issuer", "string", "Issuing body as signed (落款); for an order, the government its head names "
              "(浙江省人民政府); null where no signature is printed (form unrecognised).", required=False,
              enum=("浙江省人民政府", "浙江省人民政府办公厅")),
        Field("signatory", "string", "Person who signs, as printed, spaces folded (an order: 省长某某); null "
              "where the issuing body signs.", required=False),
        Field("addressees", "string", "Addressees (主送), without the closing colon; null where none are "
              "printed (an order).", required=False),
        Field("signed_date", "date", "Date under the signature (成文日期); null where none is printed (form "
              "unrecognised).", required=False),
        Field("signed_line", "integer", "Raw line of the signing date; null where none.", required=False,
              minimum=1),
        Field("publication_note", "string", "Publication note printed under the signing date, as printed "
              "with its brackets ((此件公开发布)); null where none.", required=False),
        Field("effective_date", "date", "Date the text says it takes effect: a paragraph or article that is "
              "only 本<办法|规定|意见…>自YYYY年M月D日起施行/实施 (for an order whose rules print none, the date its "
              "promulgation gives: …自YYYY年M月D日起施行); null where the text gives none.", required=False),
        Field("effective_line", "integer", "Raw line of the effective-date clause; null where the text gives "
              "none.", required=False, minimum=1),
        Field("toc_page", "integer", "Page given by the issue's table of contents.", required=False, minimum=1),
        Field("task_scope", "string", "What decided which items of the document are tasks: reference (a reviewed "
              "row of raw/reference/task_scopes.csv) or rule (the default rule, unreviewed: listed in review_items "
              "as default_task_scope only where it found no task among numbered items).", required=True,
              enum=("reference", "rule")),
        source_line("line_start", "the document (its title line)"),
        source_line("line_end", "the document (its last line)"),
    ),
    primary_key=("document_id",),
    foreign_keys=(common.fk_issue(),),
    sort_by=("issue_id", "line_start"),
)

SECTIONS = Table(
    name="sections",
    title="Document sections and paragraphs",
    description="Every paragraph of every document, in order, nothing dropped: title, document number, "
                "addressees, headings (一、 / (一) / 1. / 第一章), numbered items and articles (第一条), unnumbered "
                "paragraphs, signature, date, publication note, attachment list and attachment blocks. Paragraphs split by page breaks are rejoined "
                "(line_start..line_end covers all parts).",
    fields=(
        shared("issue_id"),
        shared("section_id", "Stable identifier: <document_id>-p<position, 3 digits>.", unique=True),
        shared("document_id"),
        shared("position", "1-based order of the paragraph within its document."),
        Field("part", "string", "Part of the document: body (the document's own text), issued_text (the "
              "plan or programme a notice issues, 印发), attachment (附件).", required=True,
              enum=("body", "issued_text", "attachment")),
        Field("kind", "string", "title, doc_number, addressees, heading (numbered, no body text; a chapter "
              "第X章), item (numbered paragraph with text; an article 第X条), paragraph (unnumbered), signature, "
              "date, publication_note ((此件公开发布) under the date), attachment_list, attachment (one row per "
              "attachment block; its content is published in the attachment tables).",
              required=True, enum=("title", "doc_number", "addressees", "heading", "item", "paragraph",
                                   "signature", "date", "publication_note", "attachment_list", "attachment")),
        Field("parent_id", "string", "Enclosing heading or item (FK to sections), null at top level.",
              required=False),
        Field("level", "integer", "Depth in the heading hierarchy: 1 for 一、, 2 for the next level, …; "
              "unnumbered paragraphs are one level below their parent.", required=True, minimum=1, maximum=5),
        Field("marker", "string", "Numbering as printed and folded (一、 / (一) / 1. / 第一章 / 第一条), null if "
              "none.",
              required=False),
        Field("ordinal", "integer", "Numeric value of the marker (三 -> 3, (十二) -> 12), null if none.",
              required=False, minimum=1),
        Field("heading", "string", "Lead phrase: the heading text, or an item's text up to its first 。, "
              "null for unnumbered paragraphs.", required=False),
        Field("text", "string", "Whole paragraph, rejoined across page breaks, spaces folded.", required=True),
        source_line("line_start", "the paragraph"),
        source_line("line_end", "the paragraph"),
    ),
    primary_key=("section_id",),
    foreign_keys=(common.fk_issue(), common.fk_document(), ForeignKey(("parent_id",), "sections", ("section_id",))),
    sort_by=("issue_id", "line_start"),
)

TABLES = (ISSUES, TOC_ENTRIES, DOCUMENTS, SECTIONS)
