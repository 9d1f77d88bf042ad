"""Nothing lost: inputs never change, failures leave no files, names are safe."""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from renaksi_docs import files
from renaksi_docs.cli import main
from renaksi_docs.documents import templates
from renaksi_docs.errors import OutputExists, OutputProblem

from .conftest import CONTOH_XLSX, MAGELANG_XLSX


def _state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{x}"],
        ["build", "{x}", "-o", "{out}"],
        ["build", "{x}", "-o", "{out}", "-t", "II"],
        ["build", "{x}", "-o", "{out}", "--template", "{bad}"],
        ["build", "{dir}", "-o", "{out}"],
    ],
    ids=["validate", "build", "build-quarter", "build-failing", "build-folder"],
)
def test_every_command_leaves_the_workbook_untouched(tmp_path: Path, args: list[str]) -> None:
    """Bytes and modification time of the input workbook are the same after the command."""
    folder = tmp_path / "in"
    folder.mkdir()
    workbook = folder / "kerja.xlsx"
    shutil.copy2(CONTOH_XLSX, workbook)
    os.utime(workbook, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    bad = tmp_path / "rusak.docx"
    bad.write_bytes(b"bukan docx")
    before = _state(workbook)
    values = {"x": workbook, "out": tmp_path / "out", "bad": bad, "dir": folder}
    CliRunner().invoke(main, [a.format(**values) for a in args])
    assert _state(workbook) == before


def test_failed_write_leaves_no_output_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk-full error while saving: clear message, exit 1, nothing left in the folder."""

    def full_disk(self: object, stream: BinaryIO, *args: object, **kwargs: object) -> None:
        stream.write(b"PK\x03\x04 setengah")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(templates.Template, "save", full_disk)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(out)])
    assert result.exit_code == 1
    assert "tidak dapat menulis" in result.output and "disk penuh" in result.output
    assert "No space left" not in result.output  # the system's English, never shown
    assert "Traceback" not in result.output
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "name",
    [
        "Lapas / ../../etc/passwd Kelas IIA",
        'Rutan Kelas: IIB *?<>|"\\ Kota',
        "..",
        "///",
        "Lembaga Pemasyarakatan Perempuan Kelas IIA Semarang (LPP) – Jawa Tengah",
        "مرحبا 😀",
    ],
)
def test_unit_names_give_safe_file_names(
    tmp_path: Path, name: str, workbook: Callable[..., Path]
) -> None:
    """Slashes, '..', Windows-forbidden characters and non-Latin names give a safe name."""

    def edit(book: Workbook) -> None:
        book["Identitas"]["B2"] = name

    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(workbook(edit)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    produced = list(out.iterdir())
    assert len(produced) == 1
    assert re.fullmatch(r"rencana-aksi-[a-z0-9]+(-[a-z0-9]+)*-2026\.docx", produced[0].name)
    assert produced[0].parent == out


@pytest.mark.parametrize("kind", ["file-in-the-way", "read-only-filesystem"])
def test_output_folder_that_cannot_be_written(tmp_path: Path, kind: str) -> None:
    """An output folder that cannot be created or written gives a clear message, exit 1."""
    if kind == "file-in-the-way":
        blocker = tmp_path / "laporan"
        blocker.write_text("ini berkas, bukan folder")
        out = blocker / "hasil"
    else:
        out = Path("/proc/renaksi-tidak-boleh")
    result = CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(out)])
    assert result.exit_code == 1
    assert "tidak dapat menulis di folder" in result.output
    assert re.search(r": [^:]+; (periksa|pakai) ", result.output)  # why, then what to do
    assert "Traceback" not in result.output


def test_outputs_get_the_users_mode_and_the_umask_is_never_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An output gets 0666 less the umask, like any new file of the user, without the process
    umask being changed (a process-wide change races with other threads writing files)."""
    real_umask = os.umask
    previous = real_umask(0o027)
    try:

        def forbidden(mask: int) -> int:
            raise AssertionError("os.umask called while writing an output")

        monkeypatch.setattr(os, "umask", forbidden)
        result = CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
        [written] = tmp_path.glob("*.docx")
        assert written.stat().st_mode & 0o777 == 0o640
    finally:
        monkeypatch.undo()
        real_umask(previous)


@pytest.mark.parametrize(
    "error",
    [errno.EINVAL, 45, errno.EPERM, errno.EXDEV],
    ids=["EINVAL-windows-fat32", "45-macos-exfat", "EPERM-linux-vfat", "other"],
)
def test_no_hard_links_falls_back_to_a_checked_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    """Any os.link failure but 'exists' (a USB stick in FAT32/exFAT: EINVAL on Windows,
    errno 45 on macOS) still writes the output, and still never replaces an existing one."""

    def no_links(source: object, target: object) -> None:
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "hasil.docx"
    assert files.write_atomically(target, lambda temp: temp.write_bytes(b"baru")) == target
    assert target.read_bytes() == b"baru"
    with pytest.raises(OutputExists):
        files.write_atomically(target, lambda temp: temp.write_bytes(b"lain"))
    assert target.read_bytes() == b"baru"
    assert [p.name for p in tmp_path.iterdir()] == ["hasil.docx"]


def _held_by_word(calls: list[int], fails: int, winerror: int) -> Callable[..., None]:
    """os.replace that fails `fails` times as Windows does for a file open in Word."""
    replace = os.replace

    def replace_when_free(source: object, target: object) -> None:
        calls.append(1)
        if len(calls) <= fails:
            exc = PermissionError(13, "Access is denied")
            exc.winerror = winerror  # type: ignore[attr-defined]
            raise exc
        replace(source, target)  # type: ignore[arg-type]

    return replace_when_free


@pytest.mark.parametrize("winerror", [5, 32, 33])
def test_output_open_in_word_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, winerror: int
) -> None:
    """Windows: an output held open by another program is retried a few times, then named
    with what to do; the old file and no temp file remain."""
    calls: list[int] = []
    monkeypatch.setattr(files, "LOCK_RETRIES", (0.01, 0.01, 0.01))
    monkeypatch.setattr(os, "replace", _held_by_word(calls, 99, winerror))
    target = tmp_path / "rencana.pdf"
    target.write_bytes(b"lama")
    with (
        pytest.raises(OutputProblem) as raised,
        files.atomic_output(target, force=True, platform="win32") as temp,
    ):
        temp.write_bytes(b"baru")
    assert str(raised.value) == (
        f"{target} sedang dibuka di program lain (Word/Acrobat?); tutup lalu ulangi"
    )
    assert len(calls) == 4
    assert target.read_bytes() == b"lama"
    assert [p.name for p in tmp_path.iterdir()] == ["rencana.pdf"]


