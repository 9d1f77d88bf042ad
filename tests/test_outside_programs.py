"""The fast subset provably starts neither LibreOffice nor a browser: tests/conftest.py marks
each test by the fixtures it asks for, and fails a test that starts one without asking.
Checked by running pytest on small test files with that conftest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from renaksi_docs import libreoffice

from .conftest import MAGELANG_XLSX, ROOT

UNDECLARED = f'''
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from renaksi_docs import libreoffice
from renaksi_docs.cli import main


def test_real_soffice_here():
    """Starts the real LibreOffice (not the guard first on PATH) in this process."""
    binary = libreoffice.soffice({{"PATH": os.defpath}})
    if binary is None:
        pytest.skip("no LibreOffice here")
    subprocess.run([binary, "--version"], capture_output=True, timeout=120)


def test_pdf_in_process(tmp_path):
    """Asks the CLI for a PDF in this process."""
    CliRunner().invoke(main, ["build", {str(MAGELANG_XLSX)!r}, "-o", str(tmp_path), "--pdf"])


def test_libreoffice_in_a_subprocess():
    """Asks for LibreOffice's version in a child process (as doctor does)."""
    code = "from renaksi_docs import libreoffice; libreoffice.version(libreoffice.soffice())"
    subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=300)


def test_browser_by_name(tmp_path):
    """Opens a page with whatever `chromium` is on PATH."""
    subprocess.run(["chromium", "--headless", "about:blank"], capture_output=True, timeout=120)


def test_declared(soffice, chromium):
    """Asks for both programs (collected only)."""
'''

DESELECTED = '''
from pathlib import Path


def pytest_deselected(items):
    """Write each deselected test with its markers to deselected.txt beside this file."""
    with Path(__file__).with_name("deselected.txt").open("a", encoding="utf-8") as out:
        for item in items:
            out.write(" ".join([item.nodeid, *sorted({m.name for m in item.iter_markers()})]))
            out.write("\\n")
'''


def _pytest(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """pytest with tests/conftest.py as its one plugin (no others autoloaded, no assertion
    rewriting: a quick start) on the test files in `folder`, its temporary folders under
    folder/tmp (in the shared one, its end would delete an earlier run's: seconds)."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider",
         "--assert=plain", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(folder),
         "--basetemp", str(folder / "tmp"), *args, str(folder / "test_undeclared.py")],
        cwd=ROOT,
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip


def test_undeclared_programs_fail_their_test(tmp_path: Path) -> None:
    """A test that starts LibreOffice (here or in a child process) or a browser without its
    fixture fails, naming the program, and no such program runs; a test that asks for the
    fixtures is marked libreoffice and browser, so the fast subset deselects it."""
    (tmp_path / "test_undeclared.py").write_text(UNDECLARED, encoding="utf-8")
    (tmp_path / "conftest.py").write_text(DESELECTED, encoding="utf-8")
    run = _pytest(tmp_path, "-m", "not libreoffice and not calc and not browser", "-rA")
    lines = run.stdout.splitlines()
    undeclared = ["test_pdf_in_process", "test_libreoffice_in_a_subprocess", "test_browser_by_name"]
    if libreoffice.soffice({"PATH": os.defpath}) is not None:
        undeclared.append("test_real_soffice_here")
    for name in undeclared:
        assert any(  # the summary line may or may not carry the reason, by terminal width
            line.startswith("ERROR ") and f"test_undeclared.py::{name}" in line.split(" - ")[0]
            for line in lines
        ), run.stdout
    assert f"{len(undeclared)} errors" in lines[-1] and "1 deselected" in lines[-1], lines[-1]
    errors = [line for line in lines if not line.startswith("ERROR ")]  # not the summary
    assert sum(line.count("started a program it did not declare") for line in errors) == len(
        undeclared
    )
    deselected = (tmp_path / "deselected.txt").read_text(encoding="utf-8").splitlines()
    assert deselected == ["test_undeclared.py::test_declared browser libreoffice"], deselected
