"""The figures of each indicator as the documents will print them, for `validate --rincian`.

A clerk reads these lines before building to catch a number the spreadsheet misread (a
target of 1,2 orang, a Realisasi Anggaran of 950). Every value goes through the document's
own formatting (`formats.py`), so what is shown here is what the document prints. A quarter
with a Target Triwulan shows it and both capaian: against it (what the Pengukuran measures)
and against the annual target (docs/indicators.md).
"""

from __future__ import annotations

from ..formats import DASH, format_money, format_number, format_target, format_value
from ..formulas import Missing, Result, capaian, realisasi
from ..measure import predikat
from ..model import QUARTERS, ROMAN, Plan, Rounding


def _percent(value: Result, rounding: Rounding) -> str:
    return DASH if isinstance(value, Missing) else f"{format_number(value, rounding)}%"


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
        lines.append(f"  Target: {format_target(indicator, rounding)}")
        for k in QUARTERS:
            figures = indicator.quarter(k)
            parts = []
            if figures.target is not None:
                goal = format_target(indicator, rounding, figures.target)
                parts.append(f"target s.d. TW {ROMAN[k]} {goal}")
            if unit.quarter is not None and k <= unit.quarter:
                value = realisasi(indicator, k)
                annual = capaian(indicator, value)
                achieved = annual
                if figures.target is not None:
                    achieved = capaian(indicator, value, figures.target)
                shown = (
                    f"{_percent(achieved, rounding)} ({predikat(achieved, plan.bands, rounding)})"
                )
                parts += [
                    f"realisasi {format_value(value, indicator, rounding)}",
                    f"capaian {shown}",
                ]
                if figures.target is not None:
                    parts.append(f"capaian tahunan {_percent(annual, rounding)}")
            parts += [
                f"pagu {format_money(figures.pagu)}",
                f"rencana penarikan dana {format_money(figures.rencana_penarikan)}",
                f"realisasi anggaran {format_money(figures.realisasi_anggaran)}",
            ]
            lines.append(f"  TW {ROMAN[k]}: " + "; ".join(parts))
    return lines
