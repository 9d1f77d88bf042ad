"""PDF through real LibreOffice, batches of many workbooks, and LibreOffice's failure modes."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from bench.synthetic import synthetic
from renaksi_docs import libreoffice
from renaksi_docs.cli import main

from .conftest import MAGELANG_XLSX, make_workbook
from .docx_table import seed_indicators

SEED = Path(__file__).parent / "data" / "seed-bapas-magelang-2026.txt"
MAGELANG = "rencana-aksi-balai-pemasyarakatan-kelas-ii-magelang-2026"


def survivors(groups: list[int], wait: float = 5.0) -> list[int]:
    """The process groups among `groups` that still hold a live (non-zombie) process, after
    waiting up to `wait` seconds for them to empty (SIGKILL is delivered asynchronously)."""
    deadline = time.monotonic() + wait
    while True:
        alive = set()
        for process in psutil.process_iter(["status"]):
            with contextlib.suppress(ProcessLookupError, psutil.Error):
                if process.info["status"] != psutil.STATUS_ZOMBIE:
                    group = os.getpgid(process.pid)
                    if group in groups:
                        alive.add(group)
        if not alive or time.monotonic() > deadline:
            return sorted(alive)
        time.sleep(0.05)


@pytest.fixture(autouse=True)
def libreoffice_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Records the process group of every LibreOffice this test starts (in this process, or
    a fake soffice's `$$` in a CLI subprocess); afterwards none of them holds a process.
    Processes the test did not start (a user's own build, a decoy) do not count."""
    started: list[int] = []
    launch = libreoffice.launch

    def recording(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        process = launch(*args, **kwargs)
        started.append(process.pid)  # a session of its own: its group id is its pid
        return process

    monkeypatch.setattr(libreoffice, "launch", recording)
    yield started
    assert survivors(started + _pids(tmp_path)) == []


@pytest.mark.libreoffice
def test_sample_pdf(tmp_path: Path, soffice: str) -> None:
    """The sample's PDF is landscape and holds the title, every indicator and the signer."""
    result = CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / f"{MAGELANG}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(pdf)
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "RENCANA AKSI ATAS PERJANJIAN KINERJA DI BALAI PEMASYARAKATAN KELAS II MAGELANG" in text
    _, indicators = seed_indicators(SEED)
    for indicator in indicators:
        assert " ".join(str(indicator["indikator"]).split()) in text
    assert "Agustiyar Ekantoro" in text
    assert "Magelang, 22 Juni 2026" in text


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    """A stand-in for soffice that records its pid (its process group) and then does `body`."""
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/bash\necho $$ >> {tmp_path}/calls\n{body}\n")
    script.chmod(0o755)
    return script


def _pids(tmp_path: Path) -> list[int]:
    calls = tmp_path / "calls"
    return [int(line) for line in calls.read_text().split()] if calls.exists() else []


def _calls(tmp_path: Path) -> int:
    return len(_pids(tmp_path))


WRITES_PDFS = """prev=""; for a in "$@"; do [ "$prev" = --outdir ] && out="$a"; prev="$a"; done
for a in "$@"; do case "$a" in *.docx)
    case "$a" in *macet*) sleep 300;; esac
    printf '%%PDF-1.4 palsu\\n%%%%EOF\\n' > "$out/$(basename "$a" .docx).pdf";;
esac; done"""
"""Body of a fake soffice that writes a %PDF file per .docx into --outdir (hangs on *macet*)."""

HANGS = """bash -c 'exec -a renaksi-fake-lo sleep 300' &
touch "$(dirname "$0")/hanging"
sleep 300"""
"""Body of a fake soffice that hangs, with a child of its own (`hanging` beside it once the
child runs)."""


def wait_for(condition: Callable[[], object], what: str, seconds: float = 30) -> None:
    """Poll `condition` until it holds; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {seconds} s"
        time.sleep(0.02)


def test_missing_libreoffice_keeps_docx_and_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without LibreOffice the .docx is written, the message names the package, exit 1."""
    monkeypatch.setenv("RENAKSI_SOFFICE", str(tmp_path / "tidak-ada"))
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 1
    assert "apt-get install libreoffice-writer-nogui" in result.output
    assert (tmp_path / f"{MAGELANG}.docx").is_file()
    assert not (tmp_path / f"{MAGELANG}.pdf").exists()


def test_hung_libreoffice_is_killed_and_retried_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A LibreOffice that hangs (with a child) is killed as a group at the timeout, retried once."""
    fake = _fake_soffice(tmp_path, HANGS)
    monkeypatch.setenv("RENAKSI_SOFFICE", str(fake))
    monkeypatch.setenv("RENAKSI_PDF_TIMEOUT", "1")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(out), "--pdf"])
    assert result.exit_code == 1
    assert "tidak selesai dalam 1 detik" in result.output
    assert _calls(tmp_path) == 2
    assert sorted(p.name for p in out.iterdir()) == [f"{MAGELANG}.docx"]


def test_libreoffice_without_pdf_is_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exit 0 without a PDF (a profile handed over) is caught by the %PDF check, retried once."""
    monkeypatch.setenv("RENAKSI_SOFFICE", str(_fake_soffice(tmp_path, "exit 0")))
    result = CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 1
    assert "tidak menghasilkan PDF" in result.output
    assert _calls(tmp_path) == 2


@pytest.mark.parametrize("written", ["rusak", "%%PDF-1.4 terpotong"], ids=["junk", "cut-short"])
def test_not_a_pdf_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    """A file that does not start with %PDF, or has no end-of-file marker (cut short), is
    not published."""
    body = WRITES_PDFS.replace("%%PDF-1.4 palsu\\n%%%%EOF", written)
    monkeypatch.setenv("RENAKSI_SOFFICE", str(_fake_soffice(tmp_path, body)))
    result = CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 1
    assert not (tmp_path / f"{MAGELANG}.pdf").exists()


def test_ctrl_c_kills_libreoffice(tmp_path: Path) -> None:
    """Ctrl-C during the PDF step ends the build with 130 and leaves no LibreOffice running."""
    fake = _fake_soffice(tmp_path, HANGS)
    env = {**os.environ, "RENAKSI_SOFFICE": str(fake)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "renaksi_docs",
            "build",
            str(MAGELANG_XLSX),
            "-o",
            str(tmp_path / "out"),
            "--pdf",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    wait_for((tmp_path / "hanging").exists, "the fake LibreOffice runs with its child")
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert b"dibatalkan" in err
    assert b"Traceback" not in err
    leftovers = [p for p in (tmp_path / "out").iterdir() if p.suffix != ".docx"]
    assert leftovers == []
    assert _pids(tmp_path)  # the fixture checks that its process group is empty


def test_batch_of_100_with_one_broken(tmp_path: Path) -> None:
    """100 workbooks in one command: the broken one is reported, the other 99 are built."""
    folder = _folder_of_workbooks(tmp_path / "kanwil", 99)
    (folder / "upt-rusak.xlsx").write_bytes(b"PK\x03\x04 terpotong")
    (folder / "~$u00.xlsx").write_bytes(b"lock file")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    assert "Ringkasan: 100 workbook (99 berhasil, 1 gagal); 99 dokumen ditulis" in result.output
    assert "GAGAL upt-rusak.xlsx" in result.output.replace(str(folder) + "/", "")
    assert len(list(out.glob("*.docx"))) == 99
    assert not list(out.glob(".*"))  # no temp files


@pytest.mark.libreoffice
def test_batch_pdf_one_process_per_job(tmp_path: Path, soffice: str) -> None:
    """Four workbooks with --pdf --jobs 2 give four PDFs."""
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(4):
        make_workbook(
            folder,
            content=synthetic(3, unit=f"Rutan Kelas IIB Nomor {number}"),
            name=f"rutan-{number}.xlsx",
        )
    result = CliRunner().invoke(
        main, ["build", str(folder), "-o", str(tmp_path / "out"), "--pdf", "--jobs", "2"]
    )
    assert result.exit_code == 0, result.output
    pdfs = list((tmp_path / "out").glob("*.pdf"))
    assert len(pdfs) == 4
    assert all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)


def test_no_files_starts_no_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Converting nothing starts no process (soffice without files would never exit)."""
    with libreoffice.Converter(str(_fake_soffice(tmp_path, "sleep 300"))) as converter:
        assert converter.convert([]) == []
    assert _calls(tmp_path) == 0


@pytest.mark.libreoffice
def test_seeded_profile_skips_the_graphics_self_tests(tmp_path: Path, soffice: str) -> None:
    """A fresh profile runs VCL's self-tests at every start (~1 s of CPU); ours does not."""
    from docx import Document

    document = tmp_path / "satu.docx"
    word = Document()
    word.add_paragraph("Rencana Aksi")
    word.save(str(document))
    logs = {}
    for name, settings in (
        ("lo-biasa", libreoffice.registry()),
        ("lo-kami", libreoffice.PROFILE_SETTINGS),
    ):
        profile = tmp_path / name / "profile"
        libreoffice.seed_profile(profile, settings)
        out = tmp_path / name / "out"
        command = libreoffice.soffice_command(soffice, profile, out, [document])
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        assert (out / "satu.pdf").read_bytes().startswith(b"%PDF-")
        logs[name] = (profile / "user" / "GraphicsRenderTests.log").exists()
    assert logs == {"lo-biasa": True, "lo-kami": False}


def test_libreoffice_runs_with_the_configured_malloc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$RENAKSI_PDF_MALLOC is preloaded into LibreOffice before any LD_PRELOAD of the user's."""
    body = f'echo "$LD_PRELOAD" >> {tmp_path}/preload'
    monkeypatch.setenv("RENAKSI_SOFFICE", str(_fake_soffice(tmp_path, body)))
    monkeypatch.setenv("LD_PRELOAD", "libpengguna.so")
    monkeypatch.setenv("RENAKSI_PDF_MALLOC", "libcontoh-malloc.so")
    CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(tmp_path / "a"), "--pdf"])
    monkeypatch.setenv("RENAKSI_PDF_MALLOC", "")
    CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(tmp_path / "b"), "--pdf"])
    assert (tmp_path / "preload").read_text().splitlines() == [
        "libcontoh-malloc.so libpengguna.so",  # no PDF: retried once
        "libcontoh-malloc.so libpengguna.so",
        "libpengguna.so",
        "libpengguna.so",
    ]


