"""Parsing of what people type into cells: Indonesian numbers, dates, quarters, choices.

Pure functions on plain Python values; each failure is a `ValueError` whose text tells the
user what to type instead. The workbook reader adds the sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import TypeVar

from babel import Locale
from babel.numbers import NumberFormatError, parse_decimal

E = TypeVar("E", bound=Enum)

_NUMBER_TEXT = re.compile(r"^-?[0-9][0-9.,]*%?$")
_QUARTER = re.compile(r"^(?:tw|triwulan)?\s*\.?\s*(iv|i{1,3}|[1-4])$", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def normalise(text: str) -> str:
    """Lower case with runs of spaces and underscores folded: the key for names and headers."""
    return " ".join(text.replace("_", " ").split()).casefold()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' Maksudnya "x"?' for the closest choice, or ''."""
    import difflib  # only needed when something is wrong

    options = list(choices)
    keyed = {normalise(c): c for c in options}
    close = difflib.get_close_matches(normalise(word), list(keyed), n=1, cutoff=0.6)
    return f' Maksudnya "{keyed[close[0]]}"?' if close else ""


def parse_number(text: str) -> tuple[Decimal, bool]:
    """Parse '3,52', '1.250.000', '75%' into a Decimal; also say whether a % sign was typed."""
    cleaned = text.strip().replace(" ", "")
    percent = cleaned.endswith("%")
    if not _NUMBER_TEXT.match(cleaned):
        raise ValueError(f'"{text.strip()}" bukan angka; ketik angka, mis. 75 atau 3,52')
    try:
        value = parse_decimal(cleaned.rstrip("%"), locale="id", strict=True)
    except NumberFormatError as exc:
        hint = ""
        suggestions = [s for s in (exc.suggestions or []) if "," in s]
        if suggestions:
            hint = f' (maksudnya "{suggestions[0]}"? koma untuk desimal, titik untuk ribuan)'
        raise ValueError(
            f'"{text.strip()}" bukan angka yang sah{hint}; ketik mis. 3,52 atau 1.250.000'
        ) from None
    return value, percent


def to_decimal(value: float | int) -> Decimal:
    """A number Excel stored, as the Decimal a person would read (0.1 stays 0.1)."""
    try:
        result = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise ValueError("angka tidak sah") from None
    if not result.is_finite():
        raise ValueError("angka tidak sah")
    return result


@cache
def _months() -> dict[str, int]:
    months = Locale.parse("id").months["format"]
    names, abbreviated = months["wide"], months["abbreviated"]
    table = {normalise(str(name)): number for number, name in names.items()}
    table.update({normalise(str(name)).rstrip("."): n for n, name in abbreviated.items()})
    return table


def parse_date(text: str) -> dt.date:
    """'22 Juni 2026', '2026-06-22' or '22/06/2026' as a date; impossible dates are errors."""
    cleaned = " ".join(text.strip().split())
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", cleaned):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if m := re.fullmatch(r"(\d{1,2}) ([A-Za-z]+)\.? (\d{4})", cleaned):
            month = _months().get(normalise(m[2]))
            if month is None:
                raise ValueError(
                    f'nama bulan "{m[2]}" tidak dikenal; tulis mis. 22 Juni 2026.'
                    + did_you_mean(
                        m[2], [str(n) for n in Locale.parse("id").months["format"]["wide"].values()]
                    )
                )
            return dt.date(int(m[3]), month, int(m[1]))
    except ValueError as exc:
        if "bulan" in str(exc):
            raise
        raise ValueError(
            f'tanggal "{cleaned}" tidak ada di kalender; periksa hari dan bulannya'
        ) from None
    raise ValueError(
        f'"{cleaned}" bukan tanggal; tulis mis. 22 Juni 2026, 2026-06-22 atau 22/06/2026'
    )


def parse_quarter(value: str | int | float) -> int:
    """'I'..'IV', 1..4, 'TW I', 'Triwulan II' as 1..4."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value in (1, 2, 3, 4):
            return int(value)
    else:
        m = _QUARTER.match(" ".join(str(value).split()))
        if m:
            token = m[1].lower()
            return int(token) if token.isdigit() else _ROMAN[token]
    raise ValueError(f'triwulan "{value}" tidak dikenal; isi I, II, III atau IV')


def parse_choice(text: str, enum: type[E]) -> E:
    """The member of `enum` whose value matches `text` (case and spacing ignored)."""
    key = normalise(text)
    for member in enum:
        if normalise(str(member.value)) == key:
            return member
    options = [str(m.value) for m in enum]
    listed = ", ".join(options)
    raise ValueError(
        f'"{text.strip()}" tidak dikenal; pilih salah satu: {listed}.' + did_you_mean(text, options)
    )
