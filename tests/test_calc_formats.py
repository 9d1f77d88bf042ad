""".ods and .xls workbooks (Calc's and old Excel's formats), made by real LibreOffice Calc,
read through a LibreOffice conversion; without LibreOffice, today's clear message."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from renaksi_docs import libreoffice
from renaksi_docs.cli import main
from renaksi_docs.workbook.spreadsheets import calc_format

from . import hostile
from .conftest import MAGELANG_XLSX


@pytest.fixture(scope="module")
def calc_files(tmp_path_factory: pytest.TempPathFactory, calc: str) -> dict[str, Path]:
    """The Magelang sample saved by LibreOffice Calc as .ods and as .xls (once per module)."""
    folder = tmp_path_factory.mktemp("calc")
    profile = folder / "profile"
    libreoffice.seed_profile(profile)
    made = {}
    for kind in ("ods", "xls"):
        command = libreoffice.soffice_command(calc, profile, folder, [MAGELANG_XLSX], target=kind)
        subprocess.run(command, check=True, capture_output=True, timeout=300)
        made[kind] = folder / f"{MAGELANG_XLSX.stem}.{kind}"
        assert calc_format(made[kind]) == kind
    return made


def _text(docx: Path) -> list[str]:
    """Every paragraph and table cell of a document, in order."""
    document = Document(str(docx))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


@pytest.mark.calc
@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_calc_formats_build_like_the_xlsx(
    tmp_path: Path, kind: str, calc_files: dict[str, Path]
) -> None:
    """An .ods or .xls saved by Calc validates clean and builds the same document as the
    .xlsx; the input keeps its bytes and time, and nothing appears beside it."""
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    source = inbox / f"magelang.{kind}"
    shutil.copy2(calc_files[kind], source)
    before = source.read_bytes(), source.stat().st_mtime_ns
    checked = CliRunner().invoke(main, ["validate", str(source)])
    assert checked.exit_code == 0, checked.output
    assert f"{source}: tidak ada galat" in checked.output
    built = CliRunner().invoke(main, ["build", str(source), "-o", str(tmp_path / "a")])
    assert built.exit_code == 0, built.output
    reference = CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(tmp_path / "b")])
    assert reference.exit_code == 0, reference.output
    [ours] = (tmp_path / "a").glob("*.docx")
    [theirs] = (tmp_path / "b").glob("*.docx")
    assert ours.name == theirs.name
    assert _text(ours) == _text(theirs)
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before
    assert [p.name for p in inbox.iterdir()] == [source.name]


@pytest.mark.calc
@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("ods", "OpenDocument (.ods)"),
        ("xls", "Excel lama (.xls)"),
    ],
)
def test_without_libreoffice_the_format_is_named(
    tmp_path: Path,
    kind: str,
    message: str,
    calc_files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without LibreOffice an .ods or .xls gets the reader's message naming its format and
    how to save it as .xlsx (exit 1), in validate and in build."""
    monkeypatch.setenv("RENAKSI_SOFFICE", str(tmp_path / "tanpa-libreoffice"))
    checked = CliRunner().invoke(main, ["validate", str(calc_files[kind])])
    assert checked.exit_code == 1
    assert message in checked.output
    built = CliRunner().invoke(main, ["build", str(calc_files[kind]), "-o", str(tmp_path)])
    assert built.exit_code == 1
    assert message in built.output
    assert not list(tmp_path.glob("*.docx"))


@pytest.mark.calc
def test_damaged_ods_gets_the_readers_message(tmp_path: Path, calc: str) -> None:
    """An .ods that Calc cannot convert gets the reader's message naming its format (exit 1),
    as without LibreOffice, and nothing is left beside it."""
    source = hostile.ods(tmp_path / "rusak.ods")
    result = CliRunner().invoke(main, ["validate", str(source)])
    assert result.exit_code == 1
    assert "ini berkas OpenDocument (.ods), bukan workbook Excel" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["rusak.ods"]


def test_only_calc_formats_are_sent_to_libreoffice(tmp_path: Path) -> None:
    """A password-protected .xlsx and other OLE files without a workbook stream, a real .xlsx
    and a CSV are not converted; an .xls or .ods is recognised by content, whatever its name."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    cases = {
        "terkunci.xlsx": ole + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le"),
        "lama.bin": ole + b"\0" * 504 + "Workbook".encode("utf-16-le"),
        "bukan-xls.xls": ole + b"\0" * 2048,
        "data.csv": b"Kode;Target\n",
    }
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
    assert calc_format(tmp_path / "terkunci.xlsx") is None
    assert calc_format(tmp_path / "lama.bin") == "xls"
    assert calc_format(tmp_path / "bukan-xls.xls") is None
    assert calc_format(tmp_path / "data.csv") is None
    assert calc_format(MAGELANG_XLSX) is None
    assert calc_format(tmp_path / "tidak-ada.ods") is None
    with zipfile.ZipFile(tmp_path / "calc.dat", "w") as ods:
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert calc_format(tmp_path / "calc.dat") == "ods"
