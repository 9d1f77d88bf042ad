"""The standard workbook: writes the blank one (`renaksi-docs init`) and filled ones.

The layout comes from `schema`; this module only turns it into an .xlsx with openpyxl:
headers, widths, frozen header rows, dropdowns, number checks and the Petunjuk sheet.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..files import in_memory, write_atomically
from ..model import DEFAULT_BANDS
from . import schema
from .schema import Check, Column

DATA_ROWS = {
    schema.SHEET_INDIKATOR: 300,
    schema.SHEET_TRIWULAN: 1200,
    schema.SHEET_PREDIKAT: 20,
    schema.SHEET_SKALA: 200,
}
"""How far down the dropdowns and number checks reach."""

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class WorkbookContent:
    """What to put into a workbook: Identitas values and table rows, keyed by header."""

    identitas: Mapping[str, object] = field(default_factory=dict)
    indikator: Sequence[Mapping[str, object]] = ()
    triwulan: Sequence[Mapping[str, object]] = ()
    predikat: Sequence[Mapping[str, object]] = schema.DEFAULT_PREDIKAT_ROWS
    """The Predikat sheet's rows; the default bands unless given."""
    skala: Sequence[Mapping[str, object]] = schema.DEFAULT_SKALA_ROWS
    """The Skala sheet's rows; the built-in scales unless given."""


def write_workbook(
    path: Path, content: WorkbookContent = WorkbookContent(), force: bool = False
) -> Path:
    """Write the standard workbook with `content` to `path` (atomically)."""
    book = build_workbook(content)
    return write_atomically(Path(path), in_memory(book.save), force)


def build_workbook(content: WorkbookContent) -> Workbook:
    """The standard workbook in memory."""
    book = Workbook()
    petunjuk = book.active
    assert petunjuk is not None
    petunjuk.title = schema.SHEET_PETUNJUK
    _fill_petunjuk(petunjuk)
    _fill_identitas(book.create_sheet(schema.SHEET_IDENTITAS), content.identitas)
    for title, rows in (
        (schema.SHEET_INDIKATOR, content.indikator),
        (schema.SHEET_TRIWULAN, content.triwulan),
        (schema.SHEET_PREDIKAT, content.predikat),
        (schema.SHEET_SKALA, content.skala),
    ):
        _fill_table(book.create_sheet(title), schema.TABLE_SHEETS[title], rows, DATA_ROWS[title])
    book.active = 1
    return book


def _header(sheet: Worksheet, headers: Sequence[str]) -> None:
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
    sheet.freeze_panes = "A2"


_AS_NUMBER = 'IF(ISNUMBER({cell}),{cell},_xlfn.NUMBERVALUE({cell},",","."))'
"""A cell as a number: the number stored, or its text read with the Indonesian marks, under
any regional setting (`1.250.000` and `3,52` stay text under English settings). NUMBERVALUE
needs Excel 2013 or LibreOffice 4.1; .xlsx files spell it with the `_xlfn.` prefix, as Excel
writes it (LibreOffice Calc reads that spelling, not the bare name)."""

_NUMBER_RULES = {
    # (check, signed) → (the test on the number {n}, the refusal message); {signed} is the
    # test that the row's indicator is of a Jenis Rumus that may be negative ({kinds})
    (Check.WHOLE, False): (
        "IFERROR(AND({n}>=0,{n}=INT({n})),FALSE)",
        "Isian ini tidak terbaca sebagai bilangan bulat 0 atau lebih (ada huruf, desimal atau "
        "tanda minus). Contoh isian: {example}; titik hanya untuk ribuan.",
    ),
    (Check.DECIMAL, False): (
        "IFERROR({n}>=0,FALSE)",
        "Isian ini tidak terbaca sebagai angka 0 atau lebih (ada huruf atau tanda minus). "
        "Contoh isian: {example}; koma untuk desimal, titik untuk ribuan, boleh diakhiri %.",
    ),
    (Check.DECIMAL, True): (
        "IFERROR(OR({n}>=0,{signed}),FALSE)",
        "Isian ini tidak terbaca sebagai angka 0 atau lebih (ada huruf, atau tanda minus pada "
        "indikator yang bukan {kinds}). Contoh isian: {example}; angka negatif (mis. -12,5) "
        "hanya untuk {kinds}; koma untuk desimal.",
    ),
}


