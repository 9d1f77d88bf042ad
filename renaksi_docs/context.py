"""Plan + numbers → what the document shows, every display choice in one place (docs/template.md).

Indonesian number and date formats come from Babel; rounding happens here and only here,
as the workbook's Pembulatan says. The result is plain frozen records that any template
(ours or a clerk's) reads the same way; nothing here knows about Word.

Choices where the contract is silent:
- A quarter up to the reporting quarter whose realisasi cannot be given (not reported yet,
  or not computable) shows `-`; quarters after it are empty.
- Merged cells (Sasaran over its indicators; the indicator's own columns over its four rows)
  carry their text on the first row only; `MERGED_FIELDS` declares which Row fields merge over
  what, and `Row.starts` tells the renderer where a merge starts.
- RUMUS fractions hold their texts with whitespace folded to single spaces: they are laid
  out as a small nested table whose cells wrap by themselves (docs/rendering.md).
- Consecutive indicators share a Sasaran merge when their texts are equal once whitespace is
  folded (a double space typed by accident does not split the group); the first one's text
  is printed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel import Locale
from babel.numbers import parse_pattern

from .formulas import Missing, Result, realisasi, round2
from .model import (
    QUARTERS,
    ROMAN,
    Indicator,
    Kind,
    PaperSize,
    Plan,
    Rounding,
    Signing,
    Unit,
)

LOCALE = Locale.parse("id")
_NUMBER = parse_pattern("#,##0.##")
_MONEY = parse_pattern("#,##0")
DASH = "-"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

SASARAN = "sasaran"
INDIKATOR = "indikator"
MERGED_FIELDS: dict[str, frozenset[str]] = {
    SASARAN: frozenset({"sasaran"}),
    INDIKATOR: frozenset(
        {
            "indikator",
            "target",
            "rumus",
            "rumus_text",
            "kegiatan",
            "rencana_kegiatan",
            "data",
            "keterangan",
        }
    ),
}
"""The Row fields whose cells merge down, by span, widest first: over all rows of a Sasaran's
indicators, over an indicator's four rows. Every other Row field is printed per row. The
context blanks these fields where their merge continues; the renderer merges the template
cells that show them (docs/template.md)."""


@dataclass(frozen=True)
class Fraction:
    """A built-up fraction: numerator over denominator, then a suffix such as '× 100%'."""

    numerator: str
    """The numerator's text, whitespace folded."""
    denominator: str
    suffix: str


@dataclass(frozen=True)
class Row:
    """One body row of the main table: one indicator in one quarter (15 cells)."""

    sasaran_first: bool
    """This row starts a new Sasaran Kegiatan merge."""
    indikator_first: bool
    """This row is TW I of its indicator: the indicator's merged cells start here."""
    sasaran: str
    indikator: str
    target: str
    rumus: Fraction | None
    """The fraction built from Pembilang and Penyebut (a nested table), or None."""
    rumus_text: str
    """The Rumus text typed in the workbook, printed instead of a fraction; or ''."""
    kegiatan: str
    pagu: str
    rencana_penarikan: str
    realisasi_anggaran: str
    triwulan: str
    """'TW I'..'TW IV'."""
    rencana_kegiatan: str
    capaian: str
    """Realisasi as of this quarter, '-' when it cannot be given, '' after the reporting one."""
    data: str
    status: str
    keterangan: tuple[str, ...]

    def starts(self, span: str) -> bool:
        """Whether the merge of `span` (a MERGED_FIELDS key) starts at this row."""
        return self.sasaran_first if span == SASARAN else self.indikator_first


_BLANK: dict[str, Any] = {"rumus": None, "keterangan": ()}
"""A merged Row field's value where its merge continues, when not ''."""


@dataclass(frozen=True)
class Cover:
    """The cover page lines."""

    kepala: str
    """'KEPALA BALAI PEMASYARAKATAN\\nKELAS II MAGELANG'."""
    unit: str
    """'BALAI PEMASYARAKATAN\\nKELAS II MAGELANG 2026'."""


@dataclass(frozen=True)
class Signature:
    """The signature block and how the document is signed, shared by every document the unit
    signs: build it with `signature(unit)` (docs/template.md, "Signing")."""

    tempat_tanggal: str
    """'Magelang, 22 Juni 2026'."""
    jabatan: str
    nama: str
    nip: str
    """'NIP. …' or ''."""
    penanda: str = ""
    """The TTE tag character placed once in the signing space (elektronik), else ''."""
    gambar: Path | None = None
    """The image placed in the signing space (basah with Gambar Tanda Tangan), else None."""
    catatan_kaki: str = ""
    """The BSrE footer printed on every page (elektronik), else ''."""


BSRE_FOOTER = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik "
    "yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN"
)
"""The footer of every page of an electronically signed document, word for word (BSrE's)."""


