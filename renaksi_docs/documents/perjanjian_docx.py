"""AgreementContext → the Perjanjian Kinerja .docx (docs/perjanjian.md; docs/template.md,
Signing).

Renders templates/perjanjian_kinerja.docx (or a clerk's copy of it) with the strict, sandboxed
docxtpl machinery of templates.py, then writes the NO/SASARAN merges and the portrait paper
size (wordxml.py) and checks that each signer's TTE tag occurs exactly once. Imported only
when a build asks for this document.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from ..errors import RenaksiError
from ..files import in_memory, refuse_existing, slug, write_atomically
from ..model import Plan, portrait
from ..workbook import schema
from . import wordxml
from .perjanjian import AgreementContext, TargetRow, build_agreement
from .templates import (
    body_rows,
    default_template,
    load,
    render,
    signature_values,
    table_by_caption,
    tag_count,
)

TEMPLATE = "perjanjian_kinerja.docx"
TARGETS_CAPTION = "perjanjian-target"
"""The w:tblCaption of the targets table (templates/make_perjanjian.py)."""
_TC = qn("w:tc")
MERGED_COLUMNS = 2
"""NO and SASARAN KEGIATAN: the first two cells of a target row, merged over a sasaran."""


class SuperiorMissing(RenaksiError):
    """The workbook cannot make a Perjanjian Kinerja: Nama Atasan or Jabatan Atasan is empty
    (docs/perjanjian.md); the other documents are not affected."""


class TagNotUnique(RenaksiError):
    """A signer's Penanda TTE occurs in the Perjanjian's text besides its signing space."""

    def __init__(self, label: str, tag: str, count: int) -> None:
        super().__init__(
            f'{label} "{tag}" muncul {count} kali dalam teks Perjanjian Kinerja, padahal harus '
            f"tepat satu kali di tempat tanda tangan; pilih karakter lain di Identitas {label}"
        )


def output_name(plan: Plan) -> str:
    """'perjanjian-kinerja-<unit-slug>-<tahun>.docx'."""
    return f"perjanjian-kinerja-{slug(plan.unit.name)}-{plan.unit.year}.docx"


def write_agreement(
    plan: Plan,
    out_dir: Path,
    template: Path | None = None,
    force: bool = False,
    pdf: bool = False,
) -> Path:
    """Write the Perjanjian Kinerja of `plan` into `out_dir`; OutputExists for an output (the
    .docx, or the .pdf when one is asked for) already there without `force`."""
    unit = plan.unit
    if not unit.superior.strip() or not unit.superior_position.strip():
        raise SuperiorMissing(
            "Perjanjian Kinerja memerlukan Nama Atasan dan Jabatan Atasan di lembar Identitas"
        )
    target = out_dir / output_name(plan)
    if not force:
        refuse_existing(target, pdf)
    return render_agreement(build_agreement(plan), target, template, force)


def render_agreement(
    context: AgreementContext, target: Path, template: Path | None = None, force: bool = False
) -> Path:
    """Fill the Perjanjian's template with `context` and write it to `target` atomically."""
    template = template or default_template(TEMPLATE)
    document = load(template)
    values: dict[str, Any] = {
        "judul": context.judul,
        "unit": context.unit,
        "targets": [_view(row) for row in context.targets],
        "anggaran": [_view(row) for row in context.budget],
        "jumlah_anggaran": context.jumlah,
        "ttd": signature_values(document, context.pertama, template.name),
        "atasan": signature_values(document, context.kedua, template.name, "atasan"),
    }
    render(document, values, template.name)
    body = document.docx.element.body
    table = table_by_caption(body, TARGETS_CAPTION)
    if table is not None:
        _merge_sasaran(table, context.targets)
    # Every table of the body (statement, targets, budget, signatures) follows the paper.
    wordxml.fit_paper(body, body, *portrait(context.paper))
    for label, signer in (
        (schema.PENANDA_TTE.header, context.pertama),
        (schema.PENANDA_TTE_ATASAN.header, context.kedua),
    ):
        if signer.penanda:
            count = tag_count(document, signer.penanda)
            if count != 1:
                raise TagNotUnique(label, signer.penanda, count)
    return write_atomically(Path(target), in_memory(document.save), force)


def _view(row: Any) -> dict[str, Any]:
    return {f.name: getattr(row, f.name) for f in fields(row)}


def _merge_sasaran(table: Any, rows: tuple[TargetRow, ...]) -> None:
    """NO and SASARAN KEGIATAN merged down over the sasaran's indicators."""
    body = body_rows(table, len(rows), "{%tr for row in targets %}")
    for tr, row in zip(body, rows, strict=True):
        for cell in list(tr.iterchildren(_TC))[:MERGED_COLUMNS]:
            wordxml.set_vmerge(cell, row.sasaran_first)
