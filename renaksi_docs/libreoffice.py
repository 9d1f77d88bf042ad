""".docx → .pdf with LibreOffice headless (RENDERING.md: profiles, timeouts, fonts).

A `Converter` is one run's conversion and owns its processes, lock and cancellation (no module
state: a cancelled run leaves the next one unaffected). One `soffice --convert-to pdf` process
converts a whole share of the files (shares balanced by size). Each process gets a fresh
profile (a second soffice sharing a profile hands its work to the first and may exit 0 without
a PDF), seeded so that it skips the first-start self-tests, runs with tcmalloc when installed,
and as a process tree of its own that is ended whole (soffice.bin and oosplash, which ignores
SIGTERM) on timeout, cancellation and normal exit. Every PDF is checked (exists, starts with
%PDF) and the files without one are retried once in a new process.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from . import platforms
from .errors import ConversionFailed, RenaksiError
from .files import atomic_output

PROFILE_PREFIX = "renaksi-lo-"
CANCELLED = "dibatalkan"
"""The outcome of a file whose conversion was cancelled (Ctrl-C, `Converter.cancel`)."""
LAST_VERSION = "999.9"
"""Seeded as the profile's last-run LibreOffice version. A profile that looks "upgraded" (a fresh
one always does) makes every start run VCL's graphics self-tests, drawing 4096-pixel bitmaps:
about 1 s of CPU per process here (bench/libreoffice_tuning.py). A version above any real one
means "nothing to upgrade"; headless conversion uses the key for nothing else."""
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


PROFILE_SETTINGS = registry(NO_UPGRADE_SETTING)
"""Our profile seed. (Math's base size is no longer seeded: the RUMUS fraction is a nested
table, not a Word equation, and looks right with LibreOffice's defaults; docs/rendering.md.)"""


@dataclass(frozen=True)
class Converted:
    """The outcome for one .docx: the PDF written, or why there is none."""

    docx: Path
    pdf: Path | None
    error: str | None = None


def soffice(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """The LibreOffice binary (platforms.find_soffice: $RENAKSI_SOFFICE, PATH, the standard
    install locations)."""
    return platforms.find_soffice(platform, os.environ if env is None else env)


def missing(env: Mapping[str, str], platform: str = sys.platform) -> str:
    """Why no LibreOffice was found, and how to install it on `platform`."""
    hint = platforms.install_hint(platform)
    configured = platforms.strip_quotes(env.get(platforms.SOFFICE_VARIABLE, ""))
    if configured:
        return (
            f"{platforms.SOFFICE_VARIABLE} menunjuk ke {configured}, yang tidak ditemukan; "
            f"perbaiki atau hapus variabel itu. {hint}"
        )
    return hint


def allocator(env: Mapping[str, str] | None = None) -> str | None:
    """The malloc to preload into LibreOffice: $RENAKSI_PDF_MALLOC (a library; empty: glibc's),
    else gperftools' tcmalloc when installed (Debian: libtcmalloc-minimal4).

    LibreOffice's DOCX import and layout allocate and free millions of small objects; with
    tcmalloc a conversion took about 14% less CPU here (bench/libreoffice_tuning.py)."""
    env = os.environ if env is None else env
    configured = env.get("RENAKSI_PDF_MALLOC")
    if configured is not None:
        return configured or None
    return _tcmalloc()


@functools.cache
def _tcmalloc() -> str | None:
    """tcmalloc's library name, looked up once per process (find_library runs ldconfig)."""
    return ctypes.util.find_library("tcmalloc_minimal")


def environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment LibreOffice runs in: `env` (default ours), with the allocator preloaded."""
    env = os.environ if env is None else env
    library = allocator(env)
    if library is None:
        return dict(env)
    preload = " ".join(filter(None, [library, env.get("LD_PRELOAD")]))
    return dict(env, LD_PRELOAD=preload)


def timeout_for(files: int, env: Mapping[str, str] | None = None) -> float:
    """Seconds one process may take for `files` documents ($RENAKSI_PDF_TIMEOUT overrides)."""
    env = os.environ if env is None else env
    configured = env.get("RENAKSI_PDF_TIMEOUT")
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


class Converter:
    """One run's PDF conversion: owns its LibreOffice processes, lock and cancellation.

    Thread-safe: several threads may call `convert` at once, each call with its own soffice
    process and profile. `cancel` (Ctrl-C, a web request gone) ends every process tree this
    object started; a later `convert` on it returns every file as "dibatalkan". Another
    Converter is unaffected. Leaving the `with` block ends anything still running."""

    def __init__(
        self,
        binary: str | None = None,
        timeout: float | None = None,
        env: Mapping[str, str] | None = None,
        platform: str = sys.platform,
    ) -> None:
        self._env = dict(os.environ if env is None else env)
        self._platform = platform
        self._binary = binary
        self._timeout = timeout
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[bytes]] = set()
        self._cancelled = threading.Event()

    def __enter__(self) -> Converter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()

    @property
    def cancelled(self) -> bool:
        """True once `cancel` was called."""
        return self._cancelled.is_set()

    def binary(self) -> str:
        """The LibreOffice binary this converter runs, or ConversionFailed with the install hint."""
        binary = self._binary or soffice(self._env, self._platform)
        if binary is None:
            raise ConversionFailed(missing(self._env, self._platform))
        return binary

    def convert(self, docx_files: Sequence[Path], force: bool = False) -> list[Converted]:
        """PDFs beside `docx_files`, from one LibreOffice process (plus one retry of the files
        without a PDF); the outcome of each file in the given order."""
        if not docx_files:
            return []  # soffice started without files never exits
        if self.cancelled:
            return [Converted(path, None, CANCELLED) for path in docx_files]
        binary = self.binary()
        results = self._attempt(binary, docx_files, force)
        retry = [path for path, result in results.items() if result.pdf is None]
        if retry and not self.cancelled:
            results.update(self._attempt(binary, retry, force))
        return [results[path] for path in docx_files]

    def to_xlsx(self, spreadsheet: Path, out: Path, infilter: str | None = None) -> Path | str:
        """Convert an .ods or .xls file into an .xlsx in the folder `out` with LibreOffice Calc
        (import filter `infilter`): the .xlsx, or why there is none. The caller passes a copy
        in a private folder (LibreOffice writes a lock file beside its input)."""
        return self._to_format(spreadsheet, out, "xlsx", infilter)

    def to_docx(self, document: Path, out: Path) -> Path | str:
        """Convert a .doc (or .rtf, .odt) into a .docx in the folder `out` with LibreOffice
        Writer: the .docx, or why there is none. The caller passes a private copy."""
        return self._to_format(document, out, "docx:MS Word 2007 XML")

    def _to_format(
        self, source: Path, out: Path, target: str, infilter: str | None = None
    ) -> Path | str:
        """One file converted to `target` (a format, optionally `:filter`) in `out`, by one
        LibreOffice process with a fresh seeded profile and the run's timeout."""
        if self.cancelled:
            return CANCELLED
        binary = self.binary()
        work = Path(tempfile.mkdtemp(prefix=PROFILE_PREFIX))
        try:
            profile = work / "profile"
            seed_profile(profile)
            command = soffice_command(binary, profile, out, [source], target, infilter)
            timeout = self._timeout or timeout_for(1, self._env)
            problem = self._run(command, timeout, work / "stderr.txt")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        produced = out / f"{source.stem}.{target.split(':')[0]}"
        if problem is None and _starts_with(produced, b"PK"):
            return produced
        return problem or f"LibreOffice tidak menghasilkan berkas .{target.split(':')[0]}"

    def cancel(self) -> None:
        """End every LibreOffice process tree this converter started, and start no more."""
        with self._lock:
            self._cancelled.set()
            running = list(self._running)
        for process in running:
            end_tree(process)

    def _attempt(
        self, binary: str, docx_files: Sequence[Path], force: bool
    ) -> dict[Path, Converted]:
        """One soffice process over `docx_files`; PDFs moved beside their .docx."""
        work = Path(tempfile.mkdtemp(prefix=PROFILE_PREFIX))
        try:
            profile = work / "profile"
            seed_profile(profile)
            out = work / "out"
            out.mkdir()
            command = soffice_command(binary, profile, out, docx_files)
            timeout = self._timeout or timeout_for(len(docx_files), self._env)
            problem = self._run(command, timeout, work / "stderr.txt")
            if problem == CANCELLED:  # nothing published after Ctrl-C
                return {docx: Converted(docx, None, CANCELLED) for docx in docx_files}
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

    def _run(self, command: list[str], timeout: float, log: Path) -> str | None:
        """Run soffice as a process tree of its own and end the whole tree afterwards.
        None when it exited 0; else why not. Its stderr goes to the file `log`, not a pipe:
        a pipe held open by a stray grandchild would make the wait after a kill hang."""
        with self._lock:  # checked and registered together, so cancel cannot miss a process
            if self.cancelled:
                return CANCELLED
            with log.open("wb") as stderr:
                process = launch(command, environment(self._env), stderr)
            self._running.add(process)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return f"LibreOffice tidak selesai dalam {timeout:.0f} detik dan dihentikan"
        finally:
            end_tree(process)
            with self._lock:
                self._running.discard(process)
        if self.cancelled:
            return CANCELLED
        if process.returncode != 0:
            detail = log.read_text("utf-8", "replace").strip().splitlines()
            return f"LibreOffice gagal (kode {process.returncode}): {detail[-1] if detail else ''}"
        return None


def soffice_command(
    binary: str,
    profile: Path,
    out: Path,
    files: Sequence[Path],
    target: str = "pdf",
    infilter: str | None = None,
) -> list[str]:
    """The soffice command line converting `files` to the format `target` into `out`, with the
    profile folder `profile`; `infilter` names the import filter (no guessing)."""
    return [
        binary,
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        target,
        "--outdir",
        str(out),
        *(str(p) for p in files),
    ]


def seed_profile(profile: Path, settings: str = PROFILE_SETTINGS) -> None:
    """Prepare a new LibreOffice profile folder (default: marked as already run: no
    self-tests)."""
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(settings, "utf-8")


KILL_WAIT = 5.0
"""Seconds to wait for a killed process to be reaped; after that it is left (never hang)."""


def launch(
    command: list[str], env: Mapping[str, str], stderr: IO[bytes], stdout: IO[bytes] | None = None
) -> subprocess.Popen[bytes]:
    """Start `command` as the root of a process tree that `end_tree` can end whole: a session
    of its own on POSIX, a new process group without a console window on Windows."""
    if sys.platform == "win32":
        flags = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=stdout or subprocess.DEVNULL,
            stderr=stderr,
            env=dict(env),
            creationflags=flags,
        )
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=stdout or subprocess.DEVNULL,
        stderr=stderr,
        env=dict(env),
        start_new_session=True,
    )


