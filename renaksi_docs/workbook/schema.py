"""The standard workbook's layout: every sheet, column and Identitas row, declared once.

A `Column` says everything about one field: its header, the model attribute it fills, the
parser of its cells, whether it is required (always, or for some Jenis Rumus), its allowed
values, whether it may be negative, its value when the cell is empty (`default`, which may
depend on the row's Jenis Rumus) and its cells' number format. The reader (`reader.py`) builds
the model's records from these declarations (attribute by attribute, defaults included), and
the `init` writer's cell rules, formats and Petunjuk sheet (`standard.py`) derive from them too,
so they cannot disagree. The help text's "(bawaan …)" notes are rendered from `default`.
The guide for clerks is docs/workbook.md. No openpyxl here.

Where defaults live: every column's default is declared here, except where a model record
needs a dataclass default of its own (`Unit.signing`, `Unit.tte_tag`, the empty quarter of
`QuarterFigures`): there model.py is the one declaration and the column points at it
(`_field_default`); tests/test_schema.py checks that no other column disagrees with its
record. Page sizes (`model.PAPER_MM`) and the quarters (`model.ROMAN`) are model facts too.

Adding a column is one declaration: declare it below with the header, the record attribute
(add the field to the model record), parser, help and example (and default, format, rules),
then list it in its sheet's tuple (`IDENTITAS`, `INDIKATOR`, `TRIWULAN_COLUMNS`,
`PREDIKAT_COLUMNS`). The reader, the blank workbook, its Petunjuk sheet and docs/workbook.md's
tables (`python -m tests.test_schema`) follow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

from ..model import (
    BUILTIN_SCALES,
    DEFAULT_BANDS,
    DEFAULT_SUPERIOR_TTE_TAG,
    DEFAULT_TTE_TAG,
    QUARTERS,
    ROMAN,
    Accumulation,
    Kind,
    PaperSize,
    Polarity,
    QuarterFigures,
    Rounding,
    Signing,
    Unit,
    portrait,
)
from . import cells
from .cells import Raw

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

TEXT_FORMAT = "@"
"""Cells formatted as Text, so that what is typed stays as typed under any regional setting: a
code is no number, an 18-digit NIP typed as a number loses its last digits, and a Tanggal typed
06/07/2026 stays text that the reader reads day-first (English settings would store it as
7 June)."""
THOUSANDS_FORMAT = "#,##0"
"""Whole numbers of the tables (rupiah, counts): 1.250.000 under Indonesian settings."""


class Check(Enum):
    """What kind of value a column holds; the blank workbook's cell rule follows from it."""

    TEXT = "text"
    WHOLE = "whole"
    """Whole number ≥ 0 (rupiah, counts)."""
    DECIMAL = "decimal"
    """A number; negative only where the column is `signed_for` some kind."""
    LIST = "list"
    """One of `options`."""
    DATE = "date"


ALL_KINDS = frozenset(Kind)


@dataclass(frozen=True)
class ByKind(Generic[T]):
    """A default that depends on the row's Jenis Rumus: `values[kind]`, else `otherwise`."""

    values: Mapping[Kind, T]
    otherwise: T

    def __call__(self, kind: Kind | None) -> T:
        return self.values.get(kind, self.otherwise) if kind is not None else self.otherwise


