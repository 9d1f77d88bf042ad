"""Output files: written to a temp file beside the target, then renamed into place.

A failed write leaves neither the output nor the temp file; an existing output is only
replaced when the caller says so.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import platforms
from .errors import OutputExists, OutputProblem, describe_os_error

LOCK_RETRIES = (0.3, 0.7, 1.5)
"""Seconds to wait before each new attempt to replace an output that another program holds
open (Windows): an antivirus scan or a preview lets go within a moment, Word does not."""
_LOCKED = (5, 32, 33)
"""Windows errors of a file in use: access denied, sharing violation, lock violation."""
_TEMP_TAIL = 1 + 12 + len(".tmp")
"""Characters a temp name adds to the target's stem (see _new_file)."""


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
        # mkdir says "exists" when a part of the folder's path is a file
        reason = (
            "itu sebuah berkas, bukan folder; pakai folder lain"
            if isinstance(exc, FileExistsError)
            else describe_os_error(exc, platform)
        )
        raise OutputProblem(f"tidak dapat menulis di folder {folder}: {reason}") from None
    try:
        yield temp
        _publish(temp, target, force, platform)
    except OSError as exc:  # disk full, folder removed meanwhile: nothing half-written stays
        raise OutputProblem(
            f"tidak dapat menulis {target}: {describe_os_error(exc, platform)}"
        ) from None
    finally:
        temp.unlink(missing_ok=True)


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


_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A file-name-safe ASCII slug: 'Lapas Kelas IIA / Jogja' → 'lapas-kelas-iia-jogja'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = _UNSAFE.sub("-", ascii_text.lower()).strip("-")
    return cleaned[:80].rstrip("-") or "upt"
