"""The indicators of real Perjanjian Kinerja (docs/indicators.md): ranges, levels, quarterly
targets, averages, the cap for means, serapan truncated and deviasi RPD as IKPA measures it.
Every expected value is worked out by hand in the table beside it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest
from docx import Document

from renaksi_docs.documents.pengukuran import build_report, summary
from renaksi_docs.documents.pengukuran_docx import render_report
from renaksi_docs.documents.rencana_aksi import build_context
from renaksi_docs.documents.rencana_aksi_docx import render_docx
from renaksi_docs.documents.rincian import rincian
from renaksi_docs.errors import Severity
from renaksi_docs.formats import format_target
from renaksi_docs.formulas import Missing, capaian, deviasi_rpd, realisasi, serapan_anggaran
from renaksi_docs.measure import measure
from renaksi_docs.model import (
    BUILTIN_SCALES,
    Accumulation,
    Indicator,
    Kind,
    Level,
    Plan,
    Polarity,
    Range,
    Rounding,
    Scale,
)

from .conftest import make_indicator, make_plan
from .docx_table import main_table

OPINI = BUILTIN_SCALES[0]  # WTP, WDP, TW, TMP (no Nilai)
SAKIP = Scale(
    "Predikat SAKIP",
    tuple(
        Level(name, rank, D(value))
        for rank, (name, value) in enumerate(
            (("AA", 100), ("A", 90), ("BB", 80), ("B", 70), ("CC", 60), ("C", 50), ("D", 30))
        )
    ),
)


def _level(scale: Scale, name: str) -> Level:
    found = scale.level(name)
    assert found is not None
    return found


# (polarity, lower, upper, realisasi) → capaian, docs/indicators.md:
# maksimal: r < lower → r / lower; inside → 100; r > upper → r / upper.
# minimal: r < lower → 2 − r / lower; inside → 100; r > upper → 2 − r / upper, floored at 0.
RANGES = [
    (Polarity.MAKSIMAL, 80, 90, "70", "87.5"),  # 70 / 80
    (Polarity.MAKSIMAL, 80, 90, "80", "100"),  # the lower bound is inside
    (Polarity.MAKSIMAL, 80, 90, "85", "100"),
    (Polarity.MAKSIMAL, 80, 90, "90", "100"),  # the upper bound is inside
    (Polarity.MAKSIMAL, 80, 90, "92", "102.2222"),  # 92 / 90 = 102,22
    (Polarity.MINIMAL, 7, 8, "6.5", "107.1429"),  # 2 − 6,5 / 7 = 107,14
    (Polarity.MINIMAL, 7, 8, "7.5", "100"),
    (Polarity.MINIMAL, 7, 8, "9", "87.5"),  # 2 − 9 / 8
    (Polarity.MINIMAL, 7, 8, "17", "0"),  # 2 − 17 / 8 < 0 → floored
]


@pytest.mark.parametrize(("polarity", "lower", "upper", "value", "expected"), RANGES)
def test_range_capaian_by_polarity(
    polarity: Polarity, lower: int, upper: int, value: str, expected: str
) -> None:
    """A range target: 100 inside it, else measured against the nearer bound, by polarity."""
    indicator = make_indicator(target=Range(D(lower), D(upper)), polarity=polarity)
    result = capaian(indicator, D(value))
    assert isinstance(result, D)
    assert result.quantize(D("0.0001")) == D(expected).quantize(D("0.0001"))


def test_format_target_prints_every_form() -> None:
    """TARGET as the Rencana Aksi prints it: number, range with an en dash, level text."""
    bulat = Rounding.BULAT
    assert format_target(make_indicator(target="75"), bulat) == "75%"
    assert format_target(make_indicator(target=Range(D(80), D(90))), bulat) == "80–90%"
    months = make_indicator(target=Range(D(7), D("8.5")), satuan="bulan")
    assert format_target(months, bulat) == "7–8,5 bulan"
    assert format_target(months, bulat, with_unit=False) == "7–8,5"
    level = make_indicator(Kind.KATEGORI, target=_level(OPINI, "WTP"), satuan="", scale=OPINI)
    assert format_target(level, bulat) == "WTP"
    people = make_indicator(Kind.JUMLAH, target="120", satuan="orang")
    assert format_target(people, bulat, D(60)) == "60 orang"


def _kategori(scale: Scale, target: str, levels: dict[int, str]) -> Indicator:
    return make_indicator(
        Kind.KATEGORI,
        target=_level(scale, target),
        satuan="",
        scale=scale,
        quarters={k: {"level": _level(scale, name)} for k, name in levels.items()},
    )


# (scale, target, the level reached in TW I / TW II, k) → (realisasi as of k, capaian):
# 100 at or better than the target; else Nilai(r) / Nilai(t) × 100 with both Nilai, else 0.
KATEGORI = [
    (OPINI, "WDP", {1: "TW"}, 1, "TW", "0"),  # worse, no Nilai on the scale
    (OPINI, "WDP", {1: "TW", 2: "WDP"}, 2, "WDP", "100"),  # the target's own level
    (OPINI, "WDP", {1: "TW", 2: "WTP"}, 2, "WTP", "100"),  # better than the target
    (OPINI, "WDP", {1: "WTP"}, 3, "WTP", "100"),  # TW III not reported: the latest ≤ k
    (SAKIP, "A", {1: "BB"}, 1, "BB", "88.8889"),  # 80 / 90
    (SAKIP, "BB", {1: "AA"}, 1, "AA", "100"),
    (SAKIP, "B", {1: "D"}, 1, "D", "42.8571"),  # 30 / 70
]


@pytest.mark.parametrize(("scale", "target", "levels", "k", "reached", "expected"), KATEGORI)
def test_kategori_capaian_with_and_without_nilai(
    scale: Scale, target: str, levels: dict[int, str], k: int, reached: str, expected: str
) -> None:
    """Kategori: realisasi is the latest level reached; capaian by rank, then by Nilai."""
    indicator = _kategori(scale, target, levels)
    value = realisasi(indicator, k)
    assert isinstance(value, Level) and value.name == reached
    result = capaian(indicator, value)
    assert isinstance(result, D)
    assert result.quantize(D("0.0001")) == D(expected).quantize(D("0.0001"))


def test_kategori_without_a_reported_level_is_not_measurable() -> None:
    """No level yet: not reported (Belum dapat diukur), never 0."""
    indicator = _kategori(OPINI, "WTP", {})
    assert realisasi(indicator, 2) is Missing.NOT_REPORTED


# Akumulasi rata-rata: the mean of each reported quarter's own value (as per triwulan) over
# TW I..k; a non-computable quarter is left out; none left → not computable.
def test_rata_rata_of_an_index() -> None:
    """IKM 3,2 then 3,6 → 3,4 at TW II; 3,2 alone at TW I."""
    ikm = make_indicator(
        Kind.INDEKS,
        target="3.5",
        satuan="indeks",
        accumulation=Accumulation.RATA_RATA,
        quarters={1: {"nilai": D("3.2")}, 2: {"nilai": D("3.6")}},
    )
    assert realisasi(ikm, 1) == D("3.2")
    assert realisasi(ikm, 2) == D("3.4")
    assert realisasi(ikm, 3) == D("3.4")  # TW III not reported: the reported quarters' mean


def test_rata_rata_leaves_out_a_non_computable_quarter() -> None:
    """40/50 = 80, 0/0 not computable, 45/50 = 90 → (80 + 90) / 2 = 85 at TW III."""
    rate = make_indicator(
        accumulation=Accumulation.RATA_RATA,
        quarters={
            1: {"pembilang": D(40), "penyebut": D(50)},
            2: {"pembilang": D(0), "penyebut": D(0)},
            3: {"pembilang": D(45), "penyebut": D(50)},
        },
    )
    assert realisasi(rate, 2) == D(80)
    assert realisasi(rate, 3) == D(85)
    only_zero = make_indicator(
        accumulation=Accumulation.RATA_RATA,
        quarters={1: {"pembilang": D(0), "penyebut": D(0)}},
    )
    assert realisasi(only_zero, 1) is Missing.NOT_COMPUTABLE
    assert realisasi(make_indicator(accumulation=Accumulation.RATA_RATA), 2) is (
        Missing.NOT_REPORTED
    )


# Target Triwulan × target form, as of TW II (capaian against TW II's target; annual beside).
QUARTERLY = [
    # jumlah kumulatif: 3 + 3 = 6 kegiatan; TW II target 6 → 100; annual 12 → 50
    (Kind.JUMLAH, "12", D(6), {1: (3, None), 2: (3, None)}, "100", "Sangat Berhasil", "50"),
    # persentase 45/100 = 45% against TW II's range 40–50 → 100; annual 80–90: 45/80 = 56,25
    (
        Kind.PERSENTASE,
        Range(D(80), D(90)),
        Range(D(40), D(50)),
        {2: (45, 100)},
        "100",
        "Sangat Berhasil",
        "56.25",
    ),
    # persentase 30/100 = 30% against TW II's 40 → 75; annual range 80–90: 30/80 = 37,5
    (Kind.PERSENTASE, Range(D(80), D(90)), D(40), {2: (30, 100)}, "75", "Berhasil", "37.5"),
]


@pytest.mark.parametrize(
    ("kind", "annual", "quarterly", "figures", "expected", "band", "tahunan"), QUARTERLY
)
def test_quarterly_target_measures_the_reporting_quarter(
    kind: Kind,
    annual: object,
    quarterly: object,
    figures: dict[int, tuple[int, int | None]],
    expected: str,
    band: str,
    tahunan: str,
) -> None:
    """An on-plan unit is on plan: capaian and predikat against TW k's Target Triwulan."""
    quarters: dict[int, dict[str, object]] = {
        k: {"pembilang": D(p)} | ({} if q is None else {"penyebut": D(q)})
        for k, (p, q) in figures.items()
    }
    quarters.setdefault(2, {})["target"] = quarterly
    satuan = "kegiatan" if kind is Kind.JUMLAH else "%"
    indicator = make_indicator(kind, target=annual, satuan=satuan, quarters=quarters)
    measured = measure(make_plan(indicator), 2).indicators[0]
    assert measured.quarter_target == quarterly
    assert measured.capaian == D(expected)
    assert measured.predikat == band
    assert measured.annual_capaian == D(tahunan)