def test_shares_are_balanced_by_size(tmp_path: Path) -> None:
    """Large documents are spread over the processes; every file is in exactly one share."""
    files = []
    for number, size in enumerate([90, 10, 80, 20, 70, 30, 60, 40, 50, 50]):
        path = tmp_path / f"dok-{number}.docx"
        path.write_bytes(b"x" * size * 1000)
        files.append(path)
    shares = libreoffice.shares(files, 2)
    assert sorted(p for share in shares for p in share) == sorted(files)
    totals = [sum(p.stat().st_size for p in share) for share in shares]
    assert totals == [250_000, 250_000]
    three = [sum(p.stat().st_size for p in share) for share in libreoffice.shares(files, 3)]
    assert three == [170_000, 170_000, 160_000]
    assert libreoffice.shares(files[:2], 8) == [[files[0]], [files[1]]]
    assert libreoffice.shares([], 2) == []


def _docx(folder: Path, name: str) -> Path:
    """A one-paragraph .docx written by python-docx."""
    from docx import Document

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    document = Document()
    document.add_paragraph(f"Rencana Aksi {path.stem}")
    document.save(str(path))
    return path


def _cancel_while_converting(tmp_path: Path) -> libreoffice.Converter:
    """A Converter cancelled while its (hung) LibreOffice runs; returns it cancelled."""
    tmp_path.mkdir(exist_ok=True)
    converter = libreoffice.Converter(str(_fake_soffice(tmp_path, HANGS)))
    results: list[libreoffice.Converted] = []
    worker = threading.Thread(
        target=lambda: results.extend(converter.convert([_docx(tmp_path / "a", "satu.docx")]))
    )
    worker.start()
    wait_for((tmp_path / "hanging").exists, "the fake LibreOffice runs with its child")
    converter.cancel()
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert [r.error for r in results] == [libreoffice.CANCELLED]
    return converter


