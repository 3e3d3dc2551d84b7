"""Which rows each expectation of a suite must see, and the validation calls that show them (pure; no GX here).

An expectation suite is validated by issue, not by table, where that gives the same result:

- **row-wise** expectations (``ROW_WISE``: a value, or two values of one row, decide that row alone, and no
  ``mostly``) and **schema** expectations (``SCHEMA``: decided by the column names) are validated on the rows of
  the issues whose rows changed since they last passed the same expectations, in batches of at most
  ``BATCH_ROWS`` rows; an issue whose rows are unchanged (same digest) is not validated again;
- every other expectation (uniqueness, distinct values, column types, anything with ``mostly``, any type not
  listed here) is **whole-table**: it sees every row, of the columns it names only.

Because an issue is reused only when *all* its row-wise expectations passed, the rows validated again hold every
failing row: the outcome, and the detail of a failure (unexpected count, first examples), are those of one
validation of the whole table. A table without ``issue_id`` is one group. A table that fits one batch is
validated whole, in one call (GX's cost per call outweighs what reuse would save on so few rows).
"""

from __future__ import annotations

import hashlib
import json
from array import array
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import polars as pl

#: The column that splits a table into issues.
ISSUE_KEY = "issue_id"
#: Most rows one validation call converts to pandas (bounds a suite's memory on a large table).
BATCH_ROWS = 50_000
#: Expectations whose success for a row depends on that row alone (validated per changed issue).
ROW_WISE = frozenset({
    "expect_column_values_to_not_be_null", "expect_column_values_to_be_null",
    "expect_column_value_lengths_to_be_between", "expect_column_value_lengths_to_equal",
    "expect_column_values_to_be_in_set", "expect_column_values_to_not_be_in_set",
    "expect_column_values_to_match_regex", "expect_column_values_to_not_match_regex",
    "expect_column_values_to_match_regex_list", "expect_column_values_to_not_match_regex_list",
    "expect_column_values_to_be_between", "expect_column_values_to_match_strftime_format",
    "expect_column_pair_values_a_to_be_greater_than_b", "expect_column_pair_values_to_be_equal",
})
#: Expectations decided by the table's column names alone (they go with the row-wise calls, on zero rows if need be).
SCHEMA = frozenset({"expect_table_columns_to_match_ordered_list", "expect_table_columns_to_match_set",
                    "expect_column_to_exist", "expect_table_column_count_to_equal"})
#: Keyword arguments that name columns.
_COLUMN_KWARGS = ("column", "column_A", "column_B", "column_list")


def by_row(expectation: Mapping[str, Any]) -> bool:
    """Whether ``expectation`` may be validated on some rows at a time (row-wise or schema)."""
    kind = expectation.get("type")
    return kind in SCHEMA or (kind in ROW_WISE and "mostly" not in expectation.get("kwargs", {}))


def named_columns(expectation: Mapping[str, Any], columns: Sequence[str]) -> list[str]:
    """The columns of ``columns`` an expectation names, in table order; all of them if it names none."""
    kwargs = expectation.get("kwargs", {})
    named = set()
    for key in _COLUMN_KWARGS:
        value = kwargs.get(key)
        named.update(value if isinstance(value, list) else [value] if isinstance(value, str) else [])
    return [c for c in columns if c in named] or list(columns)


