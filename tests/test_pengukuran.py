"""The Pengukuran Kinerja report (docs/pengukuran.md; signing: docs/template.md): its cells
against hand-worked values, the chart against the table, signing, and the PDF through real
LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, replace
from decimal import Decimal as D
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree
from openpyxl import load_workbook
from pypdf import PdfReader

from renaksi_docs.build import BuildOptions, Documents
from renaksi_docs.cli import DOKUMEN_CHOICES, main
from renaksi_docs.documents.chart import chart_xml
from renaksi_docs.documents.pengukuran import ReportContext, build_report, format_result
from renaksi_docs.documents.pengukuran_docx import TagNotUnique, render_report, write_report
from renaksi_docs.documents.signing import BSRE_FOOTER
from renaksi_docs.errors import OutputExists
from renaksi_docs.measure import NoReportingQuarter, measure
from renaksi_docs.model import (
    Accumulation,
    Band,
    Kind,
    PaperSize,
    Plan,
    Polarity,
    Rounding,
    Signing,
)

from .conftest import CONTOH_XLSX, MAGELANG_XLSX, make_indicator, make_plan
from .test_document import _png

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is not installed"
)


def _q(**figures: object) -> dict[str, object]:
    return figures


def hand_plan(**unit: object) -> Plan:
    """Eight indicators as of TW II covering every kind, both polarities, every band, no
    figures, Penyebut 0, an uncapped capaian, Kendala and Keterangan."""
    indicators = (
        make_indicator(
            code="IK-1",
            sasaran="Meningkatnya kualitas layanan",
            name="Persentase klien yang mendapat pendampingan",
            target="80",
            keterangan=("Catatan lama",),
            quarters={
                1: _q(
                    pembilang=D(40),
                    penyebut=D(50),
                    pagu=1_000_000,
                    rencana_penarikan=800_000,
                    realisasi_anggaran=900_000,
                    kendala="Petugas kurang",
                ),
                2: _q(
                    pembilang=D(45),
                    penyebut=D(50),
                    pagu=1_000_000,
                    rencana_penarikan=1_000_000,
                    realisasi_anggaran=700_000,
                    kendala="Jaringan putus",
                    tindak_lanjut="Mengganti modem",
                ),
                3: _q(pagu=500_000),
            },
        ),
        make_indicator(
            code="IK-2",
            sasaran="Meningkatnya kualitas layanan",
            name="Indeks kepuasan masyarakat",
            kind=Kind.INDEKS,
            target="3.5",
            satuan="indeks",
            accumulation=Accumulation.TERAKHIR,
            quarters={1: _q(nilai=D("3.4")), 2: _q(nilai=D("2.4"))},
        ),
        make_indicator(
            code="IK-3",
            sasaran="Terwujudnya tata kelola & <akuntabilitas>",
            name="Jumlah pelanggaran disiplin",
            kind=Kind.JUMLAH,
            target="10",
            satuan="orang",
            polarity=Polarity.MINIMAL,
            keterangan=("Catatan satu", "Catatan dua"),
            quarters={1: _q(pembilang=D(3)), 2: _q(pembilang=D(4))},
        ),
        make_indicator(
            code="IK-4",
            sasaran="Terwujudnya tata kelola & <akuntabilitas>",
            name="Pertumbuhan PNBP",
            kind=Kind.PERTUMBUHAN,
            target="10",
            nilai_dasar="100",
            quarters={1: _q(pembilang=D(30)), 2: _q(pembilang=D(50))},
        ),
        make_indicator(
            code="IK-5",
            sasaran="Terwujudnya tata kelola & <akuntabilitas>",
            name="Persentase laporan tepat waktu",
            target="50",
        ),
        make_indicator(
            code="IK-6",
            sasaran="Lain",
            name="Persentase penyebut nol",
            target="50",
            quarters={2: _q(pembilang=D(0), penyebut=D(0))},
        ),
        make_indicator(
            code="IK-7",
            sasaran="Lain",
            name="Persentase capaian tak dibatasi",
            target="6",
            quarters={2: _q(pembilang=D(40), penyebut=D(100))},
        ),
        make_indicator(
            code="IK-8",
            sasaran="Lain",
            name="Jumlah kegiatan tepat di batas",
            kind=Kind.JUMLAH,
            target="8",
            satuan="kegiatan",
            quarters={2: _q(pembilang=D(6))},
        ),
    )
    fields = {"name": "Lapas Kelas IIA Uji", "position": "Kepala", "nip": "19750101 200001 1 001"}
    return make_plan(*indicators, **(fields | unit))


# NO, SASARAN, INDIKATOR, SATUAN, TARGET, REALISASI, CAPAIAN, PREDIKAT, PAGU, REALISASI
# ANGGARAN, SERAPAN, DEVIASI RPD, KETERANGAN — worked by hand (comments) as of TW II.
EXPECTED = [
    # (40+45)/(50+50) = 85%; 85/80 = 106,25%; pagu 1+1+0,5 jt; 0,9+0,7 = 1,6 jt / 2,5 jt = 64%;
    # deviasi per quarter: |0,9-0,8|/0,8 = 12,5%, |0,7-1,0|/1,0 = 30% → mean 21,25%;
    # TW II's Kendala and Tindak Lanjut
    ["1", "Meningkatnya kualitas layanan", "Persentase klien yang mendapat pendampingan", "%",
     "80", "85", "106,25", "Sangat Berhasil", "2.500.000", "1.600.000", "64", "21,25",
     "Kendala: Jaringan putus Tindak lanjut: Mengganti modem"],
    # latest Nilai 2,4 / 3,5 = 68,571…% → Cukup Berhasil; no pagu: serapan, deviasi not computable
    ["2", "Meningkatnya kualitas layanan", "Indeks kepuasan masyarakat", "indeks", "3,5", "2,4",
     "68,57", "Cukup Berhasil", "0", "0", "-", "-", ""],
    # minimal: 3+4 = 7 against 10 → (20-7)/10 = 130%
    ["3", "Terwujudnya tata kelola & <akuntabilitas>", "Jumlah pelanggaran disiplin", "orang",
     "10", "7", "130", "Sangat Berhasil", "0", "0", "-", "-", "Catatan satu Catatan dua"],
    # (30+50-100)/100 = -20%; -20/10 = -200% → lowest band
    ["4", "Terwujudnya tata kelola & <akuntabilitas>", "Pertumbuhan PNBP", "%", "10", "-20",
     "-200", "Kurang Berhasil", "0", "0", "-", "-", ""],
    ["5", "Terwujudnya tata kelola & <akuntabilitas>", "Persentase laporan tepat waktu", "%",
     "50", "-", "-", "Belum dapat diukur", "0", "0", "-", "-", ""],
    ["6", "Lain", "Persentase penyebut nol", "%", "50", "-", "-", "Tidak dapat dihitung", "0",
     "0", "-", "-", ""],
    # 40/100 = 40% against 6 → 666,666…% printed as computed
    ["7", "Lain", "Persentase capaian tak dibatasi", "%", "6", "40", "666,67", "Sangat Berhasil",
     "0", "0", "-", "-", ""],
    # 6/8 = 75% exactly: the lower bound of Berhasil is inclusive
    ["8", "Lain", "Jumlah kegiatan tepat di batas", "kegiatan", "8", "6", "75", "Berhasil", "0",
     "0", "-", "-", ""],
]  # fmt: skip
HEADERS = [
    "NO", "SASARAN KEGIATAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI S.D. TW II",
    "CAPAIAN (%)", "PREDIKAT", "PAGU", "REALISASI ANGGARAN S.D. TW II", "SERAPAN (%)",
    "DEVIASI RPD (%)", "KETERANGAN",
]  # fmt: skip
# mean of the six measurable: (106,25 + 68,5714… + 130 - 200 + 666,6666… + 75) / 6 = 141,0813…
SUMMARY = (
    "Ringkasan: 8 indikator — Sangat Berhasil 3, Berhasil 1, Cukup Berhasil 1, Kurang Berhasil "
    "1, Belum dapat diukur 1, Tidak dapat dihitung 1; rata-rata capaian 141,08% (6 indikator "
    "terukur); serapan anggaran 64%."
)


@dataclass
class _Cell:
    text: str
    merge: str | None
    """'restart', 'continue' or None."""


def main_table(path: Path) -> tuple[list[str], list[list[_Cell]]]:
    """The report table's header texts and body cells, merged cells carrying their text."""
    table = Document(str(path)).tables[0]._tbl
    rows = table.findall(qn("w:tr"))

    def text(element: etree._Element) -> str:
        return " ".join(" ".join(t.text or "" for t in element.iter(qn("w:t"))).split())

    body: list[list[_Cell]] = []
    for tr in rows[1:]:
        cells = []
        for index, tc in enumerate(tr.findall(qn("w:tc"))):
            flag = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            merge = None if flag is None else flag.get(qn("w:val")) or "continue"
            shown = body[-1][index].text if merge == "continue" else text(tc)
            cells.append(_Cell(shown, merge))
        body.append(cells)
    return [text(tc) for tc in rows[0].findall(qn("w:tc"))], body


