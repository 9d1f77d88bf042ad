""".docx → .pdf with LibreOffice headless (RENDERING.md: profiles, timeouts, fonts).

One `soffice --convert-to pdf` process converts a whole share of the files (shares balanced by
size). Each process gets a fresh profile (a second soffice sharing a profile hands its work to
the first and may exit 0 without a PDF), seeded so that it skips the first-start self-tests,
runs with tcmalloc when installed, and in its own session so that the whole group (soffice.bin
and oosplash, which ignores SIGTERM) can be SIGKILLed on timeout, Ctrl-C or normal exit. Every
PDF is checked (exists, starts with %PDF) and the files without one are retried once in a new
process.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import functools
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ConversionFailed, RenaksiError
from .files import atomic_output

INSTALL_HINT = (
    "LibreOffice tidak ditemukan; pasang dengan: sudo apt-get install libreoffice-writer-nogui "
    "libreoffice-math-nogui fonts-liberation"
)
PROFILE_PREFIX = "renaksi-lo-"
MATH_BASE_SIZE = 7
"""Point size LibreOffice gives imported equations (the table's font size; its default is 12)."""
LAST_VERSION = "999.9"
"""Seeded as the profile's last-run LibreOffice version. A profile that looks "upgraded" (a fresh
one always does) makes every start run VCL's graphics self-tests, drawing 4096-pixel bitmaps:
about 1 s of CPU per process here (bench/libreoffice_tuning.py). A version above any real one
means "nothing to upgrade"; headless conversion uses the key for nothing else."""
MATH_SETTING = (
    '<item oor:path="/org.openoffice.Office.Math/StandardFormat"><prop oor:name="BaseSize" '
    f'oor:op="fuse"><value>{MATH_BASE_SIZE}</value></prop></item>'
)
NO_UPGRADE_SETTING = (
    '<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" '
    f'oor:op="fuse"><value>{LAST_VERSION}</value></prop></item>'
)


def registry(*items: str) -> str:
    """A registrymodifications.xcu holding `items`."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        + "\n".join(items)
        + "\n</oor:items>\n"
    )


PROFILE_SETTINGS = registry(MATH_SETTING, NO_UPGRADE_SETTING)

_running: set[subprocess.Popen[bytes]] = set()
_lock = threading.Lock()
_cancelled = threading.Event()
"""Set by kill_all (Ctrl-C): no new LibreOffice process starts, no retry."""


@dataclass(frozen=True)
class Converted:
    """The outcome for one .docx: the PDF written, or why there is none."""

    docx: Path
    pdf: Path | None
    error: str | None = None


def soffice() -> str | None:
    """The LibreOffice binary: $RENAKSI_SOFFICE, else soffice or libreoffice on PATH."""
    configured = os.environ.get("RENAKSI_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def allocator() -> str | None:
    """The malloc to preload into LibreOffice: $RENAKSI_PDF_MALLOC (a library; empty: glibc's),
    else gperftools' tcmalloc when installed (Debian: libtcmalloc-minimal4).

    LibreOffice's DOCX import and layout allocate and free millions of small objects; with
    tcmalloc a conversion took about 14% less CPU here (bench/libreoffice_tuning.py)."""
    configured = os.environ.get("RENAKSI_PDF_MALLOC")
    if configured is not None:
        return configured or None
    return _tcmalloc()


@functools.cache
def _tcmalloc() -> str | None:
    """tcmalloc's library name, looked up once per process (find_library runs ldconfig)."""
    return ctypes.util.find_library("tcmalloc_minimal")


def environment() -> dict[str, str]:
    """The environment LibreOffice runs in: ours, with the allocator preloaded."""
    library = allocator()
    if library is None:
        return dict(os.environ)
    preload = " ".join(filter(None, [library, os.environ.get("LD_PRELOAD")]))
    return dict(os.environ, LD_PRELOAD=preload)


def timeout_for(files: int) -> float:
    """Seconds one process may take for `files` documents ($RENAKSI_PDF_TIMEOUT overrides)."""
    configured = os.environ.get("RENAKSI_PDF_TIMEOUT")
    if configured:
        return float(configured)
    return 60.0 + 5.0 * files


def shares(docx_files: Sequence[Path], count: int) -> list[list[Path]]:
    """Split the files into at most `count` shares of about equal work, one per process.

    One soffice process takes its whole list at start, so a share that ends early leaves its
    core idle. LibreOffice's time grows with the document, and a .docx's size tells its length:
    the largest file goes to the share with the least bytes so far."""
    sizes = {path: _size(path) for path in docx_files}
    groups: list[list[Path]] = [[] for _ in range(max(min(count, len(sizes)), 1))]
    totals = [0] * len(groups)
    for path in sorted(sizes, key=lambda p: -sizes[p]):
        lightest = totals.index(min(totals))
        groups[lightest].append(path)
        totals[lightest] += sizes[path]
    return [group for group in groups if group]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def convert(docx_files: Sequence[Path], force: bool = False) -> list[Converted]:
    """Convert `docx_files` to PDFs beside them, in one LibreOffice process (plus one retry)."""
    if not docx_files:
        return []  # soffice started without files never exits
    binary = soffice()
    if binary is None:
        raise ConversionFailed(INSTALL_HINT)
    results = _attempt(binary, docx_files, force)
    retry = [path for path, result in results.items() if result.pdf is None]
    if retry and not _cancelled.is_set():
        results.update(_attempt(binary, retry, force))
    return [results[path] for path in docx_files]


def _attempt(binary: str, docx_files: Sequence[Path], force: bool) -> dict[Path, Converted]:
    """One soffice process over `docx_files`; PDFs moved beside their .docx."""
    work = Path(tempfile.mkdtemp(prefix=PROFILE_PREFIX))
    try:
        profile = work / "profile"
        seed_profile(profile)
        out = work / "out"
        out.mkdir()
        command = soffice_command(binary, profile, out, docx_files)
        problem = _run(command, timeout_for(len(docx_files)))
        results: dict[Path, Converted] = {}
        for docx in docx_files:
            produced = out / f"{docx.stem}.pdf"
            if not _is_pdf(produced):
                results[docx] = Converted(
                    docx, None, problem or "LibreOffice tidak menghasilkan PDF"
                )
                continue
            target = docx.with_suffix(".pdf")
            try:
                with atomic_output(target, force) as temp:
                    shutil.copyfile(produced, temp)
            except RenaksiError as exc:
                results[docx] = Converted(docx, None, str(exc))
                continue
            results[docx] = Converted(docx, target)
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def soffice_command(binary: str, profile: Path, out: Path, files: Sequence[Path]) -> list[str]:
    """The soffice command line converting `files` into `out` with the profile folder `profile`."""
    return [
        binary,
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *(str(p) for p in files),
    ]


def seed_profile(profile: Path, settings: str = PROFILE_SETTINGS) -> None:
    """Prepare a new LibreOffice profile folder (default: Math base size, no self-tests)."""
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(settings, "utf-8")


def _run(command: list[str], timeout: float) -> str | None:
    """Run soffice in its own session; kill the whole group afterwards. None when it exited 0."""
    with _lock:  # checked and registered together, so kill_all cannot miss a process
        if _cancelled.is_set():
            return "dibatalkan"
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=environment(),
            start_new_session=True,
        )
        _running.add(process)
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        process.communicate()
        return f"LibreOffice tidak selesai dalam {timeout:.0f} detik dan dihentikan"
    finally:
        _kill(process)
        with _lock:
            _running.discard(process)
    if process.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        return f"LibreOffice gagal (kode {process.returncode}): {detail[-1] if detail else ''}"
    return None


def _kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process group (oosplash ignores SIGTERM)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def kill_all() -> None:
    """Kill every LibreOffice process this program started, and start no more (Ctrl-C)."""
    with _lock:
        _cancelled.set()
        running = list(_running)
    for process in running:
        _kill(process)


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False
