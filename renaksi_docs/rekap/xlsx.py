"""A `Rekap` → the recap .xlsx (sheets Ringkasan, Indikator, Masalah, Per Indikator and a chart),
written with openpyxl's write-only mode (writing only: the workbook reader stays the only
openpyxl reader). The choices (rounding as printed, empty vs `-`, colours) are in
docs/rekap.md.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..errors import Severity
from ..files import in_memory, write_atomically
from ..formulas import Missing, round2
from ..measure import NOT_COMPUTABLE, NOT_MEASURABLE
from ..model import DEFAULT_BANDS, QUARTERS, ROMAN, Rounding
from ..workbook import schema
from ..workbook.cells import normalise
from .collect import (
    INVALID,
    NOT_SENT,
    Rekap,
    Row,
    UnitResult,
    number,
    quarter_label,
    shared_indicators,
)

SHEET_RINGKASAN = "Ringkasan"
SHEET_INDIKATOR = "Indikator"
SHEET_MASALAH = "Masalah"
SHEET_PER_INDIKATOR = "Per Indikator"

TEXT = "General"
YEAR = "0"
COUNT = "#,##0"
MONEY = "#,##0"
DECIMAL = "#,##0.00"
"""Excel number formats (shown with the reader's own separators: 1.250.000 and 43,27 under
Indonesian regional settings)."""

MAX_WIDTH = 60
"""Widest a column is made (characters); longer texts are cut off in view, not in the cell."""

TINT = 0.75
"""Share of white mixed into a predikat's colour (the Pengukuran report's bar colour) to make
its cell fill; the text stays black on it."""
_TEXT = "000000"
_UNMEASURED_COLOURS = {NOT_MEASURABLE: ("EDEDED", "595959"), NOT_COMPUTABLE: ("D9D9D9", "3A3A3A")}
_STATUS_COLOURS = {INVALID: ("FFC7CE", "9C0006"), NOT_SENT: ("FFEB9C", "9C5700")}
_HEADER_COLOURS = ("1F4E78", "FFFFFF")
ABSENT = object()
"""Per Indikator: the unit does not have that indicator (a grey empty cell)."""
_ABSENT_FILL = "F2F2F2"


class SheetColumn(NamedTuple):
    """One column of a sheet."""

    header: str
    format: str = TEXT
    """Excel number format of its cells."""
    centre: bool = False
    """Centre the cells (short labels: Tahun, Triwulan, Status)."""
    wrap: bool = False
    """Wrap long text within the column's width (Catatan, Pesan)."""
    colours: tuple[str, str] = _HEADER_COLOURS
    """(fill, font) of the header cell."""


def band_colours(rekap: Rekap) -> dict[str, tuple[str, str]]:
    """(fill, font) of each predikat label: a tint of the colour the unit's Pengukuran report
    gives it (best band green, worst red); a label used by several units takes the first's."""
    from ..documents.pengukuran import band_colours as report_colours

    colours: dict[str, tuple[str, str]] = {}
    for bands in [result.bands for result in rekap.valid] or [DEFAULT_BANDS]:
        for label, colour in report_colours(bands).items():
            colours.setdefault(label, (tint(colour), _TEXT))
    return {**colours, **_UNMEASURED_COLOURS}


def tint(colour: str, share: float = TINT) -> str:
    """The RGB hex `colour` mixed with `share` of white."""
    channels = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c + (255 - c) * share):02X}" for c in channels)


def build_book(rekap: Rekap) -> Any:
    """The recap as an openpyxl write-only Workbook, filled and ready to save once.

    Write-only (rows streamed to XML as they are appended): for 700 units it takes about half
    the time and a fraction of the memory of a regular workbook (bench/rekap_speed.py).
    """

    book = Workbook(write_only=True)
    colours = band_colours(rekap)
    try:
        _fill_ringkasan(book.create_sheet(SHEET_RINGKASAN), rekap, colours)
        _fill_indikator(book.create_sheet(SHEET_INDIKATOR), rekap, colours)
        _fill_masalah(book.create_sheet(SHEET_MASALAH), rekap)
        _fill_per_indikator(book.create_sheet(SHEET_PER_INDIKATOR), rekap)
    except BaseException:
        discard(book)
        raise
    return book


def discard(book: Any) -> None:
    """Close the streamed sheets of a write-only book that will not be saved (or whose save
    failed: disk full, folder gone). Their XML writers are generators inside open elements;
    left to the garbage collector they print lxml tracebacks ("Exception ignored in …") long
    after the error was reported."""
    for sheet in book.worksheets:
        if getattr(sheet, "closed", True):
            continue
        with contextlib.suppress(Exception):  # the disk may still be full: nothing to keep
            sheet.close()