def _render(tmp_path: Path, plan: Plan, name: str = "pk.docx") -> Path:
    return render_report(build_report(measure(plan)), tmp_path / name)


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def _chart(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/charts/chart1.xml"))


def _number(text: str) -> D:
    return D(text.replace(".", "").replace(",", "."))


def test_report_cells_are_the_hand_worked_values(tmp_path: Path) -> None:
    """Every cell of the report's table equals the value worked out by hand."""
    headers, rows = main_table(_render(tmp_path, hand_plan()))
    assert headers == HEADERS
    assert [[cell.text for cell in row] for row in rows] == EXPECTED


def test_title_legend_and_summary(tmp_path: Path) -> None:
    """Title, Roman-numeral quarter, the legend of the bands and the summary line."""
    text = _paragraphs(_render(tmp_path, hand_plan()))
    assert text[:2] == ["PENGUKURAN KINERJA LAPAS KELAS IIA UJI", "Triwulan II Tahun 2026"]
    assert [line for line in text if line.startswith("■")] == [
        "■ ≥ 100%: Sangat Berhasil",
        "■ 75% s.d. < 100%: Berhasil",
        "■ 55% s.d. < 75%: Cukup Berhasil",
        "■ < 55%: Kurang Berhasil",
    ]
    assert SUMMARY in text
    key = next(line for line in text if line.startswith("Nomor pada grafik: "))
    assert "1. Persentase klien yang mendapat pendampingan; 2. Indeks" in key
    assert "5. Persentase laporan tepat waktu (belum dapat diukur); " in key
    assert key.endswith("8. Jumlah kegiatan tepat di batas")


def test_sasaran_merged_header_repeated_rows_unsplit(tmp_path: Path) -> None:
    """SASARAN merges over its indicators; the header repeats; no row splits."""
    path = _render(tmp_path, hand_plan())
    _, rows = main_table(path)
    assert [row[1].merge for row in rows] == [
        "restart", "continue", "restart", "continue", "continue", "restart", "continue",
        "continue",
    ]  # fmt: skip
    assert all(cell.merge is None for row in rows for cell in row[:1] + row[2:])
    table = Document(str(path)).tables[0]._tbl
    trs = table.findall(qn("w:tr"))
    assert trs[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in trs)


def test_keterangan_falls_back_per_quarter(tmp_path: Path) -> None:
    """KETERANGAN takes TW k's Kendala and Tindak Lanjut, else the indicator's notes."""
    as_of_1 = replace(hand_plan(), unit=replace(hand_plan().unit, quarter=1))
    rows = build_report(measure(as_of_1)).rows
    assert rows[0].keterangan == ("Kendala: Petugas kurang",)
    assert rows[2].keterangan == ("Catatan satu", "Catatan dua")
    as_of_3 = build_report(measure(hand_plan(), 3)).rows
    assert as_of_3[0].keterangan == ("Catatan lama",)


def test_chart_data_are_the_table(tmp_path: Path) -> None:
    """The chart's cached bars are the table's CAPAIAN, one per indicator numbered as NO, in
    the series (and colour) of the row's PREDIKAT; the line is 100 everywhere; the embedded
    workbook holds the same figures."""
    path = _render(tmp_path, hand_plan())
    _, rows = main_table(path)
    chart = _chart(path)
    bars = chart.findall(f".//{C}barChart/{C}ser")
    categories = [v.text for v in bars[0].findall(f"{C}cat//{C}pt/{C}v")]
    assert categories == [row[0].text for row in rows]
    found: dict[int, tuple[str, D, str]] = {}
    for series in bars:
        name = series.find(f"{C}tx//{C}v").text
        colour = series.find(f"{C}spPr//{A}srgbClr").get("val")
        for point in series.findall(f"{C}val//{C}pt"):
            index = int(point.get("idx"))
            assert index not in found
            found[index] = (name, D(point.find(f"{C}v").text), colour)
    legend = {entry.label: entry.colour for entry in build_report(measure(hand_plan())).legend}
    for index, row in enumerate(rows):
        if row[6].text == "-":
            assert index not in found
        else:
            assert found[index] == (row[7].text, _number(row[6].text), legend[row[7].text])
    line = chart.find(f".//{C}lineChart/{C}ser")
    assert [v.text for v in line.findall(f"{C}val//{C}pt/{C}v")] == ["100"] * len(rows)
    with zipfile.ZipFile(path) as archive:
        embedded = archive.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")
    sheet = load_workbook(BytesIO(embedded)).active
    table = list(sheet.iter_rows(values_only=True))
    assert [str(r[0]) for r in table[1:]] == categories
    for index, row in enumerate(table[1:]):
        values = [v for v in row[1:-1] if v is not None]
        expected = [] if index not in found else [float(found[index][1])]
        assert values == expected
        assert row[-1] == 100


def test_chart_colours_follow_the_units_bands() -> None:
    """A unit's own three bands give three colours, best green, worst red, and its legend."""
    bands = (Band(D(90), "Baik"), Band(D(60), "Sedang"), Band(D(20), "Buruk"))
    report = build_report(measure(replace(hand_plan(), bands=bands)))
    assert [(e.range, e.label, e.colour) for e in report.legend] == [
        ("≥ 90%", "Baik", "2E7D32"),
        ("60% s.d. < 90%", "Sedang", "F9A825"),
        ("< 60%", "Buruk", "C62828"),
    ]
    assert [s.label for s in report.chart.series] == ["Baik", "Sedang", "Buruk"]


def test_document_is_schema_valid(tmp_path: Path) -> None:
    """The report (chart part included, electronic footer too) passes an OOXML validator."""
    from openxml_audit import OpenXmlValidator

    for signing in Signing:
        path = _render(tmp_path, hand_plan(signing=signing), f"{signing.value}.docx")
        result = OpenXmlValidator().validate(str(path))
        assert [str(e) for e in result.errors] == []


def test_f4_paper(tmp_path: Path) -> None:
    """Ukuran Kertas F4 gives a landscape 330 × 215 mm page, the chart as wide as its text."""
    document = Document(str(_render(tmp_path, hand_plan(paper=PaperSize.F4))))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (330, 215)
    text_width = section.page_width - section.left_margin - section.right_margin
    extent = document.element.body.find(f".//{qn('wp:extent')}")
    assert abs(int(extent.get("cx")) - text_width) < Mm(0.1)  # twips vs EMU rounding


def test_potong_truncates_the_printed_capaian() -> None:
    """With Pembulatan potong, 2,24997 of 3 (74,999%) prints 74,99 and earns Cukup Berhasil."""
    row = make_indicator(
        kind=Kind.JUMLAH, target="3", satuan="", quarters={2: _q(nilai=D("2.24997"))}
    )
    report = build_report(measure(make_plan(row, rounding=Rounding.POTONG)))
    assert (report.rows[0].capaian, report.rows[0].predikat) == ("74,99", "Cukup Berhasil")
    assert report.rows[0].satuan == "-"
    baubau = build_report(measure(hand_plan(rounding=Rounding.POTONG))).rows[6]
    assert baubau.capaian == "666,66"  # as Lapas Baubau prints it (docs/pengukuran.md)


def test_format_result_plain() -> None:
    """A figure has no sign of its own (DEVIASI RPD is unsigned): '4,2', '-12,5', '0'."""
    assert format_result(D("4.2"), Rounding.BULAT) == "4,2"
    assert format_result(D("-12.5"), Rounding.BULAT) == "-12,5"
    assert format_result(D("0.001"), Rounding.BULAT) == "0"


def test_basah_signing_space(tmp_path: Path) -> None:
    """Basah: empty signing space and no footer; with Gambar Tanda Tangan, the image sits
    between the jabatan and the name."""
    plain = Document(str(_render(tmp_path, hand_plan())))
    assert not any(p.text for p in plain.sections[0].footer.paragraphs)
    texts = [p.text for p in plain.paragraphs]
    start = texts.index("Kepala")
    assert texts[start : start + 6] == ["Kepala", "", "", "", "", "Penanda Tangan"]
    image = _png(tmp_path / "ttd.png")
    signed = Document(str(_render(tmp_path, hand_plan(signature_image=image), "img.docx")))
    paragraphs = signed.paragraphs
    names = [p.text for p in paragraphs]
    between = paragraphs[names.index("Kepala") + 1 : names.index("Penanda Tangan")]
    assert sum(len(p._p.findall(f".//{qn('w:drawing')}")) for p in between) == 1


def test_elektronik_tag_once_and_footer(tmp_path: Path) -> None:
    """Elektronik: the tag once, in the signing space in the table's font, and the BSrE
    sentence in the footer."""
    plan = hand_plan(signing=Signing.ELEKTRONIK, tte_tag="^")
    document = Document(str(_render(tmp_path, plan)))
    texts = [p.text for p in document.paragraphs]
    assert sum(t.count("^") for t in texts) == 1
    start = texts.index("Kepala")
    assert "^" in texts[start : texts.index("Penanda Tangan")]
    tag = next(p for p in document.paragraphs if p.text == "^")
    assert tag.style.name == "Tabel Tengah"
    assert [p.text for p in document.sections[0].footer.paragraphs] == [BSRE_FOOTER]


def test_rencana_aksi_build_imports_nothing_of_the_report(tmp_path: Path) -> None:
    """Building the Rencana Aksi loads none of the report's modules."""
    code = (
        "import sys; from renaksi_docs.build import BuildOptions, build_one; from pathlib import "
        f"Path; o = build_one(Path({str(MAGELANG_XLSX)!r}), BuildOptions(out_dir=Path("
        f"{str(tmp_path)!r}))); assert o.ok, o.error; "
        "print(sorted(m for m in sys.modules if m.startswith('renaksi_docs')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert "renaksi_docs.documents.rencana_aksi_docx" in loaded  # the probe sees the build
    for module in ("documents.pengukuran", "documents.pengukuran_docx", "documents.chart"):
        assert f"'renaksi_docs.{module}'" not in loaded
    assert "'renaksi_docs.measure'" not in loaded


def test_write_report_names_and_guards(tmp_path: Path) -> None:
    """The report is named after unit, year and quarter; no quarter is a clear error; an
    existing report (or its PDF, when one is asked for) is kept without force."""
    written = write_report(hand_plan(), tmp_path)
    assert written == tmp_path / "pengukuran-kinerja-lapas-kelas-iia-uji-2026-tw2.docx"
    with pytest.raises(NoReportingQuarter, match="Triwulan"):
        write_report(hand_plan(quarter=None), tmp_path)
    with pytest.raises(OutputExists):
        write_report(hand_plan(), tmp_path)
    written.unlink()
    written.with_suffix(".pdf").write_bytes(b"%PDF-")
    with pytest.raises(OutputExists):
        write_report(hand_plan(), tmp_path, pdf=True)
    assert write_report(hand_plan(), tmp_path) == written
    assert write_report(hand_plan(), tmp_path, force=True, pdf=True) == written


def test_tag_that_the_report_prints_elsewhere_is_refused(tmp_path: Path) -> None:
    """A Penanda TTE the report itself prints elsewhere ('%' of the headers) is an error, and
    nothing is written."""
    plan = hand_plan(signing=Signing.ELEKTRONIK, tte_tag="%")
    with pytest.raises(TagNotUnique, match='Penanda TTE "%" muncul'):
        _render(tmp_path, plan)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.libreoffice
@needs_pdftotext
def test_pdf_pages(tmp_path: Path, soffice: str) -> None:
    """In the PDF (real LibreOffice): title, quarter, every indicator, the chart's labels in
    Indonesian decimals, the tag exactly once and the BSrE footer on every page."""
    from renaksi_docs import libreoffice

    plan = hand_plan(signing=Signing.ELEKTRONIK)
    docx = _render(tmp_path, plan)
    with libreoffice.Converter() as converter:
        [converted] = converter.convert([docx])
    assert converted.error is None and converted.pdf is not None
    pages = subprocess.run(
        ["pdftotext", "-layout", str(converted.pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\f")[:-1]
    text = " ".join(" ".join(pages).split())
    assert "PENGUKURAN KINERJA LAPAS KELAS IIA UJI" in text
    assert "Triwulan II Tahun 2026" in text
    for row in EXPECTED:
        assert " ".join(row[2].split()[:2]) in text
    assert "Capaian Kinerja (%) s.d. Triwulan II Tahun 2026" in text
    for label in ("106,25", "666,67", "68,57", "-200"):
        assert re.search(rf"(?<![\d,]){re.escape(label)}(?![\d,])", text)
    assert len(pages) >= 2
    assert text.count("#") == 1
    for page in pages:
        assert " ".join(BSRE_FOOTER.split()) in " ".join(page.split())


def test_dokumen_choices_are_the_pipelines() -> None:
    """The CLI's --dokumen choices are exactly build.Documents's values, default first."""
    assert tuple(d.value for d in Documents) == DOKUMEN_CHOICES
    assert DOKUMEN_CHOICES[0] == BuildOptions().documents.value


def test_cli_pengukuran_only(tmp_path: Path) -> None:
    """`--dokumen pengukuran -t II` writes only the report, named with the quarter."""
    result = CliRunner().invoke(
        main, ["build", str(MAGELANG_XLSX), "-o", str(tmp_path), "-t", "II", "--dokumen",
               "pengukuran"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    name = "pengukuran-kinerja-balai-pemasyarakatan-kelas-ii-magelang-2026-tw2.docx"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert f"Dokumen ditulis: {tmp_path / name}" in result.output


def test_cli_semua_without_quarter(tmp_path: Path) -> None:
    """`--dokumen semua` without a reporting quarter writes neither document (all or none),
    reports the Pengukuran as failed with the fix, and exits 1; `pengukuran` alone writes
    nothing."""
    runner = CliRunner()
    result = runner.invoke(
        main, ["build", str(MAGELANG_XLSX), "-o", str(tmp_path), "--dokumen", "semua"]
    )
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []
    assert "triwulan pelaporan belum ditentukan" in result.output
    assert "Traceback" not in result.output
    alone = tmp_path / "alone"
    result = runner.invoke(
        main, ["build", str(MAGELANG_XLSX), "-o", str(alone), "--dokumen", "pengukuran"]
    )
    assert result.exit_code == 1 and "--triwulan" in result.output
    assert not alone.exists() or list(alone.iterdir()) == []


def test_cli_batch_semua_summary(tmp_path: Path) -> None:
    """A batch with `semua`: the workbook without a quarter fails whole (nothing of it is
    written); the summary counts workbooks and documents separately (the Sukamaju sample
    names its superior: its Perjanjian Kinerja too)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MAGELANG_XLSX, folder / "a.xlsx")
    shutil.copy(CONTOH_XLSX, folder / "b.xlsx")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(folder), "-o", str(out), "--dokumen", "semua", "--jobs", "1"]
    )
    assert result.exit_code == 1, result.output
    assert "Ringkasan: 2 workbook (1 berhasil, 1 gagal); 3 dokumen ditulis" in result.output
    assert sorted(p.name.split("-")[0] for p in out.iterdir()) == [
        "pengukuran",
        "perjanjian",
        "rencana",
    ]


@pytest.mark.libreoffice
@needs_pdftotext
def test_cli_semua_pdf_batch(tmp_path: Path, soffice: str) -> None:
    """`build FOLDER --dokumen semua --pdf -t III`: every document of each workbook (the
    Perjanjian of the one that names its superior), as .docx and PDF, the report's PDF
    landscape with its title (real LibreOffice)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MAGELANG_XLSX, folder / "a.xlsx")
    shutil.copy(CONTOH_XLSX, folder / "b.xlsx")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(folder), "-o", str(out), "--dokumen", "semua", "--pdf", "-t", "III",
               "--jobs", "2"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    stems = {
        "rencana-aksi-balai-pemasyarakatan-kelas-ii-magelang-2026-tw3",
        "pengukuran-kinerja-balai-pemasyarakatan-kelas-ii-magelang-2026-tw3",
        "rencana-aksi-lembaga-pemasyarakatan-kelas-iib-sukamaju-2026-tw3",
        "pengukuran-kinerja-lembaga-pemasyarakatan-kelas-iib-sukamaju-2026-tw3",
        "perjanjian-kinerja-lembaga-pemasyarakatan-kelas-iib-sukamaju-2026",
    }
    assert names == sorted(f"{stem}.{ext}" for stem in stems for ext in ("docx", "pdf"))
    report = out / "pengukuran-kinerja-lembaga-pemasyarakatan-kelas-iib-sukamaju-2026-tw3.pdf"
    reader = PdfReader(report)
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "PENGUKURAN KINERJA LEMBAGA PEMASYARAKATAN KELAS IIB SUKAMAJU" in text
    assert "Triwulan III Tahun 2026" in text


def test_single_indicator_shows_the_100_line_as_a_marker() -> None:
    """A line needs two points: with one indicator the 100% series gets a dash marker."""
    one = build_report(measure(make_plan(make_indicator(quarters={2: _q(nilai=D(90))}))))
    many = build_report(measure(hand_plan()))

    def symbol(report: ReportContext) -> str:
        xml = etree.fromstring(chart_xml(report.chart))
        return xml.find(f".//{C}lineChart/{C}ser/{C}marker/{C}symbol").get("val")

    assert (symbol(one), symbol(many)) == ("dash", "none")
