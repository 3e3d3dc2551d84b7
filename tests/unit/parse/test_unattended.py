"""Issues nobody typed by hand: the structural variants of the synthetic corpus build with no code change.

Each variant (benchmarks/variants.py) changes the structure of a copy of the real issue: other 文号 and no
task scopes, no attachments, a retitled attachment with other years, unknown unit names, new phrasings, a
missing clause, an unknown region, an extra table; and the document forms (benchmarks/form_variants.py):
responsibility on lines, a government order, an appointment notice, bracketed 文号, a document the table of
contents does not list. The pure parser must publish what it can and put exactly
the planted unknowns in the review queue; nothing known may be lost. The integration test runs a 20-issue
mixed corpus through Dagster, partitions added by the raw-file sensor, and publishes it.
"""

from __future__ import annotations


import polars as pl
import pytest

from pipeline.parse.issue import parse_issue
from pipeline.parse.units import provisional_unit_id
from pipeline.base.paths import REPO_ROOT, ProjectPaths
from pipeline.raw.snapshot import load_issue
from pipeline.raw.references import load_references

import synthetic_corpus  # benchmarks/, on the path by pytest's pythonpath (pyproject.toml)
import variants

COUNTED = ("documents", "tasks", "task_units", "indicators", "indicator_values", "city_priorities",
           "city_platforms", "targets")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[ProjectPaths, dict, dict[str, dict]]:
    """The real issue and one issue per variant, each parsed by the pure parser."""
    out = tmp_path_factory.mktemp("corpus")
    synthetic_corpus.generate(out, 1 + len(variants.VARIANTS), variants=variants.VARIANTS)
    paths = ProjectPaths(out)
    refs = load_references(paths)
    manifest = synthetic_corpus.read_manifest(out)
    parsed = {issue["variant"]: parse_issue(load_issue(paths.raw_gazette / f"{issue['issue_id']}.txt", paths), refs)
              for issue in manifest["issues"]}
    return paths, {i["variant"]: i for i in manifest["issues"]}, parsed


def queue(rows: dict) -> list[tuple[str, int, int]]:
    return [(r["kind"], r["line"], r["occurrences"]) for r in rows["review_items"]]


def planted(issue: dict) -> list[tuple[str, int, int]]:
    return sorted((p["kind"], p["line"], p["count"]) for p in issue["planted"])


def test_the_real_issue_is_unchanged_and_needs_no_review(corpus) -> None:
    _, _, parsed = corpus
    rows = parsed["original"]
    assert {name: len(rows[name]) for name in COUNTED} == {
        "documents": 4, "tasks": 62, "task_units": 202, "indicators": 9, "indicator_values": 540,
        "city_priorities": 11, "city_platforms": 31, "targets": 58}
    assert rows["review_items"] == [] and rows["units"] == []


@pytest.mark.parametrize("kind", variants.VARIANTS)
def test_each_variant_keeps_every_known_row(corpus, kind) -> None:
    _, issues, parsed = corpus
    expect = issues[kind]["expect"]
    assert {name: len(parsed[kind][name]) for name in COUNTED if name in expect} == {
        name: expect[name] for name in COUNTED if name in expect}


@pytest.mark.parametrize("kind", [k for k in variants.VARIANTS if k != "renumbered"])
def test_each_variant_queues_exactly_what_was_planted(corpus, kind) -> None:
    _, issues, parsed = corpus
    assert sorted(queue(parsed[kind])) == planted(issues[kind])


