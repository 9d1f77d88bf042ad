"""The `renaksi-docs` command: checks options, calls the library, reports (PRODUCT.md §5).

Library errors become a message and exit code 1 in one place (`_reported`); click's usage
errors exit 2. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .errors import InputMissing, Problem, RenaksiError, Severity, WorkbookInvalid

_PATH = click.Path(path_type=Path)


@contextmanager
def _reported() -> Iterator[None]:
    """Turn library errors into a red message on stderr and exit code 1."""
    try:
        yield
    except WorkbookInvalid as exc:
        _print_problems(exc.path, exc.problems, err=True)
        sys.exit(1)
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="renaksi-docs")
def main() -> None:
    """Membuat dokumen Rencana Aksi atas Perjanjian Kinerja dari workbook Excel standar."""


@main.command()
@click.argument("berkas", type=_PATH, default=Path("rencana-aksi.xlsx"))
@click.option(
    "--contoh", is_flag=True, help="Tulis workbook contoh yang sudah terisi (Bapas Magelang)."
)
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
def init(berkas: Path, contoh: bool, force: bool) -> None:
    """Tulis workbook standar yang masih kosong (atau contoh terisi) ke BERKAS."""
    from .standard import WorkbookContent, write_workbook

    content = WorkbookContent()
    if contoh:
        from .contoh import MAGELANG as content
    with _reported():
        write_workbook(berkas, content, force=force)
    click.echo(f"Workbook ditulis: {berkas}")
    click.echo(f"Isi, lalu periksa dengan: renaksi-docs validate {berkas}")


@main.command()
@click.argument("berkas", type=_PATH, nargs=-1, required=True)
def validate(berkas: tuple[Path, ...]) -> None:
    """Periksa BERKAS.xlsx: setiap galat dan peringatan dengan alamat selnya."""
    from .reader import read_plan

    failed = False
    for path in berkas:
        if not path.exists():
            click.secho(f"{path}: berkas tidak ditemukan", fg="red")
            failed = True
            continue
        reading = read_plan(path)
        _print_problems(path, reading.problems)
        failed = failed or bool(reading.errors)
    sys.exit(1 if failed else 0)


_QUARTER = click.Choice(["I", "II", "III", "IV", "1", "2", "3", "4"], case_sensitive=False)


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
@click.option("--template", type=_PATH, help="Templat Word sendiri (lihat: renaksi-docs template).")
@click.option("--force", is_flag=True, help="Timpa dokumen yang sudah ada.")
def build(
    berkas: tuple[Path, ...],
    out_dir: Path,
    triwulan: str | None,
    template: Path | None,
    force: bool,
) -> None:
    """Buat dokumen Rencana Aksi (.docx) dari BERKAS.xlsx."""
    from .build import BuildOptions, build_docx
    from .values import parse_quarter

    options = BuildOptions(
        out_dir=out_dir,
        triwulan=parse_quarter(triwulan) if triwulan else None,
        template=template,
        force=force,
    )
    for source in berkas:
        with _reported():
            if not source.is_file():
                raise InputMissing(source)
            built = build_docx(source, options)
        for warning in built.warnings:
            click.secho(f"{source}: {warning}", fg="yellow", err=True)
        click.echo(f"Dokumen ditulis: {built.docx}")


@main.command()
@click.argument("berkas", type=_PATH, default=Path("rencana_aksi.docx"))
@click.option("--force", is_flag=True, help="Timpa berkas yang sudah ada.")
def template(berkas: Path, force: bool) -> None:
    """Salin templat Word bawaan ke BERKAS untuk disesuaikan (kop, huruf, margin)."""
    from .files import write_atomically
    from .render import default_template

    source = default_template().read_bytes()
    with _reported():
        write_atomically(berkas, lambda temp: temp.write_bytes(source), force)
    click.echo(f"Templat ditulis: {berkas}")
    click.echo(
        "Ubah tampilannya di Word tanpa mengubah tag {{ … }} dan {% … %}, lalu pakai: "
        f"renaksi-docs build BERKAS.xlsx --template {berkas}"
    )
