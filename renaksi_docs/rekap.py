"""Many units' workbooks → one recap workbook for the regional office (PRODUCT.md §8).

read_plan → measure.measure (the same measurement as the Pengukuran Kinerja report) → a small
picklable record per unit (`UnitResult`, made in the worker processes) → `Rekap` → the .xlsx,
written with openpyxl (writing only: reader.py stays the only openpyxl reader).

The sheets and every choice where the contract is silent (rounding as printed, empty vs `-`,
order, duplicates, daftar matching, Per Indikator grouping, colours) are described in
docs/rekap.md.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from .errors import Problem, RenaksiError, Severity
from .files import write_atomically
from .formulas import Missing, Result, realisasi, round2
from .measure import NOT_COMPUTABLE, NOT_MEASURABLE, NoReportingQuarter, measure
from .model import DEFAULT_BANDS, QUARTERS, ROMAN, Band, Plan, Rounding
from .reader import read_plan
from .values import normalise

VALID = "valid"
INVALID = "tidak valid"
NOT_SENT = "belum mengirim"
"""Status values of a Ringkasan row."""


class DaftarProblem(RenaksiError):
    """The --daftar file cannot be read."""


# -- per unit (runs in the worker processes) ------------------------------------------------


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator of one unit, as the rekap shows it."""

    kode: str
    sasaran: str
    name: str
    satuan: str
    target: Decimal
    realisasi: tuple[Result | None, ...]
    """Realisasi as of TW I..IV; None after the reporting quarter (or without one)."""
    capaian: Result
    predikat: str
    pagu: int
    """The whole year's pagu."""
    realisasi_anggaran: int | None
    """Realisasi anggaran of TW I..k; None without a reporting quarter."""
    serapan: Result | None


@dataclass(frozen=True)
class UnitResult:
    """What one input file gave: a measured unit, or the problems that stop it."""

    source: Path
    problems: tuple[Problem, ...] = ()
    """Every error and warning of the workbook."""
    nama: str | None = None
    """Nama UPT, when it could be read (also from an invalid workbook)."""
    tahun: int | None = None
    quarter: int | None = None
    """The reporting quarter the unit is measured as of; None: not measurable."""
    rounding: Rounding = Rounding.BULAT
    bands: tuple[Band, ...] = DEFAULT_BANDS
    indicators: tuple[IndicatorResult, ...] = ()
    counts: tuple[tuple[str, int], ...] = ()
    """Indicators per predikat, the unit's bands first (as Measurement.counts)."""
    mean_capaian: Decimal | None = None
    serapan: Result | None = None
    """The unit's budget absorption as of TW k."""
    valid: bool = False

    @property
    def ok(self) -> bool:
        """Read without errors (the progress bar's word for it)."""
        return self.valid


def read_unit(source: Path, triwulan: int | None = None) -> UnitResult:
    """Read and measure one workbook as of `triwulan` (default: its own Triwulan)."""
    if not source.is_file() and not source.is_dir():
        problem = Problem(Severity.ERROR, "berkas tidak ditemukan")
        return UnitResult(source, (problem,))
    from .convert import readable_workbook  # .ods and .xls through LibreOffice, as build does

    with readable_workbook(source) as readable:
        reading = read_plan(readable)
    if reading.plan is None:
        return UnitResult(source, reading.problems, reading.nama, reading.tahun)
    plan = reading.plan
    base = UnitResult(
        source,
        reading.problems,
        plan.unit.nama,
        plan.unit.tahun,
        rounding=plan.unit.rounding,
        bands=plan.bands,
        valid=True,
    )
    try:
        measurement = measure(plan, triwulan)
    except NoReportingQuarter:
        return _unmeasured(base, plan)
    k = measurement.quarter
    rows = tuple(
        IndicatorResult(
            kode=m.indicator.code,
            sasaran=m.indicator.sasaran,
            name=m.indicator.name,
            satuan=m.indicator.satuan,
            target=m.indicator.target,
            realisasi=tuple(
                m.realisasi if j == k else realisasi(m.indicator, j) if j < k else None
                for j in QUARTERS
            ),
            capaian=m.capaian,
            predikat=m.predikat,
            pagu=m.pagu,
            realisasi_anggaran=m.realisasi_anggaran,
            serapan=m.serapan,
        )
        for m in measurement.indicators
    )
    return replace(
        base,
        quarter=k,
        indicators=rows,
        counts=tuple(measurement.counts.items()),
        mean_capaian=measurement.mean_capaian,
        serapan=measurement.serapan,
    )


