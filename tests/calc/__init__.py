"""Calling the Calc driver (`fill.py`, run by Debian's Python with UNO) from the tests."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from renaksi_docs import libreoffice

SYSTEM_PYTHON = Path("/usr/bin/python3")
"""Debian's Python: python3-uno installs the UNO bridge for it only."""
DRIVER = Path(__file__).with_name("fill.py")
LOCALES = ("id-ID", "en-US")
"""The regional settings clerks' PCs use."""
TIMEOUT = 180


def calc_missing() -> str:
    """Why LibreOffice Calc is not installed here ('' when it is)."""
    binary = libreoffice.soffice()
    if binary is None:
        return "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
    program = Path(binary).resolve().parent
    if not any(program.glob("libsclo.*")) and not (program / "sclo.dll").exists():
        return "LibreOffice Calc is not installed: apt-get install libreoffice-calc-nogui"
    return ""


def missing() -> str:
    """Why Calc cannot be driven through UNO here ('' when it can)."""
    if calc_missing():
        return calc_missing()
    if not SYSTEM_PYTHON.exists():
        return f"{SYSTEM_PYTHON} is missing: apt-get install python3-uno"
    probe = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import uno; from com.sun.star.sheet import XSpreadsheet"],
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        return "python3-uno or Calc is not installed: apt-get install python3-uno"
    return ""


Typing = tuple[str, str, str]
"""(sheet, cell, text as the clerk types it)."""


@dataclass(frozen=True)
class Book:
    """One workbook to open in Calc (None: a new spreadsheet), type into and save."""

    source: Path | None
    typing: Sequence[Typing]
    save: Path | None = None
    general: bool = False
    """Reset each typed cell to the General number format first."""


@dataclass(frozen=True)
class Typed:
    """What Calc made of one typed text."""

    sheet: str
    cell: str
    text: str
    kind: str
    """'value', 'text', 'formula' or 'empty' (Calc's CellContentType)."""
    value: float | None
    shown: str
    """The cell as Calc displays it."""
    format: str
    """The number format code Calc gave the cell, in the locale's keywords."""
    error: int
    """Calc's error code for a formula cell (0: none)."""
    valid: bool
    """False when Calc's Mark Invalid Data circles the cell (its cell rule refuses it)."""
    rule: str
    """The cell rule's type as Calc read it: ANY (none), WHOLE, DECIMAL, LIST, CUSTOM, …"""
    style: str
    """What the rule does with a refused entry: STOP, WARNING or INFO."""


def run(locale: str, books: Sequence[Book]) -> list[list[Typed]]:
    """Type every book's texts in one Calc session under `locale`; one list per book."""
    job = {
        "locale": locale,
        # The PDF step's start-up savings apply alike: no upgrade self-tests, tcmalloc.
        "registry": libreoffice.registry(libreoffice.NO_UPGRADE_SETTING),
        "books": [
            {
                "source": str(book.source) if book.source else None,
                "typing": [list(t) for t in book.typing],
                "save": str(book.save) if book.save else None,
                "general": book.general,
            }
            for book in books
        ],
    }
    done = subprocess.run(
        [str(SYSTEM_PYTHON), str(DRIVER)],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        env=libreoffice.environment(),
    )
    if done.returncode != 0:
        raise RuntimeError(f"Calc driver failed ({done.returncode}):\n{done.stderr}")
    result = json.loads(done.stdout)
    return [[Typed(**cell) for cell in book["cells"]] for book in result["books"]]
