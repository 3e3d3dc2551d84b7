"""curated/index.html and its charts: pure rendering checked on the published tables (no browser here)."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import matplotlib
import polars as pl
import pytest
from matplotlib import font_manager

from pipeline.base.changelog import release_version
from pipeline.base.paths import REPO_ROOT
from pipeline.publish import chart_data, chart_labels, charts
from pipeline.publish import browser
from pipeline.publish.catalog import render_catalog, write_catalog
from pipeline.publish.catalog_sections import report_status
from pipeline.schema.registry import TABLES

CURATED = REPO_ROOT / "curated"
#: The checkout's release, which a build passes to the writers (``base.changelog.release_version``).
VERSION = release_version(REPO_ROOT)
PUBLISHED = tuple(t for t in TABLES if (CURATED / f"{t.name}.parquet").exists())

#: Tables whose frames a test replaces by made-up ones (so the registry's table sections are left out too).
WITHOUT_TARGETS = tuple(t for t in PUBLISHED if t.name not in {"targets", "number_mentions"})
WITHOUT_FINDINGS = tuple(t for t in PUBLISHED if t.name != "findings")


@pytest.fixture(scope="module")
def frames() -> dict[str, pl.DataFrame]:
    """The real issue's rows of the published package (tests/support/package.py)."""
    from tests.support.package import real_issue_frames

    return real_issue_frames()


@pytest.fixture(scope="module")
def bare_frames(frames) -> dict[str, pl.DataFrame]:
    """The published tables without targets, findings, unit_collaborations and target_comparisons (as before those
    existed)."""
    return {k: v for k, v in frames.items() if k not in {"targets", "number_mentions", "findings",
                                                          "unit_collaborations", "target_comparisons"}}


@pytest.fixture(scope="module")
def page(frames) -> str:
    return render_catalog(PUBLISHED, frames, None, version=VERSION)


# ---------------------------------------------------------------------------------------------- data behind charts

def test_rd_spending_by_city_is_the_attachment_table(frames):
    rd = chart_data.indicator_by_city(frames, "rd_expenditure")
    assert rd.height == 55 and "330000" not in rd["region_code"].to_list()  # 11 cities x 2016-2020
    values = {(r["region_code"], r["year"]): r["value"] for r in rd.iter_rows(named=True)}
    assert values[("330100", 2016)] == 336 and values[("330100", 2020)] == 511  # 杭州, raw line 139
    assert values[("331100", 2020)] == 27  # 丽水
    high_tech = chart_data.indicator_by_city(frames, "high_tech_industry_value_added")
    assert {(r["region_code"], r["year"]): r["value"] for r in high_tech.iter_rows(named=True)}[("330100", 2020)] == 1696


def test_lead_counts_name_the_units_that_lead_most(frames):
    counts = chart_data.lead_counts(frames["task_units"], frames["units"])
    top = counts.head(3).select("unit_id", "name_zh", "lead", "participant").rows()
    assert top == [("zj-dept-science-technology", "省科技厅", 20, 4), ("zj-dept-commerce", "省商务厅", 14, 6),
                   ("zj-comm-development-reform", "省发展改革委", 7, 11)]
    assert counts["lead"].sum() == frames["task_units"].filter(pl.col("role") == "lead").height


def test_collaborations_from_co_assignment(frames):
    pairs = chart_data.collaborations(frames["task_units"])
    assert pairs.height == 259
    assert pairs.row(0) == ("zj-comm-economy-informatization", "zj-dept-science-technology", 15)
    assert (pairs["unit_a"] < pairs["unit_b"]).all()


def test_unit_collaborations_table_is_used_when_present(frames):
    table = pl.DataFrame({"unit_a": ["zj-dept-commerce"], "unit_b": ["zj-dept-finance"], "shared_tasks": [3],
                          "lead_lead": [0]})
    edges = chart_data.collaboration_edges({**frames, "unit_collaborations": table})
    assert edges.rows() == [("zj-dept-commerce", "zj-dept-finance", 3)]


