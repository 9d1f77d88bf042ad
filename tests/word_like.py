"""Word documents written the way Word structures a hand-made Rencana Aksi (not by renaksi-docs).

python-docx's default document gives the package (styles with a numbered 'List Number'
style, settings); the body is written as Word writes it: tables with a w:tblGrid, w:gridSpan
for two-column headers, w:vMerge restart/continue, Word equations (m:oMath/m:f with Cambria
Math runs), italic runs, bullets typed as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from docx import Document
from docx.shared import Mm
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
HEADERS = (
    ("SASARAN KEGIATAN", 1),
    ("INDIKATOR KINERJA", 1),
    ("TARGET", 1),
    ("RUMUS PERHITUNGAN", 1),
    ("KEGIATAN", 1),
    ("PAGU", 1),
    ("RENCANA PENARIKAN DANA", 1),
    ("REALISASI ANGGARAN", 1),
    ("RENCANA KEGIATAN", 2),
    ("CAPAIAN", 2),
    ("DATA", 1),
    ("STATUS PELAKSANA", 1),
    ("KETERANGAN", 1),
)
WIDTHS = (1191, 1304, 737, 2041, 1191, 907, 964, 964, 510, 1361, 510, 794, 964, 1020, 1247)


def run(text: str, italic: bool = False, bold: bool = False) -> str:
    """A w:r with `text` (line breaks as w:br)."""
    props = ("<w:i/>" if italic else "") + ("<w:b/>" if bold else "")
    parts = [f'<w:t xml:space="preserve">{escape(t, quote=False)}</w:t>' for t in text.split("\n")]
    return f"<w:r><w:rPr>{props}</w:rPr>{'<w:br/>'.join(parts)}</w:r>"


def para(content: str = "", style: str | None = None, align: str | None = None) -> str:
    """A w:p around runs (or plain text when `content` holds no XML)."""
    if content and not content.lstrip().startswith("<"):
        content = run(content)
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if align:
        props += f'<w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>"


def equation(numerator: str, denominator: str, suffix: str = "×100%") -> str:
    """A paragraph holding a Word equation: a built-up fraction, then `suffix` (may be '')."""

    def mrun(text: str) -> str:
        return (
            '<m:r><w:rPr><w:rFonts w:ascii="Cambria Math" w:hAnsi="Cambria Math"/></w:rPr>'
            f"<m:t>{escape(text, quote=False)}</m:t></m:r>"
        )

    tail = mrun(suffix) if suffix else ""
    return (
        f"<w:p><m:oMathPara><m:oMath><m:f><m:fPr><m:ctrlPr/></m:fPr><m:num>{mrun(numerator)}"
        f"</m:num><m:den>{mrun(denominator)}</m:den></m:f>{tail}</m:oMath></m:oMathPara></w:p>"
    )


@dataclass
class C:
    """One table cell: its paragraphs' XML, column span and vertical merge."""

    paragraphs: Sequence[str] = ("",)
    span: int = 1
    merge: str | None = None
    """'restart', 'continue' or None."""

    def xml(self, width: int) -> str:
        props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if self.span > 1:
            props += f'<w:gridSpan w:val="{self.span}"/>'
        if self.merge == "restart":
            props += '<w:vMerge w:val="restart"/>'
        elif self.merge == "continue":
            props += "<w:vMerge/>"
        body = "".join(p if p.startswith("<w:p") else para(p) for p in self.paragraphs) or para()
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def text(value: str, merge: str | None = None, span: int = 1) -> C:
    """A cell with one paragraph of plain text."""
    return C((para(value) if value else para(),), span, merge)


@dataclass
class WordDoc:
    """A hand-made Rencana Aksi document, block by block."""

    blocks: list[str] = field(default_factory=list)
    footer: str = ""
    page_mm: tuple[int, int] = (297, 210)

    def paragraph(self, content: str = "", **kwargs: str) -> WordDoc:
        self.blocks.append(para(content, **kwargs))
        return self

    def table(self, rows: Sequence[Sequence[C]], widths: Sequence[int] = WIDTHS) -> WordDoc:
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        body = []
        for cells in rows:
            xml, column = [], 0
            for cell in cells:
                xml.append(cell.xml(sum(widths[column : column + cell.span])))
                column += cell.span
            body.append(f"<w:tr>{''.join(xml)}</w:tr>")
        self.blocks.append(
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>"
        )
        return self

    def save(self, path: Path) -> Path:
        document = Document()
        body = document.element.body
        for existing in list(body):
            if not existing.tag.endswith("sectPr"):
                body.remove(existing)
        section_props = body[-1]
        for block in self.blocks:
            element = etree.fromstring(
                f'<w:body xmlns:w="{W_NS}" xmlns:m="{M_NS}">{block}</w:body>'
            )[0]
            section_props.addprevious(element)
        section = document.sections[0]
        section.page_width, section.page_height = Mm(self.page_mm[0]), Mm(self.page_mm[1])
        if self.footer:
            section.footer.paragraphs[0].text = self.footer
        document.save(str(path))
        return path


