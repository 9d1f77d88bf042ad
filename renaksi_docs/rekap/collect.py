"""Many units' workbooks → one `Rekap` for the regional office (docs/rekap.md).

read_plan → measure.measure (the same measurement as the Pengukuran Kinerja report) → a small
picklable record per unit (`UnitResult`, made in the worker processes) → `Rekap`, which
rekap.xlsx writes.

The sheets and every choice where the contract is silent (rounding as printed, empty vs `-`,
order, duplicates, daftar matching, Per Indikator grouping, colours) are described in
docs/rekap.md.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from ..errors import InputProblem, Problem, RenaksiError, Severity
from ..files import check_input, reason
from ..formats import format_target
from ..formulas import Missing, Result, Value, realisasi, round2
from ..measure import NOT_COMPUTABLE, NOT_MEASURABLE, NoReportingQuarter, measure
from ..model import (
    DEFAULT_BANDS,
    QUARTERS,
    ROMAN,
    Band,
    Indicator,
    Level,
    Plan,
    Rounding,
    Target,
)
from ..workbook.cells import normalise
from ..workbook.reader import read_plan

VALID = "valid"
INVALID = "tidak valid"
NOT_SENT = "belum mengirim"
"""Status values of a Ringkasan row."""


class DaftarProblem(RenaksiError):
    """The --daftar file cannot be read."""


# -- per unit (runs in the worker processes) ------------------------------------------------


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator of one unit, as the rekap shows it."""

    code: str
    sasaran: str
    name: str
    satuan: str
    target: Decimal | str
    """A number, or the text of a range ('80–90') or a level ('WTP')."""
    realisasi: tuple[Decimal | str | Missing | None, ...]
    """Realisasi as of TW I..IV (a level as its text); None after the reporting quarter (or
    without one)."""
    capaian: Result
    """Against the reporting quarter's Target Triwulan where there is one (docs/indicators.md)."""
    predikat: str
    pagu: int
    """The whole year's pagu."""
    realisasi_anggaran: int | None
    """Realisasi anggaran of TW I..k; None without a reporting quarter."""
    serapan: Result | None
    target_triwulan: Decimal | str | None = None
    """The reporting quarter's Target Triwulan, as `target`; None without one."""
    capaian_tahunan: Result = Missing.NOT_REPORTED
    """Against the annual target."""


def _target(indicator: Indicator, target: Target, rounding: Rounding) -> Decimal | str:
    """A target as the rekap stores it: a number as a number, a range or level as its text."""
    if isinstance(target, Decimal):
        return target
    return format_target(indicator, rounding, target, with_unit=False)


def _stored(value: Value | None) -> Decimal | str | Missing | None:
    """A realisasi as the rekap stores it: a level as its text."""
    return value.name if isinstance(value, Level) else value


@dataclass(frozen=True)
class UnitResult:
    """What one input file gave: a measured unit, or the problems that stop it."""

    source: Path
    problems: tuple[Problem, ...] = ()
    """Every error and warning of the workbook."""
    name: str | None = None
    """Nama UPT, when it could be read (also from an invalid workbook)."""
    year: int | None = None
    quarter: int | None = None
    """The reporting quarter the unit is measured as of; None: not measurable."""
    rounding: Rounding = Rounding.BULAT
    bands: tuple[Band, ...] = DEFAULT_BANDS
    indicators: tuple[IndicatorResult, ...] = ()
    counts: tuple[tuple[str, int], ...] = ()
    """Indicators per predikat, the unit's bands first (as Measurement.counts)."""
    mean_capaian: Decimal | None = None
    serapan: Result | None = None
    """The unit's budget absorption as of TW k."""
    valid: bool = False

    @property
    def ok(self) -> bool:
        """Read without errors (the progress bar's word for it)."""
        return self.valid


