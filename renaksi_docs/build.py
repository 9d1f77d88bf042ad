"""One workbook → its documents: read, compute, lay out, render (the whole pipeline).

reader.read_plan → context.build_context (formulas inside) → render.render_docx
                 → measure.measure → pengukuran.build_report → pengukuran_docx.render_report
"""

from __future__ import annotations

import functools
import itertools
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from . import platforms
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

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

T = TypeVar("T")
"""What one workbook of a batch gives (build: an Outcome; rekap: a UnitResult)."""


class Dokumen(Enum):
    """Which documents `build --dokumen` writes for each workbook (PRODUCT.md §6)."""

    RENCANA_AKSI = "rencana-aksi"
    PENGUKURAN = "pengukuran"
    SEMUA = "semua"

    @property
    def parts(self) -> tuple[Dokumen, ...]:
        """The single documents this choice writes, in order."""
        if self is Dokumen.SEMUA:
            return (Dokumen.RENCANA_AKSI, Dokumen.PENGUKURAN)
        return (self,)


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
    """The workbook's plan with the options applied, or WorkbookInvalid. An .ods or .xls is
    read through LibreOffice when it is installed (convert.py)."""
    from .convert import readable_workbook

    with readable_workbook(source) as readable:
        reading = read_plan(readable)
    if reading.plan is None:
        raise WorkbookInvalid(source, reading.problems)
    plan = reading.plan
    if options.triwulan is not None:
        plan = replace(plan, unit=replace(plan.unit, triwulan=options.triwulan))
    return plan, reading.warnings


def build_docx(source: Path, options: BuildOptions) -> Built:
    """Build the Rencana Aksi .docx of one workbook into options.out_dir."""
    plan, warnings = load(source, options)
    return Built(source, write_rencana_aksi(plan, options), warnings)


def write_rencana_aksi(plan: Plan, options: BuildOptions) -> Path:
    """Write the Rencana Aksi of `plan` into options.out_dir."""
    from .context import build_context
    from .render import render_docx

    target = options.out_dir / output_name(plan)
    if not options.force:
        for output in (target, target.with_suffix(".pdf")) if options.pdf else (target,):
            if output.exists():
                raise OutputExists(output)
    return render_docx(build_context(plan), target, options.template, options.force)


def write_document(dokumen: Dokumen, plan: Plan, options: BuildOptions) -> Path:
    """Write one document (not SEMUA) of `plan`; the report's modules load only for it."""
    if dokumen is Dokumen.PENGUKURAN:
        from .pengukuran_docx import write_report

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
    dokumen: Dokumen = Dokumen.RENCANA_AKSI
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
    """Build one workbook's documents (options.dokumen); library errors become a failed
    Outcome, per document: with `semua`, a Pengukuran without a reporting quarter fails
    alone and the Rencana Aksi is still written."""
    first = options.dokumen.parts[0]
    try:
        if not source.is_file():
            raise InputMissing(source)
        plan, warnings = load(source, options)
    except WorkbookInvalid as exc:
        errors = [p for p in exc.problems if p.severity is Severity.ERROR]
        error = str(errors[0]) if errors else str(exc)
        return Outcome(source, problems=exc.problems, error=error, dokumen=first)
    except RenaksiError as exc:
        return Outcome(source, error=str(exc), dokumen=first)
    documents = []
    for dokumen in options.dokumen.parts:
        try:
            docx = write_document(dokumen, plan, options)
        except RenaksiError as exc:
            documents.append(Outcome(source, error=str(exc), dokumen=dokumen))
        else:
            documents.append(Outcome(source, docx=docx, dokumen=dokumen))
    return replace(documents[0], warnings=warnings, also=tuple(documents[1:]))


def default_jobs() -> int:
    """One job per core."""
    return os.cpu_count() or 1


WORKER_START = {"fork": 2.7, "forkserver": 7.8, "spawn": 7.8}
"""CPU a worker process costs before its first document, in documents' worth, per start
method (bench/batch_speed.py --start-methods: 300 ms forked, 870 ms spawned, against 111 ms
per document). A forked worker starts with everything imported; a spawned one (Windows,
macOS) first imports Python, openpyxl and docxtpl again; forkserver is counted as spawn."""


