"""What a clerk's spreadsheet stores under Indonesian and English regional settings.

Two parts. The corpus in tests/data/calc was typed in LibreOffice Calc (`tests/calc/corpus.py`
regenerates it) and is read here like any clerk's file. The live tests drive Calc headless
(`tests/calc/fill.py`) to type into a blank `renaksi-docs init` workbook; they are skipped when
Calc or python3-uno is missing (.ci/run installs both). Calc is started once per locale for the
whole module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from renaksi_docs.errors import Problem
from renaksi_docs.model import Plan
from renaksi_docs.workbook import schema
from renaksi_docs.workbook.reader import read_plan
from renaksi_docs.workbook.standard import WorkbookContent, build_workbook, write_workbook

from . import calc
from . import calc as driver  # inside `typed`, whose fixture `calc` hides the module
from .calc import corpus

EN, ID = "en-US", "id-ID"


def _read(case: str, locale: str) -> tuple[Plan | None, tuple[Problem, ...]]:
    reading = read_plan(corpus.path(case, locale))
    return reading.plan, reading.problems


def _at(problems: tuple[Problem, ...], where: str) -> list[str]:
    """The messages of the problems located at `where` ('Sheet!A1')."""
    return [p.message for p in problems if p.location == where]


# -- the corpus: files typed in Calc ---------------------------------------------------------
@pytest.mark.parametrize("case", sorted(corpus.CASES))
@pytest.mark.parametrize("locale", calc.LOCALES)
def test_corpus_file_is_calcs(case: str, locale: str) -> None:
    """Every corpus file exists and was written by LibreOffice Calc (not by openpyxl)."""
    path = corpus.path(case, locale)
    book = load_workbook(path)
    assert "LibreOffice" in (book.properties.creator or "") + _application(path)


def _application(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as package:
        return package.read("docProps/app.xml").decode()


def test_indonesian_settings_store_every_form_right() -> None:
    """Under id-ID Calc stores 950.000, 1.000, 1.200, 06/07/2026 and 3,52 as meant."""
    plan, problems = _read("salah-baca", ID)
    assert plan is not None
    lp1, lp2, lp8 = plan.indicators[0], plan.indicators[1], plan.indicators[7]
    assert plan.unit.date == dt.date(2026, 7, 6)
    assert lp1.quarters[0].realisasi_anggaran == 950_000
    assert lp1.quarters[0].pagu == 1_250_000
    assert lp2.quarters[0].pembilang == 1000
    assert lp2.target == 1200
    assert lp8.quarters[0].nilai == Decimal("3.52")
    typed = {f"{sheet}!{cell}" for sheet, cell, _ in corpus.CASES["salah-baca"]}
    assert not [str(p) for p in problems if p.location in typed]


def test_english_settings_keep_the_text_forms_readable() -> None:
    """Under en-US Calc keeps 1.250.000 and 3,52 as text, and the reader raises nothing there."""
    book = load_workbook(corpus.path("salah-baca", EN))
    assert (book["Triwulan"]["C2"].value, book["Triwulan"]["H23"].value) == ("1.250.000", "3,52")
    problems = _read("salah-baca", EN)[1]
    assert _at(problems, "Triwulan!C2") == _at(problems, "Triwulan!H23") == []


def test_english_settings_misread_the_rest() -> None:
    """Under en-US Calc stores 950.000 as 950, 1.200 as 1.2, 1.000 as 1 and 06/07/2026 as
    7 June with a month-first format code: the hazard the reader's checks answer."""
    book = load_workbook(corpus.path("salah-baca", EN))
    triwulan, tanggal = book["Triwulan"], book["Identitas"]["B5"]
    assert (triwulan["E2"].value, book["Indikator"]["D3"].value, triwulan["F5"].value) == (
        950,
        1.2,
        1,
    )
    assert tanggal.value == dt.datetime(2026, 6, 7)
    assert tanggal.number_format.lower().startswith("mm")


def test_money_below_a_thousand_is_questioned() -> None:
    """Realisasi Anggaran 950 (typed 950.000 under en-US) is reported with the likely 950.000."""
    messages = " ".join(_at(_read("salah-baca", EN)[1], "Triwulan!E2"))
    assert re.search(r"(?<![\d.])950(?![\d.])", messages), messages
    assert "950.000" in messages


def test_target_with_thousands_decimals_is_questioned() -> None:
    """Target 1,2 orang (typed 1.200 under en-US) is reported with the likely 1.200."""
    messages = " ".join(_at(_read("salah-baca", EN)[1], "Indikator!D3"))
    assert "1,2" in messages and "1.200" in messages, messages