def _unmeasured(base: UnitResult, plan: Plan) -> UnitResult:
    """A valid unit without a reporting quarter: every indicator `Belum dapat diukur`."""
    rows = tuple(
        IndicatorResult(
            kode=i.code,
            sasaran=i.sasaran,
            name=i.name,
            satuan=i.satuan,
            target=i.target,
            realisasi=(None, None, None, None),
            capaian=Missing.NOT_REPORTED,
            predikat=NOT_MEASURABLE,
            pagu=sum(q.pagu for q in i.quarters),
            realisasi_anggaran=None,
            serapan=None,
        )
        for i in plan.indicators
    )
    labels = [b.label for b in plan.bands] + [NOT_MEASURABLE, NOT_COMPUTABLE]
    counts = tuple((label, len(rows) if label == NOT_MEASURABLE else 0) for label in labels)
    return replace(base, indicators=rows, counts=counts)


def read_all(
    sources: Sequence[Path],
    triwulan: int | None,
    jobs: int,
    done: Callable[[UnitResult], None] = lambda result: None,
) -> list[UnitResult]:
    """Read and measure every workbook, `jobs` at a time, with build's batch machinery
    (process pool when it pays, Ctrl-C raising build.BatchInterrupted); a file named twice
    is read once."""
    from .build import run_all

    unique = list({source.resolve(): source for source in sources}.values())
    return run_all(functools.partial(read_unit, triwulan=triwulan), unique, jobs, done)


# -- the whole recap -------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One row of Ringkasan: a unit's workbook, or an expected unit that sent nothing."""

    name: str
    """Nama UPT, or the file name when the unit cannot be read."""
    status: str
    result: UnitResult | None = None
    notes: tuple[str, ...] = ()
    """Catatan: duplicates, not in the daftar, no reporting quarter."""


@dataclass(frozen=True)
class Rekap:
    """Every input accounted for, in the order the sheets show them."""

    rows: tuple[Row, ...]
    duplicates: tuple[tuple[UnitResult, ...], ...] = ()
    """Groups of workbooks of the same unit and year (two or more each)."""
    labels: tuple[str, ...] = field(default=())
    """Predikat columns of Ringkasan: every band label in use, then the two unmeasured kinds."""

    @property
    def results(self) -> list[UnitResult]:
        """Every input file's result, in row order."""
        return [row.result for row in self.rows if row.result is not None]

    @property
    def valid(self) -> list[UnitResult]:
        return [r for r in self.results if r.valid]

    @property
    def invalid(self) -> list[UnitResult]:
        return [r for r in self.results if not r.valid]

    @property
    def not_sent(self) -> list[str]:
        return [row.name for row in self.rows if row.status == NOT_SENT]