def test_without_a_quarter_target_both_capaian_are_annual() -> None:
    """An indicator without TW k's Target Triwulan is measured against its annual target."""
    indicator = make_indicator(quarters={2: {"pembilang": D(40), "penyebut": D(50)}})
    measured = measure(make_plan(indicator), 2).indicators[0]
    assert measured.quarter_target is None
    assert measured.capaian == measured.annual_capaian == D(100)  # 80 / 80


def test_batas_capaian_caps_the_mean_only() -> None:
    """Capaian 100, 90 and 666,67 with Batas Capaian 120: mean (100 + 90 + 120) / 3 = 103,33;
    without it (100 + 90 + 666,67) / 3 = 285,56; the row keeps 666,67."""
    indicators = (
        make_indicator(target="80", quarters={1: {"pembilang": D(80), "penyebut": D(100)}}),
        make_indicator(target="50", quarters={1: {"pembilang": D(45), "penyebut": D(100)}}),
        make_indicator(target="6", quarters={1: {"pembilang": D(40), "penyebut": D(100)}}),
    )
    capped = measure(make_plan(*indicators, quarter=1, cap=D(120)))
    assert [round(m.capaian, 2) for m in capped.indicators] == [
        D(100),
        D(90),
        D("666.67"),
    ]
    assert capped.mean_capaian is not None and round(capped.mean_capaian, 2) == D("103.33")
    assert capped.capped
    assert "rata-rata capaian 103,33% (3 indikator terukur; Batas Capaian diterapkan: capaian " in (
        summary(capped)
    )
    assert "di atas 120% dihitung 120%)" in summary(capped)
    free = measure(make_plan(*indicators, quarter=1))
    assert free.mean_capaian is not None and round(free.mean_capaian, 2) == D("285.56")
    assert not free.capped and "Batas Capaian" not in summary(free)
    below = measure(make_plan(*indicators[:2], quarter=1, cap=D(120)))
    assert not below.capped and "Batas Capaian" not in summary(below)


