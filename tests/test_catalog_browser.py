"""The catalog page in a real browser: Debian's headless Chromium, driven by selenium through chromedriver.

Checks that every chart (inline SVG) and every table renders with a size, that no request leaves the machine
(Chrome DevTools Protocol network events from chromedriver's performance log, plus the page's own resource
timing), and saves screenshots under test-output/ for a reviewer. Nothing is downloaded: selenium is given
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

from pipeline.paths import REPO_ROOT
from pipeline.publish.catalog import read_report, write_catalog
from pipeline.schema.registry import TABLES

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CURATED = REPO_ROOT / "curated"
OUTPUT = REPO_ROOT / "test-output"
PUBLISHED = tuple(t for t in TABLES if (CURATED / f"{t.name}.parquet").exists())
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,2400")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="Debian's chromium and chromium-driver are not installed (/usr/bin/chromium, /usr/bin/chromedriver); "
           "`apt-get install -y chromium chromium-driver fonts-noto-cjk` (CI does)")


@pytest.fixture(scope="module")
def page_path(tmp_path_factory) -> Path:
    """The catalog built from the published tables (and report, if any) into a temporary curated folder."""
    frames = {t.name: pl.read_parquet(CURATED / f"{t.name}.parquet") for t in PUBLISHED}
    return write_catalog(PUBLISHED, frames, tmp_path_factory.mktemp("curated"), read_report(CURATED))


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
