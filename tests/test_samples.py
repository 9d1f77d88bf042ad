"""The committed sample workbooks hold exactly what renaksi_docs.workbook.samples describes."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from renaksi_docs.workbook.samples import SAMPLES
from renaksi_docs.workbook.standard import build_workbook

from .conftest import SAMPLES as SAMPLES_DIR


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_matches_its_source(name: str) -> None:
    """Every cell of samples/<name> equals the generated workbook (run samples/make_samples.py)."""
    expected = build_workbook(SAMPLES[name])
    actual = load_workbook(SAMPLES_DIR / name)
    assert actual.sheetnames == expected.sheetnames
    for sheet in expected.sheetnames:
        want = [[c.value for c in row] for row in expected[sheet].iter_rows()]
        got = [[c.value for c in row] for row in actual[sheet].iter_rows()]
        assert got == want, sheet
