"""Each column is declared once in schema.py; the model, the reader and the blank workbook's
cell rules and Petunjuk sheet all agree with that declaration."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from renaksi_docs.model import Band, Indicator, Kind, QuarterFigures, Unit
from renaksi_docs.workbook import schema
from renaksi_docs.workbook.cells import parse_choice
from renaksi_docs.workbook.reader import read_plan
from renaksi_docs.workbook.samples import MAGELANG
from renaksi_docs.workbook.schema import Check, Column
from renaksi_docs.workbook.standard import WorkbookContent, build_workbook

from .conftest import make_workbook

RECORDS: dict[str, tuple[tuple[Column[Any], ...], type]] = {
    schema.SHEET_IDENTITAS: (schema.IDENTITAS, Unit),
    schema.SHEET_INDIKATOR: (schema.INDIKATOR, Indicator),
    schema.SHEET_TRIWULAN: (schema.TRIWULAN_COLUMNS, QuarterFigures),
    schema.SHEET_PREDIKAT: (schema.PREDIKAT_COLUMNS, Band),
}


@pytest.mark.parametrize("sheet", sorted(RECORDS))
def test_every_column_fills_a_model_attribute(sheet: str) -> None:
    """Each declared attribute exists on the sheet's model record (Triwulan's Kode links to
    Indicator.code), and no two columns of a sheet fill the same attribute."""
    columns, record = RECORDS[sheet]
    names = {f.name for f in dataclasses.fields(record)}
    attrs = [c.attr for c in columns if not (record is QuarterFigures and c.attr == "code")]
    assert sorted(set(attrs) - names) == []
    assert len(set(attrs)) == len(attrs)
    assert len({c.header for c in columns}) == len(columns)


def _rules(book: Workbook, sheet: str) -> dict[str, DataValidation]:
    """Header → the cell rule on its column (tables) or its Identitas row."""
    ws = book[sheet]
    found: dict[str, DataValidation] = {}
    for rule in ws.data_validations.dataValidation:
        first = str(rule.sqref).split()[0].split(":")[0]
        cell = ws[first]
        label = ws.cell(cell.row, 1).value if sheet == schema.SHEET_IDENTITAS else None
        header = label or ws.cell(1, cell.column).value
        found[str(header)] = rule
    return found


_COUNTIFS = re.compile(
    r"COUNTIFS\((\w+)!\$([A-Z]+)\$2:\$[A-Z]+\$(\d+),\$([A-Z]+)\d+,"
    r'\1!\$([A-Z]+)\$2:\$[A-Z]+\$\d+,"([a-z ]+)"\)'
)

_COUNTIF = re.compile(r"COUNTIF\((\w+)!\$([A-Z]+)\$2:\$[A-Z]+\$(\d+),\$([A-Z]+)\d+\)=0")


def _rule_allows(
    rule: DataValidation, number: Decimal, book: Workbook, sheet: str, row: int
) -> bool:
    """Whether the spreadsheet's rule accepts `number` typed into `row` of `sheet` in `book`
    (the rule's formula evaluated here the way Excel and Calc evaluate it)."""
    # Every number rule is a formula: the cell as a number >= 0, or (signed columns) the row's
    # indicator's Jenis Rumus looked up with COUNTIFS; tests/test_spreadsheet.py runs them in Calc.
    assert rule.type == "custom", rule.type
    if number >= 0:
        return True
    for other, kode, last, own in _COUNTIF.findall(rule.formula1):  # an unknown indicator
        code = book[sheet][f"{own}{row}"].value
        if code is None or all(
            book[other][f"{kode}{r}"].value != code for r in range(2, int(last) + 1)
        ):
            return True
    found = 0
    for other, kode, last, own, jenis, kind in _COUNTIFS.findall(rule.formula1):
        code = book[sheet][f"{own}{row}"].value
        found += sum(
            1
            for r in range(2, int(last) + 1)
            if book[other][f"{kode}{r}"].value == code and book[other][f"{jenis}{r}"].value == kind
        )
    return found > 0


@pytest.mark.parametrize("sheet", sorted(RECORDS))
def test_cell_rules_follow_the_declaration(sheet: str) -> None:
    """Dropdowns list exactly the declared options; number rules refuse a negative number
    exactly where the declaration does (Nilai takes -12,5 because pertumbuhan may)."""
    book = build_workbook(MAGELANG)
    rules = _rules(book, sheet)
    kinds = _row_kinds(book, sheet)
    for column in RECORDS[sheet][0]:
        rule = rules.get(column.header)
        if column.scales:  # a dropdown of the Skala sheet's scale names
            assert rule is not None and rule.type == "list", column.header
            assert rule.formula1.startswith(f"{schema.SHEET_SKALA}!$A$2:$A$")
        elif column.check is Check.LIST:
            assert rule is not None and rule.type == "list", column.header
            assert rule.formula1 == '"' + ",".join(column.options) + '"'
        elif column.check in (Check.WHOLE, Check.DECIMAL):
            assert rule is not None, column.header
            for row, kind in kinds.items():
                signed = kind in column.signed_for
                assert _rule_allows(rule, Decimal("-12.5"), book, sheet, row) == signed
                assert _rule_allows(rule, Decimal(12), book, sheet, row), column.header
        else:
            assert rule is None, column.header


def _row_kinds(book: Workbook, sheet: str) -> dict[int, Kind | None]:
    """Data row → the Jenis Rumus of its indicator (None where a row has no indicator)."""
    jenis = {
        r[0]: parse_choice(r[5], Kind)
        for r in book[schema.SHEET_INDIKATOR].iter_rows(min_row=2, values_only=True)
        if r[0]
    }
    if sheet == schema.SHEET_INDIKATOR:
        return {
            n: jenis[c]
            for n, (c, *_rest) in enumerate(
                book[sheet].iter_rows(min_row=2, values_only=True), start=2
            )
            if c
        }
    if sheet == schema.SHEET_TRIWULAN:
        return {
            n: jenis.get(c)
            for n, (c, *_rest) in enumerate(
                book[sheet].iter_rows(min_row=2, values_only=True), start=2
            )
            if c
        }
    return {2: None, 3: None}


def test_only_nilai_is_signed() -> None:
    """Among the numbers a clerk types, only Triwulan Nilai may be negative, for pertumbuhan."""
    signed = {
        (sheet, c.header): {k.value for k in c.signed_for}
        for sheet, (columns, _record) in RECORDS.items()
        for c in columns
        if c.signed
    }
    assert signed == {(schema.SHEET_TRIWULAN, "Nilai"): {"pertumbuhan"}}


def _put(sheet: str, cell: str, value: object) -> Callable[[Workbook], None]:
    return lambda book: book[sheet].__setitem__(cell, value)


@pytest.mark.parametrize(
    ("sheet", "column", "row", "indicator_kind"),
    [
        ("Triwulan", schema.NILAI, 18, "pertumbuhan"),
        ("Triwulan", schema.NILAI, 2, "persentase"),
        ("Indikator", schema.TARGET, 2, "persentase"),
        ("Indikator", schema.NILAI_DASAR, 6, "pertumbuhan"),
        ("Triwulan", schema.PEMBILANG, 18, "pertumbuhan"),
    ],
)
def test_reader_and_rule_agree_on_negatives(
    tmp_path: Path, sheet: str, column: Column[Any], row: int, indicator_kind: str
) -> None:
    """The reader accepts -12,5 in a cell exactly when the declaration signs the column for the
    row's Jenis Rumus, and the blank workbook's cell rule accepts it exactly then too."""
    letter = "ABCDEFGHIJKLMNOP"[[c.header for c in RECORDS[sheet][0]].index(column.header)]
    reading = read_plan(make_workbook(tmp_path, _put(sheet, f"{letter}{row}", "-12,5")))
    accepted = not any(p.cell == f"{letter}{row}" for p in reading.errors)
    allowed = any(k.value == indicator_kind for k in column.signed_for)
    assert accepted == allowed
    book = build_workbook(MAGELANG)
    rule = _rules(book, sheet)[column.header]
    assert _rule_allows(rule, Decimal("-12.5"), book, sheet, row) == accepted


def test_petunjuk_explains_every_column() -> None:
    """The Petunjuk sheet has a line for every declared column with its help and example."""
    sheet = build_workbook(WorkbookContent())[schema.SHEET_PETUNJUK]
    lines = {(r[0], r[2], r[3]) for r in sheet.iter_rows(values_only=True) if len(r) >= 4}
    for columns, _record in RECORDS.values():
        for column in columns:
            assert (column.header, column.help, column.example) in lines, column.header


def test_identitas_row_notes_and_dropdowns() -> None:
    """init writes every Identitas row with its note in column C, and Tanda Tangan as a
    dropdown of basah/elektronik."""
    book = build_workbook(WorkbookContent())
    sheet = book[schema.SHEET_IDENTITAS]
    notes = {r[0]: r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
    for column in schema.IDENTITAS:
        assert notes[column.header].startswith(column.help), column.header
    assert _rules(book, schema.SHEET_IDENTITAS)["Tanda Tangan"].formula1 == '"basah,elektronik"'


# -- docs/workbook.md: its column tables are generated from the declaration ------------------------
GUIDE = Path(__file__).resolve().parent.parent / "docs" / "workbook.md"
_BEGIN, _END = "<!-- kolom: dibuat dari schema.py -->", "<!-- kolom: akhir -->"


def column_tables() -> str:
    """The guide's tables of every sheet's columns (Identitas rows), from schema.py."""
    parts = []
    sheets = [(sheet, columns) for sheet, (columns, _record) in RECORDS.items()]
    for sheet, columns in [*sheets, (schema.SHEET_SKALA, schema.SKALA_COLUMNS)]:
        parts += [
            f"**Lembar {sheet}**",
            "",
            "| Kolom / isian | Wajib | Cara mengisi | Contoh |",
            "| --- | --- | --- | --- |",
        ]
        for column in columns:
            cells = (column.header, column.required_label, column.help, column.example)
            parts.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        parts.append("")
    return "\n".join(parts)


def test_guide_tables_follow_the_declaration() -> None:
    """docs/workbook.md lists every column as schema.py declares it (regenerate with
    `python -m tests.test_schema`)."""
    from renaksi_docs.workbook.cells import DOCUMENT_MARKS

    text = GUIDE.read_text(encoding="utf-8")
    section = text.split(_BEGIN)[1].split(_END)[0]
    assert section.strip() == column_tables().strip()
    marks = next(line for line in text.splitlines() if "dicetak dokumen sendiri" in line)
    assert sorted(marks.split("`")[1].split()) == sorted(DOCUMENT_MARKS)


if __name__ == "__main__":
    text = GUIDE.read_text(encoding="utf-8")
    head, rest = text.split(_BEGIN)
    GUIDE.write_text(
        f"{head}{_BEGIN}\n{column_tables()}\n{_END}{rest.split(_END)[1]}", encoding="utf-8"
    )