def test_output_released_during_the_retry_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows: a lock that goes away within the retries (a virus scan) is not an error."""
    calls: list[int] = []
    monkeypatch.setattr(files, "LOCK_RETRIES", (0.01, 0.01, 0.01))
    monkeypatch.setattr(os, "replace", _held_by_word(calls, 2, 32))
    target = tmp_path / "rencana.docx"
    target.write_bytes(b"lama")
    with files.atomic_output(target, force=True, platform="win32") as temp:
        temp.write_bytes(b"baru")
    assert target.read_bytes() == b"baru" and len(calls) == 3


def test_permission_denied_on_linux_is_not_called_a_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only Windows locks open files: elsewhere a refused rename is called what it is (no
    permission), in Bahasa Indonesia."""
    monkeypatch.setattr(os, "replace", _held_by_word([], 99, 32))
    target = tmp_path / "rencana.docx"
    with (
        pytest.raises(OutputProblem, match=r"tidak dapat menulis .*: tidak ada izin"),
        files.atomic_output(target, force=True, platform="linux") as temp,
    ):
        temp.write_bytes(b"baru")


def test_path_too_long_for_windows(tmp_path: Path) -> None:
    """Windows: an output path of 260 characters or more (Word cannot open it) is refused with
    its length and what to do, before anything is written; elsewhere it is written."""
    deep = tmp_path / ("sangat-panjang-" * 12) / ("folder-" * 10)
    target = deep / "rencana-aksi-lembaga-pemasyarakatan-kelas-iia-2026-tw2.docx"
    assert len(str(target)) >= 260
    with pytest.raises(OutputProblem, match=r"terlalu panjang \(\d+ karakter.*lebih pendek$"):
        files.write_atomically(target, lambda t: t.write_bytes(b"x"), platform="win32")
    assert not deep.exists()
    short = tmp_path / "rencana.docx"
    files.write_atomically(short, lambda t: t.write_bytes(b"x"), platform="win32")
    files.write_atomically(target, lambda t: t.write_bytes(b"x"), platform="linux")
    assert target.read_bytes() == b"x"
