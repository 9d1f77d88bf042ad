"""Workbook → `Plan`, with every problem collected (docs/workbook.md).

The only module that reads workbooks with openpyxl; nothing openpyxl leaves it. The file is
first checked as a container (`container.py`) so that openpyxl only ever sees a plausible,
bounded package. What each column holds, whether it is required and whether it may be
negative comes from `schema`; this module finds the cells, parses each with its column's
parser, applies those declared rules, and adds the rules that tie several fields together.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar, cast
from xml.etree.ElementTree import ParseError

from lxml.etree import XMLSyntaxError
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import Problem, Severity, describe_os_error
from ..model import (
    BUILTIN_SCALES,
    DEFAULT_BANDS,
    QUARTERS,
    ROMAN,
    Accumulation,
    Band,
    Indicator,
    Kind,
    Level,
    Plan,
    QuarterFigures,
    Range,
    Scale,
    Signing,
    Target,
    Unit,
)
from . import schema
from .cells import Raw, did_you_mean, normalise, shown, thousands_reading
from .container import (
    ContainerRefused,
    Filled,
    check_cell_counts,
    check_container,
    with_sheet_emptied,
)
from .images import IMAGE_SUFFIXES, BesideWorkbook, ImageRefused, Images, check_image
from .schema import Column

T = TypeVar("T")

HEADER_SEARCH_ROWS = 10
FAR_GAP = 1000
"""More empty rows than this, and a filled row is no longer part of the table above it (typed
after Ctrl+Down): reported with its address and not read."""

_LIBRARY_REFUSALS = (
    InvalidFileException,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    ParseError,
    XMLSyntaxError,
    EOFError,
)
"""What openpyxl raises for a damaged package (defusedxml's refusals are ValueErrors too;
openpyxl parses with lxml, which python-docx brings, else with the standard library).
AttributeError is not among them: it means openpyxl changed under us, a bug to see."""


@dataclass(frozen=True)
class Reading:
    """What reading a workbook gave: the plan (None when there are errors) and all problems."""

    path: Path
    plan: Plan | None
    problems: tuple[Problem, ...]
    date: dt.date | None = None
    """The signing date as read (also when other cells have errors), for `validate` to show."""
    name: str | None = None
    """Identitas Nama UPT as read, also when the workbook has errors (for the rekap)."""
    year: int | None = None
    """Identitas Tahun as read, also when the workbook has errors (for the rekap)."""
    agreement: tuple[Problem, ...] = ()
    """Errors that stop only the Perjanjian Kinerja (its Identitas rows, its superior's
    Penanda TTE; docs/perjanjian.md): the other documents are made as if they were absent."""
    agreement_given: bool = False
    """Some row of the Perjanjian Kinerja (Nama Atasan, …) is filled in."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that stop a build."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that are printed while the build goes on."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def reported(self) -> tuple[Problem, ...]:
        """What `validate` shows: every problem, then, once some row of the Perjanjian Kinerja
        is filled in, that document's own errors as warnings (they stop it only;
        docs/perjanjian.md). A workbook that sets up no Perjanjian hears nothing of it."""
        if not self.agreement_given:
            return self.problems
        return self.problems + tuple(
            replace(p, severity=Severity.WARNING, message=p.message + AGREEMENT_ONLY)
            for p in self.agreement
        )


AGREEMENT_ONLY = f"; hanya {schema.PERJANJIAN} yang tertahan, dokumen lain tetap dapat dibuat"
"""Appended by `validate` to a problem that stops only the Perjanjian Kinerja."""


def _load(path: Path, data_only: bool) -> Workbook:
    """openpyxl's `load_workbook`; a damaged package becomes ContainerRefused.

    The only call guarded by the "not a workbook" message: an error anywhere else is ours.
    Every sheet the reader does not read (schema.READ_SHEETS) — our Petunjuk, never read back
    yet about a quarter of a standard workbook's load, or a clerk's own sheet of notes — is
    handed to openpyxl emptied, from a copy of the package in memory.
    """
    try:
        emptied = with_sheet_emptied(path, lambda name: not _is_read(name))
        return load_workbook(emptied or path, data_only=data_only)
    except _LIBRARY_REFUSALS as exc:
        raise ContainerRefused(
            f"berkas tidak dapat dibaca sebagai workbook Excel ({type(exc).__name__}); "
            "buka di Excel, periksa isinya, lalu simpan ulang sebagai .xlsx"
        ) from exc
    except OSError as exc:
        raise ContainerRefused(f"berkas tidak dapat dibuka: {describe_os_error(exc)}") from exc


_READ = frozenset(normalise(name) for name in schema.READ_SHEETS)


def _is_read(name: str) -> bool:
    """Whether the reader reads the sheet `name` (names compared as the reader finds them)."""
    return normalise(name) in _READ


def _check_cell_counts(path: Path) -> None:
    """container.check_cell_counts over the read sheets, guarded like _load."""
    try:
        check_cell_counts(path, _is_read)
    except _LIBRARY_REFUSALS as exc:
        raise ContainerRefused(
            f"berkas tidak dapat dibaca sebagai workbook Excel ({type(exc).__name__}); "
            "buka di Excel, periksa isinya, lalu simpan ulang sebagai .xlsx"
        ) from exc


def filled_cells(sheet: Worksheet) -> Filled:
    """Where the loaded `sheet`'s filled cells are (a value, a formula or inline text; a cell
    that is only formatted is not filled), so that the reader visits those only: one stray
    cell at A1048576 costs one cell, not a million empty rows.

    From openpyxl's store of the cells the file holds, `Worksheet._cells` ((row, column) →
    cell): the one internal of openpyxl read here, since its public iteration walks every
    position of the used rectangle and adds a cell at each. Call before anything asks the
    sheet for a cell (asking adds one). tests/test_bounded.py fails if openpyxl changes it."""
    rows: dict[int, list[int]] = {}
    for (row, column), cell in sorted(sheet._cells.items()):
        if cell.value is not None:
            rows.setdefault(row, []).append(column)
    return {row: tuple(columns) for row, columns in rows.items()}


