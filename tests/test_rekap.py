"""`renaksi-docs rekap`: one recap workbook over many units' workbooks (docs/rekap.md).

The folder under test holds both samples, hand-worked units, a duplicate, an invalid workbook
whose Nama UPT is readable, a file that is not a workbook and a hostile (XXE) workbook.
Every expected number below is worked by hand from the figures typed into the units.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import shutil
import subprocess
import zipfile
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree
from openpyxl import load_workbook

from renaksi_docs.cli import main
from renaksi_docs.workbook.reader import read_plan
from renaksi_docs.workbook.standard import WorkbookContent, write_workbook

from .conftest import CONTOH_XLSX, MAGELANG_XLSX
from .hostile import XXE, with_dtd

ALPHA = "Lembaga Pemasyarakatan Kelas IIA Alpha"
BETA = "Rumah Tahanan Negara Kelas I Beta"
GAMMA = "Balai Pemasyarakatan Kelas II Gamma"
SHARED = "Persentase narapidana yang mengikuti pembinaan kemandirian"
INDIKATOR_HEADERS = [
    "Nama UPT",
    "Tahun",
    "Triwulan",
    "Kode",
    "Sasaran Kegiatan",
    "Indikator Kinerja",
    "Satuan",
    "Target",
    "Realisasi TW I",
    "Realisasi TW II",
    "Realisasi TW III",
    "Realisasi TW IV",
    "Capaian (%)",
    "Predikat",
    "Pagu",
    "Realisasi Anggaran",
    "Serapan (%)",
    "Target s.d. Triwulan",
    "Capaian Tahunan (%)",
]


def _identitas(nama: str, tahun: int, **more: object) -> dict[str, object]:
    return {
        "Nama UPT": nama,
        "Tahun": tahun,
        "Kota": "Kota",
        "Tanggal": dt.datetime(tahun, 7, 6),
        "Nama Penandatangan": "Kepala",
        **more,
    }


def _indicator(code: str, name: str, kind: str, target: object, **more: object) -> dict[str, Any]:
    counts = {"Pembilang": "a", "Penyebut": "b"} if kind in ("persentase", "pertumbuhan") else {}
    return {
        "Kode": code,
        "Sasaran Kegiatan": "Meningkatnya kualitas pembinaan",
        "Indikator Kinerja": name,
        "Target": target,
        "Jenis Rumus": kind,
        "Kegiatan": "Pembinaan",
        **counts,
        **more,
    }


def _quarter(code: str, tw: str, **figures: object) -> Mapping[str, object]:
    return {"Kode": code, "Triwulan": tw, **figures}


# Alpha 2026, TW II, bulat. By hand, as of TW II:
#   IK-1 persentase kumulatif, target 80: (30+40)/(40+60) = 70 % -> capaian 87.5 -> Berhasil;
#        realisasi TW I 30/40 = 75; pagu 4 x 1.000.000, spent 900.000 + 1.100.000 -> 50 %.
#   IK-2 jumlah, target 120 orang: 50 + 40 = 90 -> capaian 75 -> Berhasil (bound inclusive).
#   IK-3 persentase minimal, target 10: (2+3)/(50+50) = 5 % -> (20 - 5)/10 = 150 -> Sangat B.
#   IK-4 indeks without figures -> Belum dapat diukur.
#   IK-5 persentase with Penyebut 0 in TW II -> Tidak dapat dihitung.
#   mean (87.5 + 75 + 150) / 3 = 104.1666… -> 104.17; unit serapan 2.000.000/4.000.000 = 50.
ALPHA_CONTENT = WorkbookContent(
    identitas=_identitas(ALPHA, 2026, Triwulan="II", Pembulatan="bulat"),
    indikator=[
        _indicator("IK-1", SHARED, "persentase", 80),
        _indicator("IK-2", "Jumlah narapidana yang bekerja", "jumlah", 120, Satuan="orang"),
        _indicator("IK-3", "Persentase gangguan keamanan", "persentase", 10, Polaritas="minimal"),
        _indicator("IK-4", "Indeks kepuasan layanan", "indeks", "3,5"),
        _indicator("IK-5", "Persentase remisi yang diusulkan", "persentase", 90),
    ],
    triwulan=[
        *(
            _quarter("IK-1", tw, Pagu=1_000_000, **figures)
            for tw, figures in (
                ("I", {"Pembilang": 30, "Penyebut": 40, "Realisasi Anggaran": 900_000}),
                ("II", {"Pembilang": 40, "Penyebut": 60, "Realisasi Anggaran": 1_100_000}),
                ("III", {}),
                ("IV", {}),
            )
        ),
        _quarter("IK-2", "I", Pembilang=50),
        _quarter("IK-2", "II", Pembilang=40),
        _quarter("IK-3", "I", Pembilang=2, Penyebut=50),
        _quarter("IK-3", "II", Pembilang=3, Penyebut=50),
        _quarter("IK-5", "II", Pembilang=0, Penyebut=0),
    ],
)

# Beta 2025, TW I, potong (truncate). By hand, as of TW I:
#   IK-1 (the shared text, typed with other case and spacing), target 80: 2/3 = 66.666… %
#        -> capaian 83.333… -> 83.33 -> Berhasil.
#   IK-2 pertumbuhan, Nilai Dasar 40, target 10: (46 - 40)/40 = 15 % -> 150 -> Sangat Berhasil.
#   IK-3 persentase, target 100: 99996/100000 = 99.996 % -> capaian 99.996 -> potong 99.99
#        -> Berhasil (bulat would print 100.00 and say Sangat Berhasil).
#   mean (83.333… + 150 + 99.996) / 3 = 111.1097… -> 111.10.
BETA_CONTENT = WorkbookContent(
    identitas=_identitas(BETA, 2025, Triwulan="I", Pembulatan="potong"),
    indikator=[
        _indicator(
            "A", "  persentase  NARAPIDANA yang mengikuti pembinaan kemandirian ", "persentase", 80
        ),
        _indicator("B", "Pertumbuhan kunjungan", "pertumbuhan", 10, **{"Nilai Dasar": 40}),
        _indicator("C", "Persentase layanan tepat waktu", "persentase", 100),
    ],
    triwulan=[
        _quarter("A", "I", Pembilang=2, Penyebut=3),
        _quarter("B", "I", Pembilang=46),
        _quarter("C", "I", Pembilang=99996, Penyebut=100000),
    ],
)

# Gamma 2026 has no Triwulan: measured nowhere, every indicator Belum dapat diukur.
GAMMA_CONTENT = WorkbookContent(
    identitas=_identitas(GAMMA, 2026),
    indikator=[_indicator("G-1", SHARED, "persentase", 50)],
    triwulan=[_quarter("G-1", "I", Pembilang=1, Penyebut=2)],
)

# A workbook whose Identitas reads but whose Indikator has an error (Target "tiga").
DELTA = "Lembaga Pembinaan Khusus Anak Kelas II Delta"
DELTA_CONTENT = WorkbookContent(
    identitas=_identitas(DELTA, 2026, Triwulan="II"),
    indikator=[_indicator("D-1", "Indikator Delta", "persentase", "tiga")],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Kanwil's folder: samples, hand-worked units, a duplicate, invalid and hostile files;
    made once for this module (tests only read it)."""
    units = tmp_path_factory.mktemp("kanwil") / "masuk"
    units.mkdir()
    shutil.copy(MAGELANG_XLSX, units)
    shutil.copy(CONTOH_XLSX, units)
    write_workbook(units / "alpha.xlsx", ALPHA_CONTENT)
    write_workbook(units / "alpha-revisi.xlsx", ALPHA_CONTENT)
    write_workbook(units / "beta.xlsx", BETA_CONTENT)
    write_workbook(units / "gamma.xlsx", GAMMA_CONTENT)
    write_workbook(units / "delta.xlsx", DELTA_CONTENT)
    (units / "rusak.xlsx").write_text("Nama UPT;Tahun\nLapas;2026\n")
    (units / "xxe.xlsx").write_bytes(with_dtd(XXE, "&xxe;"))
    return units


