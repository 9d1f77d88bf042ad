"""One workbook → its documents: read, compute, lay out, render (the whole pipeline).

workbook.reader.read_plan
    → documents.rencana_aksi.build_context (formulas inside) → rencana_aksi_docx.render_docx
    → measure.measure → documents.pengukuran.build_report → pengukuran_docx.render_report
    → documents.perjanjian.build_agreement → perjanjian_docx.render_agreement
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .batch import Batch, BatchInterrupted
from .errors import (
    InputProblem,
    OutputExists,
    Problem,
    RenaksiError,
    Severity,
    WorkbookInvalid,
)
from .files import InputSet, check_input, refuse_existing, same_file, slug
from .model import Plan
from .workbook.reader import read_plan

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .workbook.images import Images

T = TypeVar("T")
"""What one workbook of a batch gives (build: an Outcome; rekap: a UnitResult)."""


class Documents(Enum):
    """Which documents `build --dokumen` writes for each workbook (docs/pengukuran.md)."""

    RENCANA_AKSI = "rencana-aksi"
    PENGUKURAN = "pengukuran"
    PERJANJIAN = "perjanjian"
    SEMUA = "semua"

    @property
    def label(self) -> str:
        """The document's name as the user reads it."""
        return _LABELS[self]

    @property
    def parts(self) -> tuple[Documents, ...]:
        """The single documents this choice writes, in order."""
        if self is Documents.SEMUA:
            return (Documents.RENCANA_AKSI, Documents.PENGUKURAN, Documents.PERJANJIAN)
        return (self,)


_LABELS = {
    Documents.RENCANA_AKSI: "Rencana Aksi",
    Documents.PENGUKURAN: "Pengukuran Kinerja",
    Documents.PERJANJIAN: "Perjanjian Kinerja",
    Documents.SEMUA: "Rencana Aksi, Pengukuran Kinerja dan Perjanjian Kinerja",
}


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked for, shared by every workbook of a run."""

    out_dir: Path = Path(".")
    """Folder for the outputs."""
    quarter: int | None = None
    """Reporting quarter 1..4; overrides the workbook's Identitas Triwulan."""
    template: Path | None = None
    """A clerk's own template, None for ours: the Rencana Aksi's, or with `--dokumen
    perjanjian` the Perjanjian Kinerja's (docs/commands.md)."""
    force: bool = False
    """Replace existing outputs."""
    pdf: bool = False
    """Also convert each document to PDF."""
    documents: Documents = Documents.RENCANA_AKSI
    """Which documents to write."""
    images: Images | None = None
    """Where Logo and Gambar Tanda Tangan files come from (workbook/images.py); None: beside
    each workbook, or absolute (the command line). The server passes its uploads."""
    skip_current: bool = False
    """`--lewati`: leave a workbook whose every output exists and is newer than it."""
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
    """The workbook's plan with the options applied and its warnings, or WorkbookInvalid."""
    plan, warnings, _ = load_all(source, options)
    return plan, warnings


def load_all(
    source: Path, options: BuildOptions
) -> tuple[Plan, tuple[Problem, ...], tuple[Problem, ...]]:
    """The workbook's plan with the options applied, its warnings and the errors that stop
    only its Perjanjian Kinerja (Reading.agreement), or WorkbookInvalid. An .ods or .xls is
    read through LibreOffice when it is installed (workbook/spreadsheets.py)."""
    from .workbook.images import BesideWorkbook
    from .workbook.spreadsheets import readable_workbook

    # Beside the source, not beside the .ods's converted copy.
    images = options.images if options.images is not None else BesideWorkbook(source.parent)
    with readable_workbook(source) as readable:
        reading = read_plan(readable, images)
    if reading.plan is None:
        raise WorkbookInvalid(source, reading.problems)
    plan = reading.plan
    if options.quarter is not None:
        plan = replace(plan, unit=replace(plan.unit, quarter=options.quarter))
    return plan, reading.warnings, reading.agreement


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
        refuse_existing(target, options.pdf)
    return render_docx(build_context(plan), target, options.template, options.force)