@pytest.mark.parametrize("rounding", list(Rounding))
def test_serapan_is_truncated_whatever_the_pembulatan(rounding: Rounding) -> None:
    """Baubau: 65.038.490 of 65.040.000 = 99,9976… prints 99,99, never 100."""
    money = {1: {"pagu": 65_040_000, "realisasi_anggaran": 65_038_490}}
    indicator = make_indicator(quarters=money)
    assert serapan_anggaran(indicator, 1) == D("99.99")
    plan = make_plan(indicator, quarter=1, rounding=rounding)
    report = build_report(measure(plan))
    assert report.rows[0].serapan == "99,99"
    assert report.ringkasan.endswith("serapan anggaran 99,99%.")


DEVIASI = [
    # (rencana, realisasi) per quarter → IKPA's mean of |realisasi − rencana| / rencana
    ({1: (10_000_000, 5_000_000), 2: (10_000_000, 15_000_000)}, 2, "50"),  # 50 and 50
    ({1: (10_000_000, 5_000_000), 2: (10_000_000, 15_000_000)}, 1, "50"),
    ({1: (8_000_000, 8_000_000), 2: (0, 3_000_000), 3: (4_000_000, 5_000_000)}, 3, "12.5"),
]


@pytest.mark.parametrize(("money", "k", "expected"), DEVIASI)
def test_deviasi_rpd_as_ikpa_measures_it(
    money: dict[int, tuple[int, int]], k: int, expected: str
) -> None:
    """An overspent quarter does not cancel an underspent one; no plan, no quarter in the
    mean (TW II above: 0 and 25 over the two planned quarters = 12,5)."""
    indicator = make_indicator(
        quarters={
            q: {"rencana_penarikan": rpd, "realisasi_anggaran": spent, "pagu": 20_000_000}
            for q, (rpd, spent) in money.items()
        }
    )
    assert deviasi_rpd(indicator, k) == D(expected)


