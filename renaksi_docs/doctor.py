"""`renaksi-docs doctor`: is everything PDF output needs here, and how to fix what is not.

Each check is a function of the platform and environment (so every platform's findings and
fixes are tested on Linux); the CLI prints the findings in Bahasa Indonesia.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

from . import libreoffice
from .platforms import MACOS, WINDOWS

PACKAGES = (
    "renaksi-docs",
    "openpyxl",
    "docxtpl",
    "python-docx",
    "lxml",
    "Jinja2",
    "Babel",
    "click",
)
"""Python packages whose versions the report lists."""

MATH_LIBRARIES = ("libsmlo.so", "smlo.dll", "libsmlo.dylib")
"""LibreOffice's Math module (Linux, Windows, macOS). Our documents hold no Word equation (the
RUMUS fraction is a nested table), but without it the equations of a clerk's own template
vanish from the PDF without any error: a warning, not a failure."""

FONTS = {
    "arial.ttf": "Arial",
    "liberationsans-regular.ttf": "Liberation Sans",
    "arimo-regular.ttf": "Arimo",
    "arimo[wght].ttf": "Arimo",
}
"""Font files of the template's Arial or a metric-compatible substitute (same widths: the
same line breaks and page count)."""

TEST_TIMEOUT = 180.0
"""Seconds the test conversion may take (a first LibreOffice start on a slow PC is slow)."""


@dataclass(frozen=True)
class Finding:
    """One thing checked."""

    label: str
    """What was checked ('LibreOffice', 'Modul Math', …)."""
    ok: bool
    detail: str
    """What was found, in Bahasa Indonesia."""
    fix: str = ""
    """How to fix it on this platform, when not ok."""
    required: bool = True
    """Whether PDF output fails without it (else the PDF only looks different)."""


def ready(findings: Sequence[Finding]) -> bool:
    """True when PDF output will work."""
    return all(f.ok for f in findings if f.required)


def examine(
    platform: str = sys.platform,
    env: Mapping[str, str] | None = None,
    convert: bool = True,
    soffice: str | None = None,
) -> list[Finding]:
    """Every check, in the order printed. `convert`: also run a test conversion.
    `soffice`: the binary to check (default: found as `build --pdf` finds it)."""
    env = os.environ if env is None else env
    findings = [python_finding(), packages_finding()]
    binary = soffice or libreoffice.soffice(env, platform)
    if binary is None:
        findings.append(
            Finding("LibreOffice", False, "tidak ditemukan", libreoffice.missing(env, platform))
        )
        findings.append(fonts_finding(platform, env, None))
        return findings
    answer = libreoffice.version(binary, env)
    findings.append(
        Finding(
            "LibreOffice",
            answer is not None,
            f"{answer or 'tidak menjawab --version'}: {binary}",
            "" if answer else reinstall_hint(platform),
        )
    )
    findings.append(math_finding(binary, platform))
    findings.append(fonts_finding(platform, env, binary))
    if convert and answer is not None:
        findings.append(conversion_finding(binary, env))
    return findings


def python_finding() -> Finding:
    """Python's version (3.10 or later is required by the package itself)."""
    version = ".".join(str(part) for part in sys.version_info[:3])
    return Finding("Python", sys.version_info >= (3, 10), f"{version} ({sys.executable})")


def packages_finding(names: Sequence[str] = PACKAGES) -> Finding:
    """Versions of the Python packages that make the documents."""
    found, missing = [], []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            missing.append(name)
    detail = ", ".join(found + [f"{name} TIDAK ADA" for name in missing])
    return Finding("Paket Python", not missing, detail, "pip install --upgrade renaksi-docs")


def program_folders(binary: str, platform: str) -> list[PurePath]:
    """Folders of a LibreOffice install that hold its modules, from the binary's real path."""
    real = Path(binary).resolve() if platform == sys.platform else Path(binary)
    pure: type[PurePath] = PureWindowsPath if platform == WINDOWS else PurePosixPath
    folder = pure(str(real)).parent
    return [folder, folder.parent / "Frameworks"]  # macOS: Contents/MacOS, Contents/Frameworks


def math_finding(
    binary: str, platform: str, exists: Callable[[str], bool] = os.path.isfile
) -> Finding:
    """LibreOffice's Math module beside the binary."""
    for folder in program_folders(binary, platform):
        for name in MATH_LIBRARIES:
            candidate = str(folder / name)
            if exists(candidate):
                return Finding("Modul Math", True, candidate)
    return Finding(
        "Modul Math",
        False,
        "tidak terpasang: dokumen standar tidak membutuhkannya, tetapi persamaan Word di templat "
        "sendiri akan hilang dari PDF",
        math_hint(platform),
        required=False,
    )