def _skala_range(column: Column[Any]) -> str:
    """The Skala sheet's cells of `column` (absolute), as far down as its rules reach."""
    letter = _letter(schema.SKALA_COLUMNS, column)
    return f"{schema.SHEET_SKALA}!${letter}$2:${letter}${DATA_ROWS[schema.SHEET_SKALA]}"


def _range_or_level(spec: Column[Any], cell: str) -> str:
    """Formula terms: `cell` holds a range (a text with -, – or s.d. after its first
    character) when the column takes ranges, a level of the Skala sheet when it takes levels."""
    terms = []
    if spec.ranges:
        found = "+".join(
            f'ISNUMBER(SEARCH("{mark}",MID({cell},2,99)))' for mark in ("-", "–", "s.d")
        )
        terms.append(f"AND(ISTEXT({cell}),{found})")
    if spec.levels:
        terms.append(f"COUNTIF({_skala_range(schema.TINGKAT)},{cell})>0")
    return ",".join(terms)


def _validation(spec: Column[Any], sheet: str, cell: str) -> DataValidation | None:
    """The cell rule of a column, from its declaration alone (check, options, sign).

    `cell` is the first cell the rule covers on `sheet`: a custom formula is written for it and
    the spreadsheet shifts it to every other cell. A number rule accepts a stored number and
    any text the reader parses as one (measured in LibreOffice Calc under id-ID and en-US:
    tests/test_spreadsheet.py); a column negative only for some Jenis Rumus looks up the
    row's indicator (Kode → Jenis Rumus). Every rule only warns: the clerk may keep an entry
    the rule doubts, and the reader has the last word, naming the cell.
    """
    if spec.scales:
        rule = DataValidation(
            type="list", formula1=_skala_range(schema.NAMA_SKALA), allow_blank=True
        )
        rule.error = "Isian ini bukan nama skala di lembar Skala. Pilih dari daftar di sel ini."
    elif spec.check is Check.LIST:
        rule = DataValidation(
            type="list", formula1='"' + ",".join(spec.options) + '"', allow_blank=True
        )
        rule.error = (
            f"Isian ini bukan salah satu pilihan ({', '.join(spec.options)}). "
            "Pilih dari daftar di sel ini."
        )
    elif spec.check in (Check.WHOLE, Check.DECIMAL):
        signed = spec.check is Check.DECIMAL and spec.signed
        test, refused = _NUMBER_RULES[spec.check, signed]
        kinds = sorted(k.value for k in spec.signed_for)
        formula = test.format(
            n=_AS_NUMBER.format(cell=cell),
            signed=_kind_is(sheet, cell, kinds) if signed else "",
        )
        more = _range_or_level(spec, cell)
        if more:
            formula = f"OR({formula},{more})"
        rule = DataValidation(type="custom", formula1=formula, allow_blank=True)
        rule.error = refused.format(example=spec.example, kinds=", ".join(kinds))
        if spec.ranges:
            rule.error += " Boleh juga rentang (80–90) atau tingkat di lembar Skala (WTP)."
        elif spec.levels:
            rule.error += " Kategori: tingkat di lembar Skala (WTP)."
    else:
        return None
    rule.errorStyle = "warning"
    rule.errorTitle = spec.header
    rule.showErrorMessage = True
    rule.prompt = spec.help
    rule.promptTitle = spec.header
    rule.showInputMessage = True
    return rule


def _letter(columns: Sequence[Column[Any]], column: Column[Any]) -> str:
    return get_column_letter(columns.index(column) + 1)