def test_month_first_date_names_both_readings() -> None:
    """Tanggal stored month-first (06/07/2026 under en-US) names 7 Juni and 6 Juli 2026."""
    messages = " ".join(_at(_read("salah-baca", EN)[1], "Identitas!B5"))
    assert "7 Juni 2026" in messages and "6 Juli 2026" in messages, messages


def test_day_first_date_is_not_questioned() -> None:
    """The same typing under id-ID (day-first format code) raises nothing at Tanggal."""
    assert _at(_read("salah-baca", ID)[1], "Identitas!B5") == []


def _formula_cases() -> Iterator[tuple[str, str, str]]:
    codes = ("#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#REF!")
    for (sheet, cell, _formula), code in zip(corpus.CASES["galat-rumus"], codes, strict=True):
        for locale in calc.LOCALES:
            yield locale, f"{sheet}!{cell}", code


@pytest.mark.parametrize(("locale", "where", "code"), list(_formula_cases()))
def test_formula_error_message_says_the_formula_failed(locale: str, where: str, code: str) -> None:
    """A formula Calc stored as an error value is an error at its cell that names the error
    and asks to fix the formula (not "bukan angka")."""
    plan, problems = _read("galat-rumus", locale)
    expected = f"rumus di sel ini menghasilkan galat {code}; perbaiki rumusnya"
    assert plan is None
    assert any(expected in m for m in _at(problems, where)), [str(p) for p in problems]


@pytest.mark.parametrize("locale", calc.LOCALES)
def test_apostrophe_calc_keeps_is_read_as_excel_drops_it(locale: str) -> None:
    """A NIP and a Nilai typed with a leading apostrophe (as the help and messages advised)
    read as typed without it, although Calc keeps the apostrophe in the cell."""
    plan, problems = _read("apostrof", locale)
    assert [str(p) for p in problems if p.cell in ("B8", "H23")] == []
    assert plan is not None
    assert plan.unit.nip == "19751231 200003 2 001"
    assert plan.indicators[7].quarters[0].nilai == Decimal("3.52")


# -- the blank workbook's cell rules as written ---------------------------------------------
def _declared_rules() -> Iterator[tuple[schema.Column[Any], DataValidation]]:
    """Each cell rule of a blank workbook with the column (or Identitas row) it guards."""
    book = build_workbook(WorkbookContent())
    for sheet in book.worksheets:
        for rule in sheet.data_validations.dataValidation:
            first = sheet[str(rule.sqref).split(":")[0]]
            if sheet.title == schema.SHEET_IDENTITAS:
                columns, header = schema.IDENTITAS, sheet.cell(first.row, 1).value
            else:
                columns, header = (
                    schema.TABLE_SHEETS[sheet.title],
                    sheet.cell(1, first.column).value,
                )
            yield next(c for c in columns if c.header == header), rule


def test_rule_messages_say_what_they_refuse() -> None:
    """Every rule warns (never stops) with a message naming what it refuses and a right entry,
    within Excel's limits (title 32, message, prompt and formula 255 characters)."""
    seen = 0
    for column, rule in _declared_rules():
        seen += 1
        assert rule.errorStyle == "warning" and rule.showErrorMessage, column.header
        assert len(rule.errorTitle) <= 32 and len(rule.promptTitle) <= 32, column.header
        assert max(len(rule.error), len(rule.prompt), len(rule.formula1)) <= 255, column.header
        if column.check is schema.Check.LIST:
            assert all(option in rule.error for option in column.options), rule.error
        else:
            assert "tidak terbaca sebagai" in rule.error, rule.error
            assert f"Contoh isian: {column.example}" in rule.error, rule.error
    assert seen == sum(
        1
        for columns in (schema.IDENTITAS, *schema.TABLE_SHEETS.values())
        for c in columns
        if c.check in (schema.Check.LIST, schema.Check.WHOLE, schema.Check.DECIMAL)
    )


# -- live: typing into Calc ------------------------------------------------------------------

# What the issue typed into a spreadsheet with no rules, and what each locale stores:
# (text, kind, value) per locale; a date's value is Calc's serial day number.
_FINDINGS = {
    "950.000": {EN: ("value", 950), ID: ("value", 950_000)},
    "1.000": {EN: ("value", 1), ID: ("value", 1000)},
    "1.200": {EN: ("value", 1.2), ID: ("value", 1200)},
    "06/07/2026": {EN: ("value", 46180), ID: ("value", 46209)},  # 7 Jun / 6 Jul 2026
    "1.250.000": {EN: ("text", None), ID: ("value", 1_250_000)},
    "3,52": {EN: ("text", None), ID: ("value", 3.52)},
    "75%": {EN: ("value", 0.75), ID: ("value", 0.75)},
}


