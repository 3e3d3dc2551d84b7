"""Taking a new gazette issue into raw/gazette: ``gazette add FILE``.

The issue's numbering and publication date are read from its own mastheads (``pipeline.parse.masthead``),
so nobody types a sidecar: the text is copied byte for byte to ``raw/gazette/zjzfgb-<year>-<NN>.txt`` and its
sidecar (sha256, bytes, numbering, original file name, rights note) is written next to it. A file whose
mastheads cannot be read, or an issue that raw/gazette already holds (same numbering or same bytes), is
refused with file:line, and nothing is written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.base.errors import SourceError
from pipeline.parse.layout import segment
from pipeline.parse.masthead import read_masthead
from pipeline.base.paths import ProjectPaths
from pipeline.raw.snapshot import SIDECAR_FIELDS, decode, same_issue
from pipeline.schema.common import make_issue_id
from pipeline.text.lines import split_lines

RIGHTS = ("Official documents of state organs (laws, regulations, resolutions, decisions, orders and other documents "
          "of a legislative, administrative or judicial nature) are excluded from copyright protection by Article 5 "
          "of the Copyright Law of the People's Republic of China. The gazette text is reproduced here unaltered.")


@dataclass(frozen=True)
class AddedIssue:
    issue_id: str
    text: Path
    sidecar: Path


def sidecar_for(data: bytes, facts: dict[str, Any], original_name: str) -> dict[str, Any]:
    """The sidecar of an issue's bytes, from the facts its mastheads print."""
    issue_id = make_issue_id(facts["year"], facts["issue_number"])
    meta = {
        "issue_id": issue_id,
        "title_zh": facts["title_zh"],
        "title_en": facts["title_en"],
        "publisher": facts["publisher"],
        "year": facts["year"],
        "issue_number": facts["issue_number"],
        "cumulative_number": facts["cumulative_number"],
        "published_date": facts["published_date"],
        "original_file_name": original_name,
        "encoding": "utf-8",
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "rights": RIGHTS,
        "notes": f"Plain-text rendering of the printed issue ({facts['year']}年第{facts['issue_number']}期, "
                 f"总第{facts['cumulative_number']}期) as received; copied byte for byte by `gazette add`, never "
                 "edited.",
    }
    return {name: meta[name] for name in SIDECAR_FIELDS}


def add_issue(source: Path, paths: ProjectPaths) -> AddedIssue:
    """Copy ``source`` into raw/gazette with its sidecar; ``SourceError`` if it cannot be read or is there already."""
    shown = str(source)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise SourceError(shown, None, "a readable gazette text file", exc.strerror or str(exc)) from None
    lines = split_lines(decode(data, shown))
    facts = read_masthead(lines, segment(lines, shown), shown)
    meta = sidecar_for(data, facts, source.name)
    folder = paths.raw_gazette
    folder.mkdir(parents=True, exist_ok=True)
    text_path = folder / f"{meta['issue_id']}.txt"
    sidecar_path = folder / f"{meta['issue_id']}.meta.json"
    for other in sorted(folder.glob("*.meta.json")):
        known = json.loads(other.read_text(encoding="utf-8"))
        if (what := same_issue(meta, known)) is not None:
            raise SourceError(shown, facts["issue_number_line"], f"an issue that raw/gazette does not hold yet "
                              f"({paths.relative(other)} is {known.get('issue_id')}: {what})",
                              f"{facts['year']}年第{facts['issue_number']}期")
    if text_path.exists():
        raise SourceError(shown, None, f"no file {paths.relative(text_path)} yet", "it exists")
    text_path.write_bytes(data)
    sidecar_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return AddedIssue(meta["issue_id"], text_path, sidecar_path)
