"""The Frictionless Data Package (v2) descriptor, generated from the registry and the written files.

Each table is one CSV resource (validated by ``frictionless validate``, hash and bytes included); its Parquet
twin is listed under the resource's ``parquet`` property with its own hash (frictionless does not verify
Parquet hashes, so the build's checks do). No timestamps: the same inputs give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from pipeline.base.files import FileInfo
from pipeline.schema.model import DECIMAL_PRECISION, Field, Table

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PACKAGE_NAME = "zjzfgb-gazette"

RIGHTS = ("The source texts are official documents of state organs, excluded from copyright protection by "
          "Article 5 of the Copyright Law of the People's Republic of China. The structure, identifiers and "
          "English labels added by this package are dedicated to the public domain (ODC-PDDL-1.0).")


def field_descriptor(field: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"name": field.name, "type": field.type, "description": field.description}
    constraints: dict[str, Any] = {}
    if field.required:
        constraints["required"] = True
    if field.unique:
        constraints["unique"] = True
    if field.enum is not None:
        constraints["enum"] = list(field.enum)
    if field.pattern is not None:
        constraints["pattern"] = field.pattern
    if field.minimum is not None:
        constraints["minimum"] = field.minimum
    if field.maximum is not None:
        constraints["maximum"] = field.maximum
    elif field.decimals is not None:  # what DECIMAL(DECIMAL_PRECISION, decimals) holds
        constraints["exclusiveMaximum"] = 10 ** (DECIMAL_PRECISION - field.decimals)
    if constraints:
        out["constraints"] = constraints
    return out


def schema_descriptor(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [field_descriptor(f) for f in table.fields],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.fields),
             "reference": ({"fields": list(fk.reference_fields)} if fk.resource == table.name
                           else {"resource": fk.resource, "fields": list(fk.reference_fields)})}
            for fk in table.foreign_keys
        ]
    return schema


def resource_descriptor(table: Table, csv: FileInfo, parquet: FileInfo, csv_path: str, parquet_path: str) -> dict[str, Any]:
    return {
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "path": csv_path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "hash": f"sha256:{csv.sha256}",
        "bytes": csv.bytes,
        "dialect": {"delimiter": ",", "header": True},
        "schema": schema_descriptor(table),
        "parquet": {"path": parquet_path, "mediatype": "application/vnd.apache.parquet",
                    "hash": f"sha256:{parquet.sha256}", "bytes": parquet.bytes},
    }


def package_descriptor(resources: Sequence[dict[str, Any]], sources: Sequence[dict[str, Any]],
                       version: str) -> dict[str, Any]:
    """The descriptor of release ``version`` (a build passes ``base.changelog.release_version(root)``)."""
    return {
        "$schema": PROFILE,
        "name": PACKAGE_NAME,
        "title": "Zhejiang Provincial People's Government Gazette (浙江省人民政府公报) as data",
        "description": "Tidy, typed tables parsed from issues of the Zhejiang Provincial People's Government "
                       "Gazette: issues, tables of contents, documents and their sections. Every row "
                       "names the raw lines it was parsed from.",
        "version": version,
        "keywords": ["Zhejiang", "government gazette", "policy documents", "浙江省人民政府公报"],
        "licenses": [{"name": "ODC-PDDL-1.0", "title": "Open Data Commons Public Domain Dedication and License 1.0",
                      "path": "https://opendatacommons.org/licenses/pddl/1-0/"}],
        "rights": RIGHTS,
        "sources": list(sources),
        "resources": list(resources),
    }


def write_descriptor(descriptor: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
