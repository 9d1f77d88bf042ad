"""Is this file an .xlsx package we may hand to a spreadsheet library? (docs/workbook.md)

Checked before any XML parser runs: a folder, an empty file, a CSV, an old .xls or a
password-protected workbook (both OLE files), another zip (a .docx, an .ods), a damaged zip,
parts that would expand into gigabytes (zip bombs), DTDs and entity declarations (XXE,
billion laughs). Needs the standard library, lxml and Babel; no openpyxl. Also hands a reader
a copy of the package with sheets it never reads emptied (`with_sheet_emptied`).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from babel.numbers import format_decimal
from lxml import etree

MAX_UNCOMPRESSED = 64 * 1024 * 1024
"""Refuse a workbook whose parts expand beyond this (a real one is a few MB at most)."""
MAX_RATIO = 200
"""Refuse a part that expands more than this many times (zip bombs reach thousands)."""
PROLOG_BYTES = 64 * 1024
"""How much of each XML part is searched for a DTD (which must precede the root element)."""
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE compound file: an .xls, or an encrypted .xlsx."""

_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


class ContainerRefused(Exception):
    """The file is not a workbook we may open; the message says why and what to do."""


def check_container(path: Path) -> None:
    """Refuse anything that is not a plain, reasonably sized .xlsx package.

    Raises ContainerRefused with a message in Bahasa Indonesia, or OSError when the file
    cannot be read at all.
    """
    if path.is_dir():
        raise ContainerRefused("ini sebuah folder, bukan berkas .xlsx")
    with path.open("rb") as handle:
        head = handle.read(8)
        if head.startswith(OLE_MAGIC):
            handle.seek(0)
            blob = handle.read(4 * 1024 * 1024)
            if "EncryptedPackage".encode("utf-16-le") in blob:
                raise ContainerRefused(
                    "workbook dilindungi kata sandi; buka di Excel, hapus kata sandinya "
                    "(File > Info > Protect Workbook), lalu simpan ulang"
                )
            raise ContainerRefused(
                "ini berkas Excel lama (.xls); buka di Excel lalu simpan sebagai "
                "Excel Workbook (.xlsx)"
            )
    if not head:
        raise ContainerRefused(
            "berkas kosong (0 bita); isi workbook standar dari `renaksi-docs init`"
        )
    if not head.startswith(b"PK"):
        raise ContainerRefused(
            "bukan berkas Excel .xlsx (mis. CSV atau teks); buka di Excel lalu simpan "
            "sebagai Excel Workbook (.xlsx)"
        )
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise ContainerRefused(
            "berkas .xlsx rusak atau terpotong; salin ulang berkas aslinya atau simpan ulang "
            "dari Excel"
        ) from None
    with package:
        _check_members(package)


def _check_members(package: zipfile.ZipFile) -> None:
    """The package holds a workbook of reasonable size without DTDs."""
    members = package.infolist()
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            kind = "dokumen Word (.docx)"
        elif "content.xml" in names:
            kind = "berkas OpenDocument (.ods)"
        else:
            kind = "berkas zip lain"
        raise ContainerRefused(f"ini {kind}, bukan workbook Excel; simpan sebagai .xlsx")
    member = oversized_member(members)
    if member is not None:
        megabytes = format_decimal(member.file_size // 1_000_000, locale="id")
        raise ContainerRefused(
            f"berkas ditolak: isinya mengembang jauh melebihi ukuran wajar "
            f"({member.filename}: {megabytes} MB setelah dibuka); kemungkinan rusak atau "
            "berbahaya"
        )
    try:
        name = part_with_dtd(package, members)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise ContainerRefused(
            "berkas .xlsx rusak (isi terkompresinya tidak dapat dibuka); salin ulang berkas "
            "aslinya atau simpan ulang dari Excel"
        ) from None
    if name is not None:
        raise ContainerRefused(
            f"berkas ditolak: bagian {name} memuat deklarasi DTD/entitas XML yang tidak pernah "
            "ditulis Excel (bisa dipakai untuk serangan); buka berkas aslinya di Excel lalu "
            "simpan ulang"
        )


def oversized_member(members: list[zipfile.ZipInfo]) -> zipfile.ZipInfo | None:
    """The first part at which the package expands beyond MAX_UNCOMPRESSED in total, or a
    large part expanding more than MAX_RATIO times (a zip bomb); None for a sane package.
    Shared by the workbook check and the Word import."""
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNCOMPRESSED or (member.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            return member
    return None


def part_with_dtd(package: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> str | None:
    """The first XML part holding a DTD or entity declaration (XXE, billion laughs; Excel and
    Word never write them), or None. Reads only the first PROLOG_BYTES of each part, before any
    XML parser runs; raises what zipfile raises for a damaged part."""
    for member in members:
        if not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with package.open(member) as part:
            head = part.read(PROLOG_BYTES)
        if any(marker in head for marker in _DTD_MARKERS):
            return member.filename
    return None


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
EMPTY_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData/></worksheet>"
)


def with_sheet_emptied(path: Path, wanted: Callable[[str], bool]) -> io.BytesIO | None:
    """The package in memory (uncompressed) with the worksheets whose names `wanted` accepts
    emptied, or None when it has none. For sheets a reader never reads back (our Petunjuk: a
    quarter of a standard workbook's cells): the file is changed, not the library, and every
    sheet keeps its name and place. Call after `check_container` (no DTDs, bounded size)."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        book = etree.fromstring(package.read("xl/workbook.xml"), _PARSER)
        ids = [
            sheet.get(f"{_REL}id")
            for sheet in book.iter(f"{_MAIN}sheet")
            if wanted(sheet.get("name", ""))
        ]
        if not ids or "xl/_rels/workbook.xml.rels" not in names:
            return None
        rels = etree.fromstring(package.read("xl/_rels/workbook.xml.rels"), _PARSER)
        targets = {
            rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PACKAGE_REL}Relationship")
        }
        emptied = set()
        for rel_id in ids:
            target = targets.get(rel_id, "")
            part = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join("xl", target))
            )
            if part in names:
                emptied.add(part)
        if not emptied:
            return None
        copy = io.BytesIO()
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as out:
            for info in package.infolist():
                data = EMPTY_SHEET if info.filename in emptied else package.read(info)
                out.writestr(info.filename, data)
    copy.seek(0)
    return copy
