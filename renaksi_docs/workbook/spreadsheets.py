"""Calc's and old Excel's own formats (.ods, .xls) read through LibreOffice (docs/import.md).

A workbook in one of them is copied into a private temp folder and converted there to .xlsx
by LibreOffice Calc (the input is never opened by LibreOffice, which would leave a lock file
beside it); the reader then reads the .xlsx as usual. Without LibreOffice, or when the
conversion fails, the file is passed on unchanged and the reader says what it is and how to
save it as .xlsx.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .. import libreoffice
from ..errors import ConversionFailed
from .container import ContainerRefused, check_member_count

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE compound file: an .xls (or a password-protected .xlsx)."""
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_XLS = 64 * 1024 * 1024
"""Largest .xls looked into (the reader's limit for an unpacked .xlsx)."""
IMPORT_FILTERS = {"xls": "MS Excel 97", "ods": "calc8"}
"""LibreOffice's import filter per format: named, so that a damaged file fails instead of
being guessed as text and read as a sheet of junk."""


def calc_format(path: Path) -> str | None:
    """'xls' or 'ods' when `path` holds one of those formats (whatever its name), else None.
    A password-protected .xlsx (also an OLE file) or an OLE file without a workbook stream
    is not one: the reader explains it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            if head == OLE_MAGIC:
                handle.seek(0)
                blob = handle.read(MAX_XLS)
                if "EncryptedPackage".encode("utf-16-le") in blob:
                    return None
                # The workbook stream of BIFF8 (Excel 97-2003) or BIFF5, named in UTF-16.
                names = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
                return "xls" if any(name in blob for name in names) else None
        if head.startswith(b"PK"):
            check_member_count(path)  # before zipfile lists the parts
            with zipfile.ZipFile(path) as package:
                if package.read("mimetype").strip() == ODS_MIMETYPE:
                    return "ods"
    except (OSError, KeyError, zipfile.BadZipFile, EOFError, ValueError, ContainerRefused):
        return None  # not readable as either: the reader reports it
    return None


@contextmanager
def readable_workbook(
    source: Path, env: Mapping[str, str] | None = None, platform: str = sys.platform
) -> Iterator[Path]:
    """Yield a path the reader can read for `source`: the file itself, or for an .ods or .xls
    (when LibreOffice is installed) an .xlsx converted from a private copy, deleted after."""
    kind = calc_format(source) if source.is_file() else None
    if kind is None:
        yield source
        return
    with libreoffice.Converter(
        env=os.environ if env is None else env, platform=platform
    ) as converter:
        try:
            converter.binary()
        except ConversionFailed:  # no LibreOffice: the reader's message for the format
            yield source
            return
        with tempfile.TemporaryDirectory(prefix="renaksi-calc-") as work:
            copy = Path(work) / f"workbook.{kind}"
            shutil.copyfile(source, copy)
            converted = converter.to_xlsx(copy, Path(work) / "xlsx", IMPORT_FILTERS[kind])
            yield converted if isinstance(converted, Path) else source
