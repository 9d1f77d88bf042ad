"""Each column is declared once in schema.py; the model, the reader and the blank workbook's
cell rules and Petunjuk sheet all agree with that declaration."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
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
    Indicator.code), no two columns of a sheet fill the same attribute, and every field of the
    record (but an Indicator's quarters) is filled by a column."""
    columns, record = RECORDS[sheet]
    names = {f.name for f in dataclasses.fields(record)}
    attrs = [c.attr for c in columns if not (record is QuarterFigures and c.attr == "code")]
    assert sorted(set(attrs) - names) == []
    assert len(set(attrs)) == len(attrs)
    # and every field is some column's: the reader builds the record from the columns alone
    assert sorted(names - set(attrs)) == (["quarters"] if record is Indicator else [])
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
        if column.check is Check.LIST:
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
    for sheet, (columns, _record) in RECORDS.items():
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


# -- one declaration per fact: nothing outside schema.py restates a header or an option list ------
PACKAGE = Path(__file__).resolve().parent.parent / "renaksi_docs"
DECLARING = {"workbook/schema.py", "model.py"}
"""Where headers and option values are declared (schema.py) and the enums (model.py)."""
ALLOWED = {
    ("documents/pengukuran.py", "Kendala"): "the Pengukuran report's own printed label before a "
    "quarter's obstacles (beside its 'Tindak lanjut'), the document's wording, not the header",
    ("rekap/xlsx.py", "Indikator"): "the recap workbook's own sheet of indicators (docs/rekap.md)",
    ("workbook/container.py", "Target"): "the Target attribute of an OOXML package relationship",
}
"""(file, string) → why that literal is a different fact that happens to equal a header."""

ALL_COLUMNS = [c for columns, _record in RECORDS.values() for c in columns]
HEADERS = {c.header for c in ALL_COLUMNS} | {
    schema.SHEET_PETUNJUK,
    schema.SHEET_IDENTITAS,
    schema.SHEET_INDIKATOR,
    schema.SHEET_TRIWULAN,
    schema.SHEET_PREDIKAT,
}
OPTION_LISTS = {c.options for c in ALL_COLUMNS if c.options}
OPTION_VALUES = {o for c in ALL_COLUMNS if c.options != schema.QUARTER_OPTIONS for o in c.options}
"""Single option values worth flagging: the enums' words (a lone "I" or "II" is too common a
string to be a restated quarter, so the quarters are flagged only as a list)."""


def restatements(source: str, name: str) -> list[str]:
    """'file:line: …' for every string literal of `source` that equals a declared header,
    Identitas label, sheet name or enum option, and every literal list/tuple/set holding two or
    more values of one declared option list (the quarters I–IV, the Jenis Rumus, …)."""
    import ast

    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if (text in HEADERS or text in OPTION_VALUES) and (name, text) not in ALLOWED:
                found.append(
                    (node.lineno, f"{name}:{node.lineno}: {text!r} restates a declaration")
                )
        elif isinstance(node, ast.Tuple | ast.List | ast.Set):
            texts = {e.value for e in node.elts if isinstance(e, ast.Constant)}
            for options in OPTION_LISTS:
                if len(texts & set(options)) >= 2:
                    message = f"a list restates {', '.join(options)}"
                    found.append((node.lineno, f"{name}:{node.lineno}: {message}"))
    return [message for _line, message in sorted(found)]