def write_rekap(rekap: Rekap, target: Path, force: bool = False) -> Path:
    """Write the recap workbook to `target` atomically. The book is made only once the temp
    file beside `target` exists (a read-only folder fails before any work), and discarded
    when saving fails."""

    def save(stream: io.BytesIO) -> None:
        book = build_book(rekap)
        try:
            book.save(stream)
        except BaseException:
            discard(book)
            raise

    return write_atomically(target, in_memory(save), force)


def is_rekap(path: Path) -> bool:
    """True when `path` is a recap workbook as `write_rekap` writes it (its first sheets are
    Ringkasan, Indikator, Masalah): a rekap written into the folder it recaps, not a unit's
    workbook. Read from the package's sheet list, without openpyxl."""
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("xl/workbook.xml")
            if info.file_size > _MAX_WORKBOOK_XML:
                return False
            xml = package.read(info)
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile, RuntimeError):
        return False
    names = [html.unescape(n.decode("utf-8", "replace")) for n in _SHEET_NAME.findall(xml)]
    return names[:3] == [SHEET_RINGKASAN, SHEET_INDIKATOR, SHEET_MASALAH]


_SHEET_NAME = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"')
_MAX_WORKBOOK_XML = 1024 * 1024
"""Largest xl/workbook.xml looked into (a recap's is about 1 kB)."""


def _table(
    sheet: Any, columns: Sequence[SheetColumn], rows: Sequence[Sequence[object]], freeze: str = "B2"
) -> None:
    """Header, rows, number formats, frozen header, autofilter, fitting widths and print
    setup. Everything but the rows is set before the first row: write-only sheets stream."""

    widths = [max(len(word) for word in column.header.split()) for column in columns]
    for row in rows:
        for index, value in enumerate(row):
            if value is not None and value is not ABSENT:
                widths[index] = max(widths[index], _shown_width(value, columns[index].format))
    fitted = [min(max(width, 6) + 2, MAX_WIDTH) for width in widths]
    for index, width in enumerate(fitted):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    headers = [column.header for column in columns]
    sheet.row_dimensions[1].height = 15 * _lines(headers, fitted) + 3
    # Neither Excel nor Calc grows a row for wrapped text on opening: heights are set here.
    wrapped = [index for index, column in enumerate(columns) if column.wrap]
    for row_number, row in enumerate(rows, start=2):
        texts = [str(row[i]) if row[i] is not None else "" for i in wrapped]
        lines = _lines(texts, [fitted[i] for i in wrapped]) if wrapped else 1
        if lines > 1:
            sheet.row_dimensions[row_number].height = 15 * lines
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    # Printed landscape, as wide as one page, the header on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"

    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, _safe(column.header))
        fill, font = column.colours
        cell.font = Font(bold=True, color=font)
        cell.fill = PatternFill("solid", fgColor=fill)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        header.append(cell)
    sheet.append(header)
    # One styled cell per column, refilled row after row (each row is written as appended).
    styled: list[Any] = []
    for column in columns:
        if column.format == TEXT and not column.centre and not column.wrap:
            styled.append(None)
            continue
        cell = WriteOnlyCell(sheet)
        cell.number_format = column.format
        if column.centre:
            cell.alignment = Alignment(horizontal="center")
        elif column.wrap:
            cell.alignment = Alignment(wrap_text=True)  # bottom, like its neighbours
        elif column.format != TEXT:  # numbers, and the "-" of a value that cannot be computed
            cell.alignment = Alignment(horizontal="right")
        styled.append(cell)
    absent = WriteOnlyCell(sheet)
    absent.fill = PatternFill("solid", fgColor=_ABSENT_FILL)
    for row in rows:
        sheet.append([_cell(value, styled[index], absent) for index, value in enumerate(row)])


