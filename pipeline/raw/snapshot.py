"""Discovering and verifying the raw gazette snapshots under raw/gazette/.

Each issue is a pair: ``<issue_id>.txt`` (the text, never edited) and ``<issue_id>.meta.json`` (the sidecar:
publisher, numbering, publication date, original file name, sha256, bytes, rights). Loading verifies the
sidecar's fields, the byte count and the sha256, and decodes strict UTF-8 (a BOM and CRLF line endings are
accepted and normalised away). Every refusal is a ``SourceError`` naming the file and, where one exists, the line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Mapping, Sequence

from pipeline.base.errors import SourceError
from pipeline.base.paths import ProjectPaths
from pipeline.parse.source import RawIssue
from pipeline.schema.common import ISSUE_ID_PATTERN
from pipeline.text.lines import split_lines


#: sidecar field -> expected Python type
SIDECAR_FIELDS: dict[str, type] = {
    "issue_id": str,
    "title_zh": str,
    "title_en": str,
    "publisher": str,
    "year": int,
    "issue_number": int,
    "cumulative_number": int,
    "published_date": str,
    "original_file_name": str,
    "encoding": str,
    "sha256": str,
    "bytes": int,
    "rights": str,
    "notes": str,
}


def discover(paths: ProjectPaths) -> list[Path]:
    """The raw text files of all issues, sorted by name (none is a valid, empty package); anything unexpected
    in raw/gazette is an error."""
    folder = paths.raw_gazette
    if not folder.is_dir():
        raise SourceError(str(folder), None, "a folder of gazette issues")
    texts: list[Path] = []
    for entry in sorted(folder.iterdir()):
        rel = f"raw/gazette/{entry.name}"
        if entry.is_symlink() or not entry.resolve().is_relative_to(folder.resolve()):
            raise SourceError(rel, None, "a regular file inside raw/gazette (links are refused)")
        if entry.name.endswith(".meta.json"):
            if not entry.with_name(entry.name.removesuffix(".meta.json") + ".txt").exists():
                raise SourceError(rel, None, "a matching .txt file beside the sidecar")
            continue
        if entry.suffix != ".txt" or not re.match(ISSUE_ID_PATTERN, entry.stem):
            raise SourceError(rel, None, "files named zjzfgb-<year>-<issue, two digits>.txt with a .meta.json sidecar")
        texts.append(entry)
    return texts


def read_raw(path: Path, rel: str) -> bytes:
    """The bytes of a raw input file. This is the one place raw files are read: any OSError (missing,
    unreadable, a folder) becomes a ``SourceError`` naming the file and what went wrong."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(rel, None, "an existing file", "no such file") from None
    except OSError as exc:
        raise SourceError(rel, None, "a readable file", exc.strerror or type(exc).__name__) from None


