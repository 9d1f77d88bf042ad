"""Shared helpers: the sample workbooks, bad workbooks made by editing a good one, the one
factory of test Indicators, and the costly inputs built once per test run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from renaksi_docs.model import (
    QUARTERS,
    Accumulation,
    Indicator,
    Kind,
    Level,
    PaperSize,
    Plan,
    Polarity,
    QuarterFigures,
    Range,
    Rounding,
    Unit,
)
from renaksi_docs.workbook.samples import MAGELANG
from renaksi_docs.workbook.standard import WorkbookContent, build_workbook

from . import hostile

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
    *,
    target: Decimal | int | str | Range | Level = 80,
    polarity: Polarity = Polarity.MAKSIMAL,
    accumulation: Accumulation = Accumulation.KUMULATIF,
    nilai_dasar: Decimal | int | str | None = None,
    quarters: Mapping[int, Mapping[str, Any]] | None = None,
    **fields: Any,
) -> Indicator:
    """A test Indicator: the given settings, quarter k's figures from quarters[k], the rest
    plain placeholders (any other Indicator field may be given by name)."""
    figures = [QuarterFigures(k, **(quarters or {}).get(k, {})) for k in QUARTERS]
    placeholders: dict[str, Any] = {
        "code": "X",
        "sasaran": "S",
        "name": "N",
        "satuan": "%",
        "pembilang": "a",
        "penyebut": "b",
        "rumus": "",
        "kegiatan": "K",
        "rencana_kegiatan": "",
        "data": "",
        "keterangan": (),
    }
    return Indicator(
        target=target if isinstance(target, (Range, Level)) else Decimal(target),
        kind=kind,
        polarity=polarity,
        accumulation=accumulation,
        nilai_dasar=None if nilai_dasar is None else Decimal(nilai_dasar),
        quarters=(figures[0], figures[1], figures[2], figures[3]),
        **{**placeholders, **fields},
    )


def make_plan(*indicators: Indicator, quarter: int | None = 2, **unit: Any) -> Plan:
    """A plan of `indicators` for an invented unit; any Unit field by name."""
    base = Unit(
        name="Lapas Uji",
        year=2026,
        city="Uji",
        date=dt.date(2026, 7, 6),
        position="",
        signer="Penanda Tangan",
        nip="",
        quarter=quarter,
        paper=PaperSize.A4,
        rounding=Rounding.BULAT,
        logo=None,
    )
    return Plan(replace(base, **unit), indicators)


class HeavyFiles:
    """Inputs too costly to build per test (a 1 GiB zip bomb, 5,000 formatted rows): each is
    made on first use and shared by the whole test run. Tests copy them, never change them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @cached_property
    def zip_bomb(self) -> Path:
        """The Magelang sample plus a part that inflates to 1 GiB of zeros."""
        return hostile.zip_bomb(self.folder / "bom.xlsx", 1.0)

    @cached_property
    def formatted_tail(self) -> bytes:
        """The Magelang sample with 5,000 empty but formatted rows below the Triwulan data."""
        return hostile.xlsx_bytes(hostile.formatted_tail)


@pytest.fixture(scope="session")
def heavy(tmp_path_factory: pytest.TempPathFactory) -> HeavyFiles:
    """The costly inputs of this test run (see HeavyFiles)."""
    return HeavyFiles(tmp_path_factory.mktemp("heavy"))
