"""The catalog page in a real browser: Debian's headless Chromium, driven by selenium through chromedriver.

Checks that every chart (inline SVG) and every table renders with a size, that the data browser finds, filters
and traces rows (search 省科技厅, a column filter, a row's raw line, linked rows through the foreign keys), that
the page does not overflow a 1366 px window, that source text holding markup shows as text (no alert, no
element), that no request leaves the machine (Chrome DevTools Protocol network events from chromedriver's
performance log, plus the page's own resource timing), and saves screenshots under test-output/ for a reviewer. Nothing is downloaded: selenium is given
/usr/bin/chromium and /usr/bin/chromedriver, so its driver manager never runs. Skipped only when Debian's
``chromium`` / ``chromium-driver`` packages are not installed (CI installs them).
"""

from __future__ import annotations

import base64
import json
import shutil
import tempfile
import time
from pathlib import Path

import polars as pl
import pytest

from pipeline.base.changelog import release_version
from pipeline.base.paths import REPO_ROOT
from pipeline.publish.catalog import read_report, write_catalog
from pipeline.schema.registry import TABLES

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CURATED = REPO_ROOT / "curated"
OUTPUT = REPO_ROOT / "test-output"
PUBLISHED = tuple(t for t in TABLES if (CURATED / f"{t.name}.parquet").exists())
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1366,2400")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="Debian's chromium and chromium-driver are not installed (/usr/bin/chromium, /usr/bin/chromedriver); "
           "`apt-get install -y chromium chromium-driver fonts-noto-cjk` (CI does)")


@pytest.fixture(scope="module")
def page_path(tmp_path_factory) -> Path:
    """The catalog built from the real issue's rows of the published tables (and the report, if any) into a
    temporary curated folder."""
    frames = _frames()
    return write_catalog(PUBLISHED, frames, tmp_path_factory.mktemp("curated"), read_report(CURATED),
                         source_root=REPO_ROOT, version=release_version(REPO_ROOT))


@pytest.fixture(scope="module")
def browser():
    # Service(executable_path=...) makes selenium skip its Selenium Manager, which would otherwise fetch drivers.
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def loaded(browser, page_path):
    browser.get_log("performance")  # drop the events of the start page, so only this page's requests remain
    started = time.monotonic()
    browser.get(page_path.as_uri())
    state = browser.execute_script("return document.readyState")
    elapsed = time.monotonic() - started
    assert state == "complete"
    return {"driver": browser, "elapsed": elapsed, "url": page_path.as_uri()}