def test_renumbered_documents_are_read_by_the_default_rule(corpus) -> None:
    _, issues, parsed = corpus
    rows = parsed["renumbered"]
    by_kind = {}
    for r in rows["review_items"]:
        by_kind.setdefault(r["kind"], []).append(r["text"])
    # no title or scope row for the renumbered documents: their titles are the curated ones (reused) and the
    # default rule finds their tasks (task_scope rule), so neither is queued
    assert "default_task_scope" not in by_kind and "missing_translation" not in by_kind
    assert {d["task_scope"] for d in rows["documents"]} == {"rule"} and all(d["title_en"] for d in rows["documents"])
    # the confirmation that 25号 measure 20 has no clause is about the real document, not its renumbered copy
    [missing] = by_kind["missing_clause"]
    assert missing.endswith("20 加强组织领导和监督检查") and len(rows["review_items"]) == 1
    renamed = {real: new for new, real in issues["renumbered"]["documents"].items()}
    assert [t["task_id"] for t in rows["tasks"]] == [
        t["task_id"].replace(t["document_id"], renamed[t["document_id"]]) for t in parsed["original"]["tasks"]]


def test_unknown_units_become_provisional_units(corpus) -> None:
    _, _, parsed = corpus
    rows = parsed["unknown_units"]
    assert sorted(u["name_zh"] for u in rows["units"]) == ["省发改委", "省大数据局"]
    big_data = [tu for tu in rows["task_units"] if tu["name_as_written"] == "省大数据局"]
    assert len(big_data) == 3 and {tu["unit_id"] for tu in big_data} == {provisional_unit_id("省大数据局")}
    texts = {r["text"]: r for r in rows["review_items"]}
    assert texts["省大数据局"]["detail"] == f"published as provisional unit {provisional_unit_id('省大数据局')}"


def test_retitled_attachment_reads_its_years_and_keeps_a_provisional_indicator(corpus) -> None:
    _, _, parsed = corpus
    rows = parsed["retitled_attachment"]
    assert {v["year"] for v in rows["indicator_values"]} == {2017, 2018, 2019, 2020, 2021}
    provisional = [i for i in rows["indicators"] if i["indicator_id"].startswith("provisional_")]
    assert [(i["indicator_id"], i["name_zh"], i["unit_zh"]) for i in provisional] == [
        ("provisional_a1_t6_m1", "有效发明专利拥有量", "件")]
    assert sum(v["indicator_id"] == "provisional_a1_t6_m1" for v in rows["indicator_values"]) == 60


def test_no_attachments_and_an_extra_table(corpus) -> None:
    _, _, parsed = corpus
    assert all(parsed["no_attachments"][t] == [] for t in ("indicators", "indicator_values", "city_platforms"))
    extra = parsed["extra_table"]
    [item] = extra["review_items"]
    assert item["kind"] == "unrecognised_table" and item["text"] == "附件3 重大科技项目资金安排表"
    assert any(s["kind"] == "attachment" and s["line_start"] <= item["line"] <= s["line_end"]
               for s in extra["sections"])


def test_new_phrasings_read_bounds_and_queue_the_unclassifiable(corpus) -> None:
    _, _, parsed = corpus
    rows = parsed["new_phrasings"]
    quotes = {t["quote"]: t for t in rows["targets"]}
    reshaped = [t for t in rows["targets"] if t["line"] == 335]
    assert reshaped and reshaped[0]["qualifier"] == "力争…左右" and reshaped[0]["comparator"] == "about"
    [item] = rows["review_items"]
    assert item["kind"] == "unclassified_number" and "按照7的比例推进" in item["text"]
    assert [m["classification"] for m in rows["number_mentions"] if m["line"] == item["line"] and m["text"] == "7"] \
        == ["unclassified"]
    assert quotes


def _as_real(rows: list[dict], issue: dict) -> list[tuple]:
    """Task units without their line, with the issue's synthetic document ids back to the real ones."""
    def real(task_id: str) -> str:
        return next((task_id.replace(new, old) for new, old in issue["documents"].items() if task_id.startswith(new)),
                    task_id)
    return sorted((real(tu["task_id"]), tu["role"], tu["position"], tu["unit_id"], tu["name_as_written"],
                   tu["list_open_ended"]) for tu in rows)