def test_short_english_names():
    assert chart_labels.short_en("Department of Science and Technology of Zhejiang Province") == \
        "Dept. of Science & Technology"
    assert chart_labels.short_en("Hangzhou Municipal People's Government") == "Hangzhou Municipal Gov."
    assert chart_labels.short_en(None) == ""
    long = "Hangzhou Central Sub-branch of the People's Bank of China"
    assert chart_labels.short_en(long) == long  # abbreviated where a word has a short form, never cut


def test_unit_labels_wrap_and_are_never_cut():
    unit = {"name_zh": "省科技厅", "name_en": "Department of Science and Technology of Zhejiang Province"}
    assert chart_labels.unit_label_lines(unit, 48) == ["省科技厅 Dept. of Science & Technology"]
    collective = {"name_zh": "省推进杭州城西科创大走廊建设联席会议其他成员单位",
                  "name_en": "Other Member Units of the Provincial Joint Conference on Building the Hangzhou West "
                             "Science and Technology Innovation Corridor"}
    lines = chart_labels.unit_label_lines(collective, 30)
    assert lines == ["省推进杭州城西科创大走廊建设联", "席会议其他成员单位", "Other Member Units of the",
                     "Provincial Joint Conference on", "Building the Hangzhou West", "Science & Technology",
                     "Innovation Corridor"]
    assert all(chart_labels.text_width(line) <= 30 and "…" not in line for line in lines)
    assert chart_labels.wrap("a bb", 1) == ["a", "b", "b"]  # a word wider than the line breaks, nothing dropped
    assert chart_labels.unit_label_lines({"name_zh": "甲", "name_en": None}, 1) == ["甲"]  # wider than width


def test_no_chart_label_is_cut(frames):
    svg = charts.lead_units_chart(frames) + charts.collaboration_network_chart(frames)
    assert "…" not in svg
    assert "Branch of the State Admin. of Foreign Exchange" in svg  # was 'Branch of the State Admin. of…'


def test_prose_targets_against_the_tables(frames):
    compared, note = chart_data.target_comparison(frames)
    assert note == ""
    rows = {r["target_id"]: r for r in compared.to_dicts()}
    # 浙政发〔2016〕24号 一(二)总体目标 (line 56) and the 2016 targets, linked to 附件1
    assert set(rows) == {"zjzf-2016-24-g002", "zjzf-2016-24-g003", "zjzf-2016-24-g008", "zjzf-2016-24-g012",
                         "zjzf-2016-24-g013"}
    assert rows["zjzf-2016-24-g002"]["prose"] == "≥45.6万人年"  # 研发人员数达45.6万人年
    assert rows["zjzf-2016-24-g002"]["prose_value"] == 456000
    assert rows["zjzf-2016-24-g002"]["table_value"] == 456638
    assert rows["zjzf-2016-24-g002"]["difference_pct"] == -0.139717  # target_comparisons.difference_pct
    assert rows["zjzf-2016-24-g002"]["label"] == "全省 2020 研发人员数 · R&D personnel"
    assert rows["zjzf-2016-24-g003"]["table_value"] == 7215 and rows["zjzf-2016-24-g003"]["prose"] == "≥7200亿元"
    assert rows["zjzf-2016-24-g012"]["prose_value"] == rows["zjzf-2016-24-g012"]["table_value"] == 1500
    assert not any(r["disagrees"] for r in rows.values())


def test_the_targets_chart_draws_the_table_it_is_given(frames):
    """The chart draws target_comparisons as it is: a row whose status is contradicts is red, whatever the
    other tables say; rows that compare no value (a rate) are not drawn."""
    table = frames["target_comparisons"].with_columns(
        status=pl.when(pl.col("target_id") == "zjzf-2016-24-g003").then(pl.lit("contradicts"))
        .when(pl.col("target_id") == "zjzf-2016-24-g013").then(pl.lit("rate_target")).otherwise(pl.col("status")))
    flagged = chart_data.target_comparison({**frames, "target_comparisons": table})[0]
    assert flagged.filter(pl.col("disagrees"))["target_id"].to_list() == ["zjzf-2016-24-g003"]
    assert "zjzf-2016-24-g013" not in flagged["target_id"].to_list()
    svg, _ = charts.targets_chart({**frames, "target_comparisons": table})
    assert svg.count('fill: #c23b22') >= 1 and "red: listed in findings" in svg
    assert 'fill: #c23b22' not in charts.targets_chart(frames)[0]
    none = table.with_columns(status=pl.lit("no_table_value"))
    assert charts.targets_chart({**frames, "target_comparisons": none}) == (
        None, "no prose target restates a value of the indicator tables (same indicator, region and year).")


