"""Structural variants of a synthetic gazette issue, and what each one plants for the review queue.

``benchmarks/synthetic_corpus.py --variants mixed`` gives issue ``i >= 1`` of the corpus the variant
``VARIANTS[(i - 1) % len(VARIANTS)]`` (issue 0 is the real issue, unchanged). A variant is applied to the text
that the base generator derived (renumbered documents, shifted dates, scaled numbers, permuted cities), so it
never changes what the base generator writes, and it draws its own choices from
``random.Random(f"{seed}:{issue_id}:variant")``.

Each transform is a pure function ``text, rng -> Variant`` (the new text and what was planted). Kinds:

- ``renumbered``: the text is the base generator's; the corpus gives its documents no task scope and no title
  row: the default rule finds their tasks (``documents.task_scope`` rule) and their titles are the curated
  ones, so nothing is planted (the real documents' curated titles and scopes are not confirmations to ask for);
- ``no_attachments``: 浙政发 24号's 附件 list (附件:1. … 2. …) and both attachment blocks removed; the later
  table-of-contents pages move back;
- ``retitled_attachment``: 附件1 retitled (list and title line), its year header rows 2016年…2020年 shifted
  to 2017年…2021年, and one indicator table retitled (六、发明专利授权量 -> 六、有效发明专利拥有量:
  ``unknown_indicator``, the measure label stays; the two 新增 targets of the first year, whose cells are gone,
  ``unlinked_target``);
- ``unknown_units``: a unit in three responsibility clauses replaced by 省大数据局, and 省发展改革委 written
  省发改委 in one clause (both ``unknown_unit``: no alias of raw/reference/units.csv matches);
- ``new_phrasings``: measure words changed (家 -> 个, 项 -> 件), 以上 / 力争 … 左右 added around existing
  targets, and one sentence with a bare number (``按照7的比例推进。``: ``unclassified_number``);
- ``missing_clause``: the responsibility clause of one measure of 浙政发 25号 deleted (``missing_clause``);
- ``unknown_region``: one city row label of one 附件1 table renamed to a city outside Zhejiang
  (``unknown_region``);
- ``extra_table``: an ``附件 3`` with a title and a two-column tab-separated table (project, amount) after
  附件2, listed in the 附件 list; later table-of-contents pages move on (``unrecognised_table``).

- the document forms of ``form_variants.py`` (see there): ``responsibility_lines`` (clauses printed as
  牵头单位: / 配合单位: / 责任单位: lines; the same task units), ``government_order`` (an order of 7 articles:
  documents +1, ``missing_translation`` for the new document), ``appointment_notice``
  (浙政干: 8 appointment rows, documents +1, the same two kinds), ``bracketed_number`` (89号 and 90号 printed with
  [] and (): nothing planted) and ``unlisted_document`` (90号's table-of-contents entry removed: ``toc_mismatch``).

The shared text model (``Variant``, ``Item``, ``locate``, where the documents are) is ``variant_text.py``;
``Variant.added_documents`` are the numbers of documents a variant adds (ids in corpus.json).

``Variant.planted`` items are the review items a variant should add (beyond those every synthetic issue has);
``changes`` are other edits (titles, years, phrasings) located the same way; ``expect`` are row counts that
stay exact (relative to the real issue's). ``line`` is the first raw line (1-based) of the file that contains
``text``, ``lines`` every such line, and ``count`` how many times ``text`` occurs in the file.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import form_variants
from variant_text import (  # noqa: F401  (re-exported: variants.Item, variants.Variant …)
    ATTACHMENT_HEADING, ATTACHMENT_LIST, DOC_NUMBER_LINE, DUTY_CLAUSE, LEAD_CLAUSE, MEASURE_ITEM, TOC_PAGE, YEAR_HEADER,
    Item, Variant, _clause_lines, _document_span, _shift_toc, locate,
)

VARIANTS: tuple[str, ...] = (
    "renumbered", "no_attachments", "retitled_attachment", "unknown_units", "new_phrasings", "missing_clause",
    "unknown_region", "extra_table", *form_variants.FORM_VARIANTS,
)
#: Kinds of the published review queue (``review_items``) that the variants plant.
REVIEW_KINDS = ("unknown_unit", "unclassified_number", "default_task_scope", "unknown_indicator", "unknown_region",
                "unrecognised_table", "missing_clause", "missing_translation", "toc_mismatch", "unlinked_target")

ATTACHMENT1_TITLE, ATTACHMENT1_NEW_TITLE = "科技创新主要预期指标分解", "科技创新主要指标年度分解"
YEARS_HEADER = "年度\t2017年\t\t2018年\t\t2019年\t\t2020年\t\t2021年"
INDICATOR_TITLE, UNKNOWN_INDICATOR_TITLE = "六、发明专利授权量", "六、有效发明专利拥有量"
UNKNOWN_UNIT = "省大数据局"
#: A known unit written under an alias that raw/reference/units.csv lacks.
ALIAS_OF, NEW_ALIAS = "省发展改革委", "省发改委"
UNCLASSIFIED_SENTENCE = "按照7的比例推进。"
#: Cities outside Zhejiang, one per short name of a prefecture-level city, for ``unknown_region``.
FOREIGN_CITIES = {"杭州": "苏州", "宁波": "南通", "温州": "泉州", "湖州": "常州", "嘉兴": "无锡", "绍兴": "扬州",
                  "金华": "赣州", "衢州": "黄山", "舟山": "厦门", "台州": "泰州", "丽水": "丽江"}
EXTRA_TITLE = "重大科技项目资金安排表"
EXTRA_HEADER = "项目名称\t安排资金(万元)"
EXTRA_PROJECTS = ("量子通信关键技术研发", "新型显示材料中试平台", "智能网联汽车测试基地", "海洋生物医药创新平台",
                  "工业机器人核心部件攻关")


# --- the transforms ----------------------------------------------------------------------------------------


def renumbered(text: str, rng: random.Random) -> Variant:
    return Variant("renumbered", text, [], expect={"tasks": None, "task_units": None}, task_scopes=False)


def no_attachments(text: str, rng: random.Random) -> Variant:
    lines = text.split("\n")
    span = _document_span(lines, 0)
    first = next(i for i in span if ATTACHMENT_LIST.match(lines[i]))
    stop = span.stop  # the blank line before the next document's title stays
    assert lines[stop - 1] == "" and lines[first - 1] == ""
    removed = lines[first:stop - 1]
    assert any(ATTACHMENT_HEADING.match(ln) for ln in removed)
    del lines[first:stop - 1]
    if lines[first] == "" and lines[first - 1] == "":
        del lines[first]
    _shift_toc(lines, 0, -8)
    return Variant("no_attachments", "\n".join(lines),
                   expect={"attachments": 0, "indicator_tables": 0, "indicators": 0, "indicator_values": 0,
                           "city_priorities": 0, "city_platforms": 0})


def retitled_attachment(text: str, rng: random.Random) -> Variant:
    lines = text.split("\n")
    headers = 0
    for i, ln in enumerate(lines):
        if ln.strip() == ATTACHMENT1_TITLE or (ATTACHMENT_LIST.match(ln) and ATTACHMENT1_TITLE in ln):
            lines[i] = ln.replace(ATTACHMENT1_TITLE, ATTACHMENT1_NEW_TITLE)
        elif YEAR_HEADER.match(ln):
            lines[i] = re.sub(r"(20\d\d)年", lambda m: f"{int(m.group(1)) + 1}年", ln)
            headers += 1
        elif ln.strip() == INDICATOR_TITLE:
            lines[i] = ln.replace(INDICATOR_TITLE, UNKNOWN_INDICATOR_TITLE)
    assert headers == 8, headers
    new = "\n".join(lines)
    # the 新增 targets of the first year name table 五's measures, whose first year is gone: unlinked_target
    flows = re.search(r"(新增高新技术企业 *[\d.]+ *家)、(科技型中小微企业 *[\d.]+ *家)", new)
    assert flows is not None
    return Variant("retitled_attachment", new,
                   planted=[Item("unknown_indicator", UNKNOWN_INDICATOR_TITLE,
                                 note=f"was {INDICATOR_TITLE}; measure label 件数 kept"),
                            *(Item("unlinked_target", quote, note="its year has no cell after the year shift")
                              for quote in flows.groups())],
                   changes=[Item("attachment_title", ATTACHMENT1_NEW_TITLE, note=f"was {ATTACHMENT1_TITLE}"),
                            Item("year_header", YEARS_HEADER, note="8 header rows: 2017年…2021年 (was 2016年…2020年)")],
                   expect={"indicator_years": [2017, 2018, 2019, 2020, 2021], "indicators": None,
                           "indicator_values": None})


def unknown_units(text: str, rng: random.Random) -> Variant:
    lines = text.split("\n")
    clauses = _clause_lines(lines, _document_span(lines, 0)) + _clause_lines(lines, _document_span(lines, 1))
    # 省大数据局 for a participant/lead unit other than the first-named one, in three clauses
    candidates = [i for i in clauses if "省经信委" in lines[i][lines[i].rfind("("):]
                  and not lines[i][lines[i].rfind("("):].startswith("(省经信委")]
    chosen = sorted(rng.sample(candidates, 3))
    for i in chosen:
        head, clause = lines[i][: lines[i].rfind("(")], lines[i][lines[i].rfind("("):]
        lines[i] = head + clause.replace("省经信委", UNKNOWN_UNIT, 1)
    alias_lines = [i for i in clauses if i not in chosen and ALIAS_OF in lines[i][lines[i].rfind("("):]]
    j = rng.choice(alias_lines)
    head, clause = lines[j][: lines[j].rfind("(")], lines[j][lines[j].rfind("("):]
    lines[j] = head + clause.replace(ALIAS_OF, NEW_ALIAS, 1)
    return Variant("unknown_units", "\n".join(lines),
                   planted=[Item("unknown_unit", UNKNOWN_UNIT, note="replaces 省经信委 in 3 responsibility clauses"),
                            Item("unknown_unit", NEW_ALIAS, note=f"an unseen alias of {ALIAS_OF} "
                                 "(zj-comm-development-reform)")],
                   expect={"task_units": None})


def new_phrasings(text: str, rng: random.Random) -> Variant:
    edits = [  # (pattern, replacement): each matches exactly once
        (r"(工程技术研究中心\d+)家", r"\1个"),                     # 家 -> 个
        (r"(拍卖成果\d+)项以上", r"\1件以上"),                     # 项 -> 件
        (r"(服务企业\d+家次)。", r"\1以上。"),                     # + 以上
        (r"(2016年)(新增境外营销网络\d+个)。", r"\1力争\2左右。"),  # + 力争 … 左右
    ]
    changes = []
    for pattern, replacement in edits:
        written: list[str] = []

        def repl(m: re.Match[str], replacement: str = replacement) -> str:
            written.append(m.expand(replacement))
            return written[-1]

        text, n = re.subn(pattern, repl, text)
        assert n == 1, (pattern, n)
        changes.append(Item("phrasing", written[0].rstrip("。")))
    lines = text.split("\n")
    span = _document_span(lines, 2)
    target = next(i for i in span if lines[i].startswith("(三)严格督查考核。"))
    lines[target] = lines[target].replace("(三)严格督查考核。", "(三)严格督查考核。" + UNCLASSIFIED_SENTENCE, 1)
    return Variant("new_phrasings", "\n".join(lines),
                   planted=[Item("unclassified_number", UNCLASSIFIED_SENTENCE, note="the number 7: no unit, no cue")],
                   changes=changes)


def missing_clause(text: str, rng: random.Random) -> Variant:
    lines = text.split("\n")
    span = _document_span(lines, 1)
    items = [(i, m) for i in span if (m := MEASURE_ITEM.match(lines[i]))]
    # measures whose clause is on their own line (measure 1 defines 列首位者为牵头单位 for the others)
    choices = [(i, m) for i, m in items if m.group(1) != "1" and DUTY_CLAUSE.search(lines[i])]
    i, m = rng.choice(choices)
    removed = DUTY_CLAUSE.search(lines[i]).group(0)  # type: ignore[union-attr]
    units = removed[1:-1].split("负责")[0].split("、")
    lines[i] = DUTY_CLAUSE.sub("", lines[i])
    return Variant("missing_clause", "\n".join(lines),
                   planted=[Item("missing_clause", lines[i][: m.end(2)],
                                 note=f"task label {m.group(1)}; removed {removed}")],
                   expect_delta={"task_units": -len(units)})


def unknown_region(text: str, rng: random.Random) -> Variant:
    lines = text.split("\n")
    span = _document_span(lines, 0)
    tables = [i for i in span if re.match(r"^[一二三四五六七八]、", lines[i]) and i > next(
        j for j in span if ATTACHMENT_HEADING.match(lines[j]))]
    assert len(tables) == 8, tables
    t = rng.randrange(len(tables))
    rows = [i for i in range(tables[t], len(lines)) if "\t" in lines[i]
            and lines[i].split("\t")[0].strip() in FOREIGN_CITIES][:11]
    i = rng.choice(rows)
    label = lines[i].split("\t")[0]
    new_label = label.replace(label.strip(), FOREIGN_CITIES[label.strip()])
    lines[i] = new_label + lines[i][len(label):]
    return Variant("unknown_region", "\n".join(lines),
                   planted=[Item("unknown_region", new_label.strip(),
                                 note=f"row label {label.strip()} -> {new_label.strip()} in table {lines[tables[t]]}")],
                   expect={"indicator_values": None})


def extra_table(text: str, rng: random.Random) -> Variant:
    lines = text.split("\n")
    span = _document_span(lines, 0)
    listed = next(i for i in span if ATTACHMENT_LIST.match(lines[i]))
    second = next(i for i in range(listed + 1, span.stop) if re.match(r"^2[.．]", lines[i]))
    marker = re.match(r"^2([.．][ ]*)", lines[second])
    assert marker
    lines[second + 1: second + 1] = ["", f"3{marker.group(1)}{EXTRA_TITLE}"]  # point and spacing as printed
    span = _document_span(lines, 0)
    end = span.stop - 1  # the blank line before the next title
    assert lines[end] == ""
    projects = rng.sample(EXTRA_PROJECTS, 4)
    block = ["", "附件 3", "", EXTRA_TITLE, "", EXTRA_HEADER,
             *(f"{p}\t{rng.randrange(20, 200) * 100}" for p in projects)]
    lines[end:end] = block
    _shift_toc(lines, 0, 1)
    return Variant("extra_table", "\n".join(lines),
                   planted=[Item("unrecognised_table", EXTRA_HEADER, note=f"附件 3 {EXTRA_TITLE}: {len(projects)} rows")],
                   changes=[Item("attachment_title", EXTRA_TITLE)],
                   expect={"attachments": 3})


TRANSFORMS: dict[str, Callable[[str, random.Random], Variant]] = {
    "renumbered": renumbered, "no_attachments": no_attachments, "retitled_attachment": retitled_attachment,
    "unknown_units": unknown_units, "new_phrasings": new_phrasings, "missing_clause": missing_clause,
    "unknown_region": unknown_region, "extra_table": extra_table, **form_variants.TRANSFORMS,
}
assert tuple(TRANSFORMS) == VARIANTS


def apply(kind: str, text: str, rng: random.Random, document_id: Callable[[str], str]) -> Variant:
    """Apply variant ``kind`` to ``text`` and locate what it planted and changed in the result."""
    variant = TRANSFORMS[kind](text, rng)
    locate(variant.text, variant.planted + variant.changes, document_id)
    variant.added_documents = [document_id(number) for number in variant.added_documents]
    return variant


def variant_of(index: int, kinds: tuple[str, ...] = VARIANTS) -> str | None:
    """The variant of issue ``index`` of the corpus (None for the real issue, index 0)."""
    return None if index == 0 else kinds[(index - 1) % len(kinds)]
