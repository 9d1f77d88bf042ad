"""`renaksi-docs import`: a Rencana Aksi .docx back into the standard workbook (docs/import.md)."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from renaksi_docs.build import BuildOptions, build_docx
from renaksi_docs.cli import main
from renaksi_docs.importer import ImportFailed, import_document, read_document
from renaksi_docs.importer.blocks import Paragraph
from renaksi_docs.importer.identity import read_identity
from renaksi_docs.importer.package import DocumentRefused
from renaksi_docs.workbook.samples import MAGELANG, SUKAMAJU
from renaksi_docs.workbook.standard import WorkbookContent

from .conftest import CONTOH_XLSX, SAMPLES, examples, make_workbook
from .docx_table import main_table, paragraphs
from .word_like import (
    HEADERS,
    WIDTHS,
    C,
    WordDoc,
    bordered_fraction,
    equation,
    header_row,
    indicator_rows,
    nested_fraction,
    para,
    run,
    stacked_equation,
    text,
)

NO_POLARITAS = (
    "dokumen Rencana Aksi tidak mencetak Polaritas: semua indikator diisi maksimal (makin "
    "besar makin baik); indikator yang makin kecil makin baik harus diubah menjadi minimal di "
    "lembar Indikator, karena Polaritas yang salah membalik capaian di Pengukuran Kinerja "
    "(mis. 160% menjadi 40%)"
)
"""What every import of a Rencana Aksi says once."""

DASH_GROWTH = WorkbookContent(
    identitas={
        "Nama UPT": "Lapas A",
        "Tahun": 2026,
        "Kota": "A",
        "Tanggal": "1 Juli 2026",
        "Nama Penandatangan": "A",
        "Triwulan": "II",
        "Ukuran Kertas": "A4",
    },
    indikator=[
        {
            "Kode": "K1",
            "Sasaran Kegiatan": "A",
            "Indikator Kinerja": "A",
            "Target": 1,
            "Jenis Rumus": "pertumbuhan",
            "Kegiatan": "A",
            "Data": "A",
            "Pembilang": "0–",
            "Penyebut": "A",
            "Nilai Dasar": 7,
        }
    ],
    triwulan=[
        {
            "Kode": "K1",
            "Triwulan": q,
            "Pagu": 0,
            "Status Pelaksana": "A",
            "Pembilang": 0,
            "Penyebut": 10,
        }
        for q in ("I", "II")
    ],
)
"""The property test's failure (issue 20): a pertumbuhan whose Pembilang text ends with a dash
prints -100%; it was read back as persentase with a negative Nilai."""
DOT_UNIT = WorkbookContent(
    {**DASH_GROWTH.identitas, "Nama UPT": "Lapas ."}, DASH_GROWTH.indikator, DASH_GROWTH.triwulan
)
"""Found by the property test: a unit name ending with a lone '.' lost it (the title's
trailing punctuation is stripped; the cover `<UNIT> <TAHUN>` keeps it)."""


def _build(workbook: Path, out: Path) -> Path:
    out.mkdir(exist_ok=True)
    return build_docx(workbook, BuildOptions(out_dir=out, force=True)).docx


def _content(docx: Path) -> tuple[object, ...]:
    """What a reader of the document sees: table cells (merges resolved), text outside it."""
    header, rows = main_table(docx)
    cells = [
        [(c.text, c.numerator, c.denominator, c.after_fraction, c.merge) for c in row]
        for row in rows
    ]
    return header, cells, [p for p in paragraphs(docx) if p.strip()]


def _round_trip(content: WorkbookContent, folder: Path) -> tuple[Path, Path]:
    """build → import → build; the two documents."""
    first = _build(make_workbook(folder, content=content, name="asal.xlsx"), folder / "a")
    imported = import_document(first, folder / "impor.xlsx", soffice=None)
    assert not [p for p in imported.problems if p.severity.value == "galat"], imported.problems
    rebuilt = [str(f) for f in imported.findings if "workbook hasil impor mencetak" in f.message]
    assert not rebuilt, rebuilt
    second = _build(imported.target, folder / "b")
    return first, second


GENERATED = WorkbookContent(
    identitas={
        "Nama UPT": "Rumah Tahanan Negara Kelas IIB Contoh & <Uji>",
        "Tahun": 2027,
        "Kota": 'Kota "Uji"',
        "Tanggal": "3 Maret 2027",
        "Jabatan Penandatangan": "Plt. Kepala Rutan",
        "Nama Penandatangan": "R. A'isyah & Rekan",
        "NIP": "19800101 200501 2 003",
        "Triwulan": "II",
        "Ukuran Kertas": "F4",
    },
    indikator=[
        {
            "Kode": "A",
            "Sasaran Kegiatan": 'Sasaran R&D <uji> "kutip"',
            "Indikator Kinerja": "Persentase layanan < 5 hari & tepat",
            "Target": "82,5%",
            "Jenis Rumus": "persentase",
            "Pembilang": "Jumlah layanan < 5 hari & tepat waktu sesuai standar pelayanan",
            "Penyebut": "Jumlah seluruh layanan",
            "Kegiatan": "Kegiatan baris satu\nKegiatan baris dua",
            "Rencana Kegiatan": "1. Menyusun jadwal\n2. Melaksanakan & melaporkan",
            "Data": "Laporan <TNDE>",
            "Keterangan": "Catatan satu & dua\nCatatan <tiga>",
        },
        {
            "Kode": "B",
            "Sasaran Kegiatan": 'Sasaran R&D <uji> "kutip"',
            "Indikator Kinerja": "Pertumbuhan mitra",
            "Target": 25,
            "Jenis Rumus": "pertumbuhan",
            "Pembilang": "Mitra tahun berjalan",
            "Penyebut": "Mitra tahun sebelumnya",
            "Nilai Dasar": 8,
            "Kegiatan": "Kerja sama",
        },
        {
            "Kode": "C",
            "Sasaran Kegiatan": "Sasaran kedua",
            "Indikator Kinerja": "Jumlah sertifikat",
            "Target": 120,
            "Satuan": "orang",
            "Jenis Rumus": "jumlah",
            "Rumus": "Jumlah sertifikat yang terbit",
            "Kegiatan": "Uji kompetensi",
        },
        {
            "Kode": "D",
            "Sasaran Kegiatan": "Sasaran kedua",
            "Indikator Kinerja": "Indeks Kepuasan",
            "Target": "3,52",
            "Jenis Rumus": "indeks",
            "Kegiatan": "Survei",
        },
        {
            "Kode": "E",
            "Sasaran Kegiatan": "Sasaran ketiga",
            "Indikator Kinerja": "Persentase dengan rumus teks",
            "Target": 100,
            "Jenis Rumus": "persentase",
            "Pembilang": "Rencana terlaksana",
            "Penyebut": "Total rencana",
            "Rumus": "Rencana terlaksana / Total rencana x 100%",
            "Kegiatan": "Reformasi",
        },
    ],
    triwulan=[
        {
            "Kode": "A",
            "Triwulan": "I",
            "Pagu": 1_250_000,
            "Rencana Penarikan Dana": 1_000_000,
            "Realisasi Anggaran": 950_000,
            "Pembilang": 14,
            "Penyebut": 17,
            "Status Pelaksana": "Terlaksana & baik",
        },
        {"Kode": "A", "Triwulan": "II", "Pembilang": 3, "Penyebut": 7},
        {"Kode": "B", "Triwulan": "I", "Pembilang": 3},
        {"Kode": "B", "Triwulan": "II", "Pembilang": 4},
        {"Kode": "C", "Triwulan": "I", "Pembilang": 25},
        {"Kode": "C", "Triwulan": "II", "Pembilang": 40},
        {"Kode": "D", "Triwulan": "II", "Nilai": 3.41},
        {"Kode": "E", "Triwulan": "I", "Pembilang": 0, "Penyebut": 0},
    ],
)


@pytest.mark.parametrize(
    "content", [MAGELANG, SUKAMAJU, GENERATED], ids=["magelang", "sukamaju", "generated"]
)
def test_build_import_build_gives_the_same_document(content: WorkbookContent, tmp_path: Path):
    """A document built by renaksi-docs imports back to a workbook that builds the same content."""
    first, second = _round_trip(content, tmp_path)
    assert _content(second) == _content(first)


def test_import_reads_the_magelang_sample_as_typed(tmp_path: Path):
    """Identitas, formulas, kinds, numbered and bulleted items of the sample come back."""
    built = _build(make_workbook(tmp_path, content=MAGELANG), tmp_path / "out")
    reading = read_document(built, soffice=None)
    identitas = reading.content.identitas
    assert identitas["Nama UPT"] == "Balai Pemasyarakatan Kelas II Magelang"
    assert (identitas["Kota"], str(identitas["Tanggal"])) == ("Magelang", "2026-06-22")
    assert identitas["Nama Penandatangan"] == "Agustiyar Ekantoro"
    rows = {r["Kode"]: r for r in reading.content.indikator}
    assert [r["Jenis Rumus"] for r in rows.values()] == [
        "persentase",
        "persentase",
        "persentase",
        "persentase",
        "pertumbuhan",
        "persentase",
        "indeks",
    ]
    assert rows["IK-5"]["Pembilang"] == MAGELANG.indikator[4]["Pembilang"]
    assert rows["IK-5"]["Penyebut"] == MAGELANG.indikator[4]["Penyebut"]
    assert rows["IK-6"]["Rumus"] == MAGELANG.indikator[5]["Rumus"]
    assert rows["IK-3"]["Rencana Kegiatan"] == MAGELANG.indikator[2]["Rencana Kegiatan"]
    assert rows["IK-3"]["Keterangan"] == MAGELANG.indikator[2]["Keterangan"]
    assert reading.default_name == "rencana-aksi-balai-pemasyarakatan-kelas-ii-magelang-2026.xlsx"


def _seed_like(path: Path, footer: str = "", page_mm: tuple[int, int] = (297, 210)) -> Path:
    """The seed as Word structures it: equations, vMerge, the RB block in a second table with
    an extra column, its formula as two italic lines ending in X100%, bullets typed as text."""
    sasaran = text("Meningkatnya Pelaksanaan Pendampingan")
    doc = WordDoc(footer=footer, page_mm=page_mm)
    doc.paragraph(
        run(
            "DOKUMEN RENCANA AKSI\nATAS PERJANJIAN KINERJA\nYANG DITANDATANGANI\n"
            "KEPALA BALAI PEMASYARAKATAN\nKELAS II MAGELANG",
            bold=True,
        ),
        align="center",
    )
    doc.paragraph(run("BALAI PEMASYARAKATAN\nKELAS II MAGELANG 2026", bold=True), align="center")
    doc.paragraph("RENCANA AKSI ATAS PERJANJIAN KINERJA DI BALAI PEMASYARAKATAN KELAS II MAGELANG")
    rows = [header_row()]
    rows += indicator_rows(
        sasaran,
        "Persentase Tahanan yang mendapatkan pendampingan",
        "5%",
        C(
            (
                equation(
                    "Jumlah Tahanan yang mendapatkan pendampingan",
                    "Jumlah seluruh Tahanan",
                    " × 100%",
                ),
            )
        ),
        "Layanan Pendampingan Peradilan",
        text("Melaksanakan Pendampingan pada tahanan"),
        "Laporan TNDE",
        text(""),
    )
    rows += indicator_rows(
        sasaran,
        "Persentase ABH yang mendapatkan pendampingan",
        "80%",
        C((equation("Jumlah pendampingan ABH", "Jumlah Permintaan Pendampingan ABH", ""),)),
        "Layanan Pendampingan Peradilan",
        C(
            (
                para("Melaksanakan Pendampingan", style="ListNumber"),
                para("Melaksanakan penelitian", style="ListNumber"),
            )
        ),
        "Laporan TNDE",
        C((para("• Bimbingan telah terlaksana"), para("• Pengawasan berkala"))),
        sasaran_continues=True,
    )
    rows += indicator_rows(
        text("Meningkatnya penerimaan Masyarakat"),
        "Tingkat pemberdayaan masyarakat",
        "25%",
        C(
            (
                equation(
                    "(Total Pokmas tahun ini - Total Pokmas tahun sebelumnya)",
                    "Total Pokmas tahun sebelumnya",
                ),
            )
        ),
        "1. Bimbingan Kemasyarakatan",
        text("1. Melaksanakan bimbingan 2. Melaksanakan pengawasan"),
        "Laporan TNDE",
        text("- Bekerjasama dengan pokmas lipas"),
    )
    rows.append([C(("",)) for _ in range(13)] + [C(("",), span=2)])  # empty trailing row
    doc.table(rows)
    doc.paragraph()
    widths = (1191, 1304, 737, 2041, 1191, 907, 964, 964, 510, 1361, 510, 400, 394, 964, 1020, 1247)
    rb = []
    for k, roman in enumerate(("I", "II", "III", "IV")):
        first = k == 0

        def m(value: C, first: bool = first) -> C:
            return C(value.paragraphs, 1, "restart" if first else "continue")

        rb.append(
            [
                m(text("Meningkatnya Pelaksanaan Reformasi Birokrasi")),
                m(text("Prosentase Pelaksanaan Rencana Aksi Reformasi Birokrasi")),
                m(text("100%")),
                m(
                    C(
                        (
                            para(
                                run("Rencana aksi RB terkait UPT PAS yang terlaksana", italic=True)
                            ),
                            para(run("Total rencana aksi RB terkait UPT PAS X100%", italic=True)),
                        )
                    )
                ),
                m(text("Layanan Reformasi Kinerja")),
                text("0"),
                text("0"),
                text("0"),
                text(f"TW {roman}"),
                m(text("Melaksanakan Reformasi Birokrasi")),
                text(f"TW {roman}"),
                text(""),
                text(""),
                m(text("Laporan TNDE")),
                text(""),
                m(text("Pelaksanaan Kegiatan telah dimulai")),
            ]
        )
    doc.table(rb, widths)
    doc.paragraph("Magelang, 22 Juni 2026", align="right")
    doc.paragraph()
    doc.paragraph("Agustiyar Ekantoro", align="right")
    return doc.save(path)


def test_word_made_document_with_the_seed_quirks(tmp_path: Path):
    """A Word-made document: equations, vMerge, a second table with an extra column, the RB
    formula as two italic lines with X100%, a fraction without × 100%, typed bullets."""
    reading = read_document(_seed_like(tmp_path / "lama.docx"), soffice=None)
    rows = reading.content.indikator
    assert [r["Indikator Kinerja"] for r in rows] == [
        "Persentase Tahanan yang mendapatkan pendampingan",
        "Persentase ABH yang mendapatkan pendampingan",
        "Tingkat pemberdayaan masyarakat",
        "Prosentase Pelaksanaan Rencana Aksi Reformasi Birokrasi",
    ]
    assert [r["Sasaran Kegiatan"] for r in rows][:2] == [
        "Meningkatnya Pelaksanaan Pendampingan"
    ] * 2
    assert [r["Jenis Rumus"] for r in rows] == [
        "persentase",
        "persentase",
        "pertumbuhan",
        "persentase",
    ]
    assert (rows[0]["Pembilang"], rows[0]["Penyebut"], rows[0].get("Rumus")) == (
        "Jumlah Tahanan yang mendapatkan pendampingan",
        "Jumlah seluruh Tahanan",
        None,
    )
    assert (rows[2]["Pembilang"], rows[2]["Penyebut"]) == (
        "Total Pokmas tahun ini",
        "Total Pokmas tahun sebelumnya",
    )
    assert (rows[3]["Pembilang"], rows[3]["Penyebut"]) == (
        "Rencana aksi RB terkait UPT PAS yang terlaksana",
        "Total rencana aksi RB terkait UPT PAS",
    )
    assert rows[3]["Rumus"] == (
        "Rencana aksi RB terkait UPT PAS yang terlaksana\nTotal rencana aksi RB terkait UPT PAS "
        "X100%"
    )
    assert rows[1]["Rencana Kegiatan"] == "1. Melaksanakan Pendampingan\n2. Melaksanakan penelitian"
    assert rows[1]["Keterangan"] == "Bimbingan telah terlaksana\nPengawasan berkala"
    assert rows[2]["Keterangan"] == "Bekerjasama dengan pokmas lipas"
    assert rows[3]["Keterangan"] == "Pelaksanaan Kegiatan telah dimulai"
    assert (rows[3]["Target"], rows[3]["Satuan"]) == (100, "%")
    messages = [str(f) for f in reading.findings]
    assert any(
        m.startswith("tabel 1, baris 6, kolom RUMUS PERHITUNGAN: pecahan tanpa × 100%")
        for m in messages
    ), messages
    assert any(m.startswith("tabel 2, baris 1: tabel lanjutan") for m in messages), messages
    assert len([t for t in reading.content.triwulan if t["Kode"] == "IK-4"]) == 4
    assert reading.content.identitas["Tahun"] == 2026


def test_merges_as_repeated_text_split_table_and_loose_headers(tmp_path: Path):
    """Repeated text instead of merges, a split table with its header repeated, a title row and
    an extra NO column inside the table, loose header spelling, a one-line a / b × 100%."""
    headers = [text("NO"), *header_row()]
    headers[4] = text("Rumus\nperhitungan")
    headers[9] = text("rencana  kegiatan", span=2)
    widths = (
        400,
        *(1191, 1304, 737, 2041, 1191, 907, 964, 964, 510, 1361, 510, 794, 964, 1020, 1247),
    )

    def rows_of(number: str, name: str, rumus: str, first_quarter: int = 0) -> list[list[C]]:
        rows = []
        for k, roman in enumerate(("I", "II", "III", "IV")[first_quarter:], start=first_quarter):
            rows.append(
                [
                    text(number),
                    text("Sasaran yang sama"),
                    text(name),
                    text("75%"),
                    text(rumus),
                    text("Kegiatan"),
                    text("1.000.000"),
                    text("Rp 500.000,-"),
                    text("0"),
                    text(f"TW {roman}"),
                    text("Rencana"),
                    text(f"TW {roman}"),
                    text(""),
                    text("Data"),
                    text(f"status {k + 1}"),
                    text(""),
                ]
            )
        return rows

    title = [
        C(
            (
                para(
                    "RENCANA AKSI ATAS PERJANJIAN KINERJA DI LEMBAGA PEMBINAAN KHUSUS ANAK "
                    "KELAS I CONTOH"
                ),
            ),
            span=16,
        )
    ]
    first = [title, headers, *rows_of("1", "Indikator satu", "Jumlah A / Jumlah B × 100%")]
    first += rows_of("2", "Indikator dua", "Jumlah C / Jumlah D x 100%")[:2]
    second = [headers, *rows_of("2", "Indikator dua", "Jumlah C / Jumlah D x 100%", 2)]
    doc = WordDoc()
    doc.table(first, widths).paragraph().table(second, widths)
    doc.paragraph("Contoh, 2 Januari 2026")
    doc.paragraph("Kepala LPKA Kelas I Contoh")
    doc.paragraph("Nama Kepala")
    doc.paragraph("NIP. 19700101 199003 1 001")
    reading = read_document(doc.save(tmp_path / "lama.docx"), soffice=None)
    rows = reading.content.indikator
    assert [r["Indikator Kinerja"] for r in rows] == ["Indikator satu", "Indikator dua"]
    assert (rows[0]["Pembilang"], rows[0]["Penyebut"]) == ("Jumlah A", "Jumlah B")
    assert rows[0]["Rumus"] == "Jumlah A / Jumlah B × 100%"
    quarters = [t for t in reading.content.triwulan if t["Kode"] == "IK-2"]
    assert [t["Status Pelaksana"] for t in quarters] == [
        "status 1",
        "status 2",
        "status 3",
        "status 4",
    ]
    assert quarters[0]["Rencana Penarikan Dana"] == 500_000
    identitas = reading.content.identitas
    assert identitas["Nama UPT"] == "Lembaga Pembinaan Khusus Anak Kelas I Contoh"
    assert identitas["Jabatan Penandatangan"] == "Kepala LPKA Kelas I Contoh"
    assert identitas["NIP"] == "19700101 199003 1 001"
    assert any(
        str(f) == 'tabel 1, baris 2: kolom "NO" tidak dikenal; isinya diabaikan'
        for f in reading.findings
    ), reading.findings


def test_bsre_footer_f4_page_and_subtitle(tmp_path: Path):
    """The BSrE footer means electronic signing; a 330 × 215 mm page is F4; the subtitle
    'Capaian s.d. Triwulan II' gives the reporting quarter."""
    footer = (
        "Document ini telah ditandatangani secara elektronik menggunakan sertifikat "
        "elektronik yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN"
    )
    path = _seed_like(tmp_path / "lama.docx", footer=footer, page_mm=(330, 215))
    reading = read_document(path, soffice=None)
    assert reading.content.identitas["Ukuran Kertas"] == "F4"
    identity = read_identity(
        [
            Paragraph("RENCANA AKSI ATAS PERJANJIAN KINERJA DI BAPAS X"),
            Paragraph("Capaian s.d. Triwulan II Tahun 2026"),
        ],
        [Paragraph("X, 1 Juli 2026"), Paragraph("#"), Paragraph("Nama")],
        footer,
        (18709, 12189),
        None,
    )
    assert identity.values["Tanda Tangan"] == "elektronik"
    assert identity.values["Penanda TTE"] == "#"
    assert (identity.values["Triwulan"], identity.values["Tahun"]) == ("II", 2026)


def test_tahun_changes_the_year_and_empties_the_figures(tmp_path: Path):
    """--tahun 2027: Tahun 2027, the signing date moved, no Triwulan, no quarterly figures."""
    built = _build(make_workbook(tmp_path, content=SUKAMAJU), tmp_path / "out")
    result = CliRunner().invoke(
        main, ["import", str(built), "-o", str(tmp_path / "baru.xlsx"), "--tahun", "2027"]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "baru.xlsx")
    identitas = {r[0].value: r[1].value for r in book["Identitas"].iter_rows(min_row=2)}
    assert identitas["Tahun"] == 2027
    assert identitas["Tanggal"].year == 2027
    assert identitas["Triwulan"] is None
    figures = [row[2:] for row in book["Triwulan"].iter_rows(min_row=2, values_only=True)]
    assert figures and all(value is None for row in figures for value in row)
    assert "Tanggal penandatanganan dipindah ke tahun 2027" in result.output


def test_cli_writes_default_name_keeps_existing_output_and_never_touches_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Default name from unit and year; an existing output is kept without --force (exit 1);
    the input .docx is never modified."""
    built = _build(make_workbook(tmp_path, content=MAGELANG), tmp_path / "out")
    before = (built.read_bytes(), built.stat().st_mtime_ns)
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["import", str(built)])
    assert result.exit_code == 0, result.output
    target = tmp_path / "rencana-aksi-balai-pemasyarakatan-kelas-ii-magelang-2026.xlsx"
    assert target.is_file()
    written = target.read_bytes()
    again = runner.invoke(main, ["import", str(built)])
    assert again.exit_code == 1
    assert "sudah ada; pakai --force" in again.output
    assert target.read_bytes() == written
    forced = runner.invoke(main, ["import", str(built), "--force"])
    assert forced.exit_code == 0, forced.output
    assert (built.read_bytes(), built.stat().st_mtime_ns) == before