def signature(unit: Unit) -> Signature:
    """The signature block of `unit`'s documents: who signs, where, when, and how."""
    elektronik = unit.signing is Signing.ELEKTRONIK
    return Signature(
        tempat_tanggal=f"{_clean(unit.kota)}, {format_tanggal(unit.tanggal)}",
        jabatan=_clean(unit.jabatan),
        nama=_clean(unit.penandatangan),
        nip=f"NIP. {unit.nip}" if unit.nip else "",
        penanda=unit.tte_tag if elektronik else "",
        gambar=None if elektronik else unit.signature_image,
        catatan_kaki=BSRE_FOOTER if elektronik else "",
    )


@dataclass(frozen=True)
class DocumentContext:
    """Everything a template may show."""

    sampul: Cover
    judul: str
    subjudul: str
    """'Capaian s.d. Triwulan II Tahun 2026', or '' without a reporting quarter."""
    rows: tuple[Row, ...]
    ttd: Signature
    logo: Path | None
    paper: PaperSize


def build_context(plan: Plan) -> DocumentContext:
    """The document's content for `plan` as of its reporting quarter (unit.triwulan)."""
    unit = plan.unit
    upper = _clean(unit.nama).upper()
    broken = re.sub(r"\s+(KELAS\b)", r"\n\1", upper, count=1)
    rows: list[Row] = []
    previous_sasaran: str | None = None
    for indicator in plan.indicators:
        sasaran = _folded(indicator.sasaran)
        first_of_sasaran = sasaran != previous_sasaran
        previous_sasaran = sasaran
        rows.extend(_rows(indicator, first_of_sasaran, unit.triwulan, unit.rounding))
    subjudul = ""
    if unit.triwulan is not None:
        subjudul = f"Capaian s.d. Triwulan {ROMAN[unit.triwulan]} Tahun {unit.tahun}"
    return DocumentContext(
        sampul=Cover(kepala=f"KEPALA {broken}", unit=f"{broken} {unit.tahun}"),
        judul=f"RENCANA AKSI ATAS PERJANJIAN KINERJA DI {upper}",
        subjudul=subjudul,
        rows=tuple(rows),
        ttd=signature(unit),
        logo=unit.logo,
        paper=unit.paper,
    )


def _rows(
    indicator: Indicator, first_of_sasaran: bool, reporting: int | None, rounding: Rounding
) -> list[Row]:
    merged: dict[str, Any] = {
        "sasaran": _clean(indicator.sasaran),
        "indikator": _clean(indicator.name),
        "target": format_value(indicator.target, indicator, rounding),
        "rumus": _fraction(indicator),
        "rumus_text": _clean(indicator.rumus),
        "kegiatan": _clean(indicator.kegiatan),
        "rencana_kegiatan": _clean(indicator.rencana_kegiatan),
        "data": _clean(indicator.data),
        "keterangan": tuple(_clean(n) for n in indicator.keterangan),
    }
    rows = []
    for k in QUARTERS:
        starts = {SASARAN: k == 1 and first_of_sasaran, INDIKATOR: k == 1}
        figures = indicator.quarter(k)
        shown = ""
        if reporting is not None and k <= reporting:
            shown = format_value(realisasi(indicator, k), indicator, rounding)
        rows.append(
            Row(
                sasaran_first=starts[SASARAN],
                indikator_first=starts[INDIKATOR],
                pagu=format_money(figures.pagu),
                rencana_penarikan=format_money(figures.rencana_penarikan),
                realisasi_anggaran=format_money(figures.realisasi_anggaran),
                triwulan=f"TW {ROMAN[k]}",
                capaian=shown,
                status=_clean(figures.status),
                **{
                    name: merged[name] if starts[span] else _BLANK.get(name, "")
                    for span, names in MERGED_FIELDS.items()
                    for name in names
                },
            )
        )
    return rows


def _fraction(indicator: Indicator) -> Fraction | None:
    """The RUMUS PERHITUNGAN fraction, unless a Rumus text replaces it or the kind has none."""
    if indicator.rumus:
        return None
    if indicator.kind is Kind.PERSENTASE:
        top = indicator.pembilang
    elif indicator.kind is Kind.PERTUMBUHAN:
        top = f"({indicator.pembilang} - {indicator.penyebut})"
    else:
        return None
    return Fraction(_folded(top), _folded(indicator.penyebut), "× 100%")


def _folded(text: str) -> str:
    """`text` cleaned, with every run of whitespace folded to one space."""
    return " ".join(_clean(text).split())


def _clean(text: str) -> str:
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
    if not satuan or satuan.casefold() == "indeks":
        return number
    return f"{number} {satuan}"


def format_money(amount: int) -> str:
    """Whole rupiah with dot thousands: '1.250.000', '0'."""
    return _MONEY.apply(amount, LOCALE)


def format_tanggal(day: dt.date) -> str:
    """'22 Juni 2026': the day, Babel's Indonesian month name, the year (pattern 'd MMMM y')."""
    return f"{day.day} {LOCALE.months['format']['wide'][day.month]} {day.year}"
