"""The command line: init, validate, help, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from renaksi_docs.cli import main

from .conftest import CONTOH_XLSX, MAGELANG_XLSX


def test_every_command_has_help() -> None:
    """Each command answers --help in Bahasa Indonesia with exit 0."""
    for command in main.commands:
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0, command
        assert result.output.strip()


def test_init_writes_the_blank_standard_workbook(tmp_path: Path) -> None:
    """init writes the six sheets with headers, frozen rows and dropdowns, and the Skala
    sheet with the four built-in scales (docs/indicators.md)."""
    target = tmp_path / "baru.xlsx"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    book = load_workbook(target)
    assert book.sheetnames == [
        "Petunjuk",
        "Identitas",
        "Indikator",
        "Triwulan",
        "Predikat",
        "Skala",
    ]
    skala = [row for row in book["Skala"].iter_rows(values_only=True)]
    assert skala[0] == ("Skala", "Tingkat", "Nilai")
    levels: dict[str, list[str]] = {}
    for name, level, value in skala[1:]:
        assert value is None
        levels.setdefault(name, []).append(level)
    assert levels == {
        "Opini BPK": ["WTP", "WDP", "TW", "TMP"],
        "Predikat SAKIP": ["AA", "A", "BB", "B", "CC", "C", "D"],
        "Zona Integritas": ["WBBM", "WBK", "Belum WBK"],
        "Maturitas SPIP": ["Level 5", "Level 4", "Level 3", "Level 2", "Level 1"],
    }
    indikator = book["Indikator"]
    assert [c.value for c in indikator[1]][:4] == [
        "Kode",
        "Sasaran Kegiatan",
        "Indikator Kinerja",
        "Target",
    ]
    assert indikator.freeze_panes == "A2"
    lists = {
        str(v.sqref): v.formula1
        for v in indikator.data_validations.dataValidation
        if v.type == "list"
    }
    assert lists["F2:F300"] == '"persentase,pertumbuhan,indeks,jumlah,kategori"'
    assert lists["G2:G300"] == '"maksimal,minimal"'
    assert lists["H2:H300"] == '"kumulatif,per triwulan,terakhir,rata-rata"'
    assert lists["Q2:Q300"] == "Skala!$A$2:$A$200"  # the Skala sheet's scales
    triwulan = book["Triwulan"]
    kinds = {str(v.sqref): v.type for v in triwulan.data_validations.dataValidation}
    assert kinds["B2:B1200"] == "list" and kinds["C2:C1200"] == "custom"
    identitas_lists = [v.formula1 for v in book["Identitas"].data_validations.dataValidation]
    assert '"A4,F4"' in identitas_lists and '"bulat,potong"' in identitas_lists
    petunjuk = " ".join(
        str(c.value) for row in book["Petunjuk"].iter_rows() for c in row if c.value
    )
    for header in ("Jenis Rumus", "Nilai Dasar", "Status Pelaksana", "Ukuran Kertas"):
        assert header in petunjuk
    for example in ("80–90", "WTP", "IKM 3,2 lalu 3,6", "Batas Capaian (%)", "Target Triwulan"):
        assert example in petunjuk


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    """An existing file is kept unless --force; the file is untouched."""
    target = tmp_path / "ada.xlsx"
    target.write_bytes(b"milik pengguna")
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 1
    assert "--force" in result.output
    assert target.read_bytes() == b"milik pengguna"
    assert CliRunner().invoke(main, ["init", "--force", str(target)]).exit_code == 0
    assert load_workbook(target).sheetnames[0] == "Petunjuk"


def test_init_contoh_validates(tmp_path: Path) -> None:
    """init --contoh writes the Magelang sample, which validates clean."""
    target = tmp_path / "contoh.xlsx"
    assert CliRunner().invoke(main, ["init", "--contoh", str(target)]).exit_code == 0
    result = CliRunner().invoke(main, ["validate", str(target)])
    assert result.exit_code == 0, result.output


def test_blank_workbook_lists_what_to_fill(tmp_path: Path) -> None:
    """validate on the blank workbook names each required Identitas cell, no traceback."""
    target = tmp_path / "kosong.xlsx"
    CliRunner().invoke(main, ["init", str(target)])
    result = CliRunner().invoke(main, ["validate", str(target)])
    assert result.exit_code == 1
    assert "Identitas!B2: Nama UPT harus diisi" in result.output
    assert "Traceback" not in result.output


def test_blank_workbook_reports_every_problem_in_one_round(tmp_path: Path) -> None:
    """One validate of the blank workbook names the empty required Identitas cells and the
    missing indicators together, not one after the other is fixed."""
    target = tmp_path / "kosong.xlsx"
    assert CliRunner().invoke(main, ["init", str(target)]).exit_code == 0
    result = CliRunner().invoke(main, ["validate", str(target)])
    assert result.exit_code == 1
    lines = [line.strip() for line in result.output.splitlines()[1:]]
    assert lines == [
        "Identitas!B2: Nama UPT harus diisi",
        "Identitas!B3: Tahun harus diisi",
        "Identitas!B4: Kota harus diisi",
        "Identitas!B5: Tanggal harus diisi",
        "Identitas!B7: Nama Penandatangan harus diisi",
        "Indikator: belum ada indikator; isi minimal satu baris di bawah judul",
    ]


def test_validate_samples_exit_zero() -> None:
    """Both shipped samples validate with exit 0 (the contoh one with warnings)."""
    result = CliRunner().invoke(main, ["validate", str(MAGELANG_XLSX), str(CONTOH_XLSX)])
    assert result.exit_code == 0, result.output
    assert "Triwulan!G12: peringatan:" in result.output


def test_validate_missing_file_exits_one(tmp_path: Path) -> None:
    """A path that does not exist is reported, exit 1."""
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "tidak-ada.xlsx")])
    assert result.exit_code == 1
    assert "tidak ditemukan" in result.output


@pytest.mark.parametrize("args", [["validate"], ["tidak-ada"], ["init", "--tidak-ada"]])
def test_usage_errors_exit_two(args: list[str]) -> None:
    """Wrong usage exits 2."""
    assert CliRunner().invoke(main, args).exit_code == 2


def _run_on_code_page(encoding: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI with its output redirected and encoded as a Windows code page."""
    env = {**os.environ, "PYTHONUTF8": "0", "PYTHONIOENCODING": encoding}
    env.pop("PYTHONWARNINGS", None)
    return subprocess.run(
        [sys.executable, "-m", "renaksi_docs", *args],
        capture_output=True,
        text=True,
        encoding=encoding,
        errors="strict",
        env=env,
        cwd=cwd,
        timeout=120,
    )


