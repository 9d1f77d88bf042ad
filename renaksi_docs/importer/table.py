"""The Rencana Aksi table(s) → one group of body rows per indicator.

Headers are matched loosely (case, spacing, punctuation and line breaks ignored, a few
common synonyms, close spellings); the table may be split into several tables or repeat its
header row; merges may be `w:vMerge` or repeated text; empty rows, a title row above the
header and a numbering row under it are skipped; unknown columns are reported and ignored.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import Enum

from ..workbook.cells import parse_quarter
from .blocks import Cell, Paragraph, Row, Table
from .kinds import foreign_header
from .report import Finding


class Heading(Enum):
    """The 13 headers of the official table (docs/documents.md), as printed."""

    SASARAN = "SASARAN KEGIATAN"
    INDIKATOR = "INDIKATOR KINERJA"
    TARGET = "TARGET"
    RUMUS = "RUMUS PERHITUNGAN"
    KEGIATAN = "KEGIATAN"
    PAGU = "PAGU"
    RPD = "RENCANA PENARIKAN DANA"
    REALISASI = "REALISASI ANGGARAN"
    RENCANA = "RENCANA KEGIATAN"
    CAPAIAN = "CAPAIAN"
    DATA = "DATA"
    STATUS = "STATUS PELAKSANA"
    KETERANGAN = "KETERANGAN"


SYNONYMS: dict[Heading, tuple[str, ...]] = {
    Heading.SASARAN: ("SASARAN", "SASARAN STRATEGIS", "SASARAN PROGRAM"),
    Heading.INDIKATOR: ("INDIKATOR", "INDIKATOR KINERJA KEGIATAN", "IKK"),
    Heading.TARGET: ("TARGET KINERJA", "TARGET TAHUNAN"),
    Heading.RUMUS: ("RUMUS", "FORMULA", "CARA PERHITUNGAN", "RUMUS PENGHITUNGAN"),
    Heading.KEGIATAN: ("NAMA KEGIATAN",),
    Heading.PAGU: ("PAGU ANGGARAN", "ANGGARAN"),
    Heading.RPD: ("RPD", "RENCANA PENARIKAN"),
    Heading.REALISASI: ("REALISASI",),
    Heading.RENCANA: ("RENCANA AKSI",),
    Heading.CAPAIAN: ("CAPAIAN KINERJA", "REALISASI KINERJA"),
    Heading.DATA: ("DATA DUKUNG", "SUMBER DATA"),
    Heading.STATUS: ("STATUS PELAKSANAAN", "STATUS"),
    Heading.KETERANGAN: ("KET",),
}
"""Other names a hand-made table uses for a column (besides the official one)."""
SPLIT_COLUMNS = frozenset({Heading.RENCANA, Heading.CAPAIAN})
"""Headers that span a quarter-label sub-column and a content sub-column."""
MIN_HEADERS = 4
"""A row naming at least this many known columns is a header row, when one of them is
a column only a Rencana Aksi has (`RENCANA_AKSI_ONLY`)."""
RENCANA_AKSI_ONLY = (
    Heading.RUMUS,
    Heading.KEGIATAN,
    Heading.RPD,
    Heading.REALISASI,
    Heading.RENCANA,
    Heading.DATA,
    Heading.STATUS,
)
"""Columns the Pengukuran Kinerja and the Perjanjian Kinerja do not print: a table without
any of them is not a Rencana Aksi table, however many other headers it shares."""
HEADER_SEARCH_ROWS = 6

_KEYS = {
    re.sub(r"[^A-Z]", "", name): column
    for column in Heading
    for name in (column.value, *SYNONYMS[column])
}


def _key(text: str) -> str:
    return re.sub(r"[^A-Z]", "", text.upper())


def match_header(text: str) -> Heading | None:
    """The column a header text names, or None."""
    key = _key(text)
    if not key or len(text) > 60 or foreign_header(text):
        return None
    if key in _KEYS:
        return _KEYS[key]
    close = difflib.get_close_matches(key, list(_KEYS), n=1, cutoff=0.85)
    return _KEYS[close[0]] if close else None


def quarter_of(text: str) -> int | None:
    """1..4 for 'TW I', 'Triwulan II', 'TW-3', 'I'; None otherwise (also for a bare digit,
    which is more likely a row number)."""
    cleaned = re.sub(r"[^0-9A-Za-z ]", " ", text)
    if cleaned.strip().isdigit():
        return None
    try:
        return parse_quarter(" ".join(cleaned.split()))
    except ValueError:
        return None


@dataclass
class Layout:
    """Which grid columns of a table hold which field."""

    width: int
    """Grid columns of the header row."""
    columns: dict[int, tuple[Heading, str]]
    """Grid column → (column, part): part 'label' (quarter label), 'content' or ''."""
    names: dict[Heading, str]
    """Header text as the document writes it (for messages)."""
    edges: dict[tuple[int, int], tuple[Heading, str]]
    """Page position (left, right edge of each grid column under a header) → its place."""


@dataclass
class BodyRow:
    """One data row of the table."""

    table: int
    number: int
    cells: dict[Heading, Cell]
    """Content cell of each known column present in the row."""
    quarter: int | None
    """From a quarter label (TW I …) in the row, else None."""

    def text(self, column: Heading) -> str:
        """The column's text (a continued merge shows its origin's text)."""
        cell = self.cells.get(column)
        return cell.text if cell is not None else ""

    def starts(self, column: Heading) -> bool:
        """The column's cell is written here (not a continued merge) and is not empty."""
        cell = self.cells.get(column)
        return cell is not None and bool(cell.own_text)


