"""Whole-process time of `renaksi-docs build` against the import floor (issue 3).

Prints medians of N runs, measured in this one run:
  - `python -c "import openpyxl, docxtpl, click"` (the floor no build can go below),
  - building samples/bapas-magelang-2026.xlsx,
  - building a synthetic 200-indicator workbook,
  - validating the sample, and the sample with 5,000 formatted empty rows below its data
    (openpyxl loads every styled cell; the reader skips the rows before parsing them, which
    tests/test_corpus.py checks),
and the ratios (targets: sample ≤ 1.5 × floor; 200 indicators ≤ 3 × sample), in wall time
and in CPU time (user + system of the child: steadier than wall time on a loaded machine).

The package is byte-compiled first (as `pip install` does for a regular install; this
machine sets PYTHONDONTWRITEBYTECODE, so an editable install would otherwise recompile our
modules on every run), and the three commands run interleaved so that machine noise hits
all of them alike.

With --vs PYTHON (the interpreter of another checkout's venv, e.g. the commit before a
change), both builds also run with that interpreter, interleaved with ours, and the ratios
ours/theirs are printed pair by pair (median of the per-round ratios): a comparison that
holds when the machine's speed drifts. With --instructions as well, each build also runs once
per side under callgrind and the ratio of instructions executed is printed (bench/pairing.py):
the figure that does not move with the machine's load.

Usage: python bench/build_speed.py [--runs N] [--vs PYTHON [--instructions]]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl.styles import PatternFill
from pairing import compile_package, print_instruction_ratio  # bench/pairing.py
from synthetic import synthetic  # bench/synthetic.py, beside this script

from renaksi_docs.workbook.samples import MAGELANG
from renaksi_docs.workbook.standard import build_workbook, write_workbook

ROOT = Path(__file__).resolve().parent.parent


def interleaved_medians(commands: list[list[str]], runs: int) -> tuple[list[float], list[float]]:
    """Median wall and CPU time of each command, running them in turn `runs` times."""
    wall: list[list[float]] = [[] for _ in commands]
    cpu: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            start, before = time.perf_counter(), os.times()
            # From a neutral folder: `python -m` puts the current folder first on sys.path,
            # and another checkout's Python must import its own package, not this one.
            neutral = tempfile.gettempdir()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=neutral)
            after = os.times()
            wall[index].append(time.perf_counter() - start)
            cpu[index].append(
                after.children_user
                - before.children_user
                + after.children_system
                - before.children_system
            )
    return [statistics.median(t) for t in wall], [statistics.median(t) for t in cpu]


def with_formatted_tail(path: Path) -> Path:
    """The sample with 5,000 empty rows below the Triwulan data, each cell filled (as Excel
    keeps them after a clerk colours whole columns), saved at `path`."""
    book = build_workbook(MAGELANG)
    sheet, fill = book["Triwulan"], PatternFill("solid", fgColor="FFFF00")
    for row in range(30, 5030):
        for column in range(1, 10):
            sheet.cell(row, column).fill = fill
    book.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--vs", help="another checkout's Python, paired against this one")
    parser.add_argument(
        "--instructions", action="store_true", help="with --vs: also callgrind's counts"
    )
    args = parser.parse_args()
    runs = args.runs
    compile_package(sys.executable)
    if args.vs:
        paired(args.vs, runs, args.instructions)
        return
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        big = write_workbook(work / "besar-200.xlsx", synthetic(200))
        tail = with_formatted_tail(work / "ekor-5000.xlsx")
        build = [sys.executable, "-m", "renaksi_docs", "build", "-o", str(work / "out"), "--force"]
        validate = [sys.executable, "-m", "renaksi_docs", "validate"]
        sample_xlsx = str(ROOT / "samples" / "bapas-magelang-2026.xlsx")
        walls, cpus = interleaved_medians(
            [
                [sys.executable, "-c", "import openpyxl, docxtpl, click"],
                [*build, sample_xlsx],
                [*build, str(big)],
                [*validate, sample_xlsx],
                [*validate, str(tail)],
            ],
            runs,
        )
    print(f"runs per figure: {runs} (medians)")
    for label, (floor, sample, large, checked, tailed) in (("wall", walls), ("cpu", cpus)):
        print(f"[{label}] import floor (openpyxl, docxtpl, click): {floor * 1000:7.0f} ms")
        print(
            f"[{label}] build sample (7 indicators):              {sample * 1000:7.0f} ms"
            f"  = {sample / floor:.2f} x floor (target <= 1.5)"
        )
        print(
            f"[{label}] build 200 indicators (800 rows):          {large * 1000:7.0f} ms"
            f"  = {large / sample:.2f} x sample (target <= 3)"
        )
        print(
            f"[{label}] validate sample + 5,000 formatted rows:   {tailed * 1000:7.0f} ms"
            f"  = {tailed / checked:.2f} x validate sample ({checked * 1000:.0f} ms)"
        )


def paired(other: str, runs: int, count: bool) -> None:
    """Ours against `other`'s build of the sample and of 200 indicators, round by round (and
    once each under callgrind when `count`)."""
    compile_package(other)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        big = write_workbook(work / "besar-200.xlsx", synthetic(200))
        sample = ROOT / "samples" / "bapas-magelang-2026.xlsx"
        for label, source in (("sample", sample), ("200 indicators", big)):
            commands = [
                [python, "-m", "renaksi_docs", "build", "-o", str(work / name), "--force",
                 str(source)]
                for python, name in ((sys.executable, "ours"), (other, "theirs"))
            ]  # fmt: skip
            ratios: dict[str, list[float]] = {"wall": [], "cpu": []}
            for _ in range(runs):
                walls, cpus = interleaved_medians(commands, 1)
                ratios["wall"].append(walls[0] / walls[1])
                ratios["cpu"].append(cpus[0] / cpus[1])
            for kind, values in ratios.items():
                print(
                    f"[{kind}] build {label}: ours/theirs median {statistics.median(values):.3f}"
                    f" (min {min(values):.3f}, max {max(values):.3f}, {runs} pairs)"
                )
            if count:
                print_instruction_ratio(f"build {label}", *commands, cwd=work)


if __name__ == "__main__":
    main()