def read_daftar(path: Path) -> list[str]:
    """The expected units: one Nama UPT a line; blank lines skipped, duplicates dropped."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DaftarProblem(
            f"{path}: bukan teks UTF-8; simpan ulang daftar sebagai teks UTF-8 "
            "(satu Nama UPT per baris)"
        ) from None
    except OSError as exc:
        raise DaftarProblem(f"{path}: tidak dapat dibaca: {exc.strerror or exc}") from None
    names: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip():
            names.setdefault(normalise(line), " ".join(line.split()))
    return list(names.values())


def assemble(results: Iterable[UnitResult], daftar: Sequence[str] | None = None) -> Rekap:
    """Order the results, flag duplicates and compare with the daftar."""
    results = sorted(
        results,
        key=lambda r: (normalise(r.nama or r.source.name), r.tahun or 0, str(r.source)),
    )
    groups: dict[tuple[str, int], list[UnitResult]] = defaultdict(list)
    for result in results:
        if result.nama is not None and result.tahun is not None:
            groups[(normalise(result.nama), result.tahun)].append(result)
    duplicates = tuple(tuple(group) for group in groups.values() if len(group) > 1)
    expected = {normalise(name) for name in daftar or ()}
    sent = {normalise(r.nama) for r in results if r.nama is not None}
    rows = []
    for result in results:
        notes = []
        if result.nama is not None and result.tahun is not None:
            others = [r for r in groups[(normalise(result.nama), result.tahun)] if r is not result]
            if others:
                files = ", ".join(r.source.name for r in others)
                notes.append(f"ganda: unit dan tahun yang sama juga ada di {files}")
        if result.valid and result.quarter is None:
            notes.append(f"{NOT_MEASURABLE}: triwulan pelaporan belum ditentukan")
        if (
            daftar is not None
            and result.nama is not None
            and normalise(result.nama) not in expected
        ):
            notes.append("tidak ada di daftar")
        name = result.nama if result.nama is not None else result.source.name
        rows.append(Row(name, VALID if result.valid else INVALID, result, tuple(notes)))
    for name in daftar or ():
        if normalise(name) not in sent:
            rows.append(Row(name, NOT_SENT))
    labels: dict[str, None] = {}
    for result in results:
        if result.valid:
            labels.update((band.label, None) for band in result.bands)
    if not labels:
        labels.update((band.label, None) for band in DEFAULT_BANDS)
    labels.update({NOT_MEASURABLE: None, NOT_COMPUTABLE: None})
    return Rekap(tuple(rows), duplicates, tuple(labels))


def shared_indicators(rekap: Rekap) -> list[tuple[str, dict[int, IndicatorResult]]]:
    """Indicators whose text occurs in ≥ 2 units: (text as first spelt, column → indicator),
    where a column is the index of the unit in `rekap.valid`."""
    texts: dict[str, str] = {}
    where: dict[str, dict[int, IndicatorResult]] = defaultdict(dict)
    units: dict[str, set[str]] = defaultdict(set)
    for column, result in enumerate(rekap.valid):
        for indicator in result.indicators:
            key = normalise(indicator.name)
            texts.setdefault(key, " ".join(indicator.name.split()))
            where[key].setdefault(column, indicator)
            units[key].add(normalise(result.nama or ""))
    return [(texts[key], where[key]) for key in texts if len(units[key]) >= 2]


def number(value: Result | None, rounding: Rounding) -> Decimal | str | None:
    """A measured percentage as stored: rounded as printed, '-' when not computable, None when
    not reported."""
    if value is None or value is Missing.NOT_REPORTED:
        return None
    if isinstance(value, Missing):
        return "-"
    return round2(value, rounding)


def quarter_label(result: UnitResult) -> str | None:
    """'II', or None."""
    return ROMAN[result.quarter] if result.quarter is not None else None


# -- the workbook ------------------------------------------------------------------------------

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


class Column(NamedTuple):
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
    from .pengukuran import band_colours as report_colours

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
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    colours = band_colours(rekap)
    _fill_ringkasan(book.create_sheet(SHEET_RINGKASAN), rekap, colours)
    _fill_indikator(book.create_sheet(SHEET_INDIKATOR), rekap, colours)
    _fill_masalah(book.create_sheet(SHEET_MASALAH), rekap)
    _fill_per_indikator(book.create_sheet(SHEET_PER_INDIKATOR), rekap)
    return book


def write_rekap(rekap: Rekap, target: Path, force: bool = False) -> Path:
    """Write the recap workbook to `target` atomically."""
    book = build_book(rekap)
    return write_atomically(target, lambda temp: book.save(temp), force)


def _table(
    sheet: Any, columns: Sequence[Column], rows: Sequence[Sequence[object]], freeze: str = "B2"
) -> None:
    """Header, rows, number formats, frozen header, autofilter, fitting widths and print
    setup. Everything but the rows is set before the first row: write-only sheets stream."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

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
    for number, row in enumerate(rows, start=2):
        texts = [str(row[i]) if row[i] is not None else "" for i in wrapped]
        lines = _lines(texts, [fitted[i] for i in wrapped]) if wrapped else 1
        if lines > 1:
            sheet.row_dimensions[number].height = 15 * lines
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
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

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
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill

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
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.data_source import AxDataSource, StrRef
    from openpyxl.chart.label import DataLabelList
    from openpyxl.utils import get_column_letter

    columns = [
        Column("Nama UPT"),
        Column("Tahun", YEAR, centre=True),
        Column("Triwulan", centre=True),
        Column("Jumlah Indikator", COUNT),
        Column("Rata-rata Capaian (%)", DECIMAL),
        *(Column(label, COUNT, colours=colours[label]) for label in rekap.labels),
        Column("Serapan Anggaran (%)", DECIMAL),
        Column("Status", centre=True),
        Column("Catatan", wrap=True),
        Column("Berkas"),
    ]
    rows: list[list[object]] = []
    for row in rekap.rows:
        result = row.result
        if result is None or not result.valid:
            numbers: list[object] = [None] * (3 + len(rekap.labels) + 1)
            tahun = result.tahun if result is not None else None
            rows.append([row.name, tahun, *numbers, row.status, _notes(row), _source(result)])
            continue
        counts = dict(result.counts)
        mean = result.mean_capaian
        rows.append(
            [
                row.name,
                result.tahun,
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
    Column("Nama UPT"),
    Column("Tahun", YEAR, centre=True),
    Column("Triwulan", centre=True),
    Column("Kode"),
    Column("Sasaran Kegiatan"),
    Column("Indikator Kinerja"),
    Column("Satuan"),
    Column("Target", DECIMAL),
    *(Column(f"Realisasi TW {ROMAN[k]}", DECIMAL) for k in QUARTERS),
    Column("Capaian (%)", DECIMAL),
    Column("Predikat"),
    Column("Pagu", MONEY),
    Column("Realisasi Anggaran", MONEY),
    Column("Serapan (%)", DECIMAL),
)
"""The Indikator sheet's columns (PRODUCT.md §8, with Tahun and Triwulan of the unit)."""


def _fill_indikator(sheet: Any, rekap: Rekap, colours: dict[str, tuple[str, str]]) -> None:
    from openpyxl.utils import get_column_letter

    rows: list[list[object]] = []
    for result in rekap.valid:
        for i in result.indicators:
            rows.append(
                [
                    result.nama,
                    result.tahun,
                    quarter_label(result),
                    i.kode,
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
                ]
            )
    _table(sheet, INDIKATOR_COLUMNS, rows)
    predikat = get_column_letter(INDIKATOR_COLUMNS.index(Column("Predikat")) + 1)
    if rows:
        _highlight(sheet, f"{predikat}2:{predikat}{len(rows) + 1}", colours)


def _realisasi(value: Result | None) -> Decimal | str | None:
    """Realisasi as stored: unrounded (its own unit), '-' when not computable."""
    if value is None or value is Missing.NOT_REPORTED:
        return None
    return "-" if isinstance(value, Missing) else value


def _fill_masalah(sheet: Any, rekap: Rekap) -> None:
    columns = [Column(header) for header in ("Berkas", "Nama UPT", "Letak", "Jenis")]
    columns.append(Column("Pesan", wrap=True))
    flagged = {id(r): group for group in rekap.duplicates for r in group}
    rows: list[list[object]] = []
    for result in rekap.results:
        for problem in result.problems:
            rows.append(
                [
                    str(result.source),
                    result.nama,
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
                    result.nama,
                    "Identitas",
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
    names = [units[c].nama or "" for c in used]
    headers = []
    for column, name in zip(used, names, strict=True):
        result = units[column]
        if names.count(name) > 1:
            twins = [c for c in used if units[c].nama == name and units[c].tahun == result.tahun]
            name += f" ({result.tahun})" if len(twins) == 1 else f" ({result.source.name})"
        headers.append(name)
    columns = [
        Column("Indikator Kinerja"),
        Column("Jumlah UPT", COUNT),
        Column("Rata-rata Capaian (%)", DECIMAL),
        *(Column(header, DECIMAL) for header in headers),
    ]
    rows: list[list[object]] = []
    for text, where in shared:
        cells = [
            number(where[c].capaian, units[c].rounding) if c in where else ABSENT for c in used
        ]
        values = [v for v in cells if isinstance(v, Decimal)]
        mean = round2(sum(values, Decimal(0)) / len(values), Rounding.BULAT) if values else None
        distinct = len({normalise(units[c].nama or "") for c in where})
        rows.append([text, distinct, mean, *cells])
    _table(sheet, columns, rows)
