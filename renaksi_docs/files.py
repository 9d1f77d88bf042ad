"""Output files: written to a temp file beside the target, then renamed into place.

A failed write leaves neither the output nor the temp file; an existing output is only
replaced when the caller says so.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputExists, OutputProblem


@contextmanager
def atomic_output(target: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temp path in `target`'s folder; on success move it to `target`."""
    target = Path(target)
    if target.exists() and not force:
        raise OutputExists(target)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = _new_file(folder, prefix=f".{target.stem[:40]}.", suffix=".tmp")
    except OSError as exc:
        raise OutputProblem(
            f"tidak dapat menulis di folder {folder}: {exc.strerror or exc}; pilih folder lain "
            "dengan -o atau periksa izin tulisnya"
        ) from None
    try:
        yield temp
        _publish(temp, target, force)
    except OSError as exc:  # disk full, folder removed meanwhile: nothing half-written stays
        raise OutputProblem(f"tidak dapat menulis {target}: {exc.strerror or exc}") from None
    finally:
        temp.unlink(missing_ok=True)


_NO_HARD_LINKS = (errno.EPERM, errno.ENOSYS, errno.EOPNOTSUPP)
"""Errors of os.link on filesystems without hard links: fall back to a checked rename."""


def _publish(temp: Path, target: Path, force: bool) -> None:
    try:
        if force:
            os.replace(temp, target)
        else:
            os.link(temp, target)  # fails if the target appeared meanwhile: never clobber
    except FileExistsError:
        raise OutputExists(target) from None
    except OSError as exc:
        if not force and exc.errno in _NO_HARD_LINKS:  # e.g. FAT, some network shares
            if target.exists():
                raise OutputExists(target) from None
            os.replace(temp, target)
            return
        raise OutputProblem(f"tidak dapat menulis {target}: {exc.strerror or exc}") from None


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


def write_atomically(target: Path, write: Callable[[Path], object], force: bool = False) -> Path:
    """Call `write(temp_path)` and move the result to `target`."""
    with atomic_output(target, force) as temp:
        write(temp)
    return target


_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A file-name-safe ASCII slug: 'Lapas Kelas IIA / Jogja' → 'lapas-kelas-iia-jogja'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = _UNSAFE.sub("-", ascii_text.lower()).strip("-")
    return cleaned[:80].rstrip("-") or "upt"
