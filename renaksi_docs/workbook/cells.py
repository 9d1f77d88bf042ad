"""Parsing of what people type into cells: Indonesian numbers, dates, quarters, choices.

Pure functions on plain Python values; each failure is a `ValueError` whose text tells the
user what to type instead. The workbook reader adds the sheet and cell.

The cell parsers (`text`, `number`, `whole`, …) take a `Raw`: the value a cell holds and its
number format, which is all a parser may know of a cell; `schema` pairs each column with one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import TypeVar

from babel import Locale
from babel.numbers import NumberFormatError, parse_decimal

from ..model import Range

E = TypeVar("E", bound=Enum)

CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta
"""What a spreadsheet cell can hold once it is not empty."""


@dataclass(frozen=True)
class Raw:
    """One non-empty cell as the parsers see it."""

    value: CellValue
    number_format: str = "General"
    """The cell's number format code, e.g. '0%' or 'MM/DD/YY' (it changes what a number means)."""


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


# -- cell parsers: Raw → typed value, or ValueError -------------------------------------------
def shown(number: Decimal) -> str:
    """A number in a message, written the Indonesian way: 1.250.000,5."""
    from babel.numbers import format_decimal

    return format_decimal(number, format="#,##0.##########", locale="id")


def text(raw: Raw) -> str:
    """Text as typed, line breaks normalised; numbers and dates as a person would read them."""
    value = raw.value
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if isinstance(value, bool):
        return "YA" if value else "TIDAK"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value)


def lines(raw: Raw) -> tuple[str, ...]:
    """One item per non-empty line."""
    return tuple(line.strip() for line in text(raw).split("\n") if line.strip())


def _typed(value: object) -> str:
    """A text cell as the clerk typed it: Calc keeps the apostrophe that forces text
    ('3,52, '19700101 199003 1 001) where Excel drops it; one leading apostrophe is dropped."""
    typed = str(value).strip()
    return typed[1:].lstrip() if typed.startswith("'") else typed


def number(raw: Raw) -> Decimal:
    """Any number: a stored one (a percent-formatted 0.8 is 80) or Indonesian text ('3,52')."""
    value = raw.value
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        raise ValueError("harus angka, mis. 75 atau 3,52")
    if isinstance(value, (int, float)):
        result = to_decimal(value)
        if "%" in raw.number_format:
            result *= 100  # Excel keeps 80% as 0.8
        return result
    return parse_number(_typed(value))[0]


RANGE_PATTERN = (
    r"(?P<lower>[0-9][0-9.,]*)\s*%?\s*(?:[-\u2013\u2014]|s\.?\s*d\.?)\s*(?P<upper>[0-9][0-9.,]*)"
)
"""Two bounds as typed: '80–90', '80-90', '80 s.d. 90', '80% - 90' (the importer reads
them out of longer text too)."""
_RANGE = re.compile(rf"^\s*{RANGE_PATTERN}\s*(?P<percent>%?)\s*$", re.IGNORECASE)
"""A range as typed: '80–90', '80-90', '80 s.d. 90', with or without %."""


def parse_range(text: str) -> Range | None:
    """'80–90', '80-90', '80 s.d. 90' (with or without %) as a Range; None when `text` is no
    range; ValueError when its bounds are not lower < upper."""
    match = _RANGE.match(text)
    if match is None:
        return None
    lower, _ = parse_number(match["lower"])
    upper, _ = parse_number(match["upper"])
    if not lower < upper:
        raise ValueError(
            f'rentang "{text.strip()}": batas bawah harus lebih kecil dari batas atas, mis. 80–90'
        )
    return Range(lower, upper)


_DATE_AS_RANGE = (
    "terbaca sebagai tanggal; untuk rentang ketik mis. 7 s.d. 8 atau 7–8 (atau beri tanda ' "
    "di depan, mis. '7-8)"
)


def target(raw: Raw) -> Decimal | Range | str:
    """A target: a number (as `number`), a range ('80–90', '80 s.d. 90%'), or other text, which
    the reader takes as a level of the indicator's Skala (docs/indicators.md)."""
    value = raw.value
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise ValueError(_DATE_AS_RANGE)
    if not isinstance(value, str):
        return number(raw)
    typed = _typed(value)
    found = parse_range(typed)
    return found if found is not None else _number_or_text(typed)


def number_or_level(raw: Raw) -> Decimal | str:
    """A number (as `number`), or other text, which the reader takes as a level of the
    indicator's Skala (kategori) or refuses as no number."""
    value = raw.value
    if not isinstance(value, str):
        return number(raw)
    return _number_or_text(_typed(value))


def _number_or_text(typed: str) -> Decimal | str:
    """`typed` as a number, or, when it is not written like one, as text (spaces tidied)."""
    try:
        return parse_number(typed)[0]
    except ValueError:
        if _NUMBER_TEXT.match(typed.replace(" ", "")):
            raise  # a misspelt number ('1.2.3'): its own message
        return " ".join(typed.split())


def whole(raw: Raw) -> int:
    """A whole number ≥ 0 (rupiah, counts)."""
    result = number(raw)
    if result < 0:
        raise ValueError(f"tidak boleh negatif ({shown(result)})")
    if result != result.to_integral_value():
        raise ValueError(
            f"harus bilangan bulat, tanpa desimal ({shown(result)})" + _thousands_hint(raw, result)
        )
    return int(result)


