"""The `renaksi-docs` command: checks options, calls the library, reports (docs/commands.md).

Library errors become a message and exit code 1 in one place (`_reported`); click's usage
errors exit 2. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

import click

from . import __version__
from .errors import Problem, RenaksiError, Severity
from .model import QUARTERS, ROMAN

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


class _Main(click.Group):
    """The command group; makes the output streams tolerant before any command runs."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        tolerant_streams()
        return super().main(*args, **kwargs)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="renaksi-docs")
def main() -> None:
    """Membuat dokumen Rencana Aksi atas Perjanjian Kinerja dari workbook Excel standar."""


_JOBS = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Jumlah pekerjaan paralel (bawaan: jumlah inti CPU).",
)
"""The --jobs option of every command that reads many workbooks (build, rekap)."""


@main.command()
@click.argument("berkas", type=_PATH, default=Path("rencana-aksi.xlsx"))
@click.option(
    "--contoh", is_flag=True, help="Tulis workbook contoh yang sudah terisi (Bapas Magelang)."
)
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
def init(berkas: Path, contoh: bool, force: bool) -> None:
    """Tulis workbook standar yang masih kosong (atau contoh terisi) ke BERKAS."""
    from .workbook.standard import WorkbookContent, write_workbook

    content = WorkbookContent()
    if contoh:
        from .workbook.samples import MAGELANG as content
    with _reported():
        write_workbook(berkas, content, force=force)
    click.echo(f"Workbook ditulis: {berkas}")
    click.echo(f"Isi, lalu periksa dengan: renaksi-docs validate {berkas}")


@main.command()
@click.argument("berkas", type=_PATH, nargs=-1, required=True)
@click.option(
    "--rincian",
    is_flag=True,
    help="Tampilkan juga angka setiap indikator seperti yang akan dicetak (target, realisasi "
    "dan capaian per triwulan, anggaran).",
)
def validate(berkas: tuple[Path, ...], rincian: bool) -> None:
    """Periksa BERKAS.xlsx: setiap galat dan peringatan dengan alamat selnya."""
    from .errors import InputProblem
    from .files import check_input
    from .formats import format_date
    from .workbook.images import BesideWorkbook
    from .workbook.reader import read_plan
    from .workbook.spreadsheets import readable_workbook

    failed = False
    for path in berkas:
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
    sys.exit(1 if failed else 0)


_QUARTER = click.Choice([*ROMAN.values(), *(str(k) for k in QUARTERS)], case_sensitive=False)


