"""The bad-input corpus: every named case gives exactly its message(s) and exit code.

Each case builds its input file in a temp folder and runs `renaksi-docs validate` on it.
Expected lines are compared whole (after the two-space indent); no case may print a
traceback. Rows of the Magelang sample: Indikator 2..8 = IK-1..IK-7; Triwulan 2..29 =
IK-1 TW I..IV, IK-2 TW I..IV, …; Identitas B2..B12 in schema order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from renaksi_docs.cli import main
from renaksi_docs.documents.rencana_aksi_docx import TEMPLATE
from renaksi_docs.documents.templates import default_template
from renaksi_docs.workbook.reader import read_plan

from . import hostile
from .conftest import MAGELANG_XLSX, HeavyFiles


@dataclass(frozen=True)
class Case:
    """One bad (or tricky but valid) input and what validate must say about it."""

    name: str
    make: Callable[[Path, HeavyFiles], Path]
    """Writes the input into the folder (the costly inputs come from the HeavyFiles)."""
    exit_code: int
    lines: tuple[str, ...] = ()
    """Lines validate prints for the file, each exactly."""
    absent: tuple[str, ...] = field(default=())
    """Text that must not appear."""


Make = Callable[[Path, HeavyFiles], Path]


def _bytes(data: bytes | Callable[[], bytes], name: str = "uji.xlsx") -> Make:
    def make(folder: Path, heavy: HeavyFiles) -> Path:
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return make


def _heavy(build: Callable[[HeavyFiles], Path | bytes], name: str = "uji.xlsx") -> Make:
    """A copy of one of the inputs built once per test run."""

    def make(folder: Path, heavy: HeavyFiles) -> Path:
        path = folder / name
        made = build(heavy)
        path.write_bytes(made.read_bytes() if isinstance(made, Path) else made)
        return path

    return make


def _edited(
    *changes: tuple[str, str, object],
    fmt: str | None = None,
    extra: Callable[[Workbook], object] | None = None,
) -> Make:
    def edit(book: Workbook) -> None:
        for sheet, cell, value in changes:
            book[sheet][cell] = value
            if fmt:
                book[sheet][cell].number_format = fmt
        if extra is not None:
            extra(book)

    return _bytes(lambda: hostile.xlsx_bytes(edit))


def _called(make: Callable[[Path], Path], name: str = "uji.xlsx") -> Make:
    return lambda folder, heavy: make(folder / name)


def _delete_column(sheet: str, column: int) -> Callable[[Workbook], None]:
    return lambda book: book[sheet].delete_cols(column)


def _hide_row(book: Workbook) -> None:
    book["Triwulan"].row_dimensions[5].hidden = True


def _drop(title: str) -> Callable[[Workbook], None]:
    def edit(book: Workbook) -> None:
        del book[title]

    return edit


def _rename(old: str, new: str) -> Callable[[Workbook], None]:
    def edit(book: Workbook) -> None:
        book[old].title = new

    return edit


LONG = ("Pelaksanaan kegiatan pembimbingan klien pemasyarakatan. " * 90)[:5000]
FILE = "berkas"
CASES = [
    # -- not a workbook at all --------------------------------------------------------------
    Case(
        "xls-97-2003",
        _bytes(hostile.OLE_MAGIC + bytes(2048)),
        1,
        ("ini berkas Excel lama (.xls); buka di Excel lalu simpan sebagai Excel Workbook (.xlsx)",),
    ),
    Case(
        "csv",
        _bytes(b"Kode;Target\nIK-1;5\n"),
        1,
        (
            "bukan berkas Excel .xlsx (mis. CSV atau teks); buka di Excel lalu simpan sebagai "
            "Excel Workbook (.xlsx)",
        ),
    ),
    Case(
        "ods",
        _called(hostile.ods),
        1,
        ("ini berkas OpenDocument (.ods), bukan workbook Excel; simpan sebagai .xlsx",),
    ),
    Case(
        "renamed-docx",
        _bytes(lambda: default_template(TEMPLATE).read_bytes()),
        1,
        ("ini dokumen Word (.docx), bukan workbook Excel; simpan sebagai .xlsx",),
    ),
    Case(
        "empty-file",
        _bytes(b""),
        1,
        ("berkas kosong (0 bita); isi workbook standar dari `renaksi-docs init`",),
    ),
    Case(
        "truncated-zip",
        _bytes(lambda: hostile.xlsx_bytes()[:3000]),
        1,
        (
            "berkas .xlsx rusak atau terpotong; salin ulang berkas aslinya atau simpan ulang dari "
            "Excel",
        ),
    ),
    Case(
        "password-protected",
        _called(hostile.encrypted),
        1,
        (
            "workbook dilindungi kata sandi; buka di Excel, hapus kata sandinya (File > Info > "
            "Protect Workbook), lalu simpan ulang",
        ),
    ),
    Case(
        "broken-workbook-xml",
        _bytes(lambda: hostile.rewrite(hostile.xlsx_bytes(), "xl/workbook.xml", lambda x: x[:40])),
        1,
        (
            "berkas tidak dapat dibaca sebagai workbook Excel (XMLSyntaxError); buka di Excel, "
            "periksa isinya, lalu simpan ulang sebagai .xlsx",
        ),
    ),
    Case(
        "broken-sheet-xml",
        _bytes(
            lambda: hostile.rewrite(
                hostile.xlsx_bytes(),
                "xl/worksheets/sheet3.xml",
                lambda x: x.replace("<sheetData>", "<sheetData><row r='x'>"),
            )
        ),
        1,
        (
            "berkas tidak dapat dibaca sebagai workbook Excel (ParseError); buka di Excel, "
            "periksa isinya, lalu simpan ulang sebagai .xlsx",
        ),
    ),
    # -- hostile ------------------------------------------------------------------------------
    Case(
        "xxe-external-entity",
        _bytes(lambda: hostile.with_dtd(hostile.XXE, "&xxe;")),
        1,
        (
            "berkas ditolak: bagian xl/worksheets/sheet2.xml memuat deklarasi DTD/entitas XML "
            "yang tidak pernah ditulis Excel (bisa dipakai untuk serangan); buka berkas aslinya "
            "di Excel lalu simpan ulang",
        ),
        absent=("root:",),
    ),
    Case(
        "billion-laughs",
        _bytes(lambda: hostile.with_dtd(hostile.BILLION_LAUGHS, "&lol9;")),
        1,
        (
            "berkas ditolak: bagian xl/worksheets/sheet2.xml memuat deklarasi DTD/entitas XML yang "
            "tidak pernah ditulis Excel (bisa dipakai untuk serangan); buka berkas aslinya di "
            "Excel lalu simpan ulang",
        ),
    ),
    Case(
        "zip-bomb",
        _heavy(lambda heavy: heavy.zip_bomb),
        1,
        (
            "berkas ditolak: isinya mengembang jauh melebihi ukuran wajar (xl/media/bom.bin: 1.073 "
            "MB setelah dibuka); kemungkinan rusak atau berbahaya",
        ),
    ),
    # -- sheets and headers ---------------------------------------------------------------------
    Case(
        "missing-sheet",
        _edited(extra=_drop("Triwulan")),
        1,
        (
            'lembar "Triwulan" tidak ada (yang ada: Petunjuk, Identitas, Indikator, Predikat, '
            "Skala); "
            'tambahkan lembar "Triwulan" seperti pada workbook standar (renaksi-docs init).',
        ),
    ),
    Case(
        "misspelled-sheet",
        _edited(extra=_rename("Triwulan", "Triwulam")),
        1,
        (
            'lembar "Triwulan" tidak ada (yang ada: Petunjuk, Identitas, Indikator, Triwulam, '
            "Predikat, Skala); "
            'tambahkan lembar "Triwulan" seperti pada workbook standar (renaksi-docs init). '
            'Maksudnya "Triwulam"?',
        ),
    ),
    Case("sheet-name-case-and-spaces", _edited(extra=_rename("Triwulan", " TRIWULAN ")), 0),
    Case(
        "missing-header",
        _edited(extra=_delete_column("Indikator", 4)),
        1,
        ('Indikator!A1:P1: kolom "Target" tidak ada; tambahkan kolom dengan judul "Target"',),
    ),
    Case(
        "misspelled-header",
        _edited(("Indikator", "D1", "Tagret")),
        1,
        (
            'Indikator!D1: judul kolom "Tagret" tidak dikenal. Maksudnya "Target"? '
            "Perbaiki judulnya",
        ),
    ),
    Case(
        "unknown-extra-header",
        _edited(("Indikator", "Q1", "Catatan Internal")),
        0,
        ('Indikator!Q1: peringatan: kolom "Catatan Internal" tidak dikenal dan diabaikan.',),
    ),
    Case("header-other-case", _edited(("Indikator", "D1", "  TARGET ")), 0),
    # -- required values ------------------------------------------------------------------------
    *[
        Case(
            f"missing-{sheet.lower()}-{label.lower().replace(' ', '-')}",
            _edited((sheet, cell, None)),
            1,
            (f"{sheet}!{cell}: {label} harus diisi",),
        )
        for sheet, cell, label in [
            ("Identitas", "B2", "Nama UPT"),
            ("Identitas", "B3", "Tahun"),
            ("Identitas", "B4", "Kota"),
            ("Identitas", "B5", "Tanggal"),
            ("Identitas", "B7", "Nama Penandatangan"),
            ("Indikator", "A3", "Kode"),
            ("Indikator", "B4", "Sasaran Kegiatan"),
            ("Indikator", "C5", "Indikator Kinerja"),
            ("Indikator", "D6", "Target"),
            ("Indikator", "F7", "Jenis Rumus"),
            ("Indikator", "M8", "Kegiatan"),
            ("Triwulan", "A9", "Kode"),
            ("Triwulan", "B10", "Triwulan"),
        ]
    ],
    # -- numbers --------------------------------------------------------------------------------
    Case(
        "word-in-number",
        _edited(("Indikator", "D2", "tiga")),
        1,
        (
            'Indikator!D2: Target: "tiga" bukan angka atau rentang; ketik angka (75, 3,52), '
            "rentang (80–90, 80 s.d. 90), atau pilih Jenis Rumus kategori untuk tingkat skala "
            "seperti WTP",
        ),
    ),
    Case(
        "broken-grouping",
        _edited(("Triwulan", "C2", "3.5.2")),
        1,
        ('Triwulan!C2: Pagu: "3.5.2" bukan angka yang sah; ketik mis. 3,52 atau 1.250.000',),
    ),
    Case(
        "english-decimal",
        _edited(("Indikator", "D2", "3.52")),
        1,
        (
            'Indikator!D2: Target: "3.52" bukan angka yang sah (maksudnya "3,52"? koma untuk '
            "desimal, titik untuk ribuan); ketik mis. 3,52 atau 1.250.000",
        ),
    ),
    Case("indonesian-decimal-accepted", _edited(("Indikator", "D2", "3,52")), 0),
    Case("indonesian-money-accepted", _edited(("Triwulan", "C2", "1.250.000")), 0),
    Case("percent-formatted-cell", _edited(("Indikator", "D2", 0.8), fmt="0%"), 0),
    Case("percent-text", _edited(("Indikator", "D2", "80%")), 0),
    Case(
        "negative-money",
        _edited(("Triwulan", "C2", -1)),
        1,
        ("Triwulan!C2: Pagu: tidak boleh negatif (-1)",),
    ),
    Case(
        "negative-count",
        _edited(("Triwulan", "F2", -3), ("Triwulan", "G2", 10)),
        1,
        ("Triwulan!F2: Pembilang: tidak boleh negatif (-3)",),
    ),
    # Nilai is signed for pertumbuhan only (schema.NILAI); IK-5 TW I is Triwulan row 18.
    Case("negative-nilai-pertumbuhan", _edited(("Triwulan", "H18", "-12,5")), 0),
    Case("negative-nilai-pertumbuhan-number", _edited(("Triwulan", "H18", -12.5)), 0),
    Case(
        "negative-nilai-persentase",
        _edited(("Triwulan", "H2", -5)),
        1,
        (
            "Triwulan!H2: Nilai: tidak boleh negatif (-5) untuk indikator persentase; angka "
            "negatif hanya untuk pertumbuhan",
        ),
    ),
    Case(
        "negative-nilai-dasar",
        _edited(("Indikator", "K6", -4)),
        1,
        ("Indikator!K6: Nilai Dasar: tidak boleh negatif (-4)",),
    ),
    Case(
        "fractional-money",
        _edited(("Triwulan", "D2", 1250000.5)),
        1,
        ("Triwulan!D2: Rencana Penarikan Dana: harus bilangan bulat, tanpa desimal (1.250.000,5)",),
    ),
    Case(
        "pembilang-above-penyebut",
        _edited(("Triwulan", "F2", 12), ("Triwulan", "G2", 10)),
        0,  # real percentages above 100 exist (occupancy): a warning (docs/indicators.md)
        (
            "Triwulan!F2: peringatan: Pembilang (12) lebih besar dari Penyebut (10): "
            "persentasenya di atas 100% (wajar untuk hunian atau realisasi PNBP); periksa kedua "
            "angka bila bukan itu maksudnya",
        ),
    ),
    # -- codes and quarters ---------------------------------------------------------------------
    Case(
        "duplicate-kode",
        _edited(("Indikator", "A3", "IK-1")),
        1,
        (
            'Indikator!A3: Kode "IK-1" sudah dipakai di A2; setiap indikator perlu kode yang '
            "berbeda",
        ),
    ),
    Case(
        "duplicate-kode-triwulan",
        _edited(("Triwulan", "B3", "I")),
        1,
        (
            "Triwulan!B3: Kode IK-1 Triwulan I sudah diisi di baris B2; gabungkan angkanya dalam "
            "satu baris",
        ),
    ),
    Case(
        "unknown-kode",
        _edited(("Triwulan", "A2", "IK-9")),
        1,
        (
            'Triwulan!A2: Kode "IK-9" tidak ada di lembar Indikator; periksa ketikannya. Maksudnya '
            '"IK-7"?',
        ),
    ),
    Case(
        "fifth-quarter",
        _edited(("Triwulan", "B2", "V")),
        1,
        ('Triwulan!B2: Triwulan: triwulan "V" tidak dikenal; isi I, II, III atau IV',),
    ),
    Case(
        "tw5",
        _edited(("Triwulan", "B2", "TW5")),
        1,
        ('Triwulan!B2: Triwulan: triwulan "TW5" tidak dikenal; isi I, II, III atau IV',),
    ),
    Case(
        "quarter-spellings",
        _edited(
            ("Triwulan", "B2", "TW 1"), ("Triwulan", "B3", 2), ("Triwulan", "B4", "Triwulan III")
        ),
        0,
    ),
    Case(
        "unknown-jenis-rumus",
        _edited(("Indikator", "F2", "persen")),
        1,
        (
            'Indikator!F2: Jenis Rumus: "persen" tidak dikenal; pilih salah satu: persentase, '
            'pertumbuhan, indeks, jumlah, kategori. Maksudnya "persentase"?',
        ),
    ),
    Case(
        "pertumbuhan-without-nilai-dasar",
        _edited(("Indikator", "K6", None), ("Triwulan", "F18", 3)),
        1,
        (
            "Indikator!K6: Nilai Dasar harus diisi (nilai tahun lalu): Triwulan I indikator "
            "IK-5 berisi Pembilang tanpa Nilai, dan pertumbuhannya dihitung dari Nilai Dasar",
        ),
    ),
    Case(
        "pertumbuhan-without-nilai-dasar-nothing-reported",
        _edited(("Indikator", "K6", None)),
        0,
        (),
        ("Nilai Dasar",),
    ),
    Case(
        "pertumbuhan-without-nilai-dasar-quarter-with-nilai",
        _edited(("Indikator", "K6", None), ("Triwulan", "F18", 3), ("Triwulan", "H18", 12.5)),
        0,
        (),
        ("Nilai Dasar",),
    ),
    Case(
        "pertumbuhan-nilai-dasar-zero",
        _edited(("Indikator", "K6", 0)),
        1,
        (
            "Indikator!K6: Nilai Dasar pertumbuhan harus lebih dari 0 (nilai tahun lalu); "
            "pertumbuhan dari 0 tidak dapat dihitung",
        ),
    ),
    # -- dates and NIP --------------------------------------------------------------------------
    *[
        Case(f"date-{label}", _edited(("Identitas", "B5", value)), 0)
        for label, value in [
            ("excel", dt.datetime(2026, 6, 22)),
            ("text", "22 Juni 2026"),
            ("iso", "2026-06-22"),
            ("slashes", "22/06/2026"),
        ]
    ],
    Case(
        "impossible-date",
        _edited(("Identitas", "B5", "31 Juni 2026")),
        1,
        (
            'Identitas!B5: Tanggal: tanggal "31 Juni 2026" tidak ada di kalender; periksa hari dan '
            "bulannya",
        ),
    ),
    Case(
        "nip-typed-as-number",
        _edited(("Identitas", "B8", 197001011990031001)),
        1,
        (
            "Identitas!B8: NIP: diketik sebagai angka (1.97E+17) sehingga Excel membulatkan digit "
            "akhirnya; ketik ulang sebagai teks dengan tanda petik di depan, mis. '19700101 199003 "
            "1 001",
        ),
    ),
    Case("nip-as-text", _edited(("Identitas", "B8", "19700101 199003 1 001")), 0),
    # -- formulas, merges, hidden and empty rows ------------------------------------------------
    Case(
        "formula-never-calculated",
        _edited(("Triwulan", "F2", "=6+6"), ("Triwulan", "G2", 20)),
        0,
        (
            "Triwulan!F2: peringatan: rumus Excel di sel ini belum pernah dihitung (berkas "
            "belum disimpan oleh Excel), jadi nilainya dianggap kosong; buka berkas di Excel "
            "lalu simpan, atau ketik angkanya langsung",
        ),
    ),
    Case(
        "formula-with-stored-value",
        _bytes(lambda: hostile.formula_with_cached_value("C2", "=1000*1000", "1000000")),
        0,
        absent=("peringatan",),
    ),
    Case(
        "merged-cells",
        _edited(extra=lambda b: b["Indikator"].merge_cells("B2:B3")),
        1,
        (
            "Indikator!B2:B3: sel gabungan (merge) tidak dapat dibaca per baris; pisahkan "
            "gabungannya (Unmerge) dan isi teksnya di setiap baris",
        ),
    ),
    Case(
        "hidden-row",
        _edited(extra=_hide_row),
        0,
        (
            "Triwulan!5: peringatan: baris tersembunyi (5) tetap dibaca; tampilkan (Unhide) untuk "
            "memeriksanya, atau hapus bila tidak dipakai",
        ),
    ),
    Case(
        "thousands-of-empty-formatted-rows",
        _heavy(lambda heavy: heavy.formatted_tail),
        0,
        absent=("peringatan", "galat:"),
    ),
    # -- more values: choices, identity, logo, pairs, warnings ----------------------------------
    Case(
        "negative-percent-cell",
        _edited(("Indikator", "D2", -0.05), fmt="0%"),
        1,
        ("Indikator!D2: Target: tidak boleh negatif (-5)",),
    ),
    Case(
        "whitespace-only-text",
        _edited(("Indikator", "B5", "   ")),
        1,
        ("Indikator!B5: Sasaran Kegiatan harus diisi",),
    ),
    Case(
        "unknown-akumulasi",
        _edited(("Indikator", "H2", "bulanan")),
        1,
        (
            'Indikator!H2: Akumulasi: "bulanan" tidak dikenal; pilih salah satu: kumulatif, '
            "per triwulan, terakhir, rata-rata.",
        ),
    ),
    Case(
        "misspelled-polaritas",
        _edited(("Indikator", "G2", "maximal")),
        1,
        (
            'Indikator!G2: Polaritas: "maximal" tidak dikenal; pilih salah satu: maksimal, '
            'minimal. Maksudnya "maksimal"?',
        ),
    ),
    Case(
        "pembilang-wording-missing",
        _edited(("Indikator", "I2", None)),
        1,
        ("Indikator!I2: Pembilang harus diisi",),
    ),
    Case(
        "date-word",
        _edited(("Identitas", "B5", "besok")),
        1,
        (
            'Identitas!B5: Tanggal: "besok" bukan tanggal; tulis mis. 22 Juni 2026, 2026-06-22 '
            "atau 22/06/2026",
        ),
    ),
    Case(
        "unknown-month",
        _edited(("Identitas", "B5", "22 Juno 2026")),
        1,
        (
            'Identitas!B5: Tanggal: nama bulan "Juno" tidak dikenal; tulis mis. 22 Juni 2026. '
            'Maksudnya "Juni"?',
        ),
    ),
    Case(
        "year-out-of-range",
        _edited(("Identitas", "B3", 1926)),
        1,
        ("Identitas!B3: Tahun: tahun 1926 tidak wajar; isi tahun empat angka, mis. 2026",),
    ),
    Case(
        "nip-too-short",
        _edited(("Identitas", "B8", "1970 0101")),
        1,
        ('Identitas!B8: NIP: "1970 0101" bukan NIP; NIP terdiri dari 18 angka (boleh berspasi)',),
    ),
    Case(
        "unknown-paper",
        _edited(("Identitas", "B10", "A5")),
        1,
        ('Identitas!B10: Ukuran Kertas: "A5" tidak dikenal; pilih salah satu: A4, F4.',),
    ),
    Case(
        "unknown-rounding",
        _edited(("Identitas", "B11", "ke atas")),
        1,
        ('Identitas!B11: Pembulatan: "ke atas" tidak dikenal; pilih salah satu: bulat, potong.',),
    ),
    Case(
        "duplicate-identitas-label",
        _edited(("Identitas", "A17", "Kota"), ("Identitas", "B17", "Semarang")),
        1,
        ('Identitas!A17: isian "Kota" muncul dua kali (juga di baris 4); hapus salah satunya',),
    ),
    Case(
        "logo-file-missing",
        _edited(("Identitas", "B12", "logo.png")),
        1,
        (
            'Identitas!B12: berkas logo "logo.png" tidak ditemukan; letakkan gambarnya di folder '
            "yang sama dengan workbook",
        ),
    ),
    Case(
        "logo-not-an-image",
        _edited(("Identitas", "B12", "catatan.txt")),
        1,
        ("Identitas!B12: Logo harus berkas gambar PNG atau JPG",),
    ),
    Case(
        "penyebut-missing",
        _edited(("Triwulan", "F2", 5)),
        1,
        ("Triwulan!G2: Penyebut harus diisi bila Pembilang diisi (persentase)",),
    ),
    Case(
        "pembilang-missing",
        _edited(("Triwulan", "G2", 5)),
        1,
        ("Triwulan!F2: Pembilang harus diisi bila Penyebut diisi (persentase)",),
    ),
    Case(
        "no-indicators",
        _edited(
            extra=lambda b: [b["Indikator"].delete_rows(2, 7), b["Triwulan"].delete_rows(2, 28)]
        ),
        1,
        ("Indikator: belum ada indikator; isi minimal satu baris di bawah judul",),
    ),
    Case(
        "header-row-missing",
        _edited(extra=lambda b: b["Triwulan"].delete_rows(1)),
        1,
        (
            "Triwulan!A1: baris judul kolom tidak ditemukan; baris pertama harus berisi judul "
            "seperti Kode, Triwulan, Pagu, Rencana Penarikan Dana, … (salin dari workbook "
            "standar: renaksi-docs init)",
        ),
    ),
    Case(
        "realisasi-above-pagu",
        _edited(("Triwulan", "C2", 100_000), ("Triwulan", "E2", 200_000)),
        0,
        ("Triwulan!E2: peringatan: Realisasi Anggaran melebihi Pagu; periksa angkanya",),
    ),
    Case(
        "penyebut-zero",
        _edited(("Triwulan", "F2", 0), ("Triwulan", "G2", 0)),
        0,
        (
            "Triwulan!G2: peringatan: Penyebut 0: capaian triwulan ini tidak dapat dihitung dan "
            "dicetak -",
        ),
    ),
    # -- Predikat sheet (optional; rows 2..5 hold the default bands 100, 75, 55, 0) -------------
    Case("predikat-sheet-absent", _edited(extra=_drop("Predikat")), 0),
    Case(
        "predikat-own-bands-percent-cells",
        _edited(("Predikat", "A2", 0.9), ("Predikat", "A3", 0.7), fmt="0%"),
        0,
    ),
    Case(
        "predikat-not-decreasing",
        _edited(("Predikat", "A4", 80)),
        1,
        (
            "Predikat!A4: Batas Bawah (%) 80 harus lebih kecil dari batas di atasnya (75 di A3); "
            "urutkan predikat dari batas tertinggi ke terendah",
        ),
    ),
    Case(
        "predikat-equal-bounds",
        _edited(("Predikat", "A3", "100")),
        1,
        (
            "Predikat!A3: Batas Bawah (%) 100 harus lebih kecil dari batas di atasnya (100 di "
            "A2); urutkan predikat dari batas tertinggi ke terendah",
        ),
    ),
    Case(
        "predikat-label-missing",
        _edited(("Predikat", "B4", None)),
        1,
        ("Predikat!B4: Predikat harus diisi",),
    ),
    Case(
        "predikat-bound-missing",
        _edited(("Predikat", "A5", None)),
        1,
        ("Predikat!A5: Batas Bawah (%) harus diisi",),
    ),
    Case(
        "predikat-bound-not-a-number",
        _edited(("Predikat", "A3", "tujuh puluh lima")),
        1,
        (
            'Predikat!A3: Batas Bawah (%): "tujuh puluh lima" bukan angka; ketik angka, mis. 75 '
            "atau 3,52",
        ),
    ),
    Case(
        "predikat-no-rows",
        _edited(extra=lambda b: b["Predikat"].delete_rows(2, 4)),
        1,
        (
            "Predikat: belum ada predikat; isi minimal satu baris di bawah judul, atau hapus "
            "lembar Predikat untuk memakai predikat bawaan",
        ),
    ),
    # -- signing (Identitas B13 Tanda Tangan, B14 Gambar Tanda Tangan, B15 Penanda TTE) ---------
    Case(
        "unknown-tanda-tangan",
        _edited(("Identitas", "B13", "digital")),
        1,
        (
            'Identitas!B13: Tanda Tangan: "digital" tidak dikenal; pilih salah satu: basah, '
            "elektronik.",
        ),
    ),
    Case(
        "elektronik-with-signature-image",
        _edited(("Identitas", "B13", "elektronik"), ("Identitas", "B14", "ttd.png")),
        1,
        (
            "Identitas!B14: Gambar Tanda Tangan tidak dipakai pada tanda tangan elektronik (BSrE "
            "menempatkan kode QR di ruang tanda tangan); kosongkan sel ini atau pilih Tanda "
            "Tangan basah",
        ),
    ),
    Case(
        "signature-image-missing",
        _edited(("Identitas", "B14", "ttd.png")),
        1,
        (
            'Identitas!B14: berkas gambar tanda tangan "ttd.png" tidak ditemukan; letakkan '
            "gambarnya di folder yang sama dengan workbook",
        ),
    ),
    Case(
        "signature-image-not-an-image",
        _edited(("Identitas", "B14", "ttd.pdf")),
        1,
        ("Identitas!B14: Gambar Tanda Tangan harus berkas gambar PNG atau JPG",),
    ),
    Case(
        "tte-tag-letter",
        _edited(("Identitas", "B15", "X")),
        1,
        (
            'Identitas!B15: Penanda TTE: "X" tidak dapat dipakai; isi satu karakter yang bukan '
            "huruf, angka atau spasi, mis. #",
        ),
    ),
    Case(
        "tte-tag-two-characters",
        _edited(("Identitas", "B15", "##")),
        1,
        (
            'Identitas!B15: Penanda TTE: "##" tidak dapat dipakai; isi satu karakter yang bukan '
            "huruf, angka atau spasi, mis. #",
        ),
    ),
    Case(
        "tte-tag-printed-by-the-document",
        _edited(("Identitas", "B15", "%")),
        1,
        (
            'Identitas!B15: Penanda TTE: "%" juga dicetak oleh dokumen sendiri (angka, tanggal, '
            "rumus, NIP.); pilih karakter lain, mis. # atau ^",
        ),
    ),
    Case("tte-own-tag", _edited(("Identitas", "B13", "elektronik"), ("Identitas", "B15", "^")), 0),
    Case(
        "tte-tag-in-printed-text",
        _edited(
            ("Identitas", "B13", "elektronik"),
            ("Indikator", "P3", "Rapat #2 dengan mitra"),
            ("Triwulan", "I5", "Selesai #"),
            ("Predikat", "B3", "Berhasil #1"),
        ),
        1,
        tuple(
            f'{where}: teks sel ini memuat "#", karakter Penanda TTE (bawaan #); BSrE '
            "menempatkan kode QR tanda tangan pada karakter itu, jadi hapus karakter itu dari sel "
            "ini atau pilih Penanda TTE lain"
            for where in ("Indikator!P3", "Triwulan!I5", "Predikat!B3")
        ),
    ),
    Case(
        "tte-own-tag-in-printed-text",
        _edited(
            ("Identitas", "B13", "elektronik"),
            ("Identitas", "B15", "^"),
            ("Identitas", "B2", "Balai Pemasyarakatan ^ Kelas II Magelang"),
        ),
        1,
        (
            'Identitas!B2: teks sel ini memuat "^", karakter Penanda TTE (Identitas!B15); BSrE '
            "menempatkan kode QR tanda tangan pada karakter itu, jadi hapus karakter itu dari sel "
            "ini atau pilih Penanda TTE lain",
        ),
    ),
    Case(
        "tag-character-with-wet-signature",
        _edited(("Indikator", "P3", "Rapat #2 dengan mitra")),
        0,
        absent=("Penanda TTE",),
    ),
    Case(
        "kendala-and-tindak-lanjut",
        _edited(("Triwulan", "J2", "Cuaca buruk"), ("Triwulan", "K2", "Dijadwalkan ulang")),
        0,
    ),
    # -- what English regional settings misread (IK-7 made a jumlah in "orang" where needed) ----
    Case(
        "money-below-a-thousand",
        _edited(("Triwulan", "C2", 1_000_000), ("Triwulan", "E2", 950)),
        1,
        (
            "Triwulan!E2: Realisasi Anggaran 950: maksudnya 950.000? Jumlah rupiah di bawah "
            "1.000 hampir pasti salah baca (Excel/Calc berbahasa Inggris menyimpan 950.000 "
            "sebagai 950); ketik angkanya tanpa titik, mis. 950000, atau sebagai teks dengan "
            "tanda ' di depan",
        ),
    ),
    Case(
        "money-below-a-thousand-as-text",
        _edited(("Triwulan", "C2", "1")),
        1,
        (
            "Triwulan!C2: Pagu 1: maksudnya 1.000? Jumlah rupiah di bawah 1.000 hampir pasti "
            "salah baca (Excel/Calc berbahasa Inggris menyimpan 950.000 sebagai 950); ketik "
            "angkanya tanpa titik, mis. 1000, atau sebagai teks dengan tanda ' di depan",
        ),
    ),
    Case("money-zero-and-thousand", _edited(("Triwulan", "C2", 1000), ("Triwulan", "D2", 0)), 0),
    Case(
        "count-with-thousand-like-decimals",
        _edited(("Triwulan", "F2", 1.2), ("Triwulan", "G2", 1500)),
        0,  # decimals are allowed; Pembilang counts Tahanan, so 1,2 is questioned
        (
            "Triwulan!F2: peringatan: Pembilang 1,2: maksudnya 1.200? Excel/Calc berbahasa "
            "Inggris membaca titik sebagai tanda desimal; bila maksudnya 1.200, ketik 1200 tanpa "
            "titik",
        ),
    ),
    Case(
        "jumlah-target-with-thousand-like-decimals",
        _edited(
            ("Indikator", "F8", "jumlah"), ("Indikator", "E8", "orang"), ("Indikator", "D8", 1.2)
        ),
        0,
        (
            "Indikator!D8: peringatan: Target 1,2 orang: maksudnya 1.200 orang? Excel/Calc "
            "berbahasa Inggris membaca titik sebagai tanda desimal; bila maksudnya 1.200, ketik "
            "1200 tanpa titik",
        ),
    ),
    Case(
        "jumlah-nilai-with-thousand-like-decimals",
        _edited(
            ("Indikator", "F8", "jumlah"), ("Indikator", "E8", "orang"), ("Triwulan", "H26", 2.25)
        ),
        0,
        (
            "Triwulan!H26: peringatan: Nilai 2,25 orang: maksudnya 2.250 orang? Excel/Calc "
            "berbahasa Inggris membaca titik sebagai tanda desimal; bila maksudnya 2.250, ketik "
            "2250 tanpa titik",
        ),
    ),
    Case(
        "nilai-dasar-with-thousand-like-decimals",
        _edited(("Indikator", "K6", 4.5)),
        0,
        (
            "Indikator!K6: peringatan: Nilai Dasar 4,5: maksudnya 4.500? Excel/Calc berbahasa "
            "Inggris membaca titik sebagai tanda desimal; bila maksudnya 4.500, ketik 4500 tanpa "
            "titik",
        ),
    ),
    Case(
        "persentase-target-decimals-are-fine",
        _edited(("Indikator", "D2", 1.25)),
        0,
        absent=("peringatan",),
    ),
    Case(
        "date-month-first-format",
        _edited(("Identitas", "B5", dt.datetime(2026, 6, 7)), fmt="MM/DD/YY"),
        1,
        (
            "Identitas!B5: Tanggal: tanggal tersimpan dengan format bulan lebih dulu (MM/DD/YY), "
            "jadi terbaca 7 Juni 2026; bila maksudnya 6 Juli 2026, tanggal tertukar. Ketik "
            "tanggalnya sebagai teks, mis. 7 Juni 2026 atau 6 Juli 2026",
        ),
    ),
    Case(
        "date-month-first-day-above-12",
        _edited(("Identitas", "B5", dt.datetime(2026, 6, 22)), fmt="MM/DD/YY"),
        0,
        ("Tanggal dibaca: 22 Juni 2026",),
    ),
    Case(
        "date-month-first-same-day-and-month",
        _edited(("Identitas", "B5", dt.datetime(2026, 6, 6)), fmt="M/D/YYYY"),
        0,
        ("Tanggal dibaca: 6 Juni 2026",),
    ),
    Case(
        "date-excel-short-date-format-14",
        _edited(("Identitas", "B5", dt.datetime(2026, 6, 7)), fmt="mm-dd-yy"),
        0,
        ("Tanggal dibaca: 7 Juni 2026",),
        absent=("tertukar",),
    ),
    Case(
        "date-iso-format",
        _edited(("Identitas", "B5", dt.datetime(2026, 6, 7)), fmt="yyyy-mm-dd"),
        0,
        ("Tanggal dibaca: 7 Juni 2026",),
    ),
    *[
        Case(
            f"formula-error-{code.strip('#!?/').lower().replace('/', '')}",
            _bytes(lambda code=code: hostile.formula_with_cached_value("F2", "=G2/0", code)),
            1,
            (f"Triwulan!F2: rumus di sel ini menghasilkan galat {code}; perbaiki rumusnya",),
            absent=("bukan angka",),
        )
        for code in ("#VALUE!", "#DIV/0!", "#REF!", "#N/A", "#NAME?")
    ],
    Case(
        "formula-error-in-identitas",
        _bytes(lambda: hostile.formula_with_cached_value("B4", '=A1&"x"', "#VALUE!", "Identitas")),
        1,
        ("Identitas!B4: rumus di sel ini menghasilkan galat #VALUE!; perbaiki rumusnya",),
        absent=("Kota harus diisi",),
    ),
    # -- text -----------------------------------------------------------------------------------
    Case("five-thousand-characters", _edited(("Indikator", "P2", LONG)), 0),
    Case("emoji-and-arabic", _edited(("Indikator", "C2", "Layanan 😀 مرحبا ✓")), 0),
    Case(
        "template-syntax-in-cells",
        _edited(("Indikator", "C2", "{{ 7*7 }}"), ("Indikator", "N2", "{% for x in y %}")),
        0,
    ),
    Case(
        "markup-characters",
        _edited(*[("Indikator", f"{c}2", "R&D <5%> \"a\" 'b'") for c in "BCIJLMNOP"]),
        0,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case(
    case: Case, tmp_path: Path, heavy: HeavyFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate prints the case's exact lines, exits with its code, never a traceback (the
    reader's own messages: without LibreOffice, which tests/test_calc_formats.py brings)."""
    monkeypatch.setenv("RENAKSI_SOFFICE", str(tmp_path / "tanpa-libreoffice"))
    path = case.make(tmp_path, heavy)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == case.exit_code, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    for expected in case.lines:
        assert expected in lines, f"{expected!r} not in:\n{result.output}"
    for text in case.absent:
        assert text not in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before  # the input is never written