# -- the documents, cell by cell ------------------------------------------------------------


def _pk_plan() -> Plan:
    """Four indicators of the new kinds, as of TW II, one with a Target Triwulan."""
    return make_plan(
        make_indicator(
            code="IK-1",
            sasaran="Meningkatnya layanan",
            name="Persentase hunian",
            target=Range(D(80), D(90)),
            quarters={
                1: {"pembilang": D(70), "penyebut": D(100)},
                2: {"pembilang": D(92), "penyebut": D(100)},
            },
            accumulation=Accumulation.PER_TRIWULAN,
        ),
        make_indicator(
            Kind.KATEGORI,
            code="IK-2",
            sasaran="Meningkatnya layanan",
            name="Opini BPK atas laporan keuangan",
            target=_level(OPINI, "WTP"),
            satuan="",
            scale=OPINI,
            quarters={1: {"level": _level(OPINI, "WDP")}, 2: {"level": _level(OPINI, "WTP")}},
        ),
        make_indicator(
            Kind.JUMLAH,
            code="IK-3",
            sasaran="Tata kelola",
            name="Jumlah kegiatan pembinaan",
            target="12",
            satuan="kegiatan",
            quarters={
                1: {"pembilang": D(3), "target": D(3)},
                2: {"pembilang": D(3), "target": D(6)},
            },
        ),
        make_indicator(
            Kind.INDEKS,
            code="IK-4",
            sasaran="Tata kelola",
            name="Indeks kepuasan masyarakat",
            target="3.5",
            satuan="indeks",
            accumulation=Accumulation.RATA_RATA,
            quarters={1: {"nilai": D("3.2")}, 2: {"nilai": D("3.6")}},
        ),
        quarter=2,
    )


# TARGET, the quarter labels and the CAPAIAN value per row (realisasi as of that quarter).
RENCANA_AKSI = [
    ("80–90%", "TW I", "70%"),  # per triwulan: 70/100
    ("80–90%", "TW II", "92%"),
    ("80–90%", "TW III", ""),  # after the reporting quarter: empty
    ("80–90%", "TW IV", ""),
    ("WTP", "TW I", "WDP"),  # the level text
    ("WTP", "TW II", "WTP"),
    ("WTP", "TW III", ""),
    ("WTP", "TW IV", ""),
    ("12 kegiatan", "TW I", "3 kegiatan"),
    ("12 kegiatan", "TW II", "6 kegiatan"),  # kumulatif 3 + 3
    ("12 kegiatan", "TW III", ""),
    ("12 kegiatan", "TW IV", ""),
    ("3,5", "TW I", "3,2"),
    ("3,5", "TW II", "3,4"),  # rata-rata (3,2 + 3,6) / 2
    ("3,5", "TW III", ""),
    ("3,5", "TW IV", ""),
]


def test_rencana_aksi_rows_cell_by_cell(tmp_path: Path) -> None:
    """The built Rencana Aksi prints ranges, levels and averages in TARGET and CAPAIAN."""
    path = render_docx(build_context(_pk_plan()), tmp_path / "ra.docx")
    _, rows = main_table(path)
    # body cells: TARGET is the third; CAPAIAN's quarter label and content the 11th and 12th
    assert [(r[2].text, r[10].text, r[11].text) for r in rows] == RENCANA_AKSI