@dataclass(frozen=True)
class Session:
    """The module's Calc sessions: what each locale stored, and where it saved each book."""

    folder: Path
    cells: dict[str, dict[str, list[calc.Typed]]]
    """By locale, then book name."""

    def saved(self, book: str, locale: str) -> Path:
        return self.folder / f"{book}-{locale}.xlsx"

    def at(self, locale: str, book: str, typing: list[calc.Typing]) -> list[calc.Typed]:
        """What `book` stored in the cells of `typing`, in its order."""
        places = {(sheet, cell) for sheet, cell, _ in typing}
        return [c for c in self.cells[locale][book] if (c.sheet, c.cell) in places]


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory, calc: str) -> Session:
    """Types every book of this module in Calc, one session per locale (skipped without
    python3-uno)."""
    if driver.missing():
        pytest.skip(driver.missing())
    folder = tmp_path_factory.mktemp("calc")
    (folder / "corpus").mkdir()
    blank = write_workbook(folder / "blank.xlsx", WorkbookContent())
    typing: dict[str, tuple[Path | None, list[driver.Typing]]] = {
        "findings": (None, [("Sheet1", f"A{n}", t) for n, t in enumerate(_FINDINGS, start=1)]),
        "rules": (blank, _examples(blank) + [(s, c, t) for s, c, t, _ in _FORMS] + _refused()),
        "filled": (blank, _filled(blank)),
    }
    names = [*typing, *(f"corpus-{case}" for case in corpus.CASES)]
    with ThreadPoolExecutor(len(driver.LOCALES)) as pool:
        futures = {
            locale: pool.submit(
                driver.run,
                locale,
                [
                    driver.Book(source, texts, folder / f"{name}-{locale}.xlsx")
                    for name, (source, texts) in typing.items()
                ]
                + corpus.books(locale, folder / "corpus"),
            )
            for locale in driver.LOCALES
        }
        cells = {
            locale: dict(zip(names, future.result(), strict=True))
            for locale, future in futures.items()
        }
    return Session(folder, cells)


_FILES = frozenset({schema.LOGO, schema.GAMBAR_TANDA_TANGAN})
"""Identitas rows whose example names a picture that is not beside the workbook."""


def _examples(blank: Path, files: bool = True) -> list[calc.Typing]:
    """Every Petunjuk example in its cell: Identitas column B, and the first free row of each
    table of the `blank` workbook (the Predikat sheet starts with the default bands)."""
    typing = [
        (schema.SHEET_IDENTITAS, f"B{row}", spec.example)
        for row, spec in enumerate(schema.IDENTITAS, start=2)
        if files or spec not in _FILES
    ]
    book = load_workbook(blank)
    for sheet, columns in schema.TABLE_SHEETS.items():
        row = book[sheet].max_row + 1
        typing += [
            (sheet, f"{get_column_letter(n)}{row}", spec.example)
            for n, spec in enumerate(columns, start=1)
        ]
    return typing


def _filled(blank: Path) -> list[calc.Typing]:
    """The examples that make one readable plan (no pictures, no extra Predikat band), with
    the other Tanggal and NIP forms in place of theirs."""
    return [
        (sheet, cell, _IDENTITAS_FORMS.get(cell, text) if sheet == schema.SHEET_IDENTITAS else text)
        for sheet, cell, text in _examples(blank, files=False)
        if sheet != schema.SHEET_PREDIKAT
    ]


def _column(sheet: str, header: str) -> str:
    headers = [spec.header for spec in schema.TABLE_SHEETS[sheet]]
    return get_column_letter(headers.index(header) + 1)


def _identitas(header: str) -> str:
    return f"B{[spec.header for spec in schema.IDENTITAS].index(header) + 2}"


def _numeric() -> Iterator[tuple[str, str, schema.Column[Any]]]:
    """(sheet, column letter, declaration) of every number column of the tables."""
    for sheet, columns in schema.TABLE_SHEETS.items():
        for n, spec in enumerate(columns, start=1):
            if spec.check in (schema.Check.WHOLE, schema.Check.DECIMAL):
                yield sheet, get_column_letter(n), spec