def row_digest_key(expectations: Sequence[Mapping[str, Any]], versions: Sequence[str]) -> str:
    """What a reused pass depends on besides the rows: the by-row expectations and the libraries' versions."""
    chosen = [e for e in expectations if by_row(e)]
    text = json.dumps([chosen, list(versions)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def group_digests(frame: pl.DataFrame) -> dict[str, str]:
    """Each issue's rows as a digest (column types included), in table order; ``{"": …}`` without ``issue_id``."""
    schema = repr(list(frame.schema.items())).encode()
    keys = frame[ISSUE_KEY].fill_null("") if ISSUE_KEY in frame.columns else pl.Series([""] * frame.height)
    grouped = (pl.DataFrame({"group": keys.cast(pl.String), "a": frame.hash_rows(seed=0), "b": frame.hash_rows(seed=1)})
               .group_by("group", maintain_order=True).agg("a", "b"))  # two seeds: 128 bits a row
    return {group: hashlib.sha256(schema + array("Q", a + b).tobytes()).hexdigest()
            for group, a, b in grouped.iter_rows()}


@dataclass(frozen=True)
class Call:
    """One validation: ``frame`` shown to the expectations ``indices`` of the suite; ``groups`` the issues whose
    rows it holds (empty for a whole-table call)."""

    frame: pl.DataFrame
    indices: tuple[int, ...]
    groups: tuple[str, ...] = ()


def _rows_of(frame: pl.DataFrame, groups: Sequence[str]) -> pl.DataFrame:
    if ISSUE_KEY not in frame.columns:
        return frame
    return frame.filter(pl.col(ISSUE_KEY).fill_null("").cast(pl.String).is_in(list(groups)))


def _group_sizes(frame: pl.DataFrame) -> pl.DataFrame:
    if ISSUE_KEY not in frame.columns:
        return pl.DataFrame({"group": [""], "len": [frame.height]})
    return frame.group_by(pl.col(ISSUE_KEY).fill_null("").cast(pl.String).alias("group")).len()


def _batches(stale: Sequence[str], rows: Mapping[str, int], batch_rows: int) -> list[list[str]]:
    """Consecutive groups of ``stale`` with at most ``batch_rows`` rows together (a larger group alone)."""
    batches: list[list[str]] = []
    size = 0
    for group in stale:
        if not batches or size + rows.get(group, 0) > batch_rows:
            batches.append([])
            size = 0
        batches[-1].append(group)
        size += rows.get(group, 0)
    return batches


def plan_calls(frame: pl.DataFrame, expectations: Sequence[Mapping[str, Any]], digests: Mapping[str, str],
               passed: Mapping[str, str], batch_rows: int | None = None) -> list[Call]:
    """The calls that validate ``frame`` against ``expectations``, reusing the groups of ``passed`` (group →
    digest of rows that passed every by-row expectation) whose digest in ``digests`` is unchanged; row calls of
    at most ``batch_rows`` rows (default ``BATCH_ROWS``)."""
    batch_rows = BATCH_ROWS if batch_rows is None else batch_rows
    rowwise = tuple(i for i, e in enumerate(expectations) if by_row(e))
    whole = tuple(i for i, e in enumerate(expectations) if not by_row(e))
    if frame.height <= batch_rows:  # one call costs less than two, whatever could be reused
        return [Call(frame, tuple(range(len(expectations))), tuple(digests))]
    stale = [g for g, d in digests.items() if passed.get(g) != d]
    rows = {g: n for g, n in _group_sizes(frame).iter_rows()}
    calls = [Call(_rows_of(frame, batch), rowwise, tuple(batch)) for batch in _batches(stale, rows, batch_rows)]
    if not calls and rowwise:
        calls.append(Call(frame.head(0), rowwise))
    if whole:
        columns = [c for c in frame.columns if any(c in named_columns(expectations[i], frame.columns) for i in whole)]
        calls.append(Call(frame.select(columns), whole))
    return calls


def passed_groups(calls: Sequence[Call], successes: Sequence[Sequence[bool]], digests: Mapping[str, str],
                  passed: Mapping[str, str], expectations: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Group → digest for every group whose current rows passed every by-row expectation: those reused from
    ``passed`` and those of a call in which every by-row expectation succeeded (``successes[k][j]``: whether the
    ``j``-th expectation of call ``k`` succeeded)."""
    out = {g: d for g, d in digests.items() if passed.get(g) == d}
    for call, ok in zip(calls, successes):
        if call.groups and all(s for i, s in zip(call.indices, ok) if by_row(expectations[i])):
            out.update({g: digests[g] for g in call.groups})
    return {g: out[g] for g in digests if g in out}
