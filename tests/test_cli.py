"""The command line: init, validate, help, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from renaksi_docs.cli import main

from .conftest import CONTOH_XLSX, MAGELANG_XLSX


def test_every_command_has_help() -> None:
    """Each command answers --help in Bahasa Indonesia with exit 0."""
    for command in main.commands:
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0, command
        assert result.output.strip()


def test_init_writes_the_blank_standard_workbook(tmp_path: Path) -> None:
    """init writes the five sheets with headers, frozen rows and dropdowns."""
    target = tmp_path / "baru.xlsx"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    book = load_workbook(target)
    assert book.sheetnames == ["Petunjuk", "Identitas", "Indikator", "Triwulan", "Predikat"]
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
    assert lists["F2:F300"] == '"persentase,pertumbuhan,indeks,jumlah"'
    assert lists["G2:G300"] == '"maksimal,minimal"'
    assert lists["H2:H300"] == '"kumulatif,per triwulan,terakhir"'
    triwulan = book["Triwulan"]
    kinds = {str(v.sqref): v.type for v in triwulan.data_validations.dataValidation}
    assert kinds["B2:B1200"] == "list" and kinds["C2:C1200"] == "whole"
    identitas_lists = [v.formula1 for v in book["Identitas"].data_validations.dataValidation]
    assert '"A4,F4"' in identitas_lists and '"bulat,potong"' in identitas_lists
    petunjuk = " ".join(
        str(c.value) for row in book["Petunjuk"].iter_rows() for c in row if c.value
    )
    for header in ("Jenis Rumus", "Nilai Dasar", "Status Pelaksana", "Ukuran Kertas"):
        assert header in petunjuk


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
