"""Windows, macOS and Linux behaviour, simulated on Linux: platform and environment are
arguments (finding LibreOffice, install hints, process trees, worker limits)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import psutil
import pytest

from renaksi_docs import libreoffice, platforms
from renaksi_docs.batch import pool_size
from renaksi_docs.errors import ConversionFailed

PROGRAM_FILES = r"C:\Program Files\LibreOffice\program\soffice.exe"


def finds(platform: str, env: dict[str, str], *present: str, registry: tuple[str, ...] = ()):
    """find_soffice when exactly the paths `present` exist."""
    return platforms.find_soffice(
        platform, env, exists=set(present).__contains__, registry=lambda: registry
    )


def test_windows_program_files() -> None:
    """Windows: the installer's folder under Program Files (or Program Files (x86), or the
    user's own Programs folder) is found although it is not on PATH."""
    env = {"PATH": r"C:\Windows\system32;C:\Windows", "ProgramFiles": r"C:\Program Files"}
    assert finds("win32", env, PROGRAM_FILES) == PROGRAM_FILES
    x86 = r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"
    assert finds("win32", {**env, "ProgramFiles(x86)": r"C:\Program Files (x86)"}, x86) == x86
    user = r"C:\Users\tu\AppData\Local\Programs\LibreOffice\program\soffice.exe"
    assert finds("win32", {**env, "LOCALAPPDATA": r"C:\Users\tu\AppData\Local"}, user) == user
    assert finds("win32", env) is None


def test_windows_registry_and_path() -> None:
    """Windows: a LibreOffice installed elsewhere is found through the folder its installer
    recorded in the registry; one on PATH (folders separated by ';', maybe quoted) first."""
    elsewhere = r"D:\Aplikasi\LO\program\soffice.exe"
    assert finds("win32", {}, elsewhere, registry=(r"D:\Aplikasi\LO\program",)) == elsewhere
    on_path = r"E:\Portable\LibreOffice\App\libreoffice\program\soffice.exe"
    env = {"PATH": r'C:\Windows;"E:\Portable\LibreOffice\App\libreoffice\program"'}
    assert finds("win32", env, on_path, PROGRAM_FILES) == on_path


@pytest.mark.parametrize(
    "value",
    [
        '"C:\\LO\\program\\soffice.exe"',
        "'C:\\LO\\program\\soffice.exe' ",
        " C:\\LO\\program\\soffice.exe",
    ],
)
def test_configured_binary_loses_its_quotes(value: str) -> None:
    """RENAKSI_SOFFICE set in cmd.exe keeps its quotes (set X="C:\\…"); they are stripped."""
    binary = r"C:\LO\program\soffice.exe"
    assert finds("win32", {"RENAKSI_SOFFICE": value}, binary, PROGRAM_FILES) == binary


def test_configured_command_is_looked_up_on_path() -> None:
    """RENAKSI_SOFFICE may name a command on PATH; a configured path that does not exist is
    not silently replaced by another LibreOffice."""
    env = {"RENAKSI_SOFFICE": "libreoffice7.6", "PATH": "/usr/bin:/opt/lo/bin"}
    assert finds("linux", env, "/opt/lo/bin/libreoffice7.6") == "/opt/lo/bin/libreoffice7.6"
    missing = {"RENAKSI_SOFFICE": "/tidak/ada/soffice", "PATH": "/usr/bin"}
    assert finds("linux", missing, "/usr/bin/soffice") is None


def test_macos_app_bundles() -> None:
    """macOS: the app bundle in /Applications, else in ~/Applications."""
    system = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    mine = "/Users/tu/Applications/LibreOffice.app/Contents/MacOS/soffice"
    env = {"PATH": "/usr/bin:/bin", "HOME": "/Users/tu"}
    assert finds("darwin", env, system, mine) == system
    assert finds("darwin", env, mine) == mine
    assert finds("darwin", env) is None


def test_linux_path_before_standard_locations() -> None:
    """Linux: soffice or libreoffice on PATH, else LibreOffice's own install folders."""
    env = {"PATH": "/usr/local/bin:/usr/bin"}
    assert finds("linux", env, "/usr/bin/libreoffice") == "/usr/bin/libreoffice"
    tarball = "/opt/libreoffice/program/soffice"
    assert finds("linux", env, tarball) == tarball


INSTALLERS = {"win32": "winget", "darwin": "brew", "linux": "apt-get"}


@pytest.mark.parametrize(
    ("platform", "fix"),
    [
        ("win32", "winget install --id TheDocumentFoundation.LibreOffice"),
        ("darwin", "brew install --cask libreoffice"),
        ("linux", "sudo apt-get install libreoffice-writer-nogui"),
    ],
)
def test_missing_libreoffice_says_how_to_install_it_here(platform: str, fix: str) -> None:
    """Without LibreOffice the message gives this platform's install command and no other
    platform's (the Converter raises it; Linux's standard folder exists on this machine)."""
    message = libreoffice.missing({}, platform)
    assert "LibreOffice tidak ditemukan" in message and fix in message
    for other, installer in INSTALLERS.items():
        assert (installer in message) == (other == platform)
    if platform != "linux":
        converter = libreoffice.Converter(env={"PATH": "", "HOME": "/tidak-ada"}, platform=platform)
        with pytest.raises(ConversionFailed) as raised:
            converter.binary()
        assert str(raised.value) == message


def test_windows_way_ends_the_whole_tree() -> None:
    """The Windows way of ending LibreOffice (psutil over the tree, children first) leaves
    neither the launcher nor its children nor grandchildren running (run here on Linux)."""
    launcher = subprocess.Popen(
        ["bash", "-c", "bash -c 'sleep 300 & sleep 300; wait' & sleep 300 & wait"]
    )
    deadline = time.monotonic() + 10
    while len(psutil.Process(launcher.pid).children(recursive=True)) < 4:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    tree = [psutil.Process(launcher.pid), *psutil.Process(launcher.pid).children(recursive=True)]
    libreoffice.kill_descendants_and(launcher.pid)
    launcher.wait(timeout=5)
    for member in tree:
        assert not member.is_running() or member.status() == psutil.STATUS_ZOMBIE


def test_no_wait_hangs_on_a_process_that_escaped(tmp_path: Path) -> None:
    """A LibreOffice whose helper escapes its process group keeping stderr open does not make
    the conversion wait for it (stderr goes to a file, not a pipe): the conversion ends with
    "no PDF", not with the timeout."""
    pidfile = tmp_path / "lolos.pid"
    fake = tmp_path / "soffice"
    fake.write_text(
        f"#!/bin/bash\nsetsid bash -c 'echo $$ > {pidfile}; exec sleep 300' &\n"
        f"while [ ! -s {pidfile} ]; do sleep 0.01; done\nexit 0\n"
    )
    fake.chmod(0o755)
    document = tmp_path / "a.docx"
    document.write_bytes(b"PK")
    try:
        with libreoffice.Converter(str(fake), timeout=60) as converter:
            results = converter.convert([document])
        assert results[0].error == "LibreOffice tidak menghasilkan PDF"
    finally:
        for line in pidfile.read_text().split():
            psutil.Process(int(line)).kill()


def test_at_most_61_workers_on_windows() -> None:
    """Windows' process pools take at most 61 workers; other platforms take what is asked."""
    assert pool_size(100, 500, "win32") == 61
    assert pool_size(100, 500, "linux") == 100
    assert pool_size(8, 3, "win32") == 3
    assert pool_size(8, 0, "darwin") == 1