def test_the_targets_chart_shows_a_bounded_number_of_rows_contradictions_first(frames):
    """A package of many issues compares thousands of targets: the chart draws at most TARGET_CHART_ROWS of them,
    every contradiction first, and its title and note say how many of how many."""
    real = frames["target_comparisons"].filter(pl.col("target_id") == "zjzf-2016-24-g002")
    many = pl.concat([real.with_columns(target_id=pl.lit(f"doc-g{i:03d}"),
                                        status=pl.lit("contradicts" if i % 20 == 19 else "consistent"))
                      for i in range(100)])
    shown, note = chart_data.target_comparison({**frames, "target_comparisons": many})
    assert shown.height == chart_data.TARGET_CHART_ROWS == 40
    contradicting = [f"doc-g{i:03d}" for i in range(19, 100, 20)]
    assert shown.filter(pl.col("disagrees"))["target_id"].to_list() == contradicting  # all five kept
    assert shown["target_id"].to_list() == sorted(shown["target_id"].to_list())
    assert shown["target_id"].to_list()[:3] == ["doc-g000", "doc-g001", "doc-g002"]
    assert note == "40 of 100 compared targets shown (every contradiction first); all are in target_comparisons"
    svg, chart_note = charts.targets_chart({**frames, "target_comparisons": many})
    assert chart_note == note and "40 of 100 compared targets shown" in svg
    assert svg.count("正文 prose") == 40


def test_targets_chart_is_omitted_with_a_note_without_targets(bare_frames):
    svg, note = charts.targets_chart(bare_frames)
    assert svg is None and "no target_comparisons table" in note


# ---------------------------------------------------------------------------------------------- SVG

