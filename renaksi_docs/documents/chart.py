"""The Pengukuran Kinerja chart as a native DrawingML chart (docs/pengukuran.md).

`chart_xml` writes the chart part (`word/charts/chart1.xml`): a clustered column chart with
one series per predikat (its bars in the band's colour, values only at the indicators that
earned it, overlapping 100% so each indicator has one bar in its place), and a line series
at 100 over the same axes. Every value is cached in the part, which is what Word,
LibreOffice and the PDF draw; `chart_workbook` writes the small embedded workbook behind
it, so Word's "Edit Data" opens the figures (LibreOffice keeps its own copy from the cache).

Pure string building on escaped text: no Word library, no state.

Why series per predikat rather than one series with coloured points: the chart's own legend
then names the predikat of each colour, and a clerk recolours a predikat in one click.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from .pengukuran import ChartData

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_RELATIONSHIP = f"{R_NS}/chart"
WORKBOOK_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKBOOK_RELATIONSHIP = f"{R_NS}/package"
SHEET = "Sheet1"
LINE_COLOUR = "C00000"
FONT = "Arial"
FONT_SIZE = 800  # hundredths of a point
_CAT_AX, _VAL_AX = "111111111", "222222222"


def _column(index: int) -> str:
    """Spreadsheet column letters of a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    return escape(value, quote=False)


def _str_ref(formula: str, values: Sequence[str]) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{_text(v)}</c:v></c:pt>' for i, v in enumerate(values))
    return (
        f'<c:strRef><c:f>{formula}</c:f><c:strCache><c:ptCount val="{len(values)}"/>'
        f"{points}</c:strCache></c:strRef>"
    )


def _num_ref(formula: str, values: Sequence[Decimal | None]) -> str:
    points = "".join(
        f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values) if v is not None
    )
    return (
        f"<c:numRef><c:f>{formula}</c:f><c:numCache><c:formatCode>General</c:formatCode>"
        f'<c:ptCount val="{len(values)}"/>{points}</c:numCache></c:numRef>'
    )


def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _run_properties(size: int = FONT_SIZE, bold: bool = False) -> str:
    return (
        f'<a:defRPr sz="{size}" b="{int(bold)}"><a:latin typeface="{FONT}"/>'
        f'<a:cs typeface="{FONT}"/></a:defRPr>'
    )


def _text_properties(size: int = FONT_SIZE, bold: bool = False) -> str:
    return (
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
        f'{_run_properties(size, bold)}</a:pPr><a:endParaRPr lang="id-ID"/></a:p></c:txPr>'
    )


def _series_refs(column: int, rows: int) -> tuple[str, str, str]:
    letter = _column(column)
    return (
        f"{SHEET}!${letter}$1",
        f"{SHEET}!$A$2:$A${rows + 1}",
        f"{SHEET}!${letter}$2:${letter}${rows + 1}",
    )


