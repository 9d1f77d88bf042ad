"""Workbook → `Plan`, with every problem collected (PRODUCT.md §2).

The only module that reads workbooks with openpyxl; nothing openpyxl leaves it. The file is
checked as a container first (is it an xlsx at all, is it encrypted, would it expand into
gigabytes) so that openpyxl only ever sees a plausible, bounded file.
"""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from babel.numbers import format_decimal
from openpyxl.cell.cell import Cell
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from . import schema
from .errors import Problem, Severity
from .model import (
    QUARTERS,
    ROMAN,
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
from .values import (
    did_you_mean,
    normalise,
    parse_choice,
    parse_date,
    parse_number,
    parse_quarter,
    to_decimal,
)

MAX_UNCOMPRESSED = 64 * 1024 * 1024
"""Refuse a workbook whose parts expand beyond this (a real one is a few MB at most)."""
MAX_RATIO = 200
"""Refuse a part that expands more than this many times (zip bombs reach thousands)."""
HEADER_SEARCH_ROWS = 10
LOGO_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp"}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNCACHED = object()
"""A formula cell whose value Excel never stored."""


@dataclass(frozen=True)
class Reading:
    """What reading a workbook gave: the plan (None when there are errors) and all problems."""

    path: Path
    plan: Plan | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that stop a build."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that are printed while the build goes on."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


class _FileRefused(Exception):
    """The file is not a workbook we may open; the message says why and what to do."""


class _WorkbookReader(ExcelReader):
    """openpyxl's reader, minus the Petunjuk sheet: our own instructions, never read back, yet a
    quarter of a standard workbook's cells (about 14 ms of a 50 ms load; bench/batch_speed.py).
    It filters the sheet list openpyxl walks; should that internal change, all sheets load."""

    sheet_names: list[str]
    """Every sheet in the file, Petunjuk included, in order."""

    def read_worksheets(self) -> None:
        every = list(self.parser.find_sheets())
        self.sheet_names = [sheet.name for sheet, _rel in every]
        self.parser.find_sheets = lambda: (
            (sheet, rel) for sheet, rel in every if sheet.name != schema.SHEET_PETUNJUK
        )
        super().read_worksheets()


def _load_workbook(path: Path, data_only: bool) -> tuple[Workbook, list[str]]:
    """openpyxl.load_workbook without the Petunjuk sheet, and the names of all sheets."""
    reader = _WorkbookReader(path, read_only=False, data_only=data_only)
    reader.read()
    return reader.wb, getattr(reader, "sheet_names", reader.wb.sheetnames)


def read_plan(path: Path) -> Reading:
    """Read the workbook at `path` into a Plan, or say everything that is wrong with it."""
    path = Path(path)
    try:
        _check_container(path)
        workbook, sheet_names = _load_workbook(path, data_only=False)
    except _FileRefused as exc:
        return Reading(path, None, (Problem(Severity.ERROR, str(exc)),))
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        ParseError,
        EOFError,
    ) as exc:
        # openpyxl raises all of these for a damaged package; defusedxml's refusals of
        # entities and DTDs are ValueErrors too.
        message = f"berkas tidak dapat dibaca sebagai workbook Excel ({type(exc).__name__}); "
        message += "buka di Excel, periksa isinya, lalu simpan ulang sebagai .xlsx"
        return Reading(path, None, (Problem(Severity.ERROR, message),))
    except OSError as exc:
        message = f"berkas tidak dapat dibuka: {exc.strerror or exc}"
        return Reading(path, None, (Problem(Severity.ERROR, message),))
    reader = _Reader(path, workbook, sheet_names)
    plan = reader.read()
    problems = tuple(reader.problems)
    if any(p.severity is Severity.ERROR for p in problems):
        plan = None
    return Reading(path, plan, problems)


