"""Capaian, predikat, serapan and deviasi as of the reporting quarter, worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from renaksi_docs.formulas import Missing, capaian
from renaksi_docs.measure import (
    NOT_COMPUTABLE,
    NOT_MEASURABLE,
    NoReportingQuarter,
    measure,
    predikat,
)
from renaksi_docs.model import DEFAULT_BANDS, Accumulation, Band, Kind, Polarity, Rounding

from .conftest import make_indicator, make_plan

D = Decimal
NR, NC = Missing.NOT_REPORTED, Missing.NOT_COMPUTABLE


@pytest.mark.parametrize(
    ("kind", "polarity", "accumulation", "target", "nilai_dasar", "quarters", "expected"),
    [
        # persentase kumulatif maksimal: (30+30)/(50+50) = 60% of 80 → 75
        (
            Kind.PERSENTASE,
            Polarity.MAKSIMAL,
            Accumulation.KUMULATIF,
            "80",
            None,
            {
                1: {"pembilang": D(30), "penyebut": D(50)},
                2: {"pembilang": D(30), "penyebut": D(50)},
            },
            D(75),
        ),
        # persentase per triwulan minimal: TW II alone 2/100 = 2% against 5 → (10-2)/5 = 160
        (
            Kind.PERSENTASE,
            Polarity.MINIMAL,
            Accumulation.PER_TRIWULAN,
            "5",
            None,
            {
                1: {"pembilang": D(9), "penyebut": D(100)},
                2: {"pembilang": D(2), "penyebut": D(100)},
            },
            D(160),
        ),
        # minimal far over target: (10-15)/5 < 0, floored at 0
        (
            Kind.PERSENTASE,
            Polarity.MINIMAL,
            Accumulation.TERAKHIR,
            "5",
            None,
            {2: {"pembilang": D(15), "penyebut": D(100)}},
            D(0),
        ),
        # jumlah kumulatif, uncapped: 70+30 = 100 orang against 15 → 666,66…%
        (
            Kind.JUMLAH,
            Polarity.MAKSIMAL,
            Accumulation.KUMULATIF,
            "15",
            None,
            {1: {"pembilang": D(70)}, 2: {"pembilang": D(30)}},
            D(100) / D(15) * 100,
        ),
        # pertumbuhan, negative growth: (3+4-8)/8 = -12,5% against 10 → -125
        (
            Kind.PERTUMBUHAN,
            Polarity.MAKSIMAL,
            Accumulation.KUMULATIF,
            "10",
            "8",
            {1: {"pembilang": D(3)}, 2: {"pembilang": D(4)}},
            D(-125),
        ),
        # indeks terakhir: TW II not reported, TW I's 3,2 against 4 → 80
        (
            Kind.INDEKS,
            Polarity.MAKSIMAL,
            Accumulation.TERAKHIR,
            "4",
            None,
            {1: {"nilai": D("3.2")}},
            D(80),
        ),
        # target 0, minimal: nothing happened → 100; something happened → 0
        (
            Kind.JUMLAH,
            Polarity.MINIMAL,
            Accumulation.KUMULATIF,
            "0",
            None,
            {1: {"pembilang": D(0)}, 2: {"pembilang": D(0)}},
            D(100),
        ),
        (
            Kind.JUMLAH,
            Polarity.MINIMAL,
            Accumulation.KUMULATIF,
            "0",
            None,
            {1: {"pembilang": D(0)}, 2: {"pembilang": D(1)}},
            D(0),
        ),
        # target 0, maksimal: not computable
        (
            Kind.JUMLAH,
            Polarity.MAKSIMAL,
            Accumulation.KUMULATIF,
            "0",
            None,
            {1: {"pembilang": D(2)}, 2: {"pembilang": D(1)}},
            NC,
        ),
        # nothing reported as of TW II
        (Kind.PERSENTASE, Polarity.MAKSIMAL, Accumulation.KUMULATIF, "80", None, {}, NR),
    ],
)
def test_capaian_as_of_tw2(
    kind: Kind,
    polarity: Polarity,
    accumulation: Accumulation,
    target: str,
    nilai_dasar: str | None,
    quarters: dict[int, dict[str, object]],
    expected: Decimal | Missing,
) -> None:
    """Capaian as of TW II per kind, polarity and accumulation matches the hand-worked value."""
    indicator = make_indicator(
        kind,
        target=target,
        polarity=polarity,
        accumulation=accumulation,
        nilai_dasar=nilai_dasar,
        quarters=quarters,
    )
    measured = measure(make_plan(indicator), 2).indicators[0]
    assert measured.capaian == expected
    if isinstance(expected, Decimal):
        assert capaian(indicator, measured.realisasi) == expected


@pytest.mark.parametrize(
    ("value", "rounding", "expected"),
    [
        (D(100), Rounding.BULAT, "Sangat Berhasil"),
        (D("666.66"), Rounding.BULAT, "Sangat Berhasil"),
        (D("99.995"), Rounding.BULAT, "Sangat Berhasil"),  # printed 100,00%
        (D("99.995"), Rounding.POTONG, "Berhasil"),  # printed 99,99%
        (D("99.99"), Rounding.BULAT, "Berhasil"),
        (D(75), Rounding.BULAT, "Berhasil"),
        (D("74.99"), Rounding.BULAT, "Cukup Berhasil"),
        (D(55), Rounding.BULAT, "Cukup Berhasil"),
        (D("54.99"), Rounding.BULAT, "Kurang Berhasil"),
        (D(0), Rounding.BULAT, "Kurang Berhasil"),
        (D(-125), Rounding.BULAT, "Kurang Berhasil"),  # below the lowest bound
        (NR, Rounding.BULAT, NOT_MEASURABLE),
        (NC, Rounding.BULAT, NOT_COMPUTABLE),
    ],
)
def test_default_predikat_at_each_boundary(
    value: Decimal | Missing, rounding: Rounding, expected: str
) -> None:
    """Lower bounds are inclusive, on the capaian as printed; below the lowest takes the lowest."""
    assert predikat(value, DEFAULT_BANDS, rounding) == expected


def test_unit_bands_replace_the_defaults() -> None:
    """A workbook's own bands decide, the lowest band also taking values below its bound."""
    bands = (Band(D(90), "A"), Band(D(60), "B"), Band(D(30), "C"))
    assert predikat(D(90), bands, Rounding.BULAT) == "A"
    assert predikat(D("89.99"), bands, Rounding.BULAT) == "B"
    assert predikat(D(10), bands, Rounding.BULAT) == "C"