def read_plan(path: Path, images: Images | None = None) -> Reading:
    """Read the workbook at `path` into a Plan, or say everything that is wrong with it.

    `images` finds the Logo and Gambar Tanda Tangan files (workbook/images.py); by default
    they are beside the workbook or absolute (the command line)."""
    path = Path(path)
    try:
        try:
            check_container(path)
        except OSError as exc:
            raise ContainerRefused(f"berkas tidak dapat dibuka: {describe_os_error(exc)}") from exc
        _check_cell_counts(path)  # first: a sheet of too many cells is refused unparsed
        book = _load(path, data_only=False)
        filled = {ws.title: filled_cells(ws) for ws in book.worksheets if _is_read(ws.title)}
        found = images if images is not None else BesideWorkbook(path.parent)
        reader = _Reader(path, book, filled, found)
        plan = reader.read()
    except ContainerRefused as exc:
        return Reading(path, None, (Problem(Severity.ERROR, str(exc)),))
    problems = tuple(reader.problems)
    if any(p.severity is Severity.ERROR for p in problems):
        plan = None
    agreement = tuple(reader.agreement)
    return Reading(
        path,
        plan,
        problems,
        reader.date,
        reader.name,
        reader.year,
        agreement,
        reader.agreement_given,
    )


@dataclass
class _Table:
    """A table sheet: its header row and which column each declared field is in."""

    sheet: Worksheet
    header_row: int
    columns: dict[str, int] = field(default_factory=dict)
    """Column header → 1-based column index."""


@dataclass
class _Row:
    """One table row (or the Identitas sheet) after each cell went through its parser."""

    sheet: Worksheet
    cells: dict[str, Cell]
    """Column header → the cell, for the columns the sheet has."""
    values: dict[str, object] = field(default_factory=dict)
    """Column header → parsed value; absent when the cell is empty or was refused."""
    refused: set[str] = field(default_factory=set)
    """Headers whose cell gave an error."""
    raws: dict[str, Raw] = field(default_factory=dict)
    """Column header → the cell content its value was parsed from."""
    failed: bool = False
    """Some error was reported for this row."""

    def get(self, column: Column[T]) -> T | None:
        """The column's value, or None when empty, refused or absent."""
        return cast("T | None", self.values.get(column.header))

    def value(self, column: Column[T], kind: Kind | None = None) -> T | None:
        """The column's value, or its declared default for a row of Jenis Rumus `kind`."""
        value = self.get(column)
        return column.default_for(kind) if value is None else value

    def fields(self, columns: Sequence[Column[Any]], kind: Kind | None = None) -> dict[str, Any]:
        """Record attribute → value (or default) of every declared column: a record's fields."""
        return {column.attr: self.value(column, kind) for column in columns}

    def where(self, column: Column[Any]) -> str | None:
        """The column's cell address, or None when the sheet lacks the column."""
        cell = self.cells.get(column.header)
        return cell.coordinate if cell is not None else None

    def drop(self, column: Column[Any]) -> None:
        """Forget a value that a rule refused."""
        self.values.pop(column.header, None)
        self.refused.add(column.header)
        self.failed = True


class _FormulaFailed(Exception):
    """A cell holds a spreadsheet error value (#VALUE!, #DIV/0!, …): its formula failed."""


