"""Structural variants in the document forms the parser reads beyond those the real issue prints.

Pure transforms ``text, rng -> Variant`` like those of ``variants.py`` (which lists them in ``VARIANTS``); the
text of every added document is this module's own wording, with invented names, never a real document's:

- ``responsibility_lines``: every clause of 浙政发 24号 ``(牵头单位:A;参与单位:B)`` printed as the lines
  ``牵头单位:A`` / ``配合单位:B`` after its item, every clause of 25号 ``(A、B负责)`` as ``责任单位:A、B``; the
  same task units come out (the list reading of 责任单位 is 25号's rule 列首位者为牵头单位, which measure 1's
  clause printed and the line drops);
- ``government_order``: a short government order (浙江省人民政府令 / 第N号, promulgation, 省长 signature, date,
  rules in three chapters, seven articles, one with a second 款, one with three numbered 项) before 24号,
  listed under 【省政府令】 with its rules' title; later pages +2;
- ``appointment_notice``: a personnel notice 浙政干〔YYYY〕N号 after the last document, listed under
  【人事任免】: four appointments and four removals, one clause appointing and removing the same person;
- ``bracketed_number``: 浙政办发 89号 printed ``浙政办发[YYYY]N号`` and 90号 ``浙政办发(YYYY)N号`` in the body (the
  table of contents keeps 〔〕); documents.doc_number normalised, doc_number_printed as printed;
- ``unlisted_document``: the table-of-contents entry of 90号 removed (``toc_mismatch`` at its title line);

A new document has no curated English title, so it plants ``missing_translation`` as any new document would;
an order or an appointment notice prints no task list, so it needs no task-scope review
(``pipeline.parse.forms.FORMS_WITHOUT_TASK_LISTS``). Numbers are unique across a corpus: the order number and
the 浙政干 number follow the issue's cumulative and issue numbers.
"""

from __future__ import annotations

import datetime as dt
import random
import re

from variant_text import DUTY_CLAUSE, LEAD_CLAUSE, TOC_PAGE, Item, Variant, _document_span, _documents, _shift_toc

MASTHEAD = re.compile(r"^第(\d+)期[ ]*\(总第(\d+)期\)$")
DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
FIRST_CATEGORY = "【省政府文件】"
#: The real issue's cumulative number (总第1129期) gets order number ORDER_FIRST.
REAL_CUMULATIVE, ORDER_FIRST, APPOINTMENT_FIRST = 1129, 350, 40
ORDER_TITLE = "浙江省社区公共健身设施管理办法"
ORDER_PAGES = 2
GOVERNOR = "省长 钱某某"
APPOINTMENT_TITLE = "浙江省人民政府关于沈立军等职务任免的通知"
#: (clause, rows it gives): 4 appointments, 4 removals
APPOINTMENT_CLAUSES = (
    ("任命沈立军为省体育局副局长;", 1),
    ("任命潘慧敏、蒋志远为省海洋科学研究院副院长;", 2),
    ("任命韩东升为省档案馆馆长,免去其省方志办公室副主任职务;", 2),
    ("免去杨秋实的省体育局副局长职务;", 1),
    ("免去朱文波、秦雅琴的省农业技术推广中心副主任职务。", 2),
)


def _masthead(lines: list[str]) -> tuple[int, int, int]:
    """(year, issue number, cumulative number) of the opening masthead."""
    at = next(i for i, ln in enumerate(lines) if MASTHEAD.match(ln))
    m = MASTHEAD.match(lines[at])
    assert m and re.fullmatch(r"\d{4}", lines[at - 2])
    return int(lines[at - 2]), int(m.group(1)), int(m.group(2))


def _last_date(lines: list[str]) -> dt.date:
    """The signing date of the last document (the last date line)."""
    m = next(m for ln in reversed(lines) if (m := DATE_LINE.match(ln)))
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _title_start(lines: list[str], number_at: int) -> int:
    """Index of the first title line above the document number line ``number_at``."""
    i = number_at - 1
    while lines[i] == "":
        i -= 1
    while lines[i - 1] != "":
        i -= 1
    return i


def _closing(lines: list[str]) -> int:
    """Index of the closing masthead's title line (after the last document)."""
    return max(i for i, ln in enumerate(lines) if ln == "浙江省人民政府公报")


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- responsibility printed on lines -----------------------------------------------------------------------


