"""Releases: the reproducible zip (pipeline.release.bundle), the build comparison (pipeline.release.diff) and
the release metadata (CHANGELOG.md, CITATION.cff, LICENSE, DATA-RIGHTS.md)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import polars as pl
import pytest
import yaml

from pipeline.base.changelog import release_version
from pipeline.base.errors import SourceError
from pipeline.base.paths import REPO_ROOT
from pipeline.cli import main
from pipeline.publish.datapackage import PACKAGE_NAME
from pipeline.release import bundle, diff
from tests.conftest import copy_package

RELEASE_EXTRAS = (*bundle.ROOT_FILES, *bundle.DOC_FILES)

#: The checkout's release, which a build passes to the writers (``base.changelog.release_version``).
PACKAGE_VERSION = release_version(REPO_ROOT)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tiny_package(root: Path, rows: dict[str, list[dict]] | None = None) -> Path:
    """A two-table package written from scratch, with a correct descriptor (hashes and sizes)."""
    rows = rows or {
        "units": [{"unit_id": "u1", "name": "省科技厅", "n": 1}, {"unit_id": "u2", "name": "省财政厅", "n": 2}],
        "pairs": [{"a": "u1", "b": "u2", "shared": 12}],
    }
    keys = {"units": ["unit_id"], "pairs": ["a", "b"], "extra": ["a", "b"]}
    types = {"unit_id": "string", "name": "string", "n": "integer", "a": "string", "b": "string", "shared": "integer"}
    (root / "curated").mkdir(parents=True, exist_ok=True)
    resources = []
    for name, table_rows in rows.items():
        frame = pl.DataFrame(table_rows)
        csv_path, parquet_path = root / "curated" / f"{name}.csv", root / "curated" / f"{name}.parquet"
        frame.write_csv(csv_path)
        frame.write_parquet(parquet_path)
        resources.append({
            "name": name, "path": f"curated/{name}.csv", "hash": f"sha256:{sha(csv_path.read_bytes())}",
            "bytes": csv_path.stat().st_size,
            "schema": {"fields": [{"name": c, "type": types[c]} for c in frame.columns], "primaryKey": keys[name]},
            "parquet": {"path": f"curated/{name}.parquet", "hash": f"sha256:{sha(parquet_path.read_bytes())}",
                        "bytes": parquet_path.stat().st_size},
        })
    descriptor = {"name": "tiny", "version": "1.2.3", "resources": resources}
    (root / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    (root / "curated" / "gazette_views.sql").write_text("-- views\n", encoding="utf-8")
    (root / "curated" / "gazette.duckdb").write_bytes(os.urandom(64))  # never released
    for rel in RELEASE_EXTRAS:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"{rel}\n", encoding="utf-8")
    (root / "CHANGELOG.md").write_text(TINY_CHANGELOG, encoding="utf-8")
    return root


#: The tiny package's changelog: its descriptor's version 1.2.3 is the top released section.
TINY_CHANGELOG = "# Changelog\n\n## [Unreleased]\n\n## [1.2.3] - 2026-01-02\n\n- tiny\n\n## [1.2.2] - 2026-01-01\n"


# --- bundle --------------------------------------------------------------------------------------------------

def test_bundle_of_a_tiny_package(tmp_path):
    root = tiny_package(tmp_path / "pkg")
    result = bundle.build_bundle(root, tmp_path / "out")
    assert result.zip_path == tmp_path / "out" / "tiny-1.2.3.zip"
    with zipfile.ZipFile(result.zip_path) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert names == sorted(f"tiny-1.2.3/{m}" for m in (
            "datapackage.json", "curated/units.csv", "curated/units.parquet", "curated/pairs.csv",
            "curated/pairs.parquet", "curated/gazette_views.sql", "SHA256SUMS", *RELEASE_EXTRAS))
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr >> 16 == 0o100644 and info.create_system == 3
            assert info.extra == b"" and info.compress_type == zipfile.ZIP_DEFLATED
        sums = archive.read("tiny-1.2.3/SHA256SUMS").decode("utf-8").splitlines()
        listed = dict(reversed(line.split("  ", 1)) for line in sums)
        assert sorted(listed) == sorted(n.removeprefix("tiny-1.2.3/") for n in names if not n.endswith("SHA256SUMS"))
        for path, digest in listed.items():
            assert sha(archive.read(f"tiny-1.2.3/{path}")) == digest
        assert archive.read("tiny-1.2.3/curated/units.csv") == (root / "curated" / "units.csv").read_bytes()
    assert (tmp_path / "out" / "SHA256SUMS").read_text(encoding="utf-8") == (
        f"{sha(result.zip_path.read_bytes())}  tiny-1.2.3.zip\n")
    assert result.sha256 == sha(result.zip_path.read_bytes())


def test_same_inputs_same_bytes(tmp_path):
    """Two builds, from two copies with different file times, give byte-identical zips and SHA256SUMS."""
    first = tiny_package(tmp_path / "a")
    second = tmp_path / "b"
    shutil.copytree(first, second)
    for path in second.rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    one = bundle.build_bundle(first, tmp_path / "out1")
    two = bundle.build_bundle(second, tmp_path / "out2")
    again = bundle.build_bundle(first, tmp_path / "out1")
    assert one.zip_path.read_bytes() == two.zip_path.read_bytes() == again.zip_path.read_bytes()
    assert one.sums_path.read_bytes() == two.sums_path.read_bytes()


def test_bundle_of_the_published_package_twice(tmp_path):
    root = copy_package(tmp_path / "pkg")
    one = bundle.build_bundle(root, tmp_path / "out1")
    two = bundle.build_bundle(root, tmp_path / "out2")
    assert one.zip_path.name == f"{PACKAGE_NAME}-{PACKAGE_VERSION}.zip"
    assert one.zip_path.read_bytes() == two.zip_path.read_bytes()
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    members = set(one.members)
    for resource in descriptor["resources"]:
        assert resource["path"] in members and resource["parquet"]["path"] in members
    assert {"curated/gazette_views.sql", "docs/guide.md", "docs/data-dictionary.md", "LICENSE", "DATA-RIGHTS.md",
            "CITATION.cff", "CHANGELOG.md", "README.md", "queries/tasks_of_a_unit.sql"} <= members
    assert not any("duckdb" in m for m in members)
    with zipfile.ZipFile(one.zip_path) as archive:
        archive.extractall(tmp_path / "unzipped")
    unzipped = tmp_path / "unzipped" / f"{PACKAGE_NAME}-{PACKAGE_VERSION}"
    for line in (unzipped / "SHA256SUMS").read_text(encoding="utf-8").splitlines():  # sha256sum -c
        digest, rel = line.split("  ", 1)
        assert sha((unzipped / rel).read_bytes()) == digest, rel
    # The unzipped release is itself a build that diff can read, identical to the source.
    assert not diff.diff_builds(root, unzipped).differs


def test_bundle_refuses_files_that_disagree_with_the_descriptor(tmp_path):
    root = tiny_package(tmp_path / "pkg")
    with (root / "curated" / "units.csv").open("a", encoding="utf-8") as f:
        f.write("u3,省商务厅,3\n")
    with pytest.raises(bundle.ReleaseError, match=r"curated/units.csv: \d+ bytes, datapackage.json says"):
        bundle.build_bundle(root, tmp_path / "out")
    assert not (tmp_path / "out" / "tiny-1.2.3.zip").exists()


def test_bundle_refuses_a_missing_file(tmp_path, capsys):
    root = tiny_package(tmp_path / "pkg")
    (root / "DATA-RIGHTS.md").unlink()
    with pytest.raises(bundle.ReleaseError, match="DATA-RIGHTS.md"):
        bundle.build_bundle(root, tmp_path / "out")
    assert bundle.main_bundle(["--root", str(root), "--out", str(tmp_path / "out")]) == 1
    assert "DATA-RIGHTS.md" in capsys.readouterr().err
    (root / "curated" / "pairs.parquet").unlink()
    with pytest.raises(bundle.ReleaseError, match="pairs.parquet: listed by datapackage.json but missing"):
        bundle.build_bundle(root, tmp_path / "out")


def test_main_bundle(tmp_path, capsys):
    root = tiny_package(tmp_path / "pkg")
    assert bundle.main_bundle(["--root", str(root), "--out", str(tmp_path / "dist")]) == 0
    out = capsys.readouterr().out
    assert "tiny-1.2.3.zip (14 files, sha256 " in out
    assert (tmp_path / "dist" / "SHA256SUMS").exists()


# --- diff ----------------------------------------------------------------------------------------------------

def rewrite_csv(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """The published package, and a copy with one row changed, one removed and one added."""
    base = tmp_path_factory.mktemp("builds")
    old = copy_package(base / "old")
    new = copy_package(base / "new")
    curated = new / "curated"
    # line 139 of the source: Hangzhou's 2020 R&D spending 511; pretend a correction to 512
    rewrite_csv(curated / "indicator_values.csv", "rd_expenditure,330100,2020,511.0,511,", "rd_expenditure,330100,2020,512.0,512,")
    rewrite_csv(curated / "regions.csv", "330100,杭州市,杭州,Hangzhou,", "330100,杭州市,杭州,Hangzhou City,")
    rewrite_csv(curated / "task_units.csv", "zjzfgb-2016-26,zjzf-2016-25-t19,participant,2,cn-ciq-ningbo,宁波检验检疫局,false,349\n", "")
    with (curated / "units.csv").open("a", encoding="utf-8") as f:
        f.write("zj-dept-audit,省审计厅,浙江省审计厅,Audit Office of Zhejiang Province,provincial_department,"
                "省审计厅,test row,curated\n")
    return old, new


def test_identical_builds(builds):
    old, _ = builds
    result = diff.diff_builds(old, old)
    assert not result.differs
    assert all(t.status == "unchanged" for t in result.tables)
    assert len(result.tables) == len(json.loads((old / "datapackage.json").read_text(encoding="utf-8"))["resources"])


def published_rows(root: Path, table: str) -> int:
    return pl.read_parquet(root / "curated" / f"{table}.parquet").height


def test_changed_added_removed_rows(builds):
    old, new = builds
    result = {t.name: t for t in diff.diff_builds(old, new).tables}
    values = result["indicator_values"]
    assert (values.status, len(values.added), len(values.removed)) == ("changed", 0, 0)
    [change] = values.changed
    assert change.key == {"document_id": "zjzf-2016-24", "indicator_id": "rd_expenditure", "region_code": "330100",
                          "year": 2020}
    assert change.changes == {"value": (511.0, 512.0), "value_text": ("511", "512")}
    [region] = result["regions"].changed
    assert region.key == {"region_code": "330100"} and region.changes == {"name_en": ("Hangzhou", "Hangzhou City")}
    [removed] = result["task_units"].removed
    assert removed == {"issue_id": "zjzfgb-2016-26", "task_id": "zjzf-2016-25-t19", "role": "participant", "position": 2,
                       "unit_id": "cn-ciq-ningbo", "name_as_written": "宁波检验检疫局", "list_open_ended": False,
                       "line": 349}
    rows = published_rows(old, "task_units")  # the old build's count: whatever issues it holds
    assert (result["task_units"].old_rows, result["task_units"].new_rows) == (rows, rows - 1)
    [added] = result["units"].added
    assert added["unit_id"] == "zj-dept-audit" and added["name_en"] == "Audit Office of Zhejiang Province"
    assert result["tasks"].status == "unchanged"


def test_text_report(builds):
    old, new = builds
    text = diff.render_text(diff.diff_builds(old, new))
    values, tasks = published_rows(old, "indicator_values"), published_rows(old, "tasks")
    assert f"~ indicator_values: {values} -> {values} rows; 0 added, 0 removed, 1 changed (key: document_id, indicator_id, region_code, year)" in text
    assert "    ~ document_id=zjzf-2016-24, indicator_id=rd_expenditure, region_code=330100, year=2020\n        value: 511.0 -> 512.0\n" in text
    assert "        name_en: 'Hangzhou' -> 'Hangzhou City'" in text
    assert "    - task_id=zjzf-2016-25-t19, role=participant, position=2" in text
    assert "    + unit_id=zj-dept-audit" in text
    assert f"= tasks: unchanged ({tasks} rows)" in text
    assert text.rstrip().endswith("4 of {} tables differ: regions, indicator_values, units, task_units".format(
        len(json.loads((old / "datapackage.json").read_text(encoding="utf-8"))["resources"])))


def test_json_report(builds, capsys):
    old, new = builds
    assert diff.main_diff([str(old), str(new), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["differs"] is True and report["new"]["version"] == PACKAGE_VERSION
    tables = {t["name"]: t for t in report["tables"]}
    assert tables["indicator_values"]["changed"] == [{
        "key": {"document_id": "zjzf-2016-24", "indicator_id": "rd_expenditure", "region_code": "330100",
                "year": 2020},
        "changes": {"value": {"old": 511.0, "new": 512.0}, "value_text": {"old": "511", "new": "512"}}}]
    assert tables["task_units"]["removed"][0]["line"] == 349
    assert tables["units"]["primary_key"] == ["unit_id"]


def test_exit_codes(builds, tmp_path, capsys):
    old, new = builds
    assert diff.main_diff([str(old), str(old), "--exit-code"]) == 0
    assert diff.main_diff([str(old), str(new), "--exit-code"]) == 1
    assert diff.main_diff([str(old), str(tmp_path)]) == 2
    assert "no datapackage.json" in capsys.readouterr().err


def test_limit_truncates_the_text_only(tmp_path):
    old = tiny_package(tmp_path / "old")
    new = tiny_package(tmp_path / "new", {
        "units": [{"unit_id": f"u{i}", "name": "x", "n": i} for i in range(1, 30)],
        "pairs": [{"a": "u1", "b": "u2", "shared": 12}],
    })
    result = diff.diff_builds(old, new)
    units = next(t for t in result.tables if t.name == "units")
    assert len(units.added) == 27 and len(units.changed) == 2  # u1, u2 renamed to x
    text = diff.render_text(result, limit=5)
    assert "    + … and 22 more" in text
    assert len(diff.to_dict(result)["tables"][0]["added"]) == 27


def test_tables_added_removed_and_key_changed(tmp_path):
    old = tiny_package(tmp_path / "old")
    new = tiny_package(tmp_path / "new", {
        "units": [{"unit_id": "u1", "name": "省科技厅", "n": 1}, {"unit_id": "u2", "name": "省财政厅", "n": 2}],
        "extra": [{"a": "u1", "b": "u2", "shared": 1}],
    })
    statuses = {t.name: t.status for t in diff.diff_builds(old, new).tables}
    assert statuses == {"units": "unchanged", "extra": "added", "pairs": "removed"}
    descriptor = json.loads((new / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"]["primaryKey"] = ["name"]
    (new / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    units = next(t for t in diff.diff_builds(old, new).tables if t.name == "units")
    assert units.status == "key_changed" and "rows not compared" in units.note


def test_columns_added_and_duplicate_keys():
    frame_old = pl.DataFrame({"k": [1, 2], "v": ["a", "b"]})
    frame_new = pl.DataFrame({"k": [1, 2], "v": ["a", "b"], "w": [None, "z"]})
    result = diff.diff_frames("t", frame_old, frame_new, ["k"])
    assert result.status == "changed" and result.columns_added == ("w",) and not result.changed
    assert diff.diff_frames("t", frame_new, frame_old, ["k"]).columns_removed == ("w",)
    retyped = diff.diff_frames("t", frame_old, pl.DataFrame({"k": ["1", "2"], "v": ["a", "c"]}), ["k"])
    assert [(c.key, c.changes) for c in retyped.changed] == [({"k": "2"}, {"v": ("b", "c")})]
    with pytest.raises(diff.DiffError, match="duplicate primary key in the new build"):
        diff.diff_frames("t", frame_old, pl.DataFrame({"k": [1, 1], "v": ["a", "b"]}), ["k"])


def test_parquet_mode_and_release_zips(builds, tmp_path):
    old, new = builds
    # Only the CSVs of the 'new' build were edited: compared on the Parquet twins, nothing differs.
    assert not diff.diff_builds(old, new, parquet=True).differs
    frame = pl.read_parquet(new / "curated" / "regions.parquet")
    frame = frame.with_columns(pl.when(pl.col("region_code") == "331100").then(pl.lit("Lishui City"))
                               .otherwise(pl.col("name_en")).alias("name_en"))
    mutated = tmp_path / "mutated"
    shutil.copytree(new, mutated)
    frame.write_parquet(mutated / "curated" / "regions.parquet")
    [change] = next(t for t in diff.diff_builds(old, mutated, parquet=True).tables if t.name == "regions").changed
    assert change.key == {"region_code": "331100"} and change.changes == {"name_en": ("Lishui", "Lishui City")}
    # A release zip is a build too.
    release = bundle.build_bundle(old, tmp_path / "dist")
    result = diff.diff_builds(release.zip_path, new)
    assert {t.name for t in result.tables if t.differs} == {"indicator_values", "regions", "task_units", "units"}


# --- release metadata ----------------------------------------------------------------------------------------

#: The parts of the CFF 1.2.0 JSON schema (citation-file-format/citation-file-format, schema.json) this file uses.
CFF_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["authors", "cff-version", "message", "title"],
    "properties": {
        "cff-version": {"type": "string", "pattern": r"^1\.2\.0$"},
        "message": {"type": "string", "minLength": 1},
        "type": {"enum": ["dataset", "software"]},
        "title": {"type": "string", "minLength": 1},
        "abstract": {"type": "string", "minLength": 1},
        "authors": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {
            "type": "object", "additionalProperties": False, "required": ["name"],
            "properties": {"name": {"type": "string", "minLength": 1}}}},
        "version": {"type": "string", "minLength": 1},
        "date-released": {"type": "string",
                          "pattern": r"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$"},
        "license": {"enum": ["PDDL-1.0", "MIT", "CC0-1.0"]},
        "keywords": {"type": "array", "minItems": 1, "uniqueItems": True,
                     "items": {"type": "string", "minLength": 1}},
        "references": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["authors", "title", "type"], "additionalProperties": False,
            "properties": {
                "type": {"enum": ["government-document", "serial", "generic"]},
                "title": {"type": "string", "minLength": 1},
                "authors": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}},
                "year": {"type": "integer"},
                "issue": {"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]},
                "issue-date": {"type": "string", "minLength": 1},
                "url": {"type": "string", "pattern": "^(https|http|ftp|sftp)://.+"},
            }}},
    },
}


def test_citation_cff_is_valid():
    import jsonschema

    citation = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.validate(citation, CFF_SCHEMA)
    assert citation["authors"] == [{"name": "zjzfgb-data contributors"}]
    assert citation["version"] == PACKAGE_VERSION and citation["type"] == "dataset"
    assert "repository-code" not in citation


def test_versions_agree():
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", changelog, re.MULTILINE)
    assert releases and releases[0][0] == PACKAGE_VERSION
    assert "## [Unreleased]" in changelog and "Keep a Changelog" in changelog
    citation = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["date-released"] == releases[0][1]
    descriptor = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == PACKAGE_VERSION  # the build wrote the changelog's version


def test_a_release_version_comes_from_the_changelog(tmp_path):
    from pipeline.base.changelog import release_version, releases

    (tmp_path / "CHANGELOG.md").write_text(TINY_CHANGELOG.replace("## [Unreleased]\n",
                                                                  "## [Unreleased]\n\n## [1.3.0] - 2026-02-01\n"),
                                           encoding="utf-8")
    assert release_version(tmp_path) == "1.3.0"
    assert [(r.version, r.date, r.line) for r in releases(TINY_CHANGELOG)] == [
        ("1.2.3", "2026-01-02", 5), ("1.2.2", "2026-01-01", 9)]


@pytest.mark.parametrize("heading", ["## [0.2] - 2026-12-03", "## [0.2.0] 2026-12-03", "## [0.2.0] - 3 Dec 2026"])
def test_a_malformed_release_heading_is_refused_with_its_line(tmp_path, heading):
    from pipeline.base.changelog import release_version

    (tmp_path / "CHANGELOG.md").write_text(f"# Changelog\n\n{heading}\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"CHANGELOG.md:3: expected a released section"):
        release_version(tmp_path)


def test_release_refuses_a_version_the_changelog_does_not_describe(tmp_path, capsys):
    root = tiny_package(tmp_path / "pkg")
    (root / "CHANGELOG.md").write_text(TINY_CHANGELOG.replace("[1.2.3]", "[1.2.4]"), encoding="utf-8")
    assert main(["release", "--root", str(root), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: CHANGELOG.md: expected a released section '## [1.2.3] - YYYY-MM-DD'")
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_rights_files():
    license_text = (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert license_text.startswith("MIT License\n") and "zjzfgb-data contributors" in license_text
    rights = (REPO_ROOT / "DATA-RIGHTS.md").read_text(encoding="utf-8")
    assert "Article 5" in rights and "著作权法 第五条" in rights and "ODC-PDDL-1.0" in rights
    descriptor = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert [lic["name"] for lic in descriptor["licenses"]] == ["ODC-PDDL-1.0"]
