"""README.md and docs/: the command table matches the commands, and every shell example runs
(in a temporary folder holding the samples), except the few marked not to with a reason."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import pytest

from renaksi_docs.cli import main

from .conftest import CONTOH_XLSX, MAGELANG_XLSX, ROOT, SAMPLES

README = ROOT / "README.md"
DOCUMENTS = [README, *sorted((ROOT / "docs").glob("*.md"))]
SHELLS = ("bash", "console", "sh", "shell", "bat", "cmd", "powershell")
NOT_RUN = re.compile(r"\*(Not run by the tests|Tidak dijalankan oleh tes): (?P<reason>.+)\*$", re.S)


def synopsis(name: str, command: click.Command) -> str:
    """The command line as `--help` spells it: arguments, then each option with its first
    name and metavar, optional ones in brackets (-h/--help left out)."""
    parent = click.Context(main, info_name="renaksi-docs")
    context = click.Context(command, info_name=name, parent=parent)
    parts = [f"renaksi-docs {name}"]
    for param in command.params:
        if isinstance(param, click.Argument):
            parts.append(param.make_metavar(context))
            continue
        record = param.get_help_record(context)
        if record is None or "--help" in param.opts:
            continue
        names = record[0].split(", ")
        metavar = names[-1].split(" ", 1)[1] if " " in names[-1] else ""
        text = f"{names[0].split(' ')[0]} {metavar}".strip()
        text = text if param.required else f"[{text}]"
        parts.append(f"{text}..." if getattr(param, "multiple", False) else text)
    return " ".join(parts)


def _table_commands() -> list[str]:
    """The first cells of README's command table, unescaped."""
    section = README.read_text("utf-8").split("## Commands", 1)[1].split("\n## ", 1)[0]
    cells = re.findall(r"^\| `(renaksi-docs[^`]*)` \|", section, re.M)
    return [cell.replace("\\|", "|") for cell in cells]


def test_command_table_matches_the_commands() -> None:
    """README's table lists each command with every option and metavar exactly as its --help
    shows them, plus `renaksi-docs` alone and `--version`; nothing else."""
    expected = ["renaksi-docs", "renaksi-docs --version"] + [
        synopsis(name, command) for name, command in main.commands.items()
    ]
    table = _table_commands()
    assert sorted(table) == sorted(expected), (
        "README.md's command table differs from the commands; the rows should start with:\n"
        + "\n".join(f"| `{line.replace('|', chr(92) + '|')}` |" for line in expected)
    )


