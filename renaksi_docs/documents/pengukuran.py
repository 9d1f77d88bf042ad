"""Measurement → what the Pengukuran Kinerja report shows (docs/pengukuran.md), every display
choice of that report in one place.

Pure like rencana_aksi.py (no docxtpl, no Word): it formats `measure.Measurement` with
the public format functions of formats.py, so both documents print numbers, money and dates the
same way. The chart's data come from here too, rounded exactly as the table prints them.

Choices where the contract is silent:
- TARGET and REALISASI are bare numbers (`80`, `82,35`, a range `80–90`) or a level's text
  (`WTP`): the SATUAN column carries the unit (`%`, `indeks`, `orang`); an indicator without a
  Satuan shows `-` there.
- CAPAIAN, SERAPAN and DEVIASI RPD are numbers without `%` (the header says `(%)`), two
  decimals at most by the workbook's Pembulatan (serapan always truncated, docs/numbers.md);
  DEVIASI RPD is unsigned (IKPA's mean of absolute deviations).
- `TARGET S.D. TW k` and `CAPAIAN TAHUNAN (%)` (docs/indicators.md) are there only when the
  workbook has a Target Triwulan somewhere (`ReportContext.quarterly`); an indicator without
  one for TW k shows `-` and the annual capaian in both CAPAIAN columns.
- With a Batas Capaian that some capaian exceeds, the summary's mean says that capaian above
  the cap counted as the cap.
- KETERANGAN: TW k's Kendala and Tindak Lanjut as `Kendala: …` / `Tindak lanjut: …` when
  either is filled, else the indicator's Keterangan; one bullet per item.
- The legend shows every band of the unit (not only those that occur), highest first, as
  `≥ 100%`, `75% s.d. < 100%`, `< 55%` (the lowest band also takes negative capaian).
- The summary counts every band (zeros included) and, apart, the two unmeasured kinds; the
  mean is over measurable indicators; it ends with the unit's serapan anggaran.
- Chart labels are the table's NO (1, 2, …), with a key of indicator names under the chart.
- Band colours: green for the highest band through blue and amber to red for the lowest.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..formats import DASH, clean, format_money, format_number, format_target
from ..formulas import Missing, Value, round2
from ..measure import NOT_COMPUTABLE, NOT_MEASURABLE, Measured, Measurement
from ..model import ROMAN, Band, Level, PaperSize, Rounding
from .signing import Signature, signature

PALETTE = ("2E7D32", "7CB342", "1565C0", "F9A825", "EF6C00", "C62828")
"""Bar colours (RGB hex) from the best band to the worst; a unit's bands pick evenly from it."""
KEY_WIDTH = 90
"""Indicator names in the chart's key are cut to about this many characters."""


@dataclass(frozen=True)
class ReportRow:
    """One indicator of the report's table (13 cells, 15 with the quarterly columns)."""

    sasaran_first: bool
    """This row starts a new SASARAN KEGIATAN merge."""
    no: str
    sasaran: str
    """The Sasaran text on the first row of its merge, '' on the others."""
    indikator: str
    satuan: str
    target: str
    target_triwulan: str
    """TW k's Target Triwulan, or '-' (shown only when `ReportContext.quarterly`)."""
    realisasi: str
    capaian: str
    """Against TW k's target where there is one, else the annual target."""
    capaian_tahunan: str
    """Against the annual target (shown only when `ReportContext.quarterly`)."""
    predikat: str
    pagu: str
    realisasi_anggaran: str
    serapan: str
    deviasi_rpd: str
    keterangan: tuple[str, ...]
    """One bullet per item."""


@dataclass(frozen=True)
class ChartSeries:
    """One predikat's bars: values only at the indicators that earned it."""

    label: str
    colour: str
    """RGB hex, e.g. '2E7D32'."""
    values: tuple[Decimal | None, ...]
    """Per category: the capaian as printed, or None (no bar)."""


