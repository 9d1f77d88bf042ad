"""Plan → what the Perjanjian Kinerja shows (docs/perjanjian.md), every display choice of that
document in one place.

Pure like rencana_aksi.py (no docxtpl, no Word). TARGET is printed by the very function the
Rencana Aksi prints it with (`formats.format_value`), so both documents always agree.

Choices where the contract is silent:
- Sasaran group as in the Rencana Aksi (consecutive indicators whose texts are equal once
  whitespace is folded; the first text is printed). NO numbers the sasaran and is merged with
  it over its indicators, as the PermenPANRB 53/2014 form numbers its sasaran.
- Kegiatan whose texts are equal once whitespace is folded and case ignored are one
  (`Pembinaan  kemandirian` and `Pembinaan Kemandirian`); the text of its first indicator,
  as typed, is printed. They are listed in the order they first occur; each one's ANGGARAN
  is the sum of the four quarters' Pagu of all its indicators, printed `Rp 1.250.000`.
- The annex's signature blocks are the first page's without the TTE tags (BSrE stamps the
  first page); a wet signature image is placed in both.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formats import clean, format_rupiah, format_target
from ..model import PaperSize, Plan
from .rencana_aksi import folded
from .signing import Signature, agreement_signatures


@dataclass(frozen=True)
class TargetRow:
    """One indicator of the annex's first table."""

    sasaran_first: bool
    """This row starts a new SASARAN KEGIATAN (and NO) merge."""
    no: str
    """The sasaran's number on its first row, '' on the others."""
    sasaran: str
    """The Sasaran text on the first row of its merge, '' on the others."""
    indikator: str
    target: str
    """As the Rencana Aksi prints it: '5%', '3,52', '120 orang'."""


@dataclass(frozen=True)
class BudgetRow:
    """One distinct Kegiatan of the annex's budget table."""

    no: str
    kegiatan: str
    anggaran: str
    """'Rp 1.250.000'."""
    amount: int
    """The same in whole rupiah."""


@dataclass(frozen=True)
class AgreementContext:
    """Everything the Perjanjian Kinerja template shows."""

    judul: str
    """'PERJANJIAN KINERJA TAHUN 2026'."""
    unit: str
    """'BALAI PEMASYARAKATAN KELAS II MAGELANG'."""
    pertama: Signature
    """Pihak pertama: the head of the unit (carries the BSrE footer when elektronik)."""
    kedua: Signature
    """Pihak kedua: the superior."""
    targets: tuple[TargetRow, ...]
    budget: tuple[BudgetRow, ...]
    jumlah: str
    """The budget's total, 'Rp 5.000.000'."""
    paper: PaperSize


def build_agreement(plan: Plan) -> AgreementContext:
    """The Perjanjian Kinerja's content for `plan`."""
    unit = plan.unit
    pertama, kedua = agreement_signatures(unit)
    targets: list[TargetRow] = []
    previous: str | None = None
    number = 0
    for indicator in plan.indicators:
        first = folded(indicator.sasaran) != previous
        previous = folded(indicator.sasaran)
        number += first
        targets.append(
            TargetRow(
                sasaran_first=first,
                no=str(number) if first else "",
                sasaran=clean(indicator.sasaran) if first else "",
                indikator=clean(indicator.name),
                target=format_target(indicator, unit.rounding),
            )
        )
    budget = budget_rows(plan)
    return AgreementContext(
        judul=f"PERJANJIAN KINERJA TAHUN {unit.year}",
        unit=clean(unit.name).strip().upper(),
        pertama=pertama,
        kedua=kedua,
        targets=tuple(targets),
        budget=budget,
        jumlah=format_rupiah(sum(row.amount for row in budget)),
        paper=unit.paper,
    )


def budget_rows(plan: Plan) -> tuple[BudgetRow, ...]:
    """Each distinct Kegiatan (whitespace folded, case ignored) with the sum of its
    indicators' Pagu over the four quarters, in the order they first occur."""
    texts: dict[str, str] = {}
    amounts: dict[str, int] = {}
    for indicator in plan.indicators:
        key = folded(indicator.kegiatan).casefold()
        texts.setdefault(key, clean(indicator.kegiatan).strip())
        amounts[key] = amounts.get(key, 0) + sum(q.pagu for q in indicator.quarters)
    return tuple(
        BudgetRow(str(number), texts[key], format_rupiah(amounts[key]), amounts[key])
        for number, key in enumerate(texts, start=1)
    )
