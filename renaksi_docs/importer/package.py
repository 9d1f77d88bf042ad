"""Opening the file to import: a .docx checked like a workbook, a .doc converted, a PDF refused.

The checks run before any XML parser: a zip with word/document.xml, bounded in size and
expansion (zip bombs), with no DTD or entity declaration; the XML is then parsed by lxml with
entities and network access off. A .doc (or .rtf, .odt) is converted to a temporary .docx
by LibreOffice when it is installed; the input is only ever read.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import InputMissing, RenaksiError
from ..workbook.container import (
    MAX_MEMBERS,
    OLE_MAGIC,
    ContainerRefused,
    check_member_count,
    oversized_member,
    part_with_dtd,
    too_many_members,
)

MAX_PART = 32 * 1024 * 1024
"""The largest XML part read (a long Rencana Aksi's document.xml is well under 1 MB)."""
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


class DocumentRefused(RenaksiError):
    """The file cannot be imported; the message says why and what to do."""


@dataclass(frozen=True)
class Parts:
    """The parsed parts the importer reads."""

    document: Any
    numbering: Any | None
    styles: Any | None
    footer_text: str
    """Text of every header and footer part."""


@contextlib.contextmanager
def open_document(path: Path, soffice: str | None) -> Iterator[Parts]:
    """The parts of the Word document at `path` (a .doc converted first when possible)."""
    path = Path(path)
    if not path.exists():
        raise InputMissing(path)
    if path.is_dir():
        raise DocumentRefused(f"{path}: ini sebuah folder, bukan dokumen Word .docx")
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        raise DocumentRefused(f"{path}: berkas kosong (0 bita)")
    if head.startswith(b"%PDF"):
        raise DocumentRefused(
            f"{path}: ini berkas PDF; hanya dokumen Word (.docx atau .doc) yang dapat diimpor, "
            "karena PDF tidak menyimpan tabelnya. Cari berkas Word aslinya (atau buka PDF di "
            "Word, periksa tabelnya, lalu simpan sebagai .docx)"
        )
    if head.startswith(OLE_MAGIC) or head.startswith(b"{\\rtf") or _is_odt(path, head):
        if head.startswith(OLE_MAGIC) and _encrypted(path):
            raise DocumentRefused(
                f"{path}: dokumen dilindungi kata sandi; buka di Word, hapus kata sandinya "
                "(File > Info > Protect Document), lalu simpan ulang"
            )
        with _converted(path, soffice) as docx:
            yield _parts(docx, path)
        return
    if not head.startswith(b"PK"):
        raise DocumentRefused(
            f"{path}: bukan dokumen Word; buka di Word lalu simpan sebagai Word Document (.docx)"
        )
    yield _parts(path, path)


def _is_odt(path: Path, head: bytes) -> bool:
    if not head.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return (
        "content.xml" in names
        and "word/document.xml" not in names
        and ("xl/workbook.xml" not in names)
    )


def _encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        blob = handle.read(4 * 1024 * 1024)
    return "EncryptedPackage".encode("utf-16-le") in blob


@contextlib.contextmanager
def _converted(path: Path, soffice: str | None) -> Iterator[Path]:
    """A temporary .docx made by LibreOffice from `path` (.doc, .rtf, .odt), through the one
    LibreOffice launch path (libreoffice.Converter: fresh profile, timeout, whole tree ended)."""
    from ..libreoffice import Converter

    if soffice is None:
        raise DocumentRefused(
            f"{path}: ini dokumen Word lama (.doc) atau format lain, dan LibreOffice tidak "
            "terpasang untuk mengubahnya; buka di Word lalu simpan sebagai Word Document "
            "(.docx), kemudian impor berkas .docx itu"
        )
    with tempfile.TemporaryDirectory(prefix="renaksi-import-") as folder:
        work = Path(folder)
        copy = work / ("masukan" + (path.suffix.lower() or ".doc"))
        shutil.copyfile(path, copy)
        with Converter(binary=soffice) as converter:
            produced = converter.to_docx(copy, work / "out")
        if isinstance(produced, str):
            raise DocumentRefused(
                f"{path}: LibreOffice tidak dapat mengubahnya menjadi .docx ({produced}); buka "
                "di Word lalu simpan sebagai Word Document (.docx)"
            )
        yield produced


def _parts(docx: Path, shown: Path) -> Parts:
    try:
        check_member_count(docx)  # before zipfile lists the parts
    except ContainerRefused as exc:
        raise DocumentRefused(f"{shown}: {exc}") from None
    try:
        package = zipfile.ZipFile(docx)
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise DocumentRefused(
            f"{shown}: berkas .docx rusak atau terpotong; salin ulang berkas aslinya atau "
            "simpan ulang dari Word"
        ) from None
    with package:
        names = {m.filename for m in package.infolist()}
        if "word/document.xml" not in names:
            kind = "workbook Excel" if "xl/workbook.xml" in names else "berkas zip lain"
            raise DocumentRefused(f"{shown}: ini {kind}, bukan dokumen Word .docx")
        _check_members(package, shown)
        try:
            document = _xml(package, "word/document.xml")
            numbering = (
                _xml(package, "word/numbering.xml") if "word/numbering.xml" in names else None
            )
            styles = _xml(package, "word/styles.xml") if "word/styles.xml" in names else None
            footers = [
                _xml(package, name)
                for name in sorted(names)
                if name.startswith(("word/footer", "word/header")) and name.endswith(".xml")
            ]
        except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise DocumentRefused(
                f"{shown}: isi dokumen rusak ({type(exc).__name__}); buka di Word lalu simpan "
                "ulang sebagai .docx"
            ) from None
    footer_text = " ".join(
        text for part in footers for text in part.itertext() if isinstance(text, str)
    )
    return Parts(document, numbering, styles, footer_text)


def _xml(package: zipfile.ZipFile, name: str) -> Any:
    with package.open(name) as part:
        data = part.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise DocumentRefused(f"bagian {name} terlalu besar untuk dokumen Rencana Aksi")
    return etree.fromstring(data, _PARSER)


def _check_members(package: zipfile.ZipFile, shown: Path) -> None:
    """Bounded size and expansion; no DTD or entity declaration in any XML part."""
    members = package.infolist()
    if len(members) > MAX_MEMBERS:  # the end record undercounted
        raise DocumentRefused(f"{shown}: {too_many_members(len(members))}")
    member = oversized_member(members)
    if member is not None:
        raise DocumentRefused(
            f"{shown}: berkas ditolak: isinya mengembang jauh melebihi ukuran wajar "
            f"({member.filename}); kemungkinan rusak atau berbahaya"
        )
    try:
        name = part_with_dtd(package, members)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise DocumentRefused(
            f"{shown}: berkas .docx rusak (isi terkompresinya tidak dapat dibuka)"
        ) from None
    if name is not None:
        raise DocumentRefused(
            f"{shown}: berkas ditolak: bagian {name} memuat deklarasi DTD/entitas XML yang "
            "tidak pernah ditulis Word (bisa dipakai untuk serangan); buka berkas aslinya di "
            "Word lalu simpan ulang"
        )
