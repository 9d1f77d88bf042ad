"""One workbook → its document: read, compute, lay out, render (the whole pipeline).

reader.read_plan → context.build_context (formulas inside) → render.render_docx
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

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
from .reader import read_plan


class Dokumen(Enum):
    """Which documents `build --dokumen` writes for each workbook (PRODUCT.md §6)."""

    RENCANA_AKSI = "rencana-aksi"
    PENGUKURAN = "pengukuran"
    SEMUA = "semua"


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked for, shared by every workbook of a run."""

    out_dir: Path = Path(".")
    """Folder for the outputs."""
    triwulan: int | None = None
    """Reporting quarter 1..4; overrides the workbook's Identitas Triwulan."""
    template: Path | None = None
    """A clerk's own template; None for ours."""
    force: bool = False
    """Replace existing outputs."""
    pdf: bool = False
    """Also convert each document to PDF."""
    dokumen: Dokumen = Dokumen.RENCANA_AKSI
    """Which documents to write."""


@dataclass(frozen=True)
class Built:
    """A document written for one workbook."""

    source: Path
    docx: Path
    warnings: tuple[Problem, ...]


def output_name(plan: Plan) -> str:
    """'rencana-aksi-<unit-slug>-<tahun>[-tw<k>].docx'."""
    unit = plan.unit
    quarter = f"-tw{unit.triwulan}" if unit.triwulan else ""
    return f"rencana-aksi-{slug(unit.nama)}-{unit.tahun}{quarter}.docx"


def load(source: Path, options: BuildOptions) -> tuple[Plan, tuple[Problem, ...]]:
    """The workbook's plan with the options applied, or WorkbookInvalid."""
    reading = read_plan(source)
    if reading.plan is None:
        raise WorkbookInvalid(source, reading.problems)
    plan = reading.plan
    if options.triwulan is not None:
        plan = replace(plan, unit=replace(plan.unit, triwulan=options.triwulan))
    return plan, reading.warnings


def build_docx(source: Path, options: BuildOptions) -> Built:
    """Build the .docx of one workbook into options.out_dir."""
    from .context import build_context
    from .render import render_docx

    plan, warnings = load(source, options)
    target = options.out_dir / output_name(plan)
    if not options.force:
        for output in (target, target.with_suffix(".pdf")) if options.pdf else (target,):
            if output.exists():
                raise OutputExists(output)
    render_docx(build_context(plan), target, options.template, options.force)
    return Built(source, target, warnings)


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

    @property
    def ok(self) -> bool:
        """Built, and converted when a PDF was asked for."""
        return self.error is None


def workbooks(inputs: Iterable[Path]) -> list[Path]:
    """Files as given; folders as every *.xlsx inside, without Excel's ~$ lock files."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.glob("*.xlsx")
                    if p.is_file() and not p.name.startswith(("~$", "."))
                )
            )
        else:
            found.append(path)
    return found


def build_one(source: Path, options: BuildOptions) -> Outcome:
    """Build one workbook's .docx; library errors become a failed Outcome."""
    try:
        if not source.is_file():
            raise InputMissing(source)
        built = build_docx(source, options)
    except WorkbookInvalid as exc:
        errors = [p for p in exc.problems if p.severity is Severity.ERROR]
        return Outcome(source, problems=exc.problems, error=str(errors[0]) if errors else str(exc))
    except RenaksiError as exc:
        return Outcome(source, error=str(exc))
    return Outcome(source, docx=built.docx, warnings=built.warnings)


def default_jobs() -> int:
    """One job per core."""
    return os.cpu_count() or 1


def build_all(
    sources: Sequence[Path],
    options: BuildOptions,
    jobs: int,
    done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Build every workbook's .docx, `jobs` at a time; `done` hears of each as it finishes."""
    outcomes: dict[Path, Outcome] = {}
    if jobs <= 1 or len(sources) <= 1:
        for source in sources:
            outcomes[source] = build_one(source, options)
            done(outcomes[source])
    else:
        # Imported here: concurrent.futures pulls in multiprocessing (~20 ms) that a single
        # workbook never needs (bench/build_speed.py).
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=min(jobs, len(sources))) as pool:
            futures = {pool.submit(build_one, source, options): source for source in sources}
            try:
                for future in as_completed(futures):
                    outcome = future.result()
                    outcomes[futures[future]] = outcome
                    done(outcome)
            except KeyboardInterrupt:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    return [outcomes[source] for source in sources]


def convert_all(
    outcomes: Sequence[Outcome],
    jobs: int,
    force: bool,
    done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Convert every built .docx to PDF: one LibreOffice process per job, over its share."""
    from concurrent.futures import ThreadPoolExecutor

    from . import pdf

    documents = [o.docx for o in outcomes if o.docx is not None]
    shares = pdf.shares(documents, jobs)
    converted: dict[Path, pdf.Converted] = {}
    with pdf.Converter() as converter:
        try:
            converter.binary()
        except RenaksiError as exc:  # LibreOffice missing: the .docx files stay
            return [replace(o, error=str(exc)) if o.docx is not None else o for o in outcomes]
        with ThreadPoolExecutor(max_workers=max(len(shares), 1)) as pool:
            try:
                for results in pool.map(lambda share: converter.convert(share, force), shares):
                    converted.update((result.docx, result) for result in results)
            except KeyboardInterrupt:
                converter.cancel()  # lets the threads (waiting on LibreOffice) finish at once
                raise
    finished = []
    for outcome in outcomes:
        if outcome.docx is not None:
            result = converted[outcome.docx]
            outcome = replace(outcome, pdf=result.pdf, error=result.error)
            done(outcome)
        finished.append(outcome)
    return finished