def version(binary: str, env: Mapping[str, str] | None = None, timeout: float = 60) -> str | None:
    """LibreOffice's own version line ('LibreOffice 7.4.7.2 40(Build:2)'), or None when it does
    not answer `--version` in time. On Windows soffice.com (beside soffice.exe) prints it."""
    console = Path(binary).with_suffix(".com")
    if Path(binary).suffix.lower() == ".exe" and console.is_file():
        binary = str(console)
    with tempfile.TemporaryDirectory(prefix=PROFILE_PREFIX) as work:
        out = Path(work) / "stdout.txt"
        with out.open("wb") as stdout, (Path(work) / "stderr.txt").open("wb") as stderr:
            process = launch([binary, "--version"], environment(env), stderr, stdout)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        finally:
            end_tree(process)
        lines = out.read_text("utf-8", "replace").strip().splitlines()
    return lines[0].strip() if lines else None


def end_tree(process: subprocess.Popen[bytes]) -> None:
    """Kill `process` and everything it started, then reap it (waiting at most KILL_WAIT).

    POSIX: SIGKILL to its session's process group (oosplash ignores SIGTERM). Windows has no
    process groups to signal: the tree is walked with psutil, children first, so that
    soffice.bin does not outlive its launcher soffice.exe."""
    if sys.platform == "win32":
        kill_descendants_and(process.pid)
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=KILL_WAIT)


def kill_descendants_and(pid: int) -> None:
    """Kill process `pid` and all its descendants with psutil (Windows' way; works anywhere)."""
    import psutil

    try:
        root = psutil.Process(pid)
        tree = [*root.children(recursive=True), root]
    except psutil.NoSuchProcess:
        return
    for member in tree:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            member.kill()
    psutil.wait_procs(tree, timeout=KILL_WAIT)


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError:
        return False


def _is_pdf(path: Path) -> bool:
    """A whole PDF: its header, and its end-of-file marker (a PDF cut short by a killed
    LibreOffice has the header only)."""
    try:
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False
            handle.seek(max(path.stat().st_size - 1024, 0))
            return b"%%EOF" in handle.read()
    except OSError:
        return False