def test_charts_measure_text_with_matplotlibs_own_font_only():
    path = Path(font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans")))
    assert Path(matplotlib.get_data_path()) in path.parents  # installed fonts cannot change the bytes


def test_svg_keeps_text_as_text_with_bilingual_labels(frames):
    svg = charts.lead_units_chart(frames)
    assert svg.startswith("<svg ") and 'role="img"' in svg and "<metadata>" not in svg
    assert "<text" in svg and "<path" in svg and "DejaVuSans" not in svg  # no glyph outlines
    assert "省科技厅 Dept. of Science &amp; Technology" in svg
    assert "20 / 4" in svg  # 省科技厅 leads 20 tasks and joins 4
    city = charts.indicators_by_city_chart(frames)
    assert "杭州 Hangzhou" in city and "丽水 Lishui" in city
    assert "全省 Zhejiang: 1,126 (2016) → 1,744 (2020)" in city  # province R&D 亿元
    network = charts.collaboration_network_chart(frames)
    assert "单位协作网络" in network and "Collaboration network of units" in network
    assert network.count("<text") >= 36  # one label per unit on the circle


def test_svg_ids_are_prefixed_and_unique_across_the_page(frames):
    page = render_catalog(PUBLISHED, frames, None, version=VERSION)
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    for ref in set(re.findall(r'(?:url\(#|href="#)([^)"]+)', page)):
        assert ref in ids, ref


# ---------------------------------------------------------------------------------------------- page

def test_page_lists_every_table_with_description_rows_columns_and_links(page, frames):
    for table in PUBLISHED:
        section = re.search(rf'<section class="table-entry" id="table-{table.name}".*?</section>', page, re.S)
        assert section, table.name
        html = section.group(0)
        assert escape(table.description) in html
        assert f'data-rows="{frames[table.name].height}"' in html
        assert f'<a href="{table.name}.csv">' in html and f'<a href="{table.name}.parquet">' in html
        for field in table.fields:
            assert f"<td><code>{field.name}</code></td><td>{field.type}</td>" in html
    assert 'data-rows="540"' in page  # indicator_values
    assert '<a href="gazette.xlsx">' in page and '<a href="../datapackage.json">' in page


def test_page_requests_nothing_from_the_network(page):
    # Two script elements only: the data (JSON, not executed) and the browser, allowed by its hash in the CSP.
    assert re.findall(r"<script[^>]*>", page) == ['<script type="application/json" id="gazette-data">', "<script>"]
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert f"script-src {browser.script_hash()};" in page and "'unsafe-inline'; img-src" in page
    assert "script-src 'unsafe-inline'" not in page and " on" + "click=" not in page
    assert not re.search(r'\b(?:src|href)="(?:https?:)?//', page)
    assert not re.search(r"url\((?!#)", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert '"Noto Sans CJK SC"' in page and "sans-serif" in page  # CJK fallbacks in the font stack


def test_page_has_the_charts_and_notes_when_parts_are_missing(bare_frames):
    page = render_catalog(tuple(t for t in PUBLISHED if t.name in bare_frames), bare_frames, None, version=VERSION)
    assert page.count('<figure class="chart"') == 3
    assert 'id="fig-targets"' in page and "Chart of prose targets against the tables omitted" in page
    assert "no validation report" in page and "This package has no findings table." in page


def test_page_with_targets_findings_and_a_report(frames):
    findings = pl.DataFrame({"finding_id": ["sum-rd_expenditure-2016"], "rule": ["province_sum"],
                             "message": ["研究与试验发展经费支出 2016: 全省 printed 1126, the cities add up to 1116"]})
    report = {"summary": {"passed": False, "suites": 12, "suites_passed": 11},
              "checks": [{"name": "foreign_keys", "passed": True, "description": "every FK resolves",
                          "messages": []}],
              "suites": [{"table": "issues", "passed": False, "expectations": [{}, {}],
                          "failures": {"critical": 1, "warning": 0, "info": 0}}]}
    page = render_catalog(WITHOUT_FINDINGS, {**frames, "findings": findings}, report, version=VERSION)
    if "targets" in frames:
        assert page.count('<figure class="chart"') == 4 and '<figure class="chart-omitted"' not in page
        assert "正文 prose ≥45.6万人年 = 456,000" in page
    assert '<span class="status bad">failed 校验未通过</span>' in page
    assert ('<td class="c-name">foreign_keys</td><td class="c-passed">yes</td>'
            '<td class="c-description">every FK resolves</td><td class="c-messages">0</td>') in page
    assert "critical: 1, warning: 0, info: 0" in page
    assert "the cities add up to 1116" in page  # findings messages are shown whole


def test_report_status_reads_the_summary_or_top_level_flags():
    assert report_status(None)[0] == "unknown"
    assert report_status({"summary": {"passed": True}}) == ("ok", "passed 校验通过")
    assert report_status({"valid": False})[0] == "bad"
    assert report_status({"status": "passed"}) == ("ok", "passed")
    assert report_status({"something": 1})[0] == "unknown"


def test_catalog_is_deterministic_and_reads_the_report_next_to_it(frames, page, tmp_path):
    assert render_catalog(PUBLISHED, frames, None, version=VERSION) == page
    path = write_catalog(PUBLISHED, frames, tmp_path, version=VERSION)
    assert path.read_text(encoding="utf-8") == page
    (tmp_path / "validation_report.json").write_text('{"summary": {"passed": true}}', encoding="utf-8")
    assert "passed 校验通过" in write_catalog(PUBLISHED, frames, tmp_path, version=VERSION).read_text(encoding="utf-8")



def test_the_page_names_the_release_it_is_given(frames, tmp_path):
    """The version is the caller's (a build passes its project's CHANGELOG release), in the page and its file."""
    assert f"<code>zjzfgb-gazette</code> {VERSION} · " in render_catalog(PUBLISHED, frames, None, version=VERSION)
    page = render_catalog(PUBLISHED, frames, None, version="9.8.7")
    assert "<code>zjzfgb-gazette</code> 9.8.7 · " in page and f"</code> {VERSION} · " not in page
    written = write_catalog(PUBLISHED, frames, tmp_path, version="9.8.7").read_text(encoding="utf-8")
    assert written == page

@pytest.mark.integration
def test_catalog_bytes_do_not_depend_on_the_interpreter_run(frames, page, tmp_path):
    """A fresh interpreter with another hash seed renders the same page (CI rebuilds and compares bytes)."""
    import os
    import subprocess
    import sys

    script = ("import sys, polars as pl; from pathlib import Path; from pipeline.schema.registry import TABLES; "
              "from pipeline.publish.catalog import write_catalog; c = Path(sys.argv[1]); "
              "ts = [t for t in TABLES if (c / f'{t.name}.parquet').exists()]; "
              "write_catalog(ts, {t.name: pl.read_parquet(c / f'{t.name}.parquet') for t in ts}, Path(sys.argv[2]), "
              "{'summary': {'passed': True}}, version=sys.argv[3])")
    subprocess.run([sys.executable, "-c", script, str(CURATED), str(tmp_path), VERSION], check=True, cwd=REPO_ROOT,
                   env={**os.environ, "PYTHONHASHSEED": "4242"})
    expected = render_catalog(PUBLISHED, frames, {"summary": {"passed": True}}, version=VERSION)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == expected


def test_the_review_queue_has_its_section():
    import polars as pl

    from pipeline.publish.catalog_sections import review_section
    from pipeline.schema.tables_review import REVIEW_ITEMS

    assert "The review queue is empty" in review_section({"review_items": pl.DataFrame(schema=REVIEW_ITEMS.polars_schema())})
    item = {"issue_id": "zjzfgb-2016-27", "kind": "unknown_unit", "text": "<b>省大数据局</b>", "document_id": None,
            "line": 98, "occurrences": 3, "detail": "d", "suggested_action": "add the alias"}
    html = review_section({"review_items": pl.DataFrame([item], schema=REVIEW_ITEMS.polars_schema())})
    assert "1 item(s)" in html and "共 1 项" in html and "&lt;b&gt;省大数据局&lt;/b&gt;" in html and "<b>" not in html


def test_sections_list_at_most_section_max_rows_and_say_where_the_rest_is(frames):
    """Past ``SECTION_MAX_ROWS`` the findings section lists the first rows in published order and says how many
    there are and where every row is; below it, every row is listed and nothing is said."""
    from pipeline.publish.catalog_sections import SECTION_MAX_ROWS, findings_section

    assert SECTION_MAX_ROWS == 1_000
    many = pl.DataFrame({"finding_id": [f"f-{i:05d}" for i in range(1_234)], "rule": ["province_sum"] * 1_234,
                         "message": [f"message {i}" for i in range(1_234)]})
    html = findings_section({"findings": many}, None)
    assert "<p>1234 places where the printed numbers contradict" in html
    assert ("Only the first 1,000 of 1,234 findings are listed here (this page lists at most 1,000); browse every "
            'row in the <a href="#browse" data-browse="findings">data browser</a>') in html
    assert '<a href="findings.csv">findings.csv</a>' in html
    assert html.count("<tr>") == 1 + 1_000 and "f-00999" in html and "f-01000" not in html
    whole = findings_section({"findings": many.head(1_000)}, None)
    assert whole.count("<tr>") == 1 + 1_000 and "Only the first" not in whole
    # a report that lists only its first findings (frames without the table): the page says so too
    report = {"findings": {"total": 5_000, "columns": ["finding_id", "message"],
                           "rows": [{"finding_id": "f-1", "message": "m"}]}}
    html = findings_section({}, report)
    assert "<p>5000 places" in html and "Only the first 1 of 5,000 findings are listed here" in html


def test_the_data_block_is_written_in_pieces_that_join_to_its_json():
    """A page of many issues is never one string: its data block's JSON is made one table and one source at a
    time, and the pieces joined are exactly ``safe_json`` of the whole, script-safe escapes included."""
    data = {"embed_max_rows": 2, "tables": [{"name": "t", "rows": [["a</script>", 1.5]]}, {"name": "u"}],
            "sources": {"raw/gazette/a.txt": ["浙政发〔2016〕24号", "x & y\u2028"], "raw/gazette/b.txt": []}}
    parts = list(browser.data_json_parts(data))
    assert "".join(parts) == browser.safe_json(data)
    assert len(parts) > 5 and max(map(len, parts)) < len(browser.safe_json(data)) / 2
    assert "</script>" not in "".join(parts) and any("a\\u003c/script\\u003e" in p for p in parts)
    assert "".join(browser.section_parts(data)) == browser.section(data)