def _requests(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_every_chart_renders_as_svg_with_text(loaded):
    charts = loaded["driver"].execute_script("""
        return [...document.querySelectorAll('figure.chart')].map(f => {
            const svg = f.querySelector('svg'); const box = svg ? svg.getBoundingClientRect() : null;
            const texts = svg ? [...svg.querySelectorAll('text')] : [];
            return {id: f.id, width: box ? box.width : 0, height: box ? box.height : 0, texts: texts.length,
                    drawn: texts.filter(t => t.getBBox().width > 0).length,
                    cjk: texts.filter(t => /[\\u4e00-\\u9fff]/.test(t.textContent)).length};
        });""")
    ids = [c["id"] for c in charts]
    assert {"fig-city-indicators", "fig-lead-units", "fig-collaboration"} <= set(ids)
    for chart in charts:
        assert chart["width"] > 800 and chart["height"] > 200, chart
        assert chart["texts"] >= 10 and chart["drawn"] == chart["texts"], chart  # every label has a width
        assert chart["cjk"] >= 1, chart  # Chinese labels are there as text


def test_every_table_renders_with_its_columns(loaded):
    tables = loaded["driver"].execute_script("""
        return [...document.querySelectorAll('section.table-entry')].map(s => ({
            name: s.dataset.table, rows: s.querySelector('.rows').dataset.rows,
            columns: s.querySelectorAll('table.columns tbody tr').length,
            height: s.querySelector('table.columns').getBoundingClientRect().height,
            csv: s.querySelector('a[href$=".csv"]').getAttribute('href')}));""")
    assert [t["name"] for t in tables] == [t.name for t in PUBLISHED]
    for table, shown in zip(PUBLISHED, tables):
        assert shown["columns"] == len(table.fields) and shown["height"] > 40, shown
        assert shown["csv"] == f"{table.name}.csv"
    assert {t["name"]: int(t["rows"]) for t in tables}["indicator_values"] == 540


def test_no_request_leaves_the_machine(loaded):
    driver = loaded["driver"]
    urls = _requests(driver)
    assert urls, "the performance log recorded no request at all (not even the page itself)"
    assert loaded["url"] in urls
    assert [u for u in urls if not u.startswith(("file:", "data:", "about:"))] == []
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []  # a blocked fetch would show here as a CSP violation


def test_the_request_check_does_see_requests(loaded, tmp_path):
    """Control: a page that does fetch something (loopback, nothing listens on port 9) is caught by the log."""
    driver = loaded["driver"]
    probe = tmp_path / "probe.html"
    probe.write_text('<!DOCTYPE html><img src="http://127.0.0.1:9/probe.png">', encoding="utf-8")
    driver.get_log("performance")
    driver.get(probe.as_uri())
    assert "http://127.0.0.1:9/probe.png" in _requests(driver)
    driver.get(loaded["url"])  # leave the catalog loaded for the screenshots


def test_screenshots_for_the_reviewer(loaded):
    driver = loaded["driver"]
    OUTPUT.mkdir(exist_ok=True)
    top = OUTPUT / "catalog-top.png"
    driver.save_screenshot(str(top))
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    width, height = metrics["cssContentSize"]["width"], metrics["cssContentSize"]["height"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    full = OUTPUT / "catalog-full.png"
    full.write_bytes(base64.b64decode(shot["data"]))
    charts_box = driver.execute_script(
        "const r = document.getElementById('charts').getBoundingClientRect();"
        "return {y: r.top + window.scrollY, height: r.height};")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": charts_box["y"], "width": width, "height": charts_box["height"], "scale": 1}})
    (OUTPUT / "catalog-charts.png").write_bytes(base64.b64decode(shot["data"]))
    assert top.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and full.stat().st_size > 50_000
    print(f"\ncatalog loaded in {loaded['elapsed']:.2f} s; screenshots in {OUTPUT}")


# ---------------------------------------------------------------------------------------------- the data browser

def _frames() -> dict[str, pl.DataFrame]:
    """The real issue's rows of the published package (tests/support/package.py)."""
    from tests.support.package import real_issue_frames

    return real_issue_frames()


def _raw_lines() -> list[str]:
    [source_path] = pl.read_parquet(CURATED / "issues.parquet")["source_path"].to_list()
    return (REPO_ROOT / source_path).read_text(encoding="utf-8").split("\n")


#: JavaScript: index of the row's identifying cell, the first column other than issue_id (which every row
#: parsed from an issue starts with).
KEY_CELL = ("const key = [...document.querySelectorAll('#b-grid thead tr:first-child th')]"
            ".findIndex(th => th.textContent !== 'issue_id');")


def _shown(driver) -> dict:
    return driver.execute_script(KEY_CELL + """
        const rows = [...document.querySelectorAll('#b-grid tbody tr')];
        return {count: document.getElementById('b-count').textContent, table: document.getElementById('b-table').value,
                first: rows.map(r => r.cells[key].textContent), n: rows.length};""")


def _open(driver, table: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", "b-table")).select_by_value(table)
    driver.find_element("id", "b-clear").click()


def _search(driver, text: str) -> None:
    box = driver.find_element("id", "b-search")
    box.clear()
    box.send_keys(text)


def _detail(driver) -> dict:
    return driver.execute_script("""
        const d = document.getElementById('b-detail');
        return {hidden: d.hidden, title: d.querySelector('h3') ? d.querySelector('h3').textContent : '',
                lines: [...d.querySelectorAll('pre.b-lines .b-line')].map(l => l.textContent),
                groups: Object.fromEntries([...d.querySelectorAll('.b-linked')].map(g =>
                    [g.querySelector('h5').textContent, [...g.querySelectorAll('li a')].map(a => a.textContent)])),
                items: Object.fromEntries([...d.querySelectorAll('.b-linked')].map(g =>
                    [g.querySelector('h5').textContent, [...g.querySelectorAll('li')].map(li => li.textContent)]))};""")


def _click_row(driver, first_cell: str) -> None:
    row = driver.execute_script(
        KEY_CELL + "return [...document.querySelectorAll('#b-grid tbody tr')]"
        ".find(r => r.cells[key].textContent === arguments[0]);", first_cell)
    assert row is not None, first_cell
    row.click()


def test_search_for_a_unit_shows_its_tasks(loaded):
    driver = loaded["driver"]
    _open(driver, "tasks")
    assert _shown(driver)["count"].startswith("62 of 62")
    _search(driver, "省科技厅")
    shown = _shown(driver)
    task_units = pl.read_parquet(CURATED / "task_units.parquet")
    led_or_joined = set(task_units.filter(pl.col("unit_id") == "zj-dept-science-technology")["task_id"])
    assert shown["count"].startswith("24 of 62") and set(shown["first"]) == led_or_joined
    assert "zjzf-2016-24-t02-01" in shown["first"]  # 省科技厅 leads task 二(一) of 浙政发〔2016〕24号 (line 60)


def test_a_column_filter_narrows_the_rows(loaded):
    from selenium.webdriver.support.ui import Select

    driver = loaded["driver"]
    _open(driver, "tasks")
    select = driver.find_element("css selector", 'tr.b-filters th[data-column="document_id"] select')
    Select(select).select_by_value("zjzf-2016-25")
    shown = _shown(driver)
    assert shown["count"].startswith("20 of 62")  # the 20 measures of 浙政发〔2016〕25号
    assert all(t.startswith("zjzf-2016-25-t") for t in shown["first"])
    _open(driver, "indicator_values")  # a range filter on a number column
    low, high = driver.find_elements("css selector", 'tr.b-filters th[data-column="year"] input')
    low.send_keys("2020")
    high.send_keys("2020")
    assert _shown(driver)["count"].startswith("108 of 540")  # nine indicators x 12 regions in 2020
    assert _active(driver) == "筛选 Filtered by: 2020 ≤ year ≤ 2020"
    driver.find_element("id", "b-clear").click()
    assert _active(driver) is None


def _active(driver) -> str | None:
    """The filter summary above the table (None while it is hidden)."""
    return driver.execute_script("const p = document.getElementById('b-active'); return p.hidden ? null : p.textContent;")


def test_a_filter_on_a_column_out_of_view_is_named_above_the_table(loaded):
    from selenium.webdriver.support.ui import Select

    driver = loaded["driver"]
    _open(driver, "review_items")
    assert _active(driver) is None
    _open(driver, "number_mentions")
    column = driver.find_element("css selector", 'tr.b-filters th[data-column="classification"]')
    Select(column.find_element("css selector", "select")).select_by_value("target")
    scroller = driver.find_element("css selector", ".b-scroll")
    driver.execute_script("arguments[0].scrollLeft = 0", scroller)
    visible = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(), s = arguments[1].getBoundingClientRect();"
        "return r.left < s.right && r.right > s.left;", column, scroller)
    summary = driver.find_element("id", "b-active")
    assert summary.is_displayed() and _active(driver) == "筛选 Filtered by: classification = target"
    assert not visible or summary.location["y"] < scroller.location["y"]  # above the table, seen either way


def test_a_row_shows_its_raw_line_and_linked_rows(loaded):
    driver = loaded["driver"]
    lines = _raw_lines()
    _open(driver, "tasks")
    _search(driver, "zjzf-2016-24-t02-01")
    _click_row(driver, "zjzf-2016-24-t02-01")
    detail = _detail(driver)
    task = pl.read_parquet(CURATED / "tasks.parquet").filter(pl.col("task_id") == "zjzf-2016-24-t02-01").row(0, named=True)
    assert not detail["hidden"] and detail["title"] == "tasks zjzf-2016-24-t02-01"
    span = range(task["line_start"], task["line_end"] + 1)
    assert detail["lines"] == [f"{n}{lines[n - 1]}" for n in span]
    assert any("省科技厅" in line for line in detail["lines"])
    units = detail["groups"]["← task_units (task_id) (%d)" % len(
        pl.read_parquet(CURATED / "task_units.parquet").filter(pl.col("task_id") == "zjzf-2016-24-t02-01"))]
    assert "task_units zjzf-2016-24-t02-01 · lead · 1" in units
    items = next(v for k, v in detail["items"].items() if k.startswith("← task_units"))
    assert "task_units zjzf-2016-24-t02-01 · lead · 1 lead · 省科技厅" in items  # the unit by name (line 60)
    assert "→ documents (document_id) (1)" in detail["groups"]

    # a unit shows its tasks (through task_units), an indicator its values, and a table row its raw line
    _open(driver, "units")
    _search(driver, "省科技厅")
    _click_row(driver, "zj-dept-science-technology")
    detail = _detail(driver)
    assert len(detail["groups"]["⇢ tasks via task_units (task_id) (24)"]) == 24
    _open(driver, "indicators")
    _click_row(driver, "rd_expenditure")
    groups = _detail(driver)["groups"]
    values = groups["← indicator_values (document_id, indicator_id) (60)"]  # 12 regions x 5 years
    label = "indicator_values zjzf-2016-24 · rd_expenditure · 330100 · 2020"
    assert label in values
    driver.execute_script("[...document.querySelectorAll('#b-detail .b-linked a')]"
                          f".find(a => a.textContent === '{label}').click()")
    detail = _detail(driver)
    assert detail["title"] == label
    assert detail["lines"] == [f"139{lines[138]}"] and lines[138].split("\t")[:3] == ["杭州", "亿元", "336"]
    OUTPUT.mkdir(exist_ok=True)
    driver.execute_script("document.getElementById('browse').scrollIntoView()")
    driver.save_screenshot(str(OUTPUT / "catalog-browser.png"))


def test_no_horizontal_overflow_at_1366(loaded):
    driver = loaded["driver"]
    driver.set_window_size(1366, 900)
    try:
        for table in ("tasks", "sections", "findings", "unit_collaborations"):
            _open(driver, table)
            _click_row(driver, _shown(driver)["first"][0])
            width = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1] == 1366, (table, width)
        driver.save_screenshot(str(OUTPUT / "catalog-1366.png"))
    finally:
        driver.set_window_size(1366, 2400)


INJECTIONS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</table>", "</script><b>x</b>",
              "\u2028&amp;")