def _check_container(path: Path) -> None:
    """Refuse anything that is not a plain, reasonably sized .xlsx package."""
    if path.is_dir():
        raise _FileRefused("ini sebuah folder, bukan berkas .xlsx")
    with path.open("rb") as handle:
        head = handle.read(8)
        if head.startswith(_OLE_MAGIC):
            handle.seek(0)
            blob = handle.read(4 * 1024 * 1024)
            if "EncryptedPackage".encode("utf-16-le") in blob:
                raise _FileRefused(
                    "workbook dilindungi kata sandi; buka di Excel, hapus kata sandinya "
                    "(File > Info > Protect Workbook), lalu simpan ulang"
                )
            raise _FileRefused(
                "ini berkas Excel lama (.xls); buka di Excel lalu simpan sebagai "
                "Excel Workbook (.xlsx)"
            )
    if not head:
        raise _FileRefused("berkas kosong (0 bita); isi workbook standar dari `renaksi-docs init`")
    if not head.startswith(b"PK"):
        raise _FileRefused(
            "bukan berkas Excel .xlsx (mis. CSV atau teks); buka di Excel lalu simpan "
            "sebagai Excel Workbook (.xlsx)"
        )
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise _FileRefused(
            "berkas .xlsx rusak atau terpotong; salin ulang berkas aslinya atau simpan ulang "
            "dari Excel"
        ) from None
    with package:
        _check_members(package)


