"""The plan as typed records: what the workbook says, nothing computed, nothing formatted.

This module imports neither openpyxl nor docxtpl; the reader builds these records and every
later stage (formulas, context, renderer) only reads them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path

QUARTERS = (1, 2, 3, 4)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class Kind(Enum):
    """Jenis Rumus: how realisasi is computed from the quarterly figures."""

    PERSENTASE = "persentase"
    PERTUMBUHAN = "pertumbuhan"
    INDEKS = "indeks"
    JUMLAH = "jumlah"
    KATEGORI = "kategori"
    """A level on a Skala (opini WTP, predikat SAKIP BB, …), docs/indicators.md."""


class Polarity(Enum):
    """Polaritas: whether a higher realisasi is better."""

    MAKSIMAL = "maksimal"
    MINIMAL = "minimal"


class Accumulation(Enum):
    """Akumulasi: which quarters make up the realisasi as of quarter k."""

    KUMULATIF = "kumulatif"
    PER_TRIWULAN = "per triwulan"
    TERAKHIR = "terakhir"
    RATA_RATA = "rata-rata"
    """The mean of each reported quarter's own value over TW I..k (docs/indicators.md)."""


class Rounding(Enum):
    """Pembulatan: how numbers are cut to two decimals when displayed."""

    BULAT = "bulat"
    POTONG = "potong"


class PaperSize(Enum):
    """Ukuran Kertas of the documents (landscape; the Perjanjian Kinerja portrait)."""

    A4 = "A4"
    F4 = "F4"


PAPER_MM = {PaperSize.A4: (297, 210), PaperSize.F4: (330, 215)}
"""Landscape width and height of each Ukuran Kertas, in millimetres (the one declaration: the
documents' page, the Identitas help text and the importer's recognition of a page use it)."""


class Signing(Enum):
    """Tanda Tangan (docs/template.md, Signing): signed by hand, or electronically through BSrE."""

    BASAH = "basah"
    ELEKTRONIK = "elektronik"


@dataclass(frozen=True)
class Range:
    """A range target such as 80–90 (docs/indicators.md): anything from `lower` to `upper`
    meets it; lower < upper."""

    lower: Decimal
    upper: Decimal


@dataclass(frozen=True)
class Level:
    """One level of a Skala (a row of the Skala sheet), e.g. WTP of Opini BPK."""

    name: str
    """The level's text as the Skala sheet spells it."""
    rank: int
    """Its place on the scale, 0 for the best; a smaller rank is better."""
    value: Decimal | None = None
    """Nilai (0–100), when the scale gives one."""


@dataclass(frozen=True)
class Scale:
    """A Skala: named levels, best first."""

    name: str
    levels: tuple[Level, ...]

    def level(self, text: str) -> Level | None:
        """The level spelled `text` (case and spacing ignored), or None."""
        key = " ".join(text.split()).casefold()
        return next((lv for lv in self.levels if " ".join(lv.name.split()).casefold() == key), None)


@dataclass(frozen=True)
class Band:
    """One predikat band (docs/pengukuran.md): capaian ≥ `lower` (percent) earns `label`."""

    lower: Decimal
    """Lower bound in percent, inclusive; the lowest band also takes everything below it."""
    label: str


DEFAULT_BANDS = (
    Band(Decimal(100), "Sangat Berhasil"),
    Band(Decimal(75), "Berhasil"),
    Band(Decimal(55), "Cukup Berhasil"),
    Band(Decimal(0), "Kurang Berhasil"),
)
"""The bands used when the workbook has no Predikat sheet, highest first."""


def _scale(name: str, *levels: str) -> Scale:
    return Scale(name, tuple(Level(text, rank) for rank, text in enumerate(levels)))


BUILTIN_SCALES = (
    _scale("Opini BPK", "WTP", "WDP", "TW", "TMP"),
    _scale("Predikat SAKIP", "AA", "A", "BB", "B", "CC", "C", "D"),
    _scale("Zona Integritas", "WBBM", "WBK", "Belum WBK"),
    _scale("Maturitas SPIP", "Level 5", "Level 4", "Level 3", "Level 2", "Level 1"),
)
"""The scales `init` writes on the Skala sheet (without Nilai); import recognises their levels."""
DEFAULT_TTE_TAG = "#"
"""Penanda TTE when Identitas leaves it empty: the character BSrE stamps its QR code on."""
DEFAULT_SUPERIOR_TTE_TAG = "$"
"""Penanda TTE Atasan when Identitas leaves it empty: the superior's tag in the Perjanjian
Kinerja (docs/perjanjian.md), a character other than the unit head's."""


def portrait(paper: PaperSize) -> tuple[int, int]:
    """Portrait width and height of `paper` in millimetres (PAPER_MM turned upright)."""
    width, height = PAPER_MM[paper]
    return min(width, height), max(width, height)


Target = Decimal | Range | Level
"""An annual or quarterly target: a number, a range, or a level of the indicator's scale."""


