"""Curation from the review queue: which reference file each item asks to edit, and the rows to add there.

``gazette review`` groups the queue of the last build by the file a curator edits; ``gazette review --suggest``
prints, per file, its header and ready CSV rows where the build can write them: an alias appended to the
closest curated unit or a new unit row (``unit_choice`` says which is likelier, by difflib ratio on the
names without 省 and their type character), a document's English title (reused from a curated document with
the same Chinese title), a task scope confirming the default rule (with the tasks printed without a clause),
a number rule. A value only a person can give is the placeholder ``<FILL: …>``, which the reference reader
refuses, so a suggestion applied without filling it stops the build with the file and line.

A row whose key already exists in the file replaces that row; the others are appended.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.reference.declarations import (DOCUMENT_SERIES_FILE, DOCUMENT_TITLES_FILE, INDICATORS_FILE,
                                             NUMBER_RULES_FILE, REFERENCE_FILES, REGIONS_FILE, TASK_SCOPES_FILE,
                                             UNITS_FILE, ReferenceFile, read)
from pipeline.reference.reader import PLACEHOLDER, row_line
from pipeline.schema.tables_tasks import ALIAS_SEPARATOR

#: review kind -> the reference file a curator edits (kinds not listed need code or the issue's notes)
KIND_FILES: dict[str, ReferenceFile] = {
    "unknown_unit": UNITS_FILE, "unclassified_number": NUMBER_RULES_FILE, "default_task_scope": TASK_SCOPES_FILE,
    "missing_clause": TASK_SCOPES_FILE, "unread_responsibility": TASK_SCOPES_FILE,
    "unknown_indicator": INDICATORS_FILE, "unknown_region": REGIONS_FILE,
    "unknown_document_series": DOCUMENT_SERIES_FILE, "missing_translation": DOCUMENT_TITLES_FILE,
}
NO_FILE = "no reference row (check the raw lines; the parser or the issue's notes)"
#: At or above this ratio between the cores of two unit names, an alias is likelier than a new unit.
ALIAS_RATIO = 0.6
#: The type character a unit name ends with -> (category, unit_id prefix) of a new unit.
UNIT_TYPES = {"厅": ("provincial_department", "zj-dept-"), "委": ("provincial_commission", "zj-comm-"),
              "局": ("provincial_bureau", "zj-bureau-"), "办": ("provincial_office", "zj-office-")}


def fill(what: str) -> str:
    return f"{PLACEHOLDER} {what}>"


def file_of(kind: str) -> str:
    ref = KIND_FILES.get(kind)
    return ref.path if ref is not None else NO_FILE


def group_by_file(queue: list[dict]) -> dict[str, list[dict]]:
    """The items by the file to edit, in the order of the reference files (items needing no row last)."""
    order = [ref.path for ref in REFERENCE_FILES] + [NO_FILE]
    groups: dict[str, list[dict]] = {}
    for item in queue:
        groups.setdefault(file_of(item["kind"]), []).append(item)
    return {path: groups[path] for path in order if path in groups}


@dataclass
class FileSuggestion:
    ref: ReferenceFile
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> row, in order
    notes: list[str] = field(default_factory=list)


def _core(name: str) -> str:
    return name.removeprefix("浙江省").removeprefix("省").rstrip("厅委局办")


def unit_choice(name: str, units: list[dict[str, str]]) -> tuple[dict[str, str] | None, str, float]:
    """(closest curated unit, its alias, ratio): the unit when an alias is likelier, else None."""
    best = (None, "", 0.0)
    for row in units:
        for alias in row["aliases"].split(ALIAS_SEPARATOR):
            same_type = alias[-1:] == name[-1:]
            ratio = difflib.SequenceMatcher(None, _core(name), _core(alias)).ratio() if same_type else 0.0
            if ratio > best[2]:
                best = (row, alias, ratio)
    return (best[0] if best[2] >= ALIAS_RATIO else None), best[1], best[2]


def unit_hint(name: str, root: Path) -> str:
    """Which of "add an alias" / "add a unit" is likelier for an unknown unit name, and why."""
    unit, alias, ratio = unit_choice(name, read(UNITS_FILE, root))
    if unit is not None:
        return f"add an alias to {unit['unit_id']} ({alias}, difflib ratio {ratio:.2f} >= {ALIAS_RATIO})"
    return f"add a unit (closest {alias or 'none of the same type'}, ratio {ratio:.2f} < {ALIAS_RATIO})"


def _where(item: dict) -> str:
    many = f" (first of {item['occurrences']})" if item["occurrences"] > 1 else ""
    return f"line {item['line']}{many} of {item['issue_id']}.txt"


def _unit(item: dict, units: list[dict[str, str]], out: FileSuggestion) -> None:
    name = item["text"]
    unit, alias, ratio = unit_choice(name, units)
    if unit is not None:
        row = dict(out.rows.get(unit["unit_id"], unit))
        row["aliases"] += ALIAS_SEPARATOR + name
        row["source"] += f"; written {name} at {_where(item)} (gazette review: {alias} at difflib ratio {ratio:.2f})"
        out.rows[unit["unit_id"]] = row
        out.notes.append(f"{name}: likelier an alias of {unit['unit_id']} ({alias}, ratio {ratio:.2f}); "
                         "check it is the same body")
        return
    category, prefix = UNIT_TYPES.get(name[-1:], (fill("category"), fill("unit_id prefix")))
    out.rows[name] = {"unit_id": prefix + fill("english-subject"), "name_zh": name,
                      "full_name_zh": fill("official full name"), "name_en": "", "category": category,
                      "aliases": name, "source": f"named in responsibility clauses at {_where(item)}"}
    out.notes.append(f"{name}: likelier a new unit (closest {alias or 'none'}, ratio {ratio:.2f} < {ALIAS_RATIO})")


def _title(item: dict, known: dict[str, str], out: FileSuggestion) -> None:
    title_en = known.get(item["text"])
    reason = ("the same title as a curated document, whose translation is reused" if title_en
              else fill("reasons for the translation"))
    out.rows[item["document_id"]] = {"document_id": item["document_id"], "title": item["text"],
                                     "title_en": title_en or fill("English title"),
                                     "source": f"Translation of the title {item['text']} "
                                               f"({item['issue_id']}.txt line {item['line']}); {reason}"}


def _scope(item: dict, scopes: dict[str, dict[str, str]], out: FileSuggestion) -> None:
    doc = item["document_id"]
    row = out.rows.get(doc) or dict(scopes.get(doc) or {
        "document_id": doc, "rule": "default", "parent_ordinals": "", "parent_heading": "",
        "tasks_without_clause": "",
        "source": f"({item['issue_id']}.txt) reviewed with gazette review --suggest: the default rule's reading"})
    if item["kind"] == "default_task_scope":
        row["source"] += f"; {item['text']} line {item['line']}: {item['detail'].split(': ', 1)[-1]}"
    elif item["kind"] == "missing_clause":
        ordinal = item["text"].split()[1]
        listed = [o for o in row["tasks_without_clause"].split("|") if o]
        row["tasks_without_clause"] = "|".join([*listed, ordinal])
        row["source"] += f"; task {ordinal} (line {item['line']}) is printed without a responsibility clause"
    else:
        out.notes.append(f"{item['issue_id']}:{item['line']}: {item['text']}: check the rule by hand")
    out.rows[doc] = row


def _number(item: dict, out: FileSuggestion) -> None:
    digits = re.search(r"\d+(?:\.\d+)?", item["text"])
    around = item["text"][max(0, digits.start() - 2):digits.end() + 2] if digits else item["text"]
    pattern = re.escape(around).replace(re.escape(digits.group()), r"\d+") if digits else re.escape(around)
    out.rows[pattern] = {"classification": fill("count or name"), "pattern": pattern,
                         "note": fill("why it is not a target, with {match}"),
                         "source": f"{item['text']} ({item['issue_id']}.txt line {item['line']})"}


def _other(item: dict, out: FileSuggestion) -> None:
    columns = out.ref.columns
    row = {c: fill(c) for c in columns}
    row[columns[-1]] = f"{item['text']} ({item['issue_id']}.txt line {item['line']}): {item['detail']}"
    out.rows[item["text"]] = row


def suggest(queue: list[dict], root: Path, titles_zh: dict[str, str]) -> list[FileSuggestion]:
    """One suggestion per reference file the queue asks to edit; ``titles_zh`` maps a curated document's
    Chinese title to its English title."""
    units, scopes = read(UNITS_FILE, root), {r["document_id"]: r for r in read(TASK_SCOPES_FILE, root)}
    out: dict[str, FileSuggestion] = {}
    for item in queue:
        ref = KIND_FILES.get(item["kind"])
        if ref is None:
            continue
        target = out.setdefault(ref.path, FileSuggestion(ref))
        if ref is UNITS_FILE:
            _unit(item, units, target)
        elif ref is DOCUMENT_TITLES_FILE:
            _title(item, titles_zh, target)
        elif ref is TASK_SCOPES_FILE:
            _scope(item, scopes, target)
        elif ref is NUMBER_RULES_FILE:
            _number(item, target)
        else:
            _other(item, target)
    return [out[ref.path] for ref in REFERENCE_FILES if ref.path in out]


def key_of(ref: ReferenceFile, row: dict[str, str]) -> str:
    key = (ref.key,) if isinstance(ref.key, str) else ref.key
    return "\t".join(row[c] for c in key)


def render(suggestions: list[FileSuggestion], root: Path) -> str:
    """Per file: a comment naming it and which rows replace existing ones, the header, the rows as CSV."""
    blocks = []
    for s in suggestions:
        existing = {key_of(s.ref, r): row_line(i) for i, r in enumerate(read(s.ref, root))}
        replaced = [f"{key_of(s.ref, r)} (line {existing[key_of(s.ref, r)]})" for r in s.rows.values()
                    if key_of(s.ref, r) in existing]
        head = [f"# {s.ref.path}: {len(s.rows)} row(s); "
                + (f"replace the rows of {', '.join(replaced)}, append the others" if replaced else "append them")]
        head += [f"#   {note}" for note in s.notes]
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(s.ref.columns)
        writer.writerows([row[c] for c in s.ref.columns] for row in s.rows.values())
        blocks.append("\n".join(head) + "\n" + text.getvalue())
    return "\n".join(blocks)
