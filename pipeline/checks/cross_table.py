"""Cross-table checks on the frames about to be published: every foreign key resolves."""

from __future__ import annotations

from typing import Mapping, Sequence

import polars as pl

from pipeline.reference.reader import row_line
from pipeline.reference.declarations import TARGET_LINKS_FILE
from pipeline.schema.model import Table


def orphan_foreign_keys(tables: Mapping[str, Table], frames: Mapping[str, pl.DataFrame]) -> list[str]:
    """One message per foreign key with values that match no row of the referenced table."""
    problems: list[str] = []
    for name, table in tables.items():
        frame = frames[name]
        for fk in table.foreign_keys:
            target = frames.get(fk.resource)
            if target is None:
                problems.append(f"{name}.{','.join(fk.fields)} references missing table {fk.resource}")
                continue
            keys = frame.select(fk.fields).drop_nulls().unique()
            ref = target.select([pl.col(r).alias(f) for f, r in zip(fk.fields, fk.reference_fields)]).unique()
            orphans = keys.join(ref, on=list(fk.fields), how="anti").sort(list(fk.fields))
            if orphans.height:
                sample = orphans.head(5).rows()
                problems.append(f"{name}.{','.join(fk.fields)} -> {fk.resource}: {orphans.height} value(s) with no "
                                f"match, e.g. {sample}")
    return problems


def unresolved_target_links(links: Sequence[Mapping[str, str]], targets: pl.DataFrame,
                            documents: pl.DataFrame) -> list[str]:
    """Rows of raw/reference/target_indicator_links.csv whose document is published but whose target is not.

    A link to a document that no issue in raw/ prints is ignored (the reference serves every issue; the
    package may hold any subset of issues); ``ignored_target_links`` counts those for the report.
    """
    known = set(targets["target_id"].to_list())
    printed = set(documents["document_id"].to_list())
    return [f"{TARGET_LINKS_FILE.path}:{row_line(i)}: expected a published target {link['target_id']}"
            for i, link in enumerate(links)
            if link["target_id"] not in known and _link_document(link) in printed]


def ignored_target_links(links: Sequence[Mapping[str, str]], documents: pl.DataFrame) -> list[str]:
    """Target ids of the links whose document no published issue prints (ignored, with a note)."""
    printed = set(documents["document_id"].to_list())
    return [link["target_id"] for link in links if _link_document(link) not in printed]


def _link_document(link: Mapping[str, str]) -> str:
    return link["target_id"].rsplit("-g", 1)[0]