def _clause_as_lines(clause: str) -> list[str]:
    """The lines that say what one parenthetical clause says."""
    inner = clause[1:-1]
    if inner.startswith("牵头单位"):  # 牵头单位:A;参与单位:B
        return [part.replace("参与单位", "配合单位", 1) for part in inner.split(";")]
    units = inner.split("负责")[0]  # A、B负责[,列首位者为牵头单位,下同]
    return [f"责任单位:{units}"]


def responsibility_lines(text: str, rng: random.Random) -> Variant:
    lines = text.split("\n")
    moved = {"lead_lines": 0, "responsible_lines": 0}
    for ordinal, clause_form, kind in ((1, DUTY_CLAUSE, "responsible_lines"), (0, LEAD_CLAUSE, "lead_lines")):
        span = _document_span(lines, ordinal)
        for i in reversed(span):  # bottom up: inserted lines do not move the lines still to do
            if m := clause_form.search(lines[i]):
                lines[i: i + 1] = [lines[i][: m.start()], *_clause_as_lines(m.group(0))]
                moved[kind] += 1
    assert moved["lead_lines"] > 20 and moved["responsible_lines"] > 15, moved
    new = "\n".join(lines)
    first_lead = next(ln for ln in lines if ln.startswith("牵头单位:"))
    first_responsible = next(ln for ln in lines if ln.startswith("责任单位:"))
    return Variant("responsibility_lines", new, changes=[
        Item("responsibility_line", first_lead, note=f"{moved['lead_lines']} clauses of the first document as "
             "牵头单位: / 配合单位: lines"),
        Item("responsibility_line", first_responsible, note=f"{moved['responsible_lines']} clauses of the second "
             "document as 责任单位: lines; measure 1's rule 列首位者为牵头单位,下同 is what 责任单位 reads")])



# --- documents of other forms ------------------------------------------------------------------------------


def _order_body(number: int, signed: dt.date, effective: dt.date) -> list[str]:
    """The order: head, promulgation, signature, date, then its rules (3 chapters, 7 articles)."""
    rules = [
        "第一章 总 则",
        "第一条 为了加强社区公共健身设施的管理,方便居民就近健身,结合本省实际,制定本办法。",
        "第二条 本省行政区域内社区公共健身设施的配置、使用、维护和管理,适用本办法。",
        "本办法所称社区公共健身设施,是指在城乡社区公共区域设置、供居民免费使用的健身器材和场地。",
        "第三条 县级以上人民政府体育主管部门负责本行政区域内社区公共健身设施的监督管理工作。",
        "第二章 配置与维护",
        "第四条 配置社区公共健身设施,应当符合下列要求:",
        "(一)与社区常住人口规模相适应;",
        "(二)器材符合国家安全标准;",
        "(三)设置使用说明和安全提示标识。",
        "第五条 设施管理单位应当定期巡查社区公共健身设施,发现损坏的及时修复或者停止使用。",
        "第六条 任何单位和个人不得侵占、损坏社区公共健身设施。",
        "第三章 附 则",
        f"第七条 本办法自{_cn(effective)}起施行。",
    ]
    head = ["浙江省人民政府令", f"第{number}号",
            f"《{ORDER_TITLE}》已经省人民政府常务会议审议通过,现予公布,自{_cn(effective)}起施行。",
            GOVERNOR, _cn(signed), ORDER_TITLE]
    return [ln for text in head + rules for ln in (text, "")]