def test_no_table_pdf_and_excel_are_refused_with_nothing_written(tmp_path: Path):
    """A document without the table, a PDF and a workbook: exit 1, a clear message, no file."""
    plain = WordDoc().paragraph("Surat biasa tanpa tabel").save(tmp_path / "surat.docx")
    pdf = tmp_path / "lama.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%fake\n")
    cases = {
        plain: "tidak ada tabel Rencana Aksi",
        pdf: "hanya dokumen Word (.docx atau .doc) yang dapat diimpor",
        make_workbook(tmp_path, content=MAGELANG): "ini workbook Excel, bukan dokumen Word",
    }
    for source, message in cases.items():
        out = tmp_path / f"{source.stem}-hasil.xlsx"
        result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)])
        assert result.exit_code == 1, result.output
        assert message in result.output
        assert not out.exists()


def _rewritten(docx: Path, part: str, change) -> bytes:  # type: ignore[no-untyped-def]
    source = zipfile.ZipFile(docx)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                data = change(data)
            target.writestr(item, data)
    return buffer.getvalue()


def test_hostile_docx_is_refused_before_parsing(tmp_path: Path):
    """A DTD with entities (XXE, billion laughs) and a zip bomb are refused like workbooks."""
    built = _build(make_workbook(tmp_path, content=MAGELANG), tmp_path / "out")
    xxe = tmp_path / "xxe.docx"
    xxe.write_bytes(
        _rewritten(
            built,
            "word/document.xml",
            lambda d: d.replace(
                b"?>", b'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1
            ),
        )
    )
    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"<w:document/>")
        package.writestr("word/media/zeros.bin", b"\0" * (80 * 1024 * 1024))
    for source, message in ((xxe, "DTD/entitas"), (bomb, "mengembang jauh")):
        with pytest.raises(DocumentRefused, match=message):
            read_document(source, soffice=None)