def write_document(document: Documents, plan: Plan, options: BuildOptions) -> Path:
    """Write one document (not SEMUA) of `plan`; the report's modules load only for it."""
    if document is Documents.PENGUKURAN:
        from .documents.pengukuran_docx import write_report

        return write_report(plan, options.out_dir, options.force, options.pdf)
    if document is Documents.PERJANJIAN:
        from .documents.perjanjian_docx import write_agreement

        template = options.template if options.documents is Documents.PERJANJIAN else None
        return write_agreement(plan, options.out_dir, template, options.force, options.pdf)
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
    """Why it failed (the first problem), or None; never names `source` (the caller does)."""
    document: Documents = Documents.RENCANA_AKSI
    """Which document `docx` and `pdf` are."""
    also: tuple[Outcome, ...] = ()
    """The workbook's other documents in this run (with `--dokumen semua`: the Pengukuran
    and the Perjanjian)."""
    skipped: bool = False
    """`--lewati`: its documents exist and are newer than the workbook; nothing written."""
    note: str = ""
    """One line the user reads besides the outcome: with `--dokumen semua`, that the
    Perjanjian Kinerja was not made (no superior in Identitas)."""

    @property
    def ok(self) -> bool:
        """Every document built, and converted when a PDF was asked for."""
        return self.error is None and all(other.ok for other in self.also)

    def each(self) -> tuple[Outcome, ...]:
        """One Outcome per document, each on its own: this one (without `also`), then `also`."""
        return (replace(self, also=()), *self.also)

    @property
    def written(self) -> tuple[Path, ...]:
        """Every file written for this workbook (.docx and .pdf), in order."""
        return tuple(p for d in self.each() for p in (d.docx, d.pdf) if p is not None)


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


@dataclass(frozen=True)
class Prepared:
    """One workbook read, with the name of every document it would write: the first pass of
    a run, so that every output of the run is known before anything is written."""

    source: Path
    plan: Plan | None = None
    warnings: tuple[Problem, ...] = ()
    targets: tuple[tuple[Documents, Path], ...] = ()
    """Each document to write and its .docx, in order."""
    failure: Outcome | None = None
    """Why nothing can be written (then `plan` is None)."""
    note: str = ""
    """Outcome.note: a document of `--dokumen semua` left out."""

    @property
    def ok(self) -> bool:
        """Read, and its documents may be written (the progress bar's word for it)."""
        return self.failure is None

    def outputs(self, pdf: bool) -> Iterator[tuple[Documents, Path]]:
        """Every file it would write: each .docx, and its .pdf when asked for."""
        for document, docx in self.targets:
            yield document, docx
            if pdf:
                yield document, docx.with_suffix(".pdf")


def prepare(source: Path, options: BuildOptions) -> Prepared:
    """Read `source` and name its documents (options.documents) in options.out_dir; a
    workbook that cannot be read or measured becomes a failed Prepared (nothing is written
    for it, not even the documents that could be)."""
    first = options.documents.parts[0]
    try:
        check_input(source)
        plan, warnings, agreement = load_all(source, options)
    except WorkbookInvalid as exc:
        errors = [p for p in exc.problems if p.severity is Severity.ERROR]
        error = str(errors[0]) if errors else str(exc)
        failed = Outcome(source, problems=exc.problems, error=error, document=first)
        return Prepared(source, failure=failed)
    except InputProblem as exc:
        return Prepared(source, failure=Outcome(source, error=exc.reason, document=first))
    except RenaksiError as exc:
        return Prepared(source, failure=Outcome(source, error=str(exc), document=first))
    parts, note = options.documents.parts, ""
    if Documents.PERJANJIAN in parts and agreement:
        if options.documents is Documents.PERJANJIAN:
            problems = (*agreement, *warnings)
            failed = Outcome(
                source, problems=problems, error=str(agreement[0]), document=Documents.PERJANJIAN
            )
            return Prepared(source, warnings=warnings, failure=failed)
        if not (plan.unit.superior.strip() and plan.unit.superior_position.strip()):
            parts = tuple(part for part in parts if part is not Documents.PERJANJIAN)
            note = SKIPPED_AGREEMENT
    targets = []
    for part in parts:
        try:
            name = document_name(part, plan, options.quarter_hint)
            targets.append((part, options.out_dir / name))
        except RenaksiError as exc:
            failed = _failed(source, parts, part, str(exc), warnings)
            return Prepared(source, warnings=warnings, failure=failed)
        if part is Documents.PERJANJIAN and agreement:  # a superior, with other faults
            error = f"{agreement[0]}; tidak ada dokumen workbook ini yang ditulis"
            failed = _failed(source, parts, part, error, warnings, agreement)
            return Prepared(source, warnings=warnings, failure=failed)
    return Prepared(source, plan, warnings, tuple(targets), note=note)


