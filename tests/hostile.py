"""Builders of broken and hostile input files, for the bad-input corpus."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from renaksi_docs.workbook.samples import MAGELANG
from renaksi_docs.workbook.standard import build_workbook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
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
    """A valid small workbook plus one part that inflates to `gigabytes` of zeros."""
    path.write_bytes(xlsx_bytes())
    chunk = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as package,
        package.open("xl/media/bom.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(int(gigabytes * 1024)):
            part.write(chunk)
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
    import struct
    import zlib

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
    with zipfile.ZipFile(path, "w") as package:
        with zipfile.ZipFile(io.BytesIO(xlsx_bytes())) as sample:
            for info in sample.infolist():
                package.writestr(info, sample.read(info))
        for number in range(count):
            package.writestr(f"x/{number}.bin", b"")
    return path


def stray_cell(book: Workbook, cell: str = "A1048576", value: str = "x") -> None:
    """One value typed far below the table (Ctrl+Down, then typing): Indikator!A1048576."""
    book["Indikator"][cell] = value
