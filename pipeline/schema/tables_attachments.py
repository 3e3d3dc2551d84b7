"""Tables of the documents' attachments (附件): regions, indicator tables by region and year, city tables.

``regions`` is the hand-curated reference ``raw/reference/regions.csv`` (notes in ``regions.md``); the
English labels and ids of ``indicators`` come from ``raw/reference/indicators.csv`` (notes in
``indicators.md``); everything else is parsed (``pipeline.parse.indicator_tables``,
``pipeline.parse.city_table``). Attachment rows are keyed with their ``document_id``, so the tables of two
plans live in one package without colliding.
"""

from __future__ import annotations

from pipeline.schema import common
from pipeline.schema.fields import shared, source_line
from pipeline.schema.model import Field, ForeignKey, Origin, Table

REGION_LEVELS = ("province", "prefecture-level city")
NUMBER_TEXT_PATTERN = r"^-?\d+(?:\.\d+)?$"


def provisional_indicator_id(attachment: int | str, table: int | str, measure: int | str) -> str:
    """The id of a measure raw/reference/indicators.csv lacks: its attachment, table and measure numbers."""
    return f"provisional_a{attachment}_t{table}_m{measure}"


#: How the descriptions write the provisional id (generated from the function the parser calls).
PROVISIONAL_INDICATOR_ID = provisional_indicator_id("<attachment>", "<table>", "<measure>")


def fk_region() -> ForeignKey:
    return ForeignKey(("region_code",), "regions", ("region_code",))


#: Region code of Zhejiang Province itself (the other rows of ``regions`` are its prefecture-level cities).
PROVINCE = "330000"

REGIONS = Table(
    origin=Origin(reference="raw/reference/regions.csv"),
    name="regions",
    title="Regions",
    description="Zhejiang Province and its 11 prefecture-level cities, the regions of the attachment tables. "
                "Hand-curated in raw/reference/regions.csv (codes from GB/T 2260, short names as the tables "
                "print them); see raw/reference/regions.md.",
    fields=(
        shared("region_code", "Six-digit administrative division code (GB/T 2260), e.g. 330100 for 杭州市.",
               unique=True),
        shared("name_zh", "Official name (浙江省, 杭州市), as the city table of 附件2 prints it.", unique=True),
        Field("short_name_zh", "string", "Name as printed in the region column of the indicator tables of 附件1 "
              "(杭州); the province row prints 全省 (whole province).", required=True, unique=True),
        shared("name_en", "English name (Hangzhou; Zhejiang Province).", required=True, unique=True),
        Field("level", "string", "Administrative level: province or prefecture-level city.", required=True,
              enum=REGION_LEVELS),
    ),
    primary_key=("region_code",),
)

INDICATORS = Table(
    name="indicators",
    title="Science and technology indicators",
    description="One row per measure of each indicator table of a document's attachment (tables of planned "
                "values by region and year, recognised by their header rows: 年度 and the years, then 单位 and "
                "the measure labels). In 2016 第26期 these are the eight tables of 附件1 of 浙政发〔2016〕24号 "
                "(科技创新主要预期指标分解); table 5 prints two measures, so there are nine indicators. Chinese "
                "labels and units are parsed from the text; the id and the English come from "
                "raw/reference/indicators.csv, matched on the printed title and measure label. A measure the "
                "reference lacks is published with a provisional id (" + PROVISIONAL_INDICATOR_ID + ": the "
                "numbers of its attachment, of its table in the attachment and of the measure in the table) and "
                "listed in review_items (unknown_indicator).",
    fields=(
        shared("issue_id"),
        shared("indicator_id", "Stable English slug, e.g. rd_expenditure (unique within a document); "
               + PROVISIONAL_INDICATOR_ID + " where raw/reference/indicators.csv has no row."),
        shared("document_id", "Document whose attachment prints the table (FK to documents)."),
        Field("attachment_number", "integer", "Number of the attachment (附件N) the table is printed in.",
              required=True, minimum=1),
        Field("table_number", "integer", "Number of the table within its attachment (its title's ordinal 一、 "
              "二、 …).", required=True, minimum=1),
        shared("name_zh", "Table title as printed, without its ordinal (研究与试验发展经费支出); the two indicators "
               "of table 5 share their table's title."),
        shared("name_en", "English name (hand-curated in raw/reference/indicators.csv); null for a provisional "
               "indicator."),
        Field("unit_zh", "string", "Unit as printed in the table's 单位 column (亿元, 人年, 件). Table 5 has no unit "
              "column: its unit 家 (enterprises) is supplied by raw/reference/indicators.csv, from the plan "
              "text (新增高新技术企业1500家、科技型中小微企业6000家, the table's 全省 2016 figures).",
              required=True),
        Field("unit_en", "string", "English unit (亿元 = 100 million yuan; 人年 = person-years); null for a "
              "provisional indicator.", required=False),
        Field("measure_zh", "string", "Column label of the values as printed in the header (金额, 人员数, 件数; "
              "in table 5 高新技术企业 or 科技型中小微企业).", required=True),
        Field("measure_position", "integer", "1-based position of the measure in its table's header (1 unless "
              "the table prints several measures per year).", required=True, minimum=1),
        Field("has_growth", "boolean", "True if the table prints a growth rate (增幅 (%)) next to each value; "
              "false for table 5.", required=True),
        source_line("line", "the table title"),
    ),
    primary_key=("document_id", "indicator_id"),
    foreign_keys=(common.fk_issue(), common.fk_document(),),
    sort_by=("issue_id", "line", "measure_position"),
)