def test_doc_without_libreoffice_says_save_as_docx(tmp_path: Path):
    """An old .doc without LibreOffice: a message telling to save it as .docx in Word."""
    old = tmp_path / "lama.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(DocumentRefused, match=r"simpan sebagai Word Document \(\.docx\)"):
        read_document(old, soffice=None)


def test_failure_lists_every_finding(tmp_path: Path):
    """A table without indicator rows fails with the findings, nothing written."""
    doc = WordDoc().table([header_row()])
    with pytest.raises(ImportFailed, match="tanpa indikator"):
        import_document(doc.save(tmp_path / "kosong.docx"), tmp_path / "x.xlsx", soffice=None)
    assert not (tmp_path / "x.xlsx").exists()


def _libreoffice(soffice: str, source: Path, out: Path, fmt: str) -> Path:
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={(out / 'p').as_uri()}",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{source.stem}.{fmt.split(':')[0]}"


@pytest.mark.libreoffice
@pytest.mark.parametrize("content", [MAGELANG, SUKAMAJU], ids=["magelang", "sukamaju"])
def test_writer_resave_and_doc_give_the_same_workbook(
    content: WorkbookContent, tmp_path: Path, soffice: str
):
    """The same document re-saved by LibreOffice Writer (.docx), or saved as .doc, imports to the
    same workbook content."""
    built = _build(make_workbook(tmp_path, content=content), tmp_path / "out")
    original = read_document(built, soffice=None)
    resaved = read_document(_libreoffice(soffice, built, tmp_path / "lo", "docx"), soffice=None)
    assert resaved.content == original.content
    old = _libreoffice(soffice, built, tmp_path / "doc", "doc")
    assert read_document(old, soffice=soffice).content == original.content


