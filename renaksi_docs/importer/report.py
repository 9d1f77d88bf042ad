"""What the importer tells the clerk: one finding per item it could not map, with its place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One unmapped or ambiguous item of the Word document, with where it is."""

    message: str
    """A sentence in Bahasa Indonesia: what was found and what to check or fill."""
    table: int | None = None
    """1-based table number in the document, or None for text outside the tables."""
    row: int | None = None
    """1-based row number within that table, as Word counts it."""
    column: str | None = None
    """The column's header as the document writes it."""
    code: str | None = None
    """The Kode the imported workbook gives the indicator (IK-n), when the item is one."""

    def __str__(self) -> str:
        place = []
        if self.table is not None:
            place.append(f"tabel {self.table}")
        if self.row is not None:
            place.append(f"baris {self.row}")
        if self.code:
            place.append(f"Kode {self.code}")
        if self.column:
            place.append(f"kolom {self.column}")
        return f"{', '.join(place)}: {self.message}" if place else self.message
