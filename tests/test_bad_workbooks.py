"""validate across several problems at once, warnings, and the Indonesian forms it accepts.

The named bad-input corpus (one case, one exact message) is tests/test_corpus.py.
Rows of the Magelang sample: Indikator 2..8 = IK-1..IK-7; Triwulan 2..29 = IK-1 TW I..IV, …
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