def government_order(text: str, rng: random.Random) -> Variant:
    lines = text.split("\n")
    _, _, cumulative = _masthead(lines)
    number = ORDER_FIRST + cumulative - REAL_CUMULATIVE
    signed = _last_date(lines) + dt.timedelta(days=rng.randrange(1, 8))
    effective = dt.date(signed.year + (signed.month + 1) // 12, (signed.month + 1) % 12 + 1, 1)  # 2 months on
    first = _documents(lines)[0][0]
    lines[_title_start(lines, first):_title_start(lines, first)] = _order_body(number, signed, effective)
    _shift_toc(lines, -1, ORDER_PAGES)
    category = lines.index(FIRST_CATEGORY)
    page = int(TOC_PAGE.match(next(ln for ln in lines if TOC_PAGE.match(ln))).group(2)) - ORDER_PAGES  # type: ignore[union-attr]
    lines[category:category] = ["【省政府令】", "", ORDER_TITLE, f"(省政府令第{number} 号) ({page})", ""]
    doc_number = f"浙江省人民政府令第{number}号"
    return Variant("government_order", "\n".join(lines),
                   planted=[Item("missing_translation", "浙江省人民政府令", document_id=doc_number,
                                 note="a new document: no row in raw/reference/document_titles.csv")],
                   changes=[Item("order_title", ORDER_TITLE, document_id=doc_number,
                                 note="7 articles in 3 chapters; 第二条 has a second 款, 第四条 three 项")],
                   expect={"articles": 7}, expect_delta={"documents": 1}, added_documents=[doc_number])



def _appointment_body(number: str, signed: dt.date) -> list[str]:
    """The notice, its title printed with a space (as the gazette prints its body titles)."""
    title = APPOINTMENT_TITLE.replace("等", "等 ", 1)
    body = [title, number, "各市、县(市、区)人民政府,省政府直属各单位:", "经研究,决定:",
            *(clause for clause, _ in APPOINTMENT_CLAUSES), "浙江省人民政府", _cn(signed)]
    return [ln for text in body for ln in (text, "")]


def appointment_notice(text: str, rng: random.Random) -> Variant:
    lines = text.split("\n")
    _, _, cumulative = _masthead(lines)
    signed = _last_date(lines) + dt.timedelta(days=rng.randrange(1, 8))
    number = f"浙政干〔{signed.year}〕{APPOINTMENT_FIRST + cumulative - REAL_CUMULATIVE}号"
    closing = _closing(lines)
    assert lines[closing - 1] == ""
    body = _appointment_body(number, signed)
    lines[closing:closing] = body
    last = max(i for i in range(closing) if TOC_PAGE.match(lines[i]))
    page = int(TOC_PAGE.match(lines[last]).group(2)) + 4  # type: ignore[union-attr]
    lines[last + 1:last + 1] = ["", "【人事任免】", "", APPOINTMENT_TITLE, f"({number[:-1]} 号) ({page})"]
    rows = sum(k for _, k in APPOINTMENT_CLAUSES)
    return Variant("appointment_notice", "\n".join(lines),
                   planted=[Item("missing_translation", body[0], document_id=number,
                                 note="a new document: no row in raw/reference/document_titles.csv")],
                   changes=[Item("appointment", clause.rstrip(";。"), document_id=number)
                            for clause, _ in APPOINTMENT_CLAUSES],
                   expect={"appointments": rows}, expect_delta={"documents": 1}, added_documents=[number])


# --- numbers and the table of contents ---------------------------------------------------------------------


def bracketed_number(text: str, rng: random.Random) -> Variant:
    lines = text.split("\n")
    changes = []
    for (i, number), (open_, close) in zip(_documents(lines)[2:], ("[]", "()"), strict=True):
        lines[i] = number.replace("〔", open_).replace("〕", close)
        changes.append(Item("printed_number", lines[i], document_id=number,
                            note=f"doc_number {number}; the table of contents prints 〔〕"))
    return Variant("bracketed_number", "\n".join(lines), changes=changes)


def unlisted_document(text: str, rng: random.Random) -> Variant:
    lines = text.split("\n")
    i, number = _documents(lines)[3]
    entry = next(j for j in range(i) if TOC_PAGE.match(lines[j]) and
                 lines[j].replace(" ", "").startswith(f"({number})"))
    start = entry
    while lines[start - 1] != "":
        start -= 1
    del lines[start - 1:entry + 1]  # the entry and the blank line above it
    title = lines[_title_start(lines, i - (entry + 2 - start))]
    return Variant("unlisted_document", "\n".join(lines),
                   planted=[Item("toc_mismatch", title, document_id=number,
                                 note=f"the table-of-contents entry of {number} removed; queued with its number")])


TRANSFORMS = {
    "responsibility_lines": responsibility_lines, "government_order": government_order,
    "appointment_notice": appointment_notice, "bracketed_number": bracketed_number,
    "unlisted_document": unlisted_document,
}
FORM_VARIANTS = tuple(TRANSFORMS)
