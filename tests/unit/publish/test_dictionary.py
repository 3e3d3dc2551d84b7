"""docs/data-dictionary.md is generated from the schema registry and must agree with it."""

from __future__ import annotations

import re

from pipeline.publish import dictionary
from pipeline.base.changelog import release_version
from pipeline.base.paths import REPO_ROOT
from pipeline.schema.model import Field, ForeignKey, Table
from pipeline.schema.registry import TABLES
from pipeline.schema.tables_collaborations import UNIT_COLLABORATIONS

COMMITTED = REPO_ROOT / dictionary.DICTIONARY_PATH


def test_committed_dictionary_matches_the_registry():
    expected = dictionary.render_registry(release_version(REPO_ROOT))
    actual = COMMITTED.read_text(encoding="utf-8")
    assert actual == expected, (
        "docs/data-dictionary.md disagrees with the schema registry; regenerate it with "
        "`.venv/bin/python -m pipeline.publish.dictionary`")


def test_every_table_and_column_is_documented():
    text = COMMITTED.read_text(encoding="utf-8")
    headings = re.findall(r"^## `(\w+)`$", text, re.MULTILINE)
    assert headings == [t.name for t in TABLES]
    for table in TABLES:
        section = text.split(f"## `{table.name}`\n", 1)[1].split("\n## ", 1)[0]
        documented = re.findall(r"^\| \d+ \| `(\w+)` \|", section, re.MULTILINE)
        assert documented == table.column_names, table.name


def test_rows_of_a_column_table_have_six_cells():
    """Pipes inside descriptions and patterns are escaped, so no row gains a cell."""
    for line in COMMITTED.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\| \d+ \| `", line):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            assert len(cells) == 6, line


def test_render_of_a_small_table():
    parent = Table("parent", "Parents", "One row per parent.", (Field("pid", "string", "Id.", required=True,
                                                                      unique=True),), ("pid",))
    child = Table(
        name="child", title="Children", description="One row per <child>.",
        fields=(
            Field("pid", "string", "Parent (FK to parent).", required=True, pattern=r"^(?:a|b)\d$"),
            Field("n", "integer", "Position.", required=True, minimum=1, maximum=9),
            Field("kind", "string", "Kind: x or y; lists use |.", enum=("x", "y")),
        ),
        primary_key=("pid", "n"),
        foreign_keys=(ForeignKey(("pid",), "parent", ("pid",)),),
    )
    text = dictionary.render([parent, child], {"child": ("parent",)}, ("demo", "9.9.9"))
    assert text.startswith("# Data dictionary\n")
    assert "Package `demo`, version 9.9.9: 2 tables." in text
    assert "| [`child`](#child) | Children | `pid`, `n` |" in text
    assert "| [`parent`](#parent) | Parents | `pid` |" in text
    assert "**Children.** One row per &lt;child&gt;." in text
    assert "- Foreign key: `pid` → [`parent`](#parent).`pid`." in text
    assert "- Derived from: [`parent`](#parent) (computed by the build, not parsed)." in text
    assert "| 1 | `pid` | string (VARCHAR) | yes | pattern `^(?:a\\|b)\\d$` | Parent (FK to parent). |" in text
    assert "| 2 | `n` | integer (BIGINT) | yes | ≥ 1; ≤ 9 | Position. |" in text
    assert "| 3 | `kind` | string (VARCHAR) | no | one of `x`, `y` | Kind: x or y; lists use \\|. |" in text
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert dictionary.render([parent, child], {"child": ("parent",)}, ("demo", "9.9.9")) == text


def test_collaborations_section_names_its_inputs():
    text = dictionary.render([UNIT_COLLABORATIONS], {"unit_collaborations": ("task_units", "tasks")})
    assert "- Derived from: [`task_units`](#task_units), [`tasks`](#tasks)" in text
    assert "- Foreign key: `unit_a` → [`units`](#units).`unit_id`." in text
    assert "- Rows: exactly" not in text  # a derived table grows with raw/; no fixed count


def test_check_mode(tmp_path, capsys):
    path = tmp_path / "dd.md"
    assert dictionary.main(["--check", "--path", str(path)]) == 1
    assert dictionary.main(["--path", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == dictionary.render_registry(release_version(REPO_ROOT))
    assert dictionary.main(["--check", "--path", str(path)]) == 0
    path.write_text(path.read_text(encoding="utf-8") + "stale\n", encoding="utf-8")
    assert dictionary.main(["--check", "--path", str(path)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert dictionary.write("x\n", path) is True and dictionary.write("x\n", path) is False


def test_the_provisional_indicator_id_is_written_as_the_parser_makes_it():
    """The id the dictionary documents is the one the parser gives a measure the reference lacks."""
    from pipeline.parse.attachment_blocks import TableBlock
    from pipeline.parse.indicator_tables import block_provisional_id
    from pipeline.schema.common import INDICATOR_ID_PATTERN
    from pipeline.schema.tables_attachments import INDICATORS, PROVISIONAL_INDICATOR_ID

    text = COMMITTED.read_text(encoding="utf-8")
    assert PROVISIONAL_INDICATOR_ID == "provisional_a<attachment>_t<table>_m<measure>"
    assert text.count("provisional_a&lt;attachment&gt;_t&lt;table&gt;_m&lt;measure&gt;") == 2
    assert "provisional_&lt;table" not in text
    assert PROVISIONAL_INDICATOR_ID in INDICATORS.field("indicator_id").description
    made = block_provisional_id(TableBlock(attachment=2, attachment_title=None, title=None, number=3, name="x"), 4)
    assert made == "provisional_a2_t3_m4" and re.match(INDICATOR_ID_PATTERN, made)


def test_no_note_names_the_tables_of_one_issue_as_mixing_precision():
    """Which tables mix one-decimal and integer cells is a fact of the data (value_text), not of the registry."""
    text = COMMITTED.read_text(encoding="utf-8")
    assert "tables 4 and 7" not in text
    assert "a table may print one-decimal and integer cells side by side" in text
