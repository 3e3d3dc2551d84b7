"""The parse step's code fingerprint follows its imports, so no module it uses can be missed."""

import shutil

import pytest

from pipeline.orchestration import fingerprint
from tests.support.parts import write_part
from pipeline.orchestration.plan import make_plan
from pipeline.base.paths import REPO_ROOT
from tests.conftest import copy_project

ISSUE = "zjzfgb-2016-26"


def test_the_parse_step_code_includes_what_the_parsers_import():
    files = {p.relative_to(fingerprint.PACKAGE_DIR).as_posix() for p in fingerprint.code_files()}
    assert {"parse/issue.py", "parse/tasks.py", "schema/model.py", "schema/tables_core.py", "schema/registry.py",
            "text/normalise.py", "reference/reader.py", "raw/snapshot.py", "__init__.py", "parse/__init__.py",
            "schema/frames.py"} <= files  # parsed_issue stores typed frames
    # publishing, checks and Dagster wiring are not part of the parse step
    assert not files & {"publish/package.py", "orchestration/assets.py", "checks/gx_runner.py", "cli.py"}


@pytest.mark.integration
def test_editing_a_schema_module_makes_the_issue_stale(tmp_path, monkeypatch):
    package = tmp_path / "code" / "pipeline"
    shutil.copytree(REPO_ROOT / "pipeline", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "PACKAGE_DIR", package)
    paths = copy_project(tmp_path / "project")
    write_part(paths, ISSUE, fingerprint.issue_fingerprint(paths, ISSUE), {})  # parsed as the inputs are now
    assert make_plan(paths).stale == ()

    schema = package / "schema" / "tables_core.py"
    schema.write_text(schema.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert make_plan(paths).stale == (ISSUE,)

    publishing = package / "publish" / "package.py"  # not parse code: the issue stays current, the package not
    schema.write_text(schema.read_text(encoding="utf-8").removesuffix("\n# an edit\n"), encoding="utf-8")
    before = make_plan(paths)
    publishing.write_text(publishing.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    after = make_plan(paths)
    assert (before.stale, after.stale) == ((), ())
    assert before.package_fingerprint != after.package_fingerprint