def test_case_names_are_unique() -> None:
    """No two corpus cases share a name (a copy-pasted case would hide its twin's failure)."""
    names = [c.name for c in CASES]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_negative_growth_nilai_is_read(tmp_path: Path) -> None:
    """A pertumbuhan Nilai of -12,5 reaches the plan as -12.5 (and realisasi uses it)."""
    from decimal import Decimal

    from renaksi_docs.formulas import realisasi

    path = tmp_path / "tumbuh.xlsx"
    path.write_bytes(hostile.xlsx_bytes(lambda b: b["Triwulan"].__setitem__("H18", "-12,5")))
    plan = read_plan(path).plan
    assert plan is not None
    growth = plan.indicators[4]
    assert (growth.code, growth.quarters[0].nilai) == ("IK-5", Decimal("-12.5"))
    assert realisasi(growth, 1) == Decimal("-12.5")


def test_predikat_sheet_and_signing_are_read(tmp_path: Path) -> None:
    """Own bands (percent cells), elektronik with its own tag, Kendala and Tindak Lanjut reach
    the plan; without a Predikat sheet the default bands apply."""
    from decimal import Decimal

    from renaksi_docs.model import DEFAULT_BANDS, Band, Signing

    def edit(book: Workbook) -> None:
        book["Predikat"]["A2"], book["Predikat"]["A3"] = 0.9, 0.7
        for cell in ("A2", "A3"):
            book["Predikat"][cell].number_format = "0%"
        book["Predikat"]["B5"] = "Perlu Perbaikan"
        book["Identitas"]["B13"], book["Identitas"]["B15"] = "Elektronik", "^"
        book["Triwulan"]["J3"], book["Triwulan"]["K3"] = "Cuaca buruk", "Dijadwalkan ulang"

    path = tmp_path / "ttd.xlsx"
    path.write_bytes(hostile.xlsx_bytes(edit))
    plan = read_plan(path).plan
    assert plan is not None
    assert plan.bands == (
        Band(Decimal(90), "Sangat Berhasil"),
        Band(Decimal(70), "Berhasil"),
        Band(Decimal(55), "Cukup Berhasil"),
        Band(Decimal(0), "Perlu Perbaikan"),
    )
    assert (plan.unit.signing, plan.unit.tte_tag, plan.unit.signature_image) == (
        Signing.ELEKTRONIK,
        "^",
        None,
    )
    second = plan.indicators[0].quarters[1]
    assert (second.kendala, second.tindak_lanjut) == ("Cuaca buruk", "Dijadwalkan ulang")
    path.write_bytes(hostile.xlsx_bytes(_drop("Predikat")))
    plan = read_plan(path).plan
    assert plan is not None and plan.bands == DEFAULT_BANDS
    assert (plan.unit.signing, plan.unit.tte_tag) == (Signing.BASAH, "#")