def _lines(texts: Sequence[str], widths: Sequence[float]) -> int:
    """Lines the tallest of `texts` takes when wrapped in columns of `widths` characters."""
    return max(
        (
            sum(max(1, -(-len(line) // int(width - 1))) for line in text.splitlines() or [""])
            for text, width in zip(texts, widths, strict=True)
        ),
        default=1,
    )


def _cell(value: object, styled: Any, absent: Any) -> object:
    if value is ABSENT:
        return absent
    if isinstance(value, str):
        value = _safe(value)
    if value is None or styled is None:
        return value
    styled.value = value
    return styled


def _safe(text: str) -> str:
    """`text` without the control characters a worksheet cannot hold (a file name or a daftar
    line may carry them), each shown as U+FFFD."""

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def _shown_width(value: object, fmt: str) -> int:
    """Characters the value takes on screen in format `fmt`."""
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, (int, Decimal)) and fmt == DECIMAL:
        return len(f"{value:,.2f}")
    if isinstance(value, (int, Decimal)) and fmt in (COUNT, MONEY):
        return len(f"{value:,.0f}")
    return len(str(value))


def _highlight(sheet: Any, ref: str, colours: dict[str, tuple[str, str]]) -> None:
    """Colour the cells of `ref` whose text is one of `colours` (conditional formatting)."""

    for text, (fill, font) in colours.items():
        quoted = '"' + text.replace('"', '""') + '"'
        rule = CellIsRule(
            operator="equal",
            formula=[quoted],
            fill=PatternFill("solid", fgColor=fill, bgColor=fill),
            font=Font(color=font),
        )
        sheet.conditional_formatting.add(ref, rule)


def _fill_ringkasan(sheet: Any, rekap: Rekap, colours: dict[str, tuple[str, str]]) -> None:

    columns = [
        SheetColumn(schema.NAMA_UPT.header),
        SheetColumn(schema.TAHUN.header, YEAR, centre=True),
        SheetColumn(schema.TRIWULAN_PELAPORAN.header, centre=True),
        SheetColumn("Jumlah Indikator", COUNT),
        SheetColumn("Rata-rata Capaian (%)", DECIMAL),
        *(SheetColumn(label, COUNT, colours=colours[label]) for label in rekap.labels),
        SheetColumn("Serapan Anggaran (%)", DECIMAL),
        SheetColumn("Status", centre=True),
        SheetColumn("Catatan", wrap=True),
        SheetColumn("Berkas"),
    ]
    rows: list[list[object]] = []
    for row in rekap.rows:
        result = row.result
        if result is None or not result.valid:
            numbers: list[object] = [None] * (3 + len(rekap.labels) + 1)
            tahun = result.year if result is not None else None
            rows.append([row.name, tahun, *numbers, row.status, _notes(row), _source(result)])
            continue
        counts = dict(result.counts)
        mean = result.mean_capaian
        rows.append(
            [
                row.name,
                result.year,
                quarter_label(result),
                len(result.indicators),
                round2(mean, result.rounding) if mean is not None else None,
                *(counts.get(label, 0) for label in rekap.labels),
                number(result.serapan, result.rounding),
                row.status,
                _notes(row),
                _source(result),
            ]
        )
    _table(sheet, columns, rows)
    count = len(rows)
    status = get_column_letter(len(columns) - 2)
    _highlight(sheet, f"{status}2:{status}{count + 1}", _STATUS_COLOURS)
    if count:
        chart = BarChart()
        chart.type = "bar"
        chart.style = 10
        chart.title = "Rata-rata Capaian per UPT (%)"
        chart.legend = None
        values = Reference(sheet, min_col=5, min_row=1, max_row=count + 1)
        names = Reference(sheet, min_col=1, min_row=2, max_row=count + 1)
        chart.add_data(values, titles_from_data=True)
        chart.series[0].cat = AxDataSource(strRef=StrRef(str(names)))  # names are text
        chart.x_axis.scaling.orientation = "maxMin"  # first unit on top, as in the table
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.y_axis.title = "Capaian (%)"
        chart.y_axis.majorGridlines = None
        chart.y_axis.number_format = "0"
        chart.y_axis.scaling.min = 0  # bar lengths in proportion: 85 is not a quarter of 88
        chart.dataLabels = DataLabelList(
            showVal=True, showCatName=False, showSerName=False, showLegendKey=False
        )
        chart.width = 24
        chart.height = min(max(8.0, 0.6 * count + 3), 250.0)
        sheet.add_chart(chart, f"A{count + 3}")  # below the table: on screen and on paper


def _notes(row: Row) -> str | None:
    return "; ".join(row.notes) or None


def _source(result: UnitResult | None) -> str | None:
    return str(result.source) if result is not None else None


INDIKATOR_COLUMNS = (
    SheetColumn(schema.NAMA_UPT.header),
    SheetColumn(schema.TAHUN.header, YEAR, centre=True),
    SheetColumn(schema.TRIWULAN_PELAPORAN.header, centre=True),
    SheetColumn(schema.KODE.header),
    SheetColumn(schema.SASARAN.header),
    SheetColumn(schema.NAMA_INDIKATOR.header),
    SheetColumn(schema.SATUAN.header),
    SheetColumn(schema.TARGET.header, DECIMAL),
    *(SheetColumn(f"Realisasi TW {ROMAN[k]}", DECIMAL) for k in QUARTERS),
    SheetColumn("Capaian (%)", DECIMAL),
    SheetColumn(schema.PREDIKAT.header),
    SheetColumn(schema.PAGU.header, MONEY),
    SheetColumn(schema.REALISASI_ANGGARAN.header, MONEY),
    SheetColumn("Serapan (%)", DECIMAL),
    SheetColumn("Target s.d. Triwulan", DECIMAL),
    SheetColumn("Capaian Tahunan (%)", DECIMAL),
)
"""The Indikator sheet's columns (docs/rekap.md, with Tahun and Triwulan of the unit; Capaian
(%) is against the reporting quarter's Target Triwulan where there is one, Capaian Tahunan
against the annual target, docs/indicators.md)."""


def _fill_indikator(sheet: Any, rekap: Rekap, colours: dict[str, tuple[str, str]]) -> None:

    rows: list[list[object]] = []
    for result in rekap.valid:
        for i in result.indicators:
            rows.append(
                [
                    result.name,
                    result.year,
                    quarter_label(result),
                    i.code,
                    i.sasaran,
                    i.name,
                    i.satuan,
                    i.target,
                    *(_realisasi(value) for value in i.realisasi),
                    number(i.capaian, result.rounding),
                    i.predikat,
                    i.pagu,
                    i.realisasi_anggaran,
                    number(i.serapan, result.rounding),
                    i.target_triwulan,
                    number(i.capaian_tahunan, result.rounding),
                ]
            )
    _table(sheet, INDIKATOR_COLUMNS, rows)
    predikat = get_column_letter(INDIKATOR_COLUMNS.index(SheetColumn(schema.PREDIKAT.header)) + 1)
    if rows:
        _highlight(sheet, f"{predikat}2:{predikat}{len(rows) + 1}", colours)


def _realisasi(value: Decimal | str | Missing | None) -> Decimal | str | None:
    """Realisasi as stored: unrounded (its own unit), a level's text, '-' when not
    computable."""
    if value is None or value is Missing.NOT_REPORTED:
        return None
    return "-" if isinstance(value, Missing) else value


def _fill_masalah(sheet: Any, rekap: Rekap) -> None:
    columns = [
        SheetColumn(header) for header in ("Berkas", schema.NAMA_UPT.header, "Letak", "Jenis")
    ]
    columns.append(SheetColumn("Pesan", wrap=True))
    flagged = {id(r): group for group in rekap.duplicates for r in group}
    rows: list[list[object]] = []
    for result in rekap.results:
        for problem in result.problems:
            rows.append(
                [
                    str(result.source),
                    result.name,
                    problem.location or None,
                    problem.severity.value,
                    problem.message,
                ]
            )
        group = flagged.get(id(result))
        if group is not None:
            others = ", ".join(str(r.source) for r in group if r is not result)
            rows.append(
                [
                    str(result.source),
                    result.name,
                    schema.SHEET_IDENTITAS,
                    Severity.WARNING.value,
                    f"Nama UPT dan Tahun sama dengan {others}; keduanya masuk rekap, "
                    "periksa mana yang berlaku",
                ]
            )
    _table(sheet, columns, rows, freeze="A2")


def _fill_per_indikator(sheet: Any, rekap: Rekap) -> None:
    shared = shared_indicators(rekap)
    units = rekap.valid
    used = sorted({column for _text, where in shared for column in where})
    names = [units[c].name or "" for c in used]
    headers = []
    for column, name in zip(used, names, strict=True):
        result = units[column]
        if names.count(name) > 1:
            twins = [c for c in used if units[c].name == name and units[c].year == result.year]
            name += f" ({result.year})" if len(twins) == 1 else f" ({result.source.name})"
        headers.append(name)
    columns = [
        SheetColumn(schema.NAMA_INDIKATOR.header),
        SheetColumn("Jumlah UPT", COUNT),
        SheetColumn("Rata-rata Capaian (%)", DECIMAL),
        *(SheetColumn(header, DECIMAL) for header in headers),
    ]
    rows: list[list[object]] = []
    for text, where in shared:
        cells = [
            number(where[c].capaian, units[c].rounding) if c in where else ABSENT for c in used
        ]
        # Each unit counts once (two workbooks of one unit: the mean of their two values).
        per_unit: dict[str, list[Decimal]] = {}
        for column, value in zip(used, cells, strict=True):
            if isinstance(value, Decimal):
                per_unit.setdefault(normalise(units[column].name or ""), []).append(value)
        values = [sum(v, Decimal(0)) / len(v) for v in per_unit.values()]
        mean = round2(sum(values, Decimal(0)) / len(values), Rounding.BULAT) if values else None
        distinct = len({normalise(units[c].name or "") for c in where})
        rows.append([text, distinct, mean, *cells])
    _table(sheet, columns, rows)
