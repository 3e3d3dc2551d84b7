"""Cleaning of gazette text that never alters the raw text.

The plain-text rendering carries stray spaces inside tokens (``“互联网 +”``, ``2016 年``, ``24 号``,
``目 录``). The cleaned form folds every run of spaces except one standing between two ASCII letters or
digits (``GAZETTE OF THE``, ``4 5``), which is a real word boundary.
"""

from __future__ import annotations

import re

_SPACE_RUN = re.compile(r" +")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


def fold_spaces(text: str) -> str:
    """Remove stray spaces, keeping those between two ASCII alphanumerics (as one space)."""

    def keep_or_drop(match: re.Match[str]) -> str:
        start, end = match.span()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if before and after and _ASCII_ALNUM.match(before) and _ASCII_ALNUM.match(after):
            return " "
        return ""

    return _SPACE_RUN.sub(keep_or_drop, text)
