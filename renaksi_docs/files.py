"""Input and output files: inputs checked before they are read, outputs written to a temp
file beside the target, then renamed into place.

A failed write leaves neither the output nor the temp file; an existing output is only
replaced when the caller says so; an output is never one of the run's inputs (`same_file`,
with the case-insensitive names of Windows and macOS).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import io
import os
import re
import secrets
import sys
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import platforms
from .errors import (
    IN_USE,
    InputMissing,
    InputUnreadable,
    OutputExists,
    OutputProblem,
    describe_os_error,
)

LOCK_RETRIES = (0.3, 0.7, 1.5)
"""Seconds to wait before each new attempt to replace an output that another program holds
open (Windows): an antivirus scan or a preview lets go within a moment, Word does not."""
_IN_USE = (32, 33)
"""Windows errors of a file another program holds: sharing violation, lock violation."""
_LOCKED = (5, *_IN_USE)
"""Windows errors when replacing a file in use: access denied too."""
_TEMP_TAIL = 1 + 12 + len(".tmp")
"""Characters a temp name adds to the target's stem (see _new_file)."""


def refuse_existing(docx: Path, pdf: bool) -> None:
    """OutputExists when the document `docx`, or its .pdf when one is asked for, is there
    already (checked before any work, so that nothing is half made; without --force)."""
    for output in (docx, docx.with_suffix(".pdf")) if pdf else (docx,):
        if output.exists():
            raise OutputExists(output)


@contextmanager
def atomic_output(
    target: Path, force: bool = False, platform: str = sys.platform
) -> Iterator[Path]:
    """Yield a temp path in `target`'s folder; on success move it to `target`."""
    target = Path(target)
    _check_length(target, platform)
    if target.exists() and not force:
        raise OutputExists(target)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = _new_file(folder, prefix=f".{target.stem[:40]}.", suffix=".tmp")
    except OSError as exc:
        raise _unwritable_folder(folder, exc, platform) from None
    try:
        yield temp
        _publish(temp, target, force, platform)
    except OSError as exc:  # disk full, folder removed meanwhile: nothing half-written stays
        raise OutputProblem(f"tidak dapat menulis {target}: {reason(exc, platform)}") from None
    finally:
        with contextlib.suppress(OSError):  # the folder went away: nothing left to clean
            temp.unlink(missing_ok=True)


def _unwritable_folder(folder: Path, exc: OSError, platform: str) -> OutputProblem:
    # mkdir says "exists" when a part of the folder's path is a file
    said = (
        "itu sebuah berkas, bukan folder; pakai folder lain"
        if isinstance(exc, FileExistsError)
        else reason(exc, platform)
    )
    return OutputProblem(f"tidak dapat menulis di folder {folder}: {said}")


