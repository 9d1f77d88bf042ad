"""The Calc-made corpus in tests/data/calc: what a clerk's typing leaves in a workbook.

Regenerate (needs LibreOffice Calc and python3-uno, see `tests/calc/__init__.py`):

    .venv/bin/python -m tests.calc.corpus

Each case types its texts into a copy of samples/contoh-triwulan.xlsx in LibreOffice Calc
under each regional setting and saves `<case>-<locale>.xlsx`; each typed cell is first reset
to the General format (as in a workbook made by hand or an older `init`). The sample rows:
Indikator 3 is LP-2 (jumlah, Satuan orang, Target 120); Triwulan 2..4 are LP-1 TW I..III,
5 is LP-2 TW I, 23 is LP-8 (indeks) TW I; Identitas B5 is Tanggal.
"""

from __future__ import annotations

from pathlib import Path

from . import LOCALES, Book, Typed, run

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "samples" / "contoh-triwulan.xlsx"
FOLDER = ROOT / "tests" / "data" / "calc"

CASES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "salah-baca": (
        # Habits from the Petunjuk and README that English settings misread or keep as text.
        ("Triwulan", "E2", "950.000"),  # Realisasi Anggaran (the Petunjuk's example)
        ("Triwulan", "C2", "1.250.000"),  # Pagu
        ("Triwulan", "F5", "1.000"),  # Pembilang, a count of orang
        ("Indikator", "D3", "1.200"),  # Target of a jumlah indicator in orang
        ("Identitas", "B5", "06/07/2026"),  # Tanggal, 6 Juli 2026
        ("Triwulan", "H23", "3,52"),  # Nilai of an indeks
    ),
    "apostrof": (
        # A leading apostrophe, as the NIP help and the reader's messages advised: Calc keeps
        # it in the cell when the rest would not be a number anyway (Excel never does).
        ("Identitas", "B8", "'19751231 200003 2 001"),  # NIP
        ("Triwulan", "H23", "'3,52"),  # Nilai of an indeks
    ),
    "galat-rumus": (
        # Formulas that fail; Calc stores the error value as the cell's cached result.
        ("Triwulan", "F2", '="a"+1'),  # #VALUE!
        ("Triwulan", "G2", "=1/0"),  # #DIV/0!
        ("Triwulan", "F3", "=NA()"),  # #N/A
        ("Triwulan", "G3", "=TIDAKADA()"),  # #NAME?
        ("Triwulan", "E4", '=INDIRECT("XFZ1")'),  # #REF!
    ),
}


def path(case: str, locale: str, folder: Path = FOLDER) -> Path:
    """Where the corpus keeps `case` as typed under `locale`."""
    return folder / f"{case}-{locale}.xlsx"


def books(locale: str, folder: Path = FOLDER) -> list[Book]:
    """The Calc books that make every case's file for `locale` in `folder`, in CASES order."""
    return [
        Book(SOURCE, typing, path(case, locale, folder), general=True)
        for case, typing in CASES.items()
    ]


def make(folder: Path = FOLDER) -> dict[str, dict[str, list[Typed]]]:
    """Type every case under every locale into `folder`; what Calc stored, by locale and case."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        locale: dict(zip(CASES, run(locale, books(locale, folder)), strict=True))
        for locale in LOCALES
    }


if __name__ == "__main__":
    for locale, cases in make().items():
        for case, cells in cases.items():
            print(f"{path(case, locale).relative_to(ROOT)}")
            for c in cells:
                print(f"  {c.sheet}!{c.cell} {c.text!r:>14} -> {c.kind} {c.shown!r} [{c.format}]")
