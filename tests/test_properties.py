"""Property-based tests: random cell values never crash the reader; numbers keep invariants."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from renaksi_docs.documents.rencana_aksi import build_context
from renaksi_docs.formulas import Missing, capaian, realisasi
from renaksi_docs.model import (
    QUARTERS,
    Accumulation,
    Indicator,
    Kind,
    Polarity,
    QuarterFigures,
)
from renaksi_docs.workbook.reader import read_plan

from .conftest import examples, make_indicator
from .hostile import xlsx_bytes

# -- pure formulas -----------------------------------------------------------------------------
counts = st.integers(min_value=0, max_value=10_000)


@st.composite
def quarter_figures(draw: st.DrawFn, k: int) -> QuarterFigures:
    if not draw(st.booleans()):
        return QuarterFigures(k)
    penyebut = draw(counts)
    pembilang = draw(st.integers(min_value=0, max_value=penyebut))
    return QuarterFigures(k, pembilang=Decimal(pembilang), penyebut=Decimal(penyebut))


@st.composite
def percentage_indicators(draw: st.DrawFn) -> Indicator:
    quarters = tuple(draw(quarter_figures(k)) for k in QUARTERS)
    indicator = make_indicator(
        target=draw(st.integers(min_value=0, max_value=100)),
        polarity=draw(st.sampled_from(Polarity)),
        accumulation=draw(st.sampled_from(Accumulation)),
    )
    return replace(indicator, quarters=quarters)  # type: ignore[arg-type]


@settings(max_examples=examples(100))
@given(percentage_indicators())
def test_percentages_stay_within_0_and_100(indicator: Indicator) -> None:
    """With Pembilang ≤ Penyebut, realisasi is within 0–100 (or cannot be given)."""
    for k in QUARTERS:
        value = realisasi(indicator, k)
        assert isinstance(value, Missing) or Decimal(0) <= value <= Decimal(100)


@settings(max_examples=examples(100))
@given(percentage_indicators(), st.decimals(min_value=-(10**6), max_value=10**6, places=4))
def test_minimal_capaian_is_never_negative(indicator: Indicator, value: Decimal) -> None:
    """Capaian of a 'minimal' indicator is floored at 0, whatever the realisasi."""
    minimal = replace(indicator, polarity=Polarity.MINIMAL)
    result = capaian(minimal, value)
    assert isinstance(result, Missing) or result >= 0


# -- random cells through the real reader --------------------------------------------------------
INDIKATOR_COLUMNS = "ABCDEFGHIJKLMNOP"
TRIWULAN_COLUMNS = "ABCDEFGHI"
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"), max_size=40
)
values = st.one_of(
    st.none(),
    text,
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(
        [
            "persentase",
            "pertumbuhan",
            "indeks",
            "jumlah",
            "maksimal",
            "minimal",
            "kumulatif",
            "per triwulan",
            "terakhir",
            "I",
            "IV",
            "TW 2",
            "V",
            "IK-1",
            "IK-3",
            "3,52",
            "1.250.000",
            "75%",
            "-5",
            "tiga",
            "3.5.2",
            "=1+1",
            "0",
            "{{ 7*7 }}",
            "&<>",
        ]
    ),
)
cells = st.dictionaries(
    st.one_of(
        st.tuples(
            st.just("Indikator"),
            st.sampled_from(INDIKATOR_COLUMNS),
            st.integers(min_value=2, max_value=9),
        ),
        st.tuples(
            st.just("Triwulan"),
            st.sampled_from(TRIWULAN_COLUMNS),
            st.integers(min_value=2, max_value=30),
        ),
    ),
    values,
    max_size=25,
)


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells)
def test_random_cells_never_crash_and_keep_invariants(
    changes: dict[tuple[str, str, int], object],
) -> None:
    """Any values in the Indikator and Triwulan cells give problems, never an exception."""

    def edit(book: object) -> None:
        for (sheet, column, row), value in changes.items():
            book[sheet][f"{column}{row}"] = value  # type: ignore[index]

    data = xlsx_bytes(edit)
    load_workbook(io.BytesIO(data))  # the file itself is well formed
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "acak.xlsx"
        path.write_bytes(data)
        reading = read_plan(path)
    assert (reading.plan is None) == bool(reading.errors)
    for problem in reading.problems:
        assert problem.message and str(problem)
    if reading.plan is None:
        return
    build_context(reading.plan)
    for indicator in reading.plan.indicators:
        if indicator.kind is not Kind.PERTUMBUHAN:  # Nilai is signed for pertumbuhan only
            assert all(q.nilai is None or q.nilai >= 0 for q in indicator.quarters)
        overridden = any(q.nilai is not None for q in indicator.quarters)
        for k in QUARTERS:
            value = realisasi(indicator, k)
            if (
                indicator.kind is Kind.PERSENTASE
                and not overridden
                and not isinstance(value, Missing)
            ):
                assert Decimal(0) <= value <= Decimal(100)
            result = capaian(indicator, value)
            if indicator.polarity is Polarity.MINIMAL and not isinstance(result, Missing):
                assert result >= 0