def _rekap(*args: str) -> Any:
    return CliRunner().invoke(main, ["rekap", *args])


def _rows(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _by_name(rows: list[list[Any]]) -> dict[str, list[list[Any]]]:
    found: dict[str, list[list[Any]]] = {}
    for row in rows[1:]:
        found.setdefault(row[0], []).append(row)
    return found


@pytest.fixture(scope="module")
def recap(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """The rekap of the folder (two jobs) and the CLI result, made once for this module
    (tests only read them)."""
    target = tmp_path_factory.mktemp("rekap") / "rekap.xlsx"
    return target, _rekap(str(folder), "-o", str(target), "--jobs", "2")


@pytest.fixture(scope="module")
def written(recap: tuple[Path, Any]) -> Any:
    """The rekap of the folder reopened with openpyxl, and the CLI result."""
    target, result = recap
    return load_workbook(target), result


def test_sheets_and_exit_code(written: Any) -> None:
    """Four sheets in order; invalid inputs make exit code 1 while the rekap is still written."""
    book, result = written
    assert book.sheetnames == ["Ringkasan", "Indikator", "Masalah", "Per Indikator"]
    assert result.exit_code == 1, result.output
    assert "Rekap ditulis" in result.output


def test_ringkasan_hand_worked_units(written: Any) -> None:
    """Ringkasan rows of the hand-worked units, cell by cell."""
    sheet = written[0]["Ringkasan"]
    rows = _rows(sheet)
    assert rows[0] == [
        "Nama UPT",
        "Tahun",
        "Triwulan",
        "Jumlah Indikator",
        "Rata-rata Capaian (%)",
        "Sangat Berhasil",
        "Berhasil",
        "Cukup Berhasil",
        "Kurang Berhasil",
        "Belum dapat diukur",
        "Tidak dapat dihitung",
        "Serapan Anggaran (%)",
        "Status",
        "Catatan",
        "Berkas",
    ]
    units = _by_name(rows)
    alpha = units[ALPHA][0]
    assert alpha[:13] == [ALPHA, 2026, "II", 5, 104.17, 1, 2, 0, 0, 1, 1, 50, "valid"]
    (beta,) = units[BETA]
    assert beta[:13] == [BETA, 2025, "I", 3, 111.1, 1, 2, 0, 0, 0, 0, "-", "valid"]
    (gamma,) = units[GAMMA]
    assert gamma[:13] == [GAMMA, 2026, None, 1, None, 0, 0, 0, 0, 1, 0, None, "valid"]
    assert "Belum dapat diukur" in gamma[13]


def test_indikator_hand_worked_cells(written: Any) -> None:
    """Indikator rows of Alpha and Beta, every cell, numbers stored as numbers."""
    sheet = written[0]["Indikator"]
    rows = _rows(sheet)
    assert rows[0] == INDIKATOR_HEADERS
    alpha = [row for row in _by_name(rows)[ALPHA] if row[0] == ALPHA][:5]
    sasaran = "Meningkatnya kualitas pembinaan"
    assert alpha == [
        [ALPHA, 2026, "II", "IK-1", sasaran, SHARED, "%", 80, 75, 70, None, None, 87.5,
         "Berhasil", 4_000_000, 2_000_000, 50, None, 87.5],
        [ALPHA, 2026, "II", "IK-2", sasaran, "Jumlah narapidana yang bekerja", "orang", 120,
         50, 90, None, None, 75, "Berhasil", 0, 0, "-", None, 75],
        [ALPHA, 2026, "II", "IK-3", sasaran, "Persentase gangguan keamanan", "%", 10,
         4, 5, None, None, 150, "Sangat Berhasil", 0, 0, "-", None, 150],
        [ALPHA, 2026, "II", "IK-4", sasaran, "Indeks kepuasan layanan", "indeks", 3.5,
         None, None, None, None, None, "Belum dapat diukur", 0, 0, "-", None, None],
        [ALPHA, 2026, "II", "IK-5", sasaran, "Persentase remisi yang diusulkan", "%", 90,
         None, "-", None, None, "-", "Tidak dapat dihitung", 0, 0, "-", None, "-"],
    ]  # fmt: skip
    beta = _by_name(rows)[BETA]
    assert [row[8] for row in beta][:1] == [pytest.approx(66.6666666, rel=1e-6)]
    assert [(row[3], row[12], row[13]) for row in beta] == [
        ("A", 83.33, "Berhasil"),
        ("B", 150, "Sangat Berhasil"),
        ("C", 99.99, "Berhasil"),
    ]
    for row in sheet.iter_rows(min_row=2):
        for cell in row[7:13] + row[14:]:
            # a range or level target, and a level reached, are text (docs/indicators.md)
            shown_as_text = isinstance(cell.value, str) and (
                "–" in cell.value or cell.value.replace(" ", "").isalpha()
            )
            assert cell.data_type == "n" or cell.value in (None, "-") or shown_as_text, (
                cell.coordinate
            )


def test_number_formats_frozen_headers_filters(written: Any) -> None:
    """Thousands separators and two decimals, frozen header, autofilter over the whole table."""
    book = written[0]
    indikator = book["Indikator"]
    alpha = next(row for row in indikator.iter_rows() if row[0].value == ALPHA)
    formats = {indikator.cell(1, c.column).value: c.number_format for c in alpha if c.value}
    assert {name: formats[name] for name in ("Tahun", "Target", "Capaian (%)", "Pagu")} == {
        "Tahun": "0",
        "Target": "#,##0.00",
        "Capaian (%)": "#,##0.00",
        "Pagu": "#,##0",
    }
    for sheet in book.worksheets:
        assert sheet.freeze_panes in ("A2", "B2"), sheet.title
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" + str(
            sheet.max_row
        ), sheet.title
    widths = {c: indikator.column_dimensions[c].width for c in "ABDF"}
    assert widths["D"] < widths["A"] <= 60
    assert widths["F"] == 60  # long indicator texts are capped


def test_predikat_colours_and_chart(recap: tuple[Path, Any], written: Any) -> None:
    """Predikat cells are coloured by conditional formatting, in the Pengukuran report's colours
    lightened; Ringkasan has a native bar chart."""
    import zipfile

    from renaksi_docs.documents.pengukuran import band_colours
    from renaksi_docs.model import DEFAULT_BANDS

    target, book = recap[0], written[0]
    rules = book["Indikator"].conditional_formatting
    colored = {rule.formula[0]: rule.dxf.fill.fgColor.rgb for cf in rules for rule in cf.rules}
    report = band_colours(DEFAULT_BANDS)  # the Pengukuran report's bar colours
    for label in ("Sangat Berhasil", "Berhasil", "Cukup Berhasil", "Kurang Berhasil"):
        fill, bar = colored[f'"{label}"'][-6:], report[label]
        for at in (0, 2, 4):  # each channel a quarter of the way from white to the bar's
            expected = 255 - (255 - int(bar[at : at + 2], 16)) / 4
            assert abs(int(fill[at : at + 2], 16) - expected) <= 0.5, label
    assert '"Tidak dapat dihitung"' in colored
    assert [str(cf.sqref) for cf in rules] == [f"N2:N{book['Indikator'].max_row}"]
    with zipfile.ZipFile(target) as package:
        charts = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = package.read(charts[0]).decode()
    assert "<barChart>" in xml and '<barDir val="bar"/>' in xml
    assert "<strRef><f>'Ringkasan'!$A$2:$A$10</f>" in xml  # unit names
    assert "<numRef><f>'Ringkasan'!$E$2:$E$10</f>" in xml  # their mean capaian


def test_invalid_inputs_accounted_for(written: Any, folder: Path) -> None:
    """The broken, hostile and invalid workbooks are rows `tidak valid` and Masalah lines."""
    book, result = written
    units = _by_name(_rows(book["Ringkasan"]))
    for name in ("rusak.xlsx", "xxe.xlsx", DELTA):
        (row,) = units[name]
        assert row[12] == "tidak valid", name
    assert units[DELTA][0][1] == 2026  # its Tahun could be read
    masalah = _rows(book["Masalah"])
    assert masalah[0] == ["Berkas", "Nama UPT", "Letak", "Jenis", "Pesan"]
    by_file = {}
    for row in masalah[1:]:
        by_file.setdefault(Path(row[0]).name, []).append(row)
    (delta,) = by_file["delta.xlsx"]
    assert delta[1:4] == [DELTA, "Indikator!D2", "galat"] and "tiga" in delta[4]
    assert by_file["rusak.xlsx"][0][3] == "galat"
    assert "xxe.xlsx" in by_file and by_file["xxe.xlsx"][0][3] == "galat"
    warnings = read_plan(CONTOH_XLSX).warnings  # a valid workbook's warnings are listed too
    assert [(r[2], r[3], r[4]) for r in by_file["contoh-triwulan.xlsx"]] == [
        (w.location or None, "peringatan", w.message) for w in warnings
    ]
    assert "TIDAK VALID" in result.output and "rusak.xlsx" in result.output
    assert "Ringkasan: 6 valid, 3 tidak valid" in result.output


def test_invalid_unit_catatan_holds_its_first_error(written: Any) -> None:
    """An invalid unit's Catatan on Ringkasan says its first error with the cell (as the
    command's summary does), not only the Masalah sheet."""
    book, result = written
    units = _by_name(_rows(book["Ringkasan"]))
    header = _rows(book["Ringkasan"])[0]
    catatan = header.index("Catatan")
    (delta,) = units[DELTA]
    assert delta[catatan].startswith("Indikator!D2: ") and "tiga" in delta[catatan]
    for name in ("rusak.xlsx", "xxe.xlsx"):
        assert units[name][0][catatan], name
    assert f"delta.xlsx: {delta[catatan]}" in result.output


def test_chart_value_axis_starts_at_zero(recap: tuple[Path, Any]) -> None:
    """The Ringkasan chart's value axis is fixed at 0, so bar lengths are in proportion."""
    with zipfile.ZipFile(recap[0]) as package:
        (chart,) = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        root = etree.fromstring(package.read(chart))
    drawing = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    (low,) = root.iter(f"{drawing}valAx")
    assert low.find(f"{drawing}scaling/{drawing}min").get("val") == "0"


def test_duplicates_listed_and_flagged(written: Any) -> None:
    """Two workbooks of the same unit and year: both rows, each naming the other file."""
    book, result = written
    alpha = _by_name(_rows(book["Ringkasan"]))[ALPHA]
    assert [row[14].rsplit("/", 1)[-1] for row in alpha] == ["alpha-revisi.xlsx", "alpha.xlsx"]
    assert "alpha.xlsx" in alpha[0][13] and "alpha-revisi.xlsx" in alpha[1][13]
    assert all(row[13].startswith("ganda") for row in alpha)
    indikator = _by_name(_rows(book["Indikator"]))[ALPHA]
    assert len(indikator) == 10
    warnings = [r for r in _rows(book["Masalah"]) if r[1] == ALPHA and "Tahun sama" in r[4]]
    assert [(Path(r[0]).name, r[3]) for r in warnings] == [
        ("alpha-revisi.xlsx", "peringatan"),
        ("alpha.xlsx", "peringatan"),
    ]
    assert "GANDA" in result.output


def test_per_indikator_shared_text(written: Any) -> None:
    """An indicator typed alike (case and spacing aside) in ≥ 2 units gets one row."""
    sheet = written[0]["Per Indikator"]
    rows = _rows(sheet)
    header = rows[0]
    assert header[:3] == ["Indikator Kinerja", "Jumlah UPT", "Rata-rata Capaian (%)"]
    shared = [row for row in rows[1:] if row[0] == SHARED]
    assert len(shared) == 1
    row = dict(zip(header, shared[0], strict=True))
    assert row["Jumlah UPT"] == 3  # Alpha (twice, one unit), Beta, Gamma
    assert row[f"{ALPHA} (alpha-revisi.xlsx)"] == 87.5
    assert row[f"{ALPHA} (alpha.xlsx)"] == 87.5
    assert row[BETA] == 83.33
    assert row[GAMMA] is None  # has the indicator, no figures yet
    # Alpha counts once (its two workbooks: one unit), as in Jumlah UPT
    assert row["Rata-rata Capaian (%)"] == 85.42  # (87.5 + 83.33) / 2, rounded half up
    assert all(r[0] != "Jumlah narapidana yang bekerja" for r in rows)  # Alpha's alone


def test_triwulan_option_overrides_every_unit(folder: Path, tmp_path: Path) -> None:
    """-t I measures every unit as of TW I, Gamma (no Triwulan) included."""
    target = tmp_path / "tw1.xlsx"
    _rekap(str(folder / "alpha.xlsx"), str(folder / "gamma.xlsx"), "-o", str(target), "-t", "I")
    units = _by_name(_rows(load_workbook(target)["Ringkasan"]))
    # Alpha as of TW I: IK-1 30/40 = 75 % -> 93.75; IK-2 50/120 -> 41.67; IK-3 2/50 = 4 %
    # -> (20 - 4)/10 = 160; mean (93.75 + 41.666… + 160)/3 = 98.47; serapan 900.000/4.000.000.
    assert units[ALPHA][0][2:13] == ["I", 5, 98.47, 1, 1, 0, 1, 2, 0, 22.5, "valid"]
    # Gamma as of TW I: 1/2 = 50 % of a 50 % target -> 100.
    assert units[GAMMA][0][2:6] == ["I", 1, 100, 1]


def test_daftar_lists_units_not_sent(folder: Path, tmp_path: Path) -> None:
    """--daftar: expected units without a workbook are `belum mengirim`; names match loosely."""
    daftar = tmp_path / "daftar.txt"
    daftar.write_text(
        f"\ufeff  {ALPHA.upper()}  \n\n{DELTA}\nLapas Kelas III  Epsilon\n"
        "lapas kelas iii epsilon\n",
        encoding="utf-8",
    )
    target = tmp_path / "rekap.xlsx"
    result = _rekap(
        str(folder / "alpha.xlsx"), str(folder / "beta.xlsx"), str(folder / "delta.xlsx"),
        "-o", str(target), "--daftar", str(daftar),
    )  # fmt: skip
    rows = _rows(load_workbook(target)["Ringkasan"])
    assert [(r[0], r[12]) for r in rows[1:]] == [
        (ALPHA, "valid"),
        (DELTA, "tidak valid"),  # sent, though invalid
        (BETA, "valid"),
        ("Lapas Kelas III Epsilon", "belum mengirim"),
    ]
    assert rows[3][13] == "tidak ada di daftar"
    assert "BELUM MENGIRIM Lapas Kelas III Epsilon" in result.output


def test_existing_output_kept_and_inputs_untouched(folder: Path, tmp_path: Path) -> None:
    """Without --force an existing rekap stays; the inputs' bytes never change."""
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    target = tmp_path / "rekap.xlsx"
    target.write_bytes(b"punya Kanwil")
    result = _rekap(str(folder), "-o", str(target))
    assert result.exit_code == 1 and "sudah ada" in result.output
    assert target.read_bytes() == b"punya Kanwil"
    assert _rekap(str(folder), "-o", str(target), "--force").exit_code == 1  # invalid inputs
    assert load_workbook(target).sheetnames[0] == "Ringkasan"
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_rekap_inside_the_folder_is_not_an_input(tmp_path: Path) -> None:
    """A rekap written into the folder it recaps is skipped the next time; all valid: exit 0."""
    units = tmp_path / "masuk"
    units.mkdir()
    write_workbook(units / "alpha.xlsx", ALPHA_CONTENT)
    write_workbook(units / "beta.xlsx", BETA_CONTENT)
    target = units / "rekap.xlsx"
    assert _rekap(str(units), "-o", str(target)).exit_code == 0
    result = _rekap(str(units), "-o", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert "Ringkasan: 2 valid, 0 tidak valid" in result.output
    bad = _rekap(str(target), "-o", str(target), "--force")
    assert bad.exit_code == 2 and "masukan" in bad.output


def test_progress_lines_per_workbook(folder: Path, tmp_path: Path) -> None:
    """Off a terminal, one progress line per workbook on stderr, as build prints them."""
    result = CliRunner().invoke(
        main, ["rekap", str(folder), "-o", str(tmp_path / "r.xlsx"), "--jobs", "1"]
    )
    lines = [line for line in result.stderr.splitlines() if line.startswith("[rekap ")]
    assert len(lines) == 9
    assert lines[-1].startswith("[rekap 9/9]")


def test_usage_errors(tmp_path: Path) -> None:
    """No .xlsx output name: a usage error (exit 2); a missing daftar is a missing file, as
    everywhere (exit 1, named)."""
    source = str(MAGELANG_XLSX)
    assert _rekap(source, "-o", str(tmp_path / "r.csv")).exit_code == 2
    missing = _rekap(source, "-o", str(tmp_path / "r.xlsx"), "--daftar", str(tmp_path / "x"))
    assert missing.exit_code == 1
    assert f"{tmp_path / 'x'}: berkas daftar tidak ditemukan" in missing.output
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.calc
def test_libreoffice_calc_opens_the_rekap(folder: Path, tmp_path: Path, calc: str) -> None:
    """LibreOffice Calc (headless) reads the rekap: its CSV of Ringkasan shows the numbers."""
    target = tmp_path / "rekap.xlsx"
    _rekap(str(folder), "-o", str(target))
    out = tmp_path / "csv"
    subprocess.run(
        [
            calc,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",  # comma, quote, UTF-8 (76)
            "--outdir",
            str(out),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with (out / "rekap.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:5] == ["Nama UPT", "Tahun", "Triwulan", "Jumlah Indikator",
                           "Rata-rata Capaian (%)"]  # fmt: skip
    alpha = next(row for row in rows if row[0] == ALPHA)
    assert alpha[1:5] == ["2026", "II", "5", "104.17"]
    assert len(rows) == 1 + 9  # every input accounted for
    assert Decimal(alpha[11]) == 50


def test_missing_file_and_empty_folder(tmp_path: Path) -> None:
    """A named file that does not exist is a `tidak valid` row; a folder without .xlsx: exit 1."""
    target = tmp_path / "rekap.xlsx"
    result = _rekap(str(MAGELANG_XLSX), str(tmp_path / "hilang.xlsx"), "-o", str(target))
    assert result.exit_code == 1
    rows = _by_name(_rows(load_workbook(target)["Ringkasan"]))
    assert rows["hilang.xlsx"][0][12] == "tidak valid"
    masalah = _rows(load_workbook(target)["Masalah"])
    assert [r[4] for r in masalah if r[0].endswith("hilang.xlsx")] == ["berkas tidak ditemukan"]
    empty = tmp_path / "kosong"
    empty.mkdir()
    result = _rekap(str(empty), "-o", str(tmp_path / "r2.xlsx"))
    assert result.exit_code == 1
    assert f"tidak ada workbook (.xlsx, .ods, .xls) di {empty}" in result.output
    assert not (tmp_path / "r2.xlsx").exists()


def test_units_with_their_own_bands() -> None:
    """A unit's own predikat bands add their labels as Ringkasan columns, coloured by rank."""
    from renaksi_docs.model import Band
    from renaksi_docs.rekap.collect import UnitResult, assemble
    from renaksi_docs.rekap.xlsx import band_colours

    own = (Band(Decimal(90), "Baik Sekali"), Band(Decimal(60), "Baik"), Band(Decimal(0), "Kurang"))
    counts = (("Baik Sekali", 1), ("Baik", 0), ("Kurang", 2))
    units = [
        UnitResult(Path("a.xlsx"), name="A", year=2026, quarter=2, valid=True),
        UnitResult(Path("b.xlsx"), name="B", year=2026, quarter=2, bands=own, counts=counts,
                   valid=True),
    ]  # fmt: skip
    rekap = assemble(units)
    assert rekap.labels == (
        "Sangat Berhasil", "Berhasil", "Cukup Berhasil", "Kurang Berhasil",
        "Baik Sekali", "Baik", "Kurang", "Belum dapat diukur", "Tidak dapat dihitung",
    )  # fmt: skip
    colours = band_colours(rekap)
    assert colours["Baik Sekali"] == colours["Sangat Berhasil"]  # the highest band: green
    assert colours["Kurang"] == colours["Kurang Berhasil"]  # the lowest band: red


def test_capaian_and_predikat_are_the_measurement(tmp_path: Path) -> None:
    """The Sukamaju sample's rows carry exactly what measure() gives the Pengukuran report."""
    from renaksi_docs.formulas import round2
    from renaksi_docs.measure import measure

    plan = read_plan(CONTOH_XLSX).plan
    assert plan is not None
    measurement = measure(plan)
    target = tmp_path / "rekap.xlsx"
    _rekap(str(CONTOH_XLSX), "-o", str(target))
    rows = _rows(load_workbook(target)["Indikator"])[1:]
    assert len(rows) == len(measurement.indicators)
    for row, measured in zip(rows, measurement.indicators, strict=True):
        capaian = measured.capaian
        expected = round2(capaian, plan.unit.rounding) if isinstance(capaian, Decimal) else None
        assert (row[3], row[12], row[13]) == (
            measured.indicator.code,
            row[12] if expected is None else float(expected),
            measured.predikat,
        )
        assert (row[12] is None or row[12] == "-") == (expected is None)


def test_control_characters_in_file_names_and_daftar(tmp_path: Path) -> None:
    """A file name or daftar line with a control character is shown with U+FFFD, no crash."""
    units = tmp_path / "masuk"
    units.mkdir()
    (units / "rusak\x01.xlsx").write_text("bukan workbook")
    write_workbook(units / "alpha\x02.xlsx", ALPHA_CONTENT)
    daftar = tmp_path / "daftar.txt"
    daftar.write_text("Rutan\x07 Zeta\n", encoding="utf-8")
    target = tmp_path / "rekap.xlsx"
    result = _rekap(str(units), "-o", str(target), "--daftar", str(daftar))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # no traceback
    rows = _rows(load_workbook(target)["Ringkasan"])
    assert [(r[0], r[12]) for r in rows[1:]] == [
        (ALPHA, "valid"),
        ("rusak\ufffd.xlsx", "tidak valid"),
        ("Rutan\ufffd Zeta", "belum mengirim"),
    ]
    assert rows[1][14].endswith("alpha\ufffd.xlsx")
