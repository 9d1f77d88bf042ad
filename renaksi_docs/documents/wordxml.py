"""Pure Word-XML edits on a rendered document body (plain lxml; no docxtpl, no python-docx).

What the renderer does to the XML that Jinja cannot: lay out the RUMUS fraction, find the
template's main table, write vertical merges in schema order, keep an indicator's rows on one
page, set the paper size.
Why each of these exists is in docs/rendering.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass
from html import escape
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: w('tc') → '{…/main}tc'."""
    return f"{{{W_NS}}}{tag}"


_TBL, _TR, _TC, _P, _T = w("tbl"), w("tr"), w("tc"), w("p"), w("t")
_TR_PR, _TC_PR, _P_PR, _P_STYLE = w("trPr"), w("tcPr"), w("pPr"), w("pStyle")
_V_MERGE, _KEEP_NEXT, _VAL = w("vMerge"), w("keepNext"), w("val")
_SECT_PR, _PG_SZ, _PG_MAR, _W, _H = w("sectPr"), w("pgSz"), w("pgMar"), w("w"), w("h")
# Children of w:tcPr that come before w:vMerge in the schema (ECMA-376 CT_TcPr).
_BEFORE_VMERGE = {w(t) for t in ("cnfStyle", "tcW", "gridSpan", "hMerge")}
TWIPS_PER_MM = 1440 / 25.4


# --- the RUMUS fraction ---------------------------------------------------------------

