"""DocumentContext → the Rencana Aksi .docx with docxtpl (docs/rendering.md).

Rendering is strict and safe for any template, ours or a clerk's: a sandboxed Jinja
environment with autoescaping and StrictUndefined (docxtpl's defaults drop text silently).
The template's tags are a public interface (docs/template.md). The table is one flat
`{%tr for row in rows %}` loop; the vertical merges, keep-together and paper size are written
afterwards by wordxml (docs/rendering.md), because docxtpl's `{% vm %}` merges nested groups
wrongly.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import InlineImage

from ..errors import TemplateProblem
from ..files import in_memory, write_atomically
from ..model import PAPER_MM
from . import wordxml
from .rencana_aksi import MERGED_FIELDS, DocumentContext, Fraction, Row
from .templates import RawXml, default_template, load, render, signature_values

TEMPLATE = "rencana_aksi.docx"
LOGO_HEIGHT = Mm(30)
LOOP_TAG = "{%tr for row in rows %}"
"""The tag (in a row of its own) that marks the main table and starts its row loop."""
_LOOP = re.compile(r"\{%-?\s*tr\s+for\s+row\s+in\s+rows\s*-?%\}")
_FIELD = re.compile(r"\brow\.(\w+)")


def _fraction(fraction: Fraction) -> RawXml:
    """The RUMUS fraction, inserted as XML in place of a `{{r row.rumus }}` run."""
    return RawXml(wordxml.fraction(fraction.numerator, fraction.denominator, fraction.suffix))


def _row_view(row: Row) -> dict[str, Any]:
    view = {f.name: getattr(row, f.name) for f in fields(row)}
    view["rumus"] = _fraction(row.rumus) if row.rumus is not None else ""
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
    template = template or default_template(TEMPLATE)
    document = load(template)
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
    render(document, values, template.name)
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
    return write_atomically(Path(target), in_memory(document.save), force)