def _kind_is(sheet: str, cell: str, kinds: Sequence[str]) -> str:
    """A formula: the Jenis Rumus of the indicator of `cell`'s row is one of `kinds`, or the row
    names no known indicator (as the reader, which then reports the Kode instead)."""
    row = "".join(c for c in cell if c.isdigit())
    last = DATA_ROWS[schema.SHEET_INDIKATOR]
    jenis = _letter(schema.INDIKATOR, schema.JENIS_RUMUS)
    if sheet == schema.SHEET_INDIKATOR:
        return "OR(" + ",".join(f'${jenis}{row}="{kind}"' for kind in kinds) + ")"
    kode = _letter(schema.INDIKATOR, schema.KODE)
    own = _letter(schema.TABLE_SHEETS[sheet], schema.KODE_TRIWULAN)
    where = f"{schema.SHEET_INDIKATOR}!${kode}$2:${kode}${last},${own}{row}"
    matches = [
        f'COUNTIFS({where},{schema.SHEET_INDIKATOR}!${jenis}$2:${jenis}${last},"{kind}")'
        for kind in kinds
    ]
    # A row whose indicator is not (yet) known cannot be judged here; the reader judges it.
    known = f"{schema.SHEET_INDIKATOR}!${kode}$2:${kode}${last}"
    unknown = f"ISBLANK(${own}{row}),COUNTIF({known},${own}{row})=0"
    return "OR(" + "+".join(matches) + f">0,{unknown})"


def _format(cell: Cell, code: str | None) -> None:
    """Give `cell` the format `code`; a date or number given by a sample stays as it is."""
    if code == schema.TEXT_FORMAT and cell.value is not None and not isinstance(cell.value, str):
        return
    if code is not None:
        cell.number_format = code


def _fill_table(
    sheet: Worksheet,
    fields: Sequence[Column[Any]],
    rows: Sequence[Mapping[str, object]],
    last_row: int,
) -> None:
    _header(sheet, [f.header for f in fields])
    for column, spec in enumerate(fields, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = spec.width
        code = spec.number_format
        if code is not None:  # the column's style: Excel and Calc give it to typed cells
            sheet.column_dimensions[letter].number_format = code
        rule = _validation(spec, sheet.title, f"{letter}2")
        if rule is not None:
            sheet.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}{last_row}")
    for row in rows:
        _check_keys(row, fields, sheet.title)
        sheet.append([row.get(f.header) for f in fields])
    formats = [spec.number_format for spec in fields]
    for line in sheet.iter_rows(min_row=2):
        for cell, code in zip(line, formats, strict=False):
            cell.alignment = _WRAP
            _format(cell, code)


def _check_keys(values: Mapping[str, object], fields: Sequence[Column[Any]], sheet: str) -> None:
    """Every key of `values` is a header (Identitas label) that `fields` declare."""
    declared = [f.header for f in fields]
    for key in values:
        if key not in declared:
            close = difflib.get_close_matches(str(key), declared, n=1, cutoff=0)
            raise ValueError(
                f'"{key}" is not a declared column of the {sheet} sheet (schema.py); '
                f'the closest is "{close[0]}"'
            )


def _fill_identitas(sheet: Worksheet, values: Mapping[str, object]) -> None:
    _check_keys(values, schema.IDENTITAS, sheet.title)
    _header(sheet, schema.IDENTITAS_TITLES)
    for width, letter in ((26, "A"), (46, "B"), (80, "C")):
        sheet.column_dimensions[letter].width = width
    for number, spec in enumerate(schema.IDENTITAS, start=2):
        required = " (wajib)" if spec.required else ""
        if spec.needed:
            required = f" (wajib {spec.required_label})"
        sheet.append([spec.header, values.get(spec.header), spec.help + required])
        sheet[f"A{number}"].font = Font(bold=spec.required)
        sheet[f"C{number}"].alignment = _WRAP
        _format(sheet[f"B{number}"], spec.number_format)
        rule = _validation(spec, sheet.title, f"B{number}")
        if rule is not None and spec.check is not Check.DATE:
            sheet.add_data_validation(rule)
            rule.add(f"B{number}")


