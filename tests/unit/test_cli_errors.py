"""Every user error of the ``gazette`` command prints one ``error: …`` line on stderr and exits 1: no traceback."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from pipeline.cli import main
from tests.conftest import REPO_ROOT, copy_project


@pytest.fixture
def project_with_db(tmp_path):
    """A project copy with a DuckDB database holding one table (documents, from the published CSV)."""
    paths = copy_project(tmp_path)
    with duckdb.connect(str(paths.curated / "gazette.duckdb")) as con:
        con.execute(f"create table documents as select * from read_csv('{paths.curated / 'documents.csv'}')")
    return paths


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sql_answers_a_good_query(project_with_db, capsys):
    code, out, err = run(capsys, "--root", str(project_with_db.root), "sql", "select doc_number from documents order by 1")
    assert code == 0 and err == ""
    assert "浙政办发〔2016〕89号" in out and "浙政发〔2016〕24号" in out


@pytest.mark.parametrize("query, message", [
    ("selec 1", r"^error: curated/gazette.duckdb: Parser Error: syntax error at or near \"selec\" LINE 1: selec 1 \^+$"),
    ("select * from no_such_table", r"^error: curated/gazette.duckdb: Catalog Error: Table with name no_such_table "
                                    r"does not exist! Did you mean \"\w+\"\?$"),
])
def test_sql_with_bad_sql_or_a_missing_table_is_an_error(project_with_db, capsys, query, message):
    code, out, err = run(capsys, "--root", str(project_with_db.root), "sql", query)
    assert code == 1 and out == ""
    assert __import__("re").match(message, err.splitlines()[0]), err
    assert len(err.splitlines()) == 1


def test_sql_without_a_database_or_a_views_script_is_an_error(tmp_path, capsys):
    paths = copy_project(tmp_path)  # no gazette.duckdb: the views script answers (tests/unit/test_cli.py)
    (paths.curated / "gazette_views.sql").unlink()
    code, _, err = run(capsys, "--root", str(paths.root), "sql", "select 1")
    assert code == 1
    assert err == (f"error: {paths.curated / 'gazette_views.sql'}: expected a readable file "
                   "(No such file or directory)\n")


def test_info_and_validate_without_a_published_package_are_errors(tmp_path, capsys):
    paths = copy_project(tmp_path)
    paths.datapackage.unlink()
    code, _, err = run(capsys, "--root", str(paths.root), "info")
    assert (code, err) == (1, f"error: {paths.datapackage}: expected a readable file (No such file or directory)\n")
    shutil.rmtree(paths.curated)
    code, _, err = run(capsys, "--root", str(paths.root), "validate")
    assert code == 1
    assert err.startswith("error: ") and "curated/" in err and "expected a readable file" in err


def test_info_with_a_broken_descriptor_is_an_error(tmp_path, capsys):
    paths = copy_project(tmp_path)
    paths.datapackage.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "--root", str(paths.root), "info")
    assert code == 1 and err.startswith("error: expected JSON: ")


def test_build_of_a_folder_that_is_no_project_is_an_error(tmp_path, capsys):
    code, _, err = run(capsys, "--root", str(tmp_path), "build")
    assert code == 1
    assert err.splitlines() == [f"error: {tmp_path}/raw/gazette: expected a folder of gazette issues",
                                "build failed; curated/ and datapackage.json are unchanged"]


def test_a_bug_is_not_disguised_as_a_user_error():
    from pipeline.cli import user_error_message

    assert user_error_message(ZeroDivisionError()) is None
    assert user_error_message(KeyError("x")) is None
    assert REPO_ROOT.is_dir()


def test_release_honours_the_global_root(tmp_path, capsys):
    """`gazette --root DIR release` bundles DIR (the release subcommand's own --root default used to win)."""
    from tests.conftest import copy_package

    root = copy_package(tmp_path / "pkg")
    code, out, err = run(capsys, "--root", str(root), "release")
    assert (code, err) == (0, "")
    assert out.startswith(str(root / "dist" / "zjzfgb-gazette-"))
    code, out, _ = run(capsys, "release", "--root", str(root), "--out", str(tmp_path / "out"))
    assert code == 0 and out.startswith(str(tmp_path / "out" / "zjzfgb-gazette-"))
