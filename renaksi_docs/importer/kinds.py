"""Which document a Word file is, when it holds no Rencana Aksi table (docs/import.md).

A Pengukuran Kinerja report or a Perjanjian Kinerja shares columns with the Rencana Aksi
(SASARAN KEGIATAN, INDIKATOR KINERJA, TARGET …) but is not one: read as a Rencana Aksi it
gives a useless workbook. Each such document is declared once here, by its title and by the
table headers only it prints, so that import refuses it by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Body, Paragraph, Table

TITLE_PARAGRAPHS = 12
"""Non-empty paragraphs before the first table that are looked at for a title."""
HEADER_ROWS = 6
"""Rows at the top of each table that are looked at for headers."""


@dataclass(frozen=True)
class OtherDocument:
    """A document renaksi-docs knows that is not a Rencana Aksi."""

    name: str
    """As the clerk calls it: 'Pengukuran Kinerja'."""
    title: re.Pattern[str]
    """Matches the start of its title paragraph (upper case, whitespace folded)."""
    headers: tuple[str, ...]
    """Table headers only this document prints (a header matches when it starts so,
    letters only: 'REALISASI S.D. TW' matches 'REALISASI S.D. TW III')."""


OTHER_DOCUMENTS = (
    OtherDocument(
        "Pengukuran Kinerja",
        re.compile(r"PENGUKURAN KINERJA\b"),
        ("PREDIKAT", "REALISASI S.D. TW", "REALISASI ANGGARAN S.D. TW", "SERAPAN", "DEVIASI RPD"),
    ),
    OtherDocument("Perjanjian Kinerja", re.compile(r"PERJANJIAN KINERJA\b"), ()),
)


def _key(text: str) -> str:
    return re.sub(r"[^A-Z]", "", text.upper())


FOREIGN_HEADERS = tuple(_key(h) for other in OTHER_DOCUMENTS for h in other.headers)
"""Header keys that never name a Rencana Aksi column (not matched even by close spelling)."""


def foreign_header(text: str) -> bool:
    """The header text is one that only another document prints."""
    key = _key(text)
    return bool(key) and len(text) <= 60 and key.startswith(FOREIGN_HEADERS)


def other_document(body: Body) -> tuple[OtherDocument, str] | None:
    """The other document `body` is, with what shows it (its title, a column); None when it
    looks like none of them."""
    titles: list[str] = []
    for block in body.blocks:
        if isinstance(block, Table):
            break
        if isinstance(block, Paragraph) and block.text.strip():
            titles.append(" ".join(block.text.split()).upper())
    for other in OTHER_DOCUMENTS:
        for title in titles[:TITLE_PARAGRAPHS]:
            if other.title.match(title):
                shown = title if len(title) <= 80 else title[:77] + "…"
                return other, f'judulnya "{shown}"'
    for other in OTHER_DOCUMENTS:
        keys = tuple(_key(h) for h in other.headers)
        for table in (b for b in body.blocks if isinstance(b, Table)):
            for row in table.rows[:HEADER_ROWS]:
                for cell in row.cells:
                    text = " ".join(cell.own_text.split())
                    if keys and _key(text).startswith(keys) and len(text) <= 60:
                        return other, f"tabel {table.number} berkolom {text}"
    return None
