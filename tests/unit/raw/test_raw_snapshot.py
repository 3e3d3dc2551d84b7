"""Loading raw issues: sha256 and sidecar verification, encodings, hostile files. Each bad input is refused
with a message naming the file (and line where there is one) and what was expected."""

import json

import pytest

from pipeline.base.errors import SourceError
from pipeline.parse.issue import parse_issue
from pipeline.raw.snapshot import load_all
from tests.conftest import RAW_TEXT, copy_project, write_issue

REAL = RAW_TEXT.read_bytes()


@pytest.fixture
def project(tmp_path):
    """A project copy holding the real issue alone (a data release may have added others)."""
    paths = copy_project(tmp_path)
    for path in paths.raw_gazette.iterdir():
        if not path.name.startswith("zjzfgb-2016-26."):
            path.unlink()
    return paths


def test_sidecar_records_the_real_file(raw_issue):
    assert raw_issue.sha256 == "89b0fd73c593f42d823756d74021a8de523f277fb250b9c628a6489d97b996af"
    assert raw_issue.meta["bytes"] == 76276 == len(REAL)
    assert raw_issue.meta["original_file_name"] == "000_fe554a4a278cabfa.txt"
    assert len(raw_issue.lines) == 501


def test_sha256_mismatch_is_refused(project):
    (project.raw_gazette / "zjzfgb-2016-26.txt").write_bytes(REAL.replace("杭州\t亿元\t336".encode(), "杭州\t亿元\t337".encode()))
    with pytest.raises(SourceError, match=r"raw/gazette/zjzfgb-2016-26.txt: expected sha256 89b0fd73.* as recorded in "
                                          r"raw/gazette/zjzfgb-2016-26.meta.json"):
        load_all(project)


def test_empty_file_is_refused(project):
    write_issue(project, "zjzfgb-2016-26", b"")
    with pytest.raises(SourceError, match=r"zjzfgb-2016-26.txt:1: expected gazette text, found 'an empty file'"):
        load_all(project)


def test_gbk_file_is_refused_with_the_line_of_the_first_bad_byte(project):
    write_issue(project, "zjzfgb-2016-26", REAL.decode("utf-8").encode("gbk", errors="replace"))
    with pytest.raises(SourceError) as err:
        load_all(project)
    assert err.value.line == 5 and "expected UTF-8 text" in str(err.value)


def test_binary_garbage_is_refused(project):
    write_issue(project, "zjzfgb-2016-26", bytes(range(256)) * 4)
    with pytest.raises(SourceError, match="expected"):
        load_all(project)


def test_bom_and_crlf_are_accepted_with_identical_rows(project, parsed, references):
    write_issue(project, "zjzfgb-2016-26", b"\xef\xbb\xbf" + REAL.replace(b"\n", b"\r\n"))
    (issue,) = load_all(project)
    rows = parse_issue(issue, references)
    assert rows["issues"][0]["source_sha256"] != parsed["issues"][0]["source_sha256"]
    for name in parsed:
        if name != "issues":
            assert rows[name] == parsed[name], name


def test_file_cut_in_half_is_refused(project, references):
    write_issue(project, "zjzfgb-2016-26", REAL[: len(REAL) // 2].rsplit(b"\n", 1)[0])
    (issue,) = load_all(project)
    with pytest.raises(SourceError, match="closing masthead"):
        parse_issue(issue, references)


def test_two_files_with_the_same_issue_are_refused(project):
    write_issue(project, "zjzfgb-2016-27", REAL, issue_number=26)
    with pytest.raises(SourceError, match=r"^raw/gazette/zjzfgb-2016-27.txt: expected an issue distinct from "
                                          r"raw/gazette/zjzfgb-2016-26.txt \(duplicate issue: the same numbering, "
                                          r"2016年第26期\)$"):
        load_all(project)


def test_distinct_issues_check_is_pure_and_names_the_reason():
    from pipeline.raw.snapshot import check_distinct_issues

    a = {"source_path": "a.txt", "year": 2016, "issue_number": 26, "cumulative_number": 1129, "sha256": "ab" * 32}
    b = {**a, "source_path": "b.txt", "issue_number": 27, "cumulative_number": 1130, "sha256": "cd" * 32}
    check_distinct_issues([a, b])  # two different issues pass
    with pytest.raises(SourceError, match=r"^b.txt:7: expected an issue distinct from a.txt:5 \(duplicate issue: "
                                          r"the same cumulative number, 总第1129期\)"):
        check_distinct_issues([{**a, "line_start": 5}, {**b, "cumulative_number": 1129, "line_start": 7}])
    with pytest.raises(SourceError, match=r"^b.txt: expected .*the same bytes, sha256 abababababab"):
        check_distinct_issues([a, {**b, "sha256": "ab" * 32}])


def test_an_unreadable_raw_file_names_the_file(project, monkeypatch):
    from pathlib import Path

    original = Path.read_bytes

    def denied(self):
        if self.name == "zjzfgb-2016-26.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(SourceError, match=r"^raw/gazette/zjzfgb-2016-26.txt: expected a readable file, "
                                          r"found 'Permission denied'$"):
        load_all(project)
    from pipeline.orchestration.fingerprint import issue_fingerprint  # the build plan reads raw files the same way

    with pytest.raises(SourceError, match=r"^raw/gazette/zjzfgb-2016-26.txt: expected a readable file"):
        issue_fingerprint(project, "zjzfgb-2016-26")


def test_file_name_escaping_raw_is_refused(project, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(REAL)
    (project.raw_gazette / "zjzfgb-2016-27.txt").symlink_to(outside)
    with pytest.raises(SourceError, match="links are refused"):
        load_all(project)


def test_unexpected_file_name_is_refused(project):
    (project.raw_gazette / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(SourceError, match=r"raw/gazette/notes.txt: expected files named zjzfgb-"):
        load_all(project)


def test_sidecar_with_wrong_type_or_missing_field_is_refused(project):
    meta_path = project.raw_gazette / "zjzfgb-2016-26.meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["year"] = "2016"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(SourceError, match="field 'year' of type int"):
        load_all(project)
    del meta["rights"]
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(SourceError, match=r"missing \['rights'\]"):
        load_all(project)


def test_a_folder_in_place_of_an_issue_file_is_refused(project):
    write_issue(project, "zjzfgb-2016-28", b"x")  # a sidecar, and a folder where its text should be
    (project.raw_gazette / "zjzfgb-2016-28.txt").unlink()
    (project.raw_gazette / "zjzfgb-2016-28.txt").mkdir()
    with pytest.raises(SourceError, match=r"^raw/gazette/zjzfgb-2016-28.txt: expected a readable file, "
                                          r"found 'Is a directory'$"):
        load_all(project)


def test_missing_sidecar_is_refused(project):
    (project.raw_gazette / "zjzfgb-2016-26.meta.json").unlink()
    with pytest.raises(SourceError, match=r"^raw/gazette/zjzfgb-2016-26.meta.json: expected a metadata sidecar"):
        load_all(project)
