"""The standard workbook's layout: sheets, headers, what each field holds.

One description serves both the writer (`renaksi-docs init`: headers, widths, dropdowns,
the Petunjuk sheet) and the reader (which header means which field). No openpyxl here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .model import Accumulation, Kind, PaperSize, Polarity, Rounding


class Check(Enum):
    """The data check the blank workbook puts on a column (and the reader enforces)."""

    TEXT = "text"
    WHOLE = "whole"
    """Whole number ≥ 0 (rupiah, counts)."""
    DECIMAL = "decimal"
    """Any number."""
    LIST = "list"
    """One of `options`."""
    DATE = "date"


@dataclass(frozen=True)
class Field:
    """One column of a table sheet, or one row of the Identitas sheet."""

    header: str
    """The header (or Identitas label) exactly as the blank workbook writes it."""
    help: str
    """What to type, in Bahasa Indonesia, for the Petunjuk sheet."""
    example: str
    required: bool = False
    check: Check = Check.TEXT
    options: tuple[str, ...] = ()
    width: int = 14


def _options(enum: type[Enum]) -> tuple[str, ...]:
    return tuple(str(m.value) for m in enum)


QUARTER_OPTIONS = ("I", "II", "III", "IV")

SHEET_PETUNJUK = "Petunjuk"
SHEET_IDENTITAS = "Identitas"
SHEET_INDIKATOR = "Indikator"
SHEET_TRIWULAN = "Triwulan"

IDENTITAS = (
    Field(
        "Nama UPT",
        "Nama lengkap unit, seperti tertulis di kop.",
        "Balai Pemasyarakatan Kelas II Magelang",
        required=True,
    ),
    Field("Tahun", "Tahun rencana aksi.", "2026", required=True, check=Check.WHOLE),
    Field("Kota", "Tempat penandatanganan.", "Magelang", required=True),
    Field(
        "Tanggal",
        "Tanggal penandatanganan: tanggal Excel, atau teks 22 Juni 2026, 2026-06-22, 22/06/2026.",
        "22 Juni 2026",
        required=True,
        check=Check.DATE,
    ),
    Field(
        "Jabatan Penandatangan",
        "Dicetak di atas ruang tanda tangan bila diisi.",
        "Kepala Balai Pemasyarakatan Kelas II Magelang",
    ),
    Field(
        "Nama Penandatangan",
        "Nama kepala UPT yang menandatangani.",
        "Agustiyar Ekantoro",
        required=True,
    ),
    Field(
        "NIP",
        "18 angka, boleh berspasi. Ketik sebagai teks (awali dengan tanda ') agar "
        "Excel tidak mengubahnya.",
        "19700101 199003 1 001",
    ),
    Field(
        "Triwulan",
        "Triwulan pelaporan I–IV; kosongkan untuk rencana awal tahun. "
        "Opsi --triwulan pada perintah build menggantikannya.",
        "II",
        check=Check.LIST,
        options=QUARTER_OPTIONS,
    ),
    Field(
        "Ukuran Kertas",
        "A4 (bawaan) atau F4 (215 × 330 mm), selalu mendatar.",
        "A4",
        check=Check.LIST,
        options=_options(PaperSize),
    ),
    Field(
        "Pembulatan",
        "bulat: dibulatkan ke 2 desimal (bawaan); potong: dipotong ke 2 desimal.",
        "bulat",
        check=Check.LIST,
        options=_options(Rounding),
    ),
    Field(
        "Logo",
        "Berkas gambar (PNG/JPG) untuk halaman sampul, letaknya relatif terhadap berkas Excel ini.",
        "logo.png",
    ),
)

INDIKATOR = (
    Field(
        "Kode",
        "Kode unik indikator; menghubungkan baris di lembar Triwulan.",
        "IK-1",
        required=True,
        width=9,
    ),
    Field(
        "Sasaran Kegiatan",
        "Indikator berurutan dengan teks yang sama digabung dalam satu sel.",
        "Meningkatnya Pelaksanaan Pendampingan",
        required=True,
        width=36,
    ),
    Field(
        "Indikator Kinerja",
        "Nama indikator kinerja.",
        "Persentase Tahanan yang mendapatkan pendampingan",
        required=True,
        width=36,
    ),
    Field(
        "Target",
        "Dalam satuan indikator: 5 atau 5% (lima persen), 3,52, 120.",
        "75%",
        required=True,
        check=Check.DECIMAL,
        width=10,
    ),
    Field(
        "Satuan",
        "% (bawaan persentase dan pertumbuhan), indeks (bawaan indeks), "
        "atau satuan hitung seperti orang, dokumen.",
        "%",
        width=10,
    ),
    Field(
        "Jenis Rumus",
        "persentase, pertumbuhan, indeks atau jumlah.",
        "persentase",
        required=True,
        check=Check.LIST,
        options=_options(Kind),
        width=14,
    ),
    Field(
        "Polaritas",
        "maksimal: makin tinggi makin baik (bawaan); minimal: makin rendah makin baik.",
        "maksimal",
        check=Check.LIST,
        options=_options(Polarity),
        width=12,
    ),
    Field(
        "Akumulasi",
        "kumulatif (bawaan, kecuali indeks), per triwulan, atau terakhir (bawaan indeks).",
        "kumulatif",
        check=Check.LIST,
        options=_options(Accumulation),
        width=14,
    ),
    Field(
        "Pembilang",
        "Wajib untuk persentase dan pertumbuhan: uraian pembilang (pertumbuhan: jumlah tahun ini).",
        "Jumlah Tahanan yang mendapatkan pendampingan",
        width=32,
    ),
    Field(
        "Penyebut",
        "Wajib untuk persentase dan pertumbuhan: uraian penyebut (pertumbuhan: jumlah tahun lalu).",
        "Jumlah seluruh Tahanan",
        width=32,
    ),
    Field(
        "Nilai Dasar",
        "Wajib untuk pertumbuhan: nilai tahun lalu (bukan 0).",
        "4",
        check=Check.DECIMAL,
        width=11,
    ),
    Field(
        "Rumus",
        "Teks rumus bebas; bila diisi, dicetak menggantikan rumus pecahan.",
        "Rencana aksi RB terlaksana / Total rencana aksi RB x 100%",
        width=28,
    ),
    Field(
        "Kegiatan",
        "Nama kegiatan; baris baru (Alt+Enter) dipertahankan.",
        "Layanan Pendampingan Peradilan",
        required=True,
        width=28,
    ),
    Field(
        "Rencana Kegiatan",
        "Satu butir per baris, dicetak apa adanya.",
        "Melaksanakan Pendampingan pada tahanan",
        width=40,
    ),
    Field("Data", "Bukti dukung.", "Laporan dan dokumentasi pelaksanaan kegiatan", width=30),
    Field(
        "Keterangan",
        "Satu catatan per baris, dicetak sebagai daftar berbutir.",
        "Pengawasan telah dilaksanakan secara berkala",
        width=36,
    ),
)

TRIWULAN = (
    Field("Kode", "Kode indikator dari lembar Indikator.", "IK-1", required=True, width=9),
    Field(
        "Triwulan",
        "I, II, III atau IV (juga 1–4, TW I, Triwulan I).",
        "I",
        required=True,
        check=Check.LIST,
        options=QUARTER_OPTIONS,
        width=10,
    ),
    Field(
        "Pagu",
        "Rupiah, bilangan bulat ≥ 0; kosong berarti 0.",
        "1.250.000",
        check=Check.WHOLE,
        width=14,
    ),
    Field(
        "Rencana Penarikan Dana",
        "Rupiah, bilangan bulat ≥ 0; kosong berarti 0.",
        "1.000.000",
        check=Check.WHOLE,
        width=14,
    ),
    Field(
        "Realisasi Anggaran",
        "Rupiah, bilangan bulat ≥ 0; kosong berarti 0.",
        "950.000",
        check=Check.WHOLE,
        width=14,
    ),
    Field(
        "Pembilang",
        "Yang terjadi pada triwulan itu: persentase, jumlah yang memenuhi "
        "kriteria; jumlah, hitungannya; pertumbuhan, tambahan tahun ini.",
        "14",
        check=Check.WHOLE,
        width=11,
    ),
    Field(
        "Penyebut", "Persentase: jumlah dasar pada triwulan itu.", "17", check=Check.WHOLE, width=11
    ),
    Field(
        "Nilai",
        "Indeks: nilai yang diukur. Jenis lain: angka kantor sendiri, menggantikan hasil hitungan.",
        "3,52",
        check=Check.DECIMAL,
        width=10,
    ),
    Field("Status Pelaksana", "Dicetak apa adanya.", "Terlaksana", width=30),
)

TABLE_SHEETS = {SHEET_INDIKATOR: INDIKATOR, SHEET_TRIWULAN: TRIWULAN}