# NO, SASARAN, INDIKATOR, SATUAN, TARGET, TARGET S.D. TW II, REALISASI, CAPAIAN (%), CAPAIAN
# TAHUNAN (%), PREDIKAT, PAGU, REALISASI ANGGARAN, SERAPAN, DEVIASI RPD, KETERANGAN.
PENGUKURAN = [
    # 92 above 80–90: 92/90 = 102,22 (no Target Triwulan: "-" and the annual capaian twice)
    ["1", "Meningkatnya layanan", "Persentase hunian", "%", "80–90", "-", "92", "102,22",
     "102,22", "Sangat Berhasil", "0", "0", "-", "-", ""],
    # WTP reached, target WTP → 100
    ["2", "Meningkatnya layanan", "Opini BPK atas laporan keuangan", "-", "WTP", "-", "WTP",
     "100", "100", "Sangat Berhasil", "0", "0", "-", "-", ""],
    # 6 of TW II's 6 → 100 (annual 6/12 = 50)
    ["3", "Tata kelola", "Jumlah kegiatan pembinaan", "kegiatan", "12", "6", "6", "100", "50",
     "Sangat Berhasil", "0", "0", "-", "-", ""],
    # mean 3,4 against 3,5 → 97,14
    ["4", "Tata kelola", "Indeks kepuasan masyarakat", "indeks", "3,5", "-", "3,4", "97,14",
     "97,14", "Berhasil", "0", "0", "-", "-", ""],
]  # fmt: skip


def test_pengukuran_rows_cell_by_cell(tmp_path: Path) -> None:
    """With a Target Triwulan the report adds TARGET S.D. TW II and CAPAIAN TAHUNAN (%)."""
    path = render_report(build_report(measure(_pk_plan())), tmp_path / "pk.docx")
    table = Document(str(path)).tables[0]
    headers = [" ".join(c.text.split()) for c in table.rows[0].cells]
    assert headers == [
        "NO", "SASARAN KEGIATAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "TARGET S.D. TW II",
        "REALISASI S.D. TW II", "CAPAIAN (%)", "CAPAIAN TAHUNAN (%)", "PREDIKAT", "PAGU",
        "REALISASI ANGGARAN S.D. TW II", "SERAPAN (%)", "DEVIASI RPD (%)", "KETERANGAN",
    ]  # fmt: skip
    body = [[" ".join(c.text.split()) for c in row.cells] for row in table.rows[1:]]
    assert body == PENGUKURAN


def test_pengukuran_without_quarter_targets_has_the_plain_columns(tmp_path: Path) -> None:
    """No Target Triwulan anywhere: the two quarterly columns are not in the table."""
    plan = make_plan(make_indicator(quarters={2: {"pembilang": D(40), "penyebut": D(50)}}))
    path = render_report(build_report(measure(plan)), tmp_path / "pk.docx")
    table = Document(str(path)).tables[0]
    headers = [" ".join(c.text.split()) for c in table.rows[0].cells]
    assert "CAPAIAN TAHUNAN (%)" not in headers and len(headers) == 13
    assert [" ".join(c.text.split()) for c in table.rows[1].cells][4:8] == [
        "80",
        "80",
        "100",
        "Sangat Berhasil",
    ]


def test_rincian_shows_both_capaian() -> None:
    """validate --rincian: TW II's target, capaian against it, and the annual capaian."""
    lines = rincian(_pk_plan())
    assert "  Target: 80–90%" in lines
    assert "  Target: WTP" in lines
    assert (
        "  TW II: target s.d. TW II 6 kegiatan; realisasi 6 kegiatan; capaian 100% "
        "(Sangat Berhasil); capaian tahunan 50%; pagu 0; rencana penarikan dana 0; "
        "realisasi anggaran 0"
    ) in lines
    assert any(line.startswith("  TW II: realisasi WTP; capaian 100%") for line in lines)


# -- import: ranges and levels of the built-in scales in TARGET ----------------------------


