"""The library's errors. The CLI turns every one of them into a message and an exit code.

Any other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(Enum):
    """An error stops the build; a warning is printed and the build goes on."""

    ERROR = "galat"
    WARNING = "peringatan"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a workbook, with the place to fix it."""

    severity: Severity
    message: str
    """A sentence in Bahasa Indonesia that says what to do."""
    sheet: str | None = None
    """Sheet name as the workbook spells it, or None for the file as a whole."""
    cell: str | None = None
    """Cell address such as 'D7' (or a row such as '7'), or None for the whole sheet."""

    @property
    def location(self) -> str:
        """'Indikator!D7', 'Indikator' or '' when the problem is the file itself."""
        if self.sheet is None:
            return ""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        label = "peringatan: " if self.severity is Severity.WARNING else ""
        return f"{prefix}{label}{self.message}"


_WINDOWS_IN_USE = (32, 33)
"""Windows errors of a file another program holds: sharing violation, lock violation."""
_WINDOWS_DISK_FULL = (39, 112)
"""Windows errors of a full disk (39 reaches Python as EINVAL, 112 as ENOSPC)."""
IN_USE = "sedang dipakai program lain (mis. Excel atau Word); tutup dulu lalu ulangi"
"""A file another program holds open (only Windows locks files)."""
_PERMISSION = "tidak ada izin; minta izin kepada pemiliknya atau tim TI, atau pakai folder lain"
_OS_ERRORS = {
    errno.EACCES: _PERMISSION,
    errno.EPERM: _PERMISSION,
    errno.EROFS: "disk itu hanya dapat dibaca (mis. flashdisk terkunci); pakai folder lain",
    errno.ENOSPC: "disk penuh; kosongkan sebagian ruangnya atau pakai disk lain",
    getattr(errno, "EDQUOT", -1): "kuota disk Anda habis; hapus berkas lama atau pakai disk lain",
    errno.EFBIG: "berkas melebihi batas ukuran disk itu; pakai disk lain",
    errno.EEXIST: "sudah ada; pakai nama lain",
    errno.ENOENT: "berkas atau folder tidak ditemukan; periksa nama dan foldernya",
    errno.ENOTDIR: "salah satu bagian jalurnya adalah berkas, bukan folder; periksa jalurnya",
    errno.EISDIR: "ini sebuah folder, bukan berkas; sebut nama berkasnya",
    errno.ENAMETOOLONG: "nama berkas atau jalurnya terlalu panjang; pakai yang lebih pendek",
    errno.EIO: "galat baca/tulis perangkat (disk, flashdisk atau jaringan); periksa perangkatnya "
    "lalu ulangi",
    errno.EMFILE: "terlalu banyak berkas terbuka; tutup program lain lalu ulangi",
    errno.ENFILE: "terlalu banyak berkas terbuka; tutup program lain lalu ulangi",
    errno.ETIMEDOUT: "jaringan tidak menjawab; periksa sambungannya lalu ulangi",
    errno.ENETUNREACH: "jaringan tidak terjangkau; periksa sambungannya lalu ulangi",
    errno.EADDRINUSE: "port itu sudah dipakai program lain (mungkin renaksi-docs yang sudah "
    "berjalan)",
    errno.EADDRNOTAVAIL: "alamat itu bukan milik komputer ini",
}
"""What an OS error means and what to do, in the clerk's words (strerror is English)."""
for _windows, _same in (("WSAEADDRINUSE", "EADDRINUSE"), ("WSAEADDRNOTAVAIL", "EADDRNOTAVAIL")):
    if hasattr(errno, _windows):  # Windows sockets report their own numbers
        _OS_ERRORS[getattr(errno, _windows)] = _OS_ERRORS[getattr(errno, _same)]
if hasattr(errno, "WSAEACCES"):  # a port Windows reserves, or one taken exclusively
    _OS_ERRORS[errno.WSAEACCES] = "Windows menolak port itu (dicadangkan atau dipakai program lain)"


def describe_os_error(exc: OSError, platform: str = sys.platform) -> str:
    """Why an I/O call failed and what to do, in Bahasa Indonesia, for a message about a
    named file or folder ("tidak dapat menulis X: …"). Never the system's own English text."""
    if platform == "win32":
        code = getattr(exc, "winerror", None)
        if code in _WINDOWS_IN_USE:
            return IN_USE
        if code in _WINDOWS_DISK_FULL:
            return _OS_ERRORS[errno.ENOSPC]
    if isinstance(exc, PermissionError) and exc.errno not in _OS_ERRORS:
        return _PERMISSION
    described = _OS_ERRORS.get(exc.errno or 0)
    if described is not None:
        return described
    name = errno.errorcode.get(exc.errno or 0) or type(exc).__name__
    return f"galat sistem {name}; ulangi, dan bila tetap gagal sampaikan kode ini kepada tim TI"


class RenaksiError(Exception):
    """Base of every error the CLI reports without a traceback."""


class WorkbookInvalid(RenaksiError):
    """The workbook has errors; all of them are in `problems`."""

    def __init__(self, path: Path, problems: Iterable[Problem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        first = f": {errors[0]}" if errors else ""
        super().__init__(f"{path}: {len(errors)} galat{first}")


class OutputExists(RenaksiError):
    """The output file is already there and --force was not given."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} sudah ada; pakai --force untuk menimpanya")


class TemplateProblem(RenaksiError):
    """A Word template cannot be used (missing, not a .docx, unsafe or broken tags)."""


class ConversionFailed(RenaksiError):
    """LibreOffice did not produce a PDF."""


class OutputProblem(RenaksiError):
    """The output cannot be written (folder not writable, disk full)."""


class InputProblem(RenaksiError):
    """An input file cannot be read; `reason` says why without naming the file (the caller
    names it once)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class InputMissing(InputProblem):
    """A workbook named on the command line does not exist."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "berkas tidak ditemukan")


class InputUnreadable(InputProblem):
    """An input exists but cannot be opened (no permission; held by another program)."""
