"""Nothing lost, nothing changed without a word: each case of the new user's week as a CLI run
with its input and its exact outcome (docs/commands.md, docs/rekap.md).

Unreadable files and read-only folders need permissions that apply: as root (CI, this
machine) the command runs under `setpriv` without capabilities; a full disk is a real write
limit (RLIMIT_FSIZE) on the command's process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from renaksi_docs.build import BuildOptions, Documents, build_all, output_name
from renaksi_docs.cli import main
from renaksi_docs.documents import pengukuran_docx
from renaksi_docs.files import IN_USE, path_key, reason, same_file
from renaksi_docs.workbook.reader import read_plan

from .conftest import CONTOH_XLSX, MAGELANG_XLSX

CONTOH = read_plan(CONTOH_XLSX).plan
assert CONTOH is not None
CONTOH_RA = output_name(CONTOH)
"""rencana-aksi-lembaga-pemasyarakatan-kelas-iib-sukamaju-2026-tw3.docx"""
CONTOH_PK = pengukuran_docx.output_name(CONTOH, 3)
MAGELANG_RA = "rencana-aksi-balai-pemasyarakatan-kelas-ii-magelang-2026.docx"
DENIED = "tidak ada izin; minta izin kepada pemiliknya atau tim TI, atau pakai folder lain"
TOO_BIG = "berkas melebihi batas ukuran disk itu; pakai disk lain"
NEXT_STEP = (
    "Langkah berikutnya: buka dokumen Word di atas, periksa isinya, lalu cetak dan tandatangani"
)
NO_TRACE = ("Traceback", "Exception ignored")


def _folder(tmp_path: Path, **files: Path) -> Path:
    """tmp_path/masuk with each `name=source` copied in as name.xlsx."""
    folder = tmp_path / "masuk"
    folder.mkdir()
    for name, source in files.items():
        shutil.copy(source, folder / f"{name}.xlsx")
    return folder


def _clean(*texts: str) -> None:
    for text in texts:
        for word in NO_TRACE:
            assert word not in text


# -- 1. an output never replaces an input ------------------------------------------------------


def test_rekap_over_a_unit_workbook_in_its_folder_is_refused(tmp_path: Path) -> None:
    """`rekap masuk -o masuk/contoh.xlsx --force`: refused naming the file, exit 1, nothing read,
    the unit's workbook unchanged (before: written over and left out of the recap)."""
    masuk = _folder(tmp_path, magelang=MAGELANG_XLSX, contoh=CONTOH_XLSX)
    target = masuk / "contoh.xlsx"
    result = CliRunner().invoke(main, ["rekap", str(masuk), "-o", str(target), "--force"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"galat: {target} adalah workbook masukan (dari folder {masuk}); rekap tidak pernah "
        "menimpa masukannya, juga dengan --force: pilih nama atau folder lain untuk -o\n"
    )
    assert target.read_bytes() == CONTOH_XLSX.read_bytes()


@pytest.mark.parametrize("spelling", ["dotdot", "symlink"])
def test_rekap_over_a_unit_workbook_by_another_spelling_is_refused(
    tmp_path: Path, spelling: str
) -> None:
    """`-o masuk/../masuk/contoh.xlsx` or a symlink to it: refused as the same file, naming
    the unit's workbook; it stays unchanged."""
    masuk = _folder(tmp_path, contoh=CONTOH_XLSX)
    unit = masuk / "contoh.xlsx"
    if spelling == "symlink":
        target = tmp_path / "rekap.xlsx"
        target.symlink_to(unit)
    else:
        target = masuk / ".." / "masuk" / "contoh.xlsx"
    result = CliRunner().invoke(main, ["rekap", str(masuk), "-o", str(target), "--force"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"galat: {target} adalah workbook masukan (dari folder {masuk}, yaitu {unit}); rekap "
        "tidak pernah menimpa masukannya, juga dengan --force: pilih nama atau folder lain "
        "untuk -o\n"
    )
    assert unit.read_bytes() == CONTOH_XLSX.read_bytes()


def test_rekap_output_named_as_an_input_is_a_usage_error(tmp_path: Path) -> None:
    """`rekap a.xlsx -o a.xlsx --force`: usage error (exit 2) naming the file; unchanged."""
    unit = tmp_path / "a.xlsx"
    shutil.copy(CONTOH_XLSX, unit)
    result = CliRunner().invoke(main, ["rekap", str(unit), "-o", str(unit), "--force"])
    assert result.exit_code == 2
    assert f"{unit} juga disebut sebagai masukan; rekap tidak pernah menimpa" in result.stderr
    assert unit.read_bytes() == CONTOH_XLSX.read_bytes()


def test_rekap_written_earlier_into_its_folder_is_replaced_not_read(tmp_path: Path) -> None:
    """A rekap written into the folder it recaps: the next `--force` run replaces it and does
    not count it as a unit (docs/rekap.md)."""
    masuk = _folder(tmp_path, magelang=MAGELANG_XLSX, contoh=CONTOH_XLSX)
    target = masuk / "rekap.xlsx"
    runner = CliRunner()
    assert runner.invoke(main, ["rekap", str(masuk), "-o", str(target)]).exit_code == 0
    again = runner.invoke(main, ["rekap", str(masuk), "-o", str(target), "--force"])
    assert again.exit_code == 0, again.output
    assert "Ringkasan: 2 valid, 0 tidak valid" in again.stdout


def test_build_never_writes_over_its_template(tmp_path: Path) -> None:
    """`build --template out/<its output name> -o out --force`: the workbook fails naming the
    template, exit 1; the template is unchanged."""
    out = tmp_path / "out"
    template = out / CONTOH_RA
    runner = CliRunner()
    assert runner.invoke(main, ["template", str(template)]).exit_code == 0
    before = template.read_bytes()
    result = runner.invoke(
        main,
        ["build", str(CONTOH_XLSX), "-o", str(out), "--template", str(template), "--force"],
    )
    assert result.exit_code == 1
    assert (
        f"galat: {CONTOH_XLSX}: {CONTOH_RA} akan menimpa berkas masukan {template}; masukan "
        "tidak pernah ditimpa, juga dengan --force: pilih folder hasil lain dengan -o\n"
    ) in result.stderr
    assert template.read_bytes() == before


def test_build_never_writes_over_a_workbook_named_like_its_document(tmp_path: Path) -> None:
    """A workbook saved under its document's name, built into its own folder with --force:
    refused naming it, exit 1; the workbook is unchanged."""
    out = tmp_path / "out"
    out.mkdir()
    workbook = out / CONTOH_RA
    shutil.copy(CONTOH_XLSX, workbook)
    result = CliRunner().invoke(main, ["build", str(workbook), "-o", str(out), "--force"])
    assert result.exit_code == 1
    assert f"galat: {workbook}: {CONTOH_RA} akan menimpa berkas masukan {workbook};" in (
        result.stderr
    )
    assert workbook.read_bytes() == CONTOH_XLSX.read_bytes()


@pytest.mark.parametrize(
    ("platform", "same"), [("win32", True), ("darwin", True), ("linux", False)]
)
def test_same_file_compares_names_as_the_platform_does(
    tmp_path: Path, platform: str, same: bool
) -> None:
    """Windows and macOS ignore case (macOS also Unicode normalisation): `Rekap.XLSX` and
    `rekap.xlsx` are one file there, two on Linux; `..` and symlinks resolve everywhere."""
    assert (
        same_file(tmp_path / "Masuk" / "Rekap.XLSX", tmp_path / "masuk" / "rekap.xlsx", platform)
        is same
    )
    nfc, nfd = "Lapas Cianjur é.xlsx", "Lapas Cianjur e\u0301.xlsx"
    assert (path_key(tmp_path / nfc, platform) == path_key(tmp_path / nfd, platform)) is (
        platform == "darwin"
    )
    assert same_file(tmp_path / "a" / ".." / "b.xlsx", tmp_path / "b.xlsx", platform)


# -- 2. two inputs that would write the same output ----------------------------------------


def test_two_copies_of_one_unit_the_second_fails_naming_the_first(tmp_path: Path) -> None:
    """`build a.xlsx b.xlsx --force` with two copies of one unit's workbook: one document, the
    second fails naming the first, exit 1 (before: `2 berhasil`, one file)."""
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    shutil.copy(CONTOH_XLSX, first)
    shutil.copy(CONTOH_XLSX, second)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(first), str(second), "-o", str(out), "--force"])
    assert result.exit_code == 1
    assert result.stdout == (
        "\nRingkasan: 2 workbook (1 berhasil, 1 gagal); 1 dokumen ditulis\n"
        f"  OK    {first} → {out / CONTOH_RA}\n"
        f"  GAGAL {second}: {CONTOH_RA} juga dihasilkan dari {first} (disebut lebih dulu; "
        "unit, tahun dan triwulan yang sama?); tidak ditulis agar tidak saling menimpa: buang "
        "salah satu, atau buat terpisah dengan -o\n"
    )
    assert [p.name for p in out.iterdir()] == [CONTOH_RA]


