"""Is this file an .xlsx package we may hand to a spreadsheet library? (docs/workbook.md)

Checked before any XML parser runs: a folder, an empty file, a CSV, an old .xls or a
password-protected workbook (both OLE files), another zip (a .docx, an .ods), a damaged zip,
parts that would expand into gigabytes (zip bombs), DTDs and entity declarations (XXE,
billion laughs), more parts than any workbook has (counted from the zip's end record, before
its directory is parsed). Needs the standard library, lxml and Babel (and openpyxl's range
parser for a merged range). Also hands
a reader a copy of the package with sheets it never reads emptied (`with_sheet_emptied`), and
refuses a read sheet of more cells than a parser should build (`check_cell_counts`).
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO

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
MAX_CELLS = 200_000
"""Most cells (filled or only formatted) one sheet that the reader reads may store: about
60 times a 200-indicator workbook's Triwulan sheet, and what openpyxl loads in ~150 MB. A
sheet that stores more is refused before openpyxl parses it."""
MAX_MEMBERS = 2000
"""Refuse a package with more parts than this (a workbook has a few dozen; 100,000 empty parts
cost seconds to list and scan)."""
MAX_DIRECTORY = 1024 * 1024
"""Refuse a zip whose central directory is larger than this many bytes (MAX_MEMBERS parts
with long names fit in a tenth of it)."""
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_END_RECORD_REACH = _END_RECORD_SIZE + 0xFFFF
"""The end record sits in the last 22 bytes, or before a zip comment of at most 64 KiB."""
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_ZIP64_RECORD = b"PK\x06\x06"
_ZIP64_RECORD_SIZE = 56

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
    check_member_count(path)
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise ContainerRefused(
            "berkas .xlsx rusak atau terpotong; salin ulang berkas aslinya atau simpan ulang "
            "dari Excel"
        ) from None
    with package:
        _check_members(package)


def check_member_count(path: Path) -> None:
    """Refuse a zip that declares more than MAX_MEMBERS parts, or a central directory larger
    than MAX_DIRECTORY, from its end record alone: before zipfile lists the directory and
    before any part is read. A zip without an end record is left to zipfile to refuse."""
    with path.open("rb") as handle:
        declared = _declared_members(handle)
    if declared is None:
        return
    count, directory = declared
    if count > MAX_MEMBERS or directory > MAX_DIRECTORY:
        raise ContainerRefused(too_many_members(count))


def too_many_members(count: int) -> str:
    """The refusal of a package of `count` parts (shared by the workbook and Word checks)."""
    return (
        f"berkas ditolak: berisi {format_decimal(count, locale='id')} bagian, padahal "
        "workbook atau dokumen biasa hanya berisi puluhan "
        f"(paling banyak {format_decimal(MAX_MEMBERS, locale='id')}); "
        "kemungkinan rusak atau berbahaya"
    )


def _declared_members(handle: IO[bytes]) -> tuple[int, int] | None:
    """(parts, directory bytes) as the zip's end record declares them (its ZIP64 record for an
    archive of 65,535 parts or more), or None without an end record."""
    size = handle.seek(0, 2)
    start = max(0, size - _END_RECORD_REACH)
    handle.seek(start)
    tail = handle.read()
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) - at < _END_RECORD_SIZE:
        return None
    _, _, _, _, total, directory, _, _ = struct.unpack("<4s4H2LH", tail[at : at + 22])
    locator = tail[at - _ZIP64_LOCATOR_SIZE : at] if at >= _ZIP64_LOCATOR_SIZE else b""
    if (total == 0xFFFF or directory == 0xFFFFFFFF) and locator.startswith(_ZIP64_LOCATOR):
        _, _, offset, _ = struct.unpack("<4sLQL", locator)
        handle.seek(offset)
        record = handle.read(_ZIP64_RECORD_SIZE)
        if len(record) == _ZIP64_RECORD_SIZE and record.startswith(_ZIP64_RECORD):
            fields = struct.unpack("<4sQ2H2L4Q", record)
            total, directory = fields[7], fields[8]
    return total, directory


def _check_members(package: zipfile.ZipFile) -> None:
    """The package holds a workbook of reasonable size without DTDs."""
    members = package.infolist()
    if len(members) > MAX_MEMBERS:  # the end record undercounted
        raise ContainerRefused(too_many_members(len(members)))
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
        emptied = {part for name, part in _sheet_parts(package) if wanted(name)}
        if not emptied:
            return None
        copy = io.BytesIO()
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as out:
            for info in package.infolist():
                data = EMPTY_SHEET if info.filename in emptied else package.read(info)
                out.writestr(info.filename, data)
    copy.seek(0)
    return copy


Filled = dict[int, tuple[int, ...]]
"""Row number → the column numbers (ascending) of its filled cells."""


def check_cell_counts(path: Path, wanted: Callable[[str], bool]) -> None:
    """Refuse (ContainerRefused, naming the sheet) a workbook where a sheet whose name `wanted`
    accepts stores more than MAX_CELLS cells, filled or only formatted: before a parser builds
    one of them. Call after `check_container` (bounded size); raises what zipfile and lxml
    raise for a damaged package."""
    with zipfile.ZipFile(path) as package:
        for name, part in _sheet_parts(package):
            if wanted(name):
                with package.open(part) as stream:
                    if _cell_count(stream, MAX_CELLS) > MAX_CELLS:
                        raise ContainerRefused(
                            f'lembar "{name}" menyimpan lebih dari '
                            f"{format_decimal(MAX_CELLS, locale='id')} sel (terisi atau hanya "
                            "diformat); hapus baris dan kolom yang tidak dipakai (pilih, klik "
                            "kanan, Hapus), simpan, lalu ulangi"
                        )


_CELL_START = re.compile(r"<(?:[^\s<>/!?:]+:)?c[\s/>]")
"""A cell's start tag, whatever its namespace prefix: `<c r="A1">`, `<c/>`, `<x:c …>`. Also
matches such text inside a comment: that counts more, never fewer."""
_MERGE = re.compile(
    r"""<(?:[^\s<>/!?:]+:)?mergeCell((?:\s+[^\s=<>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*/?>"""
)
"""A merged range's tag (openpyxl builds a cell for every position it covers)."""
_REF = re.compile(r"""\sref\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ROWS, _COLUMNS = 1_048_576, 16_384
_CHUNK = 64 * 1024
_DECLARED = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _cell_count(stream: IO[bytes], limit: int) -> int:
    """How many cells the worksheet XML in `stream` stores, counted from their start tags in
    the text decoded as the XML parsers would (byte-order mark, else the declared encoding,
    else UTF-8), a chunk at a time; stops once past `limit`. A regular expression over the
    text: the cost of decompressing it, not of building a tree."""
    head = stream.read(_CHUNK)
    decoder = codecs.getincrementaldecoder(_encoding(head))(errors="replace")
    count, carry, chunk = 0, "", head
    while count <= limit:
        text = carry + decoder.decode(chunk, final=not chunk)
        # a start tag holds one "<": one that starts before the last "<" ends before it
        cut = text.rfind("<") if chunk else len(text)
        if cut < 0 or len(text) - cut > _CHUNK:  # no tag name is that long
            cut = len(text)
        count += len(_CELL_START.findall(text, 0, cut))
        count += sum(_merged_area(m[1]) for m in _MERGE.finditer(text, 0, cut))
        carry = text[cut:]
        if not chunk:
            break
        chunk = stream.read(_CHUNK)
    return count


def _merged_area(attributes: str) -> int:
    """How many cells openpyxl builds for a merged range with these attributes: its `ref` read
    as openpyxl reads it (character references resolved, "$" and lower case allowed, a whole
    column or row spanning the sheet); a ref it cannot read counts nothing (openpyxl then
    refuses the file)."""
    from html import unescape

    from openpyxl.utils.cell import range_boundaries

    found = _REF.search(attributes)
    if found is None:
        return 0
    try:
        first_column, first_row, last_column, last_row = range_boundaries(
            unescape(found[1] if found[1] is not None else found[2])
        )
    except (ValueError, TypeError):
        return 0
    columns = abs((last_column or _COLUMNS) - (first_column or 1)) + 1
    rows = abs((last_row or _ROWS) - (first_row or 1)) + 1
    return columns * rows


def _encoding(head: bytes) -> str:
    """The encoding of an XML document that starts with `head` (XML 1.0, appendix F), as a
    Python codec name: UTF-8 unless a byte-order mark, UTF-16 without one, or the
    declaration says otherwise (a name Python does not know reads as UTF-8: no XML parser
    here reads it either)."""
    for mark, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
        (b"<\x00", "utf-16-le"),
        (b"\x00<", "utf-16-be"),
    ):
        if head.startswith(mark):
            return name
    declared = _DECLARED.match(head)
    if declared is not None and _reads_ascii(name := declared[1].decode("ascii")):
        return name
    return "utf-8"


def _reads_ascii(name: str) -> bool:
    """Whether `name` is a text encoding that reads ASCII as ASCII (as an XML declaration
    must be readable): not an unknown name, nor one of Python's bytes-to-bytes codecs
    (`zlib_codec` would decompress a hostile part, `base64_codec` would fail)."""
    try:
        return codecs.getincrementaldecoder(name)().decode(b"<c r=", final=True) == "<c r="
    except Exception:  # any codec's refusal: LookupError, zlib.error, binascii.Error, …
        return False


_WORKBOOK_TYPES = frozenset(
    f"application/vnd.{kind}.main+xml"
    for kind in (
        "openxmlformats-officedocument.spreadsheetml.sheet",
        "openxmlformats-officedocument.spreadsheetml.template",
        "ms-excel.sheet.macroEnabled",
        "ms-excel.template.macroEnabled",
    )
)
"""The content types by which openpyxl finds the workbook part (`_find_workbook_part`)."""
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _sheet_parts(package: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, worksheet part) of every sheet whose part exists, in the workbook's order;
    a name given twice is listed twice (openpyxl loads both). ContainerRefused when the
    package names another workbook part than xl/workbook.xml, where openpyxl would read
    sheets this list does not know (Excel and Calc never do)."""
    names = set(package.namelist())
    if "[Content_Types].xml" in names:
        types = etree.fromstring(package.read("[Content_Types].xml"), _PARSER)
        for override in types.iter(f"{_CONTENT_TYPES}Override"):
            part = override.get("PartName", "").lstrip("/")
            if override.get("ContentType") in _WORKBOOK_TYPES and part != "xl/workbook.xml":
                raise ContainerRefused(
                    "bagian workbook berkas ini tidak di tempat bakunya (xl/workbook.xml); "
                    "buka di Excel lalu simpan ulang sebagai .xlsx"
                )
    if "xl/_rels/workbook.xml.rels" not in names:
        return []
    book = etree.fromstring(package.read("xl/workbook.xml"), _PARSER)
    rels = etree.fromstring(package.read("xl/_rels/workbook.xml.rels"), _PARSER)
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PACKAGE_REL}Relationship")
    }
    parts: list[tuple[str, str]] = []
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join("xl", target))
        )
        if target and part in names:
            parts.append((sheet.get("name", ""), part))
    return parts