@pytest.mark.parametrize(
    "cell",
    [
        C((equation("Jumlah A yang dibina", "Jumlah seluruh A"),)),
        C((stacked_equation(["Jumlah A", "yang dibina"], ["Jumlah", "seluruh A"]),)),
        C((nested_fraction("Jumlah A yang dibina", "Jumlah seluruh A"),)),
        C(bordered_fraction("Jumlah A yang dibina", "Jumlah seluruh A")),
        C((para("Jumlah A yang dibina"), para("Jumlah seluruh A × 100%"))),
        C((para(run("Jumlah A yang dibina\nJumlah seluruh A\nx 100%")),)),
        C((para("Jumlah A yang dibina / Jumlah seluruh A X100%"),)),
    ],
    ids=[
        "equation",
        "equation-lines",
        "nested-table",
        "borders",
        "two-paragraphs",
        "breaks",
        "slash",
    ],
)
def test_every_fraction_shape_gives_pembilang_and_penyebut(cell: C, tmp_path: Path):
    """Equation (plain or with m:eqArr lines), nested table, paragraph border, two lines and
    a / b: each gives the same Pembilang and Penyebut, persentase."""
    doc = WordDoc().table(
        [
            header_row(),
            *indicator_rows(text("S"), "Persentase A", "90%", cell, "K", text("R"), "D", text("")),
        ]
    )
    row = read_document(doc.save(tmp_path / "r.docx"), soffice=None).content.indikator[0]
    assert (row["Pembilang"], row["Penyebut"], row["Jenis Rumus"]) == (
        "Jumlah A yang dibina",
        "Jumlah seluruh A",
        "persentase",
    )


