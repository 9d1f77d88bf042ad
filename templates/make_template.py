"""Regenerate templates/rencana_aksi.docx: `python templates/make_template.py`.

The template is an ordinary Word document with docxtpl tags, so a clerk can open it in Word
and change fonts, margins or add a letterhead without touching the tags. This script is
the reviewable source of its layout; renaksi_docs/documents/rencana_aksi_docx.py fills it.

Layout (docs/template.md): cover page, table title, the main table (one header row repeated on
every page, one body row looped with {%tr for row in rows %}; vertical merges are added by
the renderer after filling), the signature block on the right. Landscape A4; the renderer
switches to F4 and scales the columns when the workbook asks for it.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans
LANGUAGE = "id-ID"  # spelling and hyphenation language of every style, in Word and Writer

# (header, width in mm, body cell content, alignment); RENCANA KEGIATAN and CAPAIAN span two.
COLUMNS = [
    ("SASARAN KEGIATAN", 21, "{{ row.sasaran }}", "left"),
    ("INDIKATOR KINERJA", 23, "{{ row.indikator }}", "left"),
    ("TARGET", 13, "{{ row.target }}", "center"),
    ("RUMUS PERHITUNGAN", 36, "{{r row.rumus }}|{{ row.rumus_text }}", "center"),
    ("KEGIATAN", 21, "{{ row.kegiatan }}", "left"),
    ("PAGU", 16, "{{ row.pagu }}", "center"),
    ("RENCANA PENARIKAN DANA", 17, "{{ row.rencana_penarikan }}", "center"),
    ("REALISASI ANGGARAN", 17, "{{ row.realisasi_anggaran }}", "center"),
    ("RENCANA KEGIATAN", 9, "{{ row.triwulan }}", "center"),
    (None, 24, "{{ row.rencana_kegiatan }}", "left"),
    ("CAPAIAN", 9, "{{ row.triwulan }}", "center"),
    (None, 14, "{{ row.capaian }}", "center"),
    ("DATA", 17, "{{ row.data }}", "left"),
    ("STATUS PELAKSANA", 18, "{{ row.status }}", "left"),
    ("KETERANGAN", 22, None, "left"),  # bullets, see _keterangan
]
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER}
TABLE_FONT = Pt(7)
STYLE_TEXT, STYLE_CENTER, STYLE_HEADER = "Tabel Teks", "Tabel Tengah", "Tabel Judul"
CELL_PADDING = Mm(1)
SIDE_MARGIN = Mm(10)
SIGNATURE_INDENT = Mm(180)
FOOTER_DISTANCE = Mm(7)  # the footer line fits in the bottom margin: the text area is unchanged


def _sub(parent, tag: str, **attrs: str):
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key), value)
    parent.append(element)
    return element


def _paragraph(
    container,
    text: str = "",
    *,
    bold: bool = False,
    size: Pt | None = None,
    align: str = "left",
    space_before: Pt | None = None,
    style: str | None = None,
    keep_with_next: bool = False,
):
    paragraph = container.add_paragraph(style=style)
    paragraph.alignment = ALIGN[align]
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(0)
    fmt.space_before = space_before or Pt(0)
    fmt.keep_with_next = keep_with_next
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = size
    return paragraph


def _language(document) -> None:
    """Indonesian for the defaults (python-docx's template says en-US, bidi ar-SA)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for lang in defaults.iter(qn("w:lang")):
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), LANGUAGE)
    for lang in document.settings.element.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), LANGUAGE)
        lang.attrib.pop(qn("w:eastAsia"), None)


