"""What differs between Windows, macOS and Linux, as functions of the platform and environment.

Every function takes the platform (a `sys.platform` value) and the environment as arguments,
so that each platform's behaviour is tested on Linux (tests/test_platforms.py). Nothing here
starts a process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePath, PurePosixPath, PureWindowsPath

WINDOWS = "win32"
MACOS = "darwin"

SOFFICE_VARIABLE = "RENAKSI_SOFFICE"
"""Environment variable naming the LibreOffice binary (or a command on PATH)."""

WINDOWS_MAX_WORKERS = 61
"""Windows waits on at most 63 handles at once: ProcessPoolExecutor refuses more than 61."""

WINDOWS_MAX_PATH = 260
"""Longest path (with its drive) that Windows programs such as Word open without special
settings (MAX_PATH)."""

Exists = Callable[[str], bool]
Registry = Callable[[], Sequence[str]]


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def _pure(platform: str) -> type[PurePath]:
    return PureWindowsPath if platform == WINDOWS else PurePosixPath


def strip_quotes(value: str) -> str:
    """'"C:\\Program Files\\LibreOffice\\program\\soffice.exe"' → the path without the quotes
    (cmd.exe's `set VAR="…"` keeps them in the value)."""
    value = value.strip()
    while len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].strip()
    return value


def soffice_names(platform: str) -> tuple[str, ...]:
    """Names of the LibreOffice binary on PATH."""
    if platform == WINDOWS:
        return ("soffice.exe", "soffice.com")
    return ("soffice", "libreoffice")


def standard_locations(platform: str, env: Mapping[str, str]) -> list[str]:
    """Where LibreOffice's own installer puts the binary on `platform`."""
    if platform == WINDOWS:
        roots = [
            env.get("ProgramFiles", r"C:\Program Files"),
            env.get("ProgramW6432", r"C:\Program Files"),
            env.get("ProgramFiles(x86)", r"C:\Program Files (x86)"),
            env.get("LOCALAPPDATA", "") and str(PureWindowsPath(env["LOCALAPPDATA"], "Programs")),
        ]
        folders = list(dict.fromkeys(root for root in roots if root))
        return [
            str(PureWindowsPath(root, "LibreOffice", "program", "soffice.exe")) for root in folders
        ]
    if platform == MACOS:
        bundle = PurePosixPath("LibreOffice.app", "Contents", "MacOS", "soffice")
        places = [str(PurePosixPath("/Applications", bundle))]
        if env.get("HOME"):
            places.append(str(PurePosixPath(env["HOME"], "Applications", bundle)))
        return places
    return [
        "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice",
        "/snap/bin/libreoffice",
    ]


def find_soffice(
    platform: str,
    env: Mapping[str, str],
    exists: Exists = _is_executable,
    registry: Registry | None = None,
) -> str | None:
    """The LibreOffice binary to run, or None: $RENAKSI_SOFFICE (a path, or a command looked
    up on PATH; surrounding quotes stripped), else soffice on PATH, else the standard install
    locations of `platform`, else (Windows) the install folder the registry names.

    `exists` tells whether a path is a runnable file; `registry` lists the program folders
    LibreOffice's installer recorded (default: read from the Windows registry on Windows)."""
    pure = _pure(platform)
    separator = ";" if platform == WINDOWS else ":"
    folders = [strip_quotes(f) for f in env.get("PATH", "").split(separator) if f.strip()]

    def on_path(names: Sequence[str]) -> str | None:
        for folder in folders:
            for name in names:
                candidate = str(pure(folder, name))
                if exists(candidate):
                    return candidate
        return None

    configured = strip_quotes(env.get(SOFFICE_VARIABLE, ""))
    if configured:
        if exists(configured):
            return configured
        names = [configured]
        if platform == WINDOWS and not configured.lower().endswith((".exe", ".com")):
            names.append(f"{configured}.exe")
        return on_path(names) if len(pure(configured).parts) == 1 else None
    found = on_path(soffice_names(platform))
    if found:
        return found
    for candidate in standard_locations(platform, env):
        if exists(candidate):
            return candidate
    if platform == WINDOWS:
        folders_in_registry = registry() if registry is not None else _windows_registry()
        for folder in folders_in_registry:
            candidate = str(PureWindowsPath(strip_quotes(folder), "soffice.exe"))
            if exists(candidate):
                return candidate
    return None


def _windows_registry() -> list[str]:
    """LibreOffice's program folders as its installer records them (HKLM and HKCU)."""
    if sys.platform != "win32":
        return []
    import winreg

    found = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        for key in (
            r"SOFTWARE\LibreOffice\UNO\InstallPath",
            r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath",
        ):
            try:
                with winreg.OpenKey(hive, key) as handle:
                    value, _kind = winreg.QueryValueEx(handle, "")
            except OSError:
                continue
            if isinstance(value, str) and value:
                found.append(value)
    return found


def install_hint(platform: str) -> str:
    """How to install what PDF output needs, on `platform` (Bahasa Indonesia)."""
    if platform == WINDOWS:
        return (
            "LibreOffice tidak ditemukan; pasang dari https://www.libreoffice.org/download/ "
            "atau di Command Prompt: winget install --id TheDocumentFoundation.LibreOffice "
            f"(jika terpasang di folder lain, isi variabel {SOFFICE_VARIABLE} dengan jalur "
            "soffice.exe)"
        )
    if platform == MACOS:
        return (
            "LibreOffice tidak ditemukan; pasang dengan: brew install --cask libreoffice "
            "(atau unduh dari https://www.libreoffice.org/download/)"
        )
    return (
        "LibreOffice tidak ditemukan; pasang dengan: sudo apt-get install "
        "libreoffice-writer-nogui libreoffice-math-nogui fonts-liberation"
    )


def max_workers(platform: str) -> int | None:
    """The most worker processes a pool may have on `platform` (None: no limit)."""
    return WINDOWS_MAX_WORKERS if platform == WINDOWS else None


def path_too_long(path: str, platform: str) -> bool:
    """True when Windows programs cannot open `path` (an absolute path of 260 characters or
    more; Word and Acrobat keep this limit even where Python could go beyond)."""
    return platform == WINDOWS and len(path) >= WINDOWS_MAX_PATH