def check_folder(folder: Path, platform: str = sys.platform) -> None:
    """OutputProblem unless a file can be created in `folder` (made when missing): checked
    before a long run reads its inputs, so that a read-only folder fails first."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _new_file(folder, prefix=".renaksi-", suffix=".tmp").unlink()
    except OSError as exc:
        raise _unwritable_folder(folder, exc, platform) from None


def in_use(exc: OSError, platform: str = sys.platform) -> bool:
    """True when `exc` says another program holds the file (only Windows locks files)."""
    return platform == platforms.WINDOWS and getattr(exc, "winerror", None) in _IN_USE


def reason(exc: OSError, platform: str = sys.platform) -> str:
    """Why an I/O call failed and what to do, in Bahasa Indonesia: errors.describe_os_error,
    the one mapping of OS errors (never the system's English text)."""
    return describe_os_error(exc, platform)


def check_input(path: Path, platform: str = sys.platform) -> None:
    """InputMissing or InputUnreadable unless `path` is a file this process can open (the
    reason in the user's words: no permission, held by another program). A folder passes:
    the reader names it (Windows would call opening one "permission denied")."""
    if Path(path).is_dir():
        return
    try:
        with open(path, "rb"):
            pass
    except FileNotFoundError:
        raise InputMissing(path) from None
    except OSError as exc:
        if in_use(exc, platform):
            raise InputUnreadable(path, IN_USE) from None
        raise InputUnreadable(path, f"tidak dapat dibaca: {reason(exc, platform)}") from None


def path_key(path: Path, platform: str = sys.platform) -> str:
    """`path` resolved (symlinks, `..`) and spelt as `platform` compares file names: any case
    on Windows and macOS (whose default file systems ignore it; macOS also ignores Unicode
    normalisation). Folding errs towards "same": ß and ss are one on Windows here."""
    text = str(Path(path).resolve())
    if platform == platforms.MACOS:
        return unicodedata.normalize("NFC", text).casefold()
    if platform == platforms.WINDOWS:
        return text.casefold()
    return text


def same_file(first: Path, second: Path, platform: str = sys.platform) -> bool:
    """True when the two paths name one file: the same `path_key`, or (both existing) one
    file on disk (a hard link, a case-insensitive mount)."""
    return InputSet([first], platform).find(second) is not None


def _file_id(path: Path) -> tuple[int, int] | None:
    """(device, inode) of an existing file, or None."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino) if status.st_ino else None


class InputSet:
    """Files of one run, each with its owner (an input: itself; an output: the input that
    makes it), to tell whether another path names one of them (`same_file`'s rules)."""

    def __init__(self, paths: Iterable[Path] = (), platform: str = sys.platform) -> None:
        self.platform = platform
        self._by_key: dict[str, Path] = {}
        self._by_id: dict[tuple[int, int], Path] = {}
        for path in paths:
            self.add(path, path)

    def add(self, path: Path, owner: Path) -> None:
        """Record `path` as `owner`'s (the first owner of a path stays)."""
        self._by_key.setdefault(path_key(path, self.platform), owner)
        ident = _file_id(path)
        if ident is not None:
            self._by_id.setdefault(ident, owner)

    def find(self, path: Path) -> Path | None:
        """The owner of the recorded file that `path` names, or None."""
        owner = self._by_key.get(path_key(path, self.platform))
        if owner is None and self._by_id:
            ident = _file_id(path)
            owner = self._by_id.get(ident) if ident is not None else None
        return owner


def _check_length(target: Path, platform: str) -> None:
    """Refuse an output path that Windows programs cannot open (or we cannot write)."""
    absolute = str(target.absolute())
    temp = len(absolute) - len(target.name) + 1 + len(target.stem[:40]) + _TEMP_TAIL
    if platforms.path_too_long(absolute, platform) or platforms.path_too_long("x" * temp, platform):
        raise OutputProblem(
            f"jalur berkas hasil terlalu panjang ({len(absolute)} karakter; Windows hanya "
            f"membuka jalur di bawah {platforms.WINDOWS_MAX_PATH} karakter): {absolute}; pakai "
            "folder dengan jalur yang lebih pendek"
        )


def _publish(temp: Path, target: Path, force: bool, platform: str) -> None:
    """Move `temp` to `target`, retrying a while when another program holds the target."""
    for delay in (*LOCK_RETRIES, None):
        try:
            _move(temp, target, force)
            return
        except OSError as exc:
            if not _held_open(exc, platform):
                raise
            if delay is None:
                raise OutputProblem(
                    f"{target} sedang dibuka di program lain (Word/Acrobat?); tutup lalu ulangi"
                ) from None
            time.sleep(delay)


def _held_open(exc: OSError, platform: str) -> bool:
    """True when `exc` says another program has the file open (only Windows locks files)."""
    if platform != platforms.WINDOWS:
        return False
    return isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in _LOCKED


def _move(temp: Path, target: Path, force: bool) -> None:
    if force:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)  # fails if the target appeared meanwhile: never clobber
    except FileExistsError:
        raise OutputExists(target) from None
    except OSError:
        # No hard links here: FAT32/exFAT (EINVAL on Windows, errno 45 ENOTSUP on macOS, EPERM
        # on Linux), some network shares. A rename checked just before is the best left.
        if target.exists():
            raise OutputExists(target) from None
        os.replace(temp, target)


def _new_file(folder: Path, prefix: str, suffix: str) -> Path:
    """Create a new empty file with a random name in `folder`, with the mode any new file of
    the user gets (0666 less the umask, applied by the system: the process umask is never
    changed, so other threads are unaffected). mkstemp would make it 0600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = folder / f"{prefix}{secrets.token_hex(6)}{suffix}"
        try:
            os.close(os.open(path, flags, 0o666))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, "tidak ada nama berkas sementara yang bebas", str(folder))


def write_atomically(
    target: Path,
    write: Callable[[Path], object],
    force: bool = False,
    platform: str = sys.platform,
) -> Path:
    """Call `write(temp_path)` and move the result to `target`."""
    with atomic_output(target, force, platform) as temp:
        write(temp)
    return target


def in_memory(save: Callable[[io.BytesIO], object]) -> Callable[[Path], None]:
    """A `write` for write_atomically that lets a library save into memory, then writes the
    bytes to the temp file: when the disk is full, a library's half-written zip is never left
    for the garbage collector (whose second failure prints as a traceback); only our own
    write fails, with its OSError."""

    def write(temp: Path) -> None:
        buffer = io.BytesIO()
        try:
            save(buffer)
        except Exception as exc:  # a temp file of the library's own (openpyxl's sheets)
            failure = _io_failure(exc)
            if failure is None:
                raise
            _release(exc)
            raise failure from None
        temp.write_bytes(buffer.getbuffer())

    return write


def _io_failure(exc: Exception) -> OSError | None:
    """`exc` as the OSError it stands for, when it is a failed write: lxml reports one as
    SerialisationError('IO_ENOSPC'); None for any other error (a bug keeps its traceback)."""
    if isinstance(exc, OSError):
        return exc
    from lxml import etree

    text = str(exc)
    if not isinstance(exc, etree.SerialisationError) or not text.startswith("IO_"):
        return None
    code = getattr(errno, text.removeprefix("IO_"), None)
    return OSError(code if isinstance(code, int) else errno.EIO, text)


def _release(exc: BaseException) -> None:
    """Collect now what a library's failed save left half-open: its writers are generators
    inside open XML elements and zip files, which fail again when collected and would print
    "Exception ignored in …" tracebacks later. Here that second failure is expected (the
    first one is reported), so only I/O errors are kept quiet, and only meanwhile."""
    from lxml import etree

    previous = sys.unraisablehook

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        if not isinstance(unraisable.exc_value, OSError | etree.LxmlError):
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = previous


_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A file-name-safe ASCII slug: 'Lapas Kelas IIA / Jogja' → 'lapas-kelas-iia-jogja'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = _UNSAFE.sub("-", ascii_text.lower()).strip("-")
    return cleaned[:80].rstrip("-") or "upt"
