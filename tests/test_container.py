"""The Petunjuk sheet reaches openpyxl emptied, every other part as it is in the file."""

from __future__ import annotations

import zipfile
from pathlib import Path

from renaksi_docs.workbook.container import EMPTY_SHEET, with_sheet_emptied
from renaksi_docs.workbook.reader import read_plan

from .conftest import MAGELANG_XLSX, make_workbook


def test_only_the_named_sheet_is_emptied() -> None:
    """The copy holds every part of the file; only Petunjuk's worksheet part is empty."""
    copy = with_sheet_emptied(MAGELANG_XLSX, lambda name: name == "Petunjuk")
    assert copy is not None
    with zipfile.ZipFile(MAGELANG_XLSX) as original, zipfile.ZipFile(copy) as emptied:
        assert original.namelist() == emptied.namelist()
        changed = [n for n in original.namelist() if original.read(n) != emptied.read(n)]
    assert len(changed) == 1 and changed[0].startswith("xl/worksheets/")
    with zipfile.ZipFile(copy) as emptied:
        assert emptied.read(changed[0]) == EMPTY_SHEET


def test_a_workbook_without_the_sheet_is_read_as_it_is() -> None:
    """No such sheet: nothing is copied."""
    assert with_sheet_emptied(MAGELANG_XLSX, lambda name: name == "Tidak Ada") is None


def test_whatever_petunjuk_holds_is_not_read(tmp_path: Path) -> None:
    """A Petunjuk full of merged cells and formulas changes nothing the reader reports; its name
    is still listed when another sheet is missing."""

    def scribble(book: object) -> None:
        sheet = book["Petunjuk"]  # type: ignore[index]
        for row in range(1, 2000):
            sheet.cell(row, 1, "=1/0")
        sheet.merge_cells("A1:D5")
        del book["Triwulan"]  # type: ignore[attr-defined]

    reading = read_plan(make_workbook(tmp_path, scribble))
    first = next(str(p) for p in reading.errors)
    assert first.startswith('lembar "Triwulan" tidak ada (yang ada: Petunjuk,')
    assert not any(p.sheet == "Petunjuk" for p in reading.problems)
