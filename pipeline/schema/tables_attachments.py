"""Tables of the attachments of 浙政发〔2016〕24号: regions, the indicator tables (附件1) and the city table (附件2).

``regions`` is the hand-curated reference ``raw/reference/regions.csv`` (notes in ``regions.md``); the
English labels and ids of ``indicators`` come from ``raw/reference/indicators.csv`` (notes in
``indicators.md``); everything else is parsed (``pipeline.parse.indicator_tables``,
``pipeline.parse.city_table``).
"""

from __future__ import annotations

from pipeline.schema import common
from pipeline.schema.model import Field, ForeignKey, Table

REGION_LEVELS = ("province", "prefecture-level city")
INDICATOR_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
NUMBER_TEXT_PATTERN = r"^-?\d+(?:\.\d+)?$"


def fk_region() -> ForeignKey:
    return ForeignKey(("region_code",), "regions", ("region_code",))


REGIONS = Table(
    name="regions",
    title="Regions",
    description="Zhejiang Province and its 11 prefecture-level cities, the regions of the attachment tables. "
                "Hand-curated in raw/reference/regions.csv (codes from GB/T 2260, short names as the tables "
                "print them); see raw/reference/regions.md.",
    fields=(
        Field("region_code", "string", "Six-digit administrative division code (GB/T 2260), e.g. 330100 for "
              "杭州市.", required=True, unique=True, pattern=common.REGION_CODE_PATTERN),
        Field("name_zh", "string", "Official name (浙江省, 杭州市), as the city table of 附件2 prints it.",
              required=True, unique=True),
        Field("short_name_zh", "string", "Name as printed in the region column of the indicator tables of 附件1 "
              "(杭州); the province row prints 全省 (whole province).", required=True, unique=True),
        Field("name_en", "string", "English name (Hangzhou; Zhejiang Province).", required=True, unique=True),
        Field("level", "string", "Administrative level: province or prefecture-level city.", required=True,
              enum=REGION_LEVELS),
    ),
    primary_key=("region_code",),
    row_count=12,
)

INDICATORS = Table(
    name="indicators",
    title="Science and technology indicators",
    description="The indicators of 附件1 (科技创新主要预期指标分解, planned targets for 2016-2020 broken down by "
                "region) of 浙政发〔2016〕24号: one row per measure of each of the eight tables; table 5 prints "
                "two measures (high-tech enterprises and technology-based SMEs), so there are nine indicators. "
                "Chinese labels and units are parsed from the text; the id and the English come from "
                "raw/reference/indicators.csv, which the parser checks against the printed table number and "
                "measure label.",
    fields=(
        Field("indicator_id", "string", "Stable English slug, e.g. rd_expenditure.", required=True, unique=True,
              pattern=INDICATOR_ID_PATTERN),
        common.document_id("Document whose attachment prints the table (FK to documents)."),
        Field("table_number", "integer", "Number of the table in 附件1 (its title's ordinal 一、 … 八、).",
              required=True, minimum=1, maximum=8),
        Field("name_zh", "string", "Table title as printed, without its ordinal (研究与试验发展经费支出); the two "
              "indicators of table 5 share their table's title.", required=True),
        Field("name_en", "string", "English name (hand-curated in raw/reference/indicators.csv).", required=True,
              unique=True),
        Field("unit_zh", "string", "Unit as printed in the table's 单位 column (亿元, 人年, 件). Table 5 has no unit "
              "column: its unit 家 (enterprises) is supplied by raw/reference/indicators.csv, from the plan "
              "text (新增高新技术企业1500家、科技型中小微企业6000家, the table's 全省 2016 figures).",
              required=True),
        Field("unit_en", "string", "English unit (亿元 = 100 million yuan; 人年 = person-years).", required=True),
        Field("measure_zh", "string", "Column label of the values as printed in the header (金额, 人员数, 件数; "
              "in table 5 高新技术企业 or 科技型中小微企业).", required=True),
        Field("has_growth", "boolean", "True if the table prints a growth rate (增幅 (%)) next to each value; "
              "false for table 5.", required=True),
        common.line("the table title"),
    ),
    primary_key=("indicator_id",),
    foreign_keys=(common.fk_document(),),
    sort_by=("table_number", "indicator_id"),
)

