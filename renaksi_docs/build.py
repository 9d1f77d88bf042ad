"""One workbook → its documents: read, compute, lay out, render (the whole pipeline).

workbook.reader.read_plan
    → documents.rencana_aksi.build_context (formulas inside) → rencana_aksi_docx.render_docx
    → measure.measure → documents.pengukuran.build_report → pengukuran_docx.render_report
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .batch import BatchInterrupted, run_all
from .errors import (
    InputMissing,
    OutputExists,
    Problem,
    RenaksiError,
    Severity,
    WorkbookInvalid,
)
from .files import slug
from .model import Plan
from .workbook.reader import read_plan

if TYPE_CHECKING:
    pass

T = TypeVar("T")
"""What one workbook of a batch gives (build: an Outcome; rekap: a UnitResult)."""


class Documents(Enum):
    """Which documents `build --dokumen` writes for each workbook (docs/pengukuran.md)."""

    RENCANA_AKSI = "rencana-aksi"
    PENGUKURAN = "pengukuran"
    SEMUA = "semua"

    @property
    def parts(self) -> tuple[Documents, ...]:
        """The single documents this choice writes, in order."""
        if self is Documents.SEMUA:
            return (Documents.RENCANA_AKSI, Documents.PENGUKURAN)
        return (self,)


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked for, shared by every workbook of a run."""

    out_dir: Path = Path(".")
    """Folder for the outputs."""
    quarter: int | None = None
    """Reporting quarter 1..4; overrides the workbook's Identitas Triwulan."""
    template: Path | None = None
    """A clerk's own template; None for ours."""
    force: bool = False
    """Replace existing outputs."""
    pdf: bool = False
    """Also convert each document to PDF."""
    documents: Documents = Documents.RENCANA_AKSI
    """Which documents to write."""
    quarter_hint: str = ""
    """How the user gives a reporting quarter where this run was asked for (the CLI's option,
    the web page's field): the Pengukuran's missing-quarter message names it."""


@dataclass(frozen=True)
class Built:
    """A document written for one workbook."""

    source: Path
    docx: Path
    warnings: tuple[Problem, ...]


def output_name(plan: Plan) -> str:
    """'rencana-aksi-<unit-slug>-<tahun>[-tw<k>].docx'."""
    unit = plan.unit
    quarter = f"-tw{unit.quarter}" if unit.quarter else ""
    return f"rencana-aksi-{slug(unit.name)}-{unit.year}{quarter}.docx"


def load(source: Path, options: BuildOptions) -> tuple[Plan, tuple[Problem, ...]]:
    """The workbook's plan with the options applied, or WorkbookInvalid. An .ods or .xls is
    read through LibreOffice when it is installed (workbook/spreadsheets.py)."""
    from .workbook.spreadsheets import readable_workbook

    with readable_workbook(source) as readable:
        reading = read_plan(readable)
    if reading.plan is None:
        raise WorkbookInvalid(source, reading.problems)
    plan = reading.plan
    if options.quarter is not None:
        plan = replace(plan, unit=replace(plan.unit, quarter=options.quarter))
    return plan, reading.warnings


def build_docx(source: Path, options: BuildOptions) -> Built:
    """Build the Rencana Aksi .docx of one workbook into options.out_dir."""
    plan, warnings = load(source, options)
    return Built(source, write_rencana_aksi(plan, options), warnings)


def write_rencana_aksi(plan: Plan, options: BuildOptions) -> Path:
    """Write the Rencana Aksi of `plan` into options.out_dir."""
    from .documents.rencana_aksi import build_context
    from .documents.rencana_aksi_docx import render_docx

    target = options.out_dir / output_name(plan)
    if not options.force:
        for output in (target, target.with_suffix(".pdf")) if options.pdf else (target,):
            if output.exists():
                raise OutputExists(output)
    return render_docx(build_context(plan), target, options.template, options.force)


def write_document(document: Documents, plan: Plan, options: BuildOptions) -> Path:
    """Write one document (not SEMUA) of `plan`; the report's modules load only for it."""
    if document is Documents.PENGUKURAN:
        from .documents.pengukuran_docx import write_report
        from .measure import NoReportingQuarter

        if plan.unit.quarter is None:
            raise NoReportingQuarter(plan.unit.name, options.quarter_hint)

        return write_report(plan, options.out_dir, options.force, options.pdf)
    return write_rencana_aksi(plan, options)


@dataclass(frozen=True)
class Outcome:
    """What became of one workbook in a run."""

    source: Path
    docx: Path | None = None
    pdf: Path | None = None
    warnings: tuple[Problem, ...] = ()
    problems: tuple[Problem, ...] = ()
    """Every problem of an invalid workbook."""
    error: str | None = None
    """Why it failed (the first problem), or None."""
    document: Documents = Documents.RENCANA_AKSI
    """Which document `docx` and `pdf` are."""
    also: tuple[Outcome, ...] = ()
    """The workbook's other documents in this run (with `--dokumen semua`: the Pengukuran)."""

    @property
    def ok(self) -> bool:
        """Every document built, and converted when a PDF was asked for."""
        return self.error is None and all(other.ok for other in self.also)

    def each(self) -> tuple[Outcome, ...]:
        """One Outcome per document, each on its own: this one (without `also`), then `also`."""
        return (replace(self, also=()), *self.also)


