"""WordprocessingML → plain records: the body's paragraphs and tables, merges resolved.

Reads the XML itself (lxml), not rendered text: python-docx repeats merged cells and ignores
equations, so each table cell here keeps its grid column, its `w:vMerge` state, the cell it
continues, its paragraphs (line breaks as newlines, automatic list labels, bullet flag) and its
element, so the formula reader can look at equations, nested tables and paragraph borders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_SKIPPED = {W + "del", W + "instrText", W + "delText", MC + "Fallback", W + "rPr", W + "pPr"}
_BULLET_FORMATS = {"bullet", "none"}


@dataclass(frozen=True)
class Paragraph:
    """One paragraph's text, as a reader sees it."""

    text: str
    """Runs and equation text in order; w:br as a newline; tabs as spaces."""
    label: str = ""
    """Word's automatic list label ('1.', 'a)'), '' for none or a bullet."""
    bullet: bool = False
    """A bulleted list item (automatic bullet or a bullet style)."""
    border_top: bool = False
    border_bottom: bool = False
    picture: bool = False
    """The paragraph holds a picture (w:drawing or w:pict), e.g. the cover logo."""


@dataclass(eq=False)
class Cell:
    """One w:tc of a table, placed on the table grid."""

    element: Any
    """The w:tc element (for equations and nested tables)."""
    column: int
    """First grid column (0-based)."""
    span: int
    merge: str | None
    """'restart', 'continue' or None (w:vMerge)."""
    paragraphs: tuple[Paragraph, ...]
    origin: Cell | None = None
    """For a continued merge: the cell that starts it (its content counts); else None."""

    @property
    def source(self) -> Cell:
        """The cell whose content this grid position shows."""
        return self.origin or self

    @property
    def text(self) -> str:
        """All lines of the cell (of its merge origin), trimmed."""
        return "\n".join(p.text for p in self.source.paragraphs).strip()

    @property
    def own_text(self) -> str:
        """The text written in this very cell ('' for a continued merge)."""
        return "" if self.origin is not None else self.text


@dataclass
class Row:
    """One w:tr: its cells and whether Word repeats it as a header row on each page."""

    cells: list[Cell]
    repeated_header: bool = False
    number: int = 0
    """1-based row number within its table, as a clerk counts in Word."""

    def at(self, column: int) -> Cell | None:
        """The cell covering grid column `column`, if any."""
        for cell in self.cells:
            if cell.column <= column < cell.column + cell.span:
                return cell
        return None


@dataclass
class Table:
    """One top-level w:tbl."""

    number: int
    """1-based, in document order among the body's tables."""
    rows: list[Row] = field(default_factory=list)
    grid: list[int] = field(default_factory=list)
    """Widths of the grid columns (w:tblGrid), in twentieths of a point; [] when absent."""

    def edges(self, cell: Cell) -> tuple[int, int] | None:
        """Left and right edge of `cell` on the page (from the grid), or None without a grid."""
        if cell.column + cell.span > len(self.grid):
            return None
        left = sum(self.grid[: cell.column])
        return left, left + sum(self.grid[cell.column : cell.column + cell.span])


@dataclass
class Body:
    """The document body in order: paragraphs and tables as 'blocks'."""

    blocks: list[Paragraph | Table]
    page_size: tuple[int, int] | None
    """Width and height of the last section's page, in twentieths of a point."""


def read_body(document: Any, numbering: Numbering) -> Body:
    """The body of a parsed word/document.xml."""
    body = document.find(W + "body")
    blocks: list[Paragraph | Table] = []
    tables = 0
    if body is not None:
        for element in _block_elements(body):
            if element.tag == W + "p":
                blocks.extend(_paragraphs_of(element, numbering))
            else:
                tables += 1
                blocks.append(_table(element, tables, numbering))
    sizes = [s for s in document.iter(W + "pgSz")]
    page = None
    if sizes:
        width, height = sizes[-1].get(W + "w"), sizes[-1].get(W + "h")
        if width and height and width.isdigit() and height.isdigit():
            page = (int(width), int(height))
    return Body(blocks, page)


