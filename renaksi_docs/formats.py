"""Indonesian numbers and dates for display, through Babel: every document, the recap and the
messages that quote a value use these (rounding as the workbook's Pembulatan says)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel import Locale
from babel.numbers import parse_pattern

from .formulas import Missing, Result, round2
from .model import Indicator, Kind, Rounding

LOCALE = Locale.parse("id")
_NUMBER = parse_pattern("#,##0.##")
_MONEY = parse_pattern("#,##0")
DASH = "-"
"""What a cell shows for a value that cannot be given."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """Text as typed, minus control characters that XML cannot hold."""
    return _CONTROL.sub("", text)


def format_number(value: Decimal, rounding: Rounding) -> str:
    """'82,35', '3,5', '1.250', '-12,5': two decimals at most, Indonesian separators."""
    return _NUMBER.apply(round2(value, rounding), LOCALE)


def format_value(value: Result, indicator: Indicator, rounding: Rounding) -> str:
    """A value in the indicator's unit: '5%', '3,52', '120 orang'; '-' when missing."""
    if isinstance(value, Missing):
        return DASH
    number = format_number(value, rounding)
    satuan = indicator.satuan.strip()
    if satuan == "%":
        return f"{number}%"
    if not satuan or satuan.casefold() == Kind.INDEKS.value:
        return number
    return f"{number} {satuan}"


def format_money(amount: int) -> str:
    """Whole rupiah with dot thousands: '1.250.000', '0'."""
    return _MONEY.apply(amount, LOCALE)


def format_date(day: dt.date) -> str:
    """'22 Juni 2026': the day, Babel's Indonesian month name, the year (pattern 'd MMMM y')."""
    return f"{day.day} {LOCALE.months['format']['wide'][day.month]} {day.year}"
