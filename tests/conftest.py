"""Shared helpers: the sample workbooks, bad workbooks made by editing a good one, the one
factory of test Indicators, the costly inputs built once per test run; the Hypothesis
profiles; and the outside programs a test may start.

Outside programs. A test that starts LibreOffice, LibreOffice Calc or Chromium asks for the
fixture `soffice`, `calc` or `chromium` (each skips with a reason when the program is missing),
and is marked `libreoffice`, `calc` or `browser` from it (pytest_collection_modifyitems), so
that `pytest -m "not libreoffice and not calc and not browser"` is the fast subset. Any other
test that tries to start one of them fails, naming the program: in this process an audit hook
refuses the launch; child processes (the CLI in a subprocess, spawned workers, the Calc driver)
find guard scripts instead, in $RENAKSI_SOFFICE, first on PATH and in $BROWSER, which record
the call and exit 99."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from openpyxl import Workbook

from renaksi_docs import libreoffice, platforms
from renaksi_docs.model import (
    QUARTERS,
    Accumulation,
    Indicator,
    Kind,
    Level,
    PaperSize,
    Plan,
    Polarity,
    QuarterFigures,
    Range,
    Rounding,
    Unit,
)
from renaksi_docs.workbook.samples import MAGELANG
from renaksi_docs.workbook.standard import WorkbookContent, build_workbook

from . import calc as calc_driver
from . import hostile

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
MAGELANG_XLSX = SAMPLES / "bapas-magelang-2026.xlsx"
CONTOH_XLSX = SAMPLES / "contoh-triwulan.xlsx"

Edit = Callable[[Workbook], object]


def make_workbook(
    folder: Path,
    edit: Edit | None = None,
    content: WorkbookContent = MAGELANG,
    name: str = "uji.xlsx",
) -> Path:
    """Write `content` as a standard workbook to folder/name after applying `edit` to it."""
    book = build_workbook(content)
    if edit is not None:
        edit(book)
    path = folder / name
    book.save(path)
    return path


@pytest.fixture
def workbook(tmp_path: Path) -> Callable[..., Path]:
    """Factory: workbook(edit) → path of an edited copy of the Magelang sample."""

    def factory(
        edit: Edit | None = None, content: WorkbookContent = MAGELANG, name: str = "uji.xlsx"
    ) -> Path:
        return make_workbook(tmp_path, edit, content, name)

    return factory


def make_indicator(
    kind: Kind = Kind.PERSENTASE,
    *,
    target: Decimal | int | str | Range | Level = 80,
    polarity: Polarity = Polarity.MAKSIMAL,
    accumulation: Accumulation = Accumulation.KUMULATIF,
    nilai_dasar: Decimal | int | str | None = None,
    quarters: Mapping[int, Mapping[str, Any]] | None = None,
    **fields: Any,
) -> Indicator:
    """A test Indicator: the given settings, quarter k's figures from quarters[k], the rest
    plain placeholders (any other Indicator field may be given by name)."""
    figures = [QuarterFigures(k, **(quarters or {}).get(k, {})) for k in QUARTERS]
    placeholders: dict[str, Any] = {
        "code": "X",
        "sasaran": "S",
        "name": "N",
        "satuan": "%",
        "pembilang": "a",
        "penyebut": "b",
        "rumus": "",
        "kegiatan": "K",
        "rencana_kegiatan": "",
        "data": "",
        "keterangan": (),
    }
    return Indicator(
        target=target if isinstance(target, (Range, Level)) else Decimal(target),
        kind=kind,
        polarity=polarity,
        accumulation=accumulation,
        nilai_dasar=None if nilai_dasar is None else Decimal(nilai_dasar),
        quarters=(figures[0], figures[1], figures[2], figures[3]),
        **{**placeholders, **fields},
    )


def make_plan(*indicators: Indicator, quarter: int | None = 2, **unit: Any) -> Plan:
    """A plan of `indicators` for an invented unit; any Unit field by name."""
    base = Unit(
        name="Lapas Uji",
        year=2026,
        city="Uji",
        date=dt.date(2026, 7, 6),
        position="",
        signer="Penanda Tangan",
        nip="",
        quarter=quarter,
        paper=PaperSize.A4,
        rounding=Rounding.BULAT,
        logo=None,
    )
    return Plan(replace(base, **unit), indicators)


class HeavyFiles:
    """Inputs too costly to build per test (a 1 GiB zip bomb, 5,000 formatted rows): each is
    made on first use and shared by the whole test run. Tests copy them, never change them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @cached_property
    def zip_bomb(self) -> Path:
        """The Magelang sample plus a part that inflates to 1 GiB of zeros."""
        return hostile.zip_bomb(self.folder / "bom.xlsx", 1.0)

    @cached_property
    def formatted_tail(self) -> bytes:
        """The Magelang sample with 5,000 empty but formatted rows below the Triwulan data."""
        return hostile.xlsx_bytes(hostile.formatted_tail)