def test_responsibility_lines_give_the_same_task_units(corpus) -> None:
    _, issues, parsed = corpus
    rows = parsed["responsibility_lines"]
    unchanged = _as_real(parsed["bracketed_number"]["task_units"], issues["bracketed_number"])
    assert len(unchanged) == 202 and _as_real(rows["task_units"], issues["responsibility_lines"]) == unchanged
    conventions = [t["convention"] for t in rows["tasks"]]
    assert (conventions.count("lead_lines"), conventions.count("responsible_lines"), conventions.count(None)) == (
        22, 19, 21)
    assert rows["review_items"] == []


def test_a_government_order_publishes_its_articles(corpus) -> None:
    _, issues, parsed = corpus
    rows = parsed["government_order"]
    [order] = [d for d in rows["documents"] if d["form"] == "order"]
    number = issues["government_order"]["added_documents"][0].removeprefix("zjzfl-")
    assert (order["document_id"], order["doc_number"], order["doc_number_printed"], order["plan_title"],
            order["signatory"]) == (f"zjzfl-{number}", f"浙江省人民政府令第{number}号", f"第{number}号",
                                    "浙江省社区公共健身设施管理办法", "省长钱某某")
    assert order["effective_date"].day == 1 and order["toc_page"] is not None and len(rows["documents"]) == 5
    articles = rows["articles"]
    assert [(a["chapter_no"], a["article_no"]) for a in articles] == [
        (1, 1), (1, 2), (1, 3), (2, 4), (2, 5), (2, 6), (3, 7)]
    second, fourth = articles[1], articles[3]
    assert (second["chapter_title"], second["text"]) == ("总则", "本省行政区域内社区公共健身设施的配置、使用、维护和管理,"
                                                          "适用本办法。本办法所称社区公共健身设施,是指在城乡社区公共"
                                                          "区域设置、供居民免费使用的健身器材和场地。")
    assert fourth["chapter_title"] == "配置与维护" and fourth["text"].endswith("(三)设置使用说明和安全提示标识。")
    assert fourth["line_end"] - fourth["line_start"] == 6  # the article and its three 项, blank lines between
    assert len(rows["tasks"]) == 62  # the 项 are no tasks


def test_an_appointment_notice_publishes_one_row_per_person_and_action(corpus) -> None:
    _, issues, parsed = corpus
    rows = parsed["appointment_notice"]
    [notice] = [d for d in rows["documents"] if d["form"] == "appointment"]
    assert notice["document_id"] == issues["appointment_notice"]["added_documents"][0]
    assert [(a["person_name"], a["action"], a["position_zh"]) for a in rows["appointments"]] == [
        ("沈立军", "appoint", "省体育局副局长"), ("潘慧敏", "appoint", "省海洋科学研究院副院长"),
        ("蒋志远", "appoint", "省海洋科学研究院副院长"), ("韩东升", "appoint", "省档案馆馆长"),
        ("韩东升", "remove", "省方志办公室副主任"), ("杨秋实", "remove", "省体育局副局长"),
        ("朱文波", "remove", "省农业技术推广中心副主任"), ("秦雅琴", "remove", "省农业技术推广中心副主任")]
    changes = {c["text"]: c["line"] for c in issues["appointment_notice"]["changes"]}
    assert rows["appointments"][4]["line"] == changes["任命韩东升为省档案馆馆长,免去其省方志办公室副主任职务"]


def test_bracketed_numbers_are_normalised_and_kept_as_printed(corpus) -> None:
    _, issues, parsed = corpus
    docs = parsed["bracketed_number"]["documents"]
    printed = [(d["doc_number"], d["doc_number_printed"]) for d in docs[2:]]
    assert [(n, p.replace("[", "〔").replace("]", "〕").replace("(", "〔").replace(")", "〕")) for n, p in printed] \
        == [(n, n) for n, _ in printed]
    assert [p[len("浙政办发")] + p[len("浙政办发") + 5] for _, p in printed] == ["[]", "()"]
    assert all(d["toc_page"] is not None for d in docs)  # listed with 〔〕 in the table of contents