def test_nothing_restates_a_declaration() -> None:
    """No module outside schema.py and model.py spells a header, an Identitas label, a sheet
    name, an option or an option list (the quarters I–IV) that schema.py declares."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name not in DECLARING:
            found += restatements(path.read_text(encoding="utf-8"), name)
    assert found == []


def test_the_scanner_finds_a_planted_restatement() -> None:
    """The scan itself can fail: a header, an option and the quarter list typed again in a
    small source are each found with their line, and an allowed literal is not."""
    source = (
        'row = {"Jenis Rumus": "persentase"}\n'
        'QUARTERS = ("I", "II", "III", "IV")\n'
        'attribute = "Target"\n'
    )
    found = restatements(source, "workbook/container.py")
    assert found == [
        "workbook/container.py:1: 'Jenis Rumus' restates a declaration",
        "workbook/container.py:1: 'persentase' restates a declaration",
        "workbook/container.py:2: a list restates I, II, III, IV",
    ]
    assert (
        restatements(source, "elsewhere.py")[-1]
        == "elsewhere.py:3: 'Target' restates a declaration"
    )


# -- defaults: declared once, rendered into the help, applied by the reader ------------------------
def _other(column: Column[Any]) -> object:
    """A value other than the column's default, of the same sort."""
    if column.options:
        default = column.default_for(None)
        plain = default.value if isinstance(default, Enum) else default
        return next(o for o in column.options if o != plain)
    return "@" if isinstance(column.default_for(None), str) else 1


DEFAULTED = [
    c
    for c in ALL_COLUMNS
    if isinstance(c.default, schema.ByKind) or c.default not in (None, "", ())
]


@pytest.mark.parametrize("column", DEFAULTED, ids=lambda c: c.header)
def test_help_notes_follow_the_default(column: Column[Any]) -> None:
    """A column's "(bawaan …)" help text is rendered from its declared default: declaring
    another default changes the help, so the two cannot drift apart."""
    assert "bawaan" in column.help or "kosong berarti" in column.help
    changed = dataclasses.replace(column, default=_other(column))
    assert changed.help != column.help


@pytest.mark.parametrize("sheet", sorted(RECORDS))
def test_defaults_agree_with_the_model_records(sheet: str) -> None:
    """Where a model record has a dataclass default (Unit.signing, the empty quarter), the
    column's declared default is that same value."""
    columns, record = RECORDS[sheet]
    defaults = {
        f.name: f.default
        for f in dataclasses.fields(record)
        if f.default is not dataclasses.MISSING
    }
    for column in columns:
        if column.attr in defaults:
            assert column.default == defaults[column.attr], column.header


def test_reader_applies_the_declared_defaults(tmp_path: Path) -> None:
    """Empty Satuan, Polaritas and Akumulasi cells, and an absent Triwulan row, become the
    declared defaults (Satuan and Akumulasi by Jenis Rumus)."""
    reading = read_plan(make_workbook(tmp_path))
    assert reading.plan is not None, reading.errors
    for indicator in reading.plan.indicators:
        assert indicator.satuan == schema.SATUAN.default_for(indicator.kind)
        assert indicator.polarity == schema.POLARITAS.default
        assert indicator.accumulation == schema.AKUMULASI.default_for(indicator.kind)
    ik7 = reading.plan.indicators[-1]
    assert (ik7.kind, ik7.satuan, ik7.accumulation.value) == (Kind.INDEKS, "indeks", "terakhir")
    unit = reading.plan.unit
    assert (unit.signing, unit.tte_tag, unit.position) == (
        schema.TANDA_TANGAN.default,
        schema.PENANDA_TTE.default,
        "",
    )


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (WorkbookContent(identitas={"Nama Upt": "Lapas"}), ('"Nama Upt"', '"Nama UPT"')),
        (WorkbookContent(indikator=[{"Satuann": "orang"}]), ('"Satuann"', '"Satuan"')),
        (
            WorkbookContent(triwulan=[{"Rencana Penarikan": 0}]),
            ('"Rencana Penarikan"', '"Rencana Penarikan Dana"'),
        ),
    ],
)
def test_mistyped_content_key_is_an_error(content: WorkbookContent, named: tuple[str, str]) -> None:
    """A WorkbookContent key that schema.py does not declare is refused, naming the key and the
    closest declared header, instead of being dropped without a word."""
    with pytest.raises(ValueError) as raised:
        build_workbook(content)
    assert all(part in str(raised.value) for part in named)