def _word_made_magelang(path: Path) -> Path:
    """The Magelang sample typed into Word by hand, as the seed shows it: Word equations for
    the fractions, Sasaran merged over its indicators with w:vMerge, Rencana Kegiatan items as
    paragraphs, Keterangan bullets typed as text, the RB block in a second table with one
    extra column and its formula as two italic lines ending in X100%."""
    doc = WordDoc()
    doc.paragraph(
        run(
            "DOKUMEN RENCANA AKSI\nATAS PERJANJIAN KINERJA\nYANG DITANDATANGANI\n"
            "KEPALA BALAI PEMASYARAKATAN\nKELAS II MAGELANG",
            bold=True,
        ),
        align="center",
    )
    doc.paragraph(run("BALAI PEMASYARAKATAN\nKELAS II MAGELANG 2026", bold=True), align="center")
    doc.paragraph("RENCANA AKSI ATAS PERJANJIAN KINERJA DI BALAI PEMASYARAKATAN KELAS II MAGELANG")
    tables: list[list[list[C]]] = [[header_row()], []]
    previous = None
    for row in MAGELANG.indikator:
        kind = row["Jenis Rumus"]
        if row.get("Rumus"):
            lines = str(row["Rumus"]).split("\n")
            rumus = C(tuple(para(run(line, italic=True)) for line in lines))
        elif kind == "persentase":
            rumus = C((equation(str(row["Pembilang"]), str(row["Penyebut"]), "×100%"),))
        elif kind == "pertumbuhan":
            top = f"({row['Pembilang']} - {row['Penyebut']})"
            rumus = C((equation(top, str(row["Penyebut"]), "×100%"),))
        else:
            rumus = C(("",))
        items = str(row.get("Rencana Kegiatan") or "").split("\n")
        notes = [f"• {n}" for n in str(row.get("Keterangan") or "").split("\n") if n]
        target = row["Target"]
        shown = str(target).replace(".", ",") + ("%" if kind != "indeks" else "")
        rows = indicator_rows(
            text(str(row["Sasaran Kegiatan"])),
            str(row["Indikator Kinerja"]),
            shown,
            rumus,
            str(row["Kegiatan"]),
            C(tuple(para(i) for i in items)),
            str(row["Data"]),
            C(tuple(para(n) for n in notes) or ("",)),
            sasaran_continues=row["Sasaran Kegiatan"] == previous,
        )
        previous = row["Sasaran Kegiatan"]
        if str(row["Sasaran Kegiatan"]).startswith("Meningkatnya Pelaksanaan Reformasi"):
            for cells in rows:  # the seed's second table has an empty extra column
                cells.insert(12, C(("",)))
            tables[1].extend(rows)
        else:
            tables[0].extend(rows)
    doc.table(tables[0]).paragraph()
    extra = (*WIDTHS[:11], 400, 394, *WIDTHS[12:])
    doc.table(tables[1], extra)
    doc.paragraph("Magelang, 22 Juni 2026", align="right")
    doc.paragraph().paragraph()
    doc.paragraph("Agustiyar Ekantoro", align="right")
    return doc.save(path)


def test_word_made_seed_imports_to_a_workbook_that_builds_the_sample_document(tmp_path: Path):
    """The Magelang document typed in Word imports to a workbook that builds the same
    document as the sample workbook, cell by cell."""
    imported = import_document(
        _word_made_magelang(tmp_path / "lama.docx"), tmp_path / "impor.xlsx", soffice=None
    )
    assert not [p for p in imported.problems if p.severity.value == "galat"], imported.problems
    sample = _build(make_workbook(tmp_path, content=MAGELANG, name="contoh.xlsx"), tmp_path / "a")
    rebuilt = _build(imported.target, tmp_path / "b")
    assert _content(rebuilt) == _content(sample)
    messages = [str(f) for f in imported.findings]
    assert messages == [
        "tabel 2, baris 1: tabel lanjutan dengan kolom berbeda; kolomnya dicocokkan menurut "
        "letaknya di bawah judul kolom tabel sebelumnya, periksa hasilnya",
        NO_POLARITAS,
    ]


def test_workbook_that_needs_more_says_which_cells_and_still_exits_0(tmp_path: Path):
    """A formula that is not a fraction under a % target: the workbook is written (exit 0), the
    finding names the table cell, and the validate problems name the cells to fill; an empty
    unmerged Sasaran takes the one above it."""
    rows = [header_row()]
    rows += indicator_rows(
        text("Sasaran A"),
        "Persentase satu",
        "90%",
        text("Dihitung dari laporan bulanan"),
        "K",
        text("R"),
        "D",
        text(""),
    )
    rows += indicator_rows(
        text(""),
        "Jumlah dua",
        "12 dokumen",
        text(""),
        "K",
        text("R"),
        "D",
        text(""),
    )
    doc = WordDoc().table(rows).paragraph("Kota, 1 Februari 2026").paragraph("Nama")
    source = doc.save(tmp_path / "lama.docx")
    out = tmp_path / "baru.xlsx"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        "tabel 1, baris 2, kolom RUMUS PERHITUNGAN: rumus bukan pecahan sehingga Pembilang dan "
        "Penyebut tidak dapat diambil" in result.output
    )
    assert "Workbook ini belum lolos validate" in result.output
    assert "Indikator!I2: Pembilang harus diisi" in result.output
    book = load_workbook(out)
    sasaran = [r[1] for r in book["Indikator"].iter_rows(min_row=2, values_only=True)]
    assert sasaran == ["Sasaran A", "Sasaran A"]
    kinds = [r[5] for r in book["Indikator"].iter_rows(min_row=2, values_only=True)]
    assert kinds == ["persentase", "jumlah"]


def test_output_never_replaces_the_input(tmp_path: Path):
    """-o naming the input document itself is refused, even with --force: by its name on the
    command line (exit 2), by the library for any name (a Word document named .xlsx)."""
    built = _build(make_workbook(tmp_path, content=MAGELANG), tmp_path / "out")
    before = built.read_bytes()
    result = CliRunner().invoke(main, ["import", str(built), "-o", str(built), "--force"])
    assert result.exit_code == 2
    assert "nama berkas harus berakhiran .xlsx" in result.output
    disguised = built.with_name("dokumen.xlsx")
    shutil.copy(built, disguised)
    result = CliRunner().invoke(main, ["import", str(disguised), "-o", str(disguised), "--force"])
    assert result.exit_code == 1
    assert "tidak boleh menimpa dokumen yang diimpor" in result.output
    assert built.read_bytes() == before == disguised.read_bytes()


def test_single_column_rencana_and_capaian_quarters_by_position(tmp_path: Path):
    """RENCANA KEGIATAN and CAPAIAN over one column each, no TW labels: quarters by row
    position; printed capaian values become Nilai, a count indicator's become Pembilang."""
    headers = [text(name) for name, _span in HEADERS]
    widths = (1191, 1304, 737, 2041, 1191, 907, 964, 964, 1871, 1304, 964, 1020, 1247)
    rows = [headers]
    for name, target, shown in (
        ("Persentase satu", "80%", ("50%", "62,5%", "", "")),
        ("Jumlah dua", "120 orang", ("25 orang", "65 orang", "", "")),
    ):
        for k in range(4):
            first = k == 0
            merge = "restart" if first else "continue"
            rows.append(
                [
                    text("Sasaran", merge),
                    text(name, merge),
                    text(target, merge),
                    text("Jumlah A / Jumlah B × 100%" if "%" in target else "", merge),
                    text("Kegiatan", merge),
                    text("0"),
                    text("0"),
                    text("0"),
                    text("Rencana", merge),
                    text(shown[k]),
                    text("Data", merge),
                    text(""),
                    text("", merge),
                ]
            )
    doc = WordDoc().table(rows, widths)
    doc.paragraph("RENCANA AKSI ATAS PERJANJIAN KINERJA DI LAPAS X")
    reading = read_document(doc.save(tmp_path / "lama.docx"), soffice=None)
    quarters = {(t["Kode"], t["Triwulan"]): t for t in reading.content.triwulan}
    assert quarters[("IK-1", "II")]["Nilai"] == 62.5
    assert [quarters[("IK-2", q)].get("Pembilang") for q in ("I", "II", "III")] == [25, 40, None]
    assert reading.content.identitas["Triwulan"] == "II"
    assert [r["Rencana Kegiatan"] for r in reading.content.indikator] == ["Rencana", "Rencana"]


