"""Regenerate templates/pengukuran_kinerja.docx: `python templates/make_pengukuran.py`.

The Pengukuran Kinerja report's template (docs/pengukuran.md): title and quarter, the table (one
header row repeated on every page, one body row looped with {%tr for row in rows %}, rows
that never split; the SASARAN merges are written by the renderer), the legend of the bands,
the summary line, the chart (a `{{r grafik }}` run the renderer fills with a native chart)
with its key, and the Rencana Aksi's signature block and signing footer (make_template.py's
signature_block and signing_footer: empty lines, the signature image or the TTE tag; the
BSrE line in the footer of every page when signed electronically, docs/template.md, Signing).

It borrows the Rencana Aksi template's fonts, styles and table borders from
make_template.py, so the two documents look alike. Landscape A4; the renderer switches to F4.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_template as ra  # the Rencana Aksi template: fonts, styles, helpers

TABLE_CAPTION = "pengukuran-kinerja"  # how the renderer finds the table
# (header, width in mm, body cell content, style)
COLUMNS = [
    ("NO", 8, "{{ row.no }}", ra.STYLE_CENTER),
    ("SASARAN KEGIATAN", 26, "{{ row.sasaran }}", ra.STYLE_TEXT),
    ("INDIKATOR KINERJA", 36, "{{ row.indikator }}", ra.STYLE_TEXT),
    ("SATUAN", 13, "{{ row.satuan }}", ra.STYLE_CENTER),
    ("TARGET", 13, "{{ row.target }}", ra.STYLE_CENTER),
    # The renderer drops the two quarterly columns when no Target Triwulan exists.
    ("{{ kolom_target_triwulan }}", 14, "{{ row.target_triwulan }}", ra.STYLE_CENTER),
    ("{{ kolom_realisasi }}", 17, "{{ row.realisasi }}", ra.STYLE_CENTER),
    ("CAPAIAN (%)", 15, "{{ row.capaian }}", ra.STYLE_CENTER),
    ("CAPAIAN TAHUNAN (%)", 15, "{{ row.capaian_tahunan }}", ra.STYLE_CENTER),
    ("PREDIKAT", 17, "{{ row.predikat }}", ra.STYLE_CENTER),
    ("PAGU", 18, "{{ row.pagu }}", ra.STYLE_CENTER),
    ("{{ kolom_anggaran }}", 19, "{{ row.realisasi_anggaran }}", ra.STYLE_CENTER),
    ("SERAPAN (%)", 14, "{{ row.serapan }}", ra.STYLE_CENTER),
    ("DEVIASI RPD (%)", 14, "{{ row.deviasi_rpd }}", ra.STYLE_CENTER),
    ("KETERANGAN", 38, None, ra.STYLE_TEXT),  # bullets, see make_template._keterangan
]
TABLE_FONT = Pt(8)


def _build_table(document) -> None:
    table = document.add_table(rows=4, cols=len(COLUMNS))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        ra._sub(
            borders,
            f"w:{side}",
            **{"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"},
        )
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        ra._sub(margins, f"w:{side}", **{"w:w": str(ra.CELL_PADDING.twips), "w:type": "dxa"})
    table._tbl.tblPr.find(qn("w:tblLayout")).addprevious(borders)
    table._tbl.tblPr.find(qn("w:tblLayout")).addnext(margins)
    ra._sub(table._tbl.tblPr, "w:tblCaption", **{"w:val": TABLE_CAPTION})
    for column, (_h, width, _c, _s) in zip(table.columns, COLUMNS, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    header, loop_start, body, loop_end = table.rows
    ra._row_property(header, "w:tblHeader")
    ra._row_property(header, "w:cantSplit")
    ra._row_property(body, "w:cantSplit")
    for index, (title, _w, content, style) in enumerate(COLUMNS):
        cell = header.cells[index]
        ra._cell_text(cell, title, ra.STYLE_HEADER)
        ra._shade(cell, "D9D9D9")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        target = body.cells[index]
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        if content is None:
            ra._keterangan(target)
        else:
            ra._cell_text(target, content, style)
    loop_start.cells[0].paragraphs[0].add_run("{%tr for row in rows %}")
    loop_end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for row in (loop_start, body, loop_end):
        for tc_w in row._tr.iter(qn("w:tcW")):
            tc_w.getparent().remove(tc_w)


def build(path: Path) -> None:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = ra.FONT
    normal.font.size = Pt(10)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), ra.FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    ra._language(document)
    ra._table_styles(document)
    for name in (ra.STYLE_TEXT, ra.STYLE_CENTER, "List Bullet"):  # headers stay 7 pt
        document.styles[name].font.size = TABLE_FONT

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = ra.SIDE_MARGIN
    section.top_margin = section.bottom_margin = Mm(15)

    ra._paragraph(document, "{{ judul }}", bold=True, size=Pt(12), align="center")
    ra._paragraph(document, "{{ subjudul }}", bold=True, size=Pt(11), align="center")
    ra._paragraph(document, "")
    _build_table(document)

    # Legend of the bands (a coloured square per band, the colour of its bars), summary.
    ra._paragraph(document, "Predikat capaian:", bold=True, size=Pt(8), space_before=Pt(6))
    ra._paragraph(document, "{%p for band in legend %}", size=Pt(8))
    entry = ra._paragraph(document, "", size=Pt(8))
    square = entry.add_run("{{r band.square }}")
    square.font.size = Pt(8)
    text = entry.add_run(" {{ band.range }}: {{ band.label }}")
    text.font.size = Pt(8)
    ra._paragraph(document, "{%p endfor %}", size=Pt(8))
    summary = ra._paragraph(document, "{{ ringkasan }}", size=Pt(8), space_before=Pt(4))
    summary.runs[0].bold = True

    # The chart and its key, kept together.
    chart = ra._paragraph(document, "{{r grafik }}", align="center", space_before=Pt(8))
    chart.paragraph_format.keep_with_next = True
    key = ra._paragraph(document, "Nomor pada grafik: ", size=Pt(7), space_before=Pt(2))
    key.runs[0].italic = True
    key.add_run("{{ grafik_kunci }}").font.size = Pt(7)

    # Signature block and signing footer: the Rencana Aksi's own (docs/template.md, Signing).
    ra.signature_block(document)
    ra.signing_footer(section)

    ra.only_title(document, "Pengukuran Kinerja")
    ra._trim(document)
    document.save(path)


if __name__ == "__main__":
    target = Path(__file__).with_name("pengukuran_kinerja.docx")
    build(target)
    print(target)