@main.command()
@click.argument("berkas", type=_PATH, nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=_PATH,
    default=Path("."),
    show_default=True,
    help="Folder hasil.",
)
@click.option(
    "-t",
    "--triwulan",
    type=_QUARTER,
    help="Triwulan pelaporan (menggantikan isian Triwulan di workbook).",
)
@click.option("--pdf", is_flag=True, help="Buat juga PDF dengan LibreOffice.")
@click.option("--template", type=_PATH, help="Templat Word sendiri (lihat: renaksi-docs template).")
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
    BERKAS.xlsx (atau setiap .xlsx di FOLDER)."""
    from . import build as pipeline
    from .batch import BatchInterrupted, default_jobs
    from .files import check_folder
    from .workbook.cells import parse_quarter

    if template is not None and not template.is_file():
        raise click.BadParameter(f"{template} tidak ditemukan", param_hint="--template")
    options = pipeline.BuildOptions(
        out_dir=out_dir,
        quarter=parse_quarter(triwulan) if triwulan else None,
        template=template,
        force=force,
        pdf=pdf,
        documents=pipeline.Documents(dokumen),
        skip_current=lewati,
    )
    sources = pipeline.workbooks(berkas)
    if not sources:
        click.secho("galat: tidak ada berkas .xlsx yang ditemukan", fg="red", err=True)
        sys.exit(1)
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
    sys.exit(0 if all(o.ok for o in outcomes) else 1)


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
@click.argument("berkas", type=_PATH, nargs=-1, required=True)
@click.option(
    "-o", "--output", type=_PATH, required=True, help="Berkas rekap .xlsx yang akan ditulis."
)
@click.option(
    "-t",
    "--triwulan",
    type=_QUARTER,
    help="Triwulan pengukuran untuk semua unit (menggantikan isian Triwulan setiap workbook).",
)
@click.option(
    "--daftar",
    type=click.Path(exists=True, dir_okay=False, readable=False, path_type=Path),
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
    """Rekap capaian banyak UPT (BERKAS.xlsx atau setiap .xlsx di FOLDER) dalam satu workbook."""
    from .batch import BatchInterrupted, default_jobs
    from .build import workbooks
    from .errors import OutputExists
    from .files import InputSet, check_folder, same_file
    from .rekap import collect as recap
    from .rekap.xlsx import is_rekap, write_rekap
    from .workbook.cells import parse_quarter

    if output.suffix.lower() != ".xlsx":
        raise click.BadParameter("nama berkas rekap harus berakhiran .xlsx", param_hint="-o")
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
        click.secho("galat: tidak ada berkas .xlsx yang ditemukan", fg="red", err=True)
        sys.exit(1)
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
    sys.exit(1 if summary.invalid else 0)


def _rekap_summary(summary: Rekap) -> None:
    valid, invalid = summary.valid, summary.invalid
    line = f"\nRingkasan: {len(valid)} valid, {len(invalid)} tidak valid"
    if summary.not_sent:
        line += f", {len(summary.not_sent)} belum mengirim"
    click.echo(line)
    for result in invalid:
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        first = f": {errors[0]}" if errors else ""
        more = f" (+{len(errors) - 1} galat lain di lembar Masalah)" if len(errors) > 1 else ""
        click.echo(f"  {click.style('TIDAK VALID', fg='red')} {result.source}{first}{more}")
    for group in summary.duplicates:
        files = ", ".join(str(r.source) for r in group)
        unit = f"{group[0].name} {group[0].year}"
        click.echo(f"  {click.style('GANDA', fg='yellow')} {unit}: {files}")
    for name in summary.not_sent:
        click.echo(f"  {click.style('BELUM MENGIRIM', fg='yellow')} {name}")


TEMPLATE_CHOICES = ("rencana-aksi", "perjanjian")
"""The documents whose template `template --dokumen` copies and `build --template` fills."""


@main.command()
@click.argument("berkas", type=_PATH, required=False)
@click.option(
    "--dokumen",
    type=click.Choice(TEMPLATE_CHOICES),
    default=TEMPLATE_CHOICES[0],
    show_default=True,
    help="Templat dokumen yang disalin: Rencana Aksi atau Perjanjian Kinerja.",
)
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
def template(berkas: Path | None, dokumen: str, force: bool) -> None:
    """Salin templat Word bawaan ke BERKAS (bawaan: rencana_aksi.docx atau
    perjanjian_kinerja.docx) untuk disesuaikan (kop, huruf, margin)."""
    from .documents import perjanjian_docx, rencana_aksi_docx
    from .documents.templates import default_template
    from .files import same_file, write_atomically

    name = (perjanjian_docx if dokumen == "perjanjian" else rencana_aksi_docx).TEMPLATE
    berkas = berkas or Path(name)
    packaged = default_template(name)
    if same_file(packaged, berkas):
        raise click.BadParameter(f"{berkas} adalah templat bawaan itu sendiri", param_hint="BERKAS")
    source = packaged.read_bytes()
    with _reported():
        write_atomically(berkas, lambda temp: temp.write_bytes(source), force)
    click.echo(f"Templat ditulis: {berkas}")
    click.echo(
        "Ubah tampilannya di Word tanpa mengubah tag {{ … }} dan {% … %}, lalu pakai: "
        f"renaksi-docs build BERKAS.xlsx --template {berkas}"
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
    default="127.0.0.1",
    show_default=True,
    help="Alamat yang didengarkan; selain 127.0.0.1 (mis. 0.0.0.0: server kantor) perlu sandi.",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port."
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

    def ready(url: str) -> None:
        click.echo(f"Halaman renaksi-docs: {url}")
        if password is not None:
            source = password if generated else f"isi variabel {PASSWORD_VARIABLE}"
            click.echo(f"Sandi: {source} (nama pengguna boleh apa saja)")
            if trusted_proxy is None:
                click.secho(_CLEAR_TEXT, fg="yellow", err=True)
            else:
                click.secho(_BEHIND_PROXY.format(trusted_proxy), fg="yellow", err=True)
        click.echo("Tekan Ctrl-C untuk berhenti.")
        if not no_open:
            local = url if is_loopback(host) else url.replace(f"//{host}:", "//127.0.0.1:", 1)
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
@click.argument("lama", type=_PATH)
@click.option(
    "-o",
    "--output",
    type=_PATH,
    help="Workbook hasil (bawaan: rencana-aksi-<unit>-<tahun>.xlsx di folder ini).",
)
@click.option(
    "--tahun",
    type=click.IntRange(2000, 2100),
    help="Tahun rencana baru; angka triwulanan dikosongkan.",
)
@click.option("--force", is_flag=True, help="Timpa workbook yang sudah ada.")
def import_(lama: Path, output: Path | None, tahun: int | None, force: bool) -> None:
    """Baca dokumen Rencana Aksi Word (LAMA.docx) menjadi workbook standar."""
    from .importer import import_document

    with _reported():
        result = import_document(lama, output, tahun=tahun, force=force)
    for finding in result.findings:
        click.secho(f"{lama}: peringatan: {finding}", fg="yellow", err=True)
    click.echo(f"Workbook ditulis: {result.target}")
    if any(p.severity is Severity.ERROR for p in result.problems):
        click.secho(
            "Workbook ini belum lolos validate; lengkapi sel berikut sebelum build:",
            fg="yellow",
            err=True,
        )
        _print_problems(result.target, result.problems, err=True)
    elif result.problems:
        _print_problems(result.target, result.problems, err=True)
    click.echo(f"Periksa isinya, lalu: renaksi-docs validate {result.target}")
