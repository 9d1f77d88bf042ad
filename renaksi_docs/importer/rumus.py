"""The RUMUS PERHITUNGAN cell → numerator, denominator and what the formula looks like.

A fraction is found, in this order, as: a Word equation (`m:f`, possibly with `m:eqArr`
lines, which is how renaksi-docs draws it today); a nested table (numerator row over
denominator row); paragraphs split by a paragraph border; two text lines; one line
`a / b × 100%`. A numerator `(A - B)` over `B` is growth (pertumbuhan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from .blocks import MC, Cell, M, W

_SUFFIX = re.compile(r"^[×xX*]\s*100\s*%$")
_TRAILING_SUFFIX = re.compile(r"\s*[×xX*]\s*100\s*%\s*$")
_SLASH = re.compile(r"\s/\s")
_MINUS = re.compile(r"(?<=\s)-(?=\s)|[–−]")
"""A minus sign: a hyphen between spaces, or an en dash or minus sign anywhere. Every one is
tried, so that a dash typed at the end of A (`(A– - B)`) does not hide the minus after it."""
_MARK = "\x00"


class Shape(Enum):
    """How the fraction was drawn."""

    EQUATION = "persamaan Word"
    TABLE = "tabel di dalam sel"
    BORDERS = "garis paragraf"
    LINES = "dua baris teks"
    SLASH = "teks a / b"


@dataclass(frozen=True)
class Formula:
    """What a RUMUS cell says."""

    text: str
    """The cell's text as printed (lines joined with newlines); '' for an empty cell."""
    numerator: str = ""
    """'' when the cell holds no fraction."""
    denominator: str = ""
    shape: Shape | None = None
    times_hundred: bool = False
    """`× 100%` (or `x100%`, `X 100 %`) stands beside the fraction."""
    growth: bool = False
    """The numerator is `(A - B)` over B: numerator holds A alone."""
    leftover: str = ""
    """Text beside the fraction that is neither part of it nor `× 100%`."""

    @property
    def is_fraction(self) -> bool:
        """A numerator and a denominator were found."""
        return bool(self.numerator and self.denominator)


def read_formula(cell: Cell) -> Formula:
    """The formula in a RUMUS PERHITUNGAN cell (or its merge origin)."""
    source = cell.source
    text = source.text
    if not text:
        return Formula("")
    element = source.element
    fraction = next(iter(element.iter(M + "f")), None)
    if fraction is not None:
        num = _math_text(fraction.find(M + "num"))
        den = _math_text(fraction.find(M + "den"))
        before, _mark, after = _text_around(element, fraction).partition(_MARK)
        return _finish(text, num, den, Shape.EQUATION, before, after)
    nested = next(iter(element.iter(W + "tbl")), None)
    if nested is not None:
        found = _from_nested(nested)
        if found is not None:
            return _finish(text, *found, Shape.TABLE, "", _outside(element, nested))
    lines = [p for p in source.paragraphs if p.text]
    for index, paragraph in enumerate(lines[:-1]):
        below = lines[index + 1]
        if paragraph.border_bottom or below.border_top:
            top = [p.text for p in lines[: index + 1]]
            rest = [p.text for p in lines[index + 1 :]]
            suffix = ""
            if rest and _SUFFIX.match(_fold(rest[-1])):
                suffix = rest.pop()
            return _finish(text, " ".join(top), " ".join(rest), Shape.BORDERS, "", suffix)
    return _from_text(text)


def _from_text(text: str) -> Formula:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    suffix = ""
    if lines and _SUFFIX.match(_fold(lines[-1])):
        suffix = lines.pop()
    elif lines:
        match = _TRAILING_SUFFIX.search(lines[-1])
        if match and match.start() > 0:
            suffix = lines[-1][match.start() :]
            lines[-1] = lines[-1][: match.start()]
    if len(lines) == 2:
        return _finish(text, lines[0], lines[1], Shape.LINES, "", suffix)
    if len(lines) == 1:
        parts = _SLASH.split(lines[0])
        if len(parts) == 2:
            return _finish(text, parts[0], parts[1], Shape.SLASH, "", suffix)
    return Formula(text)


def _finish(text: str, num: str, den: str, shape: Shape, before: str, after: str) -> Formula:
    num, den = _fold(num), _fold(den)
    after = _fold(after)
    times = bool(_SUFFIX.match(after))
    leftover = " ".join(part for part in (_fold(before), "" if times else after) if part)
    if not num or not den:
        return Formula(text, leftover=leftover)
    growth = False
    inner = num[1:-1].strip() if num.startswith("(") and num.endswith(")") else num
    for match in _MINUS.finditer(inner):
        left = inner[: match.start()].strip()
        if left and _key(inner[match.end() :]) == _key(den):
            num, growth = left, True
            break
    return Formula(text, num, den, shape, times, growth, leftover)


def as_growth(formula: Formula) -> Formula:
    """`formula` read as growth, for a fraction the document shows is one (a negative value
    can only be a pertumbuhan): a numerator `(A - X)` gives A even when X is worded
    differently from the denominator."""
    if not formula.is_fraction or formula.growth:
        return formula
    num = formula.numerator
    if num.startswith("(") and num.endswith(")"):
        inner = num[1:-1].strip()
        for match in _MINUS.finditer(inner):
            if left := inner[: match.start()].strip():
                num = left
                break
    return replace(formula, numerator=num, growth=True)


def _math_text(element: Any) -> str:
    """Text of an equation part; the lines of an m:eqArr joined by spaces."""
    if element is None:
        return ""
    parts: list[str] = []
    for node in element.iter(M + "t", M + "e", W + "t"):
        if node.tag == M + "e":
            parts.append(" ")
        else:
            parts.append(node.text or "")
    return _fold("".join(parts))


def _text_around(element: Any, fraction: Any) -> str:
    """The cell's text with the fraction replaced by a marker."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            if child is fraction:
                parts.append(_MARK)
            elif not isinstance(child.tag, str) or child.tag in (MC + "Fallback", W + "del"):
                continue
            elif child.tag in (W + "t", M + "t"):
                parts.append(child.text or "")
            elif child.tag in (W + "br", W + "p"):
                parts.append(" ")
                walk(child)
            else:
                walk(child)

    walk(element)
    return "".join(parts)


def _from_nested(table: Any) -> tuple[str, str] | None:
    rows = []
    for tr in table.iter(W + "tr"):
        texts = [_fold(" ".join(t.text or "" for t in tc.iter(W + "t", M + "t"))) for tc in tr]
        texts = [t for t in texts if t and not _SUFFIX.match(t)]
        if texts:
            rows.append(" ".join(texts))
    if len(rows) < 2:
        return None
    return rows[0], " ".join(rows[1:])


def _outside(element: Any, nested: Any) -> str:
    inside = " ".join(t.text or "" for t in nested.iter(W + "t", M + "t"))
    every = " ".join(t.text or "" for t in element.iter(W + "t", M + "t"))
    suffixes = [s for s in re.findall(r"[×xX*]\s*100\s*%", every)]
    if suffixes and not re.search(r"[×xX*]\s*100\s*%", inside):
        return suffixes[0]
    if re.search(r"[×xX*]\s*100\s*%", inside):
        return "× 100%"
    return ""


def _fold(text: str) -> str:
    """Lines joined by single spaces, ends trimmed; spaces within a line kept as typed."""
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


def _key(text: str) -> str:
    return " ".join(text.split()).strip("() ").casefold()