def test_signature_image_is_resolved_beside_the_workbook(tmp_path: Path) -> None:
    """A basah Gambar Tanda Tangan names a file beside the workbook; its absolute path is read."""
    (tmp_path / "ttd.png").write_bytes(hostile.png_bytes())
    path = tmp_path / "ttd.xlsx"
    path.write_bytes(hostile.xlsx_bytes(lambda b: b["Identitas"].__setitem__("B14", "ttd.png")))
    plan = read_plan(path).plan
    assert plan is not None and plan.unit.signature_image == (tmp_path / "ttd.png").resolve()


def test_formula_with_stored_value_is_used(tmp_path: Path) -> None:
    """The value Excel stored for a formula cell is read (Pagu =1000*1000 → 1000000)."""
    path = tmp_path / "rumus.xlsx"
    path.write_bytes(hostile.formula_with_cached_value("C2", "=1000*1000", "1000000"))
    plan = read_plan(path).plan
    assert plan is not None and plan.indicators[0].quarters[0].pagu == 1_000_000


def test_formula_never_calculated_falls_back_to_counts(tmp_path: Path) -> None:
    """An uncalculated Nilai formula is ignored and realisasi comes from the raw counts."""
    from renaksi_docs.formulas import realisasi

    path = tmp_path / "nilai.xlsx"
    path.write_bytes(
        hostile.xlsx_bytes(
            lambda b: [
                b["Triwulan"].__setitem__("F2", 6),
                b["Triwulan"].__setitem__("G2", 8),
                b["Triwulan"].__setitem__("H2", "=F2/G2*100"),
            ]
        )
    )
    reading = read_plan(path)
    assert reading.plan is not None
    assert realisasi(reading.plan.indicators[0], 1) == 75
    assert str(reading.warnings[0]).startswith("Triwulan!H2: peringatan: rumus")


