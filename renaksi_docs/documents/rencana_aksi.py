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

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..formats import clean, format_money, format_target, format_value
from ..formulas import realisasi
from ..model import (
    QUARTERS,
    ROMAN,
    Indicator,
    Kind,
    PaperSize,
    Plan,
    Rounding,
)
from .signing import Signature, signature

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
    """The document's content for `plan` as of its reporting quarter (unit.quarter)."""
    unit = plan.unit
    upper = clean(unit.name).upper()
    broken = re.sub(r"\s+(KELAS\b)", r"\n\1", upper, count=1)
    rows: list[Row] = []
    previous_sasaran: str | None = None
    for indicator in plan.indicators:
        sasaran = folded(indicator.sasaran)
        first_of_sasaran = sasaran != previous_sasaran
        previous_sasaran = sasaran
        rows.extend(_rows(indicator, first_of_sasaran, unit.quarter, unit.rounding))
    subjudul = ""
    if unit.quarter is not None:
        subjudul = f"Capaian s.d. Triwulan {ROMAN[unit.quarter]} Tahun {unit.year}"
    return DocumentContext(
        sampul=Cover(kepala=f"KEPALA {broken}", unit=f"{broken} {unit.year}"),
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
        "sasaran": clean(indicator.sasaran),
        "indikator": clean(indicator.name),
        "target": format_target(indicator, rounding),
        "rumus": _fraction(indicator),
        "rumus_text": clean(indicator.rumus),
        "kegiatan": clean(indicator.kegiatan),
        "rencana_kegiatan": clean(indicator.rencana_kegiatan),
        "data": clean(indicator.data),
        "keterangan": tuple(clean(n) for n in indicator.keterangan),
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
                status=clean(figures.status),
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
    return Fraction(folded(top), folded(indicator.penyebut), "× 100%")


def folded(text: str) -> str:
    """`text` cleaned, with every run of whitespace folded to one space."""
    return " ".join(clean(text).split())