def header_row() -> list[C]:
    """The official 13 headers, RENCANA KEGIATAN and CAPAIAN over two columns each."""
    return [text(name, span=span) for name, span in HEADERS]


def indicator_rows(
    sasaran: C | None,
    indikator: str,
    target: str,
    rumus: C,
    kegiatan: str,
    rencana: C,
    data: str,
    keterangan: C,
    money: Sequence[tuple[str, str, str]] = (("0", "0", "0"),) * 4,
    capaian: Sequence[str] = ("", "", "", ""),
    status: Sequence[str] = ("", "", "", ""),
    sasaran_continues: bool = False,
) -> list[list[C]]:
    """Four rows (TW I..IV) of one indicator, its own columns merged with w:vMerge."""
    rows = []
    for k, roman in enumerate(("I", "II", "III", "IV")):
        first = k == 0

        def merged(cell: C, first: bool = first) -> C:
            if first:
                return C(cell.paragraphs, cell.span, "restart")
            return C(("",), cell.span, "continue")

        if sasaran is None:
            sasaran_cell = C(("",), 1, "continue")
        elif first and not sasaran_continues:
            sasaran_cell = C(sasaran.paragraphs, 1, "restart")
        else:
            sasaran_cell = C(("",), 1, "continue")
        pagu, rpd, realisasi = money[k]
        rows.append(
            [
                sasaran_cell,
                merged(text(indikator)),
                merged(text(target)),
                merged(rumus),
                merged(text(kegiatan)),
                text(pagu),
                text(rpd),
                text(realisasi),
                text(f"TW {roman}"),
                merged(rencana),
                text(f"TW {roman}"),
                text(capaian[k]),
                merged(text(data)),
                text(status[k]),
                merged(keterangan),
            ]
        )
    return rows


def nested_fraction(numerator: str, denominator: str, suffix: str = "× 100%") -> str:
    """A fraction as a 2 × 2 table nested in the cell (renaksi-docs' own shape, docs/rendering.md
    of the document lane): numerator over a bottom border, denominator, suffix on the right."""

    def cell(body: str, extra: str = "") -> str:
        return f"<w:tc><w:tcPr>{extra}</w:tcPr>{para(body) if body else para()}</w:tc>"

    line = '<w:tcBorders><w:bottom w:val="single" w:sz="4" w:space="0"/></w:tcBorders>'
    restart = '<w:vMerge w:val="restart"/>'
    return (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
        '<w:gridCol w:w="1500"/><w:gridCol w:w="500"/></w:tblGrid>'
        f"<w:tr>{cell(numerator, line)}{cell(suffix, restart)}</w:tr>"
        f"<w:tr>{cell(denominator)}{cell('', '<w:vMerge/>')}</w:tr></w:tbl>{para()}"
    )


def bordered_fraction(numerator: str, denominator: str) -> tuple[str, ...]:
    """A fraction as two paragraphs, the numerator's with a bottom border, then `× 100%`."""
    border = '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1"/></w:pBdr>'
    top = f"<w:p><w:pPr>{border}</w:pPr>{run(numerator)}</w:p>"
    return (top, para(denominator), para("× 100%"))


def stacked_equation(numerator: Sequence[str], denominator: Sequence[str]) -> str:
    """A Word equation whose numerator and denominator are m:eqArr lines (older renaksi-docs)."""

    def lines(items: Sequence[str]) -> str:
        return (
            "<m:eqArr>"
            + "".join(f"<m:e><m:r><m:t>{t}</m:t></m:r></m:e>" for t in items)
            + ("</m:eqArr>")
        )

    return (
        f"<w:p><m:oMath><m:f><m:num>{lines(numerator)}</m:num><m:den>{lines(denominator)}"
        "</m:den></m:f><m:r><m:t> × 100%</m:t></m:r></m:oMath></w:p>"
    )
