"""The `renaksi-docs` command: checks options, calls the library, reports (docs/commands.md).

Library errors become a message and exit code 1 in one place (`_reported`), a missing input
file too; click's usage errors (a malformed command line) exit 2. Anything else is a bug and
keeps its traceback. Every text a clerk sees is Bahasa Indonesia, click's own through
`i18n.activate` (called before any command or option is made), and each command that makes or
checks something ends with one line saying what to do next.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from gettext import ngettext  # click's catalog (i18n.py): the same texts as click's own
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

import click

from . import __version__, i18n
from .errors import Problem, RenaksiError, Severity
from .model import QUARTERS, ROMAN

i18n.activate()  # before the commands below: click stores some texts when they are made

if TYPE_CHECKING:
    from .build import Outcome
    from .rekap.collect import Rekap


class _Finished(Protocol):
    """What the progress bar hears of each input: a build Outcome or a rekap UnitResult."""

    @property
    def source(self) -> Path: ...
    @property
    def ok(self) -> bool: ...


_PATH = click.Path(path_type=Path, readable=False)
"""Every path argument: click neither checks that it exists nor that it is readable (it would
refuse the whole command); each input is checked on its own, with its own message."""


class _Whole(click.IntRange):
    """A whole number in a range, named in Bahasa Indonesia in click's messages ("'dua' bukan
    bilangan bulat yang sah") and in help."""

    name = "bilangan bulat"


DOKUMEN_CHOICES = ("rencana-aksi", "pengukuran", "perjanjian", "semua")
"""build.Dokumen's values, spelled here so that `--help` need not import the pipeline
(test_pengukuran.py checks that they agree)."""


@contextmanager
def _reported() -> Iterator[None]:
    """Turn library errors into a red message on stderr and exit code 1."""
    try:
        yield
    except RenaksiError as exc:
        click.secho(f"galat: {exc}", fg="red", err=True)
        sys.exit(1)


def _print_problems(path: Path, problems: tuple[Problem, ...], err: bool = False) -> None:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if errors:
        summary = click.style(f"{errors} galat", fg="red")
    else:
        summary = click.style("tidak ada galat", fg="green")
    if warnings:
        summary += f", {warnings} peringatan"
    click.echo(f"{path}: {summary}", err=err)
    for problem in problems:
        color = "red" if problem.severity is Severity.ERROR else "yellow"
        click.secho(f"  {problem}", fg=color, err=err)


