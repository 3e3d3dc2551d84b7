"""Tables of the quantitative targets stated in the documents' prose, and of every number in that prose.

``targets`` has one row per number that states a target (到2020年 … 研发人员数达45.6万人年); ``number_mentions``
accounts for every Arabic number in the documents' sections (attachment blocks excepted: their content is the
attachment tables), each classified, so that a reader can check that no target was missed. Both are built by
``pipeline.parse.targets``; the links from targets to the indicators of 附件1 are hand-curated in
``raw/reference/target_indicator_links.csv`` (notes in ``raw/reference/target_indicator_links.md``).
"""

from __future__ import annotations

from pipeline.schema import common
from pipeline.schema.fields import shared, source_line
from pipeline.schema.model import Field, ForeignKey, Table
from pipeline.schema.tables_attachments import fk_region
MENTION_ID_PATTERN = rf"^{common.DOCUMENT_ID}-n\d{{3}}$"

#: classification -> meaning (number_mentions.classification)
CLASSIFICATIONS: dict[str, str] = {
    "target": "the value of a targets row (target_id names it)",
    "target_year": "a year phrase (到2020年, 2016年, 其中2016年, 力争到2017年底) whose year target rows carry",
    "year": "a year phrase in prose that governs no quantity (2016年,制订…办法; 2017年覆盖到省内全部口岸)",
    "period": "a span or duration, not a point in time: both ends of 2016—2017年, 3年内, 5年累计",
    "date": "year, month or day of a calendar date (signing dates, 自2016年9月9日起施行)",
    "document_number": "year or serial number of the document's own number (浙政发〔2016〕24号)",
    "cited_document": "year or serial number of a cited document's number (国办发〔2016〕28号)",
    "list_marker": "a numbering marker (measure 1. to 20., the items of 附件:1. 2.)",
    "name": "part of a name: programme, strategy, technology or business model (“131”工程, “2+1”, "
            "中国制造2025, 3D, 4G+/5G, B2B2C)",
    "count": "a quantity that describes existing things or a per-unit condition, not a target "
             "(以杭州和萧山临江2个国家高新区为主体, 等4个创新链环节; reviewed rules in raw/reference/number_rules.csv)",
    "threshold": "a size threshold of the noun a target counts, not a target (新开工10亿元以上制造业项目611个: "
                 "10亿元以上 qualifies the projects, 611个 is the target, whose subject keeps the threshold as "
                 "written); the note names the count",
    "unclassified": "a number no rule classifies (no target cue, no subject, disagreeing bounding words, digits "
                    "split by a space): the note says why; listed in review_items as unclassified_number",
}