@dataclass(frozen=True)
class ChartData:
    """The chart of capaian per indicator (docs/pengukuran.md)."""

    title: str
    categories: tuple[str, ...]
    """The table's NO of each indicator."""
    series: tuple[ChartSeries, ...]
    """One per band that occurs, highest band first."""
    line_label: str
    """Name of the 100% line's series."""
    key: tuple[str, ...]
    """'1. Indicator name' per category."""

    @property
    def capaian(self) -> tuple[Decimal | None, ...]:
        """The bar of each category, whichever series holds it."""
        merged: list[Decimal | None] = [None] * len(self.categories)
        for series in self.series:
            for index, value in enumerate(series.values):
                if value is not None:
                    merged[index] = value
        return tuple(merged)


@dataclass(frozen=True)
class LegendEntry:
    """One band of the legend under the table."""

    range: str
    """'≥ 100%', '75% s.d. < 100%', '< 55%'."""
    label: str
    colour: str


@dataclass(frozen=True)
class ReportContext:
    """Everything the Pengukuran Kinerja template shows."""

    judul: str
    """'PENGUKURAN KINERJA BALAI PEMASYARAKATAN KELAS II MAGELANG'."""
    subjudul: str
    """'Triwulan II Tahun 2026'."""
    kolom_realisasi: str
    """'REALISASI S.D. TW II'."""
    kolom_target_triwulan: str
    """'TARGET S.D. TW II'."""
    quarterly: bool
    """The table has TARGET S.D. TW k and CAPAIAN TAHUNAN (%): some Target Triwulan exists."""
    kolom_anggaran: str
    """'REALISASI ANGGARAN S.D. TW II'."""
    rows: tuple[ReportRow, ...]
    legend: tuple[LegendEntry, ...]
    ringkasan: str
    chart: ChartData
    ttd: Signature
    """The signature block and signing, as in the Rencana Aksi (context.signature)."""
    paper: PaperSize


def band_colours(bands: tuple[Band, ...]) -> dict[str, str]:
    """Colour of each band label, best band green, worst red."""
    last = len(PALETTE) - 1
    count = len(bands)
    return {
        band.label: PALETTE[0 if count == 1 else int(i * last / (count - 1) + 0.5)]
        for i, band in enumerate(bands)
    }


def build_report(measurement: Measurement) -> ReportContext:
    """The report's content for a plan measured as of its reporting quarter."""
    plan, unit = measurement.plan, measurement.plan.unit
    rounding = unit.rounding
    tw = ROMAN[measurement.quarter]
    colours = band_colours(plan.bands)
    rows: list[ReportRow] = []
    previous: str | None = None
    for number, measured in enumerate(measurement.indicators, start=1):
        first = measured.indicator.sasaran != previous
        previous = measured.indicator.sasaran
        rows.append(_row(number, measured, first, measurement.quarter, rounding))
    return ReportContext(
        judul=f"PENGUKURAN KINERJA {clean(unit.name).upper()}",
        subjudul=measurement.label,
        kolom_realisasi=f"REALISASI S.D. TW {tw}",
        kolom_target_triwulan=f"TARGET S.D. TW {tw}",
        quarterly=plan.has_quarter_targets,
        kolom_anggaran=f"REALISASI ANGGARAN S.D. TW {tw}",
        rows=tuple(rows),
        legend=_legend(plan.bands, rounding, colours),
        ringkasan=summary(measurement),
        chart=_chart(measurement, colours),
        ttd=signature(unit),
        paper=unit.paper,
    )


def format_result(value: Value, rounding: Rounding) -> str:
    """A figure without its unit: '82,35', '666,67', '-12,5', a level's text ('WTP'); '-' when
    it cannot be given (not reported yet, or not computable)."""
    if isinstance(value, Missing):
        return DASH
    if isinstance(value, Level):
        return clean(value.name)
    return format_number(value, rounding)