def math_hint(platform: str) -> str:
    """How to add LibreOffice's Math module on `platform`."""
    if platform == WINDOWS:
        return (
            "jalankan lagi penginstal LibreOffice, pilih Modify (Ubah), lalu centang Math; "
            "atau pasang ulang: winget install --id TheDocumentFoundation.LibreOffice"
        )
    if platform == MACOS:
        return "pasang ulang LibreOffice: brew reinstall --cask libreoffice"
    return "sudo apt-get install libreoffice-math-nogui"


def reinstall_hint(platform: str) -> str:
    """What to do when LibreOffice is there but does not answer."""
    if platform == WINDOWS:
        return (
            "tutup semua jendela LibreOffice lalu ulangi; jika tetap gagal, pasang ulang: "
            "winget install --id TheDocumentFoundation.LibreOffice"
        )
    if platform == MACOS:
        return "tutup LibreOffice lalu ulangi; jika tetap gagal: brew reinstall --cask libreoffice"
    return "sudo apt-get install --reinstall libreoffice-writer-nogui"


def font_folders(platform: str, env: Mapping[str, str], soffice: str | None) -> list[str]:
    """Where fonts that LibreOffice uses live on `platform` (and inside LibreOffice itself,
    which brings Liberation Sans on Windows and macOS)."""
    home = env.get("HOME") or env.get("USERPROFILE") or ""
    if platform == WINDOWS:
        windows = env.get("WINDIR") or env.get("SystemRoot") or r"C:\Windows"
        folders = [str(PureWindowsPath(windows, "Fonts"))]
        if env.get("LOCALAPPDATA"):
            folders.append(
                str(PureWindowsPath(env["LOCALAPPDATA"], "Microsoft", "Windows", "Fonts"))
            )
    elif platform == MACOS:
        folders = ["/System/Library/Fonts", "/Library/Fonts"]
        if home:
            folders.append(str(PurePosixPath(home, "Library", "Fonts")))
    else:
        data = env.get("XDG_DATA_HOME") or (
            str(PurePosixPath(home, ".local", "share")) if home else ""
        )
        folders = ["/usr/share/fonts", "/usr/local/share/fonts"]
        if home:
            folders.append(str(PurePosixPath(home, ".fonts")))
        if data:
            folders.append(str(PurePosixPath(data, "fonts")))
    if soffice is not None:
        for program in program_folders(soffice, platform)[:1]:
            folders.append(str(program.parent / "share" / "fonts"))  # Windows, Linux
            folders.append(str(program.parent / "Resources" / "fonts"))  # macOS
    return folders


def _font_files(folders: Sequence[str]) -> dict[str, str]:
    """Lower-case file name → path of every font file under `folders`."""
    found: dict[str, str] = {}
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                found.setdefault(name.lower(), os.path.join(root, name))
    return found


def fonts_finding(
    platform: str,
    env: Mapping[str, str],
    soffice: str | None,
    files: Callable[[Sequence[str]], dict[str, str]] = _font_files,
) -> Finding:
    """Arial, or a font with Arial's metrics, where LibreOffice finds fonts."""
    present = files(font_folders(platform, env, soffice))
    names = sorted({family for file, family in FONTS.items() if file in present})
    if names:
        return Finding("Huruf", True, ", ".join(names) + " (Arial atau pengganti berukuran sama)")
    return Finding(
        "Huruf",
        False,
        "Arial dan penggantinya (Liberation Sans, Arimo) tidak ditemukan: tata letak PDF bisa "
        "bergeser",
        fonts_hint(platform),
        required=False,
    )


def fonts_hint(platform: str) -> str:
    """How to get Arial or a metric-compatible substitute on `platform`."""
    if platform == WINDOWS:
        return "Arial bawaan Windows hilang; pasang ulang LibreOffice (membawa Liberation Sans)"
    if platform == MACOS:
        return "brew install --cask font-liberation"
    return "sudo apt-get install fonts-liberation"


def conversion_finding(binary: str, env: Mapping[str, str]) -> Finding:
    """Convert a one-page document, as `build --pdf` does, and time it."""
    from babel.numbers import format_decimal
    from docx import Document

    with tempfile.TemporaryDirectory(prefix="renaksi-doctor-") as work:
        source = Path(work) / "uji-renaksi.docx"
        document = Document()
        document.add_paragraph("Rencana Aksi atas Perjanjian Kinerja — uji konversi PDF")
        document.save(str(source))
        start = time.perf_counter()
        with libreoffice.Converter(binary, timeout=TEST_TIMEOUT, env=env) as converter:
            [result] = converter.convert([source])
        seconds = time.perf_counter() - start
    if result.pdf is None:
        return Finding(
            "Uji konversi",
            False,
            f"gagal: {result.error}",
            "tutup LibreOffice yang sedang terbuka lalu ulangi; jika tetap gagal, pasang ulang "
            "LibreOffice",
        )
    shown = format_decimal(seconds, "#,##0.0", locale="id")
    return Finding("Uji konversi", True, f"satu halaman menjadi PDF dalam {shown} detik")
