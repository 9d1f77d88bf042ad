"""Small bad workbooks: each one names the exact Sheet!Cell of its problem and exits 1.

Each case edits a copy of the Magelang sample (rows: Indikator 2..8 = IK-1..IK-7;
Triwulan 2..29 = IK-1 TW I..IV, IK-2 TW I..IV, …; Identitas B2..B12 in schema order).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from renaksi_docs.cli import main


def _set(sheet: str, cell: str, value: object) -> Callable[[Workbook], None]:
    def edit(book: Workbook) -> None:
        book[sheet][cell] = value

    return edit


def _many(*edits: Callable[[Workbook], None]) -> Callable[[Workbook], None]:
    def edit(book: Workbook) -> None:
        for one in edits:
            one(book)

    return edit


def _merge(book: Workbook) -> None:
    book["Indikator"].merge_cells("B2:B3")


def _drop_triwulan(book: Workbook) -> None:
    del book["Triwulan"]


def _percent_target(book: Workbook) -> None:
    book["Indikator"]["D2"] = -0.05
    book["Indikator"]["D2"].number_format = "0%"


CASES: list[tuple[str, Callable[[Workbook], None], str, str]] = [
    ("target-word", _set("Indikator", "D2", "tiga"), "Indikator!D2", "bukan angka"),
    ("target-bad-grouping", _set("Indikator", "D2", "3.5.2"), "Indikator!D2", "bukan angka"),
    ("target-negative", _set("Indikator", "D2", -5), "Indikator!D2", "negatif"),
    ("target-negative-percent-cell", _percent_target, "Indikator!D2", "negatif"),
    ("target-missing", _set("Indikator", "D4", None), "Indikator!D4", "Target harus diisi"),
    ("indicator-name-missing", _set("Indikator", "C3", None), "Indikator!C3", "harus diisi"),
    ("sasaran-missing", _set("Indikator", "B5", "  "), "Indikator!B5", "harus diisi"),
    ("kegiatan-missing", _set("Indikator", "M8", None), "Indikator!M8", "Kegiatan harus diisi"),
    ("kode-missing", _set("Indikator", "A2", None), "Indikator!A2", "Kode harus diisi"),
    ("kode-duplicate", _set("Indikator", "A3", "IK-1"), "Indikator!A3", "sudah dipakai"),
    (
        "jenis-rumus-unknown",
        _set("Indikator", "F2", "persen"),
        "Indikator!F2",
        'Maksudnya "persentase"',
    ),
    ("jenis-rumus-missing", _set("Indikator", "F2", None), "Indikator!F2", "harus diisi"),
    ("akumulasi-unknown", _set("Indikator", "H2", "bulanan"), "Indikator!H2", "tidak dikenal"),
    (
        "polaritas-unknown",
        _set("Indikator", "G2", "maximal"),
        "Indikator!G2",
        'Maksudnya "maksimal"',
    ),
    (
        "pembilang-wording-missing",
        _set("Indikator", "I2", None),
        "Indikator!I2",
        "Pembilang harus diisi",
    ),
    (
        "pertumbuhan-without-nilai-dasar",
        _set("Indikator", "K6", None),
        "Indikator!K6",
        "Nilai Dasar harus diisi",
    ),
    ("pertumbuhan-nilai-dasar-zero", _set("Indikator", "K6", 0), "Indikator!K6", "lebih dari 0"),
    ("header-misspelled", _set("Indikator", "D1", "Tagret"), "Indikator!D1", 'Maksudnya "Target"'),
    ("merged-cells", _merge, "Indikator!B2:B3", "Unmerge"),
    (
        "triwulan-unknown-kode",
        _set("Triwulan", "A2", "IK-9"),
        "Triwulan!A2",
        "tidak ada di lembar Indikator",
    ),
    ("triwulan-duplicate", _set("Triwulan", "B3", "I"), "Triwulan!B3", "sudah diisi"),
    ("triwulan-fifth-quarter", _set("Triwulan", "B2", "V"), "Triwulan!B2", "tidak dikenal"),
    ("triwulan-tw5", _set("Triwulan", "B2", "TW5"), "Triwulan!B2", "tidak dikenal"),
    ("pagu-negative", _set("Triwulan", "C2", -1000), "Triwulan!C2", "negatif"),
    ("pagu-fraction", _set("Triwulan", "C2", 1250000.5), "Triwulan!C2", "bilangan bulat"),
    ("realisasi-word", _set("Triwulan", "E2", "satu juta"), "Triwulan!E2", "bukan angka"),
    (
        "pembilang-above-penyebut",
        _many(_set("Triwulan", "F2", 5), _set("Triwulan", "G2", 3)),
        "Triwulan!F2",
        "lebih besar dari Penyebut",
    ),
    ("penyebut-missing", _set("Triwulan", "F2", 5), "Triwulan!G2", "Penyebut harus diisi"),
    ("pembilang-word", _set("Triwulan", "F2", "tiga"), "Triwulan!F2", "bukan angka"),
    ("nama-upt-missing", _set("Identitas", "B2", None), "Identitas!B2", "Nama UPT harus diisi"),
    ("tahun-word", _set("Identitas", "B3", "dua ribu"), "Identitas!B3", "bukan angka"),
    (
        "tanggal-impossible",
        _set("Identitas", "B5", "31 Juni 2026"),
        "Identitas!B5",
        "tidak ada di kalender",
    ),
    ("tanggal-word", _set("Identitas", "B5", "besok"), "Identitas!B5", "bukan tanggal"),
    ("penandatangan-missing", _set("Identitas", "B7", None), "Identitas!B7", "harus diisi"),
    ("nip-as-number", _set("Identitas", "B8", 197001011990031001), "Identitas!B8", "sebagai teks"),
    ("nip-too-short", _set("Identitas", "B8", "1970 0101"), "Identitas!B8", "18 angka"),
    ("kertas-unknown", _set("Identitas", "B10", "A5"), "Identitas!B10", "A4, F4"),
    ("pembulatan-unknown", _set("Identitas", "B11", "ke atas"), "Identitas!B11", "bulat"),
    ("logo-missing-file", _set("Identitas", "B12", "logo.png"), "Identitas!B12", "tidak ditemukan"),
]


@pytest.mark.parametrize(
    ("edit", "where", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_workbook_names_the_cell(
    workbook: Callable[..., Path], edit: Callable[[Workbook], None], where: str, fragment: str
) -> None:
    """validate prints 'Sheet!Cell: …' with the fix and exits 1."""
    path = workbook(edit)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert any(line.startswith(f"{where}: ") and fragment in line for line in lines), result.output
    assert "Traceback" not in result.output


def test_missing_sheet(workbook: Callable[..., Path]) -> None:
    """A workbook without the Triwulan sheet says which sheet to add."""
    result = CliRunner().invoke(main, ["validate", str(workbook(_drop_triwulan))])
    assert result.exit_code == 1
    assert 'lembar "Triwulan" tidak ada' in result.output


def test_all_problems_are_reported_at_once(workbook: Callable[..., Path]) -> None:
    """Three independent mistakes give three messages in one run."""
    edit = _many(
        _set("Indikator", "D2", "tiga"),
        _set("Triwulan", "C2", -1),
        _set("Identitas", "B5", "31 Juni 2026"),
    )
    result = CliRunner().invoke(main, ["validate", str(workbook(edit))])
    assert result.exit_code == 1
    for where in ("Indikator!D2:", "Triwulan!C2:", "Identitas!B5:"):
        assert where in result.output


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (_many(_set("Triwulan", "C2", 100), _set("Triwulan", "E2", 200)), "Triwulan!E2"),
        (_many(_set("Triwulan", "F2", 0), _set("Triwulan", "G2", 0)), "Triwulan!G2"),
    ],
    ids=["realisasi-above-pagu", "penyebut-zero"],
)
def test_warnings_do_not_fail(
    workbook: Callable[..., Path], edit: Callable[[Workbook], None], where: str
) -> None:
    """Warnings are printed with their cell and validate still exits 0."""
    result = CliRunner().invoke(main, ["validate", str(workbook(edit))])
    assert result.exit_code == 0, result.output
    assert f"{where}: peringatan:" in result.output


@pytest.mark.parametrize(
    ("cell", "value"),
    [("D2", "5%"), ("D2", 0.05), ("D2", "3,52"), ("K6", "4")],
    ids=["percent-text", "percent-cell", "comma-decimal", "number-as-text"],
)
def test_indonesian_forms_are_accepted(
    workbook: Callable[..., Path], cell: str, value: object
) -> None:
    """'5%', a percent-formatted 0.05, '3,52' and numbers typed as text are valid."""

    def edit(book: Workbook) -> None:
        book["Indikator"][cell] = value
        if value == 0.05:
            book["Indikator"][cell].number_format = "0%"

    result = CliRunner().invoke(main, ["validate", str(workbook(edit))])
    assert result.exit_code == 0, result.output


def test_money_text_with_thousand_dots_is_accepted(workbook: Callable[..., Path]) -> None:
    """Pagu typed as '1.250.000' is read as 1250000."""
    from renaksi_docs.reader import read_plan

    path = workbook(_set("Triwulan", "C2", "1.250.000"))
    plan = read_plan(path).plan
    assert plan is not None and plan.indicators[0].quarters[0].pagu == 1_250_000


def test_excel_date_and_text_dates(workbook: Callable[..., Path]) -> None:
    """Tanggal as an Excel date and as '22/06/2026' give the same date."""
    from renaksi_docs.reader import read_plan

    for value in (dt.datetime(2026, 6, 22), "22/06/2026", "2026-06-22", "22 Juni 2026"):
        plan = read_plan(workbook(_set("Identitas", "B5", value))).plan
        assert plan is not None and plan.unit.tanggal == dt.date(2026, 6, 22)