def test_copies_built_by_the_pool_fail_naming_the_first(tmp_path: Path) -> None:
    """Six copies with `--jobs 2` (worker processes): the first in sorted order is built, the
    other five fail naming it."""
    masuk = _folder(tmp_path, **{f"u{i}": CONTOH_XLSX for i in range(6)})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(masuk), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    assert "Ringkasan: 6 workbook (1 berhasil, 5 gagal); 1 dokumen ditulis" in result.stdout
    failed = [line for line in result.stdout.splitlines() if line.startswith("  GAGAL")]
    assert [line.split(":")[0] for line in failed] == [
        f"  GAGAL {masuk / f'u{i}.xlsx'}" for i in range(1, 6)
    ]
    assert all(f"juga dihasilkan dari {masuk / 'u0.xlsx'} " in line for line in failed)
    assert [p.name for p in out.iterdir()] == [CONTOH_RA]


def test_one_file_named_twice(tmp_path: Path) -> None:
    """`build a.xlsx a.xlsx`: built once, the second mention fails saying so; the progress
    lines and the summary agree (before: `0 berhasil, 2 gagal`, the document written)."""
    source = tmp_path / "a.xlsx"
    shutil.copy(CONTOH_XLSX, source)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(source), str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stdout == (
        "\nRingkasan: 2 workbook (1 berhasil, 1 gagal); 1 dokumen ditulis\n"
        f"  OK    {source} → {out / CONTOH_RA}\n"
        f"  GAGAL {source}: berkas ini sudah disebut sebelumnya ({source}); dibuat sekali saja\n"
    )
    assert sorted(result.stderr.splitlines()) == [
        f"[docx 1/2] {source}: GAGAL",
        f"[docx 2/2] {source}: ok",
    ]
    assert [p.name for p in out.iterdir()] == [CONTOH_RA]