def test_an_unlisted_document_is_published_and_queued(corpus) -> None:
    _, issues, parsed = corpus
    rows = parsed["unlisted_document"]
    [item] = rows["review_items"]
    last = rows["documents"][-1]
    assert (item["kind"], item["text"], item["line"], item["document_id"]) == (
        "toc_mismatch", last["doc_number"], last["line_start"], last["document_id"])
    assert item["line"] == issues["unlisted_document"]["planted"][0]["line"] == 426
    assert last["toc_page"] is None and len(rows["documents"]) == 4 and len(rows["toc_entries"]) == 3


@pytest.mark.integration
def test_twenty_issue_mixed_corpus_through_the_sensor_and_dagster(tmp_path) -> None:
    import dagster as dg

    from pipeline.orchestration.definitions import defs
    from pipeline.orchestration.resources import ProjectResource

    synthetic_corpus.generate(tmp_path, 20, variants=variants.VARIANTS)
    (tmp_path / "curated").mkdir()
    manifest = synthetic_corpus.read_manifest(tmp_path)
    resources = {"project": ProjectResource(root=str(tmp_path))}
    sensor = defs.resolve_sensor_def("raw_files_changed")
    with dg.instance_for_test() as instance:
        def evaluate():
            with dg.build_sensor_context(instance=instance, resources=resources) as context:
                return sensor(context)

        first = evaluate()
        issue_ids = sorted(i["issue_id"] for i in manifest["issues"])
        # one parse run for the 20 new issues, as the sensor asks, and the UI told which issues are stale
        [request] = first.run_requests
        assert request.job_name == "parse_issues" and request.tags["gazette/plan"].startswith("parse-20-")
        assert [e.metadata["stale_issues"].value for e in first.asset_events] == [issue_ids]
        parse_job = defs.resolve_job_def("parse_issues")
        assert parse_job.execute_in_process(tags=request.tags, instance=instance, resources=resources).success
        assert sorted(p.name for p in (tmp_path / ".build" / "parts").iterdir()) == issue_ids
        [publish] = evaluate().run_requests
        assert publish.job_name == "publish_package"
        assert defs.resolve_job_def("publish_package").execute_in_process(instance=instance,
                                                                          resources=resources).success
        assert "the published package is current" in str(evaluate())
    review = pl.read_parquet(tmp_path / "curated/review_items.parquet")
    expected = sorted((i["issue_id"], p["kind"], p["line"], p["count"]) for i in manifest["issues"]
                      for p in i["planted"])
    got = review.select("issue_id", "kind", "line", "occurrences").rows()
    # planted items, plus the unconfirmed 25号 measure 20 of each renumbered issue
    renumbered = [i["issue_id"] for i in manifest["issues"] if i["variant"] == "renumbered"]
    extra = sorted(r for r in got if r[1] == "missing_clause" and r[0] in renumbered)
    assert len(extra) == len(renumbered) == 2  # issues 1 and 14 of 20 (13 variants)
    assert {i["variant"] for i in manifest["issues"][1:]} == set(variants.VARIANTS)
    assert sorted(r for r in got if r not in extra) == expected
    units = pl.read_parquet(tmp_path / "curated/units.parquet")
    assert units.filter(pl.col("status") == "provisional")["name_zh"].sort().to_list() == ["省发改委", "省大数据局"]
    assert units.height == 38
    issues = pl.read_parquet(tmp_path / "curated/issues.parquet")
    assert issues.height == 20


# ---------------------------------------------------------------- adding an issue, strict builds, no issue at all


