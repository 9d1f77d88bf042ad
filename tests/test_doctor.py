"""`renaksi-docs doctor`: real findings here, and each platform's findings and fixes simulated."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from renaksi_docs import doctor
from renaksi_docs.cli import main


def _fake_libreoffice(folder: Path, math: bool) -> Path:
    """A LibreOffice install folder whose soffice answers --version and writes a PDF per
    .docx, with or without the Math module's library."""
    program = folder / "program"
    program.mkdir(parents=True)
    soffice = program / "soffice"
    soffice.write_text(
        '#!/bin/bash\n[ "$1" = --version ] && { echo "LibreOffice 7.6.4.1 palsu"; exit 0; }\n'
        'prev=""; for a in "$@"; do [ "$prev" = --outdir ] && out="$a"; prev="$a"; done\n'
        'for a in "$@"; do case "$a" in *.docx) '
        'printf "%%PDF-1.4\\n%%%%EOF\\n" > "$out/$(basename "$a" .docx).pdf";; esac; done\n'
    )
    soffice.chmod(0o755)
    if math:
        (program / "libsmlo.so").write_bytes(b"")
    return soffice


@pytest.mark.libreoffice
def test_doctor_here_says_pdf_works(soffice: str) -> None:
    """With LibreOffice, Math and Liberation fonts installed (CI): every finding OK, the path
    and version of LibreOffice, a timed test conversion, exit 0."""
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^ *OK     LibreOffice: LibreOffice \d+\.\d+", result.output, re.MULTILINE)
    assert soffice in result.output
    assert "OK     Modul Math:" in result.output and "libsmlo" in result.output
    assert "OK     Huruf: Liberation Sans" in result.output
    assert "OK     Uji konversi: satu halaman menjadi PDF dalam " in result.output
    assert "GAGAL" not in result.output


def test_doctor_without_math_warns_how_to_add_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A LibreOffice without its Math module (only a clerk's own equations need it): a
    warning with the package to install, exit 0 as PDF works; with the module, OK."""
    monkeypatch.setenv("RENAKSI_SOFFICE", str(_fake_libreoffice(tmp_path / "tanpa", False)))
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "PERLU  Modul Math: tidak terpasang" in result.output
    assert "Perbaikan: sudo apt-get install libreoffice-math-nogui" in result.output
    assert "LibreOffice 7.6.4.1 palsu" in result.output
    monkeypatch.setenv("RENAKSI_SOFFICE", str(_fake_libreoffice(tmp_path / "dengan", True)))
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "OK     Modul Math:" in result.output and "OK     Uji konversi" in result.output


def test_doctor_when_the_test_conversion_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A LibreOffice that answers but makes no PDF: the test conversion fails, exit 1."""
    soffice = _fake_libreoffice(tmp_path / "rusak", True)
    soffice.write_text(soffice.read_text().replace("%%PDF-1.4", "bukan pdf"))
    monkeypatch.setenv("RENAKSI_SOFFICE", str(soffice))
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 1, result.output
    assert "GAGAL  Uji konversi: gagal: LibreOffice tidak menghasilkan PDF" in result.output
    assert "Perbaikan: tutup LibreOffice" in result.output


def test_doctor_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No LibreOffice: exit 1, the install command; the .docx is said to still work."""
    monkeypatch.setenv("RENAKSI_SOFFICE", str(tmp_path / "tidak-ada"))
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 1
    assert "GAGAL  LibreOffice: tidak ditemukan" in result.output
    assert "sudo apt-get install libreoffice-writer-nogui" in result.output
    assert "dokumen Word (.docx) tetap dapat dibuat" in result.output


@pytest.mark.parametrize(
    ("platform", "fix"),
    [
        ("win32", "winget install --id TheDocumentFoundation.LibreOffice"),
        ("darwin", "brew install --cask libreoffice"),
    ],
)
def test_doctor_fixes_per_platform(platform: str, fix: str) -> None:
    """Windows and macOS without LibreOffice: not ready, and their own install command."""
    findings = doctor.examine(platform, {"PATH": "", "HOME": "/tidak-ada"}, convert=False)
    assert not doctor.ready(findings)
    [office] = [f for f in findings if f.label == "LibreOffice"]
    assert not office.ok and fix in office.fix


@pytest.mark.parametrize(
    ("platform", "env", "folder", "fix"),
    [
        ("win32", {"WINDIR": r"D:\WIN"}, r"D:\WIN\Fonts", "pasang ulang LibreOffice"),
        ("darwin", {"HOME": "/Users/tu"}, "/Users/tu/Library/Fonts", "font-liberation"),
        ("linux", {"HOME": "/home/tu"}, "/home/tu/.local/share/fonts", "fonts-liberation"),
    ],
)
def test_fonts_looked_for_where_the_platform_keeps_them(
    platform: str, env: dict[str, str], folder: str, fix: str
) -> None:
    """Arial (or Liberation Sans/Arimo) is looked for in the platform's font folders; none
    there is a warning with the fix, not a failure (the PDF works, its layout may shift)."""
    searched: list[Sequence[str]] = []

    def arial_in(folders: Sequence[str]) -> dict[str, str]:
        searched.append(folders)
        return {"arial.ttf": f"{folder}/ARIAL.TTF"} if folder in folders else {}

    found = doctor.fonts_finding(platform, env, None, files=arial_in)
    assert found.ok and found.detail.startswith("Arial")
    missing = doctor.fonts_finding(platform, {}, None, files=lambda folders: {})
    assert not missing.ok and not missing.required and fix in missing.fix
    assert doctor.ready([missing])


def test_math_module_found_in_each_platforms_layout() -> None:
    """The Math library is looked for beside soffice (Windows, Linux) and in the app bundle's
    Frameworks folder (macOS)."""
    windows = "C:\\Program Files\\LibreOffice\\program\\"
    bundle = "/Applications/LibreOffice.app/Contents/"
    cases = [
        ("win32", windows + "soffice.exe", windows + "smlo.dll"),
        ("darwin", bundle + "MacOS/soffice", bundle + "Frameworks/libsmlo.dylib"),
    ]
    for platform, binary, library in cases:
        assert doctor.math_finding(binary, platform, exists={library}.__contains__).ok
        missing = doctor.math_finding(binary, platform, exists=set().__contains__)
        assert not missing.ok and missing.fix == doctor.math_hint(platform)