def test_cancel_ends_only_that_converter(tmp_path: Path) -> None:
    """After cancel, that Converter converts nothing (no process started); a new one works."""
    cancelled = _cancel_while_converting(tmp_path)
    assert _calls(tmp_path) == 1  # cancelled: no retry
    later = cancelled.convert([_docx(tmp_path / "b", "dua.docx")])
    assert [(r.pdf, r.error) for r in later] == [(None, libreoffice.CANCELLED)]
    assert _calls(tmp_path) == 1
    fresh = libreoffice.Converter(str(_fake_soffice(tmp_path, WRITES_PDFS)))
    [result] = fresh.convert([_docx(tmp_path / "c", "tiga.docx")])
    assert result.error is None and result.pdf == tmp_path / "c" / "tiga.pdf"


@pytest.mark.libreoffice
def test_two_conversions_after_a_cancelled_one(tmp_path: Path, soffice: str) -> None:
    """In one process, after a cancelled conversion, two real ones at once both give PDFs."""
    _cancel_while_converting(tmp_path / "batal")
    documents = [_docx(tmp_path / name, f"{name}.docx") for name in ("pertama", "kedua")]
    with libreoffice.Converter(soffice) as converter:
        threads = [threading.Thread(target=lambda d=d: converter.convert([d])) for d in documents]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    for document in documents:
        assert document.with_suffix(".pdf").read_bytes().startswith(b"%PDF-")


