"""ReportContext → the Pengukuran Kinerja .docx (docs/pengukuran.md; docs/template.md, Signing).

Renders templates/pengukuran_kinerja.docx with the Rencana Aksi's strict, sandboxed docxtpl
machinery and signing (templates.py: `signature_values`; the template's signature block and
BSrE footer come from make_template.py), adds the chart as a native chart part (chart.py)
with its embedded workbook, and writes the SASARAN merges and the paper size (wordxml.py).
Imported only when a build asks for this report.
"""

from __future__ import annotations

from dataclasses import fields
from html import escape
from pathlib import Path
from typing import Any

from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from ..errors import RenaksiError
from ..files import in_memory, refuse_existing, slug, write_atomically
from ..measure import measure
from ..model import PAPER_MM, Plan
from . import chart, wordxml
from .pengukuran import ReportContext, ReportRow, build_report
from .templates import (
    RawXml,
    body_rows,
    default_template,
    load,
    render,
    signature_values,
    table_by_caption,
    tag_count,
)

TEMPLATE = "pengukuran_kinerja.docx"
TABLE_CAPTION = "pengukuran-kinerja"
QUARTERLY_CAPAIAN_HEADER = "CAPAIAN TAHUNAN (%)"
"""The header of the annual capaian column, shown beside a quarterly target's capaian."""
CHART_HEIGHT = Mm(85)
CHART_DRAWING_ID = 4001
"""wp:docPr id of the chart; images added by docxtpl number from 1."""
_TR, _TC = qn("w:tr"), qn("w:tc")


class TagNotUnique(RenaksiError):
    """The Penanda TTE occurs in the report's text besides the signing space (BSrE stamps its
    QR on the one occurrence; docs/template.md, "Signing")."""

    def __init__(self, tag: str, count: int) -> None:
        super().__init__(
            f'Penanda TTE "{tag}" muncul {count} kali dalam teks Pengukuran Kinerja (judul '
            "kolom, angka atau grafik), padahal harus tepat satu kali di tempat tanda tangan; "
            "pilih karakter lain di Identitas Penanda TTE, mis. #"
        )


def output_name(plan: Plan, quarter: int) -> str:
    """'pengukuran-kinerja-<unit-slug>-<tahun>-tw<k>.docx'."""
    return f"pengukuran-kinerja-{slug(plan.unit.name)}-{plan.unit.year}-tw{quarter}.docx"


def write_report(plan: Plan, out_dir: Path, force: bool = False, pdf: bool = False) -> Path:
    """Measure `plan` as of its reporting quarter and write the report's .docx into
    `out_dir`; NoReportingQuarter without a quarter, OutputExists for an output (the .docx,
    or the .pdf when one is asked for) already there without `force`."""
    measurement = measure(plan)
    target = out_dir / output_name(plan, measurement.quarter)
    if not force:
        refuse_existing(target, pdf)
    return render_report(build_report(measurement), target, force=force)


def _square(colour: str) -> RawXml:
    """A '■' run in the band's colour (the legend's key to the chart's bars)."""
    return RawXml(f'<w:r><w:rPr><w:color w:val="{escape(colour)}"/></w:rPr><w:t>\u25a0</w:t></w:r>')


def render_report(
    context: ReportContext, target: Path, template: Path | None = None, force: bool = False
) -> Path:
    """Fill the report's template with `context` and write it to `target` atomically."""
    template = template or default_template(TEMPLATE)
    document = load(template)

    section = document.docx.sections[-1]
    text_width = Mm(PAPER_MM[context.paper][0]) - section.left_margin - section.right_margin
    relationship, chart_part = _add_chart(document, context)
    graphic = chart.inline_chart(relationship, text_width, int(CHART_HEIGHT), CHART_DRAWING_ID)
    values: dict[str, Any] = {
        "judul": context.judul,
        "subjudul": context.subjudul,
        "kolom_realisasi": context.kolom_realisasi,
        "kolom_anggaran": context.kolom_anggaran,
        "kolom_target_triwulan": context.kolom_target_triwulan,
        "rows": [{f.name: getattr(row, f.name) for f in fields(row)} for row in context.rows],
        "legend": [
            {"square": _square(e.colour), "range": e.range, "label": e.label}
            for e in context.legend
        ],
        "ringkasan": context.ringkasan,
        "grafik": RawXml(graphic),
        "grafik_kunci": "; ".join(context.chart.key),
        "ttd": signature_values(document, context.ttd, template.name),
    }
    render(document, values, template.name)
    body = document.docx.element.body
    table = table_by_caption(body, TABLE_CAPTION)
    if table is not None:
        if not context.quarterly:
            _drop_quarterly_columns(table, context)
        _merge_sasaran(table, context.rows)
        wordxml.fit_paper(body, table, *PAPER_MM[context.paper])
    if context.ttd.penanda:
        count = tag_count(document, context.ttd.penanda, _chart_texts(chart_part.blob))
        if count != 1:
            raise TagNotUnique(context.ttd.penanda, count)
    return write_atomically(Path(target), in_memory(document.save), force)


def _add_chart(document: Any, context: ReportContext) -> tuple[str, Part]:
    """Add the chart part and its embedded workbook to the package; the chart's rId."""
    main = document.docx.part
    package = main.package
    chart_part = Part(
        PackURI("/word/charts/chart1.xml"),
        chart.CHART_CONTENT_TYPE,
        chart.chart_xml(context.chart),
        package,
    )
    workbook = Part(
        PackURI("/word/embeddings/Microsoft_Excel_Worksheet1.xlsx"),
        chart.WORKBOOK_CONTENT_TYPE,
        chart.chart_workbook(context.chart),
        package,
    )
    chart_part.rels.add_relationship(chart.WORKBOOK_RELATIONSHIP, workbook, "rId1")
    return str(main.relate_to(chart_part, chart.CHART_RELATIONSHIP)), chart_part


def _chart_texts(chart_xml: bytes) -> list[str]:
    """The texts the chart shows (its labels and values)."""
    root = etree.fromstring(chart_xml)
    return [t.text or "" for t in root.iter(f"{{{chart.A_NS}}}t", f"{{{chart.C_NS}}}v")]


def _drop_quarterly_columns(table: Any, context: ReportContext) -> None:
    """Without any Target Triwulan, the table is the plain one (docs/pengukuran.md): the
    columns headed TARGET S.D. TW k and CAPAIAN TAHUNAN (%) go."""
    first = next(table.iterchildren(_TR), None)
    if first is None:
        return
    headers = {context.kolom_target_triwulan, QUARTERLY_CAPAIAN_HEADER}
    drop = {
        index
        for index, tc in enumerate(first.iterchildren(_TC))
        if " ".join(wordxml.text_of(tc).split()) in headers
    }
    wordxml.drop_columns(table, drop)


def _merge_sasaran(table: Any, rows: tuple[ReportRow, ...]) -> None:
    """SASARAN KEGIATAN (the second column) merged down over its indicators."""
    body = body_rows(table, len(rows), "{%tr for row in rows %}")
    for tr, row in zip(body, rows, strict=True):
        cells = list(tr.iterchildren(_TC))
        if len(cells) > 1:
            wordxml.set_vmerge(cells[1], row.sasaran_first)