def _shown(text: str, encoding: str) -> str:
    """`text` as a console with `encoding` shows it: unencodable characters as '?'."""
    return text.encode(encoding, "replace").decode(encoding)


@pytest.mark.parametrize("encoding", ["cp1252", "cp437"])
def test_windows_code_pages_never_crash_the_output(
    tmp_path: Path, encoding: str, workbook: Callable[..., Path]
) -> None:
    """On a cp1252 or cp437 console (or redirected), a batch summary with '→', validate of a
    sheet named with '≥' and '–', and template's '…' print with '?' instead of a traceback."""
    folder = tmp_path / "masuk"
    folder.mkdir()
    shutil.copy(MAGELANG_XLSX, folder / "magelang.xlsx")
    (folder / "rusak.xlsx").write_bytes(b"PK\x03\x04 terpotong")

    def rename(book: Workbook) -> None:
        book["Indikator"].title = "Indikator ≥ 2026 – revisi"

    renamed = str(workbook(rename))
    commands = [
        ("build", str(folder), "-o", "keluar"),
        ("validate", renamed),
        ("template", "templat.docx"),
    ]
    with ThreadPoolExecutor(len(commands)) as pool:  # three processes on their own files
        batch, checked, copied = pool.map(
            lambda args: _run_on_code_page(encoding, *args, cwd=tmp_path), commands
        )
    assert batch.returncode == 1, batch.stderr
    assert "Ringkasan: 2 workbook (1 berhasil, 1 gagal); 1 dokumen ditulis" in batch.stdout
    assert f"magelang.xlsx {_shown('→', encoding)} " in batch.stdout
    assert len(list((tmp_path / "keluar").glob("*.docx"))) == 1

    assert checked.returncode == 1, checked.stderr
    assert _shown("Indikator ≥ 2026 – revisi", encoding) in checked.stdout

    assert copied.returncode == 0, copied.stderr
    assert _shown("{{ … }}", encoding) in copied.stdout
    for result in (batch, checked, copied):
        assert "Traceback" not in result.stderr


