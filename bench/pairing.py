"""Ours against another checkout, for build_speed.py and batch_speed.py (`--vs PYTHON`).

Time pairs (wall and CPU, ours then theirs, round by round) hold when the machine's speed
drifts slowly, but on a shared 2-core machine one pair still swings ±20 %. With
`--instructions`, each command also runs once under valgrind's callgrind and the ratio of the
instructions both executed is printed: the same count for the same binary, inputs and
environment, whatever else the machine runs (child processes included, so a pool's workers
count too, each instruction once). It is slower (≈50×) and counts work, not waiting.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def compile_package(python: str) -> None:
    """Byte-compile the renaksi_docs that `python` imports, as a regular install does (this
    machine sets PYTHONDONTWRITEBYTECODE, so an editable install would recompile our modules on
    every run). Run from a neutral folder: `-c` puts the current folder first on sys.path."""
    subprocess.run(
        [python, "-c", "import compileall, renaksi_docs, pathlib; compileall.compile_dir("
         "pathlib.Path(renaksi_docs.__file__).parent, quiet=1)"],
        check=True,
        cwd=tempfile.gettempdir(),
    )  # fmt: skip


def valgrind() -> str | None:
    """valgrind's path, or None (Debian: `apt-get install valgrind`)."""
    return shutil.which("valgrind")


def instructions(command: list[str], cwd: Path) -> int:
    """Instructions `command` and every process it starts execute, counted by callgrind.

    Python's string hashing is fixed (PYTHONHASHSEED=0) so that two runs of one command count
    the same; the command's output is discarded."""
    tool = valgrind()
    if tool is None:
        raise RuntimeError("valgrind is not installed")
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                tool,
                "--tool=callgrind",
                "--trace-children=yes",
                # A forked child starts with its parent's counts: dumping (and zeroing) them
                # just before each fork makes every instruction counted once.
                "--dump-before=fork",
                f"--callgrind-out-file={folder}/callgrind.%p",
                *command,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=cwd,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        total = 0
        for path in Path(folder).glob("callgrind.*"):
            for line in path.read_text(errors="replace").splitlines():
                if line.startswith("summary:"):
                    total += int(line.split()[1])
        return total


def print_instruction_ratio(label: str, ours: list[str], theirs: list[str], cwd: Path) -> None:
    """One callgrind count of each command (the two at once: a count does not depend on
    load), and their ratio."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        mine, other = pool.map(lambda command: instructions(command, cwd), (ours, theirs))
    print(
        f"[instructions] {label}: ours/theirs {mine / other:.3f} "
        f"(ours {mine / 1e6:,.0f} M, theirs {other / 1e6:,.0f} M)"
    )