_DEFAULT_BANDS = ", ".join(
    [f"≥ {int(band.lower)} {band.label}" for band in DEFAULT_BANDS[:-1]]
    + [f"di bawahnya {DEFAULT_BANDS[-1].label}"]
)
_STEPS = (
    "Cara mengisi workbook Rencana Aksi (renaksi-docs)",
    "",
    "1. Lembar Identitas: isi kolom Nilai untuk setiap isian; yang bertanda (wajib) harus diisi.",
    "2. Lembar Indikator: satu baris untuk setiap indikator kinerja, berurutan seperti di dokumen.",
    "3. Lembar Triwulan: satu baris untuk setiap indikator dan triwulan (I–IV) yang sudah ada "
    "angkanya; urutan bebas.",
    "4. Lembar Predikat (boleh dihapus): batas bawah capaian (%) tiap predikat, dari yang "
    f"tertinggi ke terendah; tanpa lembar ini dipakai predikat bawaan ({_DEFAULT_BANDS}).",
    "5. Lembar Skala: tingkat untuk indikator kategori (opini WTP, predikat SAKIP BB, Zona "
    "Integritas WBK, maturitas SPIP Level 3), satu baris per tingkat, dari yang terbaik; "
    "boleh menambah skala sendiri.",
    "",
    "Indikator Perjanjian Kinerja yang nyata, dengan contoh:",
    "- Target rentang: 80–90 (atau 80-90, 80 s.d. 90, boleh dengan %). Capaian 100% di dalam "
    "rentang; 70 terhadap 80–90 = 87,5%; 92 = 102,22%. Polaritas minimal 7–8 bulan: 6,5 = "
    "107,14%; 9 = 87,5%.",
    "- Jenis Rumus kategori: isi kolom Skala (mis. Opini BPK), Target berupa tingkat (WTP) "
    "dan Nilai triwulan berupa tingkat yang dicapai. Capaian 100% bila sama atau lebih baik "
    "dari target; di bawahnya Nilai tingkat / Nilai target × 100 bila skala memberi Nilai, "
    "selain itu 0.",
    "- Target Triwulan (lembar Triwulan): target sampai akhir triwulan itu, mis. 3, 6, 9, 12 "
    "kegiatan; Pengukuran Kinerja mengukur capaian terhadapnya (6 dari 6 pada TW II = 100%) "
    "dan mencetak capaian tahunan di sampingnya.",
    "- Akumulasi rata-rata: rata-rata nilai tiap triwulan yang dilaporkan, mis. IKM 3,2 lalu "
    "3,6 = 3,4.",
    "- Pembilang dan Penyebut boleh desimal (2,5 ton, 6,5 bulan) dan Pembilang boleh lebih "
    "besar dari Penyebut (hunian 470 dari 196 = 239,8%).",
    "- Batas Capaian (%) di lembar Identitas, mis. 120: capaian di atasnya dihitung 120 dalam "
    "rata-rata capaian; setiap baris tetap mencetak capaian sebenarnya.",
    "",
    "6. Periksa: renaksi-docs validate NAMA-BERKAS.xlsx (setiap masalah disebut dengan lembar "
    "dan selnya).",
    "7. Buat dokumen: renaksi-docs build NAMA-BERKAS.xlsx -t II --pdf; Perjanjian Kinerja "
    "(awal tahun, perlu Nama Atasan dan Jabatan Atasan): tambahkan --dokumen perjanjian.",
    "",
    "Angka boleh diketik gaya Indonesia: 3,52 (desimal dengan koma), 1.250.000 (ribuan dengan "
    "titik), 75%. Jangan menggabungkan sel (merge) di lembar Indikator dan Triwulan.",
    "Workbook ini tidak pernah diubah oleh renaksi-docs: simpan sepanjang tahun dan perbarui "
    "setiap triwulan.",
)


def _fill_petunjuk(sheet: Worksheet) -> None:
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 8
    sheet.column_dimensions["C"].width = 80
    sheet.column_dimensions["D"].width = 40
    for line in _STEPS:
        sheet.append([line or None])
    sheet["A1"].font = Font(bold=True, size=14)
    for title, fields in (
        (schema.SHEET_IDENTITAS, schema.IDENTITAS),
        (schema.SHEET_INDIKATOR, schema.INDIKATOR),
        (schema.SHEET_TRIWULAN, schema.TRIWULAN_COLUMNS),
        (schema.SHEET_PREDIKAT, schema.PREDIKAT_COLUMNS),
        (schema.SHEET_SKALA, schema.SKALA_COLUMNS),
    ):
        sheet.append([])
        sheet.append([f"Lembar {title}"])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        sheet.append(["Kolom / isian", "Wajib", "Cara mengisi", "Contoh"])
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        for spec in fields:
            sheet.append([spec.header, spec.required_label or None, spec.help, spec.example])
            for cell in sheet[sheet.max_row]:
                cell.alignment = _WRAP