@dataclass(frozen=True)
class Example:
    """A fenced shell block of a document."""

    document: Path
    line: int
    language: str
    text: str
    reason: str | None
    """Why it is not run, as the document says just above it; None: it runs."""

    @property
    def id(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"


def examples() -> Iterator[Example]:
    """Every fenced shell block of README.md and docs/*.md."""
    for document in DOCUMENTS:
        lines = document.read_text("utf-8").splitlines()
        index = 0
        while index < len(lines):
            fence = re.match(r"^```(\w+)\s*$", lines[index])
            if not fence:
                index += 1
                continue
            end = lines.index("```", index + 1)
            if fence.group(1) in SHELLS:
                before = "\n".join(lines[:index]).rstrip().rsplit("\n\n", 1)[-1].strip()
                marked = NOT_RUN.fullmatch(before)
                reason = " ".join(marked.group("reason").split()) if marked else None
                text = "\n".join(lines[index + 1 : end])
                yield Example(document, index + 1, fence.group(1), text, reason)
            index = end + 1


ALL = list(examples())
RUN = [e for e in ALL if e.reason is None]


def test_examples_not_run_are_few_and_say_why() -> None:
    """Only installs on other systems, system packages, the test run itself and servers that
    run until Ctrl-C are left out, each with its reason written above it in the document."""
    skipped = [e for e in ALL if e.reason is not None]
    assert all(e.language in ("bash", "console", "sh", "shell") for e in RUN), [e.id for e in RUN]
    assert len(skipped) <= 14, [e.id for e in skipped]
    assert len(RUN) >= 6
    for example in skipped:
        assert len(example.reason or "") > 10, example.id


def _needs_pdf(example: Example) -> bool:
    return "--pdf" in example.text or "format=pdf" in example.text


def _params(curl: bool, pdf: bool) -> list[Any]:
    """The examples that run, of one kind (curl or not, PDF or not), as test parameters."""
    return [
        pytest.param(e, id=e.id)
        for e in RUN
        if ("curl " in e.text) == curl and _needs_pdf(e) == pdf
    ]


def _png() -> bytes:
    """A valid 1×1 white PNG (the images the curl examples upload)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A working folder as the examples expect it: the repository's samples/, the workbooks
    the examples name, a MASUK/ folder of units, a daftar, this environment's .venv, a home."""
    work = tmp_path / "kerja"
    shutil.copytree(SAMPLES, work / "samples")
    for name in ("rencana-aksi.xlsx", "a.xlsx"):
        shutil.copy(MAGELANG_XLSX, work / name)
    for name in ("b.xlsx", "lapas-b.xlsx"):
        shutil.copy(CONTOH_XLSX, work / name)
    (work / "MASUK").mkdir()
    shutil.copy(MAGELANG_XLSX, work / "MASUK" / "magelang.xlsx")
    shutil.copy(CONTOH_XLSX, work / "MASUK" / "contoh.xlsx")
    (work / "upt-kanwil.txt").write_text(
        "Balai Pemasyarakatan Kelas II Magelang\nLapas Kelas IIB Contoh\n", "utf-8"
    )
    for image in ("logo.png", "ttd.png"):
        (work / image).write_bytes(_png())
    (work / ".venv").mkdir()
    (work / ".venv" / "bin").symlink_to(Path(sys.executable).parent)
    (tmp_path / "rumah").mkdir()
    return work


@pytest.fixture
def server(folder: Path) -> Iterator[str]:
    """`renaksi-docs serve` on this PC (a free port), for the curl examples: its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "renaksi_docs", "serve", "--port", "0", "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=folder,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:  # the first line names the page; ends if the server dies
            found = re.search(r"http://127\.0\.0\.1:\d+", line)
            if found:
                yield found.group(0)
                break
        else:
            pytest.fail("renaksi-docs serve did not start")
    finally:
        process.terminate()
        process.wait(timeout=30)


def _environment(folder: Path) -> dict[str, str]:
    home = folder.parent / "rumah"
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    bin_folder = str(Path(sys.executable).parent)
    return {
        **env,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PATH": os.pathsep.join([bin_folder, env.get("PATH", "")]),
    }


def _run_in_bash(text: str, folder: Path) -> None:
    """Run `text` in bash -e (every line must succeed) in `folder`, no traceback."""
    result = subprocess.run(
        ["bash", "-e", "-c", text],
        cwd=folder,
        env=_environment(folder),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, (text, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("example", _params(curl=False, pdf=False))
def test_shell_example_runs(example: Example, folder: Path) -> None:
    """The example runs in bash in the working folder."""
    _run_in_bash(example.text, folder)


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", _params(curl=False, pdf=True))
def test_pdf_example_runs(example: Example, folder: Path, soffice: str) -> None:
    """An example that makes a PDF runs in bash in the working folder, with LibreOffice."""
    _run_in_bash(example.text, folder)
    assert list(folder.rglob("*.pdf"))


def _with_server(example: Example, folder: Path, server: str) -> None:
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    _run_in_bash(example.text.replace("http://127.0.0.1:8000", server), folder)
    assert list(folder.glob("*.docx")) or list(folder.glob("*.zip")) or "validate" in example.text


@pytest.mark.parametrize("example", _params(curl=True, pdf=False))
def test_api_example_runs(example: Example, folder: Path, server: str) -> None:
    """A curl example runs against a live server of this PC (its port for the example's
    8000), each request answered (curl -f fails on an error status)."""
    _with_server(example, folder, server)


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", _params(curl=True, pdf=True))
def test_api_pdf_example_runs(example: Example, folder: Path, server: str, soffice: str) -> None:
    """A curl example asking for PDF runs against a live server of this PC, with LibreOffice."""
    _with_server(example, folder, server)
