"""A plan measured as of its reporting quarter (docs/numbers.md, docs/pengukuran.md,
docs/rekap.md): capaian, predikat, budget absorption and deviation per indicator, and the
unit's summary.

The one implementation behind the Pengukuran Kinerja report, the rekap and the web page.
Pure: no openpyxl, no docxtpl, no formatting (numbers stay `Decimal`, unrounded, except where
a predikat is chosen: see `predikat`).

Choices where the contract is silent:
- The predikat is chosen from the capaian rounded to two decimals by the workbook's Pembulatan,
  the number the documents print, so a printed `100,00%` never reads `Berhasil`.
- The mean capaian is the plain mean of the measurable indicators' unrounded capaian (each
  above the unit's Batas Capaian counted as the cap, docs/indicators.md).
- The unit's serapan is its realisasi anggaran I..k over the whole year's pagu of all
  indicators together (not the mean of the indicators' serapan), truncated like each one's.
- Capaian (and so predikat, mean, chart) is against TW k's Target Triwulan when the indicator
  has one, else the annual target; the annual capaian is kept beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .errors import RenaksiError
from .formulas import (
    Missing,
    Result,
    Value,
    capaian,
    deviasi_rpd,
    realisasi,
    round2,
    serapan,
    serapan_anggaran,
)
from .model import ROMAN, Band, Indicator, Plan, Rounding, Target

NOT_MEASURABLE = "Belum dapat diukur"
"""Predikat of an indicator without figures as of the reporting quarter."""
NOT_COMPUTABLE = "Tidak dapat dihitung"
"""Predikat of an indicator whose capaian has a zero denominator (Penyebut, target, …)."""


class NoReportingQuarter(RenaksiError):
    """A measurement was asked for a plan without a reporting quarter. `hint` says how the
    user gives one where the message is shown (the CLI's option, the web page's field)."""

    def __init__(self, nama: str, hint: str = "") -> None:
        alternative = f" atau {hint}" if hint else ""
        super().__init__(
            f"{nama}: triwulan pelaporan belum ditentukan; isi Triwulan di lembar Identitas "
            f"(I–IV){alternative}"
        )


def predikat(value: Result, bands: Sequence[Band], rounding: Rounding) -> str:
    """The band label of a capaian (bands highest first, lower bound inclusive; anything below
    the lowest bound, negative included, takes the lowest band)."""
    if value is Missing.NOT_REPORTED:
        return NOT_MEASURABLE
    if isinstance(value, Missing):
        return NOT_COMPUTABLE
    shown = round2(value, rounding)
    for band in bands:
        if shown >= band.lower:
            return band.label
    return bands[-1].label


@dataclass(frozen=True)
class Measured:
    """One indicator as of the reporting quarter."""

    indicator: Indicator
    realisasi: Value
    """Realisasi as of TW k in the indicator's unit, or the level reached (docs/numbers.md)."""
    capaian: Result
    """Percent of the target of TW k achieved (its Target Triwulan, else the annual target),
    polarity-aware, not capped."""
    predikat: str
    """A band label, `NOT_MEASURABLE` or `NOT_COMPUTABLE`."""
    pagu: int
    """The whole year's pagu (the four quarters' shares)."""
    rencana_penarikan: int
    """Rencana penarikan dana of TW I..k."""
    realisasi_anggaran: int
    """Realisasi anggaran of TW I..k."""
    serapan: Result
    """realisasi_anggaran / pagu, percent."""
    deviasi_rpd: Result
    """Mean |realisasi anggaran − rencana| / rencana over TW I..k, percent (IKPA)."""
    quarter_target: Target | None = None
    """TW k's Target Triwulan, or None when the indicator has none for TW k."""
    annual_capaian: Result = Missing.NOT_REPORTED
    """Percent of the annual target achieved (equal to `capaian` without a quarter target)."""

    @property
    def measurable(self) -> bool:
        """Whether the capaian is a number (counted in the mean)."""
        return not isinstance(self.capaian, Missing)


@dataclass(frozen=True)
class Measurement:
    """A whole plan as of quarter `quarter`."""

    plan: Plan
    quarter: int
    """The reporting quarter k, 1..4."""
    indicators: tuple[Measured, ...]

    @property
    def label(self) -> str:
        """'Triwulan II Tahun 2026'."""
        return f"Triwulan {ROMAN[self.quarter]} Tahun {self.plan.unit.year}"

    @property
    def counts(self) -> dict[str, int]:
        """Indicators per predikat: every band (highest first), then the two unmeasured kinds."""
        labels = [band.label for band in self.plan.bands] + [NOT_MEASURABLE, NOT_COMPUTABLE]
        counts = dict.fromkeys(labels, 0)
        for measured in self.indicators:
            counts[measured.predikat] += 1
        return counts

    @property
    def mean_capaian(self) -> Decimal | None:
        """Mean capaian of the measurable indicators, each above the unit's Batas Capaian
        counted as the cap; None when none is measurable."""
        cap = self.plan.unit.cap
        values = [m.capaian for m in self.indicators if isinstance(m.capaian, Decimal)]
        if not values:
            return None
        if cap is not None:
            values = [min(value, cap) for value in values]
        return sum(values, Decimal(0)) / len(values)

    @property
    def capped(self) -> bool:
        """Whether some capaian is above the unit's Batas Capaian (the mean counts the cap)."""
        cap = self.plan.unit.cap
        return cap is not None and any(
            isinstance(m.capaian, Decimal) and m.capaian > cap for m in self.indicators
        )

    @property
    def pagu(self) -> int:
        """The whole year's pagu over all indicators."""
        return sum(m.pagu for m in self.indicators)

    @property
    def realisasi_anggaran(self) -> int:
        """Realisasi anggaran of TW I..k over all indicators."""
        return sum(m.realisasi_anggaran for m in self.indicators)

    @property
    def serapan(self) -> Result:
        """The unit's budget absorption as of TW k, percent, truncated to two decimals."""
        return serapan(self.realisasi_anggaran, self.pagu)


def measure_indicator(indicator: Indicator, k: int, plan: Plan) -> Measured:
    """One indicator as of quarter k, with the plan's bands and rounding."""
    value = realisasi(indicator, k)
    annual = capaian(indicator, value)
    quarter_target = indicator.quarter(k).target
    achieved = annual if quarter_target is None else capaian(indicator, value, quarter_target)
    return Measured(
        indicator=indicator,
        realisasi=value,
        capaian=achieved,
        predikat=predikat(achieved, plan.bands, plan.unit.rounding),
        pagu=sum(q.pagu for q in indicator.quarters),
        rencana_penarikan=sum(q.rencana_penarikan for q in indicator.quarters[:k]),
        realisasi_anggaran=sum(q.realisasi_anggaran for q in indicator.quarters[:k]),
        serapan=serapan_anggaran(indicator, k),
        deviasi_rpd=deviasi_rpd(indicator, k),
        quarter_target=quarter_target,
        annual_capaian=annual,
    )


def measure(plan: Plan, quarter: int | None = None) -> Measurement:
    """The plan measured as of `quarter` (default: the workbook's Triwulan).

    Raises NoReportingQuarter when neither gives one.
    """
    k = quarter if quarter is not None else plan.unit.quarter
    if k is None:
        raise NoReportingQuarter(plan.unit.name)
    return Measurement(
        plan=plan,
        quarter=k,
        indicators=tuple(measure_indicator(i, k, plan) for i in plan.indicators),
    )
