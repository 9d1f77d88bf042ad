"""Realisasi, capaian and serapan anggaran: pure functions on `Decimal` (docs/numbers.md).

A value that cannot be given is a `Missing`, never 0 and never an exception:
`NOT_REPORTED` when the quarter has no figures yet, `NOT_COMPUTABLE` when a denominator
(Penyebut, Nilai Dasar, target or pagu) is 0. Nothing here rounds; `round2` is for display.

Choices where the contract is silent:
- `kumulatif` needs figures for quarter k itself (else k is not reported); it sums the raw
  counts of the quarters I..k that have them.
- `indeks` with `kumulatif` is the mean of the reported Nilai I..k (a sum of an index means
  nothing); with `per triwulan` it is quarter k's Nilai.
- A Nilai typed for quarter k replaces the computed realisasi as of k, whatever the Akumulasi.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import Enum

from .model import Accumulation, Indicator, Kind, Polarity, QuarterFigures, Rounding

HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


class Missing(Enum):
    """Why a number cannot be given."""

    NOT_REPORTED = "belum dilaporkan"
    NOT_COMPUTABLE = "tidak dapat dihitung"


Result = Decimal | Missing


def has_counts(indicator: Indicator, figures: QuarterFigures) -> bool:
    """Whether the quarter has the raw figures its indicator's kind is computed from."""
    if indicator.kind is Kind.INDEKS:
        return figures.nilai is not None
    if indicator.kind is Kind.PERSENTASE:
        return figures.pembilang is not None and figures.penyebut is not None
    return figures.pembilang is not None


def is_reported(indicator: Indicator, figures: QuarterFigures) -> bool:
    """Whether the quarter has any figures at all (counts or an own Nilai)."""
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


def realisasi(indicator: Indicator, k: int) -> Result:
    """The indicator's realisasi as of quarter k (1..4), as its Akumulasi says."""
    own = indicator.quarter(k)
    if indicator.accumulation is Accumulation.TERAKHIR:
        latest = [q for q in indicator.quarters[:k] if is_reported(indicator, q)]
        if not latest:
            return Missing.NOT_REPORTED
        own = latest[-1]
        if own.nilai is not None:
            return own.nilai
        return _from_counts(indicator, [own])
    if own.nilai is not None and indicator.kind is not Kind.INDEKS:
        return own.nilai
    if not has_counts(indicator, own):
        return Missing.NOT_REPORTED
    if indicator.accumulation is Accumulation.PER_TRIWULAN:
        return _from_counts(indicator, [own])
    window = [q for q in indicator.quarters[:k] if has_counts(indicator, q)]
    return _from_counts(indicator, window)


def capaian(indicator: Indicator, value: Result) -> Result:
    """Achievement of `value` against the target, in percent; not capped, minimal floored at 0.

    Target 0 (docs/numbers.md): `minimal` gives 100 for a realisasi of 0 (nothing happened, as
    planned) and 0 for anything above it; `maksimal` cannot be computed.
    """
    if isinstance(value, Missing):
        return value
    target = indicator.target
    if target == 0:
        if indicator.polarity is Polarity.MINIMAL:
            return HUNDRED if value <= 0 else Decimal(0)
        return Missing.NOT_COMPUTABLE
    if indicator.polarity is Polarity.MAKSIMAL:
        return value / target * HUNDRED
    return max(Decimal(0), (2 * target - value) / target * HUNDRED)


def serapan_anggaran(indicator: Indicator, k: int) -> Result:
    """Budget absorption as of quarter k: realisasi anggaran I..k over the whole year's pagu."""
    pagu = sum(q.pagu for q in indicator.quarters)
    if pagu == 0:
        return Missing.NOT_COMPUTABLE
    spent = sum(q.realisasi_anggaran for q in indicator.quarters[:k])
    return Decimal(spent) / Decimal(pagu) * HUNDRED


def deviasi_rpd(indicator: Indicator, k: int) -> Result:
    """Deviation of spending from the disbursement plan as of quarter k, in percent, signed:
    (realisasi anggaran I..k − rencana penarikan dana I..k) / rencana penarikan dana I..k."""
    planned = sum(q.rencana_penarikan for q in indicator.quarters[:k])
    if planned == 0:
        return Missing.NOT_COMPUTABLE
    spent = sum(q.realisasi_anggaran for q in indicator.quarters[:k])
    return Decimal(spent - planned) / Decimal(planned) * HUNDRED


def round2(value: Decimal, rounding: Rounding) -> Decimal:
    """`value` cut to two decimals: half up (`bulat`) or towards zero (`potong`)."""
    mode = ROUND_HALF_UP if rounding is Rounding.BULAT else ROUND_DOWN
    return value.quantize(_CENT, rounding=mode)