def _no_alert(driver) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        driver.switch_to.alert.accept()
    except NoAlertPresentException:
        return True
    return False


def test_markup_in_the_source_shows_as_text(browser, tmp_path):
    """Injection strings in a raw line, a task title, a unit name and a finding: text on the page, nothing run."""
    from pipeline.publish.catalog import render_catalog
    from pipeline.publish.report import render_html

    frames = _frames()
    payload = " ".join(INJECTIONS)
    lines = _raw_lines()
    lines[59] = lines[59] + payload  # line 60: the clause of task 二(一)
    [source_path] = frames["issues"]["source_path"].to_list()
    frames["tasks"] = frames["tasks"].with_columns(
        pl.when(pl.col("task_id") == "zjzf-2016-24-t02-01").then(pl.lit(payload)).otherwise(pl.col("title")).alias("title"))
    frames["units"] = frames["units"].with_columns(pl.lit(payload).alias("name_en"))
    frames["findings"] = frames["findings"].with_columns(pl.lit(payload).alias("message"))
    page = tmp_path / "index.html"
    page.write_text(render_catalog(PUBLISHED, frames, read_report(CURATED), {source_path: "\n".join(lines) + "\n"},
                                   version=release_version(REPO_ROOT)),
                    encoding="utf-8")
    report = json.loads((CURATED / "validation_report.json").read_text(encoding="utf-8"))
    for row in report["findings"]["rows"]:
        row["message"] = payload
    report_page = tmp_path / "validation_report.html"
    report_page.write_text(render_html(report), encoding="utf-8")

    browser.get(page.as_uri())
    assert _no_alert(browser)
    _open(browser, "tasks")
    _search(browser, "zjzf-2016-24-t02-01")
    _click_row(browser, "zjzf-2016-24-t02-01")
    detail = _detail(browser)
    assert any(line.endswith(payload) for line in detail["lines"])
    state = browser.execute_script("""
        return {imgs: document.querySelectorAll('img').length, bold: document.querySelectorAll('b').length,
                scripts: document.scripts.length, sections: document.querySelectorAll('section').length,
                findings: document.querySelectorAll('table.findings tbody tr').length,
                kv: [...document.querySelectorAll('#b-detail table.b-kv td')].map(t => t.textContent),
                grid: document.querySelector('#b-grid tbody tr').cells[5].textContent};""")  # cell 5: the task title
    assert state["imgs"] == 0 and state["bold"] == 0 and state["scripts"] == 2
    assert state["findings"] == frames["findings"].height and state["sections"] >= 20
    assert payload in state["kv"] and state["grid"] == payload
    assert _no_alert(browser)
    browser.save_screenshot(str(OUTPUT / "catalog-injection.png"))

    browser.get(report_page.as_uri())
    assert _no_alert(browser)
    state = browser.execute_script("""
        const t = document.querySelector('table.findings');
        return {imgs: document.querySelectorAll('img').length, scripts: document.scripts.length,
                rows: t.querySelectorAll('tbody tr').length, last: t.querySelector('tbody tr').lastElementChild.className,
                message: t.querySelector('td.c-message').textContent};""")
    assert state == {"imgs": 0, "scripts": 0, "rows": len(report["findings"]["rows"]), "last": "num c-line_end",
                     "message": payload}
    browser.save_screenshot(str(OUTPUT / "report-injection.png"))


def test_large_tables_are_loaded_lazily_from_files(browser, tmp_path):
    """Above the embedding limit a table is written to browser/<table>.js and loaded when opened (file://)."""
    frames = _frames()
    page = write_catalog(PUBLISHED, frames, tmp_path, read_report(CURATED), source_root=REPO_ROOT, embed_max_rows=100,
                         version=release_version(REPO_ROOT))
    assert (tmp_path / "browser" / "indicator_values.js").exists() and not (tmp_path / "browser" / "tasks.js").exists()
    assert "script-src 'sha256-" in page.read_text(encoding="utf-8")
    browser.get_log("browser")  # drop messages of earlier pages
    browser.get(page.as_uri())
    _open(browser, "indicator_values")
    deadline = time.monotonic() + 10
    while not _shown(browser)["count"].startswith("540 of 540") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _shown(browser)["count"].startswith("540 of 540")
    _click_row(browser, _shown(browser)["first"][0])
    assert len(_detail(browser)["lines"]) == 1, "the raw line of a lazily loaded row"
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