def test_two_row_header_with_sub_headings(tmp_path: Path):
    """A header over two rows (RENCANA KEGIATAN and CAPAIAN split into TW / URAIAN below,
    the other headers merged down) is read without findings about the second row."""
    top = [C((para(name),), span, None if span > 1 else "restart") for name, span in HEADERS]
    below = []
    for _name, span in HEADERS:
        if span > 1:
            below += [text("TW"), text("URAIAN")]
        else:
            below.append(C(("",), 1, "continue"))
    rows = [top, below]
    rows += indicator_rows(
        text("S"),
        "Persentase A",
        "90%",
        C((equation("A", "B"),)),
        "K",
        text("R"),
        "D",
        text(""),
    )
    reading = read_document(WordDoc().table(rows).save(tmp_path / "r.docx"), soffice=None)
    assert [r["Indikator Kinerja"] for r in reading.content.indikator] == ["Persentase A"]
    assert not [f for f in reading.findings if f.table is not None], reading.findings


def test_cover_picture_is_reported_as_logo_to_fill(tmp_path: Path):
    """A picture on the cover (the logo) is not a file the workbook can name: it is reported."""
    rows = [header_row()]
    rows += indicator_rows(
        text("S"),
        "Indeks A",
        "3,5",
        C(("",)),
        "K",
        text("R"),
        "D",
        text(""),
    )
    doc = WordDoc().paragraph("<w:r><w:pict/></w:r>").table(rows)
    reading = read_document(doc.save(tmp_path / "r.docx"), soffice=None)
    assert any("isi Identitas Logo" in str(f) for f in reading.findings), reading.findings
    assert reading.content.indikator[0]["Jenis Rumus"] == "indeks"


WRITER_HTML = """<html><head><meta charset="utf-8"></head><body>
<p align="center"><b>RENCANA AKSI ATAS PERJANJIAN KINERJA DI RUMAH TAHANAN NEGARA KELAS I
CONTOH</b></p>
<table border="1"><tr><th>SASARAN KEGIATAN</th><th>INDIKATOR KINERJA</th><th>TARGET</th>
<th>RUMUS PERHITUNGAN</th><th>KEGIATAN</th><th>PAGU</th><th>RENCANA PENARIKAN DANA</th>
<th>REALISASI ANGGARAN</th><th colspan="2">RENCANA KEGIATAN</th><th colspan="2">CAPAIAN</th>
<th>DATA</th><th>STATUS PELAKSANA</th><th>KETERANGAN</th></tr>
<tr><td rowspan="4">Sasaran satu</td><td rowspan="4">Persentase tahanan terlayani</td>
<td rowspan="4">90%</td><td rowspan="4">Jumlah tahanan terlayani / Jumlah tahanan × 100%</td>
<td rowspan="4">Layanan tahanan</td><td>1.000.000</td><td>500.000</td><td>450.000</td>
<td>TW I</td><td rowspan="4"><ol><li>Menyusun jadwal</li><li>Melaksanakan layanan</li></ol></td>
<td>TW I</td><td></td><td rowspan="4">Laporan</td><td>Terlaksana</td>
<td rowspan="4"><ul><li>Catatan satu</li><li>Catatan dua</li></ul></td></tr>
<tr><td>0</td><td>0</td><td>0</td><td>TW II</td><td>TW II</td><td></td><td></td></tr>
<tr><td>0</td><td>0</td><td>0</td><td>TW III</td><td>TW III</td><td></td><td></td></tr>
<tr><td>0</td><td>0</td><td>0</td><td>TW IV</td><td>TW IV</td><td></td><td></td></tr></table>
<p>Contoh, 5 Januari 2026</p><p>Kepala Rutan Kelas I Contoh</p><p></p><p>Budi Santoso</p>
<p>NIP. 19700101 199003 1 001</p></body></html>"""


@pytest.mark.libreoffice
def test_document_written_by_libreoffice_writer(tmp_path: Path, soffice: str):
    """A Rencana Aksi typed in LibreOffice Writer (rowspans as Writer's own w:vMerge, an
    automatically numbered list, a bulleted list) imports with its items and identity."""
    html = tmp_path / "lama.html"
    html.write_text(WRITER_HTML, encoding="utf-8")
    out = tmp_path / "lo"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={(out / 'p').as_uri()}",
            "--infilter=HTML (StarWriter)",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(html),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reading = read_document(out / "lama.docx", soffice=None)
    (row,) = reading.content.indikator
    assert row["Rencana Kegiatan"] == "1. Menyusun jadwal\n2. Melaksanakan layanan"
    assert row["Keterangan"] == "Catatan satu\nCatatan dua"
    assert (row["Pembilang"], row["Penyebut"]) == ("Jumlah tahanan terlayani", "Jumlah tahanan")
    first = reading.content.triwulan[0]
    assert (first["Pagu"], first["Rencana Penarikan Dana"], first["Realisasi Anggaran"]) == (
        1_000_000,
        500_000,
        450_000,
    )
    identitas = reading.content.identitas
    assert identitas["Nama UPT"] == "Rumah Tahanan Negara Kelas I Contoh"
    assert (identitas["Nama Penandatangan"], identitas["NIP"]) == (
        "Budi Santoso",
        "19700101 199003 1 001",
    )


# Nothing lost (docs/import.md): what the document cannot tell is said, other documents
# are refused, the CAPAIAN is rebuilt and compared, the workbook passes validate.

SAMPLE_FILES = sorted(SAMPLES.glob("*.xlsx"))


def _cli_build(sample: Path, out: Path, dokumen: str = "rencana-aksi") -> Path:
    """`renaksi-docs build SAMPLE -o OUT --dokumen …`; the one document written."""
    result = CliRunner().invoke(
        main, ["build", str(sample), "-o", str(out), "--dokumen", dokumen, "--force"]
    )
    assert result.exit_code == 0, result.output
    (written,) = sorted(out.glob("*.docx"))
    return written


def _python_docx(path: Path, paragraphs: list[str], tables: list[list[list[str]]]) -> Path:
    """A plain python-docx document: the paragraphs, then each table's rows of cell texts."""
    from docx import Document

    document = Document()
    for line in paragraphs:
        document.add_paragraph(line)
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, texts in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, texts, strict=True):
                cell.text = value
    document.save(str(path))
    return path


def _capaian_cell(docx: Path, row_number: int) -> object:
    """The CAPAIAN content cell of the main table's row `row_number` (1-based, as Word counts)."""
    from docx import Document

    document = Document(str(docx))
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    content = len(header) - 1 - header[::-1].index("CAPAIAN")
    return document, table.rows[row_number - 1].cells[content]


