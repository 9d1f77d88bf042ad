"""One language for clerks: click's texts, system errors and library messages in Bahasa
Indonesia (renaksi_docs/i18n.py, errors.describe_os_error; docs/commands.md)."""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from renaksi_docs import i18n
from renaksi_docs.cli import main
from renaksi_docs.errors import describe_os_error

from .conftest import MAGELANG_XLSX

RUNTIME_ONLY = {"required"}
"""click looks this one up through a variable (`_(extra["required"])`): no extractor sees it."""
NOT_SHOWN = {
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
}
"""click's texts for a programmer's mistake in the command definitions (raised while the
commands are made, or for a wrong colour name), never shown to a clerk."""

ENGLISH = (
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "Error",
    "Invalid",
    "Missing",
    "No such",
    "Did you mean",
    "Show this message",
    "Show the version",
    "does not exist",
    "is not one of",
    "is not a valid",
    "not in the range",
    "default",
    "required",
    "version",
    "integer",
    "INTEGER",
    "RANGE",
    "TEXT",
    "PATH",
    "FILE",
    "OPTIONS",
    "COMMAND",
    "ARGS",
    "Try ",
    "for help",
    "Got unexpected",
    "Permission denied",
    "File exists",
    "Not a directory",
    "No such file",
    "Is a directory",
    "Address already in use",
    "Operation not permitted",
    "Read-only file system",
    "No space left",
    "is not a Word file",
    "content type",
    "Traceback",
)
"""Words of click's or the system's English that a clerk must never see."""


def _english(text: str) -> list[str]:
    return [word for word in ENGLISH if re.search(rf"(?<![\w-]){re.escape(word)}", text)]