@dataclass
class Group:
    """The body rows of one indicator, TW I..IV."""

    rows: list[BodyRow] = field(default_factory=list)


@dataclass
class Reading:
    """What the tables gave."""

    groups: list[Group]
    layout: Layout | None
    titles: list[Paragraph]
    """Rows above the header inside a table (a title written into the table)."""
    first_table: int
    """Number of the first table that belongs to the Rencana Aksi table (0: none)."""
    last_table: int
    """Number of the last one."""
    findings: list[Finding]


def _width(row: Row) -> int:
    return max((c.column + c.span for c in row.cells), default=0)


def _header_row(table: Table) -> tuple[int, dict[Cell, Heading]] | None:
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        found = {cell: match_header(cell.own_text) for cell in row.cells}
        named = {cell: column for cell, column in found.items() if column is not None}
        columns = set(named.values())
        if len(columns) >= MIN_HEADERS and columns.intersection(RENCANA_AKSI_ONLY):
            return index, named
    return None


def _layout(table: Table, index: int, named: dict[Cell, Heading], out: list[Finding]) -> Layout:
    row = table.rows[index]
    columns: dict[int, tuple[Heading, str]] = {}
    names: dict[Heading, str] = {}
    for cell in row.cells:
        column = named.get(cell)
        if column is None:
            if cell.own_text:
                out.append(
                    Finding(
                        f'kolom "{_one_line(cell.own_text)}" tidak dikenal; isinya diabaikan',
                        table.number,
                        row.number,
                    )
                )
            continue
        if column in names:
            out.append(
                Finding(
                    f"judul {column.value} muncul dua kali; hanya kolom pertama yang dibaca",
                    table.number,
                    row.number,
                )
            )
            continue
        names[column] = _one_line(cell.own_text)
        span = range(cell.column, cell.column + cell.span)
        for position in span:
            part = ""
            if column in SPLIT_COLUMNS and cell.span > 1:
                part = "label" if position == cell.column else "content"
            columns[position] = (column, part)
    missing = [c for c in (Heading.INDIKATOR,) if c not in names]
    for column in missing:
        out.append(
            Finding(
                f"kolom {column.value} tidak ditemukan di judul tabel", table.number, row.number
            )
        )
    edges: dict[tuple[int, int], tuple[Heading, str]] = {}
    if len(table.grid) >= _width(row):
        for position, place in columns.items():
            start = sum(table.grid[:position])
            edges[(start, start + table.grid[position])] = place
    return Layout(_width(row), columns, names, edges)


def read_tables(tables: list[Table], first_paragraphs: int = 0) -> Reading:
    """Find the Rencana Aksi table(s) among `tables` and group their rows by indicator."""
    findings: list[Finding] = []
    titles: list[Paragraph] = []
    layout: Layout | None = None
    rows: list[BodyRow] = []
    first = last = 0
    for table in tables:
        start = 0
        header = _header_row(table)
        if header is not None:
            index, named = header
            if layout is None:
                for above in table.rows[:index]:
                    for cell in above.cells:
                        titles.extend(p for p in cell.paragraphs if p.text)
                layout = _layout(table, index, named, findings)
            start = index + 1
        elif layout is None or not table.rows or last != table.number - 1:
            continue  # not right after the Rencana Aksi table
        elif _width(table.rows[0]) != layout.width:
            aligned = _aligned(layout, table)
            if aligned is None:
                continue
            findings.append(
                Finding(
                    "tabel lanjutan dengan kolom berbeda; kolomnya dicocokkan menurut letaknya "
                    "di bawah judul kolom tabel sebelumnya, periksa hasilnya",
                    table.number,
                    1,
                )
            )
            rows.extend(_body_rows(table, 0, aligned, findings))
            last = table.number
            continue
        first, last = first or table.number, table.number
        assert layout is not None
        rows.extend(_body_rows(table, start, layout, findings))
    return Reading(_group(rows, findings, layout), layout, titles, first, last, findings)