def test_gazette_add_reads_the_masthead_and_writes_the_sidecar(tmp_path) -> None:
    from pipeline.cli import main
    from pipeline.raw.snapshot import load_sidecar

    source = tmp_path / "download" / "issue.txt"
    source.parent.mkdir()
    real = (REPO_ROOT / "raw/gazette/zjzfgb-2016-26.txt").read_bytes()
    source.write_bytes(real)
    project = tmp_path / "project"
    assert main(["--root", str(project), "add", str(source)]) == 0
    copied = project / "raw/gazette/zjzfgb-2016-26.txt"
    assert copied.read_bytes() == real
    meta = load_sidecar(project / "raw/gazette/zjzfgb-2016-26.meta.json", "sidecar")
    reference = load_sidecar(REPO_ROOT / "raw/gazette/zjzfgb-2016-26.meta.json", "sidecar")
    for field in ("issue_id", "year", "issue_number", "cumulative_number", "published_date", "sha256", "bytes",
                  "publisher", "title_zh"):
        assert meta[field] == reference[field], field
    assert meta["original_file_name"] == "issue.txt" and meta["title_en"].casefold() == reference["title_en"].casefold()
    load_issue(copied, ProjectPaths(project))  # the sidecar verifies


def test_gazette_add_refuses_a_duplicate_and_an_unreadable_masthead(tmp_path, capsys) -> None:
    from pipeline.cli import main

    project = tmp_path / "project"
    real = REPO_ROOT / "raw/gazette/zjzfgb-2016-26.txt"
    assert main(["--root", str(project), "add", str(real)]) == 0
    before = sorted(p.name for p in (project / "raw/gazette").iterdir())
    assert main(["--root", str(project), "add", str(real)]) == 1
    assert "expected an issue that raw/gazette does not hold yet" in capsys.readouterr().err
    broken = tmp_path / "broken.txt"
    broken.write_bytes(real.read_bytes().replace("第26期 (总第1129期)".encode(), "第二十六期".encode()))
    assert main(["--root", str(project), "add", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {broken}:12: expected the year and a line 第N期(总第N期)")
    assert sorted(p.name for p in (project / "raw/gazette").iterdir()) == before


@pytest.mark.integration
def test_an_unknown_unit_publishes_provisionally_and_a_strict_build_refuses_it(tmp_path, capsys,
                                                                              monkeypatch) -> None:
    from pipeline.cli import main
    from tests.conftest import copy_project, tree_digest, write_issue

    (tmp_path / "dagster_home").mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    paths = copy_project(tmp_path / "project")
    before = tree_digest(paths)
    data = (REPO_ROOT / "raw/gazette/zjzfgb-2016-26.txt").read_bytes().replace(
        "(牵头单位:省科技厅)".encode(), "(牵头单位:省科学院)".encode())
    write_issue(paths, "zjzfgb-2016-26", data)
    assert main(["--root", str(paths.root), "build", "--strict"]) == 1
    err = capsys.readouterr().err
    assert ("\nerror: strict build: the review queue holds 1 item(s), nothing was published:\n  unknown_unit: 1\n"
            "`gazette review` lists them by the reference file to edit; `gazette review --suggest` prints the rows "
            "to add\n") in err and "[" not in err
    assert tree_digest(paths) == before  # a strict build publishes nothing while the queue is not empty
    # the refused build's queue, with what to do, although nothing was published
    assert main(["--root", str(paths.root), "review"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("== raw/reference/units.csv: 1 item(s)\nzjzfgb-2016-26:66: unknown_unit: 省科学院\n")
    assert "\n    -> " in out and out.endswith("1 item(s) in the review queue (unknown_unit 1); `gazette review "
                                                "--suggest` prints the rows to add\n")
    assert main(["--root", str(paths.root), "build"]) == 0
    review = pl.read_parquet(paths.curated / "review_items.parquet")
    assert review.select("kind", "text", "line", "occurrences").rows() == [("unknown_unit", "省科学院", 66, 1)]
    units = pl.read_parquet(paths.curated / "units.parquet")
    provisional = units.filter(pl.col("status") == "provisional").row(0, named=True)
    assert provisional["unit_id"] == provisional_unit_id("省科学院")
    assert units.filter(pl.col("status") == "provisional").height == 1
    led = pl.read_parquet(paths.curated / "task_units.parquet").filter(pl.col("name_as_written") == "省科学院")
    assert led.select("task_id", "role", "unit_id").rows() == [("zjzf-2016-24-t02-03", "lead", provisional["unit_id"])]
    capsys.readouterr()
    assert main(["--root", str(paths.root), "review"]) == 0
    assert "zjzfgb-2016-26:66: unknown_unit: 省科学院" in capsys.readouterr().out

    # the curator maps the name (a test decision, not a claim about the body): the next strict build publishes
    units_csv = paths.raw_reference / "units.csv"
    units_csv.write_text(units_csv.read_text(encoding="utf-8").replace(
        "省科技厅|省科技厅〔省知识产权局〕", "省科技厅|省科技厅〔省知识产权局〕|省科学院"), encoding="utf-8")
    assert main(["--root", str(paths.root), "build", "--strict"]) == 0
    assert pl.read_parquet(paths.curated / "review_items.parquet").height == 0
    assert pl.read_parquet(paths.curated / "units.parquet")["status"].unique().to_list() == ["curated"]
    led = pl.read_parquet(paths.curated / "task_units.parquet").filter(pl.col("name_as_written") == "省科学院")
    assert led["unit_id"].to_list() == ["zj-dept-science-technology"]


@pytest.mark.integration
def test_a_package_of_no_issue_builds_and_validates(tmp_path, monkeypatch) -> None:
    from pipeline.cli import main
    from pipeline.reference.declarations import UNITS_FILE, read
    from tests.conftest import copy_project

    (tmp_path / "dagster_home").mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    paths = copy_project(tmp_path / "project")
    for path in paths.raw_gazette.iterdir():
        path.unlink()
    assert main(["--root", str(paths.root), "build"]) == 0
    assert pl.read_parquet(paths.curated / "issues.parquet").height == 0
    curated_units = len(read(UNITS_FILE, paths.root))
    assert pl.read_parquet(paths.curated / "units.parquet").height == curated_units  # the reference rows stay
    assert main(["--root", str(paths.root), "validate"]) == 0


# ---------------------------------------------------------------- documents of other series


def _parse_second_issue(tmp_path, old: str, new: str) -> dict:
    from tests.conftest import copy_project, write_issue
    from tests.conftest import SECOND_ISSUE

    paths = copy_project(tmp_path / "project")
    text = SECOND_ISSUE.replace(old, new)
    path = write_issue(paths, "zjzfgb-2016-27", text.encode("utf-8"), cumulative_number=1130,
                       published_date="2016-10-08")
    return parse_issue(load_issue(path, paths), load_references(paths))


@pytest.mark.parametrize("series, document_id", [("浙政函", "zjzh-2016-95"), ("浙政办发明电", "zjzbfmd-2016-95")])
def test_a_document_of_a_curated_series_gets_its_stable_id(tmp_path, series, document_id) -> None:
    rows = _parse_second_issue(tmp_path, "浙政办发〔2016〕95", f"{series}〔2016〕95")
    [document] = rows["documents"]
    assert (document["document_id"], document["doc_number"]) == (document_id, f"{series}〔2016〕95号")
    assert rows["toc_entries"][0]["doc_number"] == f"{series}〔2016〕95号"
    assert {r["kind"] for r in rows["review_items"]} == {"missing_translation", "default_task_scope"}


def test_a_document_of_an_unknown_series_gets_a_provisional_id_and_a_review_item(tmp_path) -> None:
    import hashlib

    rows = _parse_second_issue(tmp_path, "浙政办发〔2016〕95", "浙府办便函〔2016〕95")
    [document] = rows["documents"]
    provisional = "x" + hashlib.sha256("浙府办便函".encode()).hexdigest()[:6] + "-2016-95"
    assert document["document_id"] == provisional
    assert {r["section_id"].rsplit("-p", 1)[0] for r in rows["sections"]} == {provisional}
    [item] = [r for r in rows["review_items"] if r["kind"] == "unknown_document_series"]
    assert (item["text"], item["line"], item["document_id"]) == ("浙府办便函〔2016〕95号", 20, provisional)
