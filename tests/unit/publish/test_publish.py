"""The published package: descriptor generated from the registry, valid, reproducible, atomic."""

import json

import frictionless
import polars as pl
import pytest

from pipeline.base.changelog import release_version
from pipeline.base.errors import BuildError
from pipeline.base.paths import REPO_ROOT
from pipeline.checks.registry import BY_NAME, evaluate
from pipeline.publish.package import publish, stage
from pipeline.schema.registry import TABLES, table
from tests.conftest import copy_project, tree_digest
from tests.conftest import package_frames as _frames

#: The checkout's release, which a build passes to the writers (``base.changelog.release_version``).
VERSION = release_version(REPO_ROOT)


def test_descriptor_lists_every_registry_table_with_its_schema():
    descriptor = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert [r["name"] for r in descriptor["resources"]] == [t.name for t in TABLES]
    docs = next(r for r in descriptor["resources"] if r["name"] == "documents")
    assert [f["name"] for f in docs["schema"]["fields"]] == table("documents").column_names
    assert docs["schema"]["primaryKey"] == ["document_id"]
    assert docs["schema"]["foreignKeys"] == [{"fields": ["issue_id"], "reference": {"resource": "issues", "fields": ["issue_id"]}}]
    signed = next(f for f in docs["schema"]["fields"] if f["name"] == "signed_date")
    assert signed["type"] == "date" and "constraints" not in signed  # null for a document printing no date
    form = next(f for f in docs["schema"]["fields"] if f["name"] == "form")
    assert form["constraints"] == {"required": True, "enum": ["notice", "reply", "appointment", "order",
                                                              "unrecognised"]}
    assert descriptor["sources"][0]["hash"] == "sha256:89b0fd73c593f42d823756d74021a8de523f277fb250b9c628a6489d97b996af"
    assert "created" not in descriptor


def test_committed_package_is_valid_for_frictionless():
    report = frictionless.Package(str(REPO_ROOT / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "message"])


def test_parquet_is_typed_and_csv_matches(parsed):
    frame = pl.read_parquet(REPO_ROOT / "curated" / "documents.parquet")
    assert frame.schema["signed_date"] == pl.Date
    assert frame.schema["toc_page"] == pl.Int64
    csv = (REPO_ROOT / "curated" / "documents.csv").read_bytes()
    assert not csv.startswith(b"\xef\xbb\xbf") and b"\r\n" not in csv
    assert b"zjzf-2016-24,zjzfgb-2016-26,notice,\xe6\xb5\x99\xe6\x94\xbf\xe5\x8f\x91" in csv  # 浙政发
    assert "2016-08-01" in csv.decode("utf-8")


def test_staging_is_byte_reproducible(tmp_path, parsed, references, raw_issue):
    frames = _frames(parsed, references)
    stage(TABLES, frames, tmp_path / "a", VERSION)
    stage(TABLES, frames, tmp_path / "b", VERSION)
    a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert a == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    for rel in a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    # and the real issue's rows are those of the committed release (which may hold other issues too; its
    # bytes are checked by CI rebuilding it)
    for t in TABLES:
        if "issue_id" in t.column_names:
            published = pl.read_parquet(REPO_ROOT / "curated" / f"{t.name}.parquet")
            staged = pl.read_parquet(tmp_path / "a" / "curated" / f"{t.name}.parquet")
            assert staged.equals(published.filter(pl.col("issue_id") == "zjzfgb-2016-26")), t.name


@pytest.mark.integration
def test_orphan_foreign_key_blocks_publishing_and_keeps_curated(tmp_path, parsed, references, raw_issue):
    paths = copy_project(tmp_path)
    before = tree_digest(paths)
    frames = _frames(parsed, references)
    frames["sections"] = frames["sections"].with_columns(
        pl.when(pl.col("section_id") == "zjzf-2016-24-p010").then(pl.lit("zjzf-2016-99")).otherwise(pl.col("document_id")).alias("document_id"))
    with pytest.raises(BuildError, match=r"sections.document_id -> documents: 1 value"):
        publish(TABLES, frames, paths)
    assert tree_digest(paths) == before


def test_file_hashes_catch_a_tampered_staged_file(tmp_path, parsed, references, raw_issue):
    frames = _frames(parsed, references)
    descriptor = stage(TABLES, frames, tmp_path / "s", VERSION)
    csv = tmp_path / "s" / "curated" / "issues.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("CN33-1354/D", "CN33-1354/X"), encoding="utf-8")
    evaluation = evaluate(BY_NAME["file_hashes"], {"package": descriptor.parent})
    assert evaluation.blocking and not evaluation.passed
    assert evaluation.messages == ("curated/issues.csv: sha256 differs from datapackage.json",)


@pytest.mark.integration
def test_publish_replaces_curated_in_one_step(tmp_path, parsed, references, raw_issue):
    paths = copy_project(tmp_path)
    (paths.curated / "stale.csv").write_text("left over\n", encoding="utf-8")
    publish(TABLES, _frames(parsed, references), paths)
    assert not (paths.curated / "stale.csv").exists()
    assert (paths.curated / "gazette.duckdb").exists()
    assert not paths.staging.exists()


def test_the_release_version_is_written_into_descriptor_and_workbook(tmp_path, parsed, references):
    import openpyxl

    descriptor = stage(TABLES, _frames(parsed, references), tmp_path / "s", version="9.8.7")
    assert json.loads(descriptor.read_text(encoding="utf-8"))["version"] == "9.8.7"
    book = openpyxl.load_workbook(tmp_path / "s" / "curated" / "gazette.xlsx", read_only=True)
    assert next(book["about"].iter_rows(min_row=2, max_row=2, values_only=True))[0] == "zjzfgb-gazette 9.8.7"