def test_import_reads_ranges_and_levels_back(tmp_path: Path) -> None:
    """A built Rencana Aksi with a range and a level imports to a workbook that builds the
    same TARGET and CAPAIAN cells (the level → kategori with its built-in scale)."""
    from renaksi_docs.importer import import_document
    from renaksi_docs.workbook.reader import read_plan

    plan = _pk_plan()
    source = render_docx(build_context(plan), tmp_path / "ra.docx")
    imported = import_document(source, tmp_path / "kembali.xlsx", soffice=None)
    assert [p for p in imported.problems if p.severity is Severity.ERROR] == []
    back = read_plan(imported.target).plan
    assert back is not None
    first, second = back.indicators[:2]
    assert first.target == Range(D(80), D(90)) and first.satuan == "%"
    assert second.kind is Kind.KATEGORI and second.scale is not None
    assert second.scale.name == "Opini BPK" and second.target == _level(OPINI, "WTP")
    assert [q.level.name if q.level else None for q in second.quarters] == [
        "WDP",
        "WTP",
        None,
        None,
    ]
    rebuilt = render_docx(build_context(replace(back, unit=plan.unit)), tmp_path / "lagi.docx")
    _, rows = main_table(rebuilt)
    assert [(r[2].text, r[11].text) for r in rows[:8]] == [
        (target, value) for target, _label, value in RENCANA_AKSI[:8]
    ]


# -- the workbook: what the reader accepts, refuses and questions ---------------------------


def _row(code: str, **more: object) -> dict[str, object]:
    base: dict[str, object] = {
        "Kode": code,
        "Sasaran Kegiatan": "S",
        "Indikator Kinerja": f"Indikator {code}",
        "Target": 80,
        "Jenis Rumus": "persentase",
        "Pembilang": "a",
        "Penyebut": "b",
        "Kegiatan": "K",
    }
    return base | more


def _read(tmp_path: Path, indikator: list[dict[str, object]], triwulan: list[dict[str, object]]):
    from renaksi_docs.workbook.reader import read_plan
    from renaksi_docs.workbook.samples import MAGELANG
    from renaksi_docs.workbook.standard import WorkbookContent

    from .conftest import make_workbook

    identitas = dict(MAGELANG.identitas) | {"Triwulan": "II", "Batas Capaian (%)": 120}
    content = WorkbookContent(identitas=identitas, indikator=indikator, triwulan=triwulan)
    return read_plan(make_workbook(tmp_path, content=content))


def _messages(reading, severity: Severity) -> list[str]:
    return [f"{p.location}: {p.message}" for p in reading.problems if p.severity is severity]


def test_workbook_reads_every_new_form(tmp_path: Path) -> None:
    """Ranges (three spellings), a level with its Skala, Target Triwulan, rata-rata, decimal
    counts in bulan and Batas Capaian are read into the plan without a problem."""
    reading = _read(
        tmp_path,
        [
            _row("R1", Target="80–90%"),
            _row("R2", Target="80-90"),
            _row("R3", Target="7 s.d. 8", Satuan="bulan", **{"Jenis Rumus": "jumlah"}),
            _row("K1", Target="wtp", Skala="Opini BPK", **{"Jenis Rumus": "kategori"}),
            _row("A1", Target="3,5", Akumulasi="rata-rata", **{"Jenis Rumus": "indeks"}),
        ],
        [
            {"Kode": "R1", "Triwulan": "I", "Pembilang": 470, "Penyebut": 196},
            {"Kode": "R3", "Triwulan": "I", "Pembilang": 6.5, "Target Triwulan": "7 s.d. 8"},
            {"Kode": "K1", "Triwulan": "I", "Nilai": "WDP", "Target Triwulan": "WDP"},
            {"Kode": "A1", "Triwulan": "I", "Nilai": "3,2"},
            {"Kode": "A1", "Triwulan": "II", "Nilai": "3,6"},
        ],
    )
    assert reading.plan is not None, reading.problems
    r1, r2, r3, k1, a1 = reading.plan.indicators
    assert r1.target == r2.target == Range(D(80), D(90))
    assert r3.target == Range(D(7), D(8)) and r3.quarters[0].pembilang == D("6.5")
    assert r3.quarters[0].target == Range(D(7), D(8))
    assert k1.kind is Kind.KATEGORI and k1.target == _level(OPINI, "WTP")
    assert k1.quarters[0].level == _level(OPINI, "WDP") == k1.quarters[0].target
    assert a1.accumulation is Accumulation.RATA_RATA and realisasi(a1, 2) == D("3.4")
    assert reading.plan.unit.cap == D(120)
    # 470 of 196 (occupancy) is a warning, not an error; 6,5 bulan is not questioned
    assert _messages(reading, Severity.WARNING) == [
        "Triwulan!F2: Pembilang (470) lebih besar dari Penyebut (196): persentasenya di atas "
        "100% (wajar untuk hunian atau realisasi PNBP); periksa kedua angka bila bukan itu "
        "maksudnya"
    ]