def chart_xml(chart: ChartData) -> bytes:
    """The chart part (c:chartSpace) of `chart`, every value cached; its relationship rId1
    must name the embedded workbook (`chart_workbook`)."""
    rows = len(chart.categories)
    bars = []
    for index, series in enumerate(chart.series):
        name, categories, values = _series_refs(index + 1, rows)
        bars.append(
            f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
            f"<c:tx>{_str_ref(name, [series.label])}</c:tx>"
            f"<c:spPr>{_fill(series.colour)}</c:spPr>"
            '<c:invertIfNegative val="0"/>'
            '<c:dLbls><c:numFmt formatCode="[$-421]General" sourceLinked="0"/>'
            f"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{_text_properties(700)}"
            '<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/>'
            '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
            '<c:showBubbleSize val="0"/></c:dLbls>'
            f"<c:cat>{_str_ref(categories, chart.categories)}</c:cat>"
            f"<c:val>{_num_ref(values, series.values)}</c:val></c:ser>"
        )
    line_index = len(chart.series)
    # A line needs two points: a single indicator gets a dash marker at 100 instead.
    marker = '<c:marker><c:symbol val="none"/></c:marker>'
    if rows == 1:
        marker = (
            f'<c:marker><c:symbol val="dash"/><c:size val="20"/><c:spPr>{_fill(LINE_COLOUR)}'
            f"<a:ln>{_fill(LINE_COLOUR)}</a:ln></c:spPr></c:marker>"
        )
    name, categories, values = _series_refs(line_index + 1, rows)
    line = (
        f'<c:ser><c:idx val="{line_index}"/><c:order val="{line_index}"/>'
        f"<c:tx>{_str_ref(name, [chart.line_label])}</c:tx>"
        f'<c:spPr><a:ln w="22225" cap="rnd">{_fill(LINE_COLOUR)}'
        '<a:prstDash val="dash"/><a:round/></a:ln></c:spPr>'
        f"{marker}"
        f"<c:cat>{_str_ref(categories, chart.categories)}</c:cat>"
        f"<c:val>{_num_ref(values, [Decimal(100)] * rows)}</c:val>"
        '<c:smooth val="0"/></c:ser>'
    )
    axis_line = f'<c:spPr><a:ln w="9525">{_fill("808080")}</a:ln></c:spPr>'
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        '<c:date1904 val="0"/><c:lang val="id-ID"/><c:roundedCorners val="0"/>'
        "<c:chart>"
        f"<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{_run_properties(1000, True)}"
        f'</a:pPr><a:r><a:rPr lang="id-ID" sz="1000" b="1"><a:latin typeface="{FONT}"/></a:rPr>'
        f"<a:t>{_text(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>"
        '<c:overlay val="0"/></c:title>'
        '<c:autoTitleDeleted val="0"/>'
        "<c:plotArea><c:layout/>"
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
        f'<c:varyColors val="0"/>{"".join(bars)}'
        f'<c:gapWidth val="60"/><c:overlap val="100"/>'
        f'<c:axId val="{_CAT_AX}"/><c:axId val="{_VAL_AX}"/></c:barChart>'
        '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
        f'{line}<c:marker val="1"/><c:axId val="{_CAT_AX}"/><c:axId val="{_VAL_AX}"/>'
        "</c:lineChart>"
        f'<c:catAx><c:axId val="{_CAT_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/>'
        "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
        f'{_run_properties()}</a:pPr><a:r><a:rPr lang="id-ID" sz="{FONT_SIZE}"/>'
        "<a:t>Nomor indikator (kolom NO pada tabel)</a:t></a:r></a:p></c:rich></c:tx>"
        '<c:overlay val="0"/></c:title>'
        '<c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>'
        f"{axis_line}{_text_properties()}"
        f'<c:crossAx val="{_VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="{_VAL_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/>'
        f'<c:majorGridlines><c:spPr><a:ln w="6350">{_fill("D9D9D9")}</a:ln></c:spPr>'
        "</c:majorGridlines>"
        '<c:title><c:tx><c:rich><a:bodyPr rot="-5400000" vert="horz"/><a:lstStyle/><a:p><a:pPr>'
        f'{_run_properties()}</a:pPr><a:r><a:rPr lang="id-ID" sz="{FONT_SIZE}"/>'
        "<a:t>Capaian (%)</a:t></a:r></a:p></c:rich></c:tx>"
        '<c:overlay val="0"/></c:title>'
        '<c:numFmt formatCode="#,##0" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f"{axis_line}{_text_properties()}"
        f'<c:crossAx val="{_CAT_AX}"/><c:crosses val="autoZero"/>'
        '<c:crossBetween val="between"/></c:valAx>'
        "</c:plotArea>"
        f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>{_text_properties()}</c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>'
        "</c:chart>"
        f"{_text_properties()}"
        '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>'
        "</c:chartSpace>"
    )
    return xml.encode("utf-8")


def chart_workbook(chart: ChartData) -> bytes:
    """The embedded workbook the chart's formulas point at (Word's "Edit Data"): categories
    in column A, one column per series, the 100% line last."""
    from openpyxl import Workbook  # already loaded by the reader in a build

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(["", *(s.label for s in chart.series), chart.line_label])
    for index, category in enumerate(chart.categories):
        values = [s.values[index] for s in chart.series]
        sheet.append([category, *(None if v is None else float(v) for v in values), 100])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def inline_chart(relationship: str, width_emu: int, height_emu: int, drawing_id: int) -> str:
    """A run holding the chart at its full size (w:drawing/wp:inline/c:chart)."""
    return (
        f'<w:r><w:drawing><wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" '
        f'distR="0"><wp:extent cx="{width_emu}" cy="{height_emu}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{drawing_id}" name="Grafik Capaian Kinerja"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{C_NS}">'
        f'<c:chart xmlns:c="{C_NS}" xmlns:r="{R_NS}" r:id="{relationship}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