def read_unit(source: Path, quarter: int | None = None) -> UnitResult:
    """Read and measure one workbook as of `quarter` (default: its own Triwulan); a file
    that cannot be opened (missing, no permission, held by another program) is an invalid
    unit with that reason."""
    try:
        check_input(source)
    except InputProblem as exc:
        return UnitResult(source, (Problem(Severity.ERROR, exc.reason),))
    from ..workbook.images import BesideWorkbook
    from ..workbook.spreadsheets import (
        readable_workbook,  # .ods and .xls through LibreOffice, as build does
    )

    with readable_workbook(source) as readable:  # images beside the source, not its copy
        reading = read_plan(readable, BesideWorkbook(source.parent))
    if reading.plan is None:
        return UnitResult(source, reading.problems, reading.name, reading.year)
    plan = reading.plan
    base = UnitResult(
        source,
        reading.problems,
        plan.unit.name,
        plan.unit.year,
        rounding=plan.unit.rounding,
        bands=plan.bands,
        valid=True,
    )
    try:
        measurement = measure(plan, quarter)
    except NoReportingQuarter:
        return _unmeasured(base, plan)
    k = measurement.quarter
    rows = tuple(
        IndicatorResult(
            code=m.indicator.code,
            sasaran=m.indicator.sasaran,
            name=m.indicator.name,
            satuan=m.indicator.satuan,
            target=_target(m.indicator, m.indicator.target, plan.unit.rounding),
            realisasi=tuple(
                _stored(m.realisasi if j == k else realisasi(m.indicator, j) if j < k else None)
                for j in QUARTERS
            ),
            capaian=m.capaian,
            predikat=m.predikat,
            pagu=m.pagu,
            realisasi_anggaran=m.realisasi_anggaran,
            serapan=m.serapan,
            target_triwulan=None
            if m.quarter_target is None
            else _target(m.indicator, m.quarter_target, plan.unit.rounding),
            capaian_tahunan=m.annual_capaian,
        )
        for m in measurement.indicators
    )
    return replace(
        base,
        quarter=k,
        indicators=rows,
        counts=tuple(measurement.counts.items()),
        mean_capaian=measurement.mean_capaian,
        serapan=measurement.serapan,
    )


def _unmeasured(base: UnitResult, plan: Plan) -> UnitResult:
    """A valid unit without a reporting quarter: every indicator `Belum dapat diukur`."""
    rows = tuple(
        IndicatorResult(
            code=i.code,
            sasaran=i.sasaran,
            name=i.name,
            satuan=i.satuan,
            target=_target(i, i.target, plan.unit.rounding),
            realisasi=(None, None, None, None),
            capaian=Missing.NOT_REPORTED,
            predikat=NOT_MEASURABLE,
            pagu=sum(q.pagu for q in i.quarters),
            realisasi_anggaran=None,
            serapan=None,
        )
        for i in plan.indicators
    )
    labels = [b.label for b in plan.bands] + [NOT_MEASURABLE, NOT_COMPUTABLE]
    counts = tuple((label, len(rows) if label == NOT_MEASURABLE else 0) for label in labels)
    return replace(base, indicators=rows, counts=counts)


def read_all(
    sources: Sequence[Path],
    quarter: int | None,
    jobs: int,
    done: Callable[[UnitResult], None] = lambda result: None,
) -> list[UnitResult]:
    """Read and measure every workbook, `jobs` at a time, with build's batch machinery
    (process pool when it pays, Ctrl-C raising batch.BatchInterrupted); a file named twice
    (also in another spelling: a symlink, another case on Windows and macOS) is read once."""
    from ..batch import run_all
    from ..files import path_key

    seen: set[str] = set()
    unique = []
    for source in sources:
        if (key := path_key(source)) not in seen:
            seen.add(key)
            unique.append(source)
    return run_all(functools.partial(read_unit, quarter=quarter), unique, jobs, done)


# -- the whole recap -------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One row of Ringkasan: a unit's workbook, or an expected unit that sent nothing."""

    name: str
    """Nama UPT, or the file name when the unit cannot be read."""
    status: str
    result: UnitResult | None = None
    notes: tuple[str, ...] = ()
    """Catatan: an invalid unit's first error, duplicates, not in the daftar, no reporting
    quarter."""


@dataclass(frozen=True)
class Rekap:
    """Every input accounted for, in the order the sheets show them."""

    rows: tuple[Row, ...]
    duplicates: tuple[tuple[UnitResult, ...], ...] = ()
    """Groups of workbooks of the same unit and year (two or more each)."""
    labels: tuple[str, ...] = field(default=())
    """Predikat columns of Ringkasan: every band label in use, then the two unmeasured kinds."""

    @property
    def results(self) -> list[UnitResult]:
        """Every input file's result, in row order."""
        return [row.result for row in self.rows if row.result is not None]

    @property
    def valid(self) -> list[UnitResult]:
        return [r for r in self.results if r.valid]

    @property
    def invalid(self) -> list[UnitResult]:
        return [r for r in self.results if not r.valid]

    @property
    def not_sent(self) -> list[str]:
        return [row.name for row in self.rows if row.status == NOT_SENT]