def _block_elements(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables of a body or cell, looking through content controls."""
    for child in parent:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in (W + "sdt", W + "customXml", W + "sdtContent"):
            yield from _block_elements(child)


def _paragraphs_of(element: Any, numbering: Numbering) -> list[Paragraph]:
    """The paragraph itself, then the paragraphs of text boxes anchored in it (covers use them)."""
    found = [paragraph(element, numbering)]
    for box in element.iter(W + "txbxContent"):
        if any(a.tag == MC + "Fallback" for a in box.iterancestors()):
            continue
        for inner in _block_elements(box):
            if inner.tag == W + "p":
                found.append(paragraph(inner, numbering))
    return found


def paragraph(element: Any, numbering: Numbering) -> Paragraph:
    """One w:p as a Paragraph."""
    parts: list[str] = []
    _collect(element, parts)
    text = "".join(parts).replace("\u00ad", "")  # soft hyphens are not printed
    p_pr = element.find(W + "pPr")
    label, bullet = numbering.label(p_pr)
    style = p_pr.find(W + "pStyle") if p_pr is not None else None
    if style is not None and "bullet" in (style.get(W + "val") or "").lower():
        bullet = True
    borders = p_pr.find(W + "pBdr") if p_pr is not None else None
    return Paragraph(
        text=text.strip(),
        label=label,
        bullet=bullet,
        border_top=_has_border(borders, "top"),
        border_bottom=_has_border(borders, "bottom"),
        picture=next(element.iter(W + "drawing", W + "pict"), None) is not None,
    )


def _has_border(borders: Any, side: str) -> bool:
    if borders is None:
        return False
    line = borders.find(W + side)
    return line is not None and line.get(W + "val") not in (None, "nil", "none")


def _collect(element: Any, parts: list[str]) -> None:
    """Text of `element` in document order, skipping deleted text, field codes, text boxes."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED or tag == W + "txbxContent":
            continue
        if tag in (W + "t", M + "t"):
            parts.append(child.text or "")
        elif tag in (W + "tab", W + "ptab"):
            parts.append(" ")
        elif tag == W + "br":
            if child.get(W + "type") in (None, "textWrapping"):
                parts.append("\n")
        elif tag == W + "cr":
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "sym":
            parts.append(" ")
        else:
            _collect(child, parts)


def _table(element: Any, number: int, numbering: Numbering) -> Table:
    table = Table(number)
    for column in element.iterchildren(W + "tblGrid"):
        widths = [g.get(W + "w") or "" for g in column.iterchildren(W + "gridCol")]
        table.grid = [int(w) if w.isdigit() else 0 for w in widths]
    above: dict[int, Cell] = {}
    for index, tr in enumerate(_rows(element), start=1):
        tr_pr = tr.find(W + "trPr")
        column = 0
        if tr_pr is not None:
            before = tr_pr.find(W + "gridBefore")
            if before is not None and (before.get(W + "val") or "").isdigit():
                column = int(before.get(W + "val"))
        header = tr_pr is not None and _on(tr_pr.find(W + "tblHeader"))
        row = Row([], repeated_header=header, number=index)
        for tc in _cells(tr):
            tc_pr = tc.find(W + "tcPr")
            span, merge = 1, None
            if tc_pr is not None:
                grid_span = tc_pr.find(W + "gridSpan")
                if grid_span is not None and (grid_span.get(W + "val") or "").isdigit():
                    span = max(int(grid_span.get(W + "val")), 1)
                v_merge = tc_pr.find(W + "vMerge")
                if v_merge is not None:
                    merge = v_merge.get(W + "val") or "continue"
            paragraphs: list[Paragraph] = []
            for block in _block_elements(tc):
                if block.tag == W + "p":
                    paragraphs.extend(_paragraphs_of(block, numbering))
                else:  # a nested table: its text, row by row
                    for inner in block.iter(W + "p"):
                        paragraphs.append(paragraph(inner, numbering))
            cell = Cell(tc, column, span, merge, tuple(paragraphs))
            if merge == "continue":
                starter = above.get(column)
                cell.origin = starter.source if starter is not None else None
            row.cells.append(cell)
            column += span
        for cell in row.cells:
            above[cell.column] = cell
        table.rows.append(row)
    return table


def _rows(table: Any) -> Iterator[Any]:
    for child in table:
        if child.tag == W + "tr":
            yield child
        elif child.tag in (W + "sdt", W + "customXml", W + "sdtContent"):
            yield from _rows(child)


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == W + "tc":
            yield child
        elif child.tag in (W + "sdt", W + "customXml", W + "sdtContent"):
            yield from _cells(child)


def _on(flag: Any) -> bool:
    return flag is not None and flag.get(W + "val") not in ("0", "false", "off")


class Numbering:
    """word/numbering.xml: the label Word draws before a list paragraph."""

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str]] = {}
        """(numId, level) → (numFmt, lvlText)."""
        self.style_numbers: dict[str, tuple[str, int]] = {}
        """Paragraph style id → (numId, level) it numbers with."""
        self.counters: dict[tuple[str, int], int] = {}
        if numbering is not None:
            abstract: dict[str, dict[int, tuple[str, str]]] = {}
            for node in numbering.iter(W + "abstractNum"):
                levels = {}
                for level in node.iter(W + "lvl"):
                    fmt = level.find(W + "numFmt")
                    text = level.find(W + "lvlText")
                    levels[int(level.get(W + "ilvl") or 0)] = (
                        fmt.get(W + "val") if fmt is not None else "decimal",
                        text.get(W + "val") if text is not None else "",
                    )
                abstract[node.get(W + "abstractNumId") or ""] = levels
            for num in numbering.iter(W + "num"):
                ref = num.find(W + "abstractNumId")
                levels = abstract.get(ref.get(W + "val") if ref is not None else "", {})
                for level, spec in levels.items():
                    self.formats[(num.get(W + "numId") or "", level)] = spec
        if styles is not None:
            for style in styles.iter(W + "style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    self.style_numbers[style.get(W + "styleId") or ""] = _num_of(num_pr)

    def label(self, p_pr: Any | None) -> tuple[str, bool]:
        """(label, is_bullet) of a paragraph with properties `p_pr`."""
        if p_pr is None:
            return "", False
        num_pr = p_pr.find(W + "numPr")
        key: tuple[str, int] | None = None
        if num_pr is not None:
            key = _num_of(num_pr)
        else:
            style = p_pr.find(W + "pStyle")
            if style is not None:
                key = self.style_numbers.get(style.get(W + "val") or "")
        if key is None or key[0] in ("", "0"):
            return "", False
        fmt, text = self.formats.get(key, ("bullet", ""))
        if fmt in _BULLET_FORMATS:
            return "", True
        count = self.counters.get(key, 0) + 1
        self.counters[key] = count
        for deeper in [k for k in self.counters if k[0] == key[0] and k[1] > key[1]]:
            del self.counters[deeper]
        shown = _format_number(count, fmt)
        return re.sub(r"%\d", shown, text or "%1.").strip(), False


def _num_of(num_pr: Any) -> tuple[str, int]:
    num_id = num_pr.find(W + "numId")
    level = num_pr.find(W + "ilvl")
    value = level.get(W + "val") if level is not None else "0"
    return (
        num_id.get(W + "val") or "" if num_id is not None else "",
        int(value) if value and value.isdigit() else 0,
    )


def _format_number(count: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (count - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
        roman = numerals[(count - 1) % 10]
        return roman.upper() if fmt == "upperRoman" else roman
    return str(count)