SKIPPED_AGREEMENT = (
    "Perjanjian Kinerja tidak dibuat: Nama Atasan dan Jabatan Atasan di lembar Identitas belum "
    "diisi (dokumen lain dibuat)"
)
"""The line `--dokumen semua` prints for a workbook without its superior (docs/perjanjian.md)."""


def document_name(document: Documents, plan: Plan, quarter_hint: str = "") -> str:
    """The file name of one document (not SEMUA) of `plan`; NoReportingQuarter (naming
    `quarter_hint`, BuildOptions.quarter_hint) for a Pengukuran without a reporting quarter."""
    if document is Documents.PENGUKURAN:
        from .documents import pengukuran_docx
        from .measure import NoReportingQuarter

        if plan.unit.quarter is None:
            raise NoReportingQuarter(plan.unit.name, quarter_hint)
        return pengukuran_docx.output_name(plan, plan.unit.quarter)
    if document is Documents.PERJANJIAN:
        from .documents import perjanjian_docx

        return perjanjian_docx.output_name(plan)
    return output_name(plan)


def _failed(
    source: Path,
    parts: tuple[Documents, ...],
    failing: Documents,
    error: str,
    warnings: tuple[Problem, ...] = (),
    problems: tuple[Problem, ...] = (),
) -> Outcome:
    """A workbook none of whose documents (`parts`) is written: `failing` carries the error
    (and its `problems`, when they are a workbook's cells)."""
    first, *rest = (
        Outcome(
            source,
            error=error if part is failing else None,
            problems=problems if part is failing else (),
            document=part,
        )
        for part in parts
    )
    return replace(first, warnings=warnings, also=tuple(rest))


def claim(
    prepared: Sequence[Prepared],
    inputs: InputSet,
    pdf: bool,
) -> list[Prepared]:
    """Decide every output of the run in input order: a workbook fails (before anything is
    written) when one of its outputs is an input of the run (a workbook, the template) or
    is already an output of an earlier workbook of this run, naming that one."""
    owners = InputSet((), inputs.platform)
    claimed = []
    for item in prepared:
        if item.failure is None:
            item = _claimed(item, inputs, owners, pdf)
        claimed.append(item)
    return claimed


def _claimed(item: Prepared, inputs: InputSet, owners: InputSet, pdf: bool) -> Prepared:
    mine = []
    for document, output in item.outputs(pdf):
        error = None
        if (an_input := inputs.find(output)) is not None:
            error = (
                f"{output.name} akan menimpa berkas masukan {an_input}; masukan tidak pernah "
                "ditimpa, juga dengan --force: pilih folder hasil lain dengan -o"
            )
        elif (earlier := owners.find(output)) is not None:
            if same_file(item.source, earlier, inputs.platform):
                error = f"berkas ini sudah disebut sebelumnya ({earlier}); dibuat sekali saja"
            else:
                error = (
                    f"{output.name} juga dihasilkan dari {earlier} (disebut lebih dulu; unit, "
                    "tahun dan triwulan yang sama?); tidak ditulis agar tidak saling menimpa: "
                    "buang salah satu, atau buat terpisah dengan -o"
                )
        if error is not None:
            failed = _failed(item.source, _parts(item), document, error, item.warnings)
            return replace(item, plan=None, failure=failed)
        mine.append(output)
    for output in mine:
        owners.add(output, item.source)
    return item


def _parts(item: Prepared) -> tuple[Documents, ...]:
    """The documents of `item.targets`, in order."""
    return tuple(document for document, _ in item.targets)


def write_prepared(item: Prepared, options: BuildOptions) -> Outcome:
    """Write the documents of a prepared workbook, all or none: every output is checked
    first (an existing one without --force fails the workbook before anything is written),
    and when a later document fails the ones written before it in this call are removed.
    With options.skip_current a workbook whose every output exists and is newer than it is
    left as it is (`Outcome.skipped`)."""
    if item.failure is not None or item.plan is None:
        return item.failure or Outcome(item.source, error="workbook tidak terbaca")
    documents = _parts(item)
    outputs = list(item.outputs(options.pdf))
    if options.skip_current and _current(item.source, [path for _, path in outputs]):
        first, *rest = (Outcome(item.source, document=d, skipped=True) for d, _ in item.targets)
        return replace(first, warnings=item.warnings, also=tuple(rest), note=item.note)
    if not options.force:
        for document, output in outputs:
            if output.exists():
                error = str(OutputExists(output))
                return _failed(item.source, documents, document, error, item.warnings)
    written: list[Outcome] = []
    kept = _keep_replaced([path for _, path in item.targets]) if options.force else {}
    try:
        for document, _ in item.targets:
            try:
                docx = write_document(document, item.plan, options)
            except RenaksiError as exc:
                for done in written:
                    if done.docx is not None:
                        _remove(done.docx)
                _restore(kept)
                kept = {}
                error = str(exc)
                if len(item.targets) > 1:
                    error += "; tidak ada dokumen workbook ini yang ditulis"
                return _failed(item.source, documents, document, error, item.warnings)
            written.append(Outcome(item.source, docx=docx, document=document))
    finally:
        for copy in kept.values():
            _remove(copy)
    return replace(written[0], warnings=item.warnings, also=tuple(written[1:]), note=item.note)


