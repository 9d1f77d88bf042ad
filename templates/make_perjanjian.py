"""Regenerate templates/perjanjian_kinerja.docx: `python templates/make_perjanjian.py`.

The Perjanjian Kinerja's template (docs/perjanjian.md), in the form of the annex of PermenPANRB
53/2014. Page 1: title and unit, the statement naming both parties (borderless Nama/Jabatan
tables), then place and date and the two signature blocks side by side in a borderless
table, Pihak Kedua (`atasan`) on the left and Pihak Pertama (`ttd`) on the right, each with
its signing space (empty lines, the signature image or its TTE tag). The annex on a new page:
title and unit, the targets table (one header row repeated on every page, one body row looped
with {%tr for row in targets %}; the NO and SASARAN merges are written by the renderer), the
budget table (looped with {%tr for row in anggaran %}, then its JUMLAH row) and the two
blocks again without the TTE tags. The BSrE line in the footer of every page when signed
electronically (make_template.signing_footer).

It borrows the Rencana Aksi template's fonts, styles and helpers from make_template.py.
Portrait A4; the renderer switches to F4.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_template as ra  # the Rencana Aksi template: fonts, styles, helpers

TARGETS_CAPTION = "perjanjian-target"  # how the renderer finds its tables
BUDGET_CAPTION = "perjanjian-anggaran"
TEXT_WIDTH = 170  # mm: A4 portrait (210) less 20 mm on each side
TARGET_COLUMNS = [
    ("NO", 10, "{{ row.no }}", ra.STYLE_CENTER),
    ("SASARAN KEGIATAN", 55, "{{ row.sasaran }}", ra.STYLE_TEXT),
    ("INDIKATOR KINERJA", 75, "{{ row.indikator }}", ra.STYLE_TEXT),
    ("TARGET", 30, "{{ row.target }}", ra.STYLE_CENTER),
]
BUDGET_COLUMNS = [
    ("NO", 10, "{{ row.no }}", ra.STYLE_CENTER),
    ("KEGIATAN", 115, "{{ row.kegiatan }}", ra.STYLE_TEXT),
    ("ANGGARAN", 45, "{{ row.anggaran }}", ra.STYLE_CENTER),
]
TABLE_FONT = Pt(10)
BODY_FONT = Pt(11)
PARTY_COLUMNS = (25, 5, TEXT_WIDTH - 30)  # Nama | : | value
STATEMENT = (
    "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel "
    "serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
)
PROMISE = (
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
    "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
    "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target "
    "kinerja tersebut menjadi tanggung jawab kami."
)
SUPERVISION = (
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
    "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan "
    "dalam rangka pemberian penghargaan dan sanksi."
)


def _text(document, text: str, *, space_before: Pt | None = None, justify: bool = True):
    paragraph = ra._paragraph(document, text, size=BODY_FONT, space_before=space_before)
    if justify:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return paragraph


def _widths(table, widths) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _party(document, who: str) -> None:
    """The borderless Nama / Jabatan lines of one party (`who`: 'ttd' or 'atasan')."""
    table = document.add_table(rows=2, cols=3)
    _widths(table, PARTY_COLUMNS)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    margins = OxmlElement("w:tblCellMar")  # "Nama" starts where the statement's text does
    for side in ("left", "right"):
        ra._sub(margins, f"w:{side}", **{"w:w": "0", "w:type": "dxa"})
    table._tbl.tblPr.find(qn("w:tblLayout")).addnext(margins)
    for row, (label, field) in zip(
        table.rows, (("Nama", "nama"), ("Jabatan", "jabatan")), strict=True
    ):
        for cell, text in zip(row.cells, (label, ":", f"{{{{ {who}.{field} }}}}"), strict=True):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.font.size = BODY_FONT


def _grid_table(document, columns, caption: str, loop: str, footer: bool = False):
    """A bordered table: the header row (repeated on each page), the loop rows and, with
    `footer`, a JUMLAH row whose first two cells are merged."""
    table = document.add_table(rows=5 if footer else 4, cols=len(columns))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        ra._sub(
            borders,
            f"w:{side}",
            **{"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"},
        )
    _widths(table, [width for _h, width, _c, _s in columns])
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        ra._sub(margins, f"w:{side}", **{"w:w": str(ra.CELL_PADDING.twips), "w:type": "dxa"})
    table._tbl.tblPr.find(qn("w:tblLayout")).addprevious(borders)
    table._tbl.tblPr.find(qn("w:tblLayout")).addnext(margins)
    ra._sub(table._tbl.tblPr, "w:tblCaption", **{"w:val": caption})
    header, loop_start, body, loop_end = table.rows[:4]
    ra._row_property(header, "w:tblHeader")
    ra._row_property(header, "w:cantSplit")
    ra._row_property(body, "w:cantSplit")
    for index, (title, _w, content, style) in enumerate(columns):
        cell = header.cells[index]
        ra._cell_text(cell, title, ra.STYLE_HEADER)
        ra._shade(cell, "D9D9D9")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        target = body.cells[index]
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        ra._cell_text(target, content, style)
    loop_start.cells[0].paragraphs[0].add_run(loop)
    loop_end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    rows = [loop_start, body, loop_end]
    if footer:
        total = table.rows[4]
        ra._row_property(total, "w:cantSplit")
        label = total.cells[0].merge(total.cells[1])
        ra._cell_text(label, "JUMLAH", ra.STYLE_HEADER)
        ra._cell_text(total.cells[2], "{{ jumlah_anggaran }}", ra.STYLE_HEADER)
        rows.append(total)
    for row in rows:
        for tc_w in row._tr.iter(qn("w:tcW")):
            tc_w.getparent().remove(tc_w)
    return table


def _line(cell, text: str = "", *, bold: bool = False, style: str | None = None, first=False):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = ra.ALIGN["center"]
    if style is not None:
        paragraph.style = style
    paragraph.paragraph_format.keep_with_next = True
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if style is None:
            run.font.size = BODY_FONT
    return paragraph


def _signing_space(cell, who: str, tagged: bool) -> None:
    """Empty lines to sign by hand, the signature image, or (first page) the TTE tag."""
    if tagged:  # elektronik: BSrE stamps its QR code on the tag character
        _line(cell, f"{{%p if {who}.penanda %}}")
        _line(cell)
        _line(cell, f"{{{{ {who}.penanda }}}}", style=ra.STYLE_CENTER)  # in the table's font
        _line(cell)
        _line(cell)
        _line(cell, f"{{%p elif {who}.gambar %}}")
    else:
        _line(cell, f"{{%p if {who}.gambar %}}")
    _line(cell, f"{{{{ {who}.gambar }}}}")
    _line(cell, "{%p else %}")
    for _ in range(4):
        _line(cell)
    _line(cell, "{%p endif %}")


def signature_blocks(document, tagged: bool) -> None:
    """Place and date, then Pihak Kedua (left) and Pihak Pertama (right) side by side: one
    table row per line of the blocks, so that both names stand on one line whatever the
    lengths of the jabatan; the rows keep together on one page."""
    spacer = ra._paragraph(document, "", size=BODY_FONT, keep_with_next=True)
    spacer.paragraph_format.space_before = Pt(12)
    lines = 6
    table = document.add_table(rows=lines, cols=2)
    _widths(table, (TEXT_WIDTH / 2, TEXT_WIDTH / 2))
    for index, row in enumerate(table.rows):
        ra._row_property(row, "w:cantSplit")
        for cell, who in zip(row.cells, ("atasan", "ttd"), strict=True):
            if index == 0:
                _line(cell, "{{ ttd.tempat_tanggal }}" if who == "ttd" else "", first=True)
            elif index == 1:
                _line(cell, "Pihak Kedua," if who == "atasan" else "Pihak Pertama,", first=True)
            elif index == 2:
                _line(cell, f"{{{{ {who}.jabatan }}}}", first=True)
            elif index == 3:
                _line(cell, first=True)
                _signing_space(cell, who, tagged)
            elif index == 4:
                _line(cell, f"{{{{ {who}.nama }}}}", bold=True, first=True)
            else:
                _line(
                    cell, f"{{{{ {who}.nip }}}}", first=True
                ).paragraph_format.keep_with_next = False


def build(path: Path) -> None:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = ra.FONT
    normal.font.size = BODY_FONT
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), ra.FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    ra._language(document)
    ra._table_styles(document)
    for name in (ra.STYLE_TEXT, ra.STYLE_CENTER, ra.STYLE_HEADER):
        document.styles[name].font.size = TABLE_FONT

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm((210 - TEXT_WIDTH) / 2)
    section.top_margin = section.bottom_margin = Mm(20)

    # Page 1: title, the statement, place and date, the two signature blocks.
    ra._paragraph(document, "{{ judul }}", bold=True, size=Pt(12), align="center")
    ra._paragraph(document, "{{ unit }}", bold=True, size=Pt(12), align="center")
    _text(document, STATEMENT, space_before=Pt(18))
    _party(document, "ttd")
    _text(document, "selanjutnya disebut pihak pertama.", space_before=Pt(4))
    _party(document, "atasan")
    _text(
        document,
        "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.",
        space_before=Pt(4),
    )
    _text(document, PROMISE, space_before=Pt(10))
    _text(document, SUPERVISION, space_before=Pt(10))
    signature_blocks(document, tagged=True)

    # The annex: title, targets, budget, the two blocks again (no TTE tags).
    title = ra._paragraph(document, "{{ judul }}", bold=True, size=Pt(12), align="center")
    title.paragraph_format.page_break_before = True
    ra._paragraph(document, "{{ unit }}", bold=True, size=Pt(12), align="center")
    ra._paragraph(document, "")
    _grid_table(document, TARGET_COLUMNS, TARGETS_CAPTION, "{%tr for row in targets %}")
    ra._paragraph(document, "")
    _grid_table(
        document, BUDGET_COLUMNS, BUDGET_CAPTION, "{%tr for row in anggaran %}", footer=True
    )
    signature_blocks(document, tagged=False)
    ra.signing_footer(section)

    ra.only_title(document, "Perjanjian Kinerja")
    ra._trim(document)
    document.save(path)


if __name__ == "__main__":
    target = Path(__file__).with_name("perjanjian_kinerja.docx")
    build(target)
    print(target)