def _click_texts() -> set[str]:
    """Every text the installed click marks for translation (the singular of a plural)."""
    root = Path(click.__file__).parent
    found = set(RUNTIME_ONLY)
    for _file, _line, message, _comments, _context in extract_from_dir(
        root, method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found - NOT_SHOWN


def test_catalog_translates_every_click_text() -> None:
    """Each text of the installed click has an Indonesian translation in the catalog (a new
    click release that adds texts fails here, naming them)."""
    with i18n.CATALOG.open("rb") as source:
        catalog = read_po(source, locale="id")
    missing = []
    for text in sorted(_click_texts()):
        entry = catalog.get(text)
        strings = () if entry is None else entry.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if not strings or not all(strings):
            missing.append(text)
    assert not missing, f"teks click tanpa terjemahan di {i18n.CATALOG.name}: {missing}"


def test_catalog_keeps_every_placeholder() -> None:
    """A translation uses only placeholders its English text has (a typo would crash click's
    .format), and keeps the file name and value of each file message."""
    with i18n.CATALOG.open("rb") as source:
        catalog = read_po(source, locale="id")
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        allowed = {name for text in ids for name in re.findall(r"\{(\w+)", text)}
        allowed |= {name for text in ids for name in re.findall(r"%\((\w+)\)", text)}
        for text in strings:
            used = set(re.findall(r"\{(\w+)", text)) | set(re.findall(r"%\((\w+)\)", text))
            assert used <= allowed, (message.id, text)


def _invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("command", [None, *main.commands])
def test_help_is_indonesian(command: str | None) -> None:
    """The main help and each command's help: exit 0, Indonesian headings and option help,
    not one English word of click."""
    result = _invoke(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert "Penggunaan:" in result.output and "Opsi:" in result.output
    assert "Tampilkan bantuan ini lalu keluar." in result.output
    assert not _english(result.output), (_english(result.output), result.output)


def test_alone_prints_help_and_succeeds() -> None:
    """`renaksi-docs` alone prints its help (commands listed) and exits 0; --version reads
    'renaksi-docs, versi X'."""
    alone = _invoke()
    assert alone.exit_code == 0
    assert "Perintah:" in alone.output and "validate" in alone.output
    version = _invoke("--version")
    assert version.exit_code == 0
    assert re.fullmatch(r"renaksi-docs, versi \d+\.\d+\.\d+\S*\n", version.output)


WRONG = [
    (["validat", "x.xlsx"], "Tidak ada perintah 'validat'. Maksud Anda 'validate'?"),
    (["build", "--pfd", "a.xlsx"], "Tidak ada opsi '--pfd'. Maksud Anda '--pdf'?"),
    (["build", "-t", "V", "a.xlsx"], "'V' bukan salah satu dari 'I', 'II', 'III', 'IV'"),
    (["build", "--dokumen", "semuanya", "a.xlsx"], "bukan salah satu dari 'rencana-aksi'"),
    (["build", "-j", "dua", "a.xlsx"], "'dua' bukan bilangan bulat yang sah."),
    (["build", "-j", "0", "a.xlsx"], "0 di luar rentang x>=1."),
    (["import", "lama.docx", "--tahun", "1999"], "1999 di luar rentang 2000<=x<=2100."),
    (["serve", "--port", "delapan"], "'delapan' bukan bilangan bulat yang sah."),
    (["rekap", "a.xlsx"], "Opsi wajib belum diisi '-o' / '--output'."),
    (["validate"], "Argumen belum diisi 'BERKAS.xlsx|FOLDER...'."),
    (["build", "a.xlsx", "-o"], "Opsi '-o' perlu diberi nilai."),
    (["init", "a.xlsx", "b.xlsx"], "Ada argumen berlebih yang tidak dikenal (b.xlsx)"),
    (["doctor", "--tanpa-uji=ya"], "Opsi '--tanpa-uji' tidak menerima nilai."),
    (["init", "catatan.txt"], "catatan.txt: nama berkas harus berakhiran .xlsx"),
    (["template", "templat.dotx"], "templat.dotx: nama berkas harus berakhiran .docx"),
    (["rekap", "a.xlsx", "-o", "rekap.ods"], "rekap.ods: nama berkas harus berakhiran .xlsx"),
    (["import", "lama.docx", "-o", "baru.xls"], "baru.xls: nama berkas harus berakhiran .xlsx"),
]
"""Malformed command lines, each with the Indonesian sentence that explains it."""


@pytest.mark.parametrize(("args", "said"), WRONG, ids=[" ".join(a) for a, _ in WRONG])
def test_malformed_command_lines_exit_two_in_indonesian(
    args: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A typo'd command or option, a bad choice or number, a missing option or argument: exit
    2, the sentence that says what is wrong (after the usage line and help hint, where click
    gives them), no English."""
    monkeypatch.chdir(tmp_path)
    result = _invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Galat: " in result.output
    assert said in result.output, result.output
    assert not _english(result.output), (_english(result.output), result.output)
    assert not list(tmp_path.iterdir())  # nothing written


def _missing_inputs(tmp_path: Path) -> list[list[str]]:
    sample = str(tmp_path / "contoh.xlsx")
    shutil.copy(MAGELANG_XLSX, sample)
    return [
        ["validate", "tidakada.xlsx"],
        ["build", "tidakada.xlsx"],
        ["build", sample, "--template", "tidakada.docx"],
        ["rekap", "tidakada.xlsx", "-o", "rekap.xlsx"],
        ["rekap", sample, "-o", "rekap-daftar.xlsx", "--daftar", "tidakada.txt"],
        ["import", "tidakada.docx"],
    ]


def test_a_missing_file_exits_one_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing workbook, template, daftar or Word document is the same fault everywhere:
    exit 1, the file named, 'tidak ditemukan', no English."""
    monkeypatch.chdir(tmp_path)
    for args in _missing_inputs(tmp_path):
        result = _invoke(*args)
        assert result.exit_code == 1, (args, result.output)
        missing = next(a for a in args if a.startswith("tidakada"))
        assert re.search(rf"{missing}.*tidak ditemukan", result.output), (args, result.output)
        assert not _english(result.output), (args, result.output)


def test_system_errors_inside_messages_are_indonesian(tmp_path: Path) -> None:
    """Outputs whose folder cannot be made (a part of its path is a file) and a template that
    is an Excel workbook: Indonesian sentences that say what to do, exit 1, no English."""
    blocker = tmp_path / "berkas-biasa"
    blocker.write_text("bukan folder")
    for args in (
        ["init", str(blocker / "baru.xlsx")],
        ["template", str(blocker / "templat.docx")],
        ["build", str(MAGELANG_XLSX), "-o", str(blocker / "hasil")],
        ["rekap", str(MAGELANG_XLSX), "-o", str(blocker / "rekap.xlsx")],
        ["init", str(blocker / "sub" / "baru.xlsx")],
    ):
        result = _invoke(*args)
        assert result.exit_code == 1, (args, result.output)
        assert "bukan folder" in result.output, (args, result.output)
        assert " -o" not in result.output  # no advice that the command does not have
        assert not _english(result.output), (args, result.output)
    word = _invoke(
        "build", str(MAGELANG_XLSX), "-o", str(tmp_path), "--template", str(MAGELANG_XLSX)
    )
    assert word.exit_code == 1
    assert "adalah workbook Excel, bukan dokumen Word .docx" in word.output
    assert not _english(word.output), word.output


OS_ERRORS = [
    (PermissionError(errno.EACCES, "Permission denied"), "linux", "tidak ada izin"),
    (PermissionError(errno.EPERM, "Operation not permitted"), "linux", "tidak ada izin"),
    (FileExistsError(errno.EEXIST, "File exists"), "linux", "sudah ada"),
    (OSError(errno.ENOSPC, "No space left on device"), "linux", "disk penuh"),
    (OSError(errno.EROFS, "Read-only file system"), "linux", "hanya dapat dibaca"),
    (OSError(errno.EADDRINUSE, "Address already in use"), "linux", "sudah dipakai"),
    (NotADirectoryError(errno.ENOTDIR, "Not a directory"), "linux", "bukan folder"),
    (OSError(errno.EINVAL, "There is not enough space on the disk"), 39, "disk penuh"),
    (PermissionError(errno.EACCES, "The process cannot access the file"), 32, "program lain"),
    (PermissionError(errno.EACCES, "Access is denied"), 5, "tidak ada izin"),
    (OSError(errno.ELOOP, "Too many levels of symbolic links"), "linux", "galat sistem ELOOP"),
]


@pytest.mark.parametrize(("exc", "platform", "said"), OS_ERRORS, ids=[e[2] for e in OS_ERRORS])
def test_os_errors_are_described_in_indonesian(
    exc: OSError, platform: str | int, said: str
) -> None:
    """Each OS error (errno, or Windows' own code: sharing violation, full disk) becomes an
    Indonesian sentence with what to do, never the system's English."""
    if isinstance(platform, int):  # Windows' code, as Python on Windows sets it
        exc.winerror = platform  # type: ignore[attr-defined]
        platform = "win32"
    text = describe_os_error(exc, platform)
    assert said in text
    assert exc.strerror not in text and not _english(text)


def _without_language(env: dict[str, str]) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LANGUAGE")}
    base.pop("LC_MESSAGES", None)
    return {**base, **env}


@pytest.mark.parametrize(
    "env",
    [{}, {"LANG": "C.UTF-8"}, {"LANG": "en_US.UTF-8", "LC_ALL": "C", "LANGUAGE": "en"}],
    ids=["no-locale", "C", "english"],
)
def test_indonesian_whatever_the_locale(env: dict[str, str], tmp_path: Path) -> None:
    """A new process answers in Indonesian with no locale, the C locale or an English one,
    and writes nothing to get there (home and cache folders read-only)."""
    home = tmp_path / "home"
    home.mkdir()
    env = _without_language({**env, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache")})
    if sys.platform != "win32":
        home.chmod(0o500)
    result = subprocess.run(
        [sys.executable, "-m", "renaksi_docs", "build", "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Penggunaan:" in result.stdout and "[bawaan: .]" in result.stdout
    assert not _english(result.stdout + result.stderr)
    assert list(home.iterdir()) == []


def test_shipped_catalog_is_the_compiled_source() -> None:
    """messages.mo is messages.po compiled by Babel: an edit of the .po not compiled with
    `pybabel compile -d renaksi_docs/locale -D messages` fails here."""
    with i18n.CATALOG.open("rb") as source:
        catalog = read_po(source, locale="id")
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    stale = "run: pybabel compile -d renaksi_docs/locale -D messages"
    assert i18n.COMPILED.read_bytes() == compiled.getvalue(), stale


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_is_produced(shell: str) -> None:
    """`_RENAKSI_DOCS_COMPLETE=<shell>_source renaksi-docs` prints the completion script
    (README, "Shell completion"), and completing `renaksi-docs va` offers validate."""
    env = {**os.environ, "_RENAKSI_DOCS_COMPLETE": f"{shell}_source"}
    script = subprocess.run(
        [sys.executable, "-m", "renaksi_docs"], capture_output=True, text=True, env=env, timeout=60
    )
    assert script.returncode == 0, script.stderr
    assert "_RENAKSI_DOCS_COMPLETE" in script.stdout
    completing = {
        **os.environ,
        "_RENAKSI_DOCS_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": "renaksi-docs va",
        "COMP_CWORD": "va" if shell == "fish" else "1",  # fish passes the word itself
    }
    answer = subprocess.run(
        [sys.executable, "-m", "renaksi_docs"],
        capture_output=True,
        text=True,
        env=completing,
        timeout=60,
    )
    assert "validate" in answer.stdout, answer.stdout