def _table_styles(document) -> None:
    """Paragraph styles for the table, so that cells carry no direct formatting.

    A clerk changes the table's font in one place, and LibreOffice imports the document about
    a third faster than with the same formatting repeated on every run (bench/batch_speed.py).
    """
    for name, align, bold in (
        (STYLE_TEXT, "left", False),
        (STYLE_CENTER, "center", False),
        (STYLE_HEADER, "center", True),
    ):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size, style.font.bold = TABLE_FONT, bold
        style.paragraph_format.alignment = ALIGN[align]
        style.paragraph_format.space_after = Pt(0)
    bullet = document.styles["List Bullet"]
    bullet.font.size = TABLE_FONT
    fmt = bullet.paragraph_format
    fmt.left_indent, fmt.first_line_indent, fmt.space_after = Mm(3.5), Mm(-3.5), Pt(0)


def _cell_text(cell: _Cell, text: str, style: str) -> None:
    """Text in the cell's first paragraph; '|' separates runs."""
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    for part in text.split("|"):
        paragraph.add_run(part)


def _keterangan(cell: _Cell) -> None:
    """One bulleted paragraph per note; the loop tags sit in paragraphs of their own."""
    first = cell.paragraphs[0]
    first.style = STYLE_TEXT
    first.add_run("{%p for note in row.keterangan %}")
    cell.add_paragraph(style="List Bullet").add_run("{{ note }}")
    cell.add_paragraph(style=STYLE_TEXT).add_run("{%p endfor %}")


def _shade(cell: _Cell, fill: str) -> None:
    _sub(
        cell._tc.get_or_add_tcPr(), "w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": fill}
    )


def _row_property(row, tag: str) -> None:
    _sub(row._tr.get_or_add_trPr(), tag)


def _build_table(document) -> None:
    table = document.add_table(rows=4, cols=len(COLUMNS))
    # Explicit borders instead of the "Table Grid" style: LibreOffice resolves a table style
    # cell by cell on import (about 10% of its time for a 90-row table).
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _sub(
            borders,
            f"w:{side}",
            **{"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"},
        )
    table.alignment = WD_TABLE_ALIGNMENT.CENTER  # found by its loop tag (docs/template.md)
    table.autofit = False
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        _sub(margins, f"w:{side}", **{"w:w": str(CELL_PADDING.twips), "w:type": "dxa"})
    table._tbl.tblPr.find(qn("w:tblLayout")).addprevious(borders)  # schema: borders, layout,
    table._tbl.tblPr.find(qn("w:tblLayout")).addnext(margins)  # cell margins
    for column, (_h, width, _c, _a) in zip(table.columns, COLUMNS, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)

    header, loop_start, body, loop_end = table.rows
    _row_property(header, "w:tblHeader")  # repeated on every page
    _row_property(header, "w:cantSplit")
    _row_property(body, "w:cantSplit")  # a row never splits across pages
    spans = {8: 9, 10: 11}
    merged = {index: header.cells[index].merge(header.cells[end]) for index, end in spans.items()}
    for index, (title, _w, content, align) in enumerate(COLUMNS):
        if title is not None:
            cell = merged.get(index, header.cells[index])
            _cell_text(cell, title, STYLE_HEADER)
            _shade(cell, "D9D9D9")  # before vAlign: w:shd precedes w:vAlign in the schema
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        target = body.cells[index]
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        if content is None:
            _keterangan(target)
        else:
            _cell_text(target, content, STYLE_CENTER if align == "center" else STYLE_TEXT)
    for cell in body.cells:  # keep with next; the renderer drops it on an indicator's last row
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    loop_start.cells[0].paragraphs[0].add_run("{%tr for row in rows %}")
    loop_end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for row in (loop_start, body, loop_end):  # the grid fixes the widths (fixed layout)
        for tc_w in row._tr.iter(qn("w:tcW")):
            tc_w.getparent().remove(tc_w)


def only_title(document, title: str) -> None:
    """Empty every core property but the title: docxtpl compiles a Jinja template for each
    non-empty one."""
    properties = document.core_properties
    for name in (
        "author",
        "category",
        "comments",
        "content_status",
        "identifier",
        "keywords",
        "language",
        "last_modified_by",
        "subject",
        "version",
    ):
        setattr(properties, name, "")
    properties.title = title