def test_folder_search_ignores_case_and_lists_other_spreadsheets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder's LAPORAN.XLSX is built; its .ods, .xls and .csv files are listed as failed
    with the reader's message for each format (exit 1); lock and hidden files are skipped."""
    monkeypatch.setenv("RENAKSI_SOFFICE", str(tmp_path / "tanpa-libreoffice"))
    folder = tmp_path / "masuk"
    folder.mkdir()
    shutil.copy(MAGELANG_XLSX, folder / "LAPORAN.XLSX")
    with zipfile.ZipFile(folder / "calc.ods", "w") as ods:
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        ods.writestr("content.xml", "<office:document-content/>")
    (folder / "lama.XLS").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    (folder / "data.csv").write_text("Kode;Target\n1;75\n")
    (folder / "~$LAPORAN.XLSX").write_bytes(b"kunci")
    (folder / "catatan.txt").write_text("bukan workbook")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "keluar")])
    assert result.exit_code == 1
    assert "Ringkasan: 4 workbook (1 berhasil, 3 gagal); 1 dokumen ditulis" in result.output
    lines = {
        line.split(": ", 1)[0].split()[-1]: line
        for line in result.output.splitlines()
        if line.startswith("  ")
    }
    assert "(.ods)" in lines[str(folder / "calc.ods")]
    assert "Excel lama (.xls)" in lines[str(folder / "lama.XLS")]
    assert "CSV" in lines[str(folder / "data.csv")]
    assert f"  OK    {folder / 'LAPORAN.XLSX'} → " in result.output


def test_init_and_template_default_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a name: init writes rencana-aksi.xlsx, init --contoh the sample's own name (and
    does not ask to fill it), template rencana-aksi.docx; each says the next step."""
    monkeypatch.chdir(tmp_path)
    blank = CliRunner().invoke(main, ["init"])
    assert blank.exit_code == 0 and (tmp_path / "rencana-aksi.xlsx").is_file()
    assert "Langkah berikutnya: isi di Excel, lalu periksa: renaksi-docs validate" in blank.output
    sample = CliRunner().invoke(main, ["init", "--contoh"])
    assert sample.exit_code == 0, sample.output
    written = load_workbook(tmp_path / MAGELANG_XLSX.name)["Identitas"]["B2"].value
    assert written == load_workbook(MAGELANG_XLSX)["Identitas"]["B2"].value
    assert "Isi" not in sample.output and "isi di Excel" not in sample.output
    assert f"renaksi-docs build {MAGELANG_XLSX.name}" in sample.output
    copied = CliRunner().invoke(main, ["template"])
    assert copied.exit_code == 0 and (tmp_path / "rencana-aksi.docx").is_file()
    assert "--template rencana-aksi.docx" in copied.output


def test_validate_takes_folders_and_says_the_next_step(tmp_path: Path) -> None:
    """validate FOLDER checks every workbook inside, as build and rekap do; with no errors it
    ends with the build command to run next."""
    folder = tmp_path / "masuk"
    folder.mkdir()
    shutil.copy(MAGELANG_XLSX, folder)
    shutil.copy(CONTOH_XLSX, folder)
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"{folder / MAGELANG_XLSX.name}: tidak ada galat" in result.output
    assert str(folder / CONTOH_XLSX.name) in result.output
    assert result.output.rstrip().splitlines()[-1] == (
        f"Langkah berikutnya: buat dokumennya: renaksi-docs build {folder}"
    )


def test_build_says_the_next_step(tmp_path: Path) -> None:
    """After a build: one line saying what to do with the documents; a failed one ends with
    its errors, each saying what to fix (no second advice)."""
    good = CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(tmp_path)])
    assert good.exit_code == 0
    assert good.output.rstrip().splitlines()[-1].startswith("Langkah berikutnya: buka dokumen")
    blank = tmp_path / "kosong.xlsx"
    CliRunner().invoke(main, ["init", str(blank)])
    bad = CliRunner().invoke(main, ["build", str(blank), "-o", str(tmp_path)])
    assert bad.exit_code == 1
    assert "Identitas!B2: Nama UPT harus diisi" in bad.output
    assert "Langkah berikutnya" not in bad.output


def test_template_that_does_not_apply_is_warned(tmp_path: Path) -> None:
    """--template with --dokumen pengukuran (the report has its own template): a warning
    saying so; the report is built."""
    template = tmp_path / "templat.docx"
    CliRunner().invoke(main, ["template", str(template)])
    args = ["build", str(CONTOH_XLSX), "-o", str(tmp_path), "--dokumen", "pengukuran"]
    result = CliRunner().invoke(main, [*args, "--template", str(template)])
    assert result.exit_code == 0, result.output
    assert "peringatan: --template tidak dipakai" in result.output
    assert list(tmp_path.glob("pengukuran-kinerja-*.docx"))
    both = CliRunner().invoke(main, [*args[:-1], "semua", "--template", str(template), "--force"])
    assert both.exit_code == 0 and "tidak dipakai" not in both.output


def test_missing_quarter_names_the_option_here() -> None:
    """Without a reporting quarter, the Pengukuran's message names this command's option."""
    result = CliRunner().invoke(
        main, ["build", str(MAGELANG_XLSX), "-o", "/nonexistent", "--dokumen", "pengukuran"]
    )
    assert result.exit_code == 1
    assert "isi Triwulan di lembar Identitas (I–IV) atau beri opsi -t/--triwulan" in result.output