def _row(number: int, measured: Measured, first: bool, k: int, rounding: Rounding) -> ReportRow:
    indicator = measured.indicator
    figures = indicator.quarter(k)
    notes = tuple(
        f"{label}: {clean(text.strip())}"
        for label, text in (("Kendala", figures.kendala), ("Tindak lanjut", figures.tindak_lanjut))
        if text.strip()
    )
    return ReportRow(
        sasaran_first=first,
        no=str(number),
        sasaran=clean(indicator.sasaran) if first else "",
        indikator=clean(indicator.name),
        satuan=clean(indicator.satuan.strip()) or DASH,
        target=format_target(indicator, rounding, with_unit=False),
        target_triwulan=DASH
        if measured.quarter_target is None
        else format_target(indicator, rounding, measured.quarter_target, with_unit=False),
        realisasi=format_result(measured.realisasi, rounding),
        capaian=format_result(measured.capaian, rounding),
        capaian_tahunan=format_result(measured.annual_capaian, rounding),
        predikat=measured.predikat,
        pagu=format_money(measured.pagu),
        realisasi_anggaran=format_money(measured.realisasi_anggaran),
        serapan=format_result(measured.serapan, rounding),
        deviasi_rpd=format_result(measured.deviasi_rpd, rounding),
        keterangan=notes or tuple(clean(note) for note in indicator.keterangan),
    )


def _legend(
    bands: tuple[Band, ...], rounding: Rounding, colours: dict[str, str]
) -> tuple[LegendEntry, ...]:
    entries = []
    for index, band in enumerate(bands):
        lower = f"{format_number(band.lower, rounding)}%"
        if len(bands) == 1:
            span = "semua capaian"
        elif index == 0:
            span = f"≥ {lower}"
        elif index == len(bands) - 1:
            span = f"< {format_number(bands[index - 1].lower, rounding)}%"
        else:
            span = f"{lower} s.d. < {format_number(bands[index - 1].lower, rounding)}%"
        entries.append(LegendEntry(span, band.label, colours[band.label]))
    return tuple(entries)


def summary(measurement: Measurement) -> str:
    """'Ringkasan: 7 indikator — Sangat Berhasil 2, …; rata-rata capaian 87,45% (5 indikator
    terukur); serapan anggaran 45,2%.' With a Batas Capaian that some capaian exceeds, the mean
    is followed by '(capaian di atas 120% dihitung 120%)'."""
    rounding = measurement.plan.unit.rounding
    counts = measurement.counts
    bands = ", ".join(f"{label} {counts[label]}" for label in counts)
    measurable = sum(1 for m in measurement.indicators if m.measurable)
    mean = measurement.mean_capaian
    average = DASH if mean is None else f"{format_number(mean, rounding)}%"
    counted = f"{measurable} indikator terukur"
    cap = measurement.plan.unit.cap
    if measurement.capped and cap is not None:
        limit = f"{format_number(cap, rounding)}%"
        counted += f"; Batas Capaian diterapkan: capaian di atas {limit} dihitung {limit}"
    serapan = measurement.serapan
    absorbed = DASH if isinstance(serapan, Missing) else f"{format_number(serapan, rounding)}%"
    return (
        f"Ringkasan: {len(measurement.indicators)} indikator — {bands}; rata-rata capaian "
        f"{average} ({counted}); serapan anggaran {absorbed}."
    )


def _chart(measurement: Measurement, colours: dict[str, str]) -> ChartData:
    rounding = measurement.plan.unit.rounding
    count = len(measurement.indicators)
    series = []
    for band in measurement.plan.bands:
        values = tuple(
            round2(m.capaian, rounding)
            if m.predikat == band.label and isinstance(m.capaian, Decimal)
            else None
            for m in measurement.indicators
        )
        if any(v is not None for v in values):
            series.append(ChartSeries(band.label, colours[band.label], values))
    key = tuple(
        f"{number}. {_shorten(m.indicator.name)}"
        + (f" ({m.predikat.lower()})" if m.predikat in (NOT_MEASURABLE, NOT_COMPUTABLE) else "")
        for number, m in enumerate(measurement.indicators, start=1)
    )
    return ChartData(
        title=f"Capaian Kinerja (%) s.d. {measurement.label}",
        categories=tuple(str(n) for n in range(1, count + 1)),
        series=tuple(series),
        line_label="Target 100%",
        key=key,
    )


def _shorten(name: str) -> str:
    text = " ".join(clean(name).split())
    if len(text) <= KEY_WIDTH:
        return text
    return text[: KEY_WIDTH - 1].rsplit(" ", 1)[0] + " …"