def _plain(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


def _kinds_text(kinds: list[Kind]) -> str:
    words = [k.value for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " dan " + words[-1]


@dataclass(frozen=True, eq=False)
class Column(Generic[T]):
    """One column of a table sheet, or one row of the Identitas sheet."""

    header: str
    """The header (or Identitas label) exactly as the blank workbook writes it."""
    attr: str
    """The attribute of the model record the value fills (Unit, Indicator, QuarterFigures, Band);
    the Triwulan Kode names the Indicator's `code` it links to."""
    parse: Callable[[Raw], T]
    """Turns a non-empty cell into the value; a ValueError's text is the message."""
    check: Check
    guide: str | Callable[[Column[Any]], str]
    """What to type, in Bahasa Indonesia: the text, or a function of the column that renders it
    (so that the "(bawaan …)" notes come from `default`); read it as `help`."""
    example: str
    required: bool = False
    """The value must be given in every row."""
    required_for: frozenset[Kind] = frozenset()
    """The value must be given in rows of these Jenis Rumus (of the row's indicator)."""
    signed_for: frozenset[Kind] = frozenset()
    """A negative number is allowed in rows of these Jenis Rumus; refused everywhere else."""
    options: tuple[str, ...] = ()
    """The allowed values of a LIST column, as the dropdown offers them."""
    money: bool = False
    """Whole rupiah: a non-zero amount below 1.000 is refused as a likely misread (950.000 typed
    under English settings is stored as 950)."""
    counts_for: frozenset[Kind] = frozenset()
    """In rows of these Jenis Rumus the value counts things, so a stored number whose decimals
    look like a thousands separator (1.2 from a typed 1.200) gets a warning."""
    printed: bool = False
    """The text is printed in a document (so it may not hold the Penanda TTE character)."""
    ranges: bool = False
    """A range such as 80–90 is accepted besides a number (docs/indicators.md)."""
    levels: bool = False
    """A level of the Skala sheet is accepted besides a number (kategori indicators)."""
    scales: bool = False
    """The value names a scale of the Skala sheet (its dropdown lists the sheet's scales)."""
    document: str = ""
    """The one document that uses this value (e.g. 'Perjanjian Kinerja'), when the others do
    not: a problem of this cell stops only that document (docs/perjanjian.md)."""
    needed: bool = False
    """With `document`: that document cannot be made without this value (the others can)."""
    width: int = 14
    default: T | ByKind[T] | None = None
    """The value when the cell is empty (or the Identitas row absent): a value, or `ByKind`."""
    number_format: str | None = None
    """The number format the blank workbook gives the column's cells; None for General."""

    @property
    def help(self) -> str:
        """What to type, for the Petunjuk sheet and the cell's input note."""
        return self.guide if isinstance(self.guide, str) else self.guide(self)

    def default_for(self, kind: Kind | None) -> T | None:
        """The value of an empty cell in a row whose indicator has Jenis Rumus `kind`."""
        if isinstance(self.default, ByKind):
            return self.default(kind)
        return self.default

    def note(self, value: object) -> str:
        """' (bawaan)', ' (bawaan indeks)', ' (bawaan, kecuali indeks)' when `value` is this
        column's default (for some Jenis Rumus), else '': the help text's default notes."""
        wanted = _plain(value)
        if not isinstance(self.default, ByKind):
            return " (bawaan)" if _plain(self.default) == wanted else ""
        kinds = [k for k in Kind if _plain(self.default(k)) == wanted]
        others = [k for k in Kind if k not in kinds]
        if not kinds:
            return ""
        if not others:
            return " (bawaan)"
        if len(kinds) > len(others):
            return f" (bawaan, kecuali {_kinds_text(others)})"
        return f" (bawaan {_kinds_text(kinds)})"

    def is_required(self, kind: Kind | None) -> bool:
        """Whether a row whose indicator has Jenis Rumus `kind` must fill this column."""
        return self.required or kind in self.required_for

    @property
    def required_label(self) -> str:
        """'ya', 'untuk persentase, pertumbuhan', 'untuk Perjanjian Kinerja' or '': the Wajib
        column of the Petunjuk sheet."""
        if self.required:
            return "ya"
        if self.needed:
            return f"untuk {self.document}"
        if self.required_for:
            return "untuk " + ", ".join(k.value for k in Kind if k in self.required_for)
        return ""

    @property
    def signed(self) -> bool:
        """Whether a negative number is allowed in some row (the cell rule cannot know which)."""
        return bool(self.signed_for)


Guide = str | Callable[[Column[Any]], str]


def _field_default(record: type, attr: str) -> Any:
    """The dataclass default of `record.attr`: where model.py declares a column's default."""
    field = next(f for f in dataclasses.fields(record) if f.name == attr)
    if field.default is dataclasses.MISSING:
        raise LookupError(f"{record.__name__}.{attr} has no default")
    return field.default


def _text(header: str, attr: str, help: Guide, example: str, **more: Any) -> Column[str]:
    more.setdefault("default", "")
    return Column(header, attr, cells.text, Check.TEXT, help, example, **more)


def _choice(
    enum: type[E], header: str, attr: str, help: Guide, example: str, **more: Any
) -> Column[E]:
    options = tuple(str(m.value) for m in enum)
    return Column(
        header, attr, cells.choice(enum), Check.LIST, help, example, options=options, **more
    )


def _decimal(header: str, attr: str, help: Guide, example: str, **more: Any) -> Column[Decimal]:
    return Column(header, attr, cells.number, Check.DECIMAL, help, example, **more)


def _count(raw: Raw) -> Decimal:
    return Decimal(cells.whole(raw))


def _whole(header: str, attr: str, help: Guide, example: str, **more: Any) -> Column[Decimal]:
    """A count ≥ 0 of a table (Pembilang, Penyebut): whole, kept as a Decimal like every
    figure the formulas use."""
    return Column(
        header, attr, _count, Check.WHOLE, help, example, number_format=THOUSANDS_FORMAT, **more
    )


def _money(header: str, attr: str, example: str) -> Column[int]:
    """Whole rupiah ≥ 0 of a quarter; empty means the quarter's default (model.py)."""
    return Column(
        header,
        attr,
        cells.whole,
        Check.WHOLE,
        lambda c: f"Rupiah, bilangan bulat ≥ 0; kosong berarti {c.default}.",
        example,
        money=True,
        width=14,
        default=_field_default(QuarterFigures, attr),
        number_format=THOUSANDS_FORMAT,
    )


QUARTER_OPTIONS = tuple(ROMAN[k] for k in QUARTERS)
"""The quarters as a dropdown offers them and documents print them: I, II, III, IV."""


def _quarter(header: str, attr: str, help: Guide, example: str, **more: Any) -> Column[int]:
    return Column(
        header, attr, cells.quarter, Check.LIST, help, example, options=QUARTER_OPTIONS, **more
    )


def _portrait(paper: PaperSize) -> str:
    """'215 × 330 mm': a paper size as people name it (short side first)."""
    return "{} × {} mm".format(*portrait(paper))


SHEET_PETUNJUK = "Petunjuk"
SHEET_IDENTITAS = "Identitas"
SHEET_INDIKATOR = "Indikator"
SHEET_TRIWULAN = "Triwulan"
SHEET_PREDIKAT = "Predikat"
SHEET_SKALA = "Skala"

COUNTED_UNITS = frozenset(
    {
        "orang",
        "kegiatan",
        "dokumen",
        "laporan",
        "berkas",
        "kali",
        "unit",
        "paket",
        "buah",
        "perkara",
        "klien",
        "narapidana",
        "tahanan",
        "anak",
        "rekomendasi",
        "surat",
        "sertifikat",
        "lembaga",
        "instansi",
        "satker",
        "inovasi",
        "aplikasi",
        "layanan",
        "pegawai",
        "peserta",
        "kelompok",
        "kasus",
        "usulan",
        "buku",
        "modul",
        "regulasi",
        "sop",
    }
)
"""Units that count things: only a value in one of these units gets the "misread by regional
settings" warning (a typed 1.200 orang stored as 1,2). Units of time, measure or score (bulan,
ton, km, indeks, %, …) may well hold decimals (docs/indicators.md)."""


def counts_things(satuan: str, *wordings: str) -> bool:
    """Whether the values of an indicator in unit `satuan` ('orang', 'Dokumen') count things;
    for a percentage or growth (Satuan %), whether the wording of its Pembilang or Penyebut
    names things counted ('Jumlah Tahanan yang …')."""
    words = satuan.casefold().split()
    if words and words[-1] in COUNTED_UNITS:
        return True
    return any(
        word in COUNTED_UNITS for text in wordings for word in re.findall(r"\w+", text.casefold())
    )


# -- Identitas: label in column A, value in column B -------------------------------------------
IDENTITAS_TITLES = ("Isian", "Nilai", "Keterangan")
"""The Identitas sheet's title row: the label (column A), its value (B) and the help (C)."""

NAMA_UPT = _text(
    "Nama UPT",
    "name",
    "Nama lengkap unit, seperti tertulis di kop.",
    "Balai Pemasyarakatan Kelas II Magelang",
    required=True,
    printed=True,
)
TAHUN = Column(
    "Tahun", "year", cells.year, Check.WHOLE, "Tahun rencana aksi.", "2026", required=True
)
KOTA = _text("Kota", "city", "Tempat penandatanganan.", "Magelang", required=True, printed=True)
TANGGAL: Column[dt.date] = Column(
    "Tanggal",
    "date",
    cells.date,
    Check.DATE,
    "Tanggal penandatanganan: tanggal Excel, atau teks 22 Juni 2026, 2026-06-22, 22/06/2026.",
    "22 Juni 2026",
    required=True,
    number_format=TEXT_FORMAT,
)
JABATAN = _text(
    "Jabatan Penandatangan",
    "position",
    "Dicetak di atas ruang tanda tangan bila diisi.",
    "Kepala Balai Pemasyarakatan Kelas II Magelang",
    printed=True,
)
PENANDATANGAN = _text(
    "Nama Penandatangan",
    "signer",
    "Nama kepala UPT yang menandatangani.",
    "Agustiyar Ekantoro",
    required=True,
    printed=True,
)
NIP = Column(
    "NIP",
    "nip",
    cells.nip,
    Check.TEXT,
    "18 angka, boleh berspasi. Sel ini berformat Teks, jadi angkanya tidak diubah Excel; "
    "tanda ' di depan tidak perlu.",
    "19700101 199003 1 001",
    default="",
    number_format=TEXT_FORMAT,
)
TRIWULAN_PELAPORAN = _quarter(
    "Triwulan",
    "quarter",
    "Triwulan pelaporan I–IV; kosongkan untuk rencana awal tahun. "
    "Opsi --triwulan pada perintah build menggantikannya.",
    "II",
)
UKURAN_KERTAS = _choice(
    PaperSize,
    "Ukuran Kertas",
    "paper",
    lambda c: f"A4{c.note(PaperSize.A4)} atau F4 ({_portrait(PaperSize.F4)}), selalu mendatar.",
    "A4",
    default=PaperSize.A4,
)
PEMBULATAN = _choice(
    Rounding,
    "Pembulatan",
    "rounding",
    lambda c: (
        f"bulat: dibulatkan ke 2 desimal{c.note(Rounding.BULAT)}; potong: dipotong ke 2 desimal."
    ),
    "bulat",
    default=Rounding.BULAT,
)
LOGO = _text(
    "Logo",
    "logo",
    "Berkas gambar (PNG/JPG) untuk halaman sampul, letaknya relatif terhadap berkas Excel ini.",
    "logo.png",
    default=None,
)

TANDA_TANGAN = _choice(
    Signing,
    "Tanda Tangan",
    "signing",
    lambda c: (
        f"basah: ruang untuk tanda tangan dengan tangan{c.note(Signing.BASAH)}; "
        "elektronik: TTE melalui BSrE, yang menempatkan kode QR pada Penanda TTE."
    ),
    "basah",
    default=_field_default(Unit, "signing"),
)
GAMBAR_TANDA_TANGAN = _text(
    "Gambar Tanda Tangan",
    "signature_image",
    "Hanya untuk tanda tangan basah: berkas gambar (PNG/JPG) yang diletakkan di ruang tanda "
    "tangan, letaknya relatif terhadap berkas Excel ini.",
    "ttd.png",
    default=_field_default(Unit, "signature_image"),
)
PENANDA_TTE = Column(
    "Penanda TTE",
    "tte_tag",
    cells.mark,
    Check.TEXT,
    lambda c: (
        "Hanya untuk tanda tangan elektronik: satu karakter yang bukan huruf, angka atau "
        f"spasi (bawaan {c.default}); tidak boleh muncul di teks lain dokumen."
    ),
    DEFAULT_TTE_TAG,
    default=_field_default(Unit, "tte_tag"),
)

# The Perjanjian Kinerja's rows (docs/perjanjian.md): used by that document alone, so their
# problems stop only it.
PERJANJIAN = "Perjanjian Kinerja"
"""The document the rows below serve, as their help and messages name it."""


def _agreement(column: Column[T], needed: bool = False) -> Column[T]:
    return dataclasses.replace(column, document=PERJANJIAN, needed=needed)


NAMA_ATASAN = _agreement(
    _text(
        "Nama Atasan",
        "superior",
        "Pihak kedua Perjanjian Kinerja: nama atasan kepala UPT (biasanya Kepala Kantor "
        "Wilayah). Tanpa isian ini Perjanjian Kinerja tidak dibuat; dokumen lain tetap dibuat.",
        "Bambang Sutrisno",
        printed=True,
    ),
    needed=True,
)
JABATAN_ATASAN = _agreement(
    _text(
        "Jabatan Atasan",
        "superior_position",
        "Jabatan pihak kedua, dicetak di Perjanjian Kinerja.",
        "Kepala Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Tengah",
        printed=True,
    ),
    needed=True,
)
NIP_ATASAN = _agreement(
    dataclasses.replace(
        NIP, header="NIP Atasan", attr="superior_nip", example="19680512 199003 1 002"
    )
)
TANGGAL_PERJANJIAN: Column[dt.date] = _agreement(
    Column(
        "Tanggal Perjanjian",
        "agreement_date",
        cells.date,
        Check.DATE,
        "Tanggal penandatanganan Perjanjian Kinerja, ditulis seperti Tanggal; kosong: sama "
        "dengan Tanggal.",
        "2 Januari 2026",
        number_format=TEXT_FORMAT,
    )
)
PENANDA_TTE_ATASAN = _agreement(
    dataclasses.replace(
        PENANDA_TTE,
        header="Penanda TTE Atasan",
        attr="superior_tte_tag",
        guide=lambda c: (
            "Hanya untuk tanda tangan elektronik Perjanjian Kinerja: karakter tempat kode QR "
            f"atasan, bukan huruf, angka atau spasi dan lain dari Penanda TTE (bawaan {c.default})."
        ),
        example=DEFAULT_SUPERIOR_TTE_TAG,
        default=_field_default(Unit, "superior_tte_tag"),
    )
)
GAMBAR_TANDA_TANGAN_ATASAN = _agreement(
    dataclasses.replace(
        GAMBAR_TANDA_TANGAN,
        header="Gambar Tanda Tangan Atasan",
        attr="superior_signature_image",
        guide="Hanya untuk tanda tangan basah Perjanjian Kinerja: berkas gambar (PNG/JPG) tanda "
        "tangan atasan, letaknya relatif terhadap berkas Excel ini.",
        example="ttd-atasan.png",
        default=_field_default(Unit, "superior_signature_image"),
    )
)
BATAS_CAPAIAN = _decimal(
    "Batas Capaian (%)",
    "cap",
    "Boleh kosong: capaian di atas batas ini dihitung sebesar batas itu dalam rata-rata "
    "capaian (ringkasan Pengukuran Kinerja dan rekap); setiap baris tetap mencetak capaian "
    "sebenarnya.",
    "120",
)

IDENTITAS: tuple[Column[Any], ...] = (
    NAMA_UPT,
    TAHUN,
    KOTA,
    TANGGAL,
    JABATAN,
    PENANDATANGAN,
    NIP,
    TRIWULAN_PELAPORAN,
    UKURAN_KERTAS,
    PEMBULATAN,
    LOGO,
    TANDA_TANGAN,
    GAMBAR_TANDA_TANGAN,
    PENANDA_TTE,
    NAMA_ATASAN,
    JABATAN_ATASAN,
    NIP_ATASAN,
    TANGGAL_PERJANJIAN,
    PENANDA_TTE_ATASAN,
    GAMBAR_TANDA_TANGAN_ATASAN,
    BATAS_CAPAIAN,
)

# -- Indikator: one row per indicator ----------------------------------------------------------
_WORDED = frozenset({Kind.PERSENTASE, Kind.PERTUMBUHAN})

KODE = _text(
    "Kode",
    "code",
    "Kode unik indikator; menghubungkan baris di lembar Triwulan.",
    "IK-1",
    required=True,
    width=9,
    printed=True,
    number_format=TEXT_FORMAT,
)
SASARAN = _text(
    "Sasaran Kegiatan",
    "sasaran",
    "Indikator berurutan dengan teks yang sama digabung dalam satu sel.",
    "Meningkatnya Pelaksanaan Pendampingan",
    required=True,
    width=36,
    printed=True,
)
NAMA_INDIKATOR = _text(
    "Indikator Kinerja",
    "name",
    "Nama indikator kinerja.",
    "Persentase Tahanan yang mendapatkan pendampingan",
    required=True,
    width=36,
    printed=True,
)
_TARGET_HELP = (
    "Dalam satuan indikator: 5 atau 5% (lima persen), 3,52, 120; rentang 80–90, 80-90 atau "
    "80 s.d. 90 (boleh dengan %); untuk kategori salah satu tingkat skalanya, mis. WTP."
)
TARGET = Column(
    "Target",
    "target",
    cells.target,
    Check.DECIMAL,
    _TARGET_HELP,
    "75%",
    required=True,
    counts_for=frozenset({Kind.JUMLAH}),
    ranges=True,
    levels=True,
    width=10,
)
SATUAN = _text(
    "Satuan",
    "satuan",
    lambda c: (
        f"%{c.note('%')}, {Kind.INDEKS.value}{c.note(Kind.INDEKS.value)}, "
        "atau satuan hitung seperti orang, dokumen."
    ),
    "%",
    width=10,
    printed=True,
    default=ByKind(
        {Kind.PERSENTASE: "%", Kind.PERTUMBUHAN: "%", Kind.INDEKS: Kind.INDEKS.value}, ""
    ),
)
JENIS_RUMUS = _choice(
    Kind,
    "Jenis Rumus",
    "kind",
    "persentase, pertumbuhan, indeks, jumlah atau kategori (tingkat pada skala, mis. opini "
    "WTP; isi kolom Skala).",
    "persentase",
    required=True,
    width=14,
)
POLARITAS = _choice(
    Polarity,
    "Polaritas",
    "polarity",
    lambda c: (
        f"maksimal: makin tinggi makin baik{c.note(Polarity.MAKSIMAL)}; "
        "minimal: makin rendah makin baik."
    ),
    "maksimal",
    width=12,
    default=Polarity.MAKSIMAL,
)
AKUMULASI = _choice(
    Accumulation,
    "Akumulasi",
    "accumulation",
    lambda c: (
        f"kumulatif{c.note(Accumulation.KUMULATIF)}, per triwulan, "
        f"terakhir{c.note(Accumulation.TERAKHIR)}, atau rata-rata (rata-rata nilai tiap "
        "triwulan yang dilaporkan, mis. IKM 3,2 lalu 3,6 → 3,4)."
    ),
    "kumulatif",
    width=14,
    default=ByKind({Kind.INDEKS: Accumulation.TERAKHIR}, Accumulation.KUMULATIF),
)
PEMBILANG_URAIAN = _text(
    "Pembilang",
    "pembilang",
    "Wajib untuk persentase dan pertumbuhan: uraian pembilang (pertumbuhan: jumlah tahun ini).",
    "Jumlah Tahanan yang mendapatkan pendampingan",
    required_for=_WORDED,
    width=32,
    printed=True,
)
PENYEBUT_URAIAN = _text(
    "Penyebut",
    "penyebut",
    "Wajib untuk persentase dan pertumbuhan: uraian penyebut (pertumbuhan: jumlah tahun lalu).",
    "Jumlah seluruh Tahanan",
    required_for=_WORDED,
    width=32,
    printed=True,
)
NILAI_DASAR = _decimal(
    "Nilai Dasar",
    "nilai_dasar",
    # Required only once some quarter has a Pembilang without a Nilai (docs/import.md): the
    # reader checks it after reading the quarters.
    "Pertumbuhan: nilai tahun lalu (bukan 0); wajib bila ada triwulan berisi Pembilang "
    "tanpa Nilai.",
    "4",
    counts_for=frozenset({Kind.PERTUMBUHAN}),
    width=11,
)
RUMUS = _text(
    "Rumus",
    "rumus",
    "Teks rumus bebas; bila diisi, dicetak menggantikan rumus pecahan.",
    "Rencana aksi RB terlaksana / Total rencana aksi RB x 100%",
    width=28,
    printed=True,
)
SKALA_INDIKATOR = _text(
    "Skala",
    "scale",
    "Wajib untuk kategori: nama skala dari lembar Skala, mis. Opini BPK; Target dan Nilai "
    "triwulan diisi dengan tingkat pada skala itu.",
    "Opini BPK",
    required_for=frozenset({Kind.KATEGORI}),
    scales=True,
    width=16,
    default=None,
)
KEGIATAN = _text(
    "Kegiatan",
    "kegiatan",
    "Nama kegiatan; baris baru (Alt+Enter) dipertahankan.",
    "Layanan Pendampingan Peradilan",
    required=True,
    width=28,
    printed=True,
)
RENCANA_KEGIATAN = _text(
    "Rencana Kegiatan",
    "rencana_kegiatan",
    "Satu butir per baris, dicetak apa adanya.",
    "Melaksanakan Pendampingan pada tahanan",
    width=40,
    printed=True,
)
DATA = _text(
    "Data",
    "data",
    "Bukti dukung.",
    "Laporan dan dokumentasi pelaksanaan kegiatan",
    width=30,
    printed=True,
)
KETERANGAN: Column[tuple[str, ...]] = Column(
    "Keterangan",
    "keterangan",
    cells.lines,
    Check.TEXT,
    "Satu catatan per baris, dicetak sebagai daftar berbutir.",
    "Pengawasan telah dilaksanakan secara berkala",
    printed=True,
    width=36,
    default=(),
)

INDIKATOR: tuple[Column[Any], ...] = (
    KODE,
    SASARAN,
    NAMA_INDIKATOR,
    TARGET,
    SATUAN,
    JENIS_RUMUS,
    POLARITAS,
    AKUMULASI,
    PEMBILANG_URAIAN,
    PENYEBUT_URAIAN,
    NILAI_DASAR,
    RUMUS,
    KEGIATAN,
    RENCANA_KEGIATAN,
    DATA,
    KETERANGAN,
    SKALA_INDIKATOR,
)

# -- Triwulan: up to four rows per indicator ----------------------------------------------------
KODE_TRIWULAN = _text(
    "Kode",
    "code",
    "Kode indikator dari lembar Indikator.",
    "IK-1",
    required=True,
    width=9,
    number_format=TEXT_FORMAT,
)
TRIWULAN = _quarter(
    "Triwulan",
    "quarter",
    "I, II, III atau IV (juga 1–4, TW I, Triwulan I).",
    "I",
    required=True,
    width=10,
)
PAGU = _money("Pagu", "pagu", "1.250.000")
RENCANA_PENARIKAN = _money("Rencana Penarikan Dana", "rencana_penarikan", "1.000.000")
REALISASI_ANGGARAN = _money("Realisasi Anggaran", "realisasi_anggaran", "950.000")
_COUNTED = frozenset({Kind.PERSENTASE, Kind.PERTUMBUHAN, Kind.JUMLAH})
PEMBILANG = _decimal(
    "Pembilang",
    "pembilang",
    "Yang terjadi pada triwulan itu: persentase, jumlah yang memenuhi "
    "kriteria; jumlah, hitungannya; pertumbuhan, tambahan tahun ini. Boleh desimal "
    "(2,5 ton, 6,5 bulan). Boleh lebih besar dari Penyebut (mis. hunian 470 dari 196).",
    "14",
    counts_for=_COUNTED,
    width=11,
)
PENYEBUT = _decimal(
    "Penyebut",
    "penyebut",
    "Persentase: jumlah dasar pada triwulan itu (boleh desimal). Bila dasarnya angka setahun "
    "yang diketik sama tiap triwulan (mis. pagu 1.200), pilih Akumulasi terakhir dan isi "
    "Pembilang secara kumulatif.",
    "17",
    counts_for=_COUNTED,
    width=11,
)
NILAI = Column(
    "Nilai",
    "nilai",
    cells.number_or_level,
    Check.DECIMAL,
    "Indeks: nilai yang diukur. Kategori: tingkat yang dicapai, mis. WTP. Jenis lain: angka "
    "kantor sendiri, menggantikan hasil hitungan (pertumbuhan boleh negatif, mis. -12,5).",
    "3,52",
    signed_for=frozenset({Kind.PERTUMBUHAN}),
    counts_for=frozenset({Kind.JUMLAH}),
    levels=True,
    width=10,
)
TARGET_TRIWULAN = Column(
    "Target Triwulan",
    "target",
    cells.target,
    Check.DECIMAL,
    "Boleh kosong: target sampai akhir triwulan itu, seperti Target (kumulatif untuk "
    "hitungan: 3, 6, 9, 12 kegiatan; boleh rentang atau tingkat skala). Pengukuran Kinerja "
    "mengukur capaian triwulan terhadapnya; Target Triwulan IV = Target.",
    "6",
    counts_for=frozenset({Kind.JUMLAH}),
    ranges=True,
    levels=True,
    width=11,
)
STATUS = _text(
    "Status Pelaksana", "status", "Dicetak apa adanya.", "Terlaksana", width=30, printed=True
)

KENDALA = _text(
    "Kendala",
    "kendala",
    "Boleh kosong: kendala pada triwulan itu, dicetak di laporan Pengukuran Kinerja.",
    "Jadwal pelatihan bergeser karena cuaca",
    printed=True,
    width=30,
)
TINDAK_LANJUT = _text(
    "Tindak Lanjut",
    "tindak_lanjut",
    "Boleh kosong: tindak lanjut atas kendala triwulan itu.",
    "Pelatihan dijadwalkan ulang pada bulan berikutnya",
    printed=True,
    width=30,
)

TRIWULAN_COLUMNS: tuple[Column[Any], ...] = (
    KODE_TRIWULAN,
    TRIWULAN,
    PAGU,
    RENCANA_PENARIKAN,
    REALISASI_ANGGARAN,
    PEMBILANG,
    PENYEBUT,
    NILAI,
    STATUS,
    KENDALA,
    TINDAK_LANJUT,
    TARGET_TRIWULAN,
)

# -- Predikat (optional): the unit's own bands, highest first -----------------------------------
BATAS_BAWAH = _decimal(
    "Batas Bawah (%)",
    "lower",
    "Capaian terendah (persen) yang masih mendapat predikat ini; urutkan dari yang tertinggi. "
    "Capaian di bawah batas terendah mendapat predikat terakhir. Tanpa lembar ini dipakai "
    "predikat bawaan.",
    "75",
    required=True,
    width=16,
)
PREDIKAT = _text(
    "Predikat",
    "label",
    "Sebutan yang dicetak, mis. Berhasil.",
    "Berhasil",
    required=True,
    printed=True,
    width=30,
)

PREDIKAT_COLUMNS: tuple[Column[Any], ...] = (BATAS_BAWAH, PREDIKAT)

# -- Skala: the levels of kategori indicators, one row per level, best first ------------------
NAMA_SKALA = _text(
    "Skala",
    "scale",
    "Nama skala, diulang di setiap barisnya; indikator kategori menyebut nama ini di kolom "
    "Skala. Tingkat diurutkan dari yang terbaik.",
    "Opini BPK",
    required=True,
    width=24,
)
TINGKAT = _text(
    "Tingkat",
    "name",
    "Satu tingkat skala per baris, dari yang terbaik ke yang terburuk, mis. WTP, WDP, TW, TMP.",
    "WTP",
    required=True,
    printed=True,
    width=16,
)
NILAI_TINGKAT = _decimal(
    "Nilai",
    "value",
    "Boleh kosong: nilai 0–100 tingkat ini. Capaian di bawah target = Nilai tingkat yang "
    "dicapai / Nilai tingkat target × 100 bila keduanya bernilai, selain itu 0.",
    "100",
    width=10,
)

SKALA_COLUMNS: tuple[Column[Any], ...] = (NAMA_SKALA, TINGKAT, NILAI_TINGKAT)

DEFAULT_SKALA_ROWS = tuple(
    {NAMA_SKALA.header: scale.name, TINGKAT.header: level.name}
    for scale in BUILTIN_SCALES
    for level in scale.levels
)
"""The Skala sheet that `init` writes: the built-in scales, without Nilai."""

DEFAULT_PREDIKAT_ROWS = tuple(
    {BATAS_BAWAH.header: int(band.lower), PREDIKAT.header: band.label} for band in DEFAULT_BANDS
)
"""The Predikat sheet that `init` writes: the default bands."""

TABLE_SHEETS: dict[str, tuple[Column[Any], ...]] = {
    SHEET_INDIKATOR: INDIKATOR,
    SHEET_TRIWULAN: TRIWULAN_COLUMNS,
    SHEET_PREDIKAT: PREDIKAT_COLUMNS,
    SHEET_SKALA: SKALA_COLUMNS,
}

PERJANJIAN_PRINTED: tuple[Column[Any], ...] = (
    NAMA_UPT,
    KOTA,
    JABATAN,
    PENANDATANGAN,
    NAMA_ATASAN,
    JABATAN_ATASAN,
    SASARAN,
    NAMA_INDIKATOR,
    SATUAN,
    KEGIATAN,
)
"""The typed texts the Perjanjian Kinerja prints (documents/perjanjian.py): the superior's
Penanda TTE may occur in none of them (docs/perjanjian.md, Signing)."""

READ_SHEETS = (SHEET_IDENTITAS, *TABLE_SHEETS)
"""The sheets the reader reads. Every other sheet (Petunjuk, a clerk's own notes) is handed to
openpyxl emptied, so that no sheet the reader never looks at costs time or memory."""