def _aligned(layout: Layout, table: Table) -> Layout | None:
    """A layout for a headerless table whose grid differs: each grid column takes the header
    column it lies under (by page position); None when either table has no grid widths."""
    if not layout.edges or not table.grid:
        return None
    columns: dict[int, tuple[Heading, str]] = {}
    left = 0
    for index, width in enumerate(table.grid):
        middle = left + width / 2
        left += width
        for (start, end), place in layout.edges.items():
            if start <= middle < end:
                columns[index] = place
                break
    return Layout(len(table.grid), columns, layout.names, {})


def _repeats_header(row: Row, layout: Layout) -> bool:
    """The row names, in place, at least half of the header's columns (exact names only)."""
    same = 0
    for cell in row.cells:
        place = layout.columns.get(cell.column)
        if place is not None and _KEYS.get(_key(cell.own_text)) is place[0]:
            same += 1
    return same >= max(MIN_HEADERS, len(layout.names) // 2)


def _body_rows(table: Table, start: int, layout: Layout, out: list[Finding]) -> list[BodyRow]:
    result: list[BodyRow] = []
    reported: set[int] = set()
    seen_data = False
    for row in table.rows[start:]:
        if not any(cell.own_text for cell in row.cells):
            continue  # empty (trailing) row, or only continued merges
        if _repeats_header(row, layout):
            continue  # the header repeated (a split table, or a new page)
        cells: dict[Heading, Cell] = {}
        quarter: int | None = None
        for cell in row.cells:
            place = layout.columns.get(cell.column)
            if place is None:
                label = quarter_of(cell.own_text) if cell.own_text else None
                if label is not None:
                    quarter = quarter or label
                elif cell.own_text and cell.column not in reported:
                    reported.add(cell.column)
                    out.append(
                        Finding(
                            "sel di luar kolom yang dikenal; isinya diabaikan: "
                            f'"{_short(cell.own_text)}"',
                            table.number,
                            row.number,
                        )
                    )
                continue
            column, part = place
            if part == "label":
                label = quarter_of(cell.text) if cell.text else None
                quarter = quarter or label
                continue
            if column in (Heading.RENCANA, Heading.CAPAIAN) and column not in cells:
                label = quarter_of(cell.own_text) if cell.own_text else None
                if label is not None and part == "":
                    # one sub-column only: a bare label is not content
                    quarter = quarter or label
                    continue
            cells.setdefault(column, cell)
        body = BodyRow(table.number, row.number, cells, quarter)
        if not seen_data and quarter is None and not body.starts(Heading.INDIKATOR):
            if not all(_heading_like(c.own_text) for c in row.cells):
                out.append(
                    Finding(
                        "baris di bawah judul kolom tanpa indikator dan tanpa triwulan; dilewati",
                        table.number,
                        row.number,
                    )
                )
            continue
        seen_data = True
        result.append(body)
    return result


def _group(rows: list[BodyRow], out: list[Finding], layout: Layout | None) -> list[Group]:
    groups: list[Group] = []
    current: Group | None = None
    for row in rows:
        starts = row.starts(Heading.INDIKATOR)
        if starts and current is not None:
            same_text = _fold(row.text(Heading.INDIKATOR)) == _fold(
                current.rows[0].text(Heading.INDIKATOR)
            )
            taken = {r.quarter for r in current.rows}
            if same_text and len(current.rows) < 4 and row.quarter not in taken:
                starts = False  # the indicator's text repeated on each row instead of merged
        if starts or current is None:
            if current is None and not starts:
                name = layout.names.get(Heading.INDIKATOR) if layout else None
                out.append(
                    Finding(
                        "baris tanpa indikator sebelum indikator pertama; dilewati",
                        row.table,
                        row.number,
                        name,
                    )
                )
                continue
            current = Group()
            groups.append(current)
        current.rows.append(row)
    return groups


def _heading_like(text: str) -> bool:
    """Heading numbers ('(1)', '2') or a short sub-heading ('TW', 'URAIAN')."""
    return bool(re.fullmatch(r"[\d().\s]*", text)) or len(text.split()) <= 2


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _short(text: str) -> str:
    line = _one_line(text)
    return line if len(line) <= 60 else line[:57] + "…"
