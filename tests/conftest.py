"""Shared helpers: the sample workbooks, and bad workbooks made by editing a good one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from renaksi_docs.contoh import MAGELANG
from renaksi_docs.standard import WorkbookContent, build_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
MAGELANG_XLSX = SAMPLES / "bapas-magelang-2026.xlsx"
CONTOH_XLSX = SAMPLES / "contoh-triwulan.xlsx"

Edit = Callable[[Workbook], object]


def make_workbook(
    folder: Path,
    edit: Edit | None = None,
    content: WorkbookContent = MAGELANG,
    name: str = "uji.xlsx",
) -> Path:
    """Write `content` as a standard workbook to folder/name after applying `edit` to it."""
    book = build_workbook(content)
    if edit is not None:
        edit(book)
    path = folder / name
    book.save(path)
    return path


@pytest.fixture
def workbook(tmp_path: Path) -> Callable[..., Path]:
    """Factory: workbook(edit) → path of an edited copy of the Magelang sample."""

    def factory(
        edit: Edit | None = None, content: WorkbookContent = MAGELANG, name: str = "uji.xlsx"
    ) -> Path:
        return make_workbook(tmp_path, edit, content, name)

    return factory