def tolerant_streams(streams: tuple[Any, ...] = ()) -> None:
    """Let stdout and stderr print any text: a character the console's code page (cp1252,
    cp437 on Windows) or a redirected stream cannot encode is printed as '?' instead of
    ending the program with a traceback, possibly after every document was written."""
    for stream in streams or (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            reconfigure(errors="replace")


OPTIONS_METAVAR = "[OPSI]"
"""click's `[OPTIONS]` in usage lines (not a translated text in click)."""


class _Command(click.Command):
    """A command whose usage line reads `[OPSI]`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class _Main(click.Group):
    """The command group; makes the output streams tolerant before any command runs."""

    command_class = _Command

    def main(self, *args: Any, **kwargs: Any) -> Any:
        tolerant_streams()
        return super().main(*args, **kwargs)


@click.group(
    "renaksi-docs",
    cls=_Main,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
    options_metavar=OPTIONS_METAVAR,
    subcommand_metavar="PERINTAH [ARGUMEN]...",
)
@click.version_option(__version__, prog_name="renaksi-docs")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Membuat dokumen Rencana Aksi atas Perjanjian Kinerja dari workbook Excel standar."""
    if ctx.invoked_subcommand is None:  # `renaksi-docs` alone: its help, and success
        click.echo(ctx.get_help())
        ctx.exit(0)


def _next(step: str) -> None:
    """The one line after a command saying what to do next."""
    click.secho(f"Langkah berikutnya: {step}", fg="cyan")


def _require_suffix(path: Path, suffix: str, param_hint: str) -> None:
    """A usage error unless `path` ends with `suffix` (any case)."""
    if path.suffix.lower() != suffix:
        raise click.BadParameter(
            f"{path}: nama berkas harus berakhiran {suffix}", param_hint=param_hint
        )


def _no_workbooks(inputs: tuple[Path, ...]) -> NoReturn:
    """Exit 1 saying which folders held no workbook."""
    folders = ", ".join(str(p) for p in inputs if p.is_dir()) or ", ".join(map(str, inputs))
    click.secho(f"galat: tidak ada workbook (.xlsx, .ods, .xls) di {folders}", fg="red", err=True)
    sys.exit(1)


_JOBS = click.option(
    "-j",
    "--jobs",
    type=_Whole(min=1),
    metavar="N",
    default=None,
    help="Jumlah pekerjaan paralel (bawaan: jumlah inti CPU).",
)
"""The --jobs option of every command that reads many workbooks (build, rekap)."""


BLANK_WORKBOOK = "rencana-aksi.xlsx"
"""`init`'s default file name (the web page's blank workbook has the same)."""


@main.command()
@click.argument("berkas", type=_PATH, required=False, metavar="[BERKAS.xlsx]")
@click.option(
    "--contoh",
    is_flag=True,
    help="Tulis workbook contoh yang sudah terisi (Bapas Magelang; tanpa BERKAS: dengan nama "
    "berkas contoh itu).",
)
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
def init(berkas: Path | None, contoh: bool, force: bool) -> None:
    """Tulis workbook standar yang masih kosong (bawaan: rencana-aksi.xlsx) atau contoh terisi
    ke BERKAS.xlsx."""
    from .workbook.samples import MAGELANG, SAMPLES
    from .workbook.standard import WorkbookContent, write_workbook

    content = MAGELANG if contoh else WorkbookContent()
    if berkas is None:
        sample = next(name for name, filled in SAMPLES.items() if filled is MAGELANG)
        berkas = Path(sample if contoh else BLANK_WORKBOOK)
    _require_suffix(berkas, ".xlsx", "BERKAS")
    with _reported():
        write_workbook(berkas, content, force=force)
    if contoh:
        click.echo(f"Workbook contoh ditulis: {berkas}")
        _next(f"buat dokumennya untuk dilihat: renaksi-docs build {_quoted(berkas)}")
    else:
        click.echo(f"Workbook ditulis: {berkas}")
        _next(f"isi di Excel, lalu periksa: renaksi-docs validate {_quoted(berkas)}")


def _quoted(path: Path) -> str:
    """`path` as typed in a command line: quoted when it holds a space."""
    text = str(path)
    return f'"{text}"' if " " in text else text


_INPUTS = click.argument(
    "berkas", type=_PATH, nargs=-1, required=True, metavar="BERKAS.xlsx|FOLDER..."
)
"""The workbooks of validate, build and rekap: files (.xlsx; .ods and .xls through
LibreOffice) and folders of them."""


@main.command()
@_INPUTS
@click.option(
    "--rincian",
    is_flag=True,
    help="Tampilkan juga angka setiap indikator seperti yang akan dicetak (target, realisasi "
    "dan capaian per triwulan, anggaran).",
)
def validate(berkas: tuple[Path, ...], rincian: bool) -> None:
    """Periksa BERKAS.xlsx (atau setiap workbook di FOLDER): setiap galat dan peringatan dengan
    alamat selnya."""
    from .build import workbooks
    from .errors import InputProblem
    from .files import check_input
    from .formats import format_date
    from .workbook.images import BesideWorkbook
    from .workbook.reader import read_plan
    from .workbook.spreadsheets import readable_workbook

    sources = workbooks(berkas)
    if not sources:
        _no_workbooks(berkas)
    failed = False
    for path in sources:
        try:
            check_input(path)
        except InputProblem as exc:
            click.secho(f"{path}: {exc.reason}", fg="red")
            failed = True
            continue
        with readable_workbook(path) as readable:  # .ods/.xls through LibreOffice
            reading = read_plan(readable, BesideWorkbook(path.parent))
        _print_problems(path, reading.reported)
        if reading.date is not None:
            click.echo(f"  Tanggal dibaca: {format_date(reading.date)}")
        if rincian and reading.plan is not None:
            from .documents.rincian import rincian as lines

            for line in lines(reading.plan):
                click.echo(f"  {line}")
        failed = failed or bool(reading.errors)
    if failed:  # each message says what to fix in which cell
        sys.exit(1)
    _next(f"buat dokumennya: renaksi-docs build {' '.join(_quoted(p) for p in berkas)}")
    sys.exit(0)


class _Choice(click.Choice):
    """A choice that any case matches, listed as declared when a value is refused ('V' bukan
    salah satu dari 'I', 'II', …), not in click's lower case."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        listed = ", ".join(map(repr, self.choices))
        return ngettext(
            "{value!r} is not {choice}.", "{value!r} is not one of {choices}.", len(self.choices)
        ).format(value=value, choice=listed, choices=listed)


_QUARTERS = (*ROMAN.values(), *(str(k) for k in QUARTERS))
_QUARTER = _Choice(_QUARTERS, case_sensitive=False)
_QUARTER_METAVAR = f"[{'|'.join(_QUARTERS)}]"
QUARTER_HINT = "beri opsi -t/--triwulan"
"""How a reporting quarter is given on the command line (the missing-quarter message)."""


@main.command()
@_INPUTS
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=_PATH,
    metavar="FOLDER",
    default=Path("."),
    show_default=True,
    help="Folder hasil.",
)
@click.option(
    "-t",
    "--triwulan",
    type=_QUARTER,
    metavar=_QUARTER_METAVAR,
    help="Triwulan pelaporan (menggantikan isian Triwulan di workbook).",
)
@click.option("--pdf", is_flag=True, help="Buat juga PDF dengan LibreOffice.")
@click.option(
    "--template",
    type=_PATH,
    metavar="BERKAS.docx",
    help="Templat Word sendiri untuk Rencana Aksi, atau untuk Perjanjian Kinerja dengan "
    "--dokumen perjanjian (lihat: renaksi-docs template).",
)
@_JOBS
@click.option("--force", is_flag=True, help="Timpa dokumen yang sudah ada.")
@click.option(
    "--lewati",
    is_flag=True,
    help="Lewati workbook yang semua dokumennya sudah ada dan lebih baru dari workbook-nya "
    "(untuk mengulang setelah sebagian gagal).",
)
@click.option(
    "--dokumen",
    type=click.Choice(DOKUMEN_CHOICES),
    default=DOKUMEN_CHOICES[0],
    show_default=True,
    help="Dokumen yang dibuat: Rencana Aksi, Pengukuran Kinerja (perlu triwulan pelaporan), "
    "Perjanjian Kinerja (perlu Nama Atasan dan Jabatan Atasan), atau semuanya (Perjanjian "
    "Kinerja hanya bila atasannya diisi).",
)
def build(
    berkas: tuple[Path, ...],
    out_dir: Path,
    triwulan: str | None,
    pdf: bool,
    template: Path | None,
    jobs: int | None,
    force: bool,
    lewati: bool,
    dokumen: str,
) -> None:
    """Buat dokumen Rencana Aksi (atau Pengukuran Kinerja, Perjanjian Kinerja, semuanya) dari
    BERKAS.xlsx (atau setiap workbook di FOLDER)."""
    from . import build as pipeline
    from .batch import BatchInterrupted, default_jobs
    from .files import check_folder
    from .workbook.cells import parse_quarter

    documents = pipeline.Documents(dokumen)
    if template is not None:
        if not template.is_file():
            click.secho(f"galat: templat {template} tidak ditemukan", fg="red", err=True)
            sys.exit(1)
        if documents is pipeline.Documents.PENGUKURAN:
            click.secho(
                f"peringatan: --template tidak dipakai: templat {template} hanya untuk Rencana "
                "Aksi atau Perjanjian Kinerja; Pengukuran Kinerja selalu memakai templat bawaan",
                fg="yellow",
                err=True,
            )
    options = pipeline.BuildOptions(
        out_dir=out_dir,
        quarter=parse_quarter(triwulan) if triwulan else None,
        template=template,
        force=force,
        pdf=pdf,
        documents=documents,
        skip_current=lewati,
        quarter_hint=QUARTER_HINT,
    )
    sources = pipeline.workbooks(berkas)
    if not sources:
        _no_workbooks(berkas)
    with _reported():
        check_folder(out_dir)  # a read-only folder fails once, before any workbook is read
    jobs = jobs or default_jobs()
    single = len(sources) == 1
    try:
        with _Progress(len(sources), "docx", quiet=single, passes=2) as progress:
            outcomes = pipeline.build_all(
                sources, options, jobs, progress.step, read=progress.advance
            )
        if pdf:
            built = sum(1 for o in outcomes for d in o.each() if d.docx is not None)
            with _Progress(built, "pdf", quiet=single) as progress:
                outcomes = pipeline.convert_all(outcomes, jobs, force, progress.step)
    except BatchInterrupted as stopped:  # LibreOffice was ended by convert_all
        if stopped.outcomes:
            _summary(stopped.outcomes)
        _interrupted(f"; {len(stopped.outcomes)} dari {len(sources)} workbook sudah diproses")
    except KeyboardInterrupt:
        _interrupted("")
    if single:
        _report_one(outcomes[0])
    else:
        _summary(outcomes)
    if not all(o.ok for o in outcomes):  # each failure says what to fix
        sys.exit(1)
    kind = "PDF" if pdf else "dokumen Word"
    _next(f"buka {kind} di atas, periksa isinya, lalu cetak dan tandatangani")
    sys.exit(0)


def _interrupted(done: str) -> NoReturn:
    click.secho(
        f"dibatalkan (Ctrl-C){done}; dokumen yang belum selesai tidak ditulis", fg="red", err=True
    )
    sys.exit(130)


class _Progress:
    """A progress bar on a terminal, plain lines otherwise; silent for a single workbook.
    With `passes` > 1 the bar also moves for each earlier pass over the inputs (`advance`:
    build reads every workbook before it writes); a line is printed only when one is done."""

    def __init__(self, total: int, label: str, quiet: bool, passes: int = 1) -> None:
        self.total, self.label, self.quiet, self.count = total, label, quiet, 0
        self.bar: Any = None
        self.passes = passes

    def __enter__(self) -> _Progress:
        if not self.quiet and sys.stderr.isatty():
            self.bar = click.progressbar(
                length=self.total * self.passes, label=f"Membuat {self.label}", file=sys.stderr
            )
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def advance(self, outcome: _Finished) -> None:
        """An input through an earlier pass: the bar moves; no line."""
        if self.bar is not None:
            self.bar.update(1)

    def step(self, outcome: _Finished) -> None:
        self.count += 1
        if self.bar is not None:
            self.bar.update(1)
        elif not self.quiet:
            status = "ok" if outcome.ok else "GAGAL"
            click.echo(
                f"[{self.label} {self.count}/{self.total}] {outcome.source}: {status}", err=True
            )


def _report_one(outcome: Outcome) -> None:
    for warning in outcome.warnings:
        click.secho(f"{outcome.source}: {warning}", fg="yellow", err=True)
    for document in outcome.each():
        if document.problems:
            _print_problems(outcome.source, document.problems, err=True)
        if document.error and (not document.problems or outcome.also):
            click.secho(f"galat: {outcome.source}: {document.error}", fg="red", err=True)
        for written in (document.docx, document.pdf):
            if written is not None:
                click.echo(f"Dokumen ditulis: {written}")
    if outcome.skipped:
        click.echo(f"Dilewati: dokumen {outcome.source} sudah ada dan lebih baru dari workbook-nya")
    if outcome.note:
        click.echo(outcome.note)


def _summary(outcomes: list[Outcome]) -> None:
    """Workbooks and documents counted separately: `6 workbook (4 berhasil, 1 dilewati,
    1 gagal); 8 dokumen ditulis, 8 PDF`."""
    skipped = [o for o in outcomes if o.skipped]
    failed = [o for o in outcomes if not o.ok]
    succeeded = len(outcomes) - len(skipped) - len(failed)
    counts = [f"{succeeded} berhasil"]
    if skipped:
        counts.append(f"{len(skipped)} dilewati")
    counts.append(f"{len(failed)} gagal")
    documents = [d for o in outcomes for d in o.each()]
    written = f"{sum(1 for d in documents if d.docx is not None)} dokumen ditulis"
    pdfs = sum(1 for d in documents if d.pdf is not None)
    if pdfs or any(d.docx is not None and d.error for d in documents):
        written += f", {pdfs} PDF"
    click.echo(f"\nRingkasan: {len(outcomes)} workbook ({', '.join(counts)}); {written}")
    for outcome in outcomes:
        outputs = " + ".join(str(p) for p in outcome.written)
        if outcome.skipped:
            label = click.style("LEWAT", fg="cyan")
            click.echo(f"  {label} {outcome.source}: dokumennya sudah ada dan lebih baru")
        elif outcome.ok:
            note = f" ({outcome.note})" if outcome.note else ""
            click.echo(f"  {click.style('OK   ', fg='green')} {outcome.source} → {outputs}{note}")
        else:
            errors = "; ".join(
                f"{d.document.label}: {d.error}" if d.also or outcome.also else d.error
                for d in outcome.each()
                if d.error
            )
            kept = f" (tetap ditulis: {outputs})" if outputs else ""
            click.echo(f"  {click.style('GAGAL', fg='red')} {outcome.source}: {errors}{kept}")


@main.command()
@_INPUTS
@click.option(
    "-o",
    "--output",
    type=_PATH,
    required=True,
    metavar="REKAP.xlsx",
    help="Berkas rekap .xlsx yang akan ditulis.",
)
@click.option(
    "-t",
    "--triwulan",
    type=_QUARTER,
    metavar=_QUARTER_METAVAR,
    help="Triwulan pengukuran untuk semua unit (menggantikan isian Triwulan setiap workbook).",
)
@click.option(
    "--daftar",
    type=_PATH,
    metavar="BERKAS.txt",
    help="Berkas teks berisi Nama UPT yang diharapkan mengirim, satu per baris.",
)
@_JOBS
@click.option("--force", is_flag=True, help="Timpa berkas rekap yang sudah ada.")
def rekap(
    berkas: tuple[Path, ...],
    output: Path,
    triwulan: str | None,
    daftar: Path | None,
    jobs: int | None,
    force: bool,
) -> None:
    """Rekap capaian banyak UPT (BERKAS.xlsx atau setiap workbook di FOLDER) dalam satu
    workbook."""
    from .batch import BatchInterrupted, default_jobs
    from .build import workbooks
    from .errors import OutputExists
    from .files import InputSet, check_folder, same_file
    from .rekap import collect as recap
    from .rekap.xlsx import is_rekap, write_rekap
    from .workbook.cells import parse_quarter

    _require_suffix(output, ".xlsx", "-o")
    named = InputSet([path for path in (*berkas, daftar) if path is not None])
    if (found := named.find(output)) is not None:
        spelt = f" ({found})" if str(found) != str(output) else ""
        raise click.BadParameter(
            f"{output} juga disebut sebagai masukan{spelt}; rekap tidak pernah menimpa masukannya",
            param_hint="-o",
        )
    sources = workbooks(berkas)
    if (found := InputSet(sources).find(output)) is not None:
        if not is_rekap(output):
            spelt = f", yaitu {found}" if str(found) != str(output) else ""
            click.secho(
                f"galat: {output} adalah workbook masukan (dari folder {found.parent}{spelt}); "
                "rekap tidak pernah menimpa masukannya, juga dengan --force: pilih nama atau "
                "folder lain untuk -o",
                fg="red",
                err=True,
            )
            sys.exit(1)
        # A rekap written earlier into the folder it recaps is not one of the units.
        sources = [path for path in sources if not same_file(path, output)]
    with _reported():
        if output.exists() and not force:
            raise OutputExists(output)
        check_folder(output.parent)  # a read-only folder fails before any workbook is read
        expected = recap.read_daftar(daftar) if daftar is not None else None
    if not sources:
        _no_workbooks(berkas)
    quarter = parse_quarter(triwulan) if triwulan else None
    try:
        with _Progress(len(sources), "rekap", quiet=len(sources) == 1) as progress:
            results = recap.read_all(sources, quarter, jobs or default_jobs(), progress.step)
    except (BatchInterrupted, KeyboardInterrupt):
        click.secho("dibatalkan (Ctrl-C); rekap tidak ditulis", fg="red", err=True)
        sys.exit(130)
    summary = recap.assemble(results, expected)
    with _reported():
        write_rekap(summary, output, force)
    _rekap_summary(summary)
    click.echo(f"Rekap ditulis: {output}")
    if summary.invalid:
        _next(
            f"buka {output} di Excel; minta unit yang TIDAK VALID memperbaiki workbook-nya "
            "(lembar Masalah menyebut sel-selnya), lalu jalankan rekap lagi dengan --force"
        )
        sys.exit(1)
    _next(f"buka {output} di Excel dan periksa lembar Ringkasan")
    sys.exit(0)


def _rekap_summary(summary: Rekap) -> None:
    valid, invalid = summary.valid, summary.invalid
    line = f"\nRingkasan: {len(valid)} valid, {len(invalid)} tidak valid"
    if summary.not_sent:
        line += f", {len(summary.not_sent)} belum mengirim"
    click.echo(line)
    from .rekap.collect import first_error

    for result in invalid:
        first = first_error(result)
        shown = f": {first}" if first else ""
        click.echo(f"  {click.style('TIDAK VALID', fg='red')} {result.source}{shown}")
    for group in summary.duplicates:
        files = ", ".join(str(r.source) for r in group)
        unit = f"{group[0].name} {group[0].year}"
        click.echo(f"  {click.style('GANDA', fg='yellow')} {unit}: {files}")
    for name in summary.not_sent:
        click.echo(f"  {click.style('BELUM MENGIRIM', fg='yellow')} {name}")


TEMPLATE_COPIES = {"rencana-aksi": "rencana-aksi.docx", "perjanjian": "perjanjian-kinerja.docx"}
"""The documents whose template `template --dokumen` copies (and `build --template` fills),
with the copy's default name, as the documents are named."""
TEMPLATE_CHOICES = tuple(TEMPLATE_COPIES)


@main.command()
@click.argument("berkas", type=_PATH, required=False, metavar="[BERKAS.docx]")
@click.option(
    "--dokumen",
    type=click.Choice(TEMPLATE_CHOICES),
    default=TEMPLATE_CHOICES[0],
    show_default=True,
    help="Templat dokumen yang disalin: Rencana Aksi atau Perjanjian Kinerja.",
)
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
def template(berkas: Path | None, dokumen: str, force: bool) -> None:
    """Salin templat Word bawaan (Rencana Aksi, atau Perjanjian Kinerja) ke BERKAS.docx
    (bawaan: rencana-aksi.docx atau perjanjian-kinerja.docx) untuk disesuaikan (kop, huruf,
    margin)."""
    from .documents import perjanjian_docx, rencana_aksi_docx
    from .documents.templates import default_template
    from .files import same_file, write_atomically

    berkas = berkas or Path(TEMPLATE_COPIES[dokumen])
    _require_suffix(berkas, ".docx", "BERKAS")
    module = perjanjian_docx if dokumen == "perjanjian" else rencana_aksi_docx
    packaged = default_template(module.TEMPLATE)
    if same_file(packaged, berkas):
        raise click.BadParameter(f"{berkas} adalah templat bawaan itu sendiri", param_hint="BERKAS")
    source = packaged.read_bytes()
    with _reported():
        write_atomically(berkas, lambda temp: temp.write_bytes(source), force)
    click.echo(f"Templat ditulis: {berkas}")
    _next(
        "ubah tampilannya di Word tanpa mengubah tag {{ … }} dan {% … %}, lalu pakai: "
        f"renaksi-docs build BERKAS.xlsx --template {_quoted(berkas)}"
        + (" --dokumen perjanjian" if dokumen == "perjanjian" else "")
    )


@main.command()
@click.option("--tanpa-uji", is_flag=True, help="Lewati uji konversi PDF (lebih cepat).")
def doctor(tanpa_uji: bool) -> None:
    """Periksa apa yang dibutuhkan untuk PDF (Python, LibreOffice, modul Math, huruf)."""
    from .doctor import examine, ready

    click.echo("Pemeriksaan renaksi-docs untuk dokumen Word dan PDF:")
    findings = examine(convert=not tanpa_uji)
    for finding in findings:
        if finding.ok:
            status = click.style("OK     ", fg="green")
        elif finding.required:
            status = click.style("GAGAL  ", fg="red")
        else:
            status = click.style("PERLU  ", fg="yellow")
        click.echo(f"  {status}{finding.label}: {finding.detail}")
        if not finding.ok and finding.fix:
            click.echo(f"         Perbaikan: {finding.fix}")
    if ready(findings):
        click.secho("PDF dapat dibuat (build --pdf).", fg="green")
        sys.exit(0)
    click.secho(
        "PDF belum dapat dibuat; dokumen Word (.docx) tetap dapat dibuat. Perbaiki yang GAGAL di "
        "atas, lalu jalankan lagi: renaksi-docs doctor",
        fg="red",
    )
    sys.exit(1)


_CLEAR_TEXT = (
    "PERINGATAN: sandi dan isi workbook (nama, NIP) dikirim tanpa enkripsi. Pasang server ini "
    "di belakang HTTPS (reverse proxy, lihat docs/serve.md) sebelum dipakai lewat jaringan."
)

_BEHIND_PROXY = (
    "PERINGATAN: pastikan reverse proxy di {} melayani HTTPS; tanpa HTTPS sandi dan isi "
    "workbook (nama, NIP) dapat dibaca di jaringan."
)


@main.command()
@click.option(
    "--host",
    metavar="ALAMAT",
    default="127.0.0.1",
    show_default=True,
    help="Alamat yang didengarkan; selain 127.0.0.1 (mis. 0.0.0.0: server kantor) perlu sandi.",
)
@click.option(
    "--port",
    type=_Whole(0, 65535),
    metavar="PORT",
    default=8000,
    show_default=True,
    help="Port (0: port bebas mana pun).",
)
@click.option("--no-open", is_flag=True, help="Jangan buka peramban secara otomatis.")
@click.option(
    "--trusted-proxy",
    metavar="ALAMAT",
    help="Alamat IP reverse proxy HTTPS di depan server ini (alamat klien diambil darinya).",
)
@click.option(
    "--nama-host",
    "host_names",
    metavar="NAMA",
    multiple=True,
    help="Nama lain server ini di alamat peramban, mis. renaksi.kanwil.example (boleh diulang). "
    "Permintaan dengan nama lain ditolak.",
)
def serve(
    host: str, port: int, no_open: bool, trusted_proxy: str | None, host_names: tuple[str, ...]
) -> None:
    """Jalankan halaman web untuk memeriksa workbook dan membuat dokumen tanpa terminal."""
    import os
    import webbrowser
    from urllib.parse import urlsplit

    from .serve import office
    from .serve.guard import host_name, ip_text
    from .serve.server import (
        PASSWORD_VARIABLE,
        ServeOptions,
        access_logging,
        is_loopback,
        password_for,
    )
    from .serve.server import serve as run

    if trusted_proxy is not None and ip_text(trusted_proxy) is None:
        raise click.BadParameter(
            f'"{trusted_proxy}" bukan alamat IP, mis. 127.0.0.1', param_hint="--trusted-proxy"
        )
    for name in host_names:
        if host_name(name) is None:
            raise click.BadParameter(
                f'"{name}" bukan nama host, mis. renaksi.kanwil.example', param_hint="--nama-host"
            )
    with _reported():
        password, generated = password_for(host, os.environ, proxied=trusted_proxy is not None)
    kept: Path | None = None
    if generated:  # kept from one start to the next, until the clerk changes it
        with _reported():
            password, kept = office.kept_password(office.config_folder())

    def ready(url: str) -> None:
        port = urlsplit(url).port or 0
        addresses = office.own_addresses(host)
        if addresses == [host] or is_loopback(host):
            click.echo(f"Halaman renaksi-docs: {url}")
            local = url
        else:  # 0.0.0.0 or ::, which no browser opens: this machine's own addresses
            shown = ", ".join(office.url(a, port) for a in addresses)
            local = office.url("::1" if ":" in host else "127.0.0.1", port)
            click.echo(f"Halaman renaksi-docs untuk PC lain: {shown}")
            click.echo(f"Di komputer ini: {local}")
        if password is not None:
            source = password if kept is not None else f"isi variabel {PASSWORD_VARIABLE}"
            click.echo(f"Sandi: {source} (nama pengguna boleh apa saja)")
            if kept is not None:
                click.echo(
                    f"Sandi ini disimpan di {kept} dan tetap sama sampai diganti: isi variabel "
                    f"{PASSWORD_VARIABLE} dengan sandi sendiri, atau hapus berkas itu agar "
                    "dibuatkan sandi baru saat server dijalankan lagi."
                )
            if trusted_proxy is None:
                click.secho(_CLEAR_TEXT, fg="yellow", err=True)
            else:
                click.secho(_BEHIND_PROXY.format(trusted_proxy), fg="yellow", err=True)
        click.echo("Tekan Ctrl-C untuk berhenti.")
        if not no_open:
            webbrowser.open(local)

    access_logging()
    options = ServeOptions(
        host, port, password, trusted_proxy=trusted_proxy, host_names=tuple(host_names)
    )
    with _reported():
        run(options, ready)
    click.echo("Server dihentikan.")


@main.command()
@click.option("--no-open", is_flag=True, help="Jangan buka peramban secara otomatis.")
def buka(no_open: bool) -> None:
    """Buka halaman web di komputer ini (satu server tiap pengguna; dipakai ikon Renaksi Docs)."""
    from .serve.launch import launch

    with _reported():
        launch(open_browser=not no_open)


@main.command("import")
@click.argument("lama", type=_PATH, metavar="LAMA.docx")
@click.option(
    "-o",
    "--output",
    type=_PATH,
    metavar="BARU.xlsx",
    help="Workbook hasil (bawaan: rencana-aksi-<unit>-<tahun>.xlsx di folder ini).",
)
@click.option(
    "--tahun",
    type=_Whole(2000, 2100),
    metavar="TAHUN",
    help="Tahun rencana baru; angka triwulanan dikosongkan.",
)
@click.option("--force", is_flag=True, help="Timpa workbook yang sudah ada.")
def import_(lama: Path, output: Path | None, tahun: int | None, force: bool) -> None:
    """Baca dokumen Rencana Aksi Word (LAMA.docx) menjadi workbook standar."""
    from .importer import import_document

    if output is not None:
        _require_suffix(output, ".xlsx", "-o")
    with _reported():
        result = import_document(lama, output, tahun=tahun, force=force)
    for finding in result.findings:
        click.secho(f"{lama}: peringatan: {finding}", fg="yellow", err=True)
    click.echo(f"Workbook ditulis: {result.target}")
    target = _quoted(result.target)
    if any(p.severity is Severity.ERROR for p in result.problems):
        click.secho(
            "Workbook ini belum lolos validate; lengkapi sel berikut sebelum build:",
            fg="yellow",
            err=True,
        )
        _print_problems(result.target, result.problems, err=True)
        _next(f"lengkapi sel di atas di Excel, lalu periksa: renaksi-docs validate {target}")
        return
    for problem in result.problems:  # warnings only: the workbook validates
        click.secho(f"{result.target}: {problem}", fg="yellow", err=True)
    checked = "peringatan di atas dan " if result.findings or result.problems else ""
    _next(
        f"bandingkan {checked}isi workbook dengan dokumen lama (sasaran, rumus, target), lalu: "
        f"renaksi-docs build {target}"
    )