INDICATOR_VALUES = Table(
    name="indicator_values",
    title="Indicator values by region and year",
    description="Every cell of the indicator tables: one planned value per indicator, region and year (the "
                "years as the table's header prints them), with the growth rate printed next to it where the "
                "table has one. In 2016 第26期: 9 indicators x 12 regions x 2016-2020.",
    fields=(
        shared("issue_id"),
        shared("document_id", "Document whose attachment prints the table (FK to documents and, with "
                           "indicator_id, to indicators)."),
        shared("indicator_id"),
        shared("region_code"),
        shared("year", "Year the value is planned for, as printed in the table's year header."),
        shared("value", "Value in the indicator's unit (indicators.unit_zh), exact: a decimal with the scale of "
               "the most decimals the tables print."),
        Field("value_text", "string", "The cell exactly as printed: keeps the printed precision (20 vs 20.0: "
              "a table may print one-decimal and integer cells side by side; value is the same number).", required=True, pattern=NUMBER_TEXT_PATTERN),
        Field("growth_pct", "number", "Growth over the previous year in percent, as printed next to the value "
              "(增幅 (%)), exact (a decimal); null where the table has no growth column (table 5).", required=False,
              decimals=1),
        Field("growth_text", "string", "The growth cell exactly as printed; null where the table has none.",
              required=False, pattern=NUMBER_TEXT_PATTERN),
        source_line("line", "the table row"),
    ),
    primary_key=("document_id", "indicator_id", "region_code", "year"),
    foreign_keys=(common.fk_issue(), ForeignKey(("document_id", "indicator_id"), "indicators", ("document_id", "indicator_id")),
                  fk_region(), common.fk_document()),
    sort_by=("issue_id", "line", "year", "indicator_id"),
)

CITY_PRIORITIES = Table(
    name="city_priorities",
    title="City science and technology priorities",
    description="City tables of a document's attachment (a header row with an empty first cell and two labels, "
                "then one row per prefecture-level city), first column; in 2016 第26期 附件2 "
                "(各市科技创新重点和重大创新平台) of 浙政发〔2016〕24号: the science and technology innovation "
                "priorities (科技创新重点) of each of the 11 cities.",
    fields=(
        shared("issue_id"),
        shared("region_code", "City (FK to regions)."),
        shared("document_id", "Document whose attachment prints the table (FK to documents)."),
        Field("priorities", "string", "The 科技创新重点 cell exactly as printed, without the HTML debris of the "
              "source (<p>) and surrounding whitespace; punctuation is not normalised (some rows use "
              "full-width ，（）, others half-width , ()).", required=True),
        source_line("line", "the city's table row"),
    ),
    primary_key=("document_id", "region_code"),
    foreign_keys=(common.fk_issue(), fk_region(), common.fk_document()),
    sort_by=("issue_id", "line"),
)

CITY_PLATFORMS = Table(
    name="city_platforms",
    title="Major innovation platforms by city",
    description="City tables of a document's attachment, second column: the numbered list (in 2016 第26期, "
                "the major innovation platforms, 重大创新平台, of 附件2 of 浙政发〔2016〕24号) of each "
                "prefecture-level city, one row per list item.",
    fields=(
        shared("issue_id"),
        shared("document_id", "Document whose attachment prints the table (FK to documents and, with "
                           "region_code, to city_priorities)."),
        shared("region_code", "City (FK to regions and city_priorities)."),
        shared("position", "Item number as printed (1., 2., …), 1-based."),
        Field("platform", "string", "Item text exactly as printed, without its number, the HTML debris of the "
              "source (<ol>, <p>) and surrounding whitespace; punctuation is not normalised.", required=True),
        source_line("line", "the city's table row"),
    ),
    primary_key=("document_id", "region_code", "position"),
    foreign_keys=(common.fk_issue(), fk_region(), ForeignKey(("document_id", "region_code"), "city_priorities",
                                          ("document_id", "region_code"))),
    sort_by=("issue_id", "line", "position"),
)

TABLES = (REGIONS, INDICATORS, INDICATOR_VALUES, CITY_PRIORITIES, CITY_PLATFORMS)