def signature_block(document) -> None:
    """The signature block on the right, with the signing space (docs/template.md, Signing):
    a hand signature's four empty lines, the signature image, or the TTE tag character."""

    def line(text: str = "", bold: bool = False, space: Pt | None = None, style: str | None = None):
        paragraph = _paragraph(
            document,
            text,
            bold=bold,
            align="center",
            space_before=space,
            style=style,
            keep_with_next=True,
        )
        paragraph.paragraph_format.left_indent = SIGNATURE_INDENT
        return paragraph

    line("{{ ttd.tempat_tanggal }}", space=Pt(14))
    line("{%p if ttd.jabatan %}")
    line("{{ ttd.jabatan }}")
    line("{%p endif %}")
    line("{%p if ttd.penanda %}")  # elektronik: BSrE stamps its QR code on the tag character
    line()
    line("{{ ttd.penanda }}", style=STYLE_CENTER)  # in the table's font
    line()
    line()
    line("{%p elif ttd.gambar %}")
    line("{{ ttd.gambar }}")
    line("{%p else %}")
    for _ in range(4):
        line()
    line("{%p endif %}")
    line("{{ ttd.nama }}", bold=True)
    line("{%p if ttd.nip %}")
    last = line("{{ ttd.nip }}")
    line("{%p endif %}")
    last.paragraph_format.keep_with_next = False


def signing_footer(section) -> None:
    """The footer of every page (the cover included): the BSrE line when signed
    electronically, else empty."""
    section.footer_distance = FOOTER_DISTANCE
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = ALIGN["center"]
    paragraph.style = STYLE_CENTER
    paragraph.add_run("{{ ttd.catatan_kaki }}")


def build(path: Path) -> None:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    _language(document)
    _table_styles(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = SIDE_MARGIN
    section.top_margin = section.bottom_margin = Mm(15)

    # Cover page
    cover = _paragraph(document, align="center", space_before=Pt(80))
    for line in ("DOKUMEN RENCANA AKSI", "ATAS PERJANJIAN KINERJA", "YANG DITANDATANGANI"):
        run = cover.add_run(line)
        run.bold, run.font.size = True, Pt(18)
        run.add_break()
    run = cover.add_run("{{ sampul.kepala }}")
    run.bold, run.font.size = True, Pt(18)
    _paragraph(document, "{{ logo }}", align="center", space_before=Pt(36))
    _paragraph(
        document, "{{ sampul.unit }}", bold=True, size=Pt(18), align="center", space_before=Pt(72)
    )

    # Table title
    title = _paragraph(document, "{{ judul }}", bold=True, size=Pt(12), align="center")
    title.paragraph_format.page_break_before = True
    _paragraph(document, "{%p if subjudul %}")
    _paragraph(document, "{{ subjudul }}", bold=True, size=Pt(11), align="center")
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "")
    _build_table(document)

    signature_block(document)
    signing_footer(section)

    only_title(document, "Rencana Aksi atas Perjanjian Kinerja")
    _trim(document)
    document.save(path)


USED_STYLES = {
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "List Bullet",
    STYLE_TEXT,
    STYLE_CENTER,
    STYLE_HEADER,
}
"""Style names (as Word shows them) that the template uses; the rest are dropped."""
UNUSED_PARTS = ("stylesWithEffects", "thumbnail", "customXml")


def _trim(document) -> None:
    """Drop python-docx's unused styles and parts: every build parses and zips them (~0.8 MB)."""
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in USED_STYLES:
            styles.remove(style)
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for owner in (document.part, document.part.package):
        for r_id, rel in list(owner.rels.items()):
            if any(name in rel.reltype for name in UNUSED_PARTS):
                del owner.rels[r_id]


if __name__ == "__main__":
    target = Path(__file__).with_name("rencana_aksi.docx")
    build(target)
    print(target)
