"""DocumentContext → .docx with docxtpl (docs/rendering.md). The only importer of docxtpl.

Rendering is strict and safe for any template, ours or a clerk's: a sandboxed Jinja
environment with autoescaping and StrictUndefined (docxtpl's defaults drop text silently).
The template's tags are a public interface (docs/template.md). The table is one flat
`{%tr for row in rows %}` loop; the vertical merges, keep-together and paper size are written
afterwards by wordxml (docs/rendering.md), because docxtpl's `{% vm %}` merges nested groups
wrongly.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import fields
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from . import wordxml
from .context import MERGED_FIELDS, DocumentContext, Fraction, Row, Signature
from .errors import TemplateProblem
from .files import write_atomically
from .model import PaperSize

PAPER_MM = {PaperSize.A4: (297, 210), PaperSize.F4: (330, 215)}  # landscape width, height
LOGO_HEIGHT = Mm(30)
SIGNATURE_HEIGHT = Mm(20)
"""Height of a Gambar Tanda Tangan in the signing space (about its four empty lines)."""
LOOP_TAG = "{%tr for row in rows %}"
"""The tag (in a row of its own) that marks the main table and starts its row loop."""
_LOOP = re.compile(r"\{%-?\s*tr\s+for\s+row\s+in\s+rows\s*-?%\}")
_FIELD = re.compile(r"\brow\.(\w+)")


def default_template() -> Path:
    """The template shipped inside the package (or, in a source checkout, templates/)."""
    here = Path(__file__).resolve().parent
    packaged = here / "templates" / "rencana_aksi.docx"  # the wheel maps templates/ here
    return packaged if packaged.is_file() else here.parent / "templates" / "rencana_aksi.docx"


class _Fraction:
    """The RUMUS fraction, inserted as XML in place of a `{{r row.rumus }}` run."""

    def __init__(self, fraction: Fraction) -> None:
        self.xml = wordxml.fraction(fraction.numerator, fraction.denominator, fraction.suffix)

    def __html__(self) -> str:
        return self.xml

    def __str__(self) -> str:
        return self.xml


class _Template(DocxTemplate):
    """docxtpl with two of its steps narrowed (docs/rendering.md); each override is checked
    against docxtpl by a test in test_document.py that fails when docxtpl changes under it.

    - `fix_tables` (the hook between rendering and parsing) re-parses in recover mode, which
      silently drops broken XML, and rebuilds grids for `{%tc %}` column loops, which we do
      not support: we parse strictly, so a broken custom template is an error.
    - `patch_xml` (regexes over the template's XML that turn Word runs into Jinja source,
      ~11 ms per document) is memoised with the compiled templates (`_Environment`), since
      a batch worker patches the same template for every workbook.
    - `resolve_listing` turns \\n, \\t, \\a, \\f in values into Word breaks by running regexes
      over every paragraph (over a third of the render at 200 indicators); we run it only on
      the paragraphs that contain one of them.
    """

    def patch_xml(self, src_xml: str) -> str:
        patched = _ENVIRONMENT.patched.get(src_xml)
        if patched is None:
            patched = _ENVIRONMENT.patched[src_xml] = super().patch_xml(src_xml)
        return patched

    def fix_tables(self, xml: str) -> Any:
        try:
            return etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            raise TemplateProblem(f"templat menghasilkan XML yang rusak: {exc}") from None

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
    """Sandboxed, autoescaping, strict; patches and compiles each distinct template once.

    A batch worker renders the same template for many workbooks; patching and compiling it
    cost ~11 and ~12 ms per document. docxtpl patches through `patch_xml` and compiles
    through `from_string` (test_document.py::test_docxtpl_compiles_through_from_string)."""

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.compiled: dict[str, Any] = {}
        """Jinja source → compiled template."""
        self.patched: dict[str, str] = {}
        """A part's XML as in the template → docxtpl's Jinja source of it."""

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self.compiled.get(source)
        if compiled is None:
            compiled = self.compiled[source] = super().from_string(source)
        return compiled


_ENVIRONMENT = _Environment()
"""The process's one rendering environment: a pure memo of patched and compiled template
sources (the same source always gives the same result), so sharing it changes no output."""


def _row_view(row: Row) -> dict[str, Any]:
    view = {f.name: getattr(row, f.name) for f in fields(row)}
    view["rumus"] = _Fraction(row.rumus) if row.rumus is not None else ""
    return view


def _span_of(text: str) -> str | None:
    """The span a loop-row cell merges over: the narrowest one that covers every row field
    the cell shows (MERGED_FIELDS, widest first), or None for a per-row cell."""
    names = set(_FIELD.findall(text))
    if not names:
        return None
    covered: set[str] = set()
    found = None
    for span, merged in MERGED_FIELDS.items():
        covered |= merged
        if names <= covered:
            found = found or span
    return found


def render_docx(
    context: DocumentContext, target: Path, template: Path | None = None, force: bool = False
) -> Path:
    """Fill `template` (default: ours) with `context` and write it to `target` atomically."""
    template = template or default_template()
    document = _load(template)
    layout, missing = wordxml.find_loop_table(
        document.docx.element.body, lambda text: bool(_LOOP.search(text)), _span_of
    )
    if layout is None:
        raise TemplateProblem(f"templat {template.name} tidak memuat {missing}")
    values: dict[str, Any] = {
        "sampul": context.sampul,
        "judul": context.judul,
        "subjudul": context.subjudul,
        "rows": [_row_view(row) for row in context.rows],
        "ttd": signature_values(document, context.ttd, template.name),
        "logo": InlineImage(document, str(context.logo), height=LOGO_HEIGHT)
        if context.logo
        else "",
    }
    try:
        document.render(values, jinja_env=_ENVIRONMENT, autoescape=True)
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
    body = document.docx.element.body
    wordxml.place_fractions(body)
    table = wordxml.table_at(body, layout.index)
    looped = None if table is None else wordxml.loop_rows(table, layout)
    if looped is None or len(looped) != len(context.rows):
        raise TemplateProblem(
            f"templat {template.name} menghasilkan {0 if looped is None else len(looped)} "
            f"baris tabel untuk {len(context.rows)} baris data; pastikan baris {LOOP_TAG} "
            "hanya diikuti satu baris isian lalu baris {%tr endfor %}"
        )
    rows = context.rows
    wordxml.merge_rows(
        table,
        layout,
        looped,
        starts=[{span: row.starts(span) for span in MERGED_FIELDS} for row in rows],
        keeps=[i + 1 < len(rows) and not rows[i + 1].indikator_first for i in range(len(rows))],
    )
    wordxml.fit_paper(body, table, *PAPER_MM[context.paper])
    return write_atomically(Path(target), lambda temp: document.save(str(temp)), force)


def signature_values(document: DocxTemplate, ttd: Signature, name: str) -> dict[str, Any]:
    """The `ttd` value of a template: the Signature's fields, the image as an InlineImage.
    Fails naming the tags that this signing needs and the template lacks (docs/template.md)."""
    needed = ["ttd.penanda", "ttd.catatan_kaki"] if ttd.penanda else []
    if ttd.gambar is not None:
        needed.append("ttd.gambar")
    if needed:
        text = _template_text(document)
        missing = [tag for tag in needed if not re.search(rf"\b{re.escape(tag)}\b", text)]
        if missing:
            listed = ", ".join(f"{{{{ {tag} }}}}" for tag in missing)
            raise TemplateProblem(
                f"templat {name} tidak memuat {listed} yang diperlukan untuk tanda tangan "
                f"{'elektronik' if ttd.penanda else 'dengan gambar'}; salin blok tanda tangan "
                "dari templat bawaan (renaksi-docs template)"
            )
    values = {f.name: getattr(ttd, f.name) for f in fields(ttd)}
    values["gambar"] = (
        InlineImage(document, str(ttd.gambar), height=SIGNATURE_HEIGHT) if ttd.gambar else ""
    )
    return values


def _template_text(document: DocxTemplate) -> str:
    """The text of the template's body and footers, XML tags removed (tags split over runs
    by an editor read whole again)."""
    parts = [document.get_xml()]
    for _, part in document.get_headers_footers(document.FOOTER_URI):
        parts.append(part.blob.decode("utf-8"))
    return re.sub(r"<[^>]+>", "", "".join(parts))


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