def test_a_level_not_on_the_scale_names_the_cell_and_the_levels(tmp_path: Path) -> None:
    """Target, Nilai and Target Triwulan of a kategori must be levels of its Skala; a Skala
    must exist; a level is no target for other kinds."""
    reading = _read(
        tmp_path,
        [
            _row("K1", Target="WTB", Skala="Opini BPK", **{"Jenis Rumus": "kategori"}),
            _row("K2", Target="WBK", Skala="Zona Integritas", **{"Jenis Rumus": "kategori"}),
            _row("K3", Target="BB", Skala="SAKIP", **{"Jenis Rumus": "kategori"}),
            _row("K4", Target="WTP", **{"Jenis Rumus": "kategori"}),
            _row("P1", Target="WTP"),
            _row("P2", Target="90–80"),
        ],
        [{"Kode": "K2", "Triwulan": "I", "Nilai": "WTP", "Target Triwulan": 3}],
    )
    assert reading.plan is None
    assert _messages(reading, Severity.ERROR) == [
        'Indikator!D2: Target: "WTB" bukan tingkat skala Opini BPK (WTP, WDP, TW, TMP). '
        'Maksudnya "WTP"?',
        'Indikator!Q4: skala "SAKIP" tidak ada di lembar Skala (yang ada: Opini BPK, Predikat '
        "SAKIP, Zona Integritas, Maturitas SPIP); pilih salah satunya atau tambahkan skalanya "
        "di lembar Skala.",
        "Indikator!Q5: Skala harus diisi",
        'Indikator!D6: Target: "WTP" bukan angka atau rentang; ketik angka (75, 3,52), rentang '
        "(80–90, 80 s.d. 90), atau pilih Jenis Rumus kategori untuk tingkat skala seperti WTP",
        'Indikator!D7: Target: rentang "90–80": batas bawah harus lebih kecil dari batas atas, '
        "mis. 80–90",
        'Triwulan!H2: Nilai: "WTP" bukan tingkat skala Zona Integritas (WBBM, WBK, Belum WBK).',
        "Triwulan!L2: Target Triwulan indikator kategori harus salah satu tingkat skala Zona "
        "Integritas (WBBM, WBK, Belum WBK)",
    ]


def test_warnings_for_a_repeated_base_and_a_fourth_target(tmp_path: Path) -> None:
    """The same Penyebut in two reported quarters of a persentase kumulatif, and a TW IV
    Target Triwulan other than the annual Target, are warnings naming the cells; a count in
    orang that looks misread is questioned, the same figure in bulan is not."""
    reading = _read(
        tmp_path,
        [
            _row("P1"),
            _row("J1", Target=120, Satuan="orang", **{"Jenis Rumus": "jumlah"}),
            _row("J2", Target=12, Satuan="bulan", **{"Jenis Rumus": "jumlah"}),
        ],
        [
            {"Kode": "P1", "Triwulan": "I", "Pembilang": 200, "Penyebut": 1200},
            {"Kode": "P1", "Triwulan": "II", "Pembilang": 300, "Penyebut": 1200},
            {"Kode": "P1", "Triwulan": "IV", "Target Triwulan": 90},
            {"Kode": "J1", "Triwulan": "I", "Pembilang": 1.2},
            {"Kode": "J2", "Triwulan": "I", "Pembilang": 1.2},
        ],
    )
    assert reading.plan is not None
    assert _messages(reading, Severity.WARNING) == [
        "Triwulan!L4: Target Triwulan IV indikator P1 berbeda dari Target tahunannya; target "
        "sampai akhir triwulan IV biasanya sama dengan Target, periksa keduanya",
        "Triwulan!F5: Pembilang 1,2 orang: maksudnya 1.200 orang? Excel/Calc berbahasa Inggris "
        "membaca titik sebagai tanda desimal; bila maksudnya 1.200, ketik 1200 tanpa titik",
        "Triwulan!G2: Penyebut indikator P1 sama (1.200) di Triwulan I, II (G2, G3), padahal "
        "Akumulasi kumulatif menjumlahkan Penyebut setiap triwulan; bila itu dasar setahun "
        "penuh, pilih Akumulasi terakhir dan isi Pembilang secara kumulatif (mis. 500 dari "
        "pagu 1.200 terbaca 20,83%, bukan 41,67%)",
    ]