# -- 3. unreadable inputs fail alone ------------------------------------------------------------


@pytest.fixture
def unprivileged(tmp_path: Path) -> list[str]:
    """A command prefix under which file permissions apply: nothing for a normal user; for
    root (who reads a chmod 000 file), setpriv without any capability."""
    if sys.platform == "win32":
        pytest.skip("chmod does not take reading away on Windows")
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root without setpriv: permissions cannot be taken away")
        prefix = [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--"]
    probe = tmp_path / "probe"
    probe.write_text("x")
    probe.chmod(0)
    opened = subprocess.run([*prefix, sys.executable, "-c", f"open({str(probe)!r})"])
    probe.unlink()
    if opened.returncode == 0:
        pytest.skip("permissions do not apply here")
    return prefix


def _run(prefix: list[str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "renaksi_docs", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def test_unreadable_workbook_fails_alone(tmp_path: Path, unprivileged: list[str]) -> None:
    """A workbook without read permission among readable ones: build, validate and rekap each
    report it with `tidak dapat dibaca: tidak ada izin` and go on with the others, exit 1
    (before: click refused the whole command, exit 2); an unreadable --daftar is one line."""
    masuk = _folder(tmp_path, a=CONTOH_XLSX, b=MAGELANG_XLSX)
    (masuk / "b.xlsx").chmod(0)
    build = _run(unprivileged, "build", "masuk", "-o", "out", cwd=tmp_path)
    assert build.returncode == 1, build.stderr
    assert build.stdout == (
        "\nRingkasan: 2 workbook (1 berhasil, 1 gagal); 1 dokumen ditulis\n"
        f"  OK    masuk/a.xlsx → out/{CONTOH_RA}\n"
        f"  GAGAL masuk/b.xlsx: tidak dapat dibaca: {DENIED}\n"
    )
    validate = _run(unprivileged, "validate", "masuk/a.xlsx", "masuk/b.xlsx", cwd=tmp_path)
    assert validate.returncode == 1
    assert validate.stdout.startswith("masuk/a.xlsx: tidak ada galat, 2 peringatan\n")
    assert validate.stdout.endswith(f"masuk/b.xlsx: tidak dapat dibaca: {DENIED}\n")
    rekap = _run(unprivileged, "rekap", "masuk", "-o", "rekap.xlsx", cwd=tmp_path)
    assert rekap.returncode == 1
    assert "Ringkasan: 1 valid, 1 tidak valid\n" in rekap.stdout
    assert f"  TIDAK VALID masuk/b.xlsx: tidak dapat dibaca: {DENIED}\n" in rekap.stdout
    assert (tmp_path / "rekap.xlsx").is_file()
    (tmp_path / "daftar.txt").write_text("Lapas Sukamaju\n")
    (tmp_path / "daftar.txt").chmod(0)
    listed = _run(unprivileged, "rekap", "masuk", "-o", "r2.xlsx", "--daftar", "daftar.txt",
                  cwd=tmp_path)  # fmt: skip
    assert (listed.returncode, listed.stderr) == (
        1,
        f"galat: daftar.txt: tidak dapat dibaca: {DENIED}\n",
    )
    _clean(build.stderr, validate.stderr, rekap.stderr)


def test_a_workbook_held_by_another_program_is_named_so() -> None:
    """Windows' sharing violation (Excel holds the file) reads `sedang dipakai program lain`;
    a plain permission error `tidak ada izin`; elsewhere there are no such locks."""
    held = PermissionError(13, "Permission denied")
    held.winerror = 32  # type: ignore[attr-defined]
    assert (
        reason(held, "win32")
        == IN_USE
        == ("sedang dipakai program lain (mis. Excel atau Word); tutup dulu lalu ulangi")
    )
    assert reason(held, "linux").startswith("tidak ada izin; ")
    assert reason(PermissionError(13, "Permission denied"), "win32").startswith("tidak ada izin")


def test_missing_workbook_is_named_once(tmp_path: Path) -> None:
    """A missing file among others: its message once, the others built, exit 1; alone: one
    line on stderr, exit 1."""
    out = tmp_path / "out"
    missing = tmp_path / "tidak-ada.xlsx"
    runner = CliRunner()
    batch = runner.invoke(main, ["build", str(missing), str(CONTOH_XLSX), "-o", str(out)])
    assert batch.exit_code == 1
    assert f"  GAGAL {missing}: berkas tidak ditemukan\n" in batch.stdout
    assert batch.stdout.count(str(missing)) == 1
    alone = runner.invoke(main, ["build", str(missing), "-o", str(out)])
    assert (alone.exit_code, alone.stdout) == (1, "")
    assert alone.stderr == f"galat: {missing}: berkas tidak ditemukan\n"
    checked = runner.invoke(main, ["validate", str(missing)])
    assert (checked.exit_code, checked.stdout) == (1, f"{missing}: berkas tidak ditemukan\n")


# -- 5. no traceback on an I/O failure ----------------------------------------------------------


COMMANDS = {
    "build": ("build", str(CONTOH_XLSX), "-o", "{folder}"),
    "rekap": ("rekap", str(CONTOH_XLSX), "-o", "{folder}/rekap.xlsx"),
    "init": ("init", "{folder}/baru.xlsx"),
    "template": ("template", "{folder}/templat.docx"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_read_only_folder_is_one_message(
    tmp_path: Path, unprivileged: list[str], command: str
) -> None:
    """Each command writing into a read-only folder: one Indonesian line, exit 1, no traceback,
    and no advice the command does not have (init and template have no -o); rekap says so
    before reading any workbook (before: 8 lxml tracebacks after reading)."""
    folder = tmp_path / "hanya-baca"
    folder.mkdir()
    folder.chmod(0o555)
    args = [arg.format(folder="hanya-baca") for arg in COMMANDS[command]]
    result = _run(unprivileged, *args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "galat: tidak dapat menulis di folder hanya-baca: tidak ada izin; minta izin kepada "
        "pemiliknya atau tim TI, atau pakai folder lain\n"
    )
    assert list(folder.iterdir()) == []


def _limited(limit: int, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command with every file it writes limited to `limit` bytes (RLIMIT_FSIZE): writes
    beyond fail with EFBIG as on a full disk, the output's temp file and the libraries' own."""
    driver = (
        "import resource, sys; limit = int(sys.argv.pop(1)); "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)); "
        "from renaksi_docs.cli import main; main()"
    )
    return subprocess.run(
        [sys.executable, "-c", driver, str(limit), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


needs_rlimit = pytest.mark.skipif(
    sys.platform == "win32", reason="no RLIMIT_FSIZE on Windows to fill the disk with"
)


@needs_rlimit
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_full_disk_is_one_message(tmp_path: Path, command: str) -> None:
    """Each command when its writes fail as on a full disk (the rekap's streamed sheets and
    openpyxl's temp files included): one line naming the file, exit 1, no traceback, no
    temp file left."""
    folder = tmp_path / "penuh"
    folder.mkdir()
    args = [arg.format(folder="penuh") for arg in COMMANDS[command]]
    result = _limited(2000, *args, cwd=tmp_path)
    assert result.returncode == 1
    _clean(result.stderr, result.stdout)
    if command == "build":
        assert result.stderr.endswith(
            f"galat: {CONTOH_XLSX}: tidak dapat menulis penuh/{CONTOH_RA}: {TOO_BIG}\n"
        )
    else:
        assert result.stderr.endswith(f"galat: tidak dapat menulis {args[-1]}: {TOO_BIG}\n")
    assert list(folder.iterdir()) == []


def test_workbook_vanishing_mid_run(tmp_path: Path) -> None:
    """A workbook deleted while the run is under way (after the listing, before it is read):
    that one fails `berkas tidak ditemukan`, the other is built."""
    masuk = _folder(tmp_path, a=CONTOH_XLSX, b=MAGELANG_XLSX)
    sources = sorted(masuk.iterdir())

    def delete_the_next(prepared: object) -> None:
        sources[1].unlink(missing_ok=True)

    options = BuildOptions(out_dir=tmp_path / "out")
    outcomes = build_all(sources, options, jobs=1, read=delete_the_next)
    assert [(o.ok, o.error) for o in outcomes] == [(True, None), (False, "berkas tidak ditemukan")]


# -- 7. all or none; counts; --lewati ------------------------------------------------------------


def test_semua_with_an_existing_rencana_aksi_writes_nothing(tmp_path: Path) -> None:
    """`--dokumen semua` when the Rencana Aksi is already there: the workbook fails before
    writing anything, exit 1 (before: the Pengukuran written, then exit 1)."""
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(CONTOH_XLSX), "-o", str(out)]).exit_code == 0
    result = runner.invoke(main, ["build", str(CONTOH_XLSX), "-o", str(out), "--dokumen", "semua"])
    assert result.exit_code == 1
    assert (
        f"galat: {CONTOH_XLSX}: {out / CONTOH_RA} sudah ada; pakai --force untuk menimpanya\n"
    ) in result.stderr
    assert [p.name for p in out.iterdir()] == [CONTOH_RA]


@needs_rlimit
def test_semua_failing_at_its_second_document_removes_the_first(tmp_path: Path) -> None:
    """The Pengukuran cannot be written (a write limit between the two documents' sizes): the
    Rencana Aksi written just before is removed; the message says nothing was written."""
    reference = tmp_path / "acuan"
    CliRunner().invoke(
        main, ["build", str(CONTOH_XLSX), "-o", str(reference), "--dokumen", "semua"]
    )
    small, large = (reference / CONTOH_RA).stat().st_size, (reference / CONTOH_PK).stat().st_size
    if small >= large:
        pytest.skip("the Rencana Aksi is not the smaller document")
    out = tmp_path / "out"
    out.mkdir()
    args = ("build", str(CONTOH_XLSX), "-o", "out", "--dokumen", "semua")
    result = _limited((small + large) // 2, *args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.endswith(
        f"galat: {CONTOH_XLSX}: tidak dapat menulis out/{CONTOH_PK}: {TOO_BIG}; tidak ada "
        "dokumen workbook ini yang ditulis\n"
    )
    assert list(out.iterdir()) == []


def test_semua_failing_with_force_keeps_the_documents_it_would_replace(tmp_path: Path) -> None:
    """With --force over an earlier run's documents, a Pengukuran that cannot be written puts
    the earlier Rencana Aksi back byte for byte (all or none: none replaced either)."""
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(CONTOH_XLSX), "-o", str(out), "--dokumen", "semua"])
    small, large = (out / CONTOH_RA).stat().st_size, (out / CONTOH_PK).stat().st_size
    if small >= large:
        pytest.skip("the Rencana Aksi is not the smaller document")
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    args = ("build", str(CONTOH_XLSX), "-o", "out", "--dokumen", "semua", "--force")
    result = _limited((small + large) // 2, *args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.endswith("tidak ada dokumen workbook ini yang ditulis\n")
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before


def test_summary_counts_workbooks_and_documents(tmp_path: Path) -> None:
    """Three workbooks, `--dokumen semua`: one without a quarter fails whole, the summary
    counts 3 workbooks and the 5 documents written (the Sukamaju sample's three, the
    Magelang sample's two: it names no superior; before: `7 berhasil, 3 gagal`)."""
    masuk = _folder(tmp_path, a=CONTOH_XLSX, b=MAGELANG_XLSX)
    shutil.copy(CONTOH_XLSX, tmp_path / "c.xlsx")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["build", str(masuk), str(tmp_path / "c.xlsx"), "-o", str(out), "--dokumen", "semua",
         "-t", "II"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "\nRingkasan: 3 workbook (2 berhasil, 1 gagal); 5 dokumen ditulis\n"
    )
    assert len(list(out.iterdir())) == 5


def test_lewati_skips_workbooks_finished_in_an_earlier_run(tmp_path: Path) -> None:
    """After a partly failed batch, the rerun with `--lewati` leaves the finished workbook
    and builds the repaired one, exit 0 (before: every finished one failed `sudah ada`)."""
    masuk = _folder(tmp_path, a=CONTOH_XLSX)
    broken = masuk / "b.xlsx"
    broken.write_bytes(b"PK\x03\x04 terpotong")
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(masuk), "-o", str(out)])
    assert first.exit_code == 1
    shutil.copy(MAGELANG_XLSX, broken)  # repaired
    document = out / CONTOH_RA
    os.utime(document, ((masuk / "a.xlsx").stat().st_mtime + 60,) * 2)  # after its workbook
    shutil.copytree(out, tmp_path / "salinan")  # the same rerun without --lewati:
    without = runner.invoke(main, ["build", str(masuk), "-o", str(tmp_path / "salinan")])
    assert without.exit_code == 1 and "a.xlsx: " in without.stdout and "sudah ada" in without.stdout
    result = runner.invoke(main, ["build", str(masuk), "-o", str(out), "--lewati"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "\nRingkasan: 2 workbook (1 berhasil, 1 dilewati, 0 gagal); 1 dokumen ditulis\n"
        f"  LEWAT {masuk / 'a.xlsx'}: dokumennya sudah ada dan lebih baru\n"
        f"  OK    {broken} → {out / MAGELANG_RA}\n"
        f"{NEXT_STEP}\n"
    )


def test_lewati_does_not_skip_a_workbook_changed_after_its_document(tmp_path: Path) -> None:
    """A workbook edited after its document was written is not skipped: `sudah ada` without
    --force (exit 1), rebuilt with it."""
    source = tmp_path / "a.xlsx"
    shutil.copy(CONTOH_XLSX, source)
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(source), "-o", str(out)]).exit_code == 0
    document = out / CONTOH_RA
    os.utime(source, (document.stat().st_mtime + 60,) * 2)  # edited afterwards
    result = runner.invoke(main, ["build", str(source), "-o", str(out), "--lewati"])
    assert result.exit_code == 1 and "sudah ada; pakai --force" in result.stderr
    forced = runner.invoke(main, ["build", str(source), "-o", str(out), "--lewati", "--force"])
    assert forced.exit_code == 0
    assert forced.stdout == f"Dokumen ditulis: {document}\n{NEXT_STEP}\n"


def test_each_document_choice_has_its_label() -> None:
    """Each document choice has the label the summary prints."""
    assert [d.label for d in Documents] == [
        "Rencana Aksi",
        "Pengukuran Kinerja",
        "Perjanjian Kinerja",
        "Rencana Aksi, Pengukuran Kinerja dan Perjanjian Kinerja",
    ]