TARGETS = Table(
    name="targets",
    title="Quantitative targets in the documents' prose",
    description="One row per number that states a target in the running text of a document (the attachment "
                "tables are published separately): 到2020年 … 研发人员数达45.6万人年; a list (新增高新技术企业1500家、"
                "科技型中小微企业6000家) gives one row per number. Year, bounding words and subject are read by "
                "the rules of pipeline.parse.targets; the link to an indicator of the document's own tables is "
                "made by rule (pipeline.parse.target_links), raw/reference/target_indicator_links.csv overriding it.",
    fields=(
        shared("issue_id"),
        shared("target_id", "Stable identifier <document_id>-g<NNN>, numbered in text order within the "
               "document.", unique=True),
        shared("document_id"),
        shared("section_id", "Paragraph the target is written in (FK to sections)."),
        shared("task_id", "Task whose text contains the target (FK to tasks); null outside the task lists (e.g. "
               "一(二)总体目标 of 浙政发〔2016〕24号).", required=False),
        Field("subject", "string", "What is measured, as written: the clause before the number without its "
              "year phrase, the aspiration word (力争, 努力, 争取) and the bounding word (达, 超过), followed by "
              "the noun after the number where the number comes first (组织举办6次科技成果拍卖活动 -> "
              "组织举办科技成果拍卖活动). In a respectively-list (A、B、C项目50项、150项、50项左右) each value "
              "takes its part of the list as written.", required=True),
        shared("value", "The number as written, in the unit as written (45.6 with unit 万人年, not 456000 人年), "
               "exact (a decimal)."),
        shared("unit", "Unit as written right after the number, magnitude included and kept whole "
               "(pipeline.parse.numbers.MEASURE_WORDS): %, 万人年, 亿元, 家, 家次, 件, 个, 项, 名, 万名, 次, 万家, "
               "万台, 万平方米, 万亩, 万吨标准煤, 亿千瓦时."),
        Field("target_year", "integer", "Year the text attaches: that of the nearest year phrase before the "
              "number in the paragraph (到2020年, 2016年, 其中2016年, 2016年底前). A year phrase governs the rest "
              "of its sentence, and the following sentences up to the next year phrase when its own sentence "
              "holds no quantity (一(二)总体目标: 到2020年,…高地。全社会研发经费…). Null where no year phrase "
              "governs the number.", required=False, minimum=2000, maximum=2100),
        Field("qualifier", "string", "The words that bound or soften the target, as written, in text order, "
              "joined by … (达…左右, 力争…超过, 争取…以上, 以上, 达); null where there are none.", required=False),
        shared("comparator"),
        Field("indicator_document_id", "string", "Document whose attachment prints the linked indicator (with "
              "indicator_id, FK to indicators): the target's own document; null where indicator_id is null.",
              required=False),
        shared("indicator_id", "Indicator of the document's attachment tables that measures the same thing in the same year "
              "(FK to indicators): by rule (pipeline.parse.target_links: the subject names the indicator, the unit "
              "converts, the 全省 row has the year; a 新增 indicator only for a target governed by 新增) unless "
              "raw/reference/target_indicator_links.csv, the reviewed overrides with their reasons, says otherwise; "
              "null where no indicator matches (a stock is not a flow, a share or a growth rate is not an "
              "amount; a target that names an indicator but matches no cell is an unlinked_target review item).", required=False),
        shared("region_code", "Region of the linked indicator value (FK to regions): 330000, the province, for "
               "every linked target; null where indicator_id is null.", required=False),
        Field("quote", "string", "The exact span of the paragraph's cleaned text (sections.text) that states "
              "the target: subject, bounding words, number and unit.", required=True),
        source_line("line", "the number (its first digit); after a page break, the raw line after the break"),
    ),
    primary_key=("target_id",),
    foreign_keys=(common.fk_issue(), 
        common.fk_document(),
        ForeignKey(("section_id",), "sections", ("section_id",)),
        ForeignKey(("task_id",), "tasks", ("task_id",)),
        ForeignKey(("indicator_document_id", "indicator_id"), "indicators", ("document_id", "indicator_id")),
        fk_region(),
    ),
    sort_by=("issue_id", "line", "target_id"),
)

NUMBER_MENTIONS = Table(
    name="number_mentions",
    title="Numbers in the documents' prose, classified",
    description="Every Arabic number in the sections of the documents (attachment blocks excepted: their "
                "content is the attachment tables), in text order, each with the rule that classifies it: a "
                "target (FK to targets) or something else (a date, a document number, a list marker, a name, a "
                "count that is not a target …). Read it to check that no target was missed: a number that no "
                "rule classifies is published as unclassified and listed in review_items. Numbers written in Chinese numerals "
                "(七大万亿产业, 三家以上) are not covered.",
    fields=(
        shared("issue_id"),
        Field("mention_id", "string", "Stable identifier <document_id>-n<NNN>, numbered in text order within "
              "the document.", required=True, unique=True, pattern=MENTION_ID_PATTERN),
        shared("document_id"),
        shared("section_id", "Paragraph the number is written in (FK to sections)."),
        source_line("line", "the number (its first digit)"),
        Field("text", "string", "The number as written in the cleaned text (digits and decimal point: 2.8, "
              "2016; a full-width point as printed: 2．8).", required=True, pattern=r"^\d+(?:[.．]\d+)?$"),
        shared("value", "Numeric value of text, exact (a decimal)."),
        shared("unit", "Unit or measure word written right after the number, magnitude included (%, 万人年, 亿元, "
               "家, 年, 月, 日, 号); null if none.", required=False),
        Field("classification", "string", "What the number is: "
              + "; ".join(f"{name}: {meaning}" for name, meaning in CLASSIFICATIONS.items()) + ".",
              required=True, enum=tuple(CLASSIFICATIONS)),
        shared("target_id", "The target row (FK to targets) where classification is target; null otherwise.",
               required=False),
        Field("note", "string", "The rule that classified the number and what it matched (the date, the cited "
              "document, the name, the subject of the target, the target rows a year phrase governs).",
              required=True),
    ),
    primary_key=("mention_id",),
    foreign_keys=(common.fk_issue(), 
        common.fk_document(),
        ForeignKey(("section_id",), "sections", ("section_id",)),
        ForeignKey(("target_id",), "targets", ("target_id",)),
    ),
    sort_by=("issue_id", "line", "mention_id"),
)

TABLES = (TARGETS, NUMBER_MENTIONS)
