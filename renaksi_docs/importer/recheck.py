"""The written workbook checked against the document: its CAPAIAN cells rebuilt and compared.

The importer reads printed values back into counts and Nilai; whatever it could not recover
(a rounding, a cumulative jumlah whose differences are not whole, a value read in the wrong
kind) shows up as a CAPAIAN the rebuilt Rencana Aksi would print differently. Each one is
named with its table row, Kode and quarter, showing both texts.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..documents.rencana_aksi import build_context
from ..model import QUARTERS, ROMAN, Plan
from .mapping import Printed
from .report import Finding

COLUMN = "CAPAIAN"


def capaian_differences(plan: Plan, printed: Iterable[Printed]) -> list[Finding]:
    """One finding per CAPAIAN cell of the document that the Rencana Aksi built from `plan`
    prints differently (whitespace ignored)."""
    places = [(indicator.code, k) for indicator in plan.indicators for k in QUARTERS]
    rebuilt = dict(zip(places, (row.capaian for row in build_context(plan).rows), strict=True))
    findings: list[Finding] = []
    for cell in printed:
        shown = rebuilt.get((cell.code, cell.quarter))
        if shown is None or _folded(shown) == _folded(cell.text):
            continue
        roman = ROMAN[cell.quarter]
        findings.append(
            Finding(
                f'TW {roman}: dokumen mencetak "{_folded(cell.text)}", tetapi workbook hasil '
                f'impor mencetak "{_folded(shown)}"; periksa angka TW {roman} indikator ini '
                "di lembar Triwulan",
                cell.table,
                cell.row,
                COLUMN,
                cell.code,
            )
        )
    return findings


def _folded(text: str) -> str:
    return " ".join(text.split())