# The other forms the Petunjuk sheet, the cells' help and the README tell clerks to type:
# (sheet, cell, text, "number", "list" (another spelling of an option) or "text"), typed below
# the examples (from _FORMS_ROW) in the same book.
_FORMS_ROW, _REFUSED_ROW = 7, 14
"""Below the Predikat sheet's default bands and example, within every sheet's rule range."""
_DECIMAL_FORMS = ("5", "5%", "3,52", "120", "75%", "1.250.000", "0")
_WHOLE_FORMS = ("1.250.000", "14", "0", "25000000")
_FORMS: list[tuple[str, str, str, str]] = [
    (sheet, f"{letter}{row}", text, "number")
    for sheet, letter, spec in _numeric()
    for row, text in enumerate(
        _WHOLE_FORMS if spec.check is schema.Check.WHOLE else _DECIMAL_FORMS, start=_FORMS_ROW
    )
]
_FORMS += [
    (schema.SHEET_TRIWULAN, f"{_column(schema.SHEET_TRIWULAN, 'Triwulan')}{row}", text, "list")
    for row, text in enumerate(("1", "4", "TW I", "Triwulan II", "iii"), start=_FORMS_ROW)
]
_SIGNED_ROW = _REFUSED_ROW + 3
"""Triwulan row of a pertumbuhan indicator (IK-P, Indikator row _FORMS_ROW + 1), where Nilai
may be negative; the row below belongs to IK-1 (the persentase example), where it may not."""
_FORMS += [
    (schema.SHEET_INDIKATOR, f"A{_FORMS_ROW}", "1.1", "text"),
    (schema.SHEET_TRIWULAN, f"A{_FORMS_ROW}", "2.10", "text"),
    (schema.SHEET_INDIKATOR, f"A{_FORMS_ROW + 1}", "IK-P", "text"),
    (
        schema.SHEET_INDIKATOR,
        f"{_column(schema.SHEET_INDIKATOR, 'Jenis Rumus')}{_FORMS_ROW + 1}",
        "pertumbuhan",
        "list",
    ),
    (schema.SHEET_TRIWULAN, f"A{_SIGNED_ROW}", "IK-P", "text"),
    (
        schema.SHEET_TRIWULAN,
        f"{_column(schema.SHEET_TRIWULAN, 'Nilai')}{_SIGNED_ROW}",
        "-12,5",
        "number",
    ),
    (schema.SHEET_TRIWULAN, f"A{_SIGNED_ROW + 1}", "IK-1", "text"),
]
_IDENTITAS_FORMS = {
    # Typed into the readable book in place of the examples, so that they are read back too.
    _identitas("Tanggal"): "06/07/2026",
    _identitas("NIP"): "197001011990031001",
}


def _refused() -> list[calc.Typing]:
    """Entries the rules must question: letters; a fraction in a whole column; a negative
    number where the column, or the row's Jenis Rumus, allows none."""
    typing: list[calc.Typing] = []
    for sheet, letter, spec in _numeric():
        typing.append((sheet, f"{letter}{_REFUSED_ROW}", "tiga"))
        if spec.check is schema.Check.WHOLE:
            typing.append((sheet, f"{letter}{_REFUSED_ROW + 1}", "1,5"))
        if not spec.signed:
            typing.append((sheet, f"{letter}{_REFUSED_ROW + 2}", "-12,5"))
        elif sheet == schema.SHEET_TRIWULAN:  # signed, but not for this row's indicator
            typing.append((sheet, f"{letter}{_SIGNED_ROW + 1}", "-12,5"))
    triwulan = _column(schema.SHEET_TRIWULAN, "Triwulan")
    typing.append((schema.SHEET_TRIWULAN, f"{triwulan}{_REFUSED_ROW}", "V"))
    return typing


@pytest.mark.calc
@pytest.mark.parametrize("locale", calc.LOCALES)
def test_calc_stores_what_the_issue_found(typed: Session, locale: str) -> None:
    """The harness types like a clerk: each locale stores the issue's texts as it found."""
    for cell in typed.cells[locale]["findings"]:
        kind, value = _FINDINGS[cell.text][locale]
        assert (cell.kind, cell.value if kind == "value" else None) == (kind, value), cell


@pytest.mark.calc
def test_calc_writes_month_first_code_under_english(typed: Session) -> None:
    """A date typed under en-US is saved with a month-first code, under id-ID day-first."""
    row = list(_FINDINGS).index("06/07/2026") + 1
    codes = {
        locale: load_workbook(typed.saved("findings", locale))["Sheet1"][f"A{row}"].number_format
        for locale in calc.LOCALES
    }
    assert codes[EN].lower().startswith("mm") and codes[ID].lower().startswith("dd"), codes


@pytest.mark.calc
@pytest.mark.parametrize("locale", calc.LOCALES)
def test_blank_workbook_accepts_every_petunjuk_example(typed: Session, locale: str) -> None:
    """Every Petunjuk example typed into a blank init workbook passes its cell rule."""
    examples = _examples(typed.folder / "blank.xlsx")
    refused = [c for c in typed.at(locale, "rules", examples) if not c.valid]
    assert refused == []