WORKBOOK_SUFFIXES = (".xlsx",)
"""What `build FOLDER` builds (any case: LAPORAN.XLSX too)."""
REFUSED_SUFFIXES = (".ods", ".xls", ".csv")
"""Spreadsheets in a folder that are not .xlsx: listed as failed with the reader's message
(never skipped without a word)."""


def workbooks(inputs: Iterable[Path]) -> list[Path]:
    """Files as given; folders as every .xlsx inside (and the .ods, .xls and .csv files, which
    fail with their own message), without Excel's ~$ lock files; any case of the suffix."""
    found: list[Path] = []
    wanted = WORKBOOK_SUFFIXES + REFUSED_SUFFIXES
    for path in inputs:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix.lower() in wanted
                    and p.is_file()
                    and not p.name.startswith(("~$", "."))
                )
            )
        else:
            found.append(path)
    return found


def build_one(source: Path, options: BuildOptions) -> Outcome:
    """Build one workbook's documents (options.documents); library errors become a failed
    Outcome, per document: with `semua`, a Pengukuran without a reporting quarter fails
    alone and the Rencana Aksi is still written."""
    first = options.documents.parts[0]
    try:
        if not source.is_file():
            raise InputMissing(source)
        plan, warnings = load(source, options)
    except WorkbookInvalid as exc:
        errors = [p for p in exc.problems if p.severity is Severity.ERROR]
        error = str(errors[0]) if errors else str(exc)
        return Outcome(source, problems=exc.problems, error=error, document=first)
    except RenaksiError as exc:
        return Outcome(source, error=str(exc), document=first)
    documents = []
    for part in options.documents.parts:
        try:
            docx = write_document(part, plan, options)
        except RenaksiError as exc:
            documents.append(Outcome(source, error=str(exc), document=part))
        else:
            documents.append(Outcome(source, docx=docx, document=part))
    return replace(documents[0], warnings=warnings, also=tuple(documents[1:]))


def build_all(
    sources: Sequence[Path],
    options: BuildOptions,
    jobs: int,
    done: Callable[[Outcome], None] = lambda outcome: None,
    start_method: str | None = None,
    platform: str = sys.platform,
) -> list[Outcome]:
    """Build every workbook's .docx, `jobs` at a time; `done` hears of each as it finishes.

    Ctrl-C starts no new document: those under way finish and are counted, then
    BatchInterrupted carries every outcome so far (a second Ctrl-C stops at once)."""
    work = functools.partial(build_one, options=options)
    return run_all(work, sources, jobs, done, start_method, platform)


def convert_all(
    outcomes: Sequence[Outcome],
    jobs: int,
    force: bool,
    done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Convert every built .docx to PDF: one LibreOffice process per job, over its share.

    Ctrl-C ends every LibreOffice at once; BatchInterrupted then carries the outcomes, with the
    PDFs written before it."""
    from concurrent.futures import ThreadPoolExecutor, wait

    from . import libreoffice

    documents = [d.docx for o in outcomes for d in o.each() if d.docx is not None]
    shares = libreoffice.shares(documents, jobs)
    converted: dict[Path, libreoffice.Converted] = {}
    interrupted = False
    with libreoffice.Converter() as converter:
        try:
            converter.binary()
        except RenaksiError as exc:  # LibreOffice missing: the .docx files stay
            missing = str(exc)
            return [_each(o, lambda d: replace(d, error=missing)) for o in outcomes]
        with ThreadPoolExecutor(max_workers=max(len(shares), 1)) as pool:
            futures = [pool.submit(converter.convert, share, force) for share in shares]
            try:
                for future in futures:
                    while not future.done():  # a timeout: Ctrl-C is seen at once on Windows too
                        wait([future], timeout=0.5)
                    converted.update((result.docx, result) for result in future.result())
            except KeyboardInterrupt:
                converter.cancel()  # the threads (waiting on LibreOffice) finish at once
                interrupted = True
                for future in futures:
                    converted.update((result.docx, result) for result in future.result())

    def attach(document: Outcome) -> Outcome:
        if document.docx is None:
            return document
        result = converted[document.docx]
        document = replace(document, pdf=result.pdf, error=result.error)
        if not interrupted:
            done(document)
        return document

    finished = [_each(outcome, attach) for outcome in outcomes]
    if interrupted:
        raise BatchInterrupted(finished, len(finished))
    return finished


def _each(outcome: Outcome, change: Callable[[Outcome], Outcome]) -> Outcome:
    """`outcome` with `change` applied to each of its built documents."""
    first, *rest = (change(d) if d.docx is not None else d for d in outcome.each())
    return replace(first, also=tuple(rest))
