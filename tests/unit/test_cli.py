"""The command line as a user meets it: help texts, the sql command's fallbacks and errors, a closed pipe."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.cli import main
from tests.conftest import copy_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the package without gazette.duckdb (copy_project leaves it out), as after a fresh clone."""
    return copy_project(tmp_path_factory.mktemp("cli"))


def test_the_help_lists_every_command_and_each_command_describes_itself(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name in ("build", "add", "review", "validate", "suites", "info", "release", "diff", "sql"):
        assert f"    {name} " in out
    with pytest.raises(SystemExit):
        main(["add", "--help"])
    assert "Copy a gazette issue's text file into raw/gazette with its sidecar." in capsys.readouterr().out


def test_sql_without_the_database_runs_on_the_views_over_parquet(project, capsys) -> None:
    assert not (project.curated / "gazette.duckdb").exists()
    assert main(["--root", str(project.root), "sql",
                 "select count(*) as n from tasks where issue_id = 'zjzfgb-2016-26'"]) == 0
    assert "62" in capsys.readouterr().out


def test_sql_on_another_project_reads_that_projects_files(tmp_path, capsys) -> None:
    """Run from this checkout's folder on a copy whose issues table is empty: the copy's files answer."""
    import polars as pl

    other = copy_project(tmp_path)
    issues = other.curated / "issues.parquet"
    pl.read_parquet(issues).clear().write_parquet(issues)
    assert main(["--root", str(other.root), "sql", "select count(*) as n from issues"]) == 0
    assert "│     0 │" in capsys.readouterr().out


def test_sql_refuses_an_empty_query(project, capsys) -> None:
    assert main(["--root", str(project.root), "sql", "  "]) == 1
    assert capsys.readouterr().err.startswith("error: expected a SQL query")


def test_sql_keeps_duckdbs_hint(project, capsys) -> None:
    assert main(["--root", str(project.root), "sql", "select * from taks"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: curated/gazette_views.sql: Catalog Error: Table with name taks does not exist!")
    assert "Did you mean" in err and "tasks" in err and "\n" == err[-1] and err.count("\n") == 1


def test_a_reader_that_closes_the_pipe_is_not_an_error(project) -> None:
    """Like ``gazette info | head -1``: the reading end is closed before the command writes."""
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(project.root), "info"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait() == 0 and err == ""
