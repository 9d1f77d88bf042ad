"""DocumentContext → .docx with docxtpl (PRODUCT.md §4). The only importer of docxtpl.

Rendering is strict and safe for any template, ours or a clerk's: a sandboxed Jinja
environment with autoescaping and StrictUndefined (RENDERING.md: docxtpl's defaults drop
text silently). The table is one flat `{%tr for row in rows %}` loop; the vertical merges
are written afterwards, in schema order, on the cells whose template tags name a merged
field, because docxtpl's `{% vm %}` merges nested groups wrongly.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from html import escape
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from .context import DocumentContext, Fraction, Row
from .errors import TemplateProblem
from .files import write_atomically
from .model import PaperSize

TABLE_CAPTION = "rencana-aksi"
SASARAN_FIELDS = frozenset({"sasaran"})
INDICATOR_FIELDS = frozenset(
    {
        "indikator",
        "target",
        "rumus",
        "rumus_text",
        "kegiatan",
        "rencana_kegiatan",
        "data",
        "keterangan",
    }
)
PAPER_MM = {PaperSize.A4: (297, 210), PaperSize.F4: (330, 215)}  # landscape width, height
LOGO_HEIGHT = Mm(30)
_MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_FIELD = re.compile(r"\brow\.(\w+)")
# Children of w:tcPr that come before w:vMerge in the schema (ECMA-376 CT_TcPr).
_BEFORE_VMERGE = {qn(t) for t in ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge")}
_TC, _TC_PR, _V_MERGE, _VAL, _P = (qn(t) for t in ("w:tc", "w:tcPr", "w:vMerge", "w:val", "w:p"))
_P_PR, _P_STYLE, _KEEP_NEXT = qn("w:pPr"), qn("w:pStyle"), qn("w:keepNext")
_TR, _TR_PR, _TBL_HEADER = qn("w:tr"), qn("w:trPr"), qn("w:tblHeader")


def default_template() -> Path:
    """The template shipped inside the package (or, in a source checkout, templates/)."""
    here = Path(__file__).resolve().parent
    packaged = here / "templates" / "rencana_aksi.docx"  # the wheel maps templates/ here
    return packaged if packaged.is_file() else here.parent / "templates" / "rencana_aksi.docx"


class _Equation:
    """A Word equation (OMML) that docxtpl inserts in place of a `{{r … }}` run."""

    def __init__(self, fraction: Fraction) -> None:
        self.xml = (
            f'<m:oMath xmlns:m="{_MATH_NS}"><m:f><m:num>{_stack(fraction.numerator)}</m:num>'
            f"<m:den>{_stack(fraction.denominator)}</m:den></m:f>"
            f"{_math_run(' ' + fraction.suffix)}</m:oMath>"
        )

    def __html__(self) -> str:
        return self.xml

    def __str__(self) -> str:
        return self.xml


def _math_run(text: str) -> str:
    return (
        '<m:r><m:rPr><m:nor/></m:rPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" '
        'w:cs="Arial"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'
        f'<m:t xml:space="preserve">{escape(text, quote=False)}</m:t></m:r>'
    )


def _stack(lines: Sequence[str]) -> str:
    if len(lines) == 1:
        return _math_run(lines[0])
    return "<m:eqArr>" + "".join(f"<m:e>{_math_run(line)}</m:e>" for line in lines) + "</m:eqArr>"


class _Template(DocxTemplate):
    """docxtpl with two steps narrowed to what our templates need (RENDERING.md: speed).

    - `fix_tables` rebuilds table grids for `{%tc %}` column loops (which we do not use)
      and re-parses in recover mode, which silently drops broken XML; we parse strictly so
      that a broken custom template is an error, not a quietly damaged document.
    - `resolve_listing` turns \\n, \\t, \\a, \\f in values into Word breaks by running regexes over
      every paragraph; we run it only on the paragraphs that contain one of them.
    - `patch_xml` (regexes over the template's XML) is cached per process: a batch worker
      renders the same template many times.
    """

    def patch_xml(self, src_xml: str) -> str:
        patched = _PATCHED.get(src_xml)
        if patched is None:
            patched = _PATCHED[src_xml] = super().patch_xml(src_xml)
        return patched

    after_parse: Callable[[Any], None] | None = None
    """Called with the rendered body while it is still plain lxml (fast to edit)."""

    def fix_tables(self, xml: str) -> Any:
        try:
            tree = etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            raise TemplateProblem(f"templat menghasilkan XML yang rusak: {exc}") from None
        if self.after_parse is not None:
            self.after_parse(tree)
        return tree

    def resolve_listing(self, xml: str) -> str:
        if not _SPECIAL.search(xml):
            return xml
        resolve = super().resolve_listing
        return _PARAGRAPH.sub(
            lambda m: resolve(m.group(0)) if _SPECIAL.search(m.group(0)) else m.group(0), xml
        )


_SPECIAL = re.compile("[\n\t\a\f]")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)


class _Environment(SandboxedEnvironment):
    """Sandboxed, autoescaping, strict; compiles each distinct template source once."""

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self._compiled: dict[str, Any] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


_PATCHED: dict[str, str] = {}
_ENVIRONMENT: _Environment | None = None


def _environment() -> _Environment:
    """The process's one rendering environment (its compiled templates are reused)."""
    global _ENVIRONMENT
    if _ENVIRONMENT is None:
        _ENVIRONMENT = _Environment()
    return _ENVIRONMENT


def _row_view(row: Row) -> dict[str, Any]:
    view = {f.name: getattr(row, f.name) for f in fields(row)}
    view["rumus"] = _Equation(row.rumus) if row.rumus is not None else ""
    return view


def render_docx(
    context: DocumentContext, target: Path, template: Path | None = None, force: bool = False
) -> Path:
    """Fill `template` (default: ours) with `context` and write it to `target` atomically."""
    template = template or default_template()
    document = _load(template)
    shape = _table_shape(template, document)

    def finish_table(body: Any) -> None:
        table = _main_table(body)
        if table is not None:
            _apply_merges(table, context.rows, shape)

    document.after_parse = finish_table
    values: dict[str, Any] = {
        "sampul": context.sampul,
        "judul": context.judul,
        "subjudul": context.subjudul,
        "rows": [_row_view(row) for row in context.rows],
        "ttd": context.ttd,
        "logo": InlineImage(document, str(context.logo), height=LOGO_HEIGHT)
        if context.logo
        else "",
    }
    try:
        document.render(values, jinja_env=_environment(), autoescape=True)
    except SecurityError as exc:
        raise TemplateProblem(
            f"templat {template.name} ditolak: mencoba mengakses bagian dalam Python ({exc})"
        ) from None
    except UndefinedError as exc:
        raise TemplateProblem(
            f"templat {template.name} memakai nama yang tidak ada: {exc}"
        ) from None
    except TemplateError as exc:
        raise TemplateProblem(f"tag templat {template.name} rusak: {exc}") from None
    table = _main_table(document.docx.element.body)
    if table is not None:
        _fit_paper(document, table, context.paper)
    return write_atomically(Path(target), lambda temp: document.save(str(temp)), force)


def _load(template: Path) -> DocxTemplate:
    if not template.is_file():
        raise TemplateProblem(f"templat {template} tidak ditemukan")
    if not zipfile.is_zipfile(template):
        raise TemplateProblem(f"templat {template} bukan dokumen Word .docx")
    try:
        document = _Template(str(template))
        document.init_docx()
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise TemplateProblem(f"templat {template} tidak dapat dibuka: {exc}") from None
    return document


def _main_table(body: Any) -> Any:
    """The w:tbl element of the main table in `body`: captioned 'rencana-aksi', or None."""
    for caption in body.iter(qn("w:tblCaption")):
        if caption.get(qn("w:val")) == TABLE_CAPTION:
            return caption.getparent().getparent()
    return None


@dataclass(frozen=True)
class _TableShape:
    """What the renderer needs to know of a template's loop row (the same for every build)."""

    merges: dict[int, str]
    """Body cell index → 'sasaran' or 'indikator', read from the row's template tags."""
    keeps: bool
    """Every paragraph of the row already keeps with next (ours does)."""


_SHAPES: dict[tuple[str, int, int], _TableShape] = {}


def _table_shape(template: Path, document: DocxTemplate) -> _TableShape:
    """The template's _TableShape, computed once per template file and process."""
    status = template.stat()
    key = (str(template.resolve()), status.st_mtime_ns, status.st_size)
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _SHAPES[key] = _read_shape(document)
    return shape


def _read_shape(document: DocxTemplate) -> _TableShape:
    table = _main_table(document.docx.element.body)
    if table is None:
        return _TableShape({}, False)
    rows = table.findall(qn("w:tr"))
    texts = ["".join(tr.itertext()) for tr in rows]
    starts = [i for i, text in enumerate(texts) if "{%tr for" in text]
    if not starts or starts[0] + 1 >= len(rows):
        return _TableShape({}, False)
    loop_row = rows[starts[0] + 1]
    columns: dict[int, str] = {}
    for index, cell in enumerate(loop_row.findall(qn("w:tc"))):
        names = set(_FIELD.findall("".join(cell.itertext())))
        if names & SASARAN_FIELDS:
            columns[index] = "sasaran"
        elif names and names <= INDICATOR_FIELDS | {"note"}:
            columns[index] = "indikator"
    keeps = all(_child(_child(p, _P_PR), _KEEP_NEXT) is not None for p in loop_row.iter(_P))
    return _TableShape(columns, keeps)


def _apply_merges(table: Any, rows: Sequence[Row], shape: _TableShape) -> None:
    """Write w:vMerge restart/continue on the merged columns of every body row, and keep an
    indicator's rows on one page (its last row does not pull the next indicator along)."""
    trs = list(table.iterchildren(_TR))
    header = sum(1 for tr in trs if _child(_child(tr, _TR_PR), _TBL_HEADER) is not None)
    body = trs[header:]
    if len(body) != len(rows):
        raise TemplateProblem(
            f"templat menghasilkan {len(body)} baris tabel untuk {len(rows)} baris data; "
            "pastikan baris {%tr for row in rows %} hanya berisi satu baris isian"
        )
    for tr in trs[:header]:
        _fill_empty_cells(tr, keep=False)
    for position, (tr, row) in enumerate(zip(body, rows, strict=True)):
        following = rows[position + 1] if position + 1 < len(rows) else None
        keep = following is not None and not following.indikator_first
        _fill_empty_cells(tr, keep)
        cells = list(tr.iterchildren(_TC))
        for index, group in shape.merges.items():
            if index < len(cells):
                first = row.sasaran_first if group == "sasaran" else row.indikator_first
                _set_vmerge(cells[index], first)
        if not keep:
            for flag in list(tr.iter(_KEEP_NEXT)):
                flag.getparent().remove(flag)
        elif not shape.keeps:
            _keep_with_next(tr)


def _fill_empty_cells(tr: Any, keep: bool) -> None:
    """Give every cell left without a paragraph (e.g. an empty KETERANGAN loop) an empty one:
    a cell must hold a paragraph."""
    for cell in tr.iter(_TC):
        if _child(cell, _P) is None:
            paragraph = etree.SubElement(cell, _P)
            if keep:
                etree.SubElement(etree.SubElement(paragraph, _P_PR), _KEEP_NEXT)


def _keep_with_next(tr: Any) -> None:
    """Mark every paragraph of the row 'keep with next' (how Word keeps rows together)."""
    for paragraph in tr.iter(_P):
        p_pr = _child(paragraph, _P_PR)
        if p_pr is None:
            p_pr = etree.SubElement(paragraph, _P_PR)
            paragraph.insert(0, p_pr)
        if _child(p_pr, _KEEP_NEXT) is not None:
            continue
        flag = etree.SubElement(p_pr, _KEEP_NEXT)
        anchor = _child(p_pr, _P_STYLE)  # schema order: pStyle, keepNext, …
        if anchor is None:
            p_pr.insert(0, flag)
        else:
            anchor.addnext(flag)


def _set_vmerge(cell: Any, first: bool) -> None:
    """Give `cell` a w:vMerge (restart or continue) in the schema's place within w:tcPr."""
    tc_pr = _child(cell, _TC_PR)
    if tc_pr is None:
        tc_pr = etree.SubElement(cell, _TC_PR)
        cell.insert(0, tc_pr)
    merge = _child(tc_pr, _V_MERGE)
    if merge is None:
        merge = etree.SubElement(tc_pr, _V_MERGE)
        anchor = None
        for child in tc_pr:
            if child.tag in _BEFORE_VMERGE:
                anchor = child
        if anchor is None:
            tc_pr.insert(0, merge)
        else:
            anchor.addnext(merge)
    if first:
        merge.set(_VAL, "restart")
    else:
        merge.attrib.pop(_VAL, None)


def _child(element: Any, tag: str) -> Any:
    """The first child of `element` with `tag`, or None (also for no element). lxml's
    `find` goes through ElementPath: three times slower, and this runs for every cell."""
    return None if element is None else next(element.iterchildren(tag), None)


def _fit_paper(document: DocxTemplate, table: Any, paper: PaperSize) -> None:
    """Set the landscape page size and scale the main table to the new text width."""
    section = document.docx.sections[-1]
    old_text_width = section.page_width - section.left_margin - section.right_margin
    width, height = PAPER_MM[paper]
    if abs(section.page_width - Mm(width)) < Mm(1) and abs(section.page_height - Mm(height)) < Mm(
        1
    ):
        return
    for each in document.docx.sections:
        each.page_width, each.page_height = Mm(width), Mm(height)
    new_text_width = section.page_width - section.left_margin - section.right_margin
    factor = new_text_width / old_text_width
    for tag in ("w:gridCol", "w:tcW", "w:tblW"):
        for element in table.iter(qn(tag)):
            value = element.get(qn("w:w"))
            if value and value.isdigit() and element.get(qn("w:type"), "dxa") == "dxa":
                element.set(qn("w:w"), str(round(int(value) * factor)))