def test_built_document_with_minimal_indicators_names_each_for_polaritas(tmp_path: Path):
    """contoh-triwulan (LP-5, LP-6, LP-14 minimal) built then imported: the missing Polaritas is
    said once and each of them is named with table row, Kode and full text; validate passes."""
    built = _cli_build(CONTOH_XLSX, tmp_path / "out")
    target = tmp_path / "impor.xlsx"
    result = CliRunner().invoke(main, ["import", str(built), "-o", str(target)])
    assert result.exit_code == 0, result.output
    lines = [line.removeprefix(f"{built}: peringatan: ") for line in result.output.splitlines()]
    assert lines.count(NO_POLARITAS) == 1
    assert [line for line in lines if "makin kecil makin baik;" in line] == [
        'tabel 1, baris 18, Kode IK-5: "Persentase narapidana yang melanggar tata tertib" — '
        'kata "melanggar" menandakan makin kecil makin baik; periksa Polaritas di lembar '
        "Indikator",
        'tabel 1, baris 22, Kode IK-6: "Jumlah gangguan keamanan dan ketertiban" — kata '
        '"gangguan" menandakan makin kecil makin baik; periksa Polaritas di lembar Indikator',
        'tabel 1, baris 54, Kode IK-14: "Rata-rata lama penyelesaian usulan integrasi" — kata '
        '"lama penyelesaian" menandakan makin kecil makin baik; periksa Polaritas di lembar '
        "Indikator",
    ]
    assert "workbook hasil impor mencetak" not in result.output
    assert CliRunner().invoke(main, ["validate", str(target)]).exit_code == 0


def test_pengukuran_kinerja_is_refused_and_nothing_written(tmp_path: Path, monkeypatch):
    """A built Pengukuran Kinerja report given to import: exit 1, named, no workbook at all."""
    built = _cli_build(CONTOH_XLSX, tmp_path / "out", dokumen="pengukuran")
    work = tmp_path / "kerja"
    work.mkdir()
    monkeypatch.chdir(work)
    result = CliRunner().invoke(main, ["import", str(built)])
    assert result.exit_code == 1, result.output
    assert result.output == (
        f"galat: {built}: tidak ada workbook yang ditulis\n"
        '  ini dokumen Pengukuran Kinerja, bukan Rencana Aksi (judulnya "PENGUKURAN KINERJA '
        'LEMBAGA PEMASYARAKATAN KELAS IIB SUKAMAJU"); impor hanya membaca dokumen Rencana '
        "Aksi. Impor dokumen Rencana Aksi-nya (tabel berkolom SASARAN KEGIATAN, INDIKATOR "
        "KINERJA, RUMUS PERHITUNGAN, RENCANA KEGIATAN dan CAPAIAN per triwulan)\n"
    )
    assert list(work.iterdir()) == []


