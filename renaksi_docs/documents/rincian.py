"""The figures of each indicator as the documents will print them, for `validate --rincian`.

A clerk reads these lines before building to catch a number the spreadsheet misread (a
target of 1,2 orang, a Realisasi Anggaran of 950). Every value goes through the document's
own formatting (`formats.py`), so what is shown here is what the document prints.
"""

from __future__ import annotations

from ..formats import DASH, format_money, format_number, format_value
from ..formulas import Missing, capaian, realisasi
from ..measure import predikat
from ..model import QUARTERS, ROMAN, Plan


def rincian(plan: Plan) -> list[str]:
    """Lines per indicator: its target, then per quarter the realisasi, capaian and predikat (up
    to the reporting quarter, as the documents print them) and the three money amounts."""
    unit = plan.unit
    rounding = unit.rounding
    lines: list[str] = []
    if unit.quarter is None:
        lines.append("Tanpa triwulan pelaporan: realisasi dan capaian belum dicetak.")
    for indicator in plan.indicators:
        lines.append(f"{indicator.code} {indicator.name}")
        lines.append(f"  Target: {format_value(indicator.target, indicator, rounding)}")
        for k in QUARTERS:
            figures = indicator.quarter(k)
            parts = []
            if unit.quarter is not None and k <= unit.quarter:
                value = realisasi(indicator, k)
                achieved = capaian(indicator, value)
                shown = (
                    DASH
                    if isinstance(achieved, Missing)
                    else f"{format_number(achieved, rounding)}%"
                )
                shown += f" ({predikat(achieved, plan.bands, rounding)})"
                parts += [
                    f"realisasi {format_value(value, indicator, rounding)}",
                    f"capaian {shown}",
                ]
            parts += [
                f"pagu {format_money(figures.pagu)}",
                f"rencana penarikan dana {format_money(figures.rencana_penarikan)}",
                f"realisasi anggaran {format_money(figures.realisasi_anggaran)}",
            ]
            lines.append(f"  TW {ROMAN[k]}: " + "; ".join(parts))
    return lines