def test_a_hung_conversion_does_not_block_another(tmp_path: Path) -> None:
    """Two threads on one Converter: one LibreOffice hangs until its timeout, the other's
    PDF is written meanwhile; the hung one is killed and reported."""
    converter = libreoffice.Converter(str(_fake_soffice(tmp_path, WRITES_PDFS)), timeout=1)
    finished: list[str] = []
    outcomes: dict[str, list[libreoffice.Converted]] = {}

    def run(name: str) -> None:
        outcomes[name] = converter.convert([_docx(tmp_path / name, f"{name}.docx")])
        finished.append(name)

    threads = [threading.Thread(target=run, args=(name,)) for name in ("macet", "lancar")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert finished == ["lancar", "macet"]
    assert outcomes["lancar"][0].pdf == tmp_path / "lancar" / "lancar.pdf"
    assert "tidak selesai dalam 1 detik" in str(outcomes["macet"][0].error)
    assert _calls(tmp_path) == 3  # the hung one was retried once


def test_process_check_ignores_a_decoy_but_sees_our_leftovers(
    tmp_path: Path, libreoffice_groups: list[int]
) -> None:
    """A process named renaksi-lo-decoy that the test did not start does not count as left
    behind; a process group the test did start and left running does."""
    decoy = subprocess.Popen(["bash", "-c", "exec -a renaksi-lo-decoy sleep 120"])
    ours = subprocess.Popen(["sleep", "120"], start_new_session=True)
    try:
        converter = libreoffice.Converter(str(_fake_soffice(tmp_path, WRITES_PDFS)))
        [result] = converter.convert([_docx(tmp_path, "satu.docx")])
        assert result.error is None
        assert len(libreoffice_groups) == 1
        assert survivors(libreoffice_groups) == []
        assert survivors([ours.pid], wait=0) == [ours.pid]
    finally:
        for process in (decoy, ours):
            process.kill()
            process.wait()


def _folder_of_workbooks(folder: Path, count: int) -> Path:
    """`count` small valid workbooks of different units in `folder`: one made by the writer,
    the others copies with the unit's number changed inside the zip (fast)."""
    folder.mkdir()
    marker = "NOMOR-XX"
    content = synthetic(2, unit=f"Rumah Tahanan Negara Kelas IIB {marker}", quarters=1)
    original = make_workbook(folder, content=content, name="u00.xlsx")
    with zipfile.ZipFile(original) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    for number in range(1, count):
        with zipfile.ZipFile(folder / f"u{number:02}.xlsx", "w", zipfile.ZIP_DEFLATED) as copy:
            for info, data in members:
                copy.writestr(info, data.replace(marker.encode(), f"NOMOR-{number:02}".encode()))
    return folder


@pytest.fixture(scope="module")
def forty_eight(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of 48 valid workbooks, made once for this module (only read by the tests)."""
    return _folder_of_workbooks(tmp_path_factory.mktemp("batch") / "in", 48)


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_ctrl_c_stops_a_batch_promptly(
    tmp_path: Path, start_method: str, forty_eight: Path
) -> None:
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) during a 48-workbook
    batch: no worker traceback, exit 130, and exactly the documents the summary counts exist."""
    folder = forty_eight
    out = tmp_path / "out"
    driver = (
        "import multiprocessing, sys; multiprocessing.set_start_method(sys.argv.pop(1)); "
        "from renaksi_docs.cli import main; main()"
    )
    command = [sys.executable, "-c", driver, start_method, "build", str(folder), "-o", str(out)]
    process = subprocess.Popen(
        [*command, "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    first = process.stderr.readline()
    assert first.startswith("[docx 1/48]"), first
    os.killpg(process.pid, signal.SIGINT)
    out_text, rest = process.communicate(timeout=60)
    err = first + rest
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    reported = err.count(": ok\n")
    written = len(list(out.glob("*.docx")))
    assert (
        f"Ringkasan: {written} workbook ({written} berhasil, 0 gagal); {written} dokumen ditulis"
        in out_text
    )
    assert written == reported < 48
    assert f"{written} dari 48 workbook sudah diproses" in err
    assert survivors([process.pid]) == []  # no worker is left to write more
    assert len(list(out.glob("*.docx"))) == written
    assert not list(out.glob(".*"))


def test_batch_with_the_spawn_start_method(tmp_path: Path) -> None:
    """A batch through a pool of spawned workers (Windows' and macOS' start method) builds
    every workbook and reports the broken one."""
    from renaksi_docs.batch import pool_pays
    from renaksi_docs.build import BuildOptions, build_all

    count = 16
    assert pool_pays(count, "spawn", 2)
    folder = _folder_of_workbooks(tmp_path / "in", count - 1)
    (folder / "RUSAK.XLSX").write_bytes(b"PK\x03\x04 terpotong")
    sources = sorted(folder.iterdir())
    heard: list[Path] = []
    outcomes = build_all(
        sources,
        BuildOptions(out_dir=tmp_path / "out"),
        jobs=2,
        done=lambda outcome: heard.append(outcome.source),
        start_method="spawn",
    )
    assert sorted(heard) == sources
    assert [o.source for o in outcomes if not o.ok] == [folder / "RUSAK.XLSX"]
    assert len(list((tmp_path / "out").glob("*.docx"))) == count - 1


def _worker_pid(source: Path) -> int:
    """The process that handled `source` (a batch's work function)."""
    return os.getpid()


def test_pool_only_when_it_pays_for_the_start_method(tmp_path: Path) -> None:
    """Six inputs on two workers: a forked pool pays (other processes do the work), a spawned
    one (whose workers first import everything again) does not (this process does it)."""
    from renaksi_docs.batch import run_all

    sources = [tmp_path / f"{i}.xlsx" for i in range(6)]
    forked = run_all(_worker_pid, sources, jobs=2, start_method="fork")
    assert os.getpid() not in forked
    spawned = run_all(_worker_pid, sources, jobs=2, start_method="spawn")
    assert set(spawned) == {os.getpid()}


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_passes_of_one_batch_share_their_workers(method: str, tmp_path: Path) -> None:
    """build reads every workbook, then writes: both passes of one Batch run in the same
    worker processes (started once, which a spawned worker costs most), and leaving the
    Batch ends them."""
    from renaksi_docs.batch import Batch

    sources = [tmp_path / f"{i}.xlsx" for i in range(40)]
    with Batch(2, len(sources), start_method=method) as batch:
        first = set(batch.run(_worker_pid, sources, lambda pid: None))
        second = set(batch.run(_worker_pid, sources[:10], lambda pid: None))
    assert os.getpid() not in first
    assert second <= first
    assert not any(psutil.pid_exists(pid) for pid in first)
