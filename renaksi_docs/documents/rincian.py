"""The figures of each indicator as the documents will print them, for `validate --rincian`.

A clerk reads these lines before building to catch a number the spreadsheet misread (a
target of 1,2 orang, a Realisasi Anggaran of 950). Every value goes through the document's
own formatting (`formats.py`), so what is shown here is what the document prints. A quarter
with a Target Triwulan shows it and both capaian: against it (what the Pengukuran measures)
and against the annual target (docs/indicators.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formats import DASH, format_money, format_number, format_target, format_value
from ..formulas import Missing, Result
from ..measure import measure_indicator
from ..model import QUARTERS, ROMAN, Plan, Rounding


def _percent(value: Result, rounding: Rounding) -> str:
    return DASH if isinstance(value, Missing) else f"{format_number(value, rounding)}%"


@dataclass(frozen=True)
class PrintedQuarter:
    """One quarter of an indicator, each value as the documents print it."""

    quarter: str
    """'I' … 'IV'."""
    target: str | None
    """The quarter's Target Triwulan; None without one."""
    realisasi: str | None
    """None after the reporting quarter (not yet printed), as the three below."""
    capaian: str | None
    """Against the quarter's target when it has one, else the annual target: what the
    Pengukuran measures and summarises."""
    predikat: str | None
    capaian_tahunan: str | None
    """Against the annual target."""
    pagu: str
    rencana_penarikan: str
    realisasi_anggaran: str


@dataclass(frozen=True)
class PrintedIndicator:
    code: str
    name: str
    target: str
    quarters: tuple[PrintedQuarter, ...]


def printed(plan: Plan) -> list[PrintedIndicator]:
    """Per indicator: its target, then per quarter the realisasi, both capaian and predikat
    (up to the reporting quarter, as the documents print them) and the three money amounts.
    `validate --rincian` prints them (`rincian`); the API's validate answer carries them."""
    unit = plan.unit
    rounding = unit.rounding
    found = []
    for indicator in plan.indicators:
        quarters = []
        for k in QUARTERS:
            given = indicator.quarter(k)
            goal = None
            if given.target is not None:
                goal = format_target(indicator, rounding, given.target)
            shown: dict[str, str | None] = dict.fromkeys(
                ("realisasi", "capaian", "predikat", "capaian_tahunan")
            )
            if unit.quarter is not None and k <= unit.quarter:
                measured = measure_indicator(indicator, k, plan)
                shown = {
                    "realisasi": format_value(measured.realisasi, indicator, rounding),
                    "capaian": _percent(measured.capaian, rounding),
                    "predikat": measured.predikat,
                    "capaian_tahunan": _percent(measured.annual_capaian, rounding),
                }
            quarters.append(
                PrintedQuarter(
                    quarter=ROMAN[k],
                    target=goal,
                    **shown,
                    pagu=format_money(given.pagu),
                    rencana_penarikan=format_money(given.rencana_penarikan),
                    realisasi_anggaran=format_money(given.realisasi_anggaran),
                )
            )
        target = format_target(indicator, rounding)
        found.append(PrintedIndicator(indicator.code, indicator.name, target, tuple(quarters)))
    return found


def rincian(plan: Plan) -> list[str]:
    """The lines of `validate --rincian`: `printed` per indicator, a line per quarter (the
    annual capaian only beside a Target Triwulan)."""
    lines: list[str] = []
    if plan.unit.quarter is None:
        lines.append("Tanpa triwulan pelaporan: realisasi dan capaian belum dicetak.")
    for indicator in printed(plan):
        lines.append(f"{indicator.code} {indicator.name}")
        lines.append(f"  Target: {indicator.target}")
        for quarter in indicator.quarters:
            parts = []
            if quarter.target is not None:
                parts.append(f"target s.d. TW {quarter.quarter} {quarter.target}")
            if quarter.realisasi is not None:
                parts += [
                    f"realisasi {quarter.realisasi}",
                    f"capaian {quarter.capaian} ({quarter.predikat})",
                ]
                if quarter.target is not None:
                    parts.append(f"capaian tahunan {quarter.capaian_tahunan}")
            parts += [
                f"pagu {quarter.pagu}",
                f"rencana penarikan dana {quarter.rencana_penarikan}",
                f"realisasi anggaran {quarter.realisasi_anggaran}",
            ]
            lines.append(f"  TW {quarter.quarter}: " + "; ".join(parts))
    return lines
