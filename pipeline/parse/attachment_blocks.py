"""Split an attachment (附件N) into its tables, by structure alone.

An attachment is its heading line (``附件N``), a title line, then content. Inside the content a line without
a tab opens a new block (it is the block's title, e.g. ``一、研发人员数``); the tab-separated lines after it
are the block's rows. Tab-separated lines right after the attachment title form a block without a title of
its own (the attachment title names it). Blank lines separate nothing. Which parser reads a block is decided
by its header rows (``pipeline.parse.attachment_tables``), never by its title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.base.errors import SourceError
from pipeline.parse.patterns import ATTACHMENT_HEADING, chinese_numeral
from pipeline.text.lines import Line

#: A numbered table title: 一、 … followed by the title text.
TABLE_TITLE = re.compile(r"([一二三四五六七八九十]+)、(\S.*)")


@dataclass
class TableBlock:
    """Rows of one table of an attachment; ``number`` is the ordinal of its title (一、 = 1), if numbered."""

    attachment: int
    attachment_title: Line
    title: Line | None
    number: int | None
    name: str
    rows: list[Line] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return self.title.number if self.title is not None else self.rows[0].number


def split_attachment(lines: Sequence[Line], path: str) -> list[TableBlock]:
    """The blocks of one attachment (its heading line to its last line, blanks included), in printed order.

    Blocks without rows (prose lines of an attachment) are returned too, with ``rows`` empty.
    """
    content = [line for line in lines if not line.blank]
    heading = ATTACHMENT_HEADING.match(content[0].clean) if content else None
    if heading is None:
        where = content[0] if content else None
        raise SourceError(path, where.number if where else None, "an attachment heading 附件N",
                          where.raw if where else "no text")
    if len(content) < 2 or "\t" in content[1].raw:
        where = content[1] if len(content) > 1 else content[0]
        raise SourceError(path, where.number, "the attachment title (one line without tabs) after 附件N",
                          where.raw)
    number, title = int(heading.group(1)), content[1]
    blocks: list[TableBlock] = []
    for index, line in enumerate(content[2:], start=2):
        if "\t" in line.raw:
            if not blocks:
                blocks.append(TableBlock(number, title, None, None, title.clean))
            blocks[-1].rows.append(line)
            continue
        match = TABLE_TITLE.fullmatch(line.clean)
        ordinal = None
        if match:
            try:
                ordinal = chinese_numeral(match.group(1))
            except ValueError:
                ordinal = None
        name = match.group(2) if match and ordinal is not None else line.clean
        numbered = [b.number for b in blocks if b.number is not None]
        if ordinal is not None and ordinal != len(numbered) + 1:
            raise SourceError(path, line.number, f"table title number {len(numbered) + 1} (titles numbered in "
                              "order)", line.clean)
        following = content[index + 1] if index + 1 < len(content) else None
        if ordinal is None and blocks and blocks[-1].rows and following is not None and "\t" in following.raw:
            raise SourceError(path, line.number, "a table row (tab-separated cells) or a numbered table title "
                              "(一、…) between the rows of a table", line.raw[:40])
        blocks.append(TableBlock(number, title, line, ordinal, name))
    return blocks
