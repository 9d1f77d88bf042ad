"""Parsing what people type: Indonesian numbers, dates, quarters and choices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from renaksi_docs.model import Accumulation, Kind
from renaksi_docs.workbook.cells import parse_choice, parse_date, parse_number, parse_quarter


@pytest.mark.parametrize(
    ("text", "value", "percent"),
    [
        ("3,52", Decimal("3.52"), False),
        ("1.250.000", Decimal(1250000), False),
        ("75%", Decimal(75), True),
        (" 5 % ", Decimal(5), True),
        ("0", Decimal(0), False),
        ("-3", Decimal(-3), False),
        ("1 250", Decimal(1250), False),
    ],
)
def test_indonesian_numbers_are_read(text: str, value: Decimal, percent: bool) -> None:
    """Comma decimals, dot thousands and a trailing % are understood."""
    assert parse_number(text) == (value, percent)


@pytest.mark.parametrize("text", ["tiga", "3.5.2", "3.52", "1,5e3", "", "12abc"])
def test_non_numbers_are_refused(text: str) -> None:
    """Words, broken grouping and English decimals are errors, not guesses."""
    with pytest.raises(ValueError):
        parse_number(text)


def test_english_decimal_gets_the_indonesian_hint() -> None:
    """'3.52' is refused with a hint to type '3,52'."""
    with pytest.raises(ValueError, match="3,52"):
        parse_number("3.52")


@pytest.mark.parametrize(
    "text",
    ["22 Juni 2026", "2026-06-22", "22/06/2026", "22 juni 2026", "22-06-2026", "22 Jun 2026"],
)
def test_accepted_date_forms(text: str) -> None:
    """Every date form the contract lists gives 22 June 2026."""
    assert parse_date(text) == dt.date(2026, 6, 22)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("31 Juni 2026", "tidak ada di kalender"),
        ("2026-02-30", "tidak ada di kalender"),
        ("22 Juno 2026", "Juni"),
        ("besok", "bukan tanggal"),
    ],
)
def test_impossible_dates_are_refused(text: str, fragment: str) -> None:
    """Impossible days and unknown month names are errors that say what is wrong."""
    with pytest.raises(ValueError, match=fragment):
        parse_date(text)


@pytest.mark.parametrize(
    ("value", "quarter"),
    [
        ("I", 1),
        ("ii", 2),
        ("III", 3),
        ("IV", 4),
        (1, 1),
        (4.0, 4),
        ("TW I", 1),
        ("TW3", 3),
        ("Triwulan II", 2),
        ("triwulan  iv", 4),
        ("2", 2),
    ],
)
def test_quarter_spellings(value: object, quarter: int) -> None:
    """Roman, Arabic, 'TW' and 'Triwulan' spellings all name the quarter."""
    assert parse_quarter(value) == quarter  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["V", "TW5", 0, 5, "IIII", "kuartal 1"])
def test_unknown_quarters(value: object) -> None:
    """A fifth quarter or another word is refused."""
    with pytest.raises(ValueError, match="I, II, III atau IV"):
        parse_quarter(value)  # type: ignore[arg-type]


def test_choices_ignore_case_and_spacing_and_hint() -> None:
    """Choices match loosely and a near miss gets a 'did you mean'."""
    assert parse_choice("Per  Triwulan", Accumulation) is Accumulation.PER_TRIWULAN
    with pytest.raises(ValueError, match='Maksudnya "persentase"'):
        parse_choice("persentasi", Kind)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("MM/DD/YY", True),  # what Calc writes for a date typed under English (US) settings
        ("M/D/YYYY", True),
        ("[$-409]mm/dd/yyyy", True),
        ("m/d/yy h:mm", True),
        ("mm-dd-yy", False),  # Excel's built-in short date (format 14): any regional order
        ("DD/MM/YYYY", False),
        ("yyyy-mm-dd", False),  # ISO, year first
        ("d mmmm yyyy", False),  # a month name cannot be mistaken
        ("mmm d, yyyy", False),
        ("General", False),
    ],
)
def test_month_first_format_codes(code: str, expected: bool) -> None:
    """Only an explicit numeric month-before-day code counts as month first."""
    from renaksi_docs.workbook.cells import month_first

    assert month_first(code) is expected


@pytest.mark.parametrize(
    ("value", "number_format", "meant"),
    [
        (1.2, "General", Decimal(1200)),
        (12.345, "General", Decimal(12345)),
        (1.25, "General", Decimal(1250)),
        ("1,2", "General", None),  # typed as Indonesian text: meant as written
        (1.2345, "General", None),  # four decimals cannot come from one thousands separator
        (1200.5, "General", None),  # one separator leaves at most three integer digits
        (0.8, "0%", None),  # a percent cell
        (3, "General", None),
    ],
)
def test_thousands_reading(value: object, number_format: str, meant: Decimal | None) -> None:
    """A stored number whose decimals could be a thousands separator gives the other reading."""
    from renaksi_docs.workbook.cells import Raw, number, thousands_reading

    raw = Raw(value, number_format)  # type: ignore[arg-type]
    assert thousands_reading(raw, number(raw)) == meant
