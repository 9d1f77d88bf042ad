"""What every document's template shares: loading a .docx template (ours or a clerk's), the
one strict, sandboxed docxtpl environment, the translation of template errors into one set of
messages, the signature block's values and the paper sizes. Every docxtpl user renders through
`render` here (docs/rendering.md)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from ..errors import TemplateProblem, describe_os_error
from ..model import Signing
from . import wordxml
from .signing import Signature

SIGNATURE_HEIGHT = Mm(20)
"""Height of a Gambar Tanda Tangan in the signing space (about its four empty lines)."""
TEMPLATE_FOLDER = "templates"


def default_template(name: str) -> Path:
    """The template `name` shipped inside the package (or, in a source checkout, templates/)."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / TEMPLATE_FOLDER / name  # the wheel maps templates/ here
    return packaged if packaged.is_file() else package.parent / TEMPLATE_FOLDER / name


class RawXml:
    """Run XML that docxtpl inserts as is in place of a `{{r … }}` tag."""

    def __init__(self, xml: str) -> None:
        self.xml = xml

    def __html__(self) -> str:
        return self.xml

    def __str__(self) -> str:
        return self.xml


class Template(DocxTemplate):
    """docxtpl with two of its steps narrowed (docs/rendering.md); each override is checked
    against docxtpl by a test in test_document.py that fails when docxtpl changes under it.

    - `fix_tables` (the hook between rendering and parsing) re-parses in recover mode, which
      silently drops broken XML, and rebuilds grids for `{%tc %}` column loops, which we do
      not support: we parse strictly, so a broken custom template is an error.
    - `patch_xml` (regexes over the template's XML that turn Word runs into Jinja source,
      ~11 ms per document) is memoised with the compiled templates (`Environment`), since
      a batch worker patches the same template for every workbook.
    - `resolve_listing` turns \\n, \\t, \\a, \\f in values into Word breaks by running regexes
      over every paragraph (over a third of the render at 200 indicators); we run it only on
      the paragraphs that contain one of them.
    """

    def patch_xml(self, src_xml: str) -> str:
        patched = ENVIRONMENT.patched.get(src_xml)
        if patched is None:
            patched = ENVIRONMENT.patched[src_xml] = super().patch_xml(src_xml)
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


class Environment(SandboxedEnvironment):
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


ENVIRONMENT = Environment()
"""The process's one rendering environment: a pure memo of patched and compiled template
sources (the same source always gives the same result), so sharing it changes no output."""


def render(document: DocxTemplate, values: dict[str, Any], name: str) -> None:
    """Fill `document` (the template file `name`) with `values` in the strict, sandboxed
    environment; every template error becomes one TemplateProblem naming the template."""
    try:
        document.render(values, jinja_env=ENVIRONMENT, autoescape=True)
    except SecurityError as exc:
        raise TemplateProblem(
            f"templat {name} ditolak: mencoba mengakses bagian dalam Python ({exc})"
        ) from None
    except UndefinedError as exc:
        raise TemplateProblem(f"templat {name} memakai nama yang tidak ada: {exc}") from None
    except TemplateError as exc:
        raise TemplateProblem(f"tag templat {name} rusak: {exc}") from None


def signature_values(
    document: DocxTemplate, ttd: Signature, name: str, key: str = "ttd"
) -> dict[str, Any]:
    """The `key` value of a template (`ttd`; the Perjanjian's superior: `atasan`): the
    Signature's fields, the image as an InlineImage. Fails naming the tags that this signing
    needs and the template lacks (docs/template.md)."""
    needed = [f"{key}.penanda"] if ttd.penanda else []
    if ttd.catatan_kaki:
        needed.append(f"{key}.catatan_kaki")
    if ttd.gambar is not None:
        needed.append(f"{key}.gambar")
    if needed:
        text = _template_text(document)
        missing = [tag for tag in needed if not re.search(rf"\b{re.escape(tag)}\b", text)]
        if missing:
            listed = ", ".join(f"{{{{ {tag} }}}}" for tag in missing)
            raise TemplateProblem(
                f"templat {name} tidak memuat {listed} yang diperlukan untuk tanda tangan "
                f"{Signing.ELEKTRONIK.value if ttd.penanda else 'dengan gambar'}; salin blok "
                "tanda tangan dari templat bawaan (renaksi-docs template)"
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


def load(template: Path) -> DocxTemplate:
    if not template.is_file():
        raise TemplateProblem(f"templat {template} tidak ditemukan")
    if not zipfile.is_zipfile(template):
        raise TemplateProblem(f"templat {template} bukan dokumen Word .docx")
    try:
        document = Template(str(template))
        document.init_docx()
    except ValueError as exc:  # python-docx: "file '…' is not a Word file, content type is …"
        kind = "workbook Excel" if "spreadsheetml" in str(exc) else "berkas lain"
        raise TemplateProblem(
            f"templat {template} adalah {kind}, bukan dokumen Word .docx; pakai templat dari "
            "renaksi-docs template, atau buka di Word lalu simpan sebagai Word Document (.docx)"
        ) from None
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError) as exc:
        reason = describe_os_error(exc) if isinstance(exc, OSError) else "isinya rusak"
        raise TemplateProblem(
            f"templat {template} tidak dapat dibuka: {reason}; buka di Word lalu simpan ulang "
            "sebagai Word Document (.docx)"
        ) from None
    return document


def body_rows(table: Any, count: int, loop: str) -> list[Any]:
    """The `count` rows a `{%tr for … %}` loop made in `table` (after its repeated header
    rows), every empty cell of the table given a paragraph (Word refuses a cell without
    one); a TemplateProblem naming `loop` when the template made another number of rows."""
    rows = list(table.iterchildren(qn("w:tr")))
    marker = f"{qn('w:trPr')}/{qn('w:tblHeader')}"
    header = sum(1 for tr in rows if tr.find(marker) is not None)
    body = rows[header:]
    if len(body) != count:
        raise TemplateProblem(
            f"templat menghasilkan {len(body)} baris tabel untuk {count} indikator; "
            f"pastikan baris {loop} hanya berisi satu baris isian"
        )
    for tr in rows:
        wordxml.fill_empty_cells(tr, keep=False)  # e.g. KETERANGAN without notes
    return body


def table_by_caption(body: Any, caption: str) -> Any:
    """The w:tbl of `body` whose w:tblCaption is `caption` (set by templates/make_*.py), or
    None when the template has no such table."""
    for found in body.iter(qn("w:tblCaption")):
        if found.get(qn("w:val")) == caption:
            return found.getparent().getparent()
    return None


def tag_count(document: DocxTemplate, tag: str, extra: Iterable[str] = ()) -> int:
    """How often `tag` occurs in the text of the body, the footers and `extra` (text the
    document shows elsewhere, such as a chart's)."""
    texts = [t.text or "" for t in document.docx.element.body.iter(qn("w:t"))]
    for section in document.docx.sections:
        texts.extend(t.text or "" for t in section.footer._element.iter(qn("w:t")))
    texts.extend(extra)
    return sum(text.count(tag) for text in texts)
