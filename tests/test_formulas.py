"""Realisasi, capaian and serapan against numbers worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from renaksi_docs.formulas import Missing, capaian, realisasi, round2, serapan_anggaran
from renaksi_docs.model import (
    Accumulation,
    Kind,
    Plan,
    Polarity,
    Rounding,
)
from renaksi_docs.workbook.reader import read_plan

from .conftest import CONTOH_XLSX, make_indicator

NR, NC = Missing.NOT_REPORTED, Missing.NOT_COMPUTABLE

# Hand-worked realisasi of samples/contoh-triwulan.xlsx, TW I..IV, to 4 decimals.
# LP-1 kumulatif: 40/60, (40+55)/(60+62)=95/122, (95+50)/(122+58)=145/180.
# LP-3 kumulatif with TW II Nilai 99: 150/150, 99, (150+149+160)/(150+151+162)=459/463.
# LP-4 terakhir: 4/4, 0/0 (not computable), 3/4.
# LP-5 per triwulan: 12/600, 9/612, 15/590.
# LP-7 pertumbuhan, Nilai Dasar 8, kumulatif: (3-8)/8, (7-8)/8, (9-8)/8.
# LP-8 indeks terakhir: 3,41, TW II not reported so still 3,41, then 3,58.
# LP-9 jumlah kumulatif: 8, 8+9, 8+9+8.
# LP-10 kumulatif against a range: 14/20, 34/44, 52/65.
# LP-12 indeks rata-rata: 3,2, (3,2+3,6)/2, and the same mean after TW II (reported quarters).
# LP-13 jumlah kumulatif with Target Triwulan 3, 6, 9, 12: 3, 6, 9.
# LP-14 jumlah terakhir in bulan (decimals): 7,5, still 7,5, 6,5, still 6,5.
EXPECTED = {
    "LP-1": ("66.6667", "77.8689", "80.5556", NR),
    "LP-2": ("25", "65", "97", NR),
    "LP-3": ("100", "99", "99.1361", NR),
    "LP-4": ("100", NC, "75", "75"),
    "LP-5": ("2", "1.4706", "2.5424", NR),
    "LP-6": ("1", "0", "3", NR),
    "LP-7": ("-62.5", "-12.5", "12.5", NR),
    "LP-8": ("3.41", "3.41", "3.58", "3.58"),
    "LP-9": ("8", "17", "25", NR),
    "LP-10": ("70", "77.2727", "80", NR),
    "LP-12": ("3.2", "3.4", "3.4", "3.4"),
    "LP-13": ("3", "6", "9", NR),
    "LP-14": ("7.5", "7.5", "6.5", "6.5"),
}


@pytest.fixture(scope="module")
def contoh() -> Plan:
    reading = read_plan(CONTOH_XLSX)
    assert reading.plan is not None, reading.errors
    return reading.plan


def _shown(value: Decimal | Missing) -> Decimal | Missing:
    if isinstance(value, Missing):
        return value
    return value.quantize(Decimal("0.0001")).normalize()


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_contoh_realisasi_every_quarter(contoh: Plan, code: str) -> None:
    """Every indicator and quarter of the contoh workbook matches the hand-worked value."""
    indicator = next(i for i in contoh.indicators if i.code == code)
    got = tuple(_shown(realisasi(indicator, k)) for k in (1, 2, 3, 4))
    want = tuple(v if isinstance(v, Missing) else Decimal(v).normalize() for v in EXPECTED[code])
    assert got == want


def test_contoh_covers_every_kind_polarity_and_accumulation(contoh: Plan) -> None:
    """The contoh workbook exercises every Jenis Rumus, Polaritas and Akumulasi."""
    assert {i.kind for i in contoh.indicators} == set(Kind)
    assert {i.polarity for i in contoh.indicators} == set(Polarity)
    assert {i.accumulation for i in contoh.indicators} == set(Accumulation)


# Capaian as of TW III (realisasi / target × 100; minimal: (2 × target − realisasi) / target ×
# 100) and the default band it falls in (lower bound inclusive).
BANDS_TW3 = {
    "LP-1": ("100.6944", "Sangat Berhasil"),  # 80,5556 / 80
    "LP-2": ("80.8333", "Berhasil"),  # 97 / 120
    "LP-3": ("99.1361", "Berhasil"),
    "LP-4": ("75", "Berhasil"),  # exactly on the boundary
    "LP-5": ("149.1525", "Sangat Berhasil"),  # (10 − 2,5424) / 5
    "LP-6": ("50", "Kurang Berhasil"),  # (4 − 3) / 2
    "LP-7": ("50", "Kurang Berhasil"),  # 12,5 / 25
    "LP-8": ("102.2857", "Sangat Berhasil"),  # 3,58 / 3,5
    "LP-9": ("62.5", "Cukup Berhasil"),  # 25 / 40
    "LP-10": ("100", "Sangat Berhasil"),  # 80 inside 80–90
    "LP-11": ("100", "Sangat Berhasil"),  # WBK reached in TW III, target WBK
    "LP-12": ("97.1429", "Berhasil"),  # 3,4 / 3,5
    "LP-13": ("75", "Berhasil"),  # against the annual 12 (the Pengukuran uses TW III's 9)
    "LP-14": ("107.1429", "Sangat Berhasil"),  # minimal 7–8 bulan: 2 − 6,5 / 7
}


def test_contoh_exercises_every_predikat_band(contoh: Plan) -> None:
    """As of TW III the contoh indicators fall in every band of the Predikat sheet (defaults)."""
    from renaksi_docs.measure import predikat
    from renaksi_docs.model import DEFAULT_BANDS

    assert contoh.bands == DEFAULT_BANDS
    got = {}
    for indicator in contoh.indicators:
        value = capaian(indicator, realisasi(indicator, 3))
        assert not isinstance(value, Missing)
        label = predikat(value, contoh.bands, contoh.unit.rounding)
        got[indicator.code] = (str(_shown(value)), label)
    assert got == {code: (str(Decimal(c).normalize()), b) for code, (c, b) in BANDS_TW3.items()}
    assert {label for _c, label in got.values()} == {b.label for b in DEFAULT_BANDS}


_indicator = make_indicator


D = Decimal


@pytest.mark.parametrize(
    ("polarity", "target", "value", "expected"),
    [
        (Polarity.MAKSIMAL, "80", D(60), D(75)),  # 60/80
        (Polarity.MAKSIMAL, "80", D(100), D(125)),  # not capped
        (Polarity.MINIMAL, "5", D(2), D(160)),  # (10-2)/5
        (Polarity.MINIMAL, "5", D(5), D(100)),  # on target
        (Polarity.MINIMAL, "5", D(15), D(0)),  # (10-15)/5 < 0, floored
        (Polarity.MAKSIMAL, "0", D(3), NC),  # no target, no capaian
        (Polarity.MAKSIMAL, "80", NR, NR),  # nothing reported yet
    ],
)
def test_capaian(polarity: Polarity, target: str, value: object, expected: object) -> None:
    """Capaian for both polarities: not capped, minimal floored at 0, target 0 not computable."""
    indicator = _indicator(polarity=polarity, target=target)
    assert capaian(indicator, value) == expected  # type: ignore[arg-type]


def test_penyebut_zero_is_not_computable_never_zero() -> None:
    """A quarter with Penyebut 0 gives NOT_COMPUTABLE, and cumulation past it recovers."""
    indicator = _indicator(
        quarters={
            1: {"pembilang": D(0), "penyebut": D(0)},
            2: {"pembilang": D(3), "penyebut": D(4)},
        }
    )
    assert realisasi(indicator, 1) is NC
    assert realisasi(indicator, 2) == D(75)


def test_unreported_quarter_in_kumulatif_and_per_triwulan() -> None:
    """A quarter without figures is not reported for kumulatif and per triwulan."""
    quarters = {1: {"pembilang": D(1), "penyebut": D(2)}}
    for accumulation in (Accumulation.KUMULATIF, Accumulation.PER_TRIWULAN):
        indicator = _indicator(accumulation=accumulation, quarters=quarters)
        assert realisasi(indicator, 1) == D(50)
        assert realisasi(indicator, 2) is NR


def test_indeks_kumulatif_is_the_mean() -> None:
    """An index accumulated over quarters is the mean of the values: (3 + 4) / 2."""
    indicator = _indicator(
        kind=Kind.INDEKS,
        accumulation=Accumulation.KUMULATIF,
        quarters={1: {"nilai": D(3)}, 2: {"nilai": D(4)}},
    )
    assert realisasi(indicator, 2) == D("3.5")


def test_nilai_overrides_the_computed_value() -> None:
    """An own Nilai replaces the computed 50%."""
    indicator = _indicator(quarters={1: {"pembilang": D(1), "penyebut": D(2), "nilai": D(48)}})
    assert realisasi(indicator, 1) == D(48)


def test_pertumbuhan_per_triwulan() -> None:
    """Growth from quarter k alone: (6 - 4) / 4 = 50%."""
    indicator = _indicator(
        kind=Kind.PERTUMBUHAN,
        nilai_dasar="4",
        accumulation=Accumulation.PER_TRIWULAN,
        quarters={1: {"pembilang": D(1)}, 2: {"pembilang": D(6)}},
    )
    assert realisasi(indicator, 2) == D(50)


def test_serapan_anggaran() -> None:
    """Absorption as of TW II: (100 + 150) / (4 × 250) = 25%; no pagu is not computable."""
    indicator = _indicator(
        quarters={k: {"pagu": 250, "realisasi_anggaran": 100 + 50 * (k - 1)} for k in (1, 2, 3, 4)}
    )
    assert serapan_anggaran(indicator, 2) == D(25)
    assert serapan_anggaran(_indicator(), 2) is NC


@pytest.mark.parametrize(
    ("value", "rounding", "shown"),
    [
        ("66.666", Rounding.BULAT, "66.67"),
        ("66.666", Rounding.POTONG, "66.66"),
        ("2.545", Rounding.BULAT, "2.55"),
        ("2.545", Rounding.POTONG, "2.54"),
        ("-12.505", Rounding.BULAT, "-12.51"),
        ("-12.509", Rounding.POTONG, "-12.50"),
    ],
)
def test_round2(value: str, rounding: Rounding, shown: str) -> None:
    """bulat rounds half up, potong truncates, both to two decimals."""
    assert round2(Decimal(value), rounding) == Decimal(shown)
