"""Parser tests on the real issue: mastheads, contents, documents, sections, page breaks."""

import datetime as dt

import pytest

from pipeline.base.errors import SourceError
from pipeline.parse.issue import parse_issue
from pipeline.parse.layout import segment
from pipeline.parse.source import RawIssue
from pipeline.text.lines import split_lines


def by(rows, key, value):
    return [r for r in rows if r[key] == value]


def test_issue_row_from_mastheads(parsed):
    (issue,) = parsed["issues"]
    assert issue["issue_id"] == "zjzfgb-2016-26"
    assert (issue["year"], issue["issue_number"], issue["cumulative_number"]) == (2016, 26, 1129)
    assert issue["published_date"] == dt.date(2016, 9, 21)
    assert issue["serial_number"] == "CN33-1354/D"
    assert issue["website"] == "http://zfgb.zj.gov.cn"
    assert issue["publisher"] == "浙江省人民政府"
    assert (issue["line_start"], issue["line_end"]) == (491, 501)


def test_table_of_contents_pages_and_categories(parsed):
    toc = parsed["toc_entries"]
    assert [(e["doc_number"], e["page"]) for e in toc] == [
        ("浙政发〔2016〕24号", 3), ("浙政发〔2016〕25号", 23), ("浙政办发〔2016〕89号", 28), ("浙政办发〔2016〕90号", 32)]
    assert [e["category"] for e in toc] == ["省政府文件", "省政府文件", "省政府办公厅文件", "省政府办公厅文件"]
    # a title printed over two lines is rejoined; the stray space in 2017 年 is folded
    assert toc[2]["title"] == "浙江省人民政府办公厅关于印发浙江省供给侧结构性改革去杠杆行动方案(2016—2017年)的通知"
    assert (toc[0]["line_start"], toc[0]["line_end"]) == (18, 20)


def test_four_documents_with_numbers_and_signing_dates(parsed):
    docs = parsed["documents"]
    assert [(d["document_id"], d["doc_number"], d["signed_date"]) for d in docs] == [
        ("zjzf-2016-24", "浙政发〔2016〕24号", dt.date(2016, 8, 1)),
        ("zjzf-2016-25", "浙政发〔2016〕25号", dt.date(2016, 8, 9)),
        ("zjzbf-2016-89", "浙政办发〔2016〕89号", dt.date(2016, 8, 10)),
        ("zjzbf-2016-90", "浙政办发〔2016〕90号", dt.date(2016, 8, 10)),
    ]
    assert [d["issuer"] for d in docs] == ["浙江省人民政府", "浙江省人民政府", "浙江省人民政府办公厅", "浙江省人民政府办公厅"]
    assert [(d["line_start"], d["line_end"]) for d in docs] == [(34, 287), (289, 357), (359, 427), (429, 489)]
    assert [d["effective_date"] for d in docs] == [None, None, dt.date(2016, 9, 9), dt.date(2016, 8, 31)]
    assert docs[2]["plan_title"] == "浙江省供给侧结构性改革去杠杆行动方案(2016—2017年)"
    assert docs[1]["plan_title"] is None
    assert docs[0]["addressees"] == "各市、县(市、区)人民政府,省政府直属各单位"
    assert [d["toc_page"] for d in docs] == [3, 23, 28, 32]


def test_signature_and_cited_document_number_do_not_open_documents(raw_issue):
    layout = segment(raw_issue.lines, raw_issue.source_path)
    starts = [raw_issue.lines[s.start].number for s in layout.documents]
    assert starts == [34, 289, 359, 429]
    assert raw_issue.lines[41].clean == "浙江省人民政府"  # line 42, a signature
    assert "(浙政发〔2016〕11号)" in raw_issue.lines[374].clean  # line 375 cites another document


def test_word_split_by_page_break_is_rejoined_with_nothing_between(parsed):
    (item,) = by(parsed["sections"], "section_id", "zjzf-2016-24-p014")
    assert (item["line_start"], item["line_end"]) == (62, 64)
    assert "形成一批在全国有特色、高水平的科研院所。" in item["text"]
    (credit,) = by(parsed["sections"], "section_id", "zjzbf-2016-89-p027")
    assert (credit["line_start"], credit["line_end"]) == (415, 417)
    assert credit["text"].endswith("进一步优化信用环境。")


