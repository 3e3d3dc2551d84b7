"""Page breaks the section parser could not decide: ``ambiguous_break`` review notes.

The section parser (``pipeline.parse.sections``) rejoins a paragraph across a blank line only when its last
line does not end in terminal punctuation; after a line ending in 。 the next line starts a new paragraph. That
is a decision, not a certainty: a page break may fall right after a sentence end. It is flagged where the new
paragraph begins with a character no paragraph begins with (a comma, an enumeration comma, a closing bracket
or quote …): such a paragraph is most likely the rest of the one before, cut by a page break. The row is
published as parsed; the note names its first line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.parse.patterns import TERMINAL_PUNCTUATION
from pipeline.parse.review import ReviewNote
from pipeline.text.lines import Line

#: Characters that continue a sentence and never open a paragraph.
CONTINUATION_START = tuple("，,、。.；;：:）)」』”》〕]!！?？")
#: Rows that are not running paragraphs (their first character is not prose).
_NOT_PROSE = ("title", "doc_number", "addressees", "signature", "date", "publication_note", "attachment_list",
              "attachment")


def ambiguous_breaks(sections: Sequence[Mapping[str, Any]], lines: Sequence[Line]) -> list[ReviewNote]:
    """A note for each paragraph that starts with a continuation character after a blank line that follows a
    line ending in terminal punctuation."""
    by_number = {line.number: line for line in lines}
    notes = []
    for row in sections:
        if row["kind"] in _NOT_PROSE or not row["text"].startswith(CONTINUATION_START):
            continue
        before = row["line_start"] - 1
        blank = False
        while before in by_number and by_number[before].blank:
            before, blank = before - 1, True
        if blank and before in by_number and by_number[before].clean.endswith(TERMINAL_PUNCTUATION):
            notes.append(ReviewNote(
                "ambiguous_break", row["text"][:30], row["line_start"],
                f"published as its own paragraph {row['section_id']}; line {before} before the blank line ends in "
                f"{by_number[before].clean[-1]}, so the parser did not rejoin them", row["document_id"]))
    return notes
