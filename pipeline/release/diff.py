"""Compare two builds of the package table by table, on each table's primary key.

A build is a folder with ``datapackage.json`` and the files it lists (curated/…), or a release zip from
``pipeline.release.bundle``. For every table: rows added, removed, and changed (with the old and new value of
every changed column), plus columns added or removed and a changed primary key. Rows are read from each
resource's CSV (its ``path``), typed by the descriptor's schema (integer, number, boolean; other types are
compared as written); ``--parquet`` reads the Parquet twins instead.

``diff_frames`` is pure (two frames and a key in, a ``TableDiff`` out); ``render_text`` and ``to_json`` format
a ``PackageDiff`` for a terminal or for programs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import polars as pl

#: Rows shown per table and per kind of change in the terminal output (JSON is never truncated).
DEFAULT_LIMIT = 20


class DiffError(Exception):
    """A build cannot be read or compared (no descriptor, a missing file, a duplicated key)."""


@dataclass(frozen=True)
class RowChange:
    key: dict[str, Any]
    changes: dict[str, tuple[Any, Any]]


@dataclass(frozen=True)
class TableDiff:
    name: str
    status: str  # added | removed | changed | unchanged | key_changed
    primary_key: tuple[str, ...] = ()
    old_rows: int = 0
    new_rows: int = 0
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()
    added: tuple[dict[str, Any], ...] = ()
    removed: tuple[dict[str, Any], ...] = ()
    changed: tuple[RowChange, ...] = ()
    note: str | None = None

    @property
    def differs(self) -> bool:
        return self.status != "unchanged"


@dataclass(frozen=True)
class PackageDiff:
    old: dict[str, Any]
    new: dict[str, Any]
    tables: tuple[TableDiff, ...] = field(default_factory=tuple)

    @property
    def differs(self) -> bool:
        return any(t.differs for t in self.tables) or self.old.get("version") != self.new.get("version")


# --- reading a build -----------------------------------------------------------------------------------------

_CASTS: dict[str, pl.DataType] = {"integer": pl.Int64(), "number": pl.Float64()}


def _typed(frame: pl.DataFrame, schema: dict[str, Any]) -> pl.DataFrame:
    """Cast the all-string columns of a CSV frame to the descriptor's types where that is lossless."""
    exprs = []
    for f in schema.get("fields", []):
        name, kind = f["name"], f.get("type", "string")
        if name not in frame.columns:
            continue
        column = pl.col(name)
        if kind in _CASTS:
            exprs.append(column.cast(_CASTS[kind], strict=True))
        elif kind == "boolean":
            exprs.append(pl.when(column == "true").then(True).when(column == "false").then(False)
                         .otherwise(None).alias(name))
    try:
        return frame.with_columns(exprs) if exprs else frame
    except pl.exceptions.InvalidOperationError as exc:
        raise DiffError(f"a value does not match its declared type: {exc}") from exc


def read_resource(root: Path, resource: dict[str, Any], parquet: bool = False) -> pl.DataFrame:
    """One table of a build as a frame, from its CSV (typed by the schema) or its Parquet twin."""
    if parquet and "parquet" in resource:
        path = root / resource["parquet"]["path"]
        if not path.is_file():
            raise DiffError(f"{path}: missing")
        return pl.read_parquet(path)
    path = root / resource["path"]
    if not path.is_file():
        raise DiffError(f"{path}: missing")
    frame = pl.read_csv(path, infer_schema=False, empty_string_is_null=True)
    return _typed(frame, resource.get("schema", {}))