def test_measure_11_cut_after_a_sentence_end_is_one_item_with_its_clause(parsed):
    """Measure 11 of 25号 goes on after a page break that falls after 。, and only the second part carries its
    clause: the item takes it in (one row, lines 327-329), as its task does."""
    (item,) = by(parsed["sections"], "line_start", 327)
    assert (item["kind"], item["marker"], item["line_end"]) == ("item", "11.", 329)
    assert "支持舟山综保区打造浙江省进口商品基地。支持义乌国际商贸城" in item["text"]
    assert item["text"].endswith("(省商务厅、省发展改革委、省经信委、杭州海关、宁波海关负责)")
    assert by(parsed["sections"], "line_start", 329) == []


def _split(body: str) -> list[tuple]:
    from pipeline.parse.sections import split_sections

    lines = split_lines("关于做好示范工作的通知\n浙政发〔2021〕3号\n各市人民政府:\n" + body)
    return [(s.kind, s.marker, s.lines[0].number, s.lines[-1].number) for s in split_sections(lines, "x.txt")][3:]


def test_a_clause_alone_after_a_page_break_joins_the_item_before_it():
    body = "1.建设示范区。推进第一批试点。\n\n(省发展改革委负责)\n\n2.培育主体。扶持龙头企业。(省经信厅负责)\n"
    assert _split(body) == [("item", "1.", 4, 6), ("item", "2.", 8, 8)]
    # the rest of the item and its clause after a break at a sentence end
    body = "1.建设示范区。推进第一批试点。\n\n完善配套政策。(省发展改革委负责)\n"
    assert _split(body) == [("item", "1.", 4, 6)]


@pytest.mark.parametrize("body", [
    # the item has its own clause: the clause paragraph after it stays apart
    "1.建设示范区。推进试点。(省商务厅负责)\n\n(省发展改革委负责)\n",
    # the paragraph after it carries no clause: a child paragraph, not a join
    "1.建设示范区。推进试点。\n\n完善配套政策。\n",
    # a numbered item after it is never taken in
    "1.建设示范区。推进试点。\n\n2.培育主体。扶持企业。(省经信厅负责)\n",
])
def test_no_join_where_the_item_has_its_clause_or_the_next_paragraph_has_none(body):
    assert len(_split(body)) == 2


def test_heading_hierarchy(parsed):
    sections = {s["section_id"]: s for s in parsed["sections"]}
    item = sections["zjzf-2016-24-p018"]  # 三、(一) 全力打造杭州城西科创大走廊
    assert (item["marker"], item["ordinal"], item["level"], item["heading"]) == ("(一)", 1, 2, "全力打造杭州城西科创大走廊")
    parent = sections[item["parent_id"]]
    assert (parent["kind"], parent["marker"], parent["ordinal"]) == ("heading", "三、", 3)
    assert parent["heading"] == "全面推进创新大平台建设,汇聚融合高端要素"
    measure = sections["zjzf-2016-25-p029"]  # p018 holds measure 11 whole (its page break joined)
    assert (measure["marker"], measure["ordinal"], measure["heading"]) == ("20.", 20, "加强组织领导和监督检查")
    assert sections["zjzbf-2016-89-p026"]["marker"] == "(十一)"
    assert sections["zjzbf-2016-89-p026"]["ordinal"] == 11
    # the closing formula is top level, not a child of the last item
    closing = sections["zjzbf-2016-89-p032"]
    assert (closing["text"], closing["parent_id"], closing["level"]) == ("本行动方案自2016年9月9日起施行。", None, 1)
    # unnumbered principles belong to (二) 基本原则
    assert [s["parent_id"] for s in parsed["sections"] if s["line_start"] in (443, 445, 447, 449)] == ["zjzbf-2016-90-p007"] * 4


