"""Document forms (issue 19, parts 1, 2, 4, 7): orders with chapters and articles, appointment notices, replies
with a bracketed 文号, documents the table of contents does not list, a document in a form no reader knows.

The test issues are tests/fixtures/issues/forms-*.txt (written for these tests, mirroring the masthead /
table of contents / closing masthead of the real issue). Each is parsed by the pure parser from a project copy
that holds it with a correct sidecar; tests/integration/test_fixture_corpus.py builds a copy with the real issue and all of them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.base.errors import SourceError
from pipeline.checks.issue_rows import check_issue_rows
from pipeline.parse.issue import parse_issue, reference_rows
from pipeline.parse.numerals import chinese_numeral
from pipeline.parse.patterns import document_id, normalise_doc_number
from pipeline.raw.snapshot import load_issue
from pipeline.raw.references import load_references
from tests.conftest import copy_project, registry_violations
from tests.support.forms import ISSUES, fixture_bytes, write_fixtures


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    paths = copy_project(tmp_path_factory.mktemp("forms"))
    return paths, write_fixtures(paths), load_references(paths)


@pytest.fixture(scope="module")
def forms(project) -> dict[str, dict]:
    paths, texts, refs = project
    return {name: parse_issue(load_issue(path, paths), refs) for name, path in texts.items()}


def review(rows) -> list[tuple[str, str, int]]:
    return [(r["kind"], r["text"], r["line"]) for r in rows["review_items"]]


# ---------------------------------------------------------------- pure helpers


def test_chinese_numerals_up_to_9999():
    cases = {"一": 1, "十": 10, "十二": 12, "二十三": 23, "一百": 100, "一百零五": 105, "一百一十": 110,
             "两千": 2000, "一千零一": 1001, "三千二百": 3200, "九千九百九十九": 9999}
    assert {text: chinese_numeral(text) for text in cases} == cases
    for bad in ("", "零", "百", "一二", "十十", "一百五", "一零", "一百零零五", "二十三x"):
        with pytest.raises(ValueError):
            chinese_numeral(bad)


def test_document_numbers_are_normalised_whatever_the_brackets():
    for printed in ("浙政函[2021]12号", "浙政函(2021)12号", "浙政函（2021）12号", "浙政函〔2021〕12号"):
        assert normalise_doc_number(printed) == "浙政函〔2021〕12号"
    assert normalise_doc_number("省政府令第381号") == "浙江省人民政府令第381号"
    assert normalise_doc_number("第381号") is None
    assert document_id("浙政函[2021]12号", {"浙政函": "zjzh"}) == ("zjzh-2021-12", True)
    assert document_id("浙江省人民政府令第381号", {"浙江省人民政府令": "zjzfl"}) == ("zjzfl-381", True)


# ---------------------------------------------------------------- (a) an order with chapters and articles


def test_order_document_row(forms):
    [doc] = forms["order"]["documents"]
    assert {k: doc[k] for k in ("document_id", "form", "doc_number", "doc_number_printed", "title", "plan_title",
                                "issuer", "signatory", "addressees", "signed_date", "signed_line",
                                "effective_date", "effective_line", "toc_page", "line_start", "line_end")} == {
        "document_id": "zjzfl-381", "form": "order", "doc_number": "浙江省人民政府令第381号",
        "doc_number_printed": "第381号", "title": "浙江省人民政府令", "plan_title": "浙江省公共阅读空间服务管理办法",
        "issuer": "浙江省人民政府", "signatory": "省长林某某", "addressees": None,
        "signed_date": dt.date(2024, 3, 4), "signed_line": 29, "effective_date": dt.date(2024, 5, 1),
        "effective_line": 60, "toc_page": 3, "line_start": 21, "line_end": 60}
    [entry] = forms["order"]["toc_entries"]
    assert (entry["title"], entry["doc_number"], entry["page"]) == ("浙江省公共阅读空间服务管理办法",
                                                                     "浙江省人民政府令第381号", 3)


def test_order_articles_with_chapters_kuan_and_xiang(forms):
    articles = forms["order"]["articles"]
    assert [(a["chapter_no"], a["article_no"]) for a in articles] == [(1, 1), (1, 2), (1, 3), (2, 4), (2, 5), (3, 6)]
    assert [a["chapter_title"] for a in articles] == ["总则"] * 3 + ["设立与运行"] * 2 + ["附则"]
    fourth = articles[3]
    assert fourth == {"issue_id": "zjzfgb-2024-08", "article_id": "zjzfl-381-a004", "document_id": "zjzfl-381",
                      "section_id": "zjzfl-381-p014", "chapter_no": 2, "chapter_title": "设立与运行", "article_no": 4,
                      "text": "设立公共阅读空间,应当具备下列条件:(一)有固定的场所和必要的阅读设施;(二)有不少于一千册的图书;"
                              "(三)有明确的管理人员。", "line_start": 46, "line_end": 52}
    # a second 款 belongs to its article; an article cut by a page break is rejoined
    assert articles[1]["text"].endswith("适用本办法。本办法所称公共阅读空间,是指向公众免费开放、提供图书借阅和阅读活动的场所。")
    assert (articles[2]["text"][-13:], articles[2]["line_start"], articles[2]["line_end"]) == (
        "所需经费列入本级财政预算。", 41, 42)


def test_an_order_without_an_effective_article_takes_the_date_of_its_promulgation(project):
    paths, texts, refs = project
    from tests.conftest import write_issue

    data = fixture_bytes("order").replace("第六条 本办法自2024年5月1日起施行。".encode(),
                                          "第六条 本办法由省文化主管部门负责解释。".encode())
    issue_id, cumulative, published = ISSUES["order"]
    path = write_issue(paths, issue_id, data, cumulative_number=cumulative, published_date=published)
    try:
        rows = parse_issue(load_issue(path, paths), refs)
    finally:
        write_fixtures(paths, ["order"])
    [doc] = rows["documents"]
    assert (doc["effective_date"], doc["effective_line"]) == (dt.date(2024, 5, 1), 25)
    assert rows["articles"][-1]["text"] == "本办法由省文化主管部门负责解释。"


@pytest.mark.parametrize("name", ["order", "unlisted"])
def test_issues_of_other_forms_are_accepted_by_gazette_add(tmp_path, name):
    from pipeline.raw.intake import add_issue
    from pipeline.base.paths import ProjectPaths

    source = tmp_path / "download" / f"{name}.txt"
    source.parent.mkdir()
    source.write_bytes(fixture_bytes(name))
    added = add_issue(source, ProjectPaths(tmp_path / "project"))
    meta = __import__("json").loads(added.sidecar.read_text(encoding="utf-8"))
    issue_id, cumulative, published = ISSUES[name]
    assert (added.issue_id, meta["cumulative_number"], meta["published_date"]) == (issue_id, cumulative, published)
    assert added.text.read_bytes() == fixture_bytes(name)


# ---------------------------------------------------------------- (b) an appointment notice


def test_appointment_rows(forms):
    rows = forms["appointment"]
    [doc] = rows["documents"]
    assert (doc["document_id"], doc["form"], doc["doc_number"]) == ("zjzg-2023-7", "appointment", "浙政干〔2023〕7号")
    assert [(a["person_name"], a["action"], a["position_zh"], a["line"]) for a in rows["appointments"]] == [
        ("周明远", "appoint", "省数据资源管理局副局长", 29),
        ("吴晓光", "appoint", "省农业科学研究中心副主任", 31),
        ("郑丽华", "appoint", "省农业科学研究中心副主任", 31),
        ("陈建国", "appoint", "省水利厅副厅长", 33),
        ("陈建国", "remove", "省钱塘江管理中心主任", 33),
        ("冯志强", "remove", "省林业发展研究院院长", 35),
        ("褚文静", "remove", "省文化交流中心副主任", 37),
        ("卫海涛", "remove", "省文化交流中心副主任", 37)]
    assert [a["appointment_id"] for a in rows["appointments"]][:2] == ["zjzg-2023-7-m001", "zjzg-2023-7-m002"]


def test_an_appointment_clause_the_reader_cannot_split_is_queued(project):
    paths, texts, refs = project
    from tests.conftest import write_issue

    data = fixture_bytes("appointment").replace("免去冯志强的省林业".encode(), "免去冯志强省林业".encode())
    issue_id, cumulative, published = ISSUES["appointment"]
    path = write_issue(paths, issue_id, data, cumulative_number=cumulative, published_date=published)
    try:
        rows = parse_issue(load_issue(path, paths), refs)
    finally:
        write_fixtures(paths, ["appointment"])
    assert [a["person_name"] for a in rows["appointments"]] == ["周明远", "吴晓光", "郑丽华", "陈建国", "陈建国",
                                                                "褚文静", "卫海涛"]
    assert ("unread_appointment", "免去冯志强省林业发展研究院院长职务", 35) in review(rows)


# ---------------------------------------------------------------- (c) a reply with a bracketed 文号


def test_reply_with_bracketed_number_and_publication_note(forms):
    rows = forms["reply"]
    [doc] = rows["documents"]
    assert {k: doc[k] for k in ("document_id", "form", "doc_number", "doc_number_printed", "addressees",
                                "publication_note", "signed_date", "toc_page", "line_end")} == {
        "document_id": "zjzh-2021-12", "form": "reply", "doc_number": "浙政函〔2021〕12号",
        "doc_number_printed": "浙政函[2021]12号", "addressees": "杭州市人民政府", "publication_note": "(此件公开发布)",
        "signed_date": dt.date(2021, 5, 6), "toc_page": 3, "line_end": 37}
    assert rows["toc_entries"][0]["doc_number"] == "浙政函〔2021〕12号"
    [note] = [s for s in rows["sections"] if s["kind"] == "publication_note"]
    assert (note["text"], note["line_start"], note["parent_id"]) == ("(此件公开发布)", 37, None)
    assert [m["classification"] for m in rows["number_mentions"] if m["line"] == 23] == ["document_number"] * 2


# ---------------------------------------------------------------- (d) unlisted, unprinted, unrecognised


def test_unlisted_and_unprinted_documents_are_review_items_not_errors(forms):
    rows = forms["unlisted"]
    assert [(d["document_id"], d["form"], d["doc_number"], d["publication_note"], d["toc_page"])
            for d in rows["documents"]] == [
        ("zjzf-2022-18", "notice", "浙政发〔2022〕18号", "(此件公开发布)", 3),
        ("zjzbh-2022-9", "notice", "浙政办函〔2022〕9号", "(此件公开发布)", None),
        ("zjzfgb15-2022-3", "unrecognised", None, None, 7)]
    # the note after a signing date never joins the next title
    assert [d["title"] for d in rows["documents"]][1:] == ["浙江省人民政府办公厅关于做好夏季防汛值班工作的函",
                                                          "省政府领导同志工作分工"]
    # neither notice prints numbered items: the default rule reads them (task_scope rule), nothing to confirm
    assert [item for item in review(rows) if item[0] == "default_task_scope"] == []
    assert [d["task_scope"] for d in rows["documents"]] == ["rule", "rule", "rule"]
    # the unrecognised document prints no task list: its own review item is enough
    assert [item for item in review(rows) if item[0] not in ("missing_translation", "default_task_scope")] == [
        ("toc_mismatch", "浙政办发〔2022〕41号", 24),
        ("toc_mismatch", "浙政办函〔2022〕9号", 47),
        ("unrecognised_document_form", "省政府领导同志工作分工", 61)]


def test_an_unrecognised_document_keeps_its_sections(forms):
    rows = forms["unlisted"]
    sections = [s for s in rows["sections"] if s["document_id"] == "zjzfgb15-2022-3"]
    assert [(s["kind"], s["line_start"]) for s in sections] == [("title", 61), ("paragraph", 63),
                                                                ("paragraph", 65), ("paragraph", 67)]
    [doc] = [d for d in rows["documents"] if d["form"] == "unrecognised"]
    assert (doc["issuer"], doc["signed_date"], doc["addressees"]) == (None, None, None)


# ---------------------------------------------------------------- every fixture against the registry


@pytest.mark.parametrize("name", sorted(ISSUES))
def test_fixture_rows_satisfy_the_registry(forms, project, name):
    paths, texts, refs = project
    rows = forms[name]
    check_issue_rows(rows, reference_rows(refs), str(texts[name]))
    from pipeline.schema.registry import BY_NAME

    for table in ("documents", "articles", "appointments", "toc_entries", "review_items"):
        assert registry_violations(BY_NAME[table], rows[table], ISSUES[name][0]) == []


BAD = {
    "articles": ("article_no", 0, "between 1 and 9999"),
    "appointments": ("action", "promote", "to be one of ['appoint', 'remove']"),
    "documents": ("form", "decree", "to be one of"),
}


@pytest.mark.parametrize("table", sorted(BAD))
def test_the_new_checks_refuse_bad_data(forms, project, table):
    paths, texts, refs = project
    name = {"articles": "order", "appointments": "appointment", "documents": "reply"}[table]
    column, value, message = BAD[table]
    rows = {t: [dict(r) for r in rs] for t, rs in forms[name].items()}
    rows[table][0][column] = value
    with pytest.raises(SourceError, match=__import__("re").escape(message)):
        check_issue_rows(rows, reference_rows(refs), str(texts[name]))
    from pipeline.schema.registry import BY_NAME

    assert registry_violations(BY_NAME[table], rows[table], ISSUES[name][0]) == [f"{column}: {value!r}"]


def test_a_normalised_doc_number_is_required_of_documents(forms, project):
    paths, texts, refs = project
    rows = {t: [dict(r) for r in rs] for t, rs in forms["reply"].items()}
    rows["documents"][0]["doc_number"] = "浙政函[2021]12号"  # printed form where the normalised one belongs
    with pytest.raises(SourceError, match="doc_number"):
        check_issue_rows(rows, reference_rows(refs), str(texts["reply"]))


def test_an_order_the_contents_do_not_list_is_its_own_document_with_a_review_item(project):
    """The order of forms-order.txt printed after the reply of forms-reply.txt, with no contents entry."""
    paths, texts, refs = project
    from tests.conftest import write_issue

    reply, order = fixture_bytes("reply").decode().split("\n"), fixture_bytes("order").decode().split("\n")
    closing = max(i for i, line in enumerate(reply) if line == "浙江省人民政府公报")
    order_end = max(i for i, line in enumerate(order) if line == "浙江省人民政府公报")
    text = "\n".join(reply[:closing] + order[20:order_end] + reply[closing:])
    issue_id, cumulative, published = ISSUES["reply"]
    path = write_issue(paths, issue_id, text.encode(), cumulative_number=cumulative, published_date=published)
    try:
        rows = parse_issue(load_issue(path, paths), refs)
    finally:
        write_fixtures(paths, ["reply"])
    assert [(d["form"], d["doc_number"], d["line_start"]) for d in rows["documents"]] == [
        ("reply", "浙政函〔2021〕12号", 21), ("order", "浙江省人民政府令第381号", 40)]
    assert ("toc_mismatch", "浙江省人民政府令第381号", 40) in review(rows)
    assert len(rows["articles"]) == 6 and {a["document_id"] for a in rows["articles"]} == {"zjzfl-381"}


def test_forms_without_task_lists_need_no_task_scope_review(forms):
    """An order, a reply and an appointment notice in which no task is found raise no default_task_scope."""
    for name in ("order", "reply", "appointment"):
        assert [item for item in review(forms[name]) if item[0] == "default_task_scope"] == [], name
    assert {d["form"] for name in ("order", "reply", "appointment") for d in forms[name]["documents"]} == {
        "order", "reply", "appointment"}
