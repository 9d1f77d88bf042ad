"""Builders of broken and hostile input files, for the bad-input corpus."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from renaksi_docs.workbook.samples import MAGELANG
from renaksi_docs.workbook.standard import build_workbook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MIB = 1024 * 1024
DOS_DATE = (2026 - 1980) << 9 | 1 << 5 | 1
"""1 January 2026, as a zip header's date (its time: 0, midnight)."""
SHEETS = {"Petunjuk": "sheet1", "Identitas": "sheet2", "Indikator": "sheet3", "Triwulan": "sheet4"}


def xlsx_bytes(edit: Callable[[Workbook], object] | None = None) -> bytes:
    """The Magelang sample as .xlsx bytes, after `edit`."""
    book = build_workbook(MAGELANG)
    if edit is not None:
        edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite(data: bytes, part: str, change: Callable[[str], str]) -> bytes:
    """The package `data` with the XML part `part` passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == part:
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
    return buffer.getvalue()


def with_dtd(doctype: str, entity_use: str) -> bytes:
    """A workbook whose Identitas sheet declares `doctype` and uses `entity_use` in a cell."""

    def change(xml: str) -> str:
        xml = re.sub(r"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or "") + doctype, xml, count=1)
        return re.sub(r"<t>Nama UPT</t>", f"<t>{entity_use}</t>", xml, count=1)

    xml = rewrite(xlsx_bytes(), f"xl/worksheets/{SHEETS['Identitas']}.xml", change)
    assert entity_use.encode() in zipfile.ZipFile(io.BytesIO(xml)).read(
        f"xl/worksheets/{SHEETS['Identitas']}.xml"
    )
    return xml


XXE = '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
BILLION_LAUGHS = (
    '<!DOCTYPE sst [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def zip_bomb(path: Path, gigabytes: float = 1.0) -> Path:
    """A valid small workbook plus one part that inflates to `gigabytes` of zeros (deflated
    as zipfile would, but one MiB is compressed once and its output repeated)."""
    mebibytes = max(1, round(gigabytes * 1024))
    chunk = bytes(MIB)
    deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
    first = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    again = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)  # state reset: repeats
    data = first + again * (mebibytes - 1) + deflate.flush()
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(chunk, crc)
    part = Part("xl/media/bom.bin", data, crc, mebibytes * MIB, zipfile.ZIP_DEFLATED)
    path.write_bytes(with_parts(xlsx_bytes(), [part]))
    return path


def formatted_tail(book: Workbook) -> None:
    """5,000 empty rows below the Triwulan data, each cell filled yellow (Excel keeps them),
    and hidden (a row the reader handled would be reported as hidden)."""
    sheet, fill = book["Triwulan"], PatternFill("solid", fgColor="FFFF00")
    for row in range(30, 5030):
        for column in range(1, 10):
            sheet.cell(row, column).fill = fill
        sheet.row_dimensions[row].hidden = True


def ods(path: Path) -> Path:
    """A minimal OpenDocument spreadsheet."""
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<office:document-content/>")
    return path


def encrypted(path: Path) -> Path:
    """What Excel writes for a password-protected workbook: an OLE file with EncryptedPackage."""
    path.write_bytes(OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(512))
    return path


def formula_with_cached_value(
    edit_cell: str, formula: str, cached: str, sheet: str = "Triwulan"
) -> bytes:
    """The sample with a formula cell whose value Excel stored; a cached value starting with
    '#' is stored as an error value (t="e"), as Excel and Calc store #VALUE! and the like."""

    def edit(book: Workbook) -> None:
        book[sheet][edit_cell] = formula

    def change(xml: str) -> str:
        pattern = rf'<c r="{edit_cell}"([^>]*)>\s*<f>([^<]*)</f>\s*(<v\s*/>|<v>[^<]*</v>)?'
        kind = ' t="e"' if cached.startswith("#") else ""
        replacement = rf'<c r="{edit_cell}"\1{kind}><f>\2</f><v>{cached}</v>'
        changed, count = re.subn(pattern, replacement, xml)
        assert count == 1, (edit_cell, xml[:300])
        return changed

    return rewrite(xlsx_bytes(edit), f"xl/worksheets/{SHEETS[sheet]}.xml", change)


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A valid RGB PNG of one colour, made by hand (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x1f\x4e\x78" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def many_members(path: Path, count: int) -> Path:
    """The Magelang sample plus `count` empty parts (a zip that is costly to list and scan)."""
    empty = (Part(f"x/{number}.bin") for number in range(count))
    path.write_bytes(with_parts(xlsx_bytes(), empty))
    return path


@dataclass(frozen=True)
class Part:
    """A part for with_parts: its name, its stored bytes (already compressed when `method`
    says so), and the CRC-32 and size of what they inflate to."""

    name: str
    data: bytes = b""
    crc: int = 0
    size: int = 0
    method: int = zipfile.ZIP_STORED


def with_parts(package: bytes, parts: Iterable[Part]) -> bytes:
    """The zip `package` (no zip64, as openpyxl writes it) with `parts` appended, written by
    hand: zipfile takes seconds for 100,000 parts, or to deflate a gigabyte. Zip64 end records
    when the parts are more than 65,535 (zipfile and the reader read them as Excel's)."""
    end = package.rindex(b"PK\x05\x06")
    count, directory_size, directory_at = struct.unpack("<2xHLL", package[end + 8 : end + 20])
    body = io.BytesIO()
    body.write(package[:directory_at])
    directory = [package[directory_at : directory_at + directory_size]]
    for part in parts:
        name = part.name.encode()
        fields = (20, 0, part.method, 0, DOS_DATE, part.crc, len(part.data), part.size, len(name))
        offset = body.tell()
        body.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + name + part.data)
        directory.append(
            struct.pack("<4sH5H3L5HLL", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset) + name
        )
        count += 1
    directory_at = body.tell()
    body.write(b"".join(directory))
    directory_size = body.tell() - directory_at
    if count > 0xFFFF:
        zip64_end = body.tell()
        body.write(
            struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count,
                        directory_size, directory_at)
            + struct.pack("<4sLQL", b"PK\x06\x07", 0, zip64_end, 1)
        )  # fmt: skip
    listed = min(count, 0xFFFF)
    body.write(
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, listed, listed, directory_size,
                    directory_at, 0)
    )  # fmt: skip
    return body.getvalue()


def stray_cell(book: Workbook, cell: str = "A1048576", value: str = "x") -> None:
    """One value typed far below the table (Ctrl+Down, then typing): Indikator!A1048576."""
    book["Indikator"][cell] = value