@pytest.fixture(scope="session")
def heavy(tmp_path_factory: pytest.TempPathFactory) -> HeavyFiles:
    """The costly inputs of this test run (see HeavyFiles)."""
    return HeavyFiles(tmp_path_factory.mktemp("heavy"))


@pytest.fixture(scope="session")
def project_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel as `pip wheel` builds it (no dependencies, no build isolation:
    hatchling is in the test extras), built once per test run. Tests only read it."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(folder), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (wheel,) = folder.glob("renaksi_docs-*.whl")
    return wheel


# -- Hypothesis: reproducible in CI, exploring on request ---------------------------------------

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
"""The default: every run tries the same examples (a seed derived from each test), so a red
run is the code's doing, never luck."""
settings.register_profile("explore", max_examples=1000, derandomize=False, print_blob=True)
"""`HYPOTHESIS_PROFILE=explore`: random examples, ten times as many (see examples()); every
failure it finds is pinned in its test as an @example."""
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(ci: int) -> int:
    """A property test's number of examples: `ci` under the ci profile, scaled by the loaded
    profile's max_examples (ten times as many under explore)."""
    return max(1, ci * settings.default.max_examples // 100)


# -- outside programs: declared by fixture, marked from it, refused otherwise --------------------

MARKERS = {"soffice": "libreoffice", "calc": "calc", "chromium": "browser"}
"""Fixture a test asks for → the marker it gets."""
GRANTS = {"libreoffice": "libreoffice", "calc": "libreoffice", "browser": "browser"}
"""Marker → the program it lets a test start (Calc is LibreOffice's soffice too)."""
LIBREOFFICE_NAMES = frozenset({"soffice", "soffice.bin", "libreoffice", "oosplash"})
BROWSER_NAMES = frozenset(
    {"chromium", "chromium-browser", "chrome", "google-chrome", "headless_shell", "xdg-open"}
)


def program_of(executable: object, args: object) -> str | None:
    """'libreoffice' or 'browser' when a process about to start is a real LibreOffice (a
    binary of an install folder, which holds soffice.bin: a test's fake soffice script is not)
    or a browser (Playwright's driver included); None otherwise."""
    if executable is None:
        if isinstance(args, (str, bytes)):
            text = os.fsdecode(args)
            executable = shlex.split(text)[0] if text.strip() else ""
        elif isinstance(args, (list, tuple)) and args:
            executable = args[0]
        else:
            return None
    command = os.fsdecode(executable)  # type: ignore[arg-type]
    found = shutil.which(command) or command
    real = os.path.realpath(found)
    names = {os.path.basename(command).lower(), os.path.basename(real).lower()}
    if names & LIBREOFFICE_NAMES and (
        os.path.basename(real) == "soffice.bin"
        or os.path.exists(os.path.join(os.path.dirname(real), "soffice.bin"))
    ):
        return "libreoffice"
    if names & BROWSER_NAMES or ("playwright" in real and "driver" in real):
        return "browser"
    return None


class UndeclaredProgram(RuntimeError):
    """A test started LibreOffice or a browser without asking for its fixture."""


class ProgramGuard:
    """The programs the running test may start, and the launches of others caught."""

    def __init__(self) -> None:
        self.allowed: frozenset[str] = frozenset({"libreoffice", "browser"})
        self.caught: list[str] = []

    def audit(self, event: str, details: tuple[Any, ...]) -> None:
        """sys.addaudithook: refuse a Popen of a program the running test did not declare."""
        if event != "subprocess.Popen":
            return
        program = program_of(details[0], details[1])
        if program is not None and program not in self.allowed:
            self.caught.append(f"{program}: {details[1]!r}")
            raise UndeclaredProgram(
                f"this test starts {program} without its fixture "
                f"({', '.join(f for f, m in MARKERS.items() if GRANTS[m] == program)})"
            )


GUARD = ProgramGuard()
if os.name == "posix":
    sys.addaudithook(GUARD.audit)

GUARD_SCRIPT = '#!/bin/sh\necho "$(basename "$0") $*" >> "{log}"\nexit 99\n'


@pytest.fixture(scope="session")
def guard_scripts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folders `libreoffice/` and `browser/` of scripts named like those programs that record
    their call in `caught.log` and exit 99; caught.log itself."""
    root = tmp_path_factory.mktemp("guards")
    for program, names in (("libreoffice", LIBREOFFICE_NAMES), ("browser", BROWSER_NAMES)):
        (root / program).mkdir()
        for name in names:
            script = root / program / name
            script.write_text(GUARD_SCRIPT.format(log=root / "caught.log"))
            script.chmod(0o755)
    return root


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by the outside programs its fixtures start (directly or through other
    fixtures)."""
    for item in items:
        for fixture, marker in MARKERS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


@pytest.fixture(autouse=True)
def outside_programs(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Lets the test start only the programs its markers grant; any other launch, here or in
    a child process, fails the test."""
    granted = frozenset(GRANTS[m.name] for m in request.node.iter_markers() if m.name in GRANTS)
    if os.name != "posix" or granted == {"libreoffice", "browser"}:
        yield
        return
    guards: Path = request.getfixturevalue("guard_scripts")
    log = guards / "caught.log"
    before = log.stat().st_size if log.exists() else 0
    path = os.environ.get("PATH", "")
    if "libreoffice" not in granted:
        monkeypatch.setenv(platforms.SOFFICE_VARIABLE, str(guards / "libreoffice" / "soffice"))
        path = f"{guards / 'libreoffice'}{os.pathsep}{path}"
    if "browser" not in granted:
        monkeypatch.setenv("BROWSER", str(guards / "browser" / "chromium"))
        path = f"{guards / 'browser'}{os.pathsep}{path}"
    monkeypatch.setenv("PATH", path)
    GUARD.allowed, GUARD.caught = granted, []
    try:
        yield
    finally:
        GUARD.allowed = frozenset({"libreoffice", "browser"})
    caught = GUARD.caught + (
        log.read_bytes()[before:].decode().splitlines() if log.exists() else []
    )
    if caught:
        pytest.fail(
            "started a program it did not declare (ask for the soffice, calc or chromium "
            "fixture): " + "; ".join(caught),
            pytrace=False,
        )


@pytest.fixture(scope="session")
def soffice() -> str:
    """The installed LibreOffice binary (PDF, .doc and .ods/.xls conversions); skips the test
    when there is none."""
    binary = libreoffice.soffice()
    if binary is None:
        pytest.skip("LibreOffice is not installed: apt-get install libreoffice-writer-nogui")
    return binary


@pytest.fixture(scope="session")
def calc() -> str:
    """The installed LibreOffice binary, with its Calc module (spreadsheets); skips the test
    when either is missing."""
    reason = calc_driver.calc_missing()
    if reason:
        pytest.skip(reason)
    return str(libreoffice.soffice())


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium, for Playwright (never `playwright install`); skips the test when it
    or Playwright is missing."""
    binary = shutil.which("chromium")
    if binary is None:
        pytest.skip("Chromium is not installed: apt-get install chromium")
    pytest.importorskip("playwright", reason="Playwright is not installed: pip install -e .[test]")
    return binary


class HandClock:
    """A clock the test moves by hand, or by sleeping on it (for injected clocks and sleeps,
    e.g. serve's password throttle)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