def _keep_replaced(targets: Sequence[Path]) -> dict[Path, Path]:
    """A hidden copy (a hard link where the file system has them) of each target that exists
    and is about to be replaced with --force, so that a workbook whose later document fails
    gets its earlier documents back as they were: all or none also means none replaced."""
    kept: dict[Path, Path] = {}
    for target in targets:
        if not target.is_file():
            continue
        copy = target.with_name(f".{target.name}.{os.getpid()}.lama")
        try:
            try:
                os.link(target, copy)
            except OSError:
                shutil.copy2(target, copy)
        except OSError:
            continue  # cannot keep it: the write below fails the same way, or replaces it
        kept[target] = copy
    return kept


def _restore(kept: dict[Path, Path]) -> None:
    """Put each kept copy back in its target's place (a target never replaced is still the
    copy's own file: rename does nothing between two links of one file, so the copy goes)."""
    for target, copy in kept.items():
        with contextlib.suppress(OSError):
            if target.exists() and os.path.samefile(copy, target):
                copy.unlink()
            else:
                os.replace(copy, target)


def _current(source: Path, outputs: Sequence[Path]) -> bool:
    """True when every output exists and was modified after `source`."""
    try:
        since = source.stat().st_mtime
        return all(output.stat().st_mtime > since for output in outputs)
    except OSError:
        return False


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # the folder went away: nothing more to undo
        path.unlink(missing_ok=True)


def build_one(source: Path, options: BuildOptions, inputs: Iterable[Path] = ()) -> Outcome:
    """Build one workbook's documents (options.documents), all or none; library errors
    become a failed Outcome. No output may replace `source`, the template or `inputs`."""
    prepared = prepare(source, options)
    protected = InputSet([source, *inputs, *_template(options)])
    [claimed] = claim([prepared], protected, options.pdf)
    return write_prepared(claimed, options)


def _template(options: BuildOptions) -> list[Path]:
    return [options.template] if options.template is not None else []


def build_all(
    sources: Sequence[Path],
    options: BuildOptions,
    jobs: int,
    done: Callable[[Outcome], None] = lambda outcome: None,
    start_method: str | None = None,
    platform: str = sys.platform,
    read: Callable[[Prepared], None] = lambda prepared: None,
) -> list[Outcome]:
    """Build every workbook's .docx, `jobs` at a time, in two passes: every workbook is read
    and its outputs named (`read` hears of each), the names are decided in input order
    (`claim`), then the documents are written (`done` hears of each workbook as it
    finishes).

    Ctrl-C starts no new document: those under way finish and are counted, then
    BatchInterrupted carries every outcome so far (a second Ctrl-C stops at once); while
    reading, nothing is written yet and it carries none."""
    with Batch(jobs, len(sources), start_method, platform) as batch:  # one pool, both passes
        reading = functools.partial(prepare, options=options)
        try:
            prepared = batch.run(reading, sources, read)
        except BatchInterrupted:
            raise BatchInterrupted([], len(sources)) from None
        protected = InputSet([*sources, *_template(options)], platform)
        claimed = claim(prepared, protected, options.pdf)
        outcomes: dict[int, Outcome] = {}
        for index, item in enumerate(claimed):
            if item.failure is not None:
                outcomes[index] = item.failure
                done(item.failure)
        pending = [index for index in range(len(claimed)) if index not in outcomes]
        writing = functools.partial(write_prepared, options=options)
        try:
            written = batch.run(writing, [claimed[index] for index in pending], done)
        except BatchInterrupted as stopped:
            outcomes_so_far = [*outcomes.values(), *stopped.outcomes]
            raise BatchInterrupted(outcomes_so_far, len(sources)) from None
    outcomes.update(zip(pending, written, strict=True))
    return [outcomes[index] for index in range(len(claimed))]


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