class _Reader:
    """One pass over one workbook; collects problems in `self.problems`."""

    def __init__(
        self, path: Path, workbook: Workbook, filled: dict[str, Filled], images: Images
    ) -> None:
        self.path = path
        self.workbook = workbook
        self.filled = filled
        """Sheet name → row → columns of its filled cells: the only cells visited."""
        self.images = images
        self.problems: list[Problem] = []
        self._cached_book: Workbook | None = None
        self.uncached: set[tuple[str, str]] = set()
        """(sheet, cell) of formula cells whose value Excel never stored."""
        self._missing: set[tuple[str, str]] = set()
        self.baseline_cells: dict[str, tuple[Worksheet, str]] = {}
        """Kode → the empty Nilai Dasar of a pertumbuhan indicator (its cell, or its row)."""
        self.printed: list[tuple[Worksheet, str, str, Column[Any]]] = []
        """(sheet, cell, text, column) of every text the documents print, for the Penanda TTE
        checks."""
        self.tag_cell: str | None = None
        """Where Identitas gives the Penanda TTE, when it does."""
        self.tte_tag: str | None = None
        """The Penanda TTE when Identitas asks for an electronic signature (also when other
        Identitas cells have errors, so that its check is not left for a later round)."""
        self.superior_tag: tuple[str, str] | None = None
        """The Penanda TTE Atasan and where it comes from ('Identitas!B20' or 'bawaan $'),
        when the signature is electronic."""
        self.agreement: list[Problem] = []
        """Errors that stop only the Perjanjian Kinerja (Reading.agreement)."""
        self.agreement_given = False
        """Reading.agreement_given."""
        self.date: dt.date | None = None
        """Identitas Tanggal as read."""
        self.name: str | None = None
        self.year: int | None = None
        """Identitas Nama UPT and Tahun as read."""
        self.units: dict[str, tuple[str, bool]] = {}
        """Kode → Satuan (given or by default), and whether its values count things."""
        self.scales: dict[str, Scale] = {}
        """The Skala sheet's scales by normalised name (the built-in ones without the sheet)."""
        self.read_indicators_by_code: dict[str, Indicator] = {}
        """Kode → the indicator as read (without quarters), for the Triwulan rules."""
        self.empty_tables: dict[str, bool] = {}
        """Sheet title → whether its table, found, has no data row (reported with the rest)."""

    # -- problems --------------------------------------------------------------------------
    def error(self, sheet: Worksheet | None, cell: str | None, message: str) -> None:
        self.problems.append(Problem(Severity.ERROR, message, sheet.title if sheet else None, cell))

    def row_error(self, row: _Row, cell: str | None, message: str) -> None:
        self.error(row.sheet, cell, message)
        row.failed = True

    def warn(self, sheet: Worksheet | None, cell: str | None, message: str) -> None:
        self.problems.append(
            Problem(Severity.WARNING, message, sheet.title if sheet else None, cell)
        )

    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    # -- cells -----------------------------------------------------------------------------
    def raw(self, sheet: Worksheet, cell: Cell) -> Raw | None:
        """The cell's content for a parser; None when empty or a formula Excel never computed."""
        value, data_type = cell.value, cell.data_type
        if data_type == "f":
            if self._cached_book is None:
                self._cached_book = _load(self.path, data_only=True)
            cached = self._cached_book[sheet.title][cell.coordinate]
            value, data_type = cached.value, cached.data_type
            if value is None:
                self.uncached.add((sheet.title, cell.coordinate))
                self.warn(
                    sheet,
                    cell.coordinate,
                    "rumus Excel di sel ini belum pernah dihitung (berkas belum disimpan oleh "
                    "Excel), jadi nilainya dianggap kosong; buka berkas di Excel lalu simpan, "
                    "atau ketik angkanya langsung",
                )
                return None
        if data_type == "e":
            raise _FormulaFailed(f"rumus di sel ini menghasilkan galat {value}; perbaiki rumusnya")
        if _blank(value):
            return None
        return Raw(value, cell.number_format or "General")

    def parse_row(
        self, sheet: Worksheet, cells: dict[str, Cell], columns: Sequence[Column[Any]]
    ) -> _Row:
        """Parse every cell of a row with its column's parser; required values must be there."""
        row = _Row(sheet, cells)
        for column in columns:
            if column.document:
                with self.apart():  # a Perjanjian row stops only it
                    self.parse_cell(row, column)
            else:
                self.parse_cell(row, column)
        return row

    def parse_cell(self, row: _Row, column: Column[Any]) -> None:
        """Parse the row's cell of `column` into `row` (parse_row)."""
        sheet, cells = row.sheet, row.cells
        cell = cells.get(column.header)
        if cell is None:
            row.failed = row.failed or column.required  # the missing column is reported
            return
        try:
            raw = self.raw(sheet, cell)
        except _FormulaFailed as exc:
            row.refused.add(column.header)
            self.row_error(row, cell.coordinate, str(exc))
            return
        if raw is None:
            if column.required:
                self.row_error(row, cell.coordinate, f"{column.header} harus diisi")
            return
        try:
            value = column.parse(raw)
        except ValueError as exc:
            row.refused.add(column.header)
            self.row_error(row, cell.coordinate, f"{column.header}: {exc}")
            return
        row.values[column.header] = value
        row.raws[column.header] = raw
        if column.printed:
            shown_text = "\n".join(value) if isinstance(value, tuple) else str(value)
            self.printed.append((sheet, cell.coordinate, shown_text, column))

    def apply_declared(
        self,
        row: _Row,
        columns: Sequence[Column[Any]],
        kind: Kind | None,
        satuan: str = "",
        counted: bool = False,
    ) -> None:
        """The declared rules that depend on the row's Jenis Rumus (required-for, sign, counted
        values), and the plausibility of money amounts (`counted`: the indicator's values
        count things, docs/indicators.md)."""
        for column in columns:
            self.plausible(row, column, kind, satuan, counted)
        for column in columns:
            if column.header not in row.cells:
                if kind is not None and kind in column.required_for:
                    self.missing_column(row, column, kind)
                continue
            value = row.values.get(column.header)
            if value is None and column.header not in row.refused:
                if kind is not None and kind in column.required_for:
                    self.row_error(row, row.where(column), f"{column.header} harus diisi")
                continue
            if not isinstance(value, Decimal) or value >= 0:
                continue
            if column.signed and kind is None:
                continue  # the Jenis Rumus is itself wrong and reported
            if kind in column.signed_for:
                continue
            message = f"{column.header}: tidak boleh negatif ({shown(value)})"
            if column.signed and kind is not None:
                allowed = ", ".join(sorted(k.value for k in column.signed_for))
                message += f" untuk indikator {kind.value}; angka negatif hanya untuk {allowed}"
            self.error(row.sheet, row.where(column), message)
            row.drop(column)

    def plausible(
        self, row: _Row, column: Column[Any], kind: Kind | None, satuan: str, counted: bool
    ) -> None:
        """Values that regional settings likely misread (docs/workbook.md, "Angka yang
        mencurigakan"): money below 1.000 is an error, a count with thousand-like decimals a
        warning."""
        value = row.values.get(column.header)  # only a cell of the row gives a value
        if value is None or isinstance(value, bool):
            return
        if column.money and isinstance(value, int) and 0 < value < 1000:
            self.row_error(
                row,
                row.where(column),
                f"{column.header} {shown(Decimal(value))}: maksudnya {shown(Decimal(value) * 1000)}"
                "? Jumlah rupiah di bawah 1.000 hampir pasti salah baca (Excel/Calc berbahasa "
                "Inggris menyimpan 950.000 sebagai 950); ketik angkanya tanpa titik, mis. "
                f"{value * 1000}, atau sebagai teks dengan tanda ' di depan",
            )
            row.values.pop(column.header)
        elif (
            kind is not None
            and kind in column.counts_for
            and isinstance(value, Decimal)
            and counted
        ):
            meant = thousands_reading(row.raws[column.header], value)
            if meant is not None:
                unit = f" {satuan}" if kind is Kind.JUMLAH else ""
                self.warn(
                    row.sheet,
                    row.where(column),
                    f"{column.header} {shown(value)}{unit}: maksudnya {shown(meant)}{unit}? "
                    "Excel/Calc berbahasa Inggris membaca titik sebagai tanda desimal; bila "
                    f"maksudnya {shown(meant)}, ketik {int(meant)} tanpa titik",
                )

    def missing_column(self, row: _Row, column: Column[Any], kind: Kind) -> None:
        """A column the sheet lacks that this row's Jenis Rumus needs (reported once)."""
        row.failed = True
        key = (row.sheet.title, column.header)
        if key in self._missing:
            return
        self._missing.add(key)
        self.error(
            row.sheet,
            None,
            f'kolom "{column.header}" tidak ada, padahal indikator {kind.value} memerlukannya; '
            f'tambahkan kolom dengan judul "{column.header}"',
        )

    # -- sheets ----------------------------------------------------------------------------
    def sheet(self, name: str) -> Worksheet | None:
        by_key = {normalise(ws.title): ws for ws in self.workbook.worksheets}
        found = by_key.get(normalise(name))
        if found is None:
            titles = self.workbook.sheetnames
            hint = did_you_mean(name, titles)
            self.error(
                None,
                None,
                f'lembar "{name}" tidak ada (yang ada: {", ".join(titles)}); tambahkan '
                f'lembar "{name}" seperti pada workbook standar (renaksi-docs init).{hint}',
            )
        return found

    def read(self) -> Plan | None:
        identitas = self.sheet(schema.SHEET_IDENTITAS)
        indikator = self.sheet(schema.SHEET_INDIKATOR)
        triwulan = self.sheet(schema.SHEET_TRIWULAN)
        unit = self.read_unit(identitas) if identitas is not None else None
        skala = self.optional_sheet(schema.SHEET_SKALA)
        scales = self.read_scales(skala) if skala is not None else BUILTIN_SCALES
        self.scales = {normalise(scale.name): scale for scale in scales}
        indicators, kinds = self.read_indicators(indikator) if indikator is not None else ([], {})
        quarters = self.read_quarters(triwulan, kinds) if triwulan is not None else {}
        self.check_baselines(quarters)
        predikat = self.optional_sheet(schema.SHEET_PREDIKAT)
        bands = self.read_bands(predikat) if predikat is not None else DEFAULT_BANDS
        if indikator is not None and self.empty_tables.get(indikator.title):
            self.error(
                indikator, None, "belum ada indikator; isi minimal satu baris di bawah judul"
            )
        if self.tte_tag is not None and identitas is not None:
            self.check_tag(identitas, self.tte_tag)
        if self.superior_tag is not None:
            self.check_superior_tag(*self.superior_tag)
        if unit is None or self.has_errors():
            return None
        return Plan(
            unit,
            tuple(
                replace(indicator, quarters=_four(quarters.get(indicator.code, {})))
                for indicator in indicators
            ),
            bands,
        )

    def check_baselines(self, quarters: dict[str, dict[int, QuarterFigures]]) -> None:
        """A pertumbuhan indicator needs Nilai Dasar only when a reported quarter has figures
        but no Nilai (docs/import.md): a plan with no quarter reported yet needs none."""
        for code, (sheet, where) in self.baseline_cells.items():
            needing = [
                ROMAN[q.quarter]
                for q in quarters.get(code, {}).values()
                if q.pembilang is not None and q.nilai is None
            ]
            if needing:
                self.error(
                    sheet,
                    where,
                    f"Nilai Dasar harus diisi (nilai tahun lalu): Triwulan {', '.join(needing)} "
                    f"indikator {code} berisi Pembilang tanpa Nilai, dan pertumbuhannya "
                    "dihitung dari Nilai Dasar",
                )

    def optional_sheet(self, name: str) -> Worksheet | None:
        """The sheet called `name` (case and spacing ignored), or None without a word."""
        key = normalise(name)
        return next((ws for ws in self.workbook.worksheets if normalise(ws.title) == key), None)

    def check_tag(self, identitas: Worksheet, tag: str) -> None:
        """With a TTE, the tag character may occur nowhere else in the printed text."""
        label = f"bawaan {schema.PENANDA_TTE.default}"
        if self.tag_cell is not None:
            label = f"{identitas.title}!{self.tag_cell}"
        for sheet, cell, text, column in self.printed:
            if tag in text:
                with self.apart(bool(column.document)):
                    self.error(
                        sheet,
                        cell,
                        f'teks sel ini memuat "{tag}", karakter Penanda TTE ({label}); BSrE '
                        "menempatkan kode QR tanda tangan pada karakter itu, jadi hapus "
                        "karakter itu dari sel ini atau pilih Penanda TTE lain",
                    )

    def check_superior_tag(self, tag: str, label: str) -> None:
        """The superior's tag may occur in no text the Perjanjian Kinerja prints."""
        for sheet, cell, text, column in self.printed:
            if tag in text and column in schema.PERJANJIAN_PRINTED:
                with self.apart():
                    self.error(
                        sheet,
                        cell,
                        f'teks sel ini memuat "{tag}", karakter Penanda TTE Atasan ({label}) '
                        f"yang dicetak di {schema.PERJANJIAN}; hapus karakter itu dari sel ini "
                        "atau pilih Penanda TTE Atasan lain",
                    )

    @contextmanager
    def apart(self, agreement: bool = True) -> Iterator[None]:
        """Errors reported inside go to `self.agreement` (when `agreement`): they stop only
        the Perjanjian Kinerja. Warnings stay with the others."""
        if not agreement:
            yield
            return
        kept, self.problems = self.problems, []
        try:
            yield
        finally:
            reported, self.problems = self.problems, kept
            for problem in reported:
                errors = problem.severity is Severity.ERROR
                (self.agreement if errors else self.problems).append(problem)

    # -- Identitas -------------------------------------------------------------------------
    def read_unit(self, sheet: Worksheet) -> Unit | None:
        known = {normalise(c.header): c for c in schema.IDENTITAS}
        cells: dict[str, Cell] = {}
        for number, filled in self.filled.get(sheet.title, {}).items():
            if filled[0] != 1:
                continue  # no label in column A
            label_cell, value_cell = sheet.cell(number, 1), sheet.cell(number, 2)
            label = label_cell.value
            if _blank(label) or not isinstance(label, str):
                continue
            column = known.get(normalise(label))
            if column is None:
                hint = did_you_mean(label, [c.header for c in schema.IDENTITAS])
                if hint:
                    self.warn(
                        sheet,
                        label_cell.coordinate,
                        f'isian "{label.strip()}" tidak dikenal dan diabaikan.{hint}',
                    )
                continue
            if column.header in cells:
                self.error(
                    sheet,
                    label_cell.coordinate,
                    f'isian "{column.header}" muncul dua kali (juga di baris '
                    f"{cells[column.header].row}); hapus salah satunya",
                )
                continue
            cells[column.header] = value_cell
        general = [c for c in schema.IDENTITAS if not c.document]
        row = self.parse_row(sheet, cells, schema.IDENTITAS)
        self.apply_declared(row, general, None)
        self.date = row.get(schema.TANGGAL)
        self.name, self.year = row.get(schema.NAMA_UPT), row.get(schema.TAHUN)
        for column in general:
            if column.required and column.header not in cells:
                self.row_error(
                    row,
                    None,
                    f'isian "{column.header}" tidak ada; tambahkan baris dengan '
                    f'"{column.header}" di kolom A dan nilainya di kolom B',
                )
        logo = self.image(row, schema.LOGO, "logo")
        signing = row.value(schema.TANDA_TANGAN)
        signature: Path | None = None
        if signing is Signing.BASAH:
            signature = self.image(row, schema.GAMBAR_TANDA_TANGAN, "gambar tanda tangan")
        elif row.get(schema.GAMBAR_TANDA_TANGAN) is not None:
            self.row_error(
                row,
                row.where(schema.GAMBAR_TANDA_TANGAN),
                "Gambar Tanda Tangan tidak dipakai pada tanda tangan elektronik (BSrE "
                "menempatkan kode QR di ruang tanda tangan); kosongkan sel ini atau pilih "
                "Tanda Tangan basah",
            )
        if row.get(schema.PENANDA_TTE) is not None:
            self.tag_cell = row.where(schema.PENANDA_TTE)
        if signing is Signing.ELEKTRONIK:
            self.tte_tag = row.value(schema.PENANDA_TTE)
        cap = row.get(schema.BATAS_CAPAIAN)
        if cap is not None and cap <= 0:
            self.error(
                sheet,
                row.where(schema.BATAS_CAPAIAN),
                f"Batas Capaian (%) {shown(cap)} harus lebih dari 0, mis. 120; kosongkan bila "
                "capaian tidak dibatasi",
            )
            row.drop(schema.BATAS_CAPAIAN)
        with self.apart():
            agreement = self.read_agreement(row, signing)
        if any(row.get(c) is None for c in general if c.required):
            return None
        return Unit(
            **{
                **row.fields(general),
                **agreement,
                "logo": logo,
                "signature_image": signature,
            }
        )

    def read_agreement(self, row: _Row, signing: Signing | None) -> dict[str, Any]:
        """The Perjanjian Kinerja's Identitas rows (docs/perjanjian.md) of the parsed Identitas
        `row` as Unit fields; call inside `apart`: their problems stop only that document."""
        sheet, cells = row.sheet, row.cells
        columns = [c for c in schema.IDENTITAS if c.document]
        self.agreement_given = any(
            c.header in row.values or c.header in row.refused for c in columns
        )
        self.apply_declared(row, columns, None)
        for column in columns:
            if not column.needed or column.header in row.refused:
                continue
            if column.header not in cells:
                self.error(
                    sheet,
                    None,
                    f'isian "{column.header}" tidak ada, padahal {column.document} '
                    f'memerlukannya; tambahkan baris dengan "{column.header}" di kolom A dan '
                    "nilainya di kolom B",
                )
            elif not str(row.get(column) or "").strip():
                self.error(
                    sheet, row.where(column), f"{column.header} harus diisi untuk {column.document}"
                )
        image_column = schema.GAMBAR_TANDA_TANGAN_ATASAN
        image: Path | None = None
        if signing is Signing.BASAH:
            image = self.image(row, image_column, "gambar tanda tangan atasan")
        elif row.get(image_column) is not None:
            self.error(
                sheet,
                row.where(image_column),
                f"{image_column.header} tidak dipakai pada tanda tangan elektronik (BSrE "
                "menempatkan kode QR di ruang tanda tangan); kosongkan sel ini atau pilih "
                "Tanda Tangan basah",
            )
        tag_column = schema.PENANDA_TTE_ATASAN
        if signing is Signing.ELEKTRONIK and tag_column.header not in row.refused:
            tag = row.value(tag_column)
            where = row.where(tag_column) if row.get(tag_column) is not None else None
            label = f"{sheet.title}!{where}" if where else f"bawaan {tag_column.default}"
            if tag is not None and tag == self.tte_tag:
                first = f"{sheet.title}!{self.tag_cell}" if self.tag_cell else "bawaan"
                self.error(
                    sheet,
                    where or self.tag_cell,
                    f'Penanda TTE Atasan "{tag}" ({label}) sama dengan Penanda TTE ({first}); '
                    f"{schema.PERJANJIAN} ditandatangani dua pihak, jadi pilih karakter lain "
                    "untuk salah satunya",
                )
            elif tag is not None:
                self.superior_tag = (tag, label)
        return {**row.fields(columns), image_column.attr: image}

    def image(self, row: _Row, column: Column[str], what: str) -> Path | None:
        """The image file a cell names (Logo, Gambar Tanda Tangan), found by `self.images`."""
        name = row.get(column)
        where = row.where(column)
        if not name:
            return None
        if not name.strip().lower().endswith(IMAGE_SUFFIXES):
            self.row_error(row, where, f"{column.header} harus berkas gambar PNG atau JPG")
            return None
        try:
            image = self.images.find(name, what)
            check_image(image, name, what)
        except ImageRefused as exc:
            self.row_error(row, where, str(exc))
            return None
        return image

    # -- tables ----------------------------------------------------------------------------
    def table(self, sheet: Worksheet, columns: Sequence[Column[Any]]) -> _Table | None:
        """Find the header row and map each declared header to its column."""
        known = {normalise(c.header): c.header for c in columns}
        best_row, best_hits = 0, 0
        filled = self.filled.get(sheet.title, {})
        for number in (n for n in filled if n <= HEADER_SEARCH_ROWS):
            line = [sheet.cell(number, c) for c in filled[number]]
            hits = sum(1 for c in line if isinstance(c.value, str) and normalise(c.value) in known)
            if hits > best_hits:
                best_row, best_hits = number, hits
        if best_hits < 2:
            self.error(
                sheet,
                "A1",
                "baris judul kolom tidak ditemukan; baris pertama harus berisi judul "
                f"seperti {', '.join(c.header for c in columns[:4])}, … "
                "(salin dari workbook standar: renaksi-docs init)",
            )
            return None
        table = _Table(sheet, best_row)
        unknown: list[Cell] = []
        for cell in (sheet.cell(best_row, c) for c in filled[best_row]):
            if _blank(cell.value):
                continue
            header = known.get(normalise(str(cell.value)))
            if header is None:
                unknown.append(cell)
            elif header in table.columns:
                self.error(
                    sheet,
                    cell.coordinate,
                    f'judul kolom "{header}" muncul dua kali; hapus salah satunya',
                )
            else:
                table.columns[header] = cell.column
        missing = [c.header for c in columns if c.header not in table.columns]
        for cell in unknown:
            text = str(cell.value).strip()
            hint = did_you_mean(text, missing)
            if hint:
                self.error(
                    sheet,
                    cell.coordinate,
                    f'judul kolom "{text}" tidak dikenal.{hint} Perbaiki judulnya',
                )
                missing = [m for m in missing if f'"{m}"' not in hint]
            else:
                self.warn(
                    sheet,
                    cell.coordinate,
                    f'kolom "{text}" tidak dikenal dan diabaikan.'
                    + did_you_mean(text, [c.header for c in columns]),
                )
        header_end = get_column_letter(max(sheet.max_column, 1))
        for column in columns:
            if column.header in missing and column.required:
                self.error(
                    sheet,
                    f"A{best_row}:{header_end}{best_row}",
                    f'kolom "{column.header}" tidak ada; tambahkan kolom dengan judul '
                    f'"{column.header}"',
                )
        for merged in sheet.merged_cells.ranges:
            if merged.max_row > best_row:
                self.error(
                    sheet,
                    merged.coord,
                    "sel gabungan (merge) tidak dapat dibaca per baris; pisahkan "
                    "gabungannya (Unmerge) dan isi teksnya di setiap baris",
                )
        return table

    def rows(self, table: _Table, columns: Sequence[Column[Any]]) -> Iterator[_Row]:
        """Non-empty data rows below the header, each parsed by its columns. Only filled rows
        are visited; rows after a gap of more than FAR_GAP empty rows are reported, not read."""
        sheet = table.sheet
        wanted = set(table.columns.values())
        hidden: list[int] = []
        self.empty_tables[sheet.title] = True
        previous = table.header_row
        for number, filled in self.filled.get(sheet.title, {}).items():
            if number <= table.header_row or wanted.isdisjoint(filled):
                continue
            cells = {h: sheet.cell(number, c) for h, c in table.columns.items()}
            if all(_blank(c.value) for c in cells.values()):
                continue
            if number - previous - 1 > FAR_GAP:
                self.far_below(table, number, previous, min(wanted & set(filled)))
                break
            previous = number
            self.empty_tables[sheet.title] = False
            dimension = sheet.row_dimensions.get(number)
            if dimension is not None and dimension.hidden:
                hidden.append(number)
            yield self.parse_row(sheet, cells, columns)
        if hidden:
            listed = ", ".join(str(r) for r in hidden[:5]) + (" …" if len(hidden) > 5 else "")
            self.warn(
                sheet,
                str(hidden[0]),
                f"baris tersembunyi ({listed}) tetap dibaca; tampilkan (Unhide) untuk "
                "memeriksanya, atau hapus bila tidak dipakai",
            )

    def far_below(self, table: _Table, number: int, previous: int, column: int) -> None:
        """A filled row far below the table (the first of those after the gap): an error
        naming its first cell; neither it nor anything below it is read."""
        below = sum(
            1
            for n, filled in self.filled.get(table.sheet.title, {}).items()
            if n > number and not set(table.columns.values()).isdisjoint(filled)
        )
        rest = f" (beserta {shown(Decimal(below))} baris berisi di bawahnya)" if below else ""
        self.error(
            table.sheet,
            f"{get_column_letter(column)}{number}",
            f"isian jauh di bawah tabel (baris {shown(Decimal(number))}, setelah "
            f"{shown(Decimal(number - previous - 1))} baris kosong) tidak dibaca{rest}; hapus "
            "isinya (Ctrl+End di Excel menuju sel terakhir yang terisi), atau pindahkan ke "
            "baris tepat di bawah tabel",
        )

    # -- Indikator -------------------------------------------------------------------------
    def read_indicators(self, sheet: Worksheet) -> tuple[list[Indicator], dict[str, Kind | None]]:
        """The indicators without their quarters, and the Jenis Rumus of every Kode seen."""
        columns = schema.INDIKATOR
        table = self.table(sheet, columns)
        if table is None:
            return [], {}
        indicators: list[Indicator] = []
        kinds: dict[str, Kind | None] = {}
        seen: dict[str, str] = {}
        for row in self.rows(table, columns):
            code = row.get(schema.KODE)
            kind = row.get(schema.JENIS_RUMUS)
            satuan = row.value(schema.SATUAN, kind) or ""
            counted = schema.counts_things(
                satuan,
                row.get(schema.PEMBILANG_URAIAN) or "",
                row.get(schema.PENYEBUT_URAIAN) or "",
            )
            self.apply_declared(row, columns, kind, satuan, counted)
            if code is not None:
                self.units.setdefault(code, (satuan, counted))
            if code is not None:
                if code in seen:
                    self.row_error(
                        row,
                        row.where(schema.KODE),
                        f'Kode "{code}" sudah dipakai di {seen[code]}; setiap indikator '
                        "perlu kode yang berbeda",
                    )
                else:
                    seen[code] = row.where(schema.KODE) or ""
                    kinds[code] = kind
            nilai_dasar = row.get(schema.NILAI_DASAR)
            if kind is Kind.PERTUMBUHAN and nilai_dasar is None and code is not None:
                where = row.where(schema.NILAI_DASAR) or row.where(schema.KODE)
                if where is not None and schema.NILAI_DASAR.header not in row.refused:
                    self.baseline_cells[code] = (sheet, where)
            if kind is Kind.PERTUMBUHAN and nilai_dasar is not None and nilai_dasar <= 0:
                self.row_error(
                    row,
                    row.where(schema.NILAI_DASAR),
                    "Nilai Dasar pertumbuhan harus lebih dari 0 (nilai tahun lalu); "
                    "pertumbuhan dari 0 tidak dapat dihitung",
                )
            scale = self.indicator_scale(row, kind)
            target = self.target_of(row, schema.TARGET, kind, scale)
            if row.failed or kind is None or target is None:
                continue
            fields = {**row.fields(columns, kind), "target": target, "scale": scale}
            indicators.append(Indicator(**fields, quarters=_four({})))
            self.read_indicators_by_code[indicators[-1].code] = indicators[-1]
        return indicators, kinds

    # -- Triwulan --------------------------------------------------------------------------
    def read_quarters(
        self, sheet: Worksheet, kinds: dict[str, Kind | None]
    ) -> dict[str, dict[int, QuarterFigures]]:
        """Each Kode's reported quarters."""
        columns = schema.TRIWULAN_COLUMNS
        table = self.table(sheet, columns)
        if table is None:
            return {}
        result: dict[str, dict[int, QuarterFigures]] = {}
        seen: dict[tuple[str, int], str] = {}
        bases: dict[str, list[tuple[int, Decimal, str]]] = {}
        """Kode → (quarter, Penyebut, cell) of a persentase kumulatif indicator's quarters."""
        for row in self.rows(table, columns):
            code = row.get(schema.KODE_TRIWULAN)
            quarter = row.get(schema.TRIWULAN)
            if code is not None and code not in kinds:
                self.row_error(
                    row,
                    row.where(schema.KODE_TRIWULAN),
                    f'Kode "{code}" tidak ada di lembar Indikator; periksa ketikannya.'
                    + did_you_mean(code, list(kinds)),
                )
                continue
            kind = kinds.get(code) if code is not None else None
            self.apply_declared(row, columns, kind, *self.units.get(code or "", ("", False)))
            if code is None or quarter is None:
                continue
            key = (code, quarter)
            where = row.where(schema.TRIWULAN) or ""
            if key in seen:
                self.row_error(
                    row,
                    where,
                    f"Kode {code} Triwulan {ROMAN[quarter]} sudah diisi di baris "
                    f"{seen[key]}; gabungkan angkanya dalam satu baris",
                )
                continue
            seen[key] = where
            counts = (schema.PEMBILANG, schema.PENYEBUT)
            if any((sheet.title, row.where(c)) in self.uncached for c in counts):
                for column in counts:  # counts unknown: the quarter is not reported
                    row.values.pop(column.header, None)
            self.check_quarter(row, kind)
            indicator = self.read_indicators_by_code.get(code)
            scale = indicator.scale if indicator is not None else None
            nilai, level = self.nilai_of(row, kind, scale)
            target = self.target_of(row, schema.TARGET_TRIWULAN, kind, scale)
            if indicator is not None and target is not None and quarter == 4:
                self.check_fourth_target(row, indicator, target)
            pembilang = row.get(schema.PEMBILANG)
            penyebut = row.get(schema.PENYEBUT)
            if (
                indicator is not None
                and indicator.kind is Kind.PERSENTASE
                and indicator.accumulation is Accumulation.KUMULATIF
                and penyebut
                and pembilang is not None
            ):
                where_penyebut = row.where(schema.PENYEBUT) or ""
                bases.setdefault(code, []).append((quarter, penyebut, where_penyebut))
            figures = [c for c in columns if c is not schema.KODE_TRIWULAN]  # Kode links
            values = {**row.fields(figures, kind), "nilai": nilai, "level": level, "target": target}
            result.setdefault(code, {})[quarter] = QuarterFigures(**values)
        self.check_repeated_bases(sheet, bases)
        return result

    def check_repeated_bases(
        self, sheet: Worksheet, bases: dict[str, list[tuple[int, Decimal, str]]]
    ) -> None:
        """A persentase kumulatif whose Penyebut is the same non-zero number in two or more
        reported quarters: likely the year's whole base typed each quarter (docs/indicators.md)."""
        for code, entries in bases.items():
            by_value: dict[Decimal, list[tuple[int, str]]] = {}
            for quarter, value, where in sorted(entries):
                by_value.setdefault(value, []).append((quarter, where))
            for value, places in by_value.items():
                if len(places) < 2:
                    continue
                cells = ", ".join(where for _, where in places)
                self.warn(
                    sheet,
                    places[0][1],
                    f"Penyebut indikator {code} sama ({shown(value)}) di Triwulan "
                    f"{', '.join(ROMAN[q] for q, _ in places)} ({cells}), padahal Akumulasi "
                    "kumulatif menjumlahkan Penyebut setiap triwulan; bila itu dasar setahun "
                    "penuh, pilih Akumulasi terakhir dan isi Pembilang secara kumulatif "
                    "(mis. 500 dari pagu 1.200 terbaca 20,83%, bukan 41,67%)",
                )

    def check_fourth_target(self, row: _Row, indicator: Indicator, target: Target) -> None:
        """A TW IV Target Triwulan differs from the annual Target: a warning."""
        if target != indicator.target:
            self.warn(
                row.sheet,
                row.where(schema.TARGET_TRIWULAN),
                f"Target Triwulan IV indikator {indicator.code} berbeda dari Target tahunannya; "
                "target sampai akhir triwulan IV biasanya sama dengan Target, periksa keduanya",
            )

    # -- Target, levels and scales ---------------------------------------------------------
    def indicator_scale(self, row: _Row, kind: Kind | None) -> Scale | None:
        """The Skala a kategori indicator names (required), or None."""
        name = row.get(schema.SKALA_INDIKATOR)
        if kind is not Kind.KATEGORI or name is None:
            return None
        scale = self.scales.get(normalise(name))
        if scale is None:
            known = [s.name for s in self.scales.values()]
            self.row_error(
                row,
                row.where(schema.SKALA_INDIKATOR),
                f'skala "{name}" tidak ada di lembar Skala (yang ada: {", ".join(known)}); '
                "pilih salah satunya atau tambahkan skalanya di lembar Skala."
                + did_you_mean(name, known),
            )
        return scale

    def level_of(self, row: _Row, column: Column[Any], text: str, scale: Scale) -> Level | None:
        """The level `text` on `scale`, or an error naming the cell and listing the levels."""
        level = scale.level(text)
        if level is None:
            levels = ", ".join(lv.name for lv in scale.levels)
            self.row_error(
                row,
                row.where(column),
                f'{column.header}: "{text}" bukan tingkat skala {scale.name} ({levels}).'
                + did_you_mean(text, [lv.name for lv in scale.levels]),
            )
        return level

    def level_cell(
        self, row: _Row, column: Column[Any], value: object, scale: Scale | None, needs: str
    ) -> Level | None:
        """A kategori indicator's cell as a level of its `scale` (None when the Skala is missing
        or unknown: that is reported); a value that is no text is an error `needs` followed
        by the scale and its levels."""
        if scale is None:
            return None
        if not isinstance(value, str):
            levels = ", ".join(lv.name for lv in scale.levels)
            self.row_error(row, row.where(column), f"{needs} {scale.name} ({levels})")
            return None
        return self.level_of(row, column, value, scale)

    def target_of(
        self, row: _Row, column: Column[Any], kind: Kind | None, scale: Scale | None
    ) -> Target | None:
        """A Target or Target Triwulan as its indicator's Jenis Rumus needs it: a number or a
        range, or a level of the scale (kategori); None when empty, refused or wrong."""
        value = row.get(column)
        if value is None or kind is None:
            return None
        where = row.where(column)
        if kind is Kind.KATEGORI:
            needs = f"{column.header} indikator kategori harus salah satu tingkat skala"
            return self.level_cell(row, column, value, scale, needs)
        if isinstance(value, str):
            self.row_error(
                row,
                where,
                f'{column.header}: "{value}" bukan angka atau rentang; ketik angka (75, 3,52), '
                "rentang (80–90, 80 s.d. 90), atau pilih Jenis Rumus kategori untuk tingkat "
                "skala seperti WTP",
            )
            return None
        return cast("Decimal | Range", value)

    def nilai_of(
        self, row: _Row, kind: Kind | None, scale: Scale | None
    ) -> tuple[Decimal | None, Level | None]:
        """A quarter's Nilai: a number, or for kategori the level reached (its text)."""
        value = row.get(schema.NILAI)
        if value is None or kind is None:
            return None, None
        if kind is Kind.KATEGORI:
            needs = "Nilai indikator kategori harus tingkat yang dicapai pada skala"
            return None, self.level_cell(row, schema.NILAI, value, scale, needs)
        if isinstance(value, str):
            self.row_error(
                row,
                row.where(schema.NILAI),
                f'Nilai: "{value}" bukan angka; ketik angka, mis. 75 atau 3,52 (tingkat skala '
                "seperti WTP hanya untuk indikator kategori)",
            )
            return None, None
        return cast(Decimal, value), None

    # -- Skala -----------------------------------------------------------------------------
    def read_scales(self, sheet: Worksheet) -> tuple[Scale, ...]:
        """The Skala sheet: levels per scale in row order (best first), Nilai 0–100."""
        columns = schema.SKALA_COLUMNS
        table = self.table(sheet, columns)
        if table is None:
            return BUILTIN_SCALES
        names: dict[str, str] = {}
        levels: dict[str, list[Level]] = {}
        seen: dict[tuple[str, str], str] = {}
        for row in self.rows(table, columns):
            self.apply_declared(row, columns, None)
            value = row.get(schema.NILAI_TINGKAT)
            if value is not None and value > 100:
                self.row_error(
                    row,
                    row.where(schema.NILAI_TINGKAT),
                    f"Nilai {shown(value)} harus antara 0 dan 100",
                )
            if row.failed:
                continue
            name, level = row.get(schema.NAMA_SKALA), row.get(schema.TINGKAT)
            if name is None or level is None:
                continue  # a required value missing is reported
            key = normalise(name)
            where = row.where(schema.TINGKAT) or ""
            if (key, normalise(level)) in seen:
                self.row_error(
                    row,
                    where,
                    f'tingkat "{level}" skala {name} sudah ada di {seen[key, normalise(level)]}; '
                    "setiap tingkat cukup satu baris",
                )
                continue
            seen[key, normalise(level)] = where
            names.setdefault(key, name)
            ranked = levels.setdefault(key, [])
            ranked.append(Level(level, len(ranked), value))
        return tuple(Scale(names[key], tuple(ranked)) for key, ranked in levels.items())

    def check_quarter(self, row: _Row, kind: Kind | None) -> None:
        """The cross-field rules of one Triwulan row."""
        spent, ceiling = row.value(schema.REALISASI_ANGGARAN), row.value(schema.PAGU)
        if spent is not None and ceiling is not None and spent > ceiling:
            self.warn(
                row.sheet,
                row.where(schema.REALISASI_ANGGARAN),
                "Realisasi Anggaran melebihi Pagu; periksa angkanya",
            )
        if kind is not Kind.PERSENTASE:
            return
        pembilang, penyebut = row.get(schema.PEMBILANG), row.get(schema.PENYEBUT)
        refused = {schema.PEMBILANG.header, schema.PENYEBUT.header} & row.refused
        if refused:
            return
        if pembilang is not None and penyebut is None:
            self.row_error(
                row,
                row.where(schema.PENYEBUT),
                "Penyebut harus diisi bila Pembilang diisi (persentase)",
            )
        elif penyebut is not None and pembilang is None:
            self.row_error(
                row,
                row.where(schema.PEMBILANG),
                "Pembilang harus diisi bila Penyebut diisi (persentase)",
            )
        elif pembilang is not None and penyebut is not None:
            if pembilang > penyebut:
                self.warn(
                    row.sheet,
                    row.where(schema.PEMBILANG),
                    f"Pembilang ({shown(pembilang)}) lebih besar dari Penyebut "
                    f"({shown(penyebut)}): persentasenya di atas 100% (wajar untuk "
                    "hunian atau realisasi PNBP); periksa kedua angka bila bukan itu maksudnya",
                )
            elif penyebut == 0:
                self.warn(
                    row.sheet,
                    row.where(schema.PENYEBUT),
                    "Penyebut 0: capaian triwulan ini tidak dapat dihitung dan dicetak -",
                )

    # -- Predikat --------------------------------------------------------------------------
    def read_bands(self, sheet: Worksheet) -> tuple[Band, ...]:
        """The unit's predikat bands: lower bounds strictly decreasing, each with a label."""
        columns = schema.PREDIKAT_COLUMNS
        table = self.table(sheet, columns)
        if table is None:
            return DEFAULT_BANDS
        bands: list[Band] = []
        previous: tuple[Decimal, str] | None = None
        for row in self.rows(table, columns):
            self.apply_declared(row, columns, None)
            lower = row.get(schema.BATAS_BAWAH)
            if lower is not None and previous is not None and lower >= previous[0]:
                self.row_error(
                    row,
                    row.where(schema.BATAS_BAWAH),
                    f"Batas Bawah (%) {shown(lower)} harus lebih kecil dari batas di atasnya "
                    f"({shown(previous[0])} di {previous[1]}); urutkan predikat dari batas "
                    "tertinggi ke terendah",
                )
            if lower is not None:
                previous = (lower, row.where(schema.BATAS_BAWAH) or "")
            if not row.failed:
                bands.append(Band(**row.fields(columns)))
        if self.empty_tables.get(sheet.title):
            self.error(
                sheet,
                None,
                "belum ada predikat; isi minimal satu baris di bawah judul, atau hapus lembar "
                "Predikat untuk memakai predikat bawaan",
            )
        return tuple(bands) or DEFAULT_BANDS


def _four(
    figures: dict[int, QuarterFigures],
) -> tuple[QuarterFigures, QuarterFigures, QuarterFigures, QuarterFigures]:
    """TW I..IV; a quarter without a row is all empty."""
    first, second, third, fourth = (figures.get(k, QuarterFigures(k)) for k in QUARTERS)
    return (first, second, third, fourth)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