SUFFIX_SHARE = 0.3
"""Share of the RUMUS cell's text width given to the suffix column ('× 100%')."""
_NO_BORDERS = "".join(
    f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
_LINE = '<w:tcBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tcBorders>'
_WIDTH = '<w:tcW w:w="0" w:type="auto"/>'


def fraction(numerator: str, denominator: str, suffix: str) -> str:
    """The RUMUS fraction as a small table (docs/rendering.md), to be inserted where a
    `{{r … }}` run stood; `place_fractions` then moves it out of its paragraph and sizes it."""
    return (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{_NO_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        '<w:tblGrid><w:gridCol w:w="0"/><w:gridCol w:w="0"/></w:tblGrid>'
        f"<w:tr>{_cell(numerator, _WIDTH + _LINE + _valign('bottom'))}"
        f"{_cell(suffix, _WIDTH + _vmerge('restart') + _valign('center'))}</w:tr>"
        f"<w:tr>{_cell(denominator, _WIDTH + _valign('top'))}"
        f"{_cell('', _WIDTH + _vmerge(None))}</w:tr></w:tbl>"
    )


def _cell(text: str, properties: str) -> str:
    run = f'<w:r><w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r>' if text else ""
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p>{run}</w:p></w:tc>"


def _valign(value: str) -> str:
    return f'<w:vAlign w:val="{value}"/>'


def _vmerge(value: str | None) -> str:
    return f'<w:vMerge w:val="{value}"/>' if value else "<w:vMerge/>"


def place_fractions(body: Any) -> None:
    """Move every table that stands inside a paragraph (a fraction inserted by a run tag)
    before that paragraph, give its paragraphs the host paragraph's properties (the table's
    style, so its typeface and size), fit it to the cell, and shrink the host paragraph to a
    hairline when nothing else is left in it."""
    for table in [t for t in body.iter(_TBL) if t.getparent().tag == _P]:
        host = table.getparent()
        properties = _child(host, _P_PR)
        if properties is not None:
            for paragraph in table.iter(_P):
                paragraph.insert(0, deepcopy(properties))
        cell = host.getparent()
        width = _text_width(cell) if cell.tag == _TC else None
        if width is not None:
            _size_fraction(table, width)
        host.addprevious(table)
        if not text_of(host).strip():
            _hairline(host)


def _size_fraction(table: Any, width: int) -> None:
    suffix = round(width * SUFFIX_SHARE)
    widths = (width - suffix, suffix)
    table_width = _child(_child(table, w("tblPr")), w("tblW"))
    table_width.set(_W, str(width))
    table_width.set(w("type"), "dxa")
    for column, value in zip(
        _child(table, w("tblGrid")).iterchildren(w("gridCol")), widths, strict=True
    ):
        column.set(_W, str(value))
    for tr in table.iterchildren(_TR):
        for tc, value in zip(tr.iterchildren(_TC), widths, strict=True):
            cell_width = _child(_child(tc, _TC_PR), w("tcW"))
            cell_width.set(_W, str(value))
            cell_width.set(w("type"), "dxa")


def _text_width(cell: Any) -> int | None:
    """The width (twips) inside `cell`'s margins, from its table's grid; None if unknown."""
    row = cell.getparent()
    table = row.getparent() if row is not None else None
    grid = _child(table, w("tblGrid"))
    if grid is None:
        return None
    columns = [_twips(c, _W) for c in grid.iterchildren(w("gridCol"))]
    start = 0
    for tc in row.iterchildren(_TC):
        span = _grid_span(tc)
        if tc is cell:
            width = sum(columns[start : start + span])
            break
        start += span
    else:
        return None
    margins = _margins(_child(_child(cell, _TC_PR), w("tcMar")))
    if margins is None:
        margins = _margins(_child(_child(table, w("tblPr")), w("tblCellMar")))
    width -= 2 * DEFAULT_CELL_MARGIN if margins is None else margins
    return width if width > 0 else None


DEFAULT_CELL_MARGIN = 108
"""Word's left and right cell margin (twips) when a table declares none."""


def _grid_span(tc: Any) -> int:
    span = _child(_child(tc, _TC_PR), w("gridSpan"))
    return _twips(span, _VAL) or 1 if span is not None else 1


def _margins(element: Any) -> int | None:
    """Left plus right margin (twips) declared by a w:tcMar or w:tblCellMar, or None."""
    if element is None:
        return None
    sides = [_child(element, w(side)) for side in ("left", "right", "start", "end")]
    found = [_twips(side, _W) for side in sides if side is not None]
    return sum(found[:2]) if found else None


# Children of w:pPr that come after w:spacing in the schema (ECMA-376 CT_PPrBase, CT_PPr).
_AFTER_SPACING = {
    w(t)
    for t in [
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
}


def _hairline(paragraph: Any) -> None:
    """Make an empty paragraph 1 pt high (exact line spacing, no space around)."""
    properties = _child(paragraph, _P_PR)
    if properties is None:
        properties = _sub(paragraph, _P_PR)
        paragraph.insert(0, properties)
    spacing = _child(properties, w("spacing"))
    if spacing is None:
        spacing = properties.makeelement(w("spacing"), {})
        anchor = next((c for c in properties if c.tag in _AFTER_SPACING), None)
        if anchor is None:
            properties.append(spacing)
        else:
            anchor.addprevious(spacing)
    for name, value in (("before", "0"), ("after", "0"), ("line", "20"), ("lineRule", "exact")):
        spacing.set(w(name), value)


# --- finding the main table -----------------------------------------------------------


@dataclass(frozen=True)
class LoopTable:
    """Where a template's looped table is and what its loop row looks like.

    Read from the template before rendering, so that it survives whatever Word or Writer
    keeps of a table when a clerk edits the template (docs/rendering.md)."""

    index: int
    """Position among the body's outermost tables (document order)."""
    before: int
    """Rows above the loop's start row (the header rows)."""
    after: int
    """Rows below the loop's end row."""
    spans: dict[int, str]
    """Loop-row cell index → the span its fields merge over ('sasaran', 'indikator')."""
    keeps: bool
    """Every paragraph of the loop row already keeps with next (ours does)."""


def outer_tables(body: Any) -> Iterator[Any]:
    """The body's tables that are not nested in another table, in document order."""
    for table in body.iter(_TBL):
        if not any(ancestor.tag == _TC for ancestor in table.iterancestors()):
            yield table


def find_loop_table(
    body: Any, starts_loop: Callable[[str], bool], span_of: Callable[[str], str | None]
) -> tuple[LoopTable | None, str]:
    """The first outer table with a row whose text `starts_loop`, followed by the loop row
    and an end row. Returns (None, what is missing) when there is none."""
    for index, table in enumerate(outer_tables(body)):
        rows = list(table.iterchildren(_TR))
        texts = [text_of(tr) for tr in rows]
        start = next((i for i, text in enumerate(texts) if starts_loop(text)), None)
        if start is None:
            continue
        if start + 2 >= len(rows):
            return None, "baris isian dan baris {%tr endfor %} di bawah baris {%tr for … %}"
        loop_row = rows[start + 1]
        spans: dict[int, str] = {}
        for position, cell in enumerate(loop_row.iterchildren(_TC)):
            span = span_of(text_of(cell))
            if span is not None:
                spans[position] = span
        keeps = all(_child(_child(p, _P_PR), _KEEP_NEXT) is not None for p in loop_row.iter(_P))
        return LoopTable(index, start, len(rows) - start - 3, spans, keeps), ""
    return None, "tabel dengan baris {%tr for row in rows %}"


def table_at(body: Any, index: int) -> Any:
    """The outer table at `index` (see LoopTable.index), or None."""
    return next((t for i, t in enumerate(outer_tables(body)) if i == index), None)


# --- merges and keep-together ---------------------------------------------------------


def loop_rows(table: Any, layout: LoopTable) -> list[Any] | None:
    """The rows the loop produced, or None when the table does not have the expected shape."""
    rows = list(table.iterchildren(_TR))
    if layout.before + layout.after > len(rows):
        return None
    return rows[layout.before : len(rows) - layout.after]


def merge_rows(
    table: Any,
    layout: LoopTable,
    body: Sequence[Any],
    starts: Sequence[Mapping[str, bool]],
    keeps: Sequence[bool],
) -> None:
    """Write w:vMerge restart/continue on the spanned columns of every looped row (`starts`
    says, per row and span, whether a merge starts there) and keep each row with the next
    one where `keeps` says so (the rest lose any keep-with-next)."""
    looped = set(body)
    for tr in table.iterchildren(_TR):
        if tr not in looped:
            fill_empty_cells(tr, keep=False)
    for tr, start, keep in zip(body, starts, keeps, strict=True):
        fill_empty_cells(tr, keep)
        cells = list(tr.iterchildren(_TC))
        for index, span in layout.spans.items():
            if index < len(cells):
                set_vmerge(cells[index], start[span])
        if not keep:
            for flag in list(tr.iter(_KEEP_NEXT)):
                flag.getparent().remove(flag)
        elif not layout.keeps:
            keep_with_next(tr)


def fill_empty_cells(tr: Any, keep: bool) -> None:
    """Give every cell left without a paragraph (e.g. an empty KETERANGAN loop) an empty
    one: a cell must end with a paragraph."""
    for cell in tr.iter(_TC):
        if _child(cell, _P) is None:
            paragraph = _sub(cell, _P)
            if keep:
                _sub(_sub(paragraph, _P_PR), _KEEP_NEXT)


def keep_with_next(tr: Any) -> None:
    """Mark every paragraph of the row 'keep with next' (how Word keeps rows together)."""
    for paragraph in tr.iter(_P):
        p_pr = _child(paragraph, _P_PR)
        if p_pr is None:
            p_pr = _sub(paragraph, _P_PR)
            paragraph.insert(0, p_pr)
        if _child(p_pr, _KEEP_NEXT) is not None:
            continue
        flag = _sub(p_pr, _KEEP_NEXT)
        anchor = _child(p_pr, _P_STYLE)  # schema order: pStyle, keepNext, …
        if anchor is None:
            p_pr.insert(0, flag)
        else:
            anchor.addnext(flag)


def set_vmerge(cell: Any, first: bool) -> None:
    """Give `cell` a w:vMerge (restart or continue) in the schema's place within w:tcPr."""
    tc_pr = _child(cell, _TC_PR)
    if tc_pr is None:
        tc_pr = _sub(cell, _TC_PR)
        cell.insert(0, tc_pr)
    merge = _child(tc_pr, _V_MERGE)
    if merge is None:
        merge = _sub(tc_pr, _V_MERGE)
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


# --- paper size -----------------------------------------------------------------------


def fit_paper(body: Any, table: Any, width_mm: float, height_mm: float) -> None:
    """Set every section's page size and scale `table`'s widths to the new text width."""
    sections = list(body.iter(_SECT_PR))
    if not sections:
        return
    last = sections[-1]
    size, margins = _child(last, _PG_SZ), _child(last, _PG_MAR)
    width, height = round(width_mm * TWIPS_PER_MM), round(height_mm * TWIPS_PER_MM)
    if size is None or margins is None:
        return
    old_width, old_height = _twips(size, _W), _twips(size, _H)
    if abs(old_width - width) < TWIPS_PER_MM and abs(old_height - height) < TWIPS_PER_MM:
        return
    sides = _twips(margins, w("left")) + _twips(margins, w("right"))
    factor = (width - sides) / (old_width - sides)
    for section in sections:
        page = _child(section, _PG_SZ)
        if page is not None:
            page.set(_W, str(width))
            page.set(_H, str(height))
    _scale_widths(table, factor, (w("gridCol"), w("tcW"), w("tblW")))


def drop_columns(table: Any, indices: set[int]) -> None:
    """Remove the grid columns `indices` (0-based) and their cells from every row of `table`
    (a table without horizontal merges), widening the other columns so that the table keeps
    its width."""
    if not indices:
        return
    grid = _child(table, w("tblGrid"))
    columns = [] if grid is None else [c for c in grid if c.tag == w("gridCol")]
    total = sum(_twips(c, _W) for c in columns)
    removed = sum(_twips(c, _W) for i, c in enumerate(columns) if i in indices)
    for index in sorted(indices, reverse=True):
        if index < len(columns):
            grid.remove(columns[index])
        for tr in table.iterchildren(w("tr")):
            cells = [tc for tc in tr if tc.tag == w("tc")]
            if index < len(cells):
                tr.remove(cells[index])
    if total <= removed:
        return
    _scale_widths(table, total / (total - removed), (w("gridCol"), w("tcW")))


def _scale_widths(table: Any, factor: float, tags: tuple[str, ...]) -> None:
    """Multiply the absolute widths (twips, type dxa) of `table`'s elements `tags` by `factor`."""
    for tag in tags:
        for element in table.iter(tag):
            value = element.get(_W)
            if value and value.isdigit() and element.get(w("type"), "dxa") == "dxa":
                element.set(_W, str(round(int(value) * factor)))


def _twips(element: Any, attribute: str) -> int:
    value = element.get(attribute) or "0"
    return int(value) if re.fullmatch(r"\d+", value) else 0


# --- helpers --------------------------------------------------------------------------


def text_of(element: Any) -> str:
    """The text of every w:t inside `element`. (`itertext()` on python-docx's element
    classes goes through their `text` properties: XPath per paragraph and run.)"""
    return "".join(t.text or "" for t in element.iter(_T))


def _child(element: Any, tag: str) -> Any:
    """The first child of `element` with `tag`, or None (also for no element). lxml's
    `find` goes through ElementPath (three times slower, and this runs for every cell), and
    `iterchildren(tag)` looks ahead for the next match (through every row of a table)."""
    if element is not None:
        for child in element:
            if child.tag == tag:
                return child
    return None


def _sub(parent: Any, tag: str) -> Any:
    """A new last child of `parent`."""
    element = parent.makeelement(tag, {})
    parent.append(element)
    return element
