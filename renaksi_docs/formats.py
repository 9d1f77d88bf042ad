"""Indonesian numbers and dates for display, through Babel: every document, the recap and the
messages that quote a value use these (rounding as the workbook's Pembulatan says)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel import Locale
from babel.numbers import format_currency, parse_pattern

from .formulas import Missing, Value, round2
from .model import Indicator, Kind, Level, Range, Rounding, Target

LOCALE = Locale.parse("id")
_NUMBER = parse_pattern("#,##0.##")
_MONEY = parse_pattern("#,##0")
DASH = "-"
"""What a cell shows for a value that cannot be given."""
EN_DASH = "\u2013"
"""Between a range's bounds: '80–90%'."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """Text as typed, minus control characters that XML cannot hold."""
    return _CONTROL.sub("", text)


def format_number(value: Decimal, rounding: Rounding) -> str:
    """'82,35', '3,5', '1.250', '-12,5': two decimals at most, Indonesian separators."""
    return _NUMBER.apply(round2(value, rounding), LOCALE)


def format_value(value: Value, indicator: Indicator, rounding: Rounding) -> str:
    """A value in the indicator's unit: '5%', '3,52', '120 orang'; a level's text ('WTP');
    '-' when missing."""
    if isinstance(value, Missing):
        return DASH
    if isinstance(value, Level):
        return clean(value.name)
    return _with_unit(format_number(value, rounding), indicator)


def format_target(
    indicator: Indicator,
    rounding: Rounding,
    target: Target | None = None,
    with_unit: bool = True,
) -> str:
    """A target as the Rencana Aksi's TARGET prints it (docs/indicators.md): '75%',
    '120 orang', '80–90%', '7–8 bulan', 'WTP'. `target` defaults to the annual one (a quarter's
    Target Triwulan may be given); without the unit ('75', '80–90') for tables that have a
    SATUAN column."""
    if target is None:
        target = indicator.target
    if isinstance(target, Level):
        return clean(target.name)
    if isinstance(target, Range):
        number = (
            f"{format_number(target.lower, rounding)}{EN_DASH}"
            f"{format_number(target.upper, rounding)}"
        )
    else:
        number = format_number(target, rounding)
    return _with_unit(number, indicator) if with_unit else number


def _with_unit(number: str, indicator: Indicator) -> str:
    """'5%', '3,52', '120 orang': the number followed by the indicator's unit."""
    satuan = indicator.satuan.strip()
    if satuan == "%":
        return f"{number}%"
    if not satuan or satuan.casefold() == Kind.INDEKS.value:
        return number
    return f"{number} {satuan}"


def format_money(amount: int) -> str:
    """Whole rupiah with dot thousands: '1.250.000', '0'."""
    return _MONEY.apply(amount, LOCALE)


def format_rupiah(amount: int) -> str:
    """'Rp 1.250.000', 'Rp 0': whole rupiah after Babel's Indonesian sign for IDR."""
    return format_currency(amount, "IDR", "¤ #,##0", locale=LOCALE, currency_digits=False)


def format_date(day: dt.date) -> str:
    """'22 Juni 2026': the day, Babel's Indonesian month name, the year (pattern 'd MMMM y')."""
    return f"{day.day} {LOCALE.months['format']['wide'][day.month]} {day.year}"
