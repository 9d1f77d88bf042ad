"""Shared helpers: the sample workbooks, and bad workbooks made by editing a good one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from renaksi_docs.contoh import MAGELANG
from renaksi_docs.model import (
    Accumulation,
    Indicator,
    Kind,
    PaperSize,
    Plan,
    Polarity,
    QuarterFigures,
    Rounding,
    Unit,
)
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


def make_indicator(
    kind: Kind = Kind.PERSENTASE,
    target: str = "80",
    polarity: Polarity = Polarity.MAKSIMAL,
    accumulation: Accumulation = Accumulation.KUMULATIF,
    nilai_dasar: str | None = None,
    quarters: Mapping[int, Mapping[str, object]] | None = None,
    **fields: object,
) -> Indicator:
    """The one factory of test indicators: a persentase indicator unless told otherwise;
    `quarters` maps 1..4 to QuarterFigures fields; any other Indicator field by keyword."""
    figures = tuple(QuarterFigures(k, **dict((quarters or {}).get(k, {}))) for k in (1, 2, 3, 4))
    indicator = Indicator(
        code="X",
        sasaran="S",
        name="N",
        target=Decimal(target),
        satuan="%",
        kind=kind,
        polarity=polarity,
        accumulation=accumulation,
        pembilang="a",
        penyebut="b",
        nilai_dasar=None if nilai_dasar is None else Decimal(nilai_dasar),
        rumus="",
        kegiatan="K",
        rencana_kegiatan="",
        data="",
        keterangan=(),
        quarters=figures,  # type: ignore[arg-type]
    )
    return replace(indicator, **fields)  # type: ignore[arg-type]


def make_plan(*indicators: Indicator, triwulan: int | None = 2, **unit: object) -> Plan:
    """A plan of `indicators` for an invented unit; Unit fields by keyword."""
    base = Unit(
        nama="Lapas Uji",
        tahun=2026,
        kota="Uji",
        tanggal=dt.date(2026, 7, 6),
        jabatan="",
        penandatangan="Penanda Tangan",
        nip="",
        triwulan=triwulan,
        paper=PaperSize.A4,
        rounding=Rounding.BULAT,
        logo=None,
    )
    return Plan(replace(base, **unit), indicators)  # type: ignore[arg-type]