def read_descriptor(root: Path) -> dict[str, Any]:
    path = root / "datapackage.json"
    if not path.is_file():
        raise DiffError(f"{root}: no datapackage.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _extracted_root(zip_path: Path, into: Path) -> Path:
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(into)
    candidates = sorted(p.parent for p in into.glob("*/datapackage.json")) or (
        [into] if (into / "datapackage.json").is_file() else [])
    if len(candidates) != 1:
        raise DiffError(f"{zip_path}: expected one folder with datapackage.json in the zip")
    return candidates[0]


# --- comparing -----------------------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """A JSON-friendly Python value (dates as ISO strings)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _row(frame_row: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in frame_row.items()}


def _duplicates(frame: pl.DataFrame, key: Sequence[str]) -> list[dict[str, Any]]:
    return frame.group_by(list(key)).len().filter(pl.col("len") > 1).drop("len").sort(list(key)).to_dicts()


def diff_frames(name: str, old: pl.DataFrame, new: pl.DataFrame, key: Sequence[str]) -> TableDiff:
    """Rows added, removed and changed between two versions of one table, matched on ``key``."""
    key = tuple(key)
    missing = [c for c in key if c not in old.columns or c not in new.columns]
    if missing:
        raise DiffError(f"{name}: key columns {missing} missing from one of the builds")
    for label, frame in (("old", old), ("new", new)):
        dups = _duplicates(frame, key)
        if dups:
            raise DiffError(f"{name}: duplicate primary key in the {label} build: {dups[:5]}")
    columns_added = tuple(c for c in new.columns if c not in old.columns)
    columns_removed = tuple(c for c in old.columns if c not in new.columns)
    common = [c for c in new.columns if c in old.columns and c not in key]
    # A column retyped between the builds is compared as text.
    retyped = [c for c in (*key, *common) if old.schema[c] != new.schema[c]]
    if retyped:
        old = old.with_columns(pl.col(c).cast(pl.String()) for c in retyped)
        new = new.with_columns(pl.col(c).cast(pl.String()) for c in retyped)
    old_c = old.select(*key, *common)
    new_c = new.select(*key, *common)
    order = list(key)
    added = new.join(old_c.select(key), on=list(key), how="anti", nulls_equal=True).sort(order)
    removed = old.join(new_c.select(key), on=list(key), how="anti", nulls_equal=True).sort(order)
    both = old_c.join(new_c, on=list(key), how="inner", suffix="__new", nulls_equal=True).sort(order)
    changes: list[RowChange] = []
    if common and both.height:
        differs = pl.any_horizontal([pl.col(c).ne_missing(pl.col(f"{c}__new")) for c in common])
        for row in both.filter(differs).iter_rows(named=True):
            changed = {c: (_plain(row[c]), _plain(row[f"{c}__new"])) for c in common
                       if row[c] != row[f"{c}__new"]}
            changes.append(RowChange(key={k: _plain(row[k]) for k in key}, changes=changed))
    differs_at_all = bool(added.height or removed.height or changes or columns_added or columns_removed)
    return TableDiff(
        name=name, status="changed" if differs_at_all else "unchanged", primary_key=key,
        old_rows=old.height, new_rows=new.height, columns_added=columns_added, columns_removed=columns_removed,
        added=tuple(_row(r) for r in added.iter_rows(named=True)),
        removed=tuple(_row(r) for r in removed.iter_rows(named=True)),
        changed=tuple(changes),
    )


def diff_builds(old_root: Path, new_root: Path, parquet: bool = False) -> PackageDiff:
    """Compare the builds in two folders (or release zips)."""
    with tempfile.TemporaryDirectory() as tmp:
        roots = []
        for label, root in (("old", old_root), ("new", new_root)):
            if root.is_file() and zipfile.is_zipfile(root):
                root = _extracted_root(root, Path(tmp) / label)
            roots.append(root)
        return _diff_roots(roots[0], roots[1], parquet)


def _summary(descriptor: dict[str, Any], root: Path) -> dict[str, Any]:
    return {"path": str(root), "name": descriptor.get("name"), "version": descriptor.get("version")}


def _diff_roots(old_root: Path, new_root: Path, parquet: bool) -> PackageDiff:
    old_d, new_d = read_descriptor(old_root), read_descriptor(new_root)
    old_res = {r["name"]: r for r in old_d.get("resources", [])}
    new_res = {r["name"]: r for r in new_d.get("resources", [])}
    names = [r["name"] for r in new_d.get("resources", [])] + [n for n in old_res if n not in new_res]
    tables = []
    for name in names:
        if name not in old_res:
            frame = read_resource(new_root, new_res[name], parquet)
            tables.append(TableDiff(name, "added", tuple(new_res[name]["schema"].get("primaryKey", [])),
                                    new_rows=frame.height))
            continue
        if name not in new_res:
            frame = read_resource(old_root, old_res[name], parquet)
            tables.append(TableDiff(name, "removed", tuple(old_res[name]["schema"].get("primaryKey", [])),
                                    old_rows=frame.height))
            continue
        old_key = tuple(old_res[name]["schema"].get("primaryKey", []))
        new_key = tuple(new_res[name]["schema"].get("primaryKey", []))
        old_frame = read_resource(old_root, old_res[name], parquet)
        new_frame = read_resource(new_root, new_res[name], parquet)
        if not new_key:
            raise DiffError(f"{name}: the new descriptor declares no primary key")
        if old_key != new_key:
            tables.append(TableDiff(name, "key_changed", new_key, old_frame.height, new_frame.height,
                                    note=f"primary key changed from {list(old_key)} to {list(new_key)}; "
                                         "rows not compared"))
            continue
        tables.append(diff_frames(name, old_frame, new_frame, new_key))
    return PackageDiff(old=_summary(old_d, old_root), new=_summary(new_d, new_root), tables=tuple(tables))


# --- output --------------------------------------------------------------------------------------------------

def _key_text(key: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in key.items())


def _value_text(value: Any) -> str:
    return "null" if value is None else repr(value) if isinstance(value, str) else str(value)


def render_text(diff: PackageDiff, limit: int = DEFAULT_LIMIT) -> str:
    """A terminal report: one block per table that differs, one line per unchanged table."""
    old, new = diff.old, diff.new
    lines = [f"old: {old['name']} {old['version']}  ({old['path']})",
             f"new: {new['name']} {new['version']}  ({new['path']})", ""]
    for t in diff.tables:
        if t.status == "unchanged":
            lines.append(f"= {t.name}: unchanged ({t.new_rows} rows)")
            continue
        if t.status == "added":
            lines.append(f"+ {t.name}: new table ({t.new_rows} rows)")
            continue
        if t.status == "removed":
            lines.append(f"- {t.name}: table removed ({t.old_rows} rows)")
            continue
        if t.status == "key_changed":
            lines.append(f"! {t.name}: {t.note}")
            continue
        lines.append(f"~ {t.name}: {t.old_rows} -> {t.new_rows} rows; {len(t.added)} added, {len(t.removed)} "
                     f"removed, {len(t.changed)} changed (key: {', '.join(t.primary_key)})")
        if t.columns_added:
            lines.append(f"    columns added: {', '.join(t.columns_added)}")
        if t.columns_removed:
            lines.append(f"    columns removed: {', '.join(t.columns_removed)}")
        for sign, rows in (("+", t.added), ("-", t.removed)):
            for row in rows[:limit]:
                lines.append(f"    {sign} {_key_text({k: row[k] for k in t.primary_key})}")
            if len(rows) > limit:
                lines.append(f"    {sign} … and {len(rows) - limit} more")
        for change in t.changed[:limit]:
            lines.append(f"    ~ {_key_text(change.key)}")
            for column, (before, after) in change.changes.items():
                lines.append(f"        {column}: {_value_text(before)} -> {_value_text(after)}")
        if len(t.changed) > limit:
            lines.append(f"    ~ … and {len(t.changed) - limit} more")
    changed = [t.name for t in diff.tables if t.differs]
    lines += ["", f"{len(changed)} of {len(diff.tables)} tables differ" + (f": {', '.join(changed)}" if changed else "")]
    return "\n".join(lines) + "\n"


def to_dict(diff: PackageDiff) -> dict[str, Any]:
    """The whole comparison as plain data (every row, never truncated)."""
    return {
        "old": diff.old,
        "new": diff.new,
        "differs": diff.differs,
        "tables": [{
            "name": t.name,
            "status": t.status,
            "primary_key": list(t.primary_key),
            "old_rows": t.old_rows,
            "new_rows": t.new_rows,
            "columns_added": list(t.columns_added),
            "columns_removed": list(t.columns_removed),
            "added": list(t.added),
            "removed": list(t.removed),
            "changed": [{"key": c.key, "changes": {col: {"old": o, "new": n} for col, (o, n) in c.changes.items()}}
                        for c in t.changed],
            **({"note": t.note} if t.note else {}),
        } for t in diff.tables],
    }


def to_json(diff: PackageDiff) -> str:
    return json.dumps(to_dict(diff), ensure_ascii=False, indent=2) + "\n"


# --- command line --------------------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", type=Path, help="old build: a folder with datapackage.json, or a release zip")
    parser.add_argument("new", type=Path, help="new build: a folder with datapackage.json, or a release zip")
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    parser.add_argument("--parquet", action="store_true", help="compare the Parquet files instead of the CSVs")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT,
                        help=f"rows shown per table and kind of change (text output; default {DEFAULT_LIMIT})")
    parser.add_argument("--exit-code", action="store_true", help="exit with 1 when the builds differ")


def run(args: argparse.Namespace) -> int:
    """``gazette diff OLD NEW [--json]``: 0 (or 1 with --exit-code if they differ), 2 if a build is unreadable."""
    try:
        diff = diff_builds(args.old, args.new, parquet=args.parquet)
    except DiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(to_json(diff) if args.json else render_text(diff, limit=args.limit))
    return 1 if args.exit_code and diff.differs else 0


def main_diff(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gazette diff", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main_diff())
