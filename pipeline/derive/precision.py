"""The precision of a printed figure: the interval a printed number stands for, and exact decimals shown.

A printed figure stands for its rounding interval (``20`` for [19.5, 20.5], ``183.4`` for [183.35, 183.45]);
a figure stated with 左右 for the interval of its last significant digit (``7200`` for [7150, 7250]). The
derived tables compute with ``Decimal`` from the printed text and publish floats shown to 6 decimals.
"""

from __future__ import annotations

from decimal import Decimal

#: The precision derived numbers are published with.
SHOWN = Decimal("0.000001")


def half_unit(text: str) -> Decimal:
    """Half a unit of the last printed digit: ``20`` -> 0.5, ``183.4`` -> 0.05, ``15.0`` -> 0.05."""
    exponent = Decimal(text).as_tuple().exponent
    return Decimal("0.5").scaleb(min(int(exponent), 0))


def half_significant_unit(text: str) -> Decimal:
    """Half a unit of the last significant digit (for 左右): ``7200`` -> 50, ``30`` -> 5, ``2.8`` -> 0.05."""
    if "." in text or Decimal(text) == 0:
        return half_unit(text)
    digits = text.lstrip("-")
    return Decimal("0.5").scaleb(len(digits) - len(digits.rstrip("0")))


def number_text(value: float) -> str:
    """The shortest decimal text of a float (45.6 -> '45.6', 7200.0 -> '7200'): the prose number as printed."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text


def shown_text(number: Decimal) -> str:
    """``number`` to 6 decimals without trailing zeros, as the findings' messages print it (0 as '0')."""
    shown = number.quantize(SHOWN).normalize()
    return format(shown, "f") if shown != 0 else "0"


def shown_float(number: Decimal) -> float:
    """``number`` to 6 decimals, as a published float."""
    return float(number.quantize(SHOWN))


def exact(value: float) -> Decimal:
    """A published float back as the decimal it was shown as (its shortest repr: 456000.0 -> 456000)."""
    return Decimal(repr(float(value)))