def test_attachment_tables_are_not_sections_of_the_plan(parsed):
    attachments = [s for s in parsed["sections"] if s["kind"] == "attachment"]
    assert [(a["heading"], a["line_start"], a["line_end"]) for a in attachments] == [
        ("科技创新主要预期指标分解", 130, 268), ("各市科技创新重点和重大创新平台", 270, 287)]
    assert not [s for s in parsed["sections"] if s["heading"] == "研究与试验发展经费支出"]


def test_every_nonblank_document_line_is_in_exactly_one_section(parsed, raw_issue):
    lines_in_docs = {ln.number for ln in raw_issue.lines if not ln.blank and 34 <= ln.number <= 489}
    covered = [n for s in parsed["sections"] for n in range(s["line_start"], s["line_end"] + 1)
               if not raw_issue.lines[n - 1].blank]
    assert sorted(covered) == sorted(lines_in_docs)
    assert len(parsed["sections"]) == 133  # measure 11 of 25号 is one row (its page break joined)


def _with_text(raw_issue, text: str) -> RawIssue:
    return RawIssue(issue_id=raw_issue.issue_id, source_path="raw/gazette/x.txt", sha256="0" * 64,
                    meta=raw_issue.meta, lines=tuple(split_lines(text)))


def _source(raw_issue) -> str:
    return "\n".join(ln.raw for ln in raw_issue.lines)


def test_unplaceable_table_of_contents_line_is_an_error_not_a_skip(raw_issue, references):
    broken = _source(raw_issue).replace("(浙政发〔2016〕25 号) (23)", "(浙政发〔2016〕25 号) 第23页")
    with pytest.raises(SourceError) as err:
        parse_issue(_with_text(raw_issue, broken), references)
    assert err.value.line == 23 and str(err.value).startswith("raw/gazette/x.txt:23: expected a TOC entry")


def test_plan_title_spanning_two_lines(parsed):
    (title,) = [s for s in parsed["sections"] if s["document_id"] == "zjzbf-2016-89" and s["part"] == "issued_text"
                and s["kind"] == "title"]
    assert (title["line_start"], title["line_end"]) == (371, 373)


def test_masthead_disagreeing_with_sidecar_is_an_error(raw_issue, references):
    with pytest.raises(SourceError) as err:
        parse_issue(_with_text(raw_issue, _source(raw_issue).replace("9月21日出版", "9月22日出版")), references)
    assert err.value.line == 494 and "published_date" in str(err.value)


def test_missing_signature_is_an_error(raw_issue, references):
    with pytest.raises(SourceError, match="signature"):
        parse_issue(_with_text(raw_issue, _source(raw_issue).replace("2016年8月9日", "八月九日")), references)


def test_a_paragraph_that_starts_like_a_continuation_after_a_sentence_end_is_queued():
    from pipeline.parse.breaks import ambiguous_breaks
    from pipeline.text.lines import split_lines

    lines = split_lines("(一)加快建设。第一句话。\n\n,第二句话。\n\n第三句话。\n")
    rows = [{"section_id": "zjzbf-2016-89-p001", "document_id": "zjzbf-2016-89", "kind": "item", "text": "(一)加快建设。第一句话。",
             "line_start": 1},
            {"section_id": "zjzbf-2016-89-p002", "document_id": "zjzbf-2016-89", "kind": "paragraph", "text": ",第二句话。",
             "line_start": 3},
            {"section_id": "zjzbf-2016-89-p003", "document_id": "zjzbf-2016-89", "kind": "paragraph", "text": "第三句话。",
             "line_start": 5}]
    [note] = ambiguous_breaks(rows, lines)
    assert (note.kind, note.text, note.line, note.document_id) == ("ambiguous_break", ",第二句话。", 3, "zjzbf-2016-89")
    assert "zjzbf-2016-89-p002" in note.detail and "line 1" in note.detail


def test_the_real_issue_has_no_ambiguous_break(parsed):
    assert [r for r in parsed["review_items"] if r["kind"] == "ambiguous_break"] == []
