"""Beyond the corpus: several problems in one run, the value each accepted form is read as,
and our own bugs (or a changed openpyxl) surfacing as bugs, not as "your file is broken".

The named bad-input corpus (one case, one exact message) is tests/test_corpus.py.
Rows of the Magelang sample: Indikator 2..8 = IK-1..IK-7; Triwulan 2..29 = IK-1 TW I..IV, …
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from openpyxl.reader.excel import ExcelReader

from renaksi_docs.cli import main
from renaksi_docs.model import Plan
from renaksi_docs.workbook.reader import read_plan

from .conftest import MAGELANG_XLSX


def _set(
    sheet: str, cell: str, value: object, fmt: str | None = None
) -> Callable[[Workbook], None]:
    def edit(book: Workbook) -> None:
        book[sheet][cell] = value
        if fmt is not None:
            book[sheet][cell].number_format = fmt

    return edit


def _many(*edits: Callable[[Workbook], None]) -> Callable[[Workbook], None]:
    def edit(book: Workbook) -> None:
        for one in edits:
            one(book)

    return edit


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


def test_problems_that_waited_for_a_later_round_come_at_once(
    workbook: Callable[..., Path],
) -> None:
    """An empty required Identitas cell no longer hides the Penanda TTE found in printed text
    nor an empty Predikat sheet: all three come in one run."""
    edit = _many(
        _set("Identitas", "B2", None),
        _set("Identitas", "B13", "elektronik"),
        _set("Indikator", "C2", "Persentase # Tahanan"),
        lambda book: book["Predikat"].delete_rows(2, 4),
    )
    result = CliRunner().invoke(main, ["validate", str(workbook(edit))])
    assert result.exit_code == 1
    assert "Identitas!B2: Nama UPT harus diisi" in result.output
    assert 'Indikator!C2: teks sel ini memuat "#"' in result.output
    assert "Predikat: belum ada predikat" in result.output


def _target(plan: Plan) -> Decimal:
    return plan.indicators[0].target


def _nilai_dasar(plan: Plan) -> Decimal | None:
    return plan.indicators[4].nilai_dasar


def _pagu(plan: Plan) -> int:
    return plan.indicators[0].quarters[0].pagu


def _tanggal(plan: Plan) -> dt.date:
    return plan.unit.date


@pytest.mark.parametrize(
    ("edit", "read", "expected"),
    [
        (_set("Indikator", "D2", "5%"), _target, Decimal(5)),
        (_set("Indikator", "D2", 0.05, "0%"), _target, Decimal(5)),
        (_set("Indikator", "D2", "3,52"), _target, Decimal("3.52")),
        (_set("Indikator", "K6", "4"), _nilai_dasar, Decimal(4)),
        (_set("Triwulan", "C2", "1.250.000"), _pagu, 1_250_000),
        (_set("Identitas", "B5", dt.datetime(2026, 6, 22)), _tanggal, dt.date(2026, 6, 22)),
        (_set("Identitas", "B5", "22/06/2026"), _tanggal, dt.date(2026, 6, 22)),
        (_set("Identitas", "B5", "2026-06-22"), _tanggal, dt.date(2026, 6, 22)),
        (_set("Identitas", "B5", "22 Juni 2026"), _tanggal, dt.date(2026, 6, 22)),
    ],
    ids=[
        "percent-text",
        "percent-cell",
        "comma-decimal",
        "number-as-text",
        "money-thousand-dots",
        "excel-date",
        "date-slashes",
        "date-iso",
        "date-words",
    ],
)
def test_accepted_forms_are_read_as_meant(
    workbook: Callable[..., Path],
    edit: Callable[[Workbook], None],
    read: Callable[[Plan], object],
    expected: object,
) -> None:
    """Each Indonesian form a clerk may type is read as the value it means, not just accepted."""
    reading = read_plan(workbook(edit))
    assert reading.plan is not None, reading.errors
    assert read(reading.plan) == expected


def test_changed_openpyxl_is_a_bug_not_a_broken_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """An openpyxl whose internals changed (here: a parser method gone) shows its traceback;
    the clerk's valid workbook is never reported as unreadable."""

    def read_worksheets(self: ExcelReader) -> None:
        raise AttributeError("'WorkbookParser' object has no attribute 'find_sheets'")

    monkeypatch.setattr(ExcelReader, "read_worksheets", read_worksheets)
    with pytest.raises(AttributeError, match="find_sheets"):
        read_plan(MAGELANG_XLSX)
    result = CliRunner().invoke(main, ["validate", str(MAGELANG_XLSX)])
    assert isinstance(result.exception, AttributeError)
    assert "tidak dapat dibaca" not in result.output


def test_bug_after_loading_is_not_a_broken_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """A KeyError raised while reading the loaded sheets (a bug of ours) propagates as itself,
    although KeyError is among what the loading call turns into "not a workbook". (The bug is
    put into the model's Unit, which the reader builds from the loaded Identitas sheet.)"""
    from renaksi_docs.workbook import reader

    def unit(**fields: object) -> None:
        raise KeyError("bug")

    monkeypatch.setattr(reader, "Unit", unit)
    with pytest.raises(KeyError, match="bug"):
        read_plan(MAGELANG_XLSX)