class BatchInterrupted(Exception, Generic[T]):
    """Ctrl-C stopped a batch; `outcomes` holds the workbooks finished before it."""

    def __init__(self, outcomes: Sequence[T], total: int) -> None:
        self.outcomes = list(outcomes)
        self.total = total
        super().__init__(f"dibatalkan setelah {len(self.outcomes)} dari {total} workbook")


def pool_size(jobs: int, count: int, platform: str = sys.platform) -> int:
    """Worker processes for `count` workbooks at `jobs` at a time (Windows: at most 61)."""
    return max(min(jobs, count, platforms.max_workers(platform) or jobs), 1)


def pool_pays(count: int, start_method: str, workers: int) -> bool:
    """True when `count` workbooks are built sooner by `workers` processes started with
    `start_method` than by this one: the work the pool takes off this process, count × (1 −
    1/workers) documents, exceeds what starting a worker costs."""
    start = WORKER_START.get(start_method, WORKER_START["spawn"])
    return workers > 1 and count * (1 - 1 / workers) > start


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


def run_all(
    work: Callable[[Path], T],
    sources: Sequence[Path],
    jobs: int,
    done: Callable[[T], None] = lambda outcome: None,
    start_method: str | None = None,
    platform: str = sys.platform,
) -> list[T]:
    """`work` (picklable) over every workbook, `jobs` at a time, in a process pool when it
    pays; `done` hears of each as it finishes. Ctrl-C as in `build_all`."""
    workers = pool_size(jobs, len(sources), platform)
    outcomes: dict[Path, T] = {}
    with _ctrl_c_deferred() as pressed:
        method = None
        if workers > 1:
            # Imported here: multiprocessing costs ~20 ms that a single workbook never needs
            # (bench/build_speed.py).
            import multiprocessing

            method = start_method or multiprocessing.get_start_method()
            if pool_pays(len(sources), method, workers):
                context = multiprocessing.get_context(method)
                _pooled(sources, work, workers, context, done, outcomes, pressed)
            else:
                method = None
        if method is None:
            for source in sources:
                if pressed.is_set():
                    break
                outcomes[source] = work(source)
                done(outcomes[source])
        if pressed.is_set():
            raise BatchInterrupted(list(outcomes.values()), len(sources))
    return [outcomes[source] for source in sources]


@contextmanager
def _ctrl_c_deferred() -> Iterator[threading.Event]:
    """Within the block, the first Ctrl-C only sets the yielded event (the loop stops between
    documents, so that every document written is counted); a second one interrupts at once.
    Outside the main thread (a web server's worker) signals are not ours: nothing changes."""
    pressed = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield pressed
        return

    def handler(signum: int, frame: object) -> None:
        if pressed.is_set():
            raise KeyboardInterrupt
        pressed.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)


def _pooled(
    sources: Sequence[Path],
    work: Callable[[Path], T],
    workers: int,
    context: BaseContext,
    done: Callable[[T], None],
    outcomes: dict[Path, T],
    pressed: threading.Event,
) -> None:
    """`work` over `sources` in `workers` processes, never more than one workbook queued
    per worker, so that when `pressed` is set nothing is left queued to start."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    waiting = iter(sources)
    running: dict[Future[T], Path] = {}
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_ctrl_c) as pool:
        with _workers_start_deaf():
            for source in itertools.islice(waiting, workers):  # starts the workers
                running[pool.submit(work, source)] = source
        while running:
            finished, _ = wait(running, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                source = running.pop(future)
                outcomes[source] = future.result()
                done(outcomes[source])
                following = None if pressed.is_set() else next(waiting, None)
                if following is not None:
                    running[pool.submit(work, following)] = following


@contextmanager
def _workers_start_deaf() -> Iterator[None]:
    """Ignore SIGINT while the pool starts its workers, so that they inherit SIG_IGN (kept by
    a spawned Python too): a Ctrl-C while a spawned worker still imports cannot print its
    traceback before _ignore_ctrl_c runs. (Windows does not inherit it: there the window
    stays.) Only in the main thread, where signals are handled."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _ignore_ctrl_c() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (no worker tracebacks)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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

    from . import pdf

    documents = [d.docx for o in outcomes for d in o.each() if d.docx is not None]
    shares = pdf.shares(documents, jobs)
    converted: dict[Path, pdf.Converted] = {}
    interrupted = False
    with pdf.Converter() as converter:
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