def read_daftar(path: Path) -> list[str]:
    """The expected units: one Nama UPT a line; blank lines skipped, duplicates dropped."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DaftarProblem(
            f"{path}: bukan teks UTF-8; simpan ulang daftar sebagai teks UTF-8 "
            "(satu Nama UPT per baris)"
        ) from None
    except FileNotFoundError:
        raise DaftarProblem(f"{path}: berkas daftar tidak ditemukan") from None
    except OSError as exc:
        raise DaftarProblem(f"{path}: tidak dapat dibaca: {reason(exc)}") from None
    names: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip():
            names.setdefault(normalise(line), " ".join(line.split()))
    return list(names.values())


def assemble(results: Iterable[UnitResult], daftar: Sequence[str] | None = None) -> Rekap:
    """Order the results, flag duplicates and compare with the daftar."""
    results = sorted(
        results,
        key=lambda r: (normalise(r.name or r.source.name), r.year or 0, str(r.source)),
    )
    groups: dict[tuple[str, int], list[UnitResult]] = defaultdict(list)
    for result in results:
        if result.name is not None and result.year is not None:
            groups[(normalise(result.name), result.year)].append(result)
    duplicates = tuple(tuple(group) for group in groups.values() if len(group) > 1)
    expected = {normalise(name) for name in daftar or ()}
    sent = {normalise(r.name) for r in results if r.name is not None}
    rows = []
    for result in results:
        notes = []
        first = first_error(result)
        if first is not None:
            notes.append(first)
        if result.name is not None and result.year is not None:
            others = [r for r in groups[(normalise(result.name), result.year)] if r is not result]
            if others:
                files = ", ".join(r.source.name for r in others)
                notes.append(f"ganda: unit dan tahun yang sama juga ada di {files}")
        if result.valid and result.quarter is None:
            notes.append(f"{NOT_MEASURABLE}: triwulan pelaporan belum ditentukan")
        if (
            daftar is not None
            and result.name is not None
            and normalise(result.name) not in expected
        ):
            notes.append("tidak ada di daftar")
        name = result.name if result.name is not None else result.source.name
        rows.append(Row(name, VALID if result.valid else INVALID, result, tuple(notes)))
    for name in daftar or ():
        if normalise(name) not in sent:
            rows.append(Row(name, NOT_SENT))
    labels: dict[str, None] = {}
    for result in results:
        if result.valid:
            labels.update((band.label, None) for band in result.bands)
    if not labels:
        labels.update((band.label, None) for band in DEFAULT_BANDS)
    labels.update({NOT_MEASURABLE: None, NOT_COMPUTABLE: None})
    return Rekap(tuple(rows), duplicates, tuple(labels))


def first_error(result: UnitResult) -> str | None:
    """An invalid unit's first error with its place, and how many more the Masalah sheet
    lists; None for a valid unit."""
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    if result.valid or not errors:
        return None
    more = f" (+{len(errors) - 1} galat lain di lembar Masalah)" if len(errors) > 1 else ""
    return f"{errors[0]}{more}"


def shared_indicators(rekap: Rekap) -> list[tuple[str, dict[int, IndicatorResult]]]:
    """Indicators whose text occurs in ≥ 2 units: (text as first spelt, column → indicator),
    where a column is the index of the unit in `rekap.valid`."""
    texts: dict[str, str] = {}
    where: dict[str, dict[int, IndicatorResult]] = defaultdict(dict)
    units: dict[str, set[str]] = defaultdict(set)
    for column, result in enumerate(rekap.valid):
        for indicator in result.indicators:
            key = normalise(indicator.name)
            texts.setdefault(key, " ".join(indicator.name.split()))
            where[key].setdefault(column, indicator)
            units[key].add(normalise(result.name or ""))
    return [(texts[key], where[key]) for key in texts if len(units[key]) >= 2]


def number(value: Result | None, rounding: Rounding) -> Decimal | str | None:
    """A measured percentage as stored: rounded as printed, '-' when not computable, None when
    not reported."""
    if value is None or value is Missing.NOT_REPORTED:
        return None
    if isinstance(value, Missing):
        return "-"
    return round2(value, rounding)


def quarter_label(result: UnitResult) -> str | None:
    """'II', or None."""
    return ROMAN[result.quarter] if result.quarter is not None else None