INDICATOR_VALUES = Table(
    name="indicator_values",
    title="Indicator values by region and year",
    description="Every cell of the indicator tables of 附件1: one planned value per indicator, region "
                "(province and 11 cities) and year 2016-2020, with the growth rate printed next to it where the "
                "table has one. 9 indicators x 12 regions x 5 years.",
    fields=(
        Field("indicator_id", "string", "Indicator (FK to indicators).", required=True,
              pattern=INDICATOR_ID_PATTERN),
        Field("region_code", "string", "Region (FK to regions).", required=True,
              pattern=common.REGION_CODE_PATTERN),
        Field("year", "integer", "Year the value is planned for.", required=True, minimum=2016, maximum=2020),
        Field("value", "number", "Value in the indicator's unit (indicators.unit_zh).", required=True,
              minimum=0),
        Field("value_text", "string", "The cell exactly as printed: keeps the printed precision (20 vs 20.0; "
              "tables 4 and 7 mix one-decimal and integer cells).", required=True, pattern=NUMBER_TEXT_PATTERN),
        Field("growth_pct", "number", "Growth over the previous year in percent, as printed next to the value "
              "(增幅 (%)); null where the table has no growth column (table 5).", required=False),
        Field("growth_text", "string", "The growth cell exactly as printed; null where the table has none.",
              required=False, pattern=NUMBER_TEXT_PATTERN),
        common.line("the table row"),
    ),
    primary_key=("indicator_id", "region_code", "year"),
    foreign_keys=(ForeignKey(("indicator_id",), "indicators", ("indicator_id",)), fk_region()),
)

CITY_PRIORITIES = Table(
    name="city_priorities",
    title="City science and technology priorities",
    description="附件2 (各市科技创新重点和重大创新平台) of 浙政发〔2016〕24号, first column: the science and "
                "technology innovation priorities (科技创新重点) set for each of the 11 prefecture-level cities.",
    fields=(
        Field("region_code", "string", "City (FK to regions).", required=True, unique=True,
              pattern=common.REGION_CODE_PATTERN),
        common.document_id("Document whose attachment prints the table (FK to documents)."),
        Field("priorities", "string", "The 科技创新重点 cell exactly as printed, without the HTML debris of the "
              "source (<p>) and surrounding whitespace; punctuation is not normalised (some rows use "
              "full-width ，（）, others half-width , ()).", required=True),
        common.line("the city's table row"),
    ),
    primary_key=("region_code",),
    foreign_keys=(fk_region(), common.fk_document()),
)

CITY_PLATFORMS = Table(
    name="city_platforms",
    title="Major innovation platforms by city",
    description="附件2 of 浙政发〔2016〕24号, second column: the numbered list of major innovation platforms "
                "(重大创新平台) of each prefecture-level city, one row per list item.",
    fields=(
        Field("region_code", "string", "City (FK to regions and city_priorities).", required=True,
              pattern=common.REGION_CODE_PATTERN),
        Field("position", "integer", "Item number as printed (1., 2., …), 1-based.", required=True, minimum=1),
        Field("platform", "string", "Item text exactly as printed, without its number, the HTML debris of the "
              "source (<ol>, <p>) and surrounding whitespace; punctuation is not normalised.", required=True),
        common.line("the city's table row"),
    ),
    primary_key=("region_code", "position"),
    foreign_keys=(fk_region(), ForeignKey(("region_code",), "city_priorities", ("region_code",))),
)

TABLES = (REGIONS, INDICATORS, INDICATOR_VALUES, CITY_PRIORITIES, CITY_PLATFORMS)
