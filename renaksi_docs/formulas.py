"""Realisasi, capaian and serapan anggaran: pure functions on `Decimal` (docs/numbers.md,
docs/indicators.md).

A value that cannot be given is a `Missing`, never 0 and never an exception:
`NOT_REPORTED` when the quarter has no figures yet, `NOT_COMPUTABLE` when a denominator
(Penyebut, Nilai Dasar, target or pagu) is 0. Nothing here rounds except serapan anggaran,
which is truncated to two decimals whatever the Pembulatan (it never shows 100 while money is
left); `round2` is for display.

Choices where the contract is silent:
- `kumulatif` needs figures for quarter k itself (else k is not reported); it sums the raw
  counts of the quarters I..k that have them.
- `indeks` with `kumulatif` is the mean of the reported Nilai I..k (a sum of an index means
  nothing); with `per triwulan` it is quarter k's Nilai.
- A Nilai typed for quarter k replaces the computed realisasi as of k, whatever the Akumulasi
  (except `rata-rata`, where it replaces quarter k's own value in the mean).
- `rata-rata` takes the reported quarters of I..k (quarter k need not be reported, as
  `terakhir`); no reported quarter is "not reported", reported ones that are all not computable
  are "not computable".
- A target of one kind measured against a value of another (a level against a number) is not
  computable; the reader never builds such an indicator.
- A range whose bound that divides is 0 (r below a lower bound of 0 cannot happen for r ≥ 0):
  not computable.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import Enum

from .model import (
    Accumulation,
    Indicator,
    Kind,
    Level,
    Polarity,
    QuarterFigures,
    Range,
    Rounding,
    Target,
)

HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


class Missing(Enum):
    """Why a number cannot be given."""

    NOT_REPORTED = "belum dilaporkan"
    NOT_COMPUTABLE = "tidak dapat dihitung"


Result = Decimal | Missing
Value = Decimal | Level | Missing
"""A realisasi: a number, or the level reached (kategori)."""


def has_counts(indicator: Indicator, figures: QuarterFigures) -> bool:
    """Whether the quarter has the raw figures its indicator's kind is computed from."""
    if indicator.kind is Kind.INDEKS:
        return figures.nilai is not None
    if indicator.kind is Kind.KATEGORI:
        return figures.level is not None
    if indicator.kind is Kind.PERSENTASE:
        return figures.pembilang is not None and figures.penyebut is not None
    return figures.pembilang is not None


def is_reported(indicator: Indicator, figures: QuarterFigures) -> bool:
    """Whether the quarter has any figures at all (counts or an own Nilai)."""
    if indicator.kind is Kind.KATEGORI:
        return figures.level is not None
    return figures.nilai is not None or has_counts(indicator, figures)


def _from_counts(indicator: Indicator, window: Sequence[QuarterFigures]) -> Result:
    """Realisasi computed from the raw figures of the quarters in `window` (all reported)."""
    if indicator.kind is Kind.INDEKS:
        values = [q.nilai for q in window if q.nilai is not None]
        return sum(values, Decimal(0)) / len(values)
    numerator = sum((q.pembilang for q in window if q.pembilang is not None), Decimal(0))
    if indicator.kind is Kind.JUMLAH:
        return numerator
    if indicator.kind is Kind.PERSENTASE:
        denominator = sum((q.penyebut for q in window if q.penyebut is not None), Decimal(0))
        if denominator == 0:
            return Missing.NOT_COMPUTABLE
        return numerator / denominator * HUNDRED
    base = indicator.nilai_dasar  # pertumbuhan
    if base is None or base == 0:
        return Missing.NOT_COMPUTABLE
    return (numerator - base) / base * HUNDRED


def _own(indicator: Indicator, figures: QuarterFigures) -> Result:
    """A reported quarter's own value, as `per triwulan` computes it (its Nilai first)."""
    if figures.nilai is not None:
        return figures.nilai
    return _from_counts(indicator, [figures])