def load_sidecar(path: Path, rel: str) -> dict[str, Any]:
    if not path.exists():
        raise SourceError(rel, None, "a metadata sidecar next to the text")
    try:
        meta = json.loads(read_raw(path, rel).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise SourceError(rel, line, "a UTF-8 JSON object", str(exc)) from None
    if not isinstance(meta, dict):
        raise SourceError(rel, 1, "a JSON object")
    missing = sorted(set(SIDECAR_FIELDS) - set(meta))
    extra = sorted(set(meta) - set(SIDECAR_FIELDS))
    if missing or extra:
        raise SourceError(rel, None, f"exactly the fields {sorted(SIDECAR_FIELDS)}",
                          f"missing {missing}, unexpected {extra}")
    for name, kind in SIDECAR_FIELDS.items():
        if not isinstance(meta[name], kind) or isinstance(meta[name], bool):
            raise SourceError(rel, None, f"field {name!r} of type {kind.__name__}", repr(meta[name]))
    try:
        dt.date.fromisoformat(meta["published_date"])
    except ValueError:
        raise SourceError(rel, None, "published_date as YYYY-MM-DD", meta["published_date"]) from None
    if not re.fullmatch(r"[0-9a-f]{64}", meta["sha256"]):
        raise SourceError(rel, None, "sha256 as 64 lowercase hex digits", meta["sha256"])
    return meta


def decode(data: bytes, rel: str) -> str:
    """Strict UTF-8; a BOM is dropped and CRLF/CR become LF. Errors name the line of the first bad byte."""
    if not data.strip():
        raise SourceError(rel, 1, "gazette text", "an empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(rel, line, "UTF-8 text", f"byte 0x{data[exc.start]:02x} at offset {exc.start}") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SourceError(rel, line, "text without NUL characters (binary file?)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_issue(text_path: Path, paths: ProjectPaths) -> RawIssue:
    rel = paths.relative(text_path)
    issue_id = text_path.stem
    meta_path = text_path.with_name(issue_id + ".meta.json")
    meta_rel = paths.relative(meta_path)
    meta = load_sidecar(meta_path, meta_rel)
    if meta["issue_id"] != issue_id:
        raise SourceError(meta_rel, None, f"issue_id {issue_id!r} (the file name)", meta["issue_id"])
    data = read_raw(text_path, rel)
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta["sha256"]:
        raise SourceError(rel, None, f"sha256 {meta['sha256']} as recorded in {meta_rel}", digest)
    if len(data) != meta["bytes"]:
        raise SourceError(rel, None, f"{meta['bytes']} bytes as recorded in {meta_rel}", str(len(data)))
    lines = tuple(split_lines(decode(data, rel)))
    return RawIssue(issue_id=issue_id, source_path=rel, sha256=digest, meta=meta, lines=lines)


def identity_keys(issue: Mapping[str, Any]) -> dict[tuple[str, str], str]:
    """The keys two copies of one issue share, whatever their file names: the numbering (year and issue number),
    the cumulative number and the bytes (sha256), each with what it means. ``issue`` holds ``year``,
    ``issue_number``, ``cumulative_number`` and ``sha256`` (or ``source_sha256``, as in ``issues`` rows). The one
    same-issue rule, used by the build (``check_distinct_issues``) and by ``gazette add``."""
    sha = issue.get("sha256") or issue.get("source_sha256")
    return {("numbering", f"{issue['year']}年第{issue['issue_number']}期"): "the same numbering",
            ("cumulative", f"总第{issue['cumulative_number']}期"): "the same cumulative number",
            ("sha256", f"sha256 {str(sha)[:12]}…"): "the same bytes"}


def same_issue(issue: Mapping[str, Any], other: Mapping[str, Any]) -> str | None:
    """What makes ``issue`` and ``other`` the same issue (e.g. "the same numbering, 2016年第26期"), or None."""
    theirs = identity_keys(other)
    return next((f"{what}, {key[1]}" for key, what in identity_keys(issue).items() if key in theirs), None)


def check_distinct_issues(issues: Sequence[Mapping[str, Any]]) -> None:
    """Refuse the same issue under two names (``identity_keys``). Each item has ``source_path`` and the keys'
    fields, and optionally ``line_start`` (the masthead line printing the numbering), used in the message. Pure."""
    seen: list[tuple[Mapping[str, Any], str]] = []
    for issue in sorted(issues, key=lambda i: i["source_path"]):
        line = issue.get("line_start")
        for other, where in seen:
            if (what := same_issue(issue, other)) is not None:
                raise SourceError(issue["source_path"], line, f"an issue distinct from {where} "
                                  f"(duplicate issue: {what})")
        seen.append((issue, issue["source_path"] + (f":{line}" if line is not None else "")))


def load_all(paths: ProjectPaths) -> list[RawIssue]:
    issues = [load_issue(p, paths) for p in discover(paths)]
    check_distinct_issues([{"source_path": i.source_path, "sha256": i.sha256, **i.meta} for i in issues])
    return issues
