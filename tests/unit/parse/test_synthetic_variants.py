"""Text-level tests of the structural variants of the synthetic corpus (benchmarks/variants.py).

No build and no parse of the generated issues: each test reads the files that the generator wrote and checks
them against what corpus.json says was planted."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

import pytest


import synthetic_corpus  # benchmarks/, on the path by pytest's pythonpath (pyproject.toml)
import variants

N = 1 + len(variants.VARIANTS)  # the real issue, then one issue per variant
ITEM_KEYS = {"kind", "text", "line", "count", "lines", "document_id"}
DOC_NUMBER = re.compile(r"浙政(?:办)?发〔\d{4}〕[ ]*\d+[ ]*号")
TOC_ENTRY = re.compile(r"^\((浙政(?:办)?发〔\d{4}〕[ ]*\d+[ ]*号)\)[ ]*\((\d+)\)[ ]*$")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("variants")
    synthetic_corpus.generate(out, N, variants=variants.VARIANTS)
    return out


@pytest.fixture(scope="module")
def manifest(corpus: Path) -> dict:
    return synthetic_corpus.read_manifest(corpus)


def _issue(manifest: dict, kind: str) -> dict:
    [issue] = [i for i in manifest["issues"] if i["variant"] == kind]
    return issue


def _lines(corpus: Path, issue: dict) -> list[str]:
    return (corpus / "raw/gazette" / f"{issue['issue_id']}.txt").read_text(encoding="utf-8").split("\n")


def test_manifest_layout(manifest: dict) -> None:
    assert list(manifest) == ["seed", "n", "original", "variants", "bytes", "issues"]
    assert manifest["variants"] == list(variants.VARIANTS)
    assert [i["variant"] for i in manifest["issues"]] == ["original", *variants.VARIANTS]
    for issue in manifest["issues"]:
        assert list(issue)[-5:] == ["variant", "task_scopes", "planted", "changes", "expect"]
        for item in issue["planted"]:
            assert item["kind"] in variants.REVIEW_KINDS
        for item in issue["planted"] + issue["changes"]:
            assert ITEM_KEYS <= set(item) <= ITEM_KEYS | {"note"}
        assert issue["expect"]["review_items"] == {
            k: sum(1 for p in issue["planted"] if p["kind"] == k) for k in {p["kind"] for p in issue["planted"]}}
    assert _issue(manifest, "original")["planted"] == []


@pytest.mark.parametrize("kind", variants.VARIANTS)
def test_planted_text_at_recorded_line(corpus: Path, manifest: dict, kind: str) -> None:
    issue = _issue(manifest, kind)
    lines = _lines(corpus, issue)
    text = "\n".join(lines)
    items = issue["planted"] + issue["changes"]
    assert issue["planted"] or kind in ("renumbered", "no_attachments", "responsibility_lines", "bracketed_number")
    for item in items:
        assert item["text"] in lines[item["line"] - 1], item
        assert not any(item["text"] in ln for ln in lines[: item["line"] - 1]), item
        assert item["count"] == text.count(item["text"]) >= 1, item
        assert item["lines"] == [i + 1 for i, ln in enumerate(lines) if item["text"] in ln]
        assert item["document_id"] in [*issue["documents"], *issue["added_documents"]]


@pytest.mark.parametrize("index", range(N))
def test_sidecar_matches(corpus: Path, manifest: dict, index: int) -> None:
    issue = manifest["issues"][index]
    data = (corpus / "raw/gazette" / f"{issue['issue_id']}.txt").read_bytes()
    meta = json.loads((corpus / "raw/gazette" / f"{issue['issue_id']}.meta.json").read_text(encoding="utf-8"))
    assert meta["sha256"] == issue["sha256"] == hashlib.sha256(data).hexdigest()
    assert meta["bytes"] == issue["bytes"] == len(data)
    assert meta["issue_id"] == issue["issue_id"]
    if index:
        assert f"Structural variant {issue['variant']!r}" in meta["notes"]


@pytest.mark.parametrize("index", range(N))
def test_toc_consistent(corpus: Path, manifest: dict, index: int) -> None:
    issue = manifest["issues"][index]
    lines = _lines(corpus, issue)
    toc = [TOC_ENTRY.match(ln) for ln in lines if TOC_ENTRY.match(ln)]
    # bracketed_number prints [] and () in the body; unlisted_document lists one document fewer
    body = [re.sub(r"[\[(](\d{4})[\])]", r"〔\1〕", ln) for ln in lines
            if re.fullmatch(DOC_NUMBER.pattern.replace("〔", "[〔\\[(]").replace("〕", "[〕\\])]"), ln)]
    listed = body[:-1] if issue.get("variant") == "unlisted_document" else body  # 90号, the last, unlisted
    assert [m.group(1).replace(" ", "") for m in toc] == listed
    pages = [int(m.group(2)) for m in toc]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)


def test_renumbered(corpus: Path, manifest: dict, tmp_path: Path) -> None:
    issue = _issue(manifest, "renumbered")
    # curated titles are reused and the default rule's scopes recorded: no confirmation is planted
    assert issue["planted"] == [] and len(issue["documents"]) == 4
    assert issue["task_scopes"] is False and "tasks" not in issue["expect"]
    # the text is the base generator's, byte for byte
    synthetic_corpus.generate(tmp_path, N)
    name = f"raw/gazette/{issue['issue_id']}.txt"
    assert (corpus / name).read_bytes() == (tmp_path / name).read_bytes()
    # task scopes: every synthetic document except the renumbered issue's
    with open(corpus / "raw/reference/task_scopes.csv", encoding="utf-8") as f:
        scoped = {row["document_id"] for row in csv.DictReader(f)}
    for other in manifest["issues"]:
        assert (set(other["documents"]) <= scoped) is other["task_scopes"]
        assert not (set(other["documents"]) & scoped) or other["task_scopes"]


def test_no_attachments(corpus: Path, manifest: dict) -> None:
    lines = _lines(corpus, _issue(manifest, "no_attachments"))
    assert not [ln for ln in lines if re.match(r"^附件[ ]*\d", ln) or ln.startswith("附件:")]
    assert not [ln for ln in lines if "\t" in ln]
    assert "科技创新主要预期指标分解" not in "\n".join(lines)
    assert _issue(manifest, "no_attachments")["expect"]["indicator_values"] == 0


def test_retitled_attachment(corpus: Path, manifest: dict) -> None:
    issue = _issue(manifest, "retitled_attachment")
    lines = _lines(corpus, issue)
    headers = [ln for ln in lines if re.match(r"^\t?年度\t", ln)]
    assert len(headers) == 8
    for ln in headers:
        assert re.findall(r"(\d{4})年", ln) == ["2017", "2018", "2019", "2020", "2021"]
    assert "附件:1. 科技创新主要指标年度分解" in lines and "科技创新主要指标年度分解" in lines
    assert issue["expect"]["indicator_years"] == [2017, 2018, 2019, 2020, 2021]
    planted, *unlinked = issue["planted"]
    assert (planted["kind"], planted["text"], planted["count"]) == ("unknown_indicator", "六、有效发明专利拥有量", 1)
    # the first year's 新增 targets name table 五's measures, whose first year the shift removed
    assert [(p["kind"], p["count"]) for p in unlinked] == [("unlinked_target", 1)] * 2
    assert unlinked[0]["text"].startswith("新增高新技术企业") and unlinked[1]["text"].startswith("科技型中小微企业")
    assert lines[planted["line"] + 2].split("\t")[2:4] == ["单位", "件数"]  # the measure label stays


def test_unknown_units(corpus: Path, manifest: dict) -> None:
    issue = _issue(manifest, "unknown_units")
    lines = _lines(corpus, issue)
    found = {p["text"]: p for p in issue["planted"]}
    assert set(found) == {"省大数据局", "省发改委"}
    assert found["省大数据局"]["count"] == 3 and found["省发改委"]["count"] == 1
    for item in found.values():
        for n in item["lines"]:
            clause = lines[n - 1][lines[n - 1].rfind("("):]
            assert item["text"] in clause and clause.endswith(")")
            assert "牵头单位" in clause or "负责" in clause


def test_new_phrasings(corpus: Path, manifest: dict) -> None:
    issue = _issue(manifest, "new_phrasings")
    [planted] = issue["planted"]
    assert (planted["kind"], planted["text"], planted["count"]) == ("unclassified_number", "按照7的比例推进。", 1)
    texts = [c["text"] for c in issue["changes"]]
    assert [re.sub(r"\d+", "N", t) for t in texts] == [
        "工程技术研究中心N个", "拍卖成果N件以上", "服务企业N家次以上", "N年力争新增境外营销网络N个左右"]


def test_missing_clause(corpus: Path, manifest: dict) -> None:
    issue = _issue(manifest, "missing_clause")
    lines = _lines(corpus, issue)
    [planted] = issue["planted"]
    line = lines[planted["line"] - 1]
    assert re.match(r"^\d+\. ", planted["text"]) and line.startswith(planted["text"])
    assert "负责" not in line and line.endswith("。")
    assert issue["expect"]["task_units"] < manifest["issues"][0]["expect"]["task_units"]


def test_unknown_region(corpus: Path, manifest: dict) -> None:
    issue = _issue(manifest, "unknown_region")
    lines = _lines(corpus, issue)
    [planted] = issue["planted"]
    assert planted["text"] in variants.FOREIGN_CITIES.values() and planted["count"] == 1
    assert lines[planted["line"] - 1].split("\t")[0] == planted["text"]


def test_extra_table(corpus: Path, manifest: dict) -> None:
    issue = _issue(manifest, "extra_table")
    lines = _lines(corpus, issue)
    assert [ln for ln in lines if re.match(r"^附件[ ]*\d", ln)] == ["附件 1", "附件 2", "附件 3"]
    assert "3. 重大科技项目资金安排表" in lines
    [planted] = issue["planted"]
    start = planted["line"] - 1
    assert lines[start - 2] == variants.EXTRA_TITLE and lines[start - 4] == "附件 3"
    rows = lines[start + 1: lines.index("", start)]
    assert len(rows) == 4 and all(re.fullmatch(r"[^\t]+\t\d+", r) for r in rows)
    assert issue["expect"]["attachments"] == 3


def test_deterministic_and_prefix(corpus: Path, tmp_path: Path) -> None:
    again, shorter = tmp_path / "again", tmp_path / "shorter"
    synthetic_corpus.generate(again, N, variants=variants.VARIANTS)
    synthetic_corpus.generate(shorter, 5, variants=variants.VARIANTS)
    for path in sorted((corpus / "raw").rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (again / path.relative_to(corpus)).read_bytes(), path
    assert (corpus / "corpus.json").read_bytes() == (again / "corpus.json").read_bytes()
    long_issues = synthetic_corpus.read_manifest(corpus)["issues"]
    assert synthetic_corpus.read_manifest(shorter)["issues"] == long_issues[:5]
    for path in sorted((shorter / "raw/gazette").iterdir()):
        assert path.read_bytes() == (corpus / "raw/gazette" / path.name).read_bytes()


def test_unknown_kind_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown variant kinds"):
        synthetic_corpus.generate(tmp_path, 2, variants=("no_such_kind",))