def _check_members(package: zipfile.ZipFile) -> None:
    """The package holds a workbook of reasonable size without DTDs."""
    members = package.infolist()
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            kind = "dokumen Word (.docx)"
        elif "content.xml" in names:
            kind = "berkas OpenDocument (.ods)"
        else:
            kind = "berkas zip lain"
        raise _FileRefused(f"ini {kind}, bukan workbook Excel; simpan sebagai .xlsx")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNCOMPRESSED or (member.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            megabytes = format_decimal(member.file_size // 1_000_000, locale="id")
            raise _FileRefused(
                f"berkas ditolak: isinya mengembang jauh melebihi ukuran wajar "
                f"({member.filename}: {megabytes} MB setelah dibuka); kemungkinan rusak atau "
                "berbahaya"
            )
    try:
        _refuse_dtd(package, members)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise _FileRefused(
            "berkas .xlsx rusak (isi terkompresinya tidak dapat dibuka); salin ulang berkas "
            "aslinya atau simpan ulang dari Excel"
        ) from None


_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
PROLOG_BYTES = 64 * 1024
"""How much of each XML part is searched for a DTD (which must precede the root element)."""


def _refuse_dtd(package: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Refuse DTDs and entity declarations (XXE, billion laughs): Excel never writes them.

    openpyxl parses with defusedxml too; this check does not depend on its settings and
    happens before any XML parser runs. Only the first PROLOG_BYTES of a part are read.
    """
    for member in members:
        if not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with package.open(member) as part:
            head = part.read(PROLOG_BYTES)
        if any(marker in head for marker in _DTD_MARKERS):
            raise _FileRefused(
                f"berkas ditolak: bagian {member.filename} memuat deklarasi DTD/entitas XML "
                "yang tidak pernah ditulis Excel (bisa dipakai untuk serangan); buka berkas "
                "aslinya di Excel lalu simpan ulang"
            )


@dataclass
class _Table:
    """A table sheet: its header row and which column each known field is in."""

    sheet: Worksheet
    header_row: int
    columns: dict[str, int] = field(default_factory=dict)
    """Field header → 1-based column index."""


class _Reader:
    """One pass over one workbook; collects problems in `self.problems`."""

    def __init__(self, path: Path, workbook: Workbook, sheet_names: list[str]) -> None:
        self.path = path
        self.workbook = workbook
        self.sheet_names = sheet_names
        self.problems: list[Problem] = []
        self._cached_book: Workbook | None = None
        self.uncached: set[tuple[str, str]] = set()
        """(sheet, cell) of formula cells whose value Excel never stored."""

    # -- problems --------------------------------------------------------------------------
    def error(self, sheet: Worksheet | None, cell: str | None, message: str) -> None:
        self.problems.append(Problem(Severity.ERROR, message, sheet.title if sheet else None, cell))

    def warn(self, sheet: Worksheet | None, cell: str | None, message: str) -> None:
        self.problems.append(
            Problem(Severity.WARNING, message, sheet.title if sheet else None, cell)
        )

    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    # -- cells -----------------------------------------------------------------------------
    def raw(self, sheet: Worksheet, cell: Cell) -> Any:
        """The cell's value; for a formula, the value Excel stored, or `_UNCACHED`."""
        if cell.data_type != "f":
            return cell.value
        if self._cached_book is None:
            self._cached_book = _load_workbook(self.path, data_only=True)[0]
        cached = self._cached_book[sheet.title][cell.coordinate].value
        if cached is None:
            self.uncached.add((sheet.title, cell.coordinate))
            self.warn(
                sheet,
                cell.coordinate,
                "rumus Excel di sel ini belum pernah dihitung (berkas belum disimpan oleh "
                "Excel), jadi nilainya dianggap kosong; buka berkas di Excel lalu simpan, "
                "atau ketik angkanya langsung",
            )
            return _UNCACHED
        return cached

    def convert(
        self,
        sheet: Worksheet,
        cell: Cell,
        label: str,
        parse: Callable[[Any, Cell], Any],
        required: bool = False,
    ) -> Any:
        """Parse one cell with `parse`; a failure becomes a problem and gives None."""
        value = self.raw(sheet, cell)
        if value is _UNCACHED or _blank(value):
            if required:
                self.error(sheet, cell.coordinate, f"{label} harus diisi")
            return None
        try:
            return parse(value, cell)
        except ValueError as exc:
            self.error(sheet, cell.coordinate, f"{label}: {exc}")
            return None

    # -- sheets ----------------------------------------------------------------------------
    def sheet(self, name: str) -> Worksheet | None:
        by_key = {normalise(ws.title): ws for ws in self.workbook.worksheets}
        found = by_key.get(normalise(name))
        if found is None:
            titles = self.sheet_names
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
        rows = self.read_indicators(indikator) if indikator is not None else []
        codes = {fields["code"]: fields for fields in rows if fields["code"]}
        quarters = self.read_quarters(triwulan, codes) if triwulan is not None else {}
        if indikator is not None and not rows and not self.has_errors():
            self.error(
                indikator, None, "belum ada indikator; isi minimal satu baris di bawah judul"
            )
        if unit is None or self.has_errors():
            return None
        indicators = []
        for fields in rows:
            figures = quarters.get(fields["code"], {})
            fields["quarters"] = tuple(figures.get(k, QuarterFigures(k)) for k in QUARTERS)
            indicators.append(Indicator(**fields))
        return Plan(unit, tuple(indicators))

    # -- Identitas -------------------------------------------------------------------------
    def read_unit(self, sheet: Worksheet) -> Unit | None:
        known = {normalise(f.header): f for f in schema.IDENTITAS}
        cells: dict[str, Cell] = {}
        for label_cell, value_cell in sheet.iter_rows(min_col=1, max_col=2):
            label = label_cell.value
            if _blank(label) or not isinstance(label, str):
                continue
            spec = known.get(normalise(label))
            if spec is None:
                hint = did_you_mean(label, [f.header for f in schema.IDENTITAS])
                if hint:
                    self.warn(
                        sheet,
                        label_cell.coordinate,
                        f'isian "{label.strip()}" tidak dikenal dan diabaikan.{hint}',
                    )
                continue
            if spec.header in cells:
                self.error(
                    sheet,
                    label_cell.coordinate,
                    f'isian "{spec.header}" muncul dua kali (juga di baris '
                    f"{cells[spec.header].row}); hapus salah satunya",
                )
                continue
            cells[spec.header] = value_cell

        values: dict[str, Any] = {}
        for spec in schema.IDENTITAS:
            cell = cells.get(spec.header)
            if cell is None:
                if spec.required:
                    self.error(
                        sheet,
                        None,
                        f'isian "{spec.header}" tidak ada; tambahkan baris dengan '
                        f'"{spec.header}" di kolom A dan nilainya di kolom B',
                    )
                values[spec.header] = None
                continue
            values[spec.header] = self.convert(
                sheet,
                cell,
                spec.header,
                _IDENTITAS_PARSERS.get(spec.header, _text),
                required=spec.required,
            )

        logo = None
        if values["Logo"]:
            logo = (self.path.parent / values["Logo"]).resolve()
            cell = cells["Logo"].coordinate
            if logo.suffix.lower() not in LOGO_SUFFIXES:
                self.error(sheet, cell, "Logo harus berkas gambar PNG atau JPG")
                logo = None
            elif not logo.is_file():
                self.error(
                    sheet,
                    cell,
                    f'berkas logo "{values["Logo"]}" tidak ditemukan; '
                    "letakkan gambarnya di folder yang sama dengan workbook",
                )
                logo = None
        required = ("Nama UPT", "Tahun", "Kota", "Tanggal", "Nama Penandatangan")
        if any(values[name] is None for name in required):
            return None
        return Unit(
            nama=values["Nama UPT"],
            tahun=values["Tahun"],
            kota=values["Kota"],
            tanggal=values["Tanggal"],
            jabatan=values["Jabatan Penandatangan"] or "",
            penandatangan=values["Nama Penandatangan"],
            nip=values["NIP"] or "",
            triwulan=values["Triwulan"],
            paper=values["Ukuran Kertas"] or PaperSize.A4,
            rounding=values["Pembulatan"] or Rounding.BULAT,
            logo=logo,
        )

    # -- tables ----------------------------------------------------------------------------
    def table(self, sheet: Worksheet, fields: tuple[schema.Field, ...]) -> _Table | None:
        """Find the header row and map each known header to its column."""
        known = {normalise(f.header): f.header for f in fields}
        best_row, best_hits = 0, 0
        limit = min(sheet.max_row, HEADER_SEARCH_ROWS)
        for row in sheet.iter_rows(min_row=1, max_row=limit):
            hits = sum(1 for c in row if isinstance(c.value, str) and normalise(c.value) in known)
            if hits > best_hits:
                best_row, best_hits = row[0].row, hits
        if best_hits < 2:
            self.error(
                sheet,
                "A1",
                "baris judul kolom tidak ditemukan; baris pertama harus berisi judul "
                f"seperti {', '.join(f.header for f in fields[:4])}, … "
                "(salin dari workbook standar: renaksi-docs init)",
            )
            return None
        table = _Table(sheet, best_row)
        unknown: list[Cell] = []
        for cell in sheet[best_row]:
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
        missing = [f.header for f in fields if f.header not in table.columns]
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
                    + did_you_mean(text, [f.header for f in fields]),
                )
        header_end = get_column_letter(max(sheet.max_column, 1))
        for spec in fields:
            if spec.header in missing and spec.required:
                self.error(
                    sheet,
                    f"A{best_row}:{header_end}{best_row}",
                    f'kolom "{spec.header}" tidak ada; tambahkan kolom dengan judul '
                    f'"{spec.header}"',
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

    def rows(self, table: _Table) -> Iterator[dict[str, Cell]]:
        """Non-empty data rows below the header, as header → cell."""
        sheet = table.sheet
        last_column = max(table.columns.values(), default=1)
        hidden: list[int] = []
        for row in sheet.iter_rows(min_row=table.header_row + 1, max_col=last_column):
            cells = {h: row[c - 1] for h, c in table.columns.items()}
            if all(_blank(c.value) for c in cells.values()):
                continue
            number = row[0].row
            dimension = sheet.row_dimensions.get(number)
            if dimension is not None and dimension.hidden:
                hidden.append(number)
            yield cells
        if hidden:
            listed = ", ".join(str(r) for r in hidden[:5]) + (" …" if len(hidden) > 5 else "")
            self.warn(
                sheet,
                str(hidden[0]),
                f"baris tersembunyi ({listed}) tetap dibaca; tampilkan (Unhide) untuk "
                "memeriksanya, atau hapus bila tidak dipakai",
            )

    # -- Indikator -------------------------------------------------------------------------
    def read_indicators(self, sheet: Worksheet) -> list[dict[str, Any]]:
        table = self.table(sheet, schema.INDIKATOR)
        if table is None:
            return []
        result: list[dict[str, Any]] = []
        seen: dict[str, str] = {}
        for cells in self.rows(table):
            get = _Getter(self, sheet, cells)
            code = get("Kode", _text, required=True)
            if code is not None:
                if code in seen:
                    self.error(
                        sheet,
                        cells["Kode"].coordinate,
                        f'Kode "{code}" sudah dipakai di {seen[code]}; setiap indikator '
                        "perlu kode yang berbeda",
                    )
                    code = None
                else:
                    seen[code] = cells["Kode"].coordinate
            kind = get("Jenis Rumus", _choice(Kind), required=True)
            target = get("Target", _non_negative, required=True)
            polarity = get("Polaritas", _choice(Polarity)) or Polarity.MAKSIMAL
            default_acc = Accumulation.TERAKHIR if kind is Kind.INDEKS else Accumulation.KUMULATIF
            accumulation = get("Akumulasi", _choice(Accumulation)) or default_acc
            needs_wording = kind in (Kind.PERSENTASE, Kind.PERTUMBUHAN)
            pembilang = get("Pembilang", _text, required=needs_wording)
            penyebut = get("Penyebut", _text, required=needs_wording)
            nilai_dasar = get("Nilai Dasar", _number, required=kind is Kind.PERTUMBUHAN)
            if kind is Kind.PERTUMBUHAN and nilai_dasar is not None and nilai_dasar <= 0:
                self.error(
                    sheet,
                    cells["Nilai Dasar"].coordinate,
                    "Nilai Dasar pertumbuhan harus lebih dari 0 (nilai tahun lalu); "
                    "pertumbuhan dari 0 tidak dapat dihitung",
                )
                nilai_dasar = None
            satuan = get("Satuan", _text) or _default_unit(kind)
            fields: dict[str, Any] = {
                "code": code,
                "sasaran": get("Sasaran Kegiatan", _text, required=True),
                "name": get("Indikator Kinerja", _text, required=True),
                "target": target,
                "satuan": satuan,
                "kind": kind,
                "polarity": polarity,
                "accumulation": accumulation,
                "pembilang": pembilang or "",
                "penyebut": penyebut or "",
                "nilai_dasar": nilai_dasar,
                "rumus": get("Rumus", _text) or "",
                "kegiatan": get("Kegiatan", _text, required=True),
                "rencana_kegiatan": get("Rencana Kegiatan", _text) or "",
                "data": get("Data", _text) or "",
                "keterangan": tuple(
                    line.strip()
                    for line in (get("Keterangan", _text) or "").split("\n")
                    if line.strip()
                ),
            }
            result.append(fields)
        return result

    # -- Triwulan --------------------------------------------------------------------------
    def read_quarters(
        self, sheet: Worksheet, indicators: dict[str, dict[str, Any]]
    ) -> dict[str, dict[int, QuarterFigures]]:
        table = self.table(sheet, schema.TRIWULAN)
        if table is None:
            return {}
        result: dict[str, dict[int, QuarterFigures]] = {}
        seen: dict[tuple[str, int], str] = {}
        for cells in self.rows(table):
            get = _Getter(self, sheet, cells)
            code = get("Kode", _text, required=True)
            quarter = get("Triwulan", _quarter, required=True)
            money: dict[str, int] = {
                name: get(header, _whole) or 0
                for name, header in (
                    ("pagu", "Pagu"),
                    ("rencana_penarikan", "Rencana Penarikan Dana"),
                    ("realisasi_anggaran", "Realisasi Anggaran"),
                )
            }
            pembilang = get("Pembilang", _whole)
            penyebut = get("Penyebut", _whole)
            if any(
                (sheet.title, cells[h].coordinate) in self.uncached
                for h in ("Pembilang", "Penyebut")
                if h in cells
            ):
                pembilang = penyebut = None  # counts unknown: the quarter is not reported
            nilai = get("Nilai", _number)
            status = get("Status Pelaksana", _text) or ""
            if code is not None and code not in indicators:
                self.error(
                    sheet,
                    cells["Kode"].coordinate,
                    f'Kode "{code}" tidak ada di lembar Indikator; periksa ketikannya.'
                    + did_you_mean(code, list(indicators)),
                )
                continue
            if code is None or quarter is None:
                continue
            key = (code, quarter)
            where = cells["Triwulan"].coordinate
            if key in seen:
                self.error(
                    sheet,
                    where,
                    f"Kode {code} Triwulan {ROMAN[quarter]} sudah diisi di baris "
                    f"{seen[key]}; gabungkan angkanya dalam satu baris",
                )
                continue
            seen[key] = where
            kind = indicators[code]["kind"]
            self.check_quarter(sheet, cells, kind, pembilang, penyebut, money)
            result.setdefault(code, {})[quarter] = QuarterFigures(
                quarter=quarter,
                pembilang=pembilang,
                penyebut=penyebut,
                nilai=nilai,
                status=status,
                pagu=money["pagu"],
                rencana_penarikan=money["rencana_penarikan"],
                realisasi_anggaran=money["realisasi_anggaran"],
            )
        return result

    def check_quarter(
        self,
        sheet: Worksheet,
        cells: dict[str, Cell],
        kind: Kind | None,
        pembilang: Decimal | None,
        penyebut: Decimal | None,
        money: dict[str, int],
    ) -> None:
        """The cross-field rules of one Triwulan row."""
        if money["realisasi_anggaran"] > money["pagu"]:
            self.warn(
                sheet,
                cells["Realisasi Anggaran"].coordinate,
                "Realisasi Anggaran melebihi Pagu; periksa angkanya",
            )
        if kind is not Kind.PERSENTASE:
            return
        if pembilang is not None and penyebut is None:
            self.error(
                sheet,
                cells["Penyebut"].coordinate,
                "Penyebut harus diisi bila Pembilang diisi (persentase)",
            )
        elif penyebut is not None and pembilang is None:
            self.error(
                sheet,
                cells["Pembilang"].coordinate,
                "Pembilang harus diisi bila Penyebut diisi (persentase)",
            )
        elif pembilang is not None and penyebut is not None:
            if pembilang > penyebut:
                self.error(
                    sheet,
                    cells["Pembilang"].coordinate,
                    f"Pembilang ({_shown(pembilang)}) lebih besar dari Penyebut "
                    f"({_shown(penyebut)}); "
                    "persentase tidak boleh melebihi 100%, periksa kedua angka",
                )
            elif penyebut == 0:
                self.warn(
                    sheet,
                    cells["Penyebut"].coordinate,
                    "Penyebut 0: capaian triwulan ini tidak dapat dihitung dan dicetak -",
                )


class _Getter:
    """Reads named fields of one table row, skipping columns the sheet does not have."""

    def __init__(self, reader: _Reader, sheet: Worksheet, cells: dict[str, Cell]) -> None:
        self.reader, self.sheet, self.cells = reader, sheet, cells

    def __call__(
        self, header: str, parse: Callable[[Any, Cell], Any], required: bool = False
    ) -> Any:
        cell = self.cells.get(header)
        if cell is None:
            return None
        return self.reader.convert(self.sheet, cell, header, parse, required)


# -- value parsers: (raw cell value, cell) → typed value, or ValueError ----------------------
def _shown(number: Decimal) -> str:
    """A number in a message, written the Indonesian way: 1.250.000,5."""
    return format_decimal(number, format="#,##0.##########", locale="id")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any, cell: Cell) -> str:
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if isinstance(value, bool):
        return "YA" if value else "TIDAK"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value)


def _number(value: Any, cell: Cell) -> Decimal:
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        raise ValueError("harus angka, mis. 75 atau 3,52")
    if isinstance(value, (int, float)):
        number = to_decimal(value)
        if "%" in (cell.number_format or ""):
            number *= 100  # Excel keeps 80% as 0.8
        return number
    number, _percent = parse_number(str(value))
    return number


def _non_negative(value: Any, cell: Cell) -> Decimal:
    number = _number(value, cell)
    if number < 0:
        raise ValueError(f"tidak boleh negatif ({_shown(number)})")
    return number


def _whole(value: Any, cell: Cell) -> int:
    number = _non_negative(value, cell)
    if number != number.to_integral_value():
        raise ValueError(f"harus bilangan bulat, tanpa desimal ({_shown(number)})")
    return int(number)


def _quarter(value: Any, cell: Cell) -> int:
    return parse_quarter(value)


def _choice(enum: type[Any]) -> Callable[[Any, Cell], Any]:
    def parse(value: Any, cell: Cell) -> Any:
        return parse_choice(str(value), enum)

    return parse


def _year(value: Any, cell: Cell) -> int:
    year = _whole(value, cell)
    if not 2000 <= year <= 2100:
        raise ValueError(f"tahun {year} tidak wajar; isi tahun empat angka, mis. 2026")
    return year


def _date(value: Any, cell: Cell) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise ValueError("bukan tanggal; isi tanggal Excel atau teks seperti 22 Juni 2026")


def _nip(value: Any, cell: Cell) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            f"diketik sebagai angka ({value:.2E}) sehingga Excel membulatkan digit akhirnya; "
            "ketik ulang sebagai teks dengan tanda petik di depan, mis. '19700101 199003 1 001"
        )
    text = " ".join(str(value).split())
    digits = text.replace(" ", "")
    if not digits.isdigit() or len(digits) != 18:
        raise ValueError(f'"{text}" bukan NIP; NIP terdiri dari 18 angka (boleh berspasi)')
    return text


def _default_unit(kind: Kind | None) -> str:
    if kind is Kind.INDEKS:
        return "indeks"
    if kind is Kind.JUMLAH:
        return ""
    return "%"


_IDENTITAS_PARSERS: dict[str, Callable[[Any, Cell], Any]] = {
    "Tahun": _year,
    "Tanggal": _date,
    "NIP": _nip,
    "Triwulan": _quarter,
    "Ukuran Kertas": _choice(PaperSize),
    "Pembulatan": _choice(Rounding),
}