@dataclass(frozen=True)
class QuarterFigures:
    """One row of the Triwulan sheet; an absent row is all empty and zero."""

    quarter: int
    """1..4."""
    pagu: int = 0
    """Budget ceiling of the quarter, whole rupiah."""
    rencana_penarikan: int = 0
    """Planned disbursement, whole rupiah."""
    realisasi_anggaran: int = 0
    """Actual spending, whole rupiah."""
    pembilang: Decimal | None = None
    """Numerator count (persentase), this year's quantity added (pertumbuhan), count (jumlah)."""
    penyebut: Decimal | None = None
    """Denominator count (persentase)."""
    nilai: Decimal | None = None
    """Measured value (indeks) or the office's own figure that replaces the computed one."""
    level: Level | None = None
    """Kategori: the level reached in that quarter (the Nilai column holds its text)."""
    target: Target | None = None
    """Target Triwulan: the target as of the end of that quarter (cumulative for counts)."""
    status: str = ""
    """Status Pelaksana, printed as typed."""
    kendala: str = ""
    """Kendala: this quarter's obstacles (optional column), printed by the Pengukuran report."""
    tindak_lanjut: str = ""
    """Tindak Lanjut: this quarter's follow-up (optional column)."""


@dataclass(frozen=True)
class Indicator:
    """One row of the Indikator sheet with its four quarters attached."""

    code: str
    """Kode, unique within the workbook."""
    sasaran: str
    """Sasaran Kegiatan; consecutive equal texts share one merged cell."""
    name: str
    """Indikator Kinerja."""
    target: Target
    """Target in the indicator's unit (75 means 75%), a range, or a level (kategori)."""
    satuan: str
    """Unit: '%', 'indeks' or a count unit such as 'orang'."""
    kind: Kind
    polarity: Polarity
    accumulation: Accumulation
    pembilang: str
    """Wording of the numerator (persentase, pertumbuhan)."""
    penyebut: str
    """Wording of the denominator (persentase, pertumbuhan)."""
    nilai_dasar: Decimal | None
    """Last year's value, the baseline of pertumbuhan."""
    rumus: str
    """Free formula text printed instead of the built fraction; '' when not given."""
    kegiatan: str
    rencana_kegiatan: str
    data: str
    keterangan: tuple[str, ...]
    """One note per item, printed as bullets."""
    quarters: tuple[QuarterFigures, QuarterFigures, QuarterFigures, QuarterFigures]
    """TW I..IV, always four."""
    scale: Scale | None = None
    """Kategori: the Skala its target and quarterly levels are on."""

    def quarter(self, k: int) -> QuarterFigures:
        """The figures of quarter k (1..4)."""
        return self.quarters[k - 1]


@dataclass(frozen=True)
class Unit:
    """The Identitas sheet: who issues the plan, when, and how it is printed."""

    name: str
    """Nama UPT, e.g. 'Balai Pemasyarakatan Kelas II Magelang'."""
    year: int
    city: str
    date: dt.date
    position: str
    """Jabatan Penandatangan; '' when not given."""
    signer: str
    nip: str
    """NIP as typed (digits and spaces); '' when not given."""
    quarter: int | None
    """Reporting quarter 1..4, or None for the plan issued at the start of the year."""
    paper: PaperSize
    rounding: Rounding
    logo: Path | None
    """Absolute path of the cover logo, when given."""
    signing: Signing = Signing.BASAH
    """Tanda Tangan: by hand (default) or electronic (TTE)."""
    signature_image: Path | None = None
    """Gambar Tanda Tangan: absolute path of the image placed in the signing space (basah only)."""
    tte_tag: str = DEFAULT_TTE_TAG
    """Penanda TTE: the one character placed in the signing space when signing is electronic."""
    superior: str = ""
    """Nama Atasan: pihak kedua of the Perjanjian Kinerja (usually the Kepala Kantor Wilayah);
    '' when not given (then no Perjanjian Kinerja can be made)."""
    superior_position: str = ""
    """Jabatan Atasan; '' when not given."""
    superior_nip: str = ""
    """NIP Atasan as typed; '' when not given."""
    agreement_date: dt.date | None = None
    """Tanggal Perjanjian: when the Perjanjian Kinerja is signed; None: the Tanggal."""
    superior_tte_tag: str = DEFAULT_SUPERIOR_TTE_TAG
    """Penanda TTE Atasan: the superior's tag character when signing is electronic."""
    superior_signature_image: Path | None = None
    """Gambar Tanda Tangan Atasan: absolute path of the superior's signature image (basah)."""
    cap: Decimal | None = None
    """Batas Capaian (%): a capaian above it counts as the cap in the summary means."""


@dataclass(frozen=True)
class Plan:
    """A whole workbook: the unit and its indicators in document order."""

    unit: Unit
    indicators: tuple[Indicator, ...]
    bands: tuple[Band, ...] = DEFAULT_BANDS
    """Predikat bands, highest lower bound first (the Predikat sheet, or the defaults)."""

    @property
    def has_quarter_targets(self) -> bool:
        """Whether any indicator has a Target Triwulan in any quarter."""
        return any(q.target is not None for i in self.indicators for q in i.quarters)