def realisasi(indicator: Indicator, k: int) -> Value:
    """The indicator's realisasi as of quarter k (1..4), as its Akumulasi says; a kategori
    indicator's is the level of the latest reported quarter ≤ k."""
    if indicator.kind is Kind.KATEGORI:
        levels = [q.level for q in indicator.quarters[:k] if q.level is not None]
        return levels[-1] if levels else Missing.NOT_REPORTED
    own = indicator.quarter(k)
    if indicator.accumulation is Accumulation.RATA_RATA:
        reported = [q for q in indicator.quarters[:k] if is_reported(indicator, q)]
        if not reported:
            return Missing.NOT_REPORTED
        values = [v for v in (_own(indicator, q) for q in reported) if isinstance(v, Decimal)]
        if not values:
            return Missing.NOT_COMPUTABLE
        return sum(values, Decimal(0)) / len(values)
    if indicator.accumulation is Accumulation.TERAKHIR:
        latest = [q for q in indicator.quarters[:k] if is_reported(indicator, q)]
        if not latest:
            return Missing.NOT_REPORTED
        return _own(indicator, latest[-1])
    if own.nilai is not None and indicator.kind is not Kind.INDEKS:
        return own.nilai
    if not has_counts(indicator, own):
        return Missing.NOT_REPORTED
    if indicator.accumulation is Accumulation.PER_TRIWULAN:
        return _from_counts(indicator, [own])
    window = [q for q in indicator.quarters[:k] if has_counts(indicator, q)]
    return _from_counts(indicator, window)


def capaian(indicator: Indicator, value: Value, target: Target | None = None) -> Result:
    """Achievement of `value` against `target` (default: the annual target), in percent; not
    capped, minimal floored at 0.

    Target 0 (docs/numbers.md): `minimal` gives 100 for a realisasi of 0 (nothing happened, as
    planned) and 0 for anything above it; `maksimal` cannot be computed. A range and a level
    follow docs/indicators.md.
    """
    if isinstance(value, Missing):
        return value
    if target is None:
        target = indicator.target
    if isinstance(value, Level) or isinstance(target, Level):
        if not (isinstance(value, Level) and isinstance(target, Level)):
            return Missing.NOT_COMPUTABLE
        return _level_capaian(value, target)
    if isinstance(target, Range):
        return _range_capaian(indicator.polarity, value, target)
    if target == 0:
        if indicator.polarity is Polarity.MINIMAL:
            return HUNDRED if value <= 0 else Decimal(0)
        return Missing.NOT_COMPUTABLE
    if indicator.polarity is Polarity.MAKSIMAL:
        return value / target * HUNDRED
    return max(Decimal(0), (2 * target - value) / target * HUNDRED)


def _range_capaian(polarity: Polarity, value: Decimal, target: Range) -> Result:
    """Capaian against a range: 100 inside it, else measured against the nearer bound."""
    if target.lower <= value <= target.upper:
        return HUNDRED
    bound = target.lower if value < target.lower else target.upper
    if bound == 0:
        return Missing.NOT_COMPUTABLE
    if polarity is Polarity.MAKSIMAL:
        return value / bound * HUNDRED
    return max(Decimal(0), (2 - value / bound) * HUNDRED)


def _level_capaian(value: Level, target: Level) -> Decimal:
    """100 at the target's level or better; else Nilai(value) / Nilai(target) × 100 when both
    levels have a Nilai, else 0."""
    if value.rank <= target.rank:
        return HUNDRED
    if value.value is None or target.value is None or target.value == 0:
        return Decimal(0)
    return value.value / target.value * HUNDRED


def serapan(spent: int, pagu: int) -> Result:
    """`spent` over `pagu` in percent, truncated to two decimals (docs/numbers.md): 65.038.490
    of 65.040.000 is 99,99, never 100 while money is left."""
    if pagu == 0:
        return Missing.NOT_COMPUTABLE
    return round2(Decimal(spent) / Decimal(pagu) * HUNDRED, Rounding.POTONG)


def serapan_anggaran(indicator: Indicator, k: int) -> Result:
    """Budget absorption as of quarter k: realisasi anggaran I..k over the whole year's pagu,
    truncated to two decimals."""
    pagu = sum(q.pagu for q in indicator.quarters)
    spent = sum(q.realisasi_anggaran for q in indicator.quarters[:k])
    return serapan(spent, pagu)


def deviasi_rpd(indicator: Indicator, k: int) -> Result:
    """Deviation of spending from the disbursement plan as of quarter k, as IKPA measures it:
    the mean over TW I..k with Rencana Penarikan Dana > 0 of |realisasi anggaran − rencana| /
    rencana × 100 (unsigned: an overspent quarter does not cancel an underspent one)."""
    deviations = [
        Decimal(abs(q.realisasi_anggaran - q.rencana_penarikan))
        / Decimal(q.rencana_penarikan)
        * HUNDRED
        for q in indicator.quarters[:k]
        if q.rencana_penarikan > 0
    ]
    if not deviations:
        return Missing.NOT_COMPUTABLE
    return sum(deviations, Decimal(0)) / len(deviations)


def round2(value: Decimal, rounding: Rounding) -> Decimal:
    """`value` cut to two decimals: half up (`bulat`) or towards zero (`potong`)."""
    mode = ROUND_HALF_UP if rounding is Rounding.BULAT else ROUND_DOWN
    return value.quantize(_CENT, rounding=mode)
