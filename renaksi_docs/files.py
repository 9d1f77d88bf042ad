"""Output files: written to a temp file beside the target, then renamed into place.

A failed write leaves neither the output nor the temp file; an existing output is only
replaced when the caller says so.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
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
        handle, name = tempfile.mkstemp(prefix=f".{target.stem[:40]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputProblem(
            f"tidak dapat menulis di folder {folder}: {exc.strerror or exc}; pilih folder lain "
            "dengan -o atau periksa izin tulisnya"
        ) from None
    os.close(handle)
    temp = Path(name)
    os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