def test_pengukuran_table_without_its_title_is_still_refused(tmp_path: Path):
    """Only the Pengukuran Kinerja's table (its title removed): refused by its columns."""
    from docx import Document

    built = _cli_build(CONTOH_XLSX, tmp_path / "out", dokumen="pengukuran")
    document = Document(str(built))
    for paragraph in document.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    bare = tmp_path / "tabel.docx"
    document.save(str(bare))
    out = tmp_path / "hasil.xlsx"
    result = CliRunner().invoke(main, ["import", str(bare), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert (
        "ini dokumen Pengukuran Kinerja, bukan Rencana Aksi (tabel 1 berkolom REALISASI S.D. "
        "TW III)" in result.output
    )
    assert not out.exists()


def test_perjanjian_kinerja_is_refused_by_name(tmp_path: Path):
    """A Perjanjian Kinerja (title, NO/SASARAN/INDIKATOR/TARGET, KEGIATAN/ANGGARAN/JUMLAH):
    exit 1, "ini dokumen Perjanjian Kinerja, bukan Rencana Aksi", nothing written."""
    source = _python_docx(
        tmp_path / "pk.docx",
        ["PERJANJIAN KINERJA TAHUN 2026", "LEMBAGA PEMASYARAKATAN KELAS IIB SUKAMAJU"],
        [
            [
                ["NO", "SASARAN KEGIATAN", "INDIKATOR KINERJA", "TARGET"],
                ["1", "Sasaran", "Persentase layanan", "80%"],
            ],
            [["KEGIATAN", "ANGGARAN", "JUMLAH"], ["Layanan", "Rp 10.000.000", "Rp 10.000.000"]],
        ],
    )
    out = tmp_path / "hasil.xlsx"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert (
        'ini dokumen Perjanjian Kinerja, bukan Rencana Aksi (judulnya "PERJANJIAN KINERJA '
        'TAHUN 2026"); impor hanya membaca dokumen Rencana Aksi.' in result.output
    )
    assert not out.exists()


@pytest.mark.parametrize(
    "headers",
    [
        ["Nama", "Alamat", "Telepon"],
        ["SASARAN KEGIATAN", "INDIKATOR KINERJA", "TARGET", "CAPAIAN", "KETERANGAN"],
    ],
    ids=["unrelated", "shared-headers-only"],
)
def test_word_file_without_a_rencana_aksi_table_is_refused(headers: list[str], tmp_path: Path):
    """A python-docx document whose table is not a Rencana Aksi table (unrelated, or only the
    headers every report shares): exit 1, the clear message, nothing written."""
    source = _python_docx(tmp_path / "lain.docx", ["Daftar"], [[headers, ["isi"] * len(headers)]])
    out = tmp_path / "hasil.xlsx"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(
        f"galat: {source}: tidak ada workbook yang ditulis\n"
        "  tidak ada tabel Rencana Aksi: tidak ada baris judul kolom dengan minimal empat judul "
        "seperti SASARAN KEGIATAN, INDIKATOR KINERJA, TARGET, RUMUS PERHITUNGAN, termasuk salah "
        "satu dari RUMUS PERHITUNGAN, KEGIATAN, RENCANA PENARIKAN DANA, REALISASI ANGGARAN, "
        "RENCANA KEGIATAN, DATA atau STATUS PELAKSANA\n"
    )
    assert not out.exists()


def test_hand_edited_capaian_is_named_with_row_kode_and_both_texts(tmp_path: Path):
    """A CAPAIAN cell typed by hand with three decimals (81,257%): the workbook prints 81,26%,
    and import warns naming table row, Kode and quarter with both texts."""
    built = _cli_build(CONTOH_XLSX, tmp_path / "out")
    document, cell = _capaian_cell(built, 3)  # IK-1, TW II
    assert cell.text == "77,86%"
    cell.paragraphs[0].runs[0].text = "81,257%"
    for extra in cell.paragraphs[0].runs[1:]:
        extra._r.getparent().remove(extra._r)
    edited = tmp_path / "diedit.docx"
    document.save(str(edited))
    result = CliRunner().invoke(main, ["import", str(edited), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if "hasil impor mencetak" in line] == [
        f"{edited}: peringatan: tabel 1, baris 3, Kode IK-1, kolom CAPAIAN: TW II: dokumen "
        'mencetak "81,257%", tetapi workbook hasil impor mencetak "81,26%"; periksa angka TW II '
        "indikator ini di lembar Triwulan"
    ]


def test_negative_capaian_of_a_count_is_emptied_so_validate_passes(tmp_path: Path):
    """A jumlah CAPAIAN edited to a negative count: only pertumbuhan can be negative, so the
    value is emptied with a note naming the cell, and the workbook passes validate."""
    built = _cli_build(CONTOH_XLSX, tmp_path / "out")
    document, cell = _capaian_cell(built, 7)  # IK-2 (jumlah, orang), TW II
    cell.paragraphs[0].runs[0].text = "-5 orang"
    for extra in cell.paragraphs[0].runs[1:]:
        extra._r.getparent().remove(extra._r)
    edited = tmp_path / "diedit.docx"
    document.save(str(edited))
    target = tmp_path / "x.xlsx"
    result = CliRunner().invoke(main, ["import", str(edited), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert (
        f'{edited}: peringatan: tabel 1, baris 7, kolom CAPAIAN: capaian "-5 orang" negatif, '
        "padahal hanya pertumbuhan yang dapat negatif dan indikator IK-2 bukan pertumbuhan; "
        "dikosongkan"
    ) in result.output.splitlines()
    assert "tidak boleh negatif" not in result.output
    assert CliRunner().invoke(main, ["validate", str(target)]).exit_code == 0


def test_negative_capaian_under_a_fraction_makes_it_pertumbuhan(tmp_path: Path):
    """A hand-typed growth formula whose subtracted term is worded unlike the denominator, with
    a printed -12,5: read as pertumbuhan (Pembilang the term before the minus), said with its
    place, and the workbook passes validate instead of holding a negative persentase."""
    rows = [header_row()]
    rows += indicator_rows(
        text("Sasaran A"),
        "Pertumbuhan mitra",
        "10%",
        C((para(equation("(Mitra tahun ini - Mitra tahun lalu)", "Mitra tahun sebelumnya")),)),
        "Kerja sama",
        text("Rapat"),
        "Laporan",
        text(""),
        capaian=("-12,5", "", "", ""),
    )
    doc = WordDoc().paragraph("RENCANA AKSI ATAS PERJANJIAN KINERJA DI LAPAS CONTOH")
    source = (
        doc.table(rows)
        .paragraph("Kota, 1 Februari 2026")
        .paragraph("Nama")
        .save(tmp_path / "lama.docx")
    )
    out = tmp_path / "baru.xlsx"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        f"{source}: peringatan: tabel 1, baris 2, kolom RUMUS PERHITUNGAN: capaian negatif "
        "(-12,5) hanya mungkin untuk pertumbuhan; Jenis Rumus diisi pertumbuhan, periksa "
        "Pembilang dan Penyebut"
    ) in result.output.splitlines()
    sheet = load_workbook(out)["Indikator"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert (row["Jenis Rumus"], row["Pembilang"], row["Penyebut"]) == (
        "pertumbuhan",
        "Mitra tahun ini",
        "Mitra tahun sebelumnya",
    )
    assert "tidak boleh negatif" not in result.output
    check = CliRunner().invoke(main, ["validate", str(out)])
    assert check.exit_code == 0, check.output


def test_growth_numerator_ending_with_a_dash_stays_pertumbuhan(tmp_path: Path):
    """Pembilang "0–" under pertumbuhan prints -100%: it imports as pertumbuhan with Pembilang
    "0–" (not persentase with a negative Nilai) and the workbook passes validate."""
    source = make_workbook(tmp_path, content=DASH_GROWTH, name="asal.xlsx")
    built = _cli_build(source, tmp_path / "out")
    target = tmp_path / "impor.xlsx"
    result = CliRunner().invoke(main, ["import", str(built), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "tidak boleh negatif" not in result.output
    sheet = load_workbook(target)["Indikator"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert (row["Jenis Rumus"], row["Pembilang"], row["Penyebut"]) == ("pertumbuhan", "0–", "A")
    assert CliRunner().invoke(main, ["validate", str(target)]).exit_code == 0


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_every_sample_imports_to_a_workbook_validate_accepts(sample: Path, tmp_path: Path):
    """Each samples/*.xlsx built with the CLI and imported: validate accepts the workbook
    (exit 0) and every CAPAIAN cell is rebuilt as printed."""
    built = _cli_build(sample, tmp_path / "out")
    target = tmp_path / "impor.xlsx"
    result = CliRunner().invoke(main, ["import", str(built), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "workbook hasil impor mencetak" not in result.output
    assert "belum lolos validate" not in result.output
    check = CliRunner().invoke(main, ["validate", str(target)])
    assert check.exit_code == 0, check.output


_CHARS = st.sampled_from(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 &<>\"'/()%.,:;–×éÉñ"
)
"""What clerks type: Latin letters, digits, punctuation that XML and Word treat specially."""
_WORDS = st.text(_CHARS, min_size=1, max_size=30).filter(
    lambda s: s.strip() and s.strip()[0] not in "-–*•o" and "\n" not in s
)


@st.composite
def generated_workbooks(draw: st.DrawFn) -> WorkbookContent:
    """A small workbook with random texts (special characters included) and random kinds."""
    indikator, triwulan = [], []
    for number in range(1, draw(st.integers(1, 3)) + 1):
        kind = draw(st.sampled_from(["persentase", "pertumbuhan", "indeks", "jumlah"]))
        code = f"K{number}"
        row: dict[str, object] = {
            "Kode": code,
            "Sasaran Kegiatan": draw(_WORDS),
            "Indikator Kinerja": draw(_WORDS),
            "Target": draw(st.integers(1, 200)) if kind != "indeks" else "3,75",
            "Jenis Rumus": kind,
            "Kegiatan": "\n".join(draw(st.lists(_WORDS, min_size=1, max_size=2))),
            "Rencana Kegiatan": "\n".join(draw(st.lists(_WORDS, max_size=3))) or None,
            "Data": draw(_WORDS),
            "Keterangan": "\n".join(draw(st.lists(_WORDS, max_size=2))) or None,
        }
        if kind in ("persentase", "pertumbuhan"):
            row["Pembilang"], row["Penyebut"] = draw(_WORDS), draw(_WORDS)
            row["Nilai Dasar"] = 7
        if kind == "jumlah":
            row["Satuan"] = draw(st.sampled_from(["orang", "dokumen", "kali"]))
        indikator.append(row)
        for roman in ("I", "II"):
            figures: dict[str, object] = {"Kode": code, "Triwulan": roman}
            # 0 or a plausible amount: a non-zero Pagu below 1.000 rupiah is refused as misread
            figures["Pagu"] = draw(st.just(0) | st.integers(1_000, 10**9))
            figures["Status Pelaksana"] = draw(_WORDS)
            if kind == "indeks":
                figures["Nilai"] = 3.5
            else:
                figures["Penyebut"] = 10
                figures["Pembilang"] = draw(st.integers(0, 10))
            triwulan.append(figures)
    identitas = {
        "Nama UPT": "Lapas " + draw(_WORDS),
        "Tahun": 2026,
        "Kota": draw(_WORDS.filter(lambda s: "," not in s)),
        "Tanggal": "1 Juli 2026",
        "Nama Penandatangan": draw(_WORDS),
        "Triwulan": "II",
        "Ukuran Kertas": draw(st.sampled_from(["A4", "F4"])),
    }
    return WorkbookContent(identitas, indikator, triwulan)


@settings(max_examples=examples(4), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=generated_workbooks())
@example(content=DASH_GROWTH)
@example(content=DOT_UNIT)
def test_random_workbooks_survive_build_import_build(content: WorkbookContent):
    """Random texts with special characters, every kind: build → import → build is stable."""
    with tempfile.TemporaryDirectory() as folder:
        first, second = _round_trip(content, Path(folder))
        assert _content(second) == _content(first)


def test_import_says_what_to_check_and_the_next_command_once(tmp_path: Path) -> None:
    """A document that imports into a valid workbook: no `tidak ada galat` followed by an
    advice to validate; one next-step line naming what to compare and the build command."""
    built = _build(make_workbook(tmp_path, content=MAGELANG), tmp_path / "out")
    target = tmp_path / "baru.xlsx"
    result = CliRunner().invoke(main, ["import", str(built), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "tidak ada galat" not in result.output and "validate" not in result.output
    steps = [line for line in result.output.splitlines() if line.startswith("Langkah")]
    assert len(steps) == 1
    assert "dokumen lama" in steps[0] and steps[0].endswith(f"renaksi-docs build {target}")