@pytest.mark.calc
@pytest.mark.parametrize("locale", calc.LOCALES)
def test_blank_workbook_accepts_every_documented_form(typed: Session, locale: str) -> None:
    """3,52, 1.250.000, 75%, 5% … pass their number rules; other quarter spellings only warn."""
    how = {(s, c): h for s, c, _, h in _FORMS}
    refused = [
        c
        for c in typed.at(locale, "rules", [(s, c, t) for s, c, t, _ in _FORMS])
        if (not c.valid and (how[c.sheet, c.cell] != "list" or c.style == "STOP"))
        or (how[c.sheet, c.cell] != "text" and c.rule == "ANY")
    ]
    assert refused == []


@pytest.mark.calc
@pytest.mark.parametrize("locale", calc.LOCALES)
def test_blank_workbook_refuses_what_it_cannot_read(typed: Session, locale: str) -> None:
    """Letters, 1,5 in a whole column, -12,5 where no sign is allowed, quarter V: each breaks
    its rule, which warns (the clerk may keep the entry; the reader decides)."""
    refused = typed.at(locale, "rules", _refused())
    accepted = [c for c in refused if c.valid or c.style != "WARNING"]
    assert accepted == []


@pytest.mark.calc
@pytest.mark.parametrize("locale", calc.LOCALES)
def test_blank_workbook_examples_read_as_meant(typed: Session, locale: str) -> None:
    """The examples typed in Calc read back as the Petunjuk means them (Tanggal 06/07/2026 is
    6 Juli under both settings); under en-US the only problem is Realisasi Anggaran 950.000,
    stored as 950 and reported at its cell."""
    reading = read_plan(typed.saved("filled", locale))
    if locale == EN:
        assert [p.location for p in reading.errors] == ["Triwulan!E2"], reading.problems
        assert "maksudnya 950.000" in reading.errors[0].message
        return
    plan = reading.plan
    assert plan is not None, [str(p) for p in reading.problems]
    indicator, first = plan.indicators[0], plan.indicators[0].quarters[0]
    assert indicator.target == 75
    assert (first.pagu, first.rencana_penarikan, first.realisasi_anggaran) == (
        1_250_000,
        1_000_000,
        950_000,
    )
    assert (first.pembilang, first.penyebut, first.nilai) == (14, 17, Decimal("3.52"))
    assert plan.unit.date == dt.date(2026, 7, 6)  # typed 06/07/2026 into a Text cell
    assert plan.unit.nip == "197001011990031001"


@pytest.mark.calc
@pytest.mark.parametrize("locale", calc.LOCALES)
def test_code_cells_keep_what_is_typed(typed: Session, locale: str) -> None:
    """A NIP of 18 digits, a Tanggal 06/07/2026 and Kodes such as 1.1 / 2.10 stay text."""
    codes = [(s, c, t) for s, c, t, how in _FORMS if how == "text"]
    identitas = [(schema.SHEET_IDENTITAS, c, t) for c, t in _IDENTITAS_FORMS.items()]
    cells = typed.at(locale, "rules", codes) + typed.at(locale, "filled", identitas)
    assert [(c.text, c.kind, c.shown) for c in cells] == [
        (t, "text", t) for _, _, t in codes + identitas
    ]


@pytest.mark.calc
@pytest.mark.parametrize("locale", calc.LOCALES)
def test_money_cells_show_thousands(typed: Session, locale: str) -> None:
    """25000000 typed into a money column is displayed with the locale's thousands mark."""
    money = {_column(schema.SHEET_TRIWULAN, h) for h in ("Pagu", "Realisasi Anggaran")}
    shown = {
        c.shown
        for c in typed.cells[locale]["rules"]
        if c.text == "25000000" and c.cell.rstrip("0123456789") in money
    }
    assert shown == {{ID: "25.000.000", EN: "25,000,000"}[locale]}


@pytest.mark.calc
@pytest.mark.parametrize("case", sorted(corpus.CASES))
@pytest.mark.parametrize("locale", calc.LOCALES)
def test_corpus_is_what_calc_makes_today(typed: Session, case: str, locale: str) -> None:
    """Typing a corpus case again gives the committed file's values and formats in its cells."""

    def stored(path: Path) -> list[tuple[object, str]]:
        book = load_workbook(path, data_only=True)
        return [
            (book[sheet][cell].value, book[sheet][cell].number_format)
            for sheet, cell, _ in corpus.CASES[case]
        ]

    again = corpus.path(case, locale, typed.folder / "corpus")
    assert stored(again) == stored(corpus.path(case, locale))