def test_empty_formatted_rows_are_skipped_unparsed(tmp_path: Path, heavy: HeavyFiles) -> None:
    """5,000 formatted, hidden, empty rows after the data are skipped as empty before the
    reader handles them (a handled hidden row is reported): the sample's own plan, no
    problem. (What they cost: bench/build_speed.py.)"""
    path = tmp_path / "ekor.xlsx"
    path.write_bytes(heavy.formatted_tail)
    reading = read_plan(path)
    assert reading.problems == ()
    assert reading.plan == read_plan(MAGELANG_XLSX).plan


def test_folder_named_like_a_workbook(tmp_path: Path) -> None:
    """A folder passed to validate is read as a folder of workbooks (none here: named)."""
    folder = tmp_path / "bukan.xlsx"
    folder.mkdir()
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1
    assert f"tidak ada workbook (.xlsx, .ods, .xls) di {folder}" in result.output


def test_xxe_does_not_leak_files(tmp_path: Path) -> None:
    """No content of /etc/passwd reaches any output of a build of the XXE workbook."""
    path = tmp_path / "xxe.xlsx"
    path.write_bytes(hostile.with_dtd(hostile.XXE, "&xxe;"))
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "root:" not in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_zip_bomb_bounded_time_and_memory(heavy: HeavyFiles) -> None:
    """The 1 GiB zip bomb is refused in a separate process within 5 s of CPU and < 300 MB resident
    (CPU time, not wall time: the bound holds on a loaded machine; inflating the bomb would not)."""
    import os
    import subprocess
    import sys

    bomb = heavy.zip_bomb
    assert bomb.stat().st_size < 5_000_000
    process = subprocess.Popen(
        [sys.executable, "-m", "renaksi_docs", "validate", str(bomb)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    output = process.stdout.read().decode() if process.stdout else ""
    assert os.waitstatus_to_exitcode(status) == 1
    assert "mengembang jauh melebihi ukuran wajar" in output
    assert cpu < 5, cpu
    assert usage.ru_maxrss < 300 * 1024, usage.ru_maxrss  # KiB
    print(
        f"zip bomb: {bomb.stat().st_size} bytes on disk, refused in {cpu:.2f} s CPU, "
        f"peak RSS {usage.ru_maxrss / 1024:.0f} MB"
    )


def test_rincian_prints_values_as_the_document_will(tmp_path: Path) -> None:
    """validate --rincian shows the date read and, per indicator, the hand-worked figures of
    contoh-triwulan as printed (Pembulatan potong): LP-1 TW III 145/180 = 80,55%, capaian
    80,5556/80 = 100,69%; a target misread as 1,2 orang is visible as such."""
    from .conftest import CONTOH_XLSX

    result = CliRunner().invoke(main, ["validate", "--rincian", str(CONTOH_XLSX)])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert "Tanggal dibaca: 9 Oktober 2026" in lines
    start = lines.index("LP-1 Persentase narapidana yang mengikuti pelatihan kerja")
    assert lines[start + 1 : start + 6] == [
        "Target: 80%",
        "TW I: realisasi 66,66%; capaian 83,33% (Berhasil); pagu 25.000.000; "
        "rencana penarikan dana 20.000.000; realisasi anggaran 18.750.000",
        "TW II: realisasi 77,86%; capaian 97,33% (Berhasil); pagu 25.000.000; "
        "rencana penarikan dana 25.000.000; realisasi anggaran 24.100.000",
        "TW III: realisasi 80,55%; capaian 100,69% (Sangat Berhasil); pagu 25.000.000; "
        "rencana penarikan dana 25.000.000; realisasi anggaran 23.500.000",
        "TW IV: pagu 0; rencana penarikan dana 0; realisasi anggaran 0",
    ]
    path = tmp_path / "salah.xlsx"
    path.write_bytes(
        hostile.xlsx_bytes(
            lambda b: [
                b["Indikator"].__setitem__(cell, value)
                for cell, value in (("F8", "jumlah"), ("E8", "orang"), ("D8", 1.2))
            ]
        )
    )
    result = CliRunner().invoke(main, ["validate", "--rincian", str(path)])
    assert "Target: 1,2 orang" in [line.strip() for line in result.output.splitlines()]