def thousands_reading(raw: Raw, value: Decimal) -> Decimal | None:
    """What a stored number with 1–3 decimals meant if its point was a thousands separator
    (English regional settings store a typed 1.200 as 1.2): 1200; None when it cannot be."""
    if isinstance(raw.value, (str, bool)) or "%" in raw.number_format:
        return None
    scaled = value * 1000
    if value == value.to_integral_value() or scaled != scaled.to_integral_value():
        return None
    if abs(value) >= 1000:
        return None  # 1.250.000 has two separators and stays text; only d.ddd becomes d.ddd
    return scaled


def _thousands_hint(raw: Raw, value: Decimal) -> str:
    meant = thousands_reading(raw, value)
    if meant is None:
        return ""
    return (
        f"; maksudnya {shown(meant)}? (Excel/Calc berbahasa Inggris membaca titik sebagai tanda "
        "desimal: ketik tanpa titik, mis. " + str(int(meant)) + ")"
    )


def year(raw: Raw) -> int:
    """A plausible four-digit year."""
    result = whole(raw)
    if not 2000 <= result <= 2100:
        raise ValueError(f"tahun {result} tidak wajar; isi tahun empat angka, mis. 2026")
    return result


def date(raw: Raw) -> dt.date:
    """A spreadsheet date or a date typed as text.

    A stored date whose cell format puts the month first (as Calc writes under English
    settings, e.g. MM/DD/YY) and whose day could be a month is refused with both readings:
    06/07/2026 may have been typed for 6 Juli. Excel's built-in short date (format 14, which
    openpyxl reports as mm-dd-yy under any regional setting) says nothing about the order and
    is read as stored.
    """
    value = raw.value
    if isinstance(value, (dt.datetime, dt.date)):
        day = value.date() if isinstance(value, dt.datetime) else value
        if month_first(raw.number_format) and day.day <= 12 and day.day != day.month:
            swapped = dt.date(day.year, day.day, day.month)
            raise ValueError(
                f"tanggal tersimpan dengan format bulan lebih dulu ({raw.number_format}), jadi "
                f"terbaca {_tanggal(day)}; bila maksudnya {_tanggal(swapped)}, tanggal tertukar. "
                f"Ketik tanggalnya sebagai teks, mis. {_tanggal(day)} atau {_tanggal(swapped)}"
            )
        return day
    if isinstance(value, str):
        return parse_date(_typed(value))
    raise ValueError("bukan tanggal; isi tanggal Excel atau teks seperti 22 Juni 2026")


def nip(raw: Raw) -> str:
    """18 digits, spaces allowed; a NIP stored as a number has lost its last digits."""
    value = raw.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            f"diketik sebagai angka ({value:.2E}) sehingga Excel membulatkan digit akhirnya; "
            "ketik ulang sebagai teks dengan tanda petik di depan, mis. '19700101 199003 1 001"
        )
    typed = " ".join(_typed(value).split())
    digits = typed.replace(" ", "")
    if not digits.isdigit() or len(digits) != 18:
        raise ValueError(f'"{typed}" bukan NIP; NIP terdiri dari 18 angka (boleh berspasi)')
    return typed


def quarter(raw: Raw) -> int:
    """A quarter 1..4 in any of the spellings `parse_quarter` knows."""
    value = raw.value
    if isinstance(value, (str, int, float)):
        return parse_quarter(value)
    raise ValueError(f'triwulan "{value}" tidak dikenal; isi I, II, III atau IV')


def choice(enum: type[E]) -> Callable[[Raw], E]:
    """A parser for one member of `enum`."""

    def parse(raw: Raw) -> E:
        return parse_choice(text(raw), enum)

    return parse


def mark(raw: Raw) -> str:
    """One character that is neither a letter, a digit nor a space (Penanda TTE)."""
    typed = text(raw)
    if len(typed) != 1 or typed.isalnum() or typed.isspace():
        raise ValueError(
            f'"{typed}" tidak dapat dipakai; isi satu karakter yang bukan huruf, angka atau '
            "spasi, mis. #"
        )
    if typed in DOCUMENT_MARKS:
        raise ValueError(
            f'"{typed}" juga dicetak oleh dokumen sendiri (angka, tanggal, rumus, NIP.); '
            "pilih karakter lain, mis. # atau ^"
        )
    return typed


DOCUMENT_MARKS = frozenset(".,%-()/:×+'\"")
"""Characters the documents print by themselves (numbers, dates, formulas, 'NIP.'), so none
of them can be the Penanda TTE that must occur exactly once."""


EXCEL_SHORT_DATE = "mm-dd-yy"
"""How openpyxl names Excel's built-in format 14, the regional short date (any order)."""
_FORMAT_NOISE = re.compile(r'\[[^\]]*\]|"[^"]*"|\\.')


def month_first(number_format: str) -> bool:
    """Whether a date format code explicitly puts the month before the day (MM/DD/YY)."""
    if number_format.strip().casefold() == EXCEL_SHORT_DATE:
        return False
    code = _FORMAT_NOISE.sub("", number_format.split(";")[0]).casefold()
    month = re.search(r"m+", code)
    day, year = code.find("d"), code.find("y")
    if month is None or day == -1 or len(month[0]) > 2:
        return False  # no numeric month (a month name cannot be mistaken)
    return month.start() < day and not (0 <= year < month.start())  # 2026-06-07 is ISO


def _tanggal(day: dt.date) -> str:
    """'7 Juni 2026', as the documents print a date."""
    from ..formats import format_date

    return format_date(day)
