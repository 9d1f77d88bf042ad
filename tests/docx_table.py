"""Reading a rendered .docx back: the main table with merged regions resolved, and the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


@dataclass
class Cell:
    """One body cell: its text (merges resolved), its merge state and its fraction, if any."""

    text: str
    merge: str | None  # "restart", "continue" or None
    numerator: str | None = None
    denominator: str | None = None
    after_fraction: str = ""


def _text(element) -> str:
    parts = [t.text or "" for t in element.iter(qn("w:t"))]
    return " ".join(" ".join(parts).split())


def _cell(tc) -> Cell:
    v_merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    merge = None
    if v_merge is not None:
        merge = v_merge.get(qn("w:val")) or "continue"
    cell = Cell(text=_text(tc), merge=merge)
    fraction = tc.find(qn("w:tbl"))  # the nested fraction table (docs/rendering.md)
    if fraction is not None:
        top, bottom = fraction.findall(qn("w:tr"))
        cell.numerator = _text(top.findall(qn("w:tc"))[0])
        cell.denominator = _text(bottom.findall(qn("w:tc"))[0])
        cell.after_fraction = _text(top.findall(qn("w:tc"))[1])
    return cell


def table_element(path: Path):
    """The w:tbl of the main table: the body table whose first cell reads SASARAN KEGIATAN."""
    document = Document(str(path))
    return next(
        t._tbl for t in document.tables if _text(t._tbl.find(qn("w:tr"))).startswith("SASARAN")
    )


def main_table(path: Path) -> tuple[list[str], list[list[Cell]]]:
    """The header texts and the body rows of the main table, merges resolved."""
    rows = table_element(path).findall(qn("w:tr"))
    header = [_text(tc) for tc in rows[0].findall(qn("w:tc"))]
    resolved: list[list[Cell]] = []
    for tr in rows[1:]:
        cells = [_cell(tc) for tc in tr.findall(qn("w:tc"))]
        if resolved:
            for index, cell in enumerate(cells):
                if cell.merge == "continue":
                    above = resolved[-1][index]
                    cell.text, cell.numerator = above.text, above.numerator
                    cell.denominator, cell.after_fraction = above.denominator, above.after_fraction
        resolved.append(cells)
    return header, resolved


def paragraphs(path: Path) -> list[str]:
    """Every body paragraph outside tables, line breaks as newlines."""
    document = Document(str(path))
    return [p.text for p in document.paragraphs]


def seed_indicators(seed: Path) -> tuple[list[str], list[dict[str, str | None]]]:
    """The seed's 13 headers and, per indicator, its texts by column (see the seed's layout)."""
    lines = seed.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("SASARAN KEGIATAN\t"))
    headers = lines[start].split("\t")
    indicators: list[dict[str, str | None]] = []
    sasaran = None
    for line in lines[start + 1 :]:
        fields = [f.strip() for f in line.split("\t")]
        values = [f for f in fields if f]
        if "TW I" not in values or values[0] == "0":
            continue
        zero = values.index("0")
        pre, post = values[:zero], values[values.index("TW I") + 1 :]
        if fields[0]:
            sasaran, pre = pre[0], pre[1:]
        indikator, target = pre[0], pre[1]
        rumus = pre[2] if len(pre) == 4 else None
        kegiatan = pre[-1]
        rencana, data = post[0], post[2]
        keterangan = post[3] if len(post) > 3 else ""
        indicators.append(
            {
                "sasaran": sasaran,
                "indikator": indikator,
                "target": target,
                "rumus": rumus,
                "kegiatan": kegiatan,
                "rencana": rencana,
                "data": data,
                "keterangan": re.sub(r"<[^>]+>", "", keterangan).strip(),
            }
        )
    return headers, indicators


def seed_fraction(rumus: str) -> tuple[str, str] | None:
    """Numerator and denominator of a seed formula written as LaTeX \\frac, else None."""
    m = re.match(r"\$\\frac\{\\text\{(.*)\}\}\{\\text\{(.*)\}\} \\times 100\\%\$$", rumus)
    return (m[1], m[2]) if m else None


def seed_plain(rumus: str) -> str:
    """A seed formula written as text, tags removed, spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", rumus).split())