def test_budget_serapan_and_deviasi_as_of_tw2() -> None:
    """Serapan over the whole year's pagu (truncated), deviasi as IKPA's mean per quarter."""
    money = {
        k: {"pagu": 1_000_000, "rencana_penarikan": rpd, "realisasi_anggaran": spent}
        for k, rpd, spent in ((1, 800_000, 700_000), (2, 1_200_000, 1_200_000), (3, 1_000_000, 0))
    }
    measured = measure(make_plan(make_indicator(quarters=money)), 2).indicators[0]
    assert measured.pagu == 3_000_000
    assert measured.realisasi_anggaran == 1_900_000
    assert measured.rencana_penarikan == 2_000_000
    assert measured.serapan == D("63.33")  # 1,9 M / 3 M = 63,333…, truncated
    assert measured.deviasi_rpd == D("6.25")  # (|0,7 − 0,8| / 0,8 = 12,5 and 0) / 2


def test_pagu_zero_and_no_plan_are_not_computable() -> None:
    """No pagu: serapan cannot be computed; no rencana penarikan: deviasi cannot either."""
    measured = measure(make_plan(make_indicator()), 2).indicators[0]
    assert measured.serapan is NC
    assert measured.deviasi_rpd is NC


def test_summary_counts_every_predikat_and_means_the_measurable() -> None:
    """Counts per band and for both unmeasured kinds; the mean skips the unmeasured."""
    reported = {1: {"pembilang": D(30), "penyebut": D(50)}}
    plan = make_plan(
        make_indicator(target="60", quarters=reported),  # 60/60 → 100
        make_indicator(target="80", quarters=reported),  # 75
        make_indicator(target="120", quarters=reported),  # 50
        make_indicator(quarters={1: {"pembilang": D(0), "penyebut": D(0)}}),  # not computable
        make_indicator(),  # nothing reported
        quarter=1,
    )
    result = measure(plan)
    assert result.quarter == 1
    assert result.label == "Triwulan I Tahun 2026"
    assert result.counts == {
        "Sangat Berhasil": 1,
        "Berhasil": 1,
        "Cukup Berhasil": 0,
        "Kurang Berhasil": 1,
        NOT_MEASURABLE: 1,
        NOT_COMPUTABLE: 1,
    }
    assert result.mean_capaian == D(75)  # (100 + 75 + 50) / 3
    assert result.serapan is NC


def test_no_reporting_quarter_is_a_clear_error() -> None:
    """A plan without Triwulan and without --triwulan cannot be measured: the message says how."""
    with pytest.raises(NoReportingQuarter, match="isi Triwulan di lembar Identitas"):
        measure(make_plan(make_indicator(), quarter=None))
