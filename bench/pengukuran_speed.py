"""What the Pengukuran Kinerja report costs (issue 12, point 7), measured in this one run.

Prints medians of interleaved runs:
  - one batch `build FOLDER --dokumen semua` over N workbooks (10–30 indicators, TW III)
    against the same batch with `--dokumen rencana-aksi`: time per workbook and per document
    written (target: semua ≤ 2 × rencana-aksi per workbook, i.e. the report costs at most
    what the Rencana Aksi costs);
  - the sample's whole-process `build` (no report asked for) against the import floor
    `python -c "import openpyxl, docxtpl, click"` (target ≤ 1.5 ×), and the same build with
    `--dokumen pengukuran` for reference.

Usage: python bench/pengukuran_speed.py [--docs 100] [--runs 3] [--sample-runs 9] [--jobs J]
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

from pairing import compile_package  # bench/pairing.py
from synthetic import write_units  # bench/synthetic.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "renaksi_docs"]


def interleaved_medians(commands: list[list[str]], runs: int) -> list[float]:
    """Median wall time of each command, running them in turn `runs` times."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(
                command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            times[index].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample-runs", type=int, default=9)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    compile_package(sys.executable)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        inputs = work / "in"
        inputs.mkdir()
        write_units(inputs, args.docs)

        def batch(dokumen: str) -> list[str]:
            out = str(work / dokumen)
            return [*CLI, "build", str(inputs), "-o", out, "--force", "--jobs", str(args.jobs),
                    "--dokumen", dokumen]  # fmt: skip

        plan_only, both = interleaved_medians([batch("rencana-aksi"), batch("semua")], args.runs)
        print(f"{args.docs} workbooks of 10-30 indicators, jobs={args.jobs}, "
              f"{args.runs} interleaved runs (medians)")  # fmt: skip
        print(
            f"--dokumen rencana-aksi: {plan_only / args.docs * 1000:6.1f} ms per workbook "
            f"({plan_only / args.docs * 1000:6.1f} ms per document written)"
        )
        print(
            f"--dokumen semua:        {both / args.docs * 1000:6.1f} ms per workbook "
            f"({both / (2 * args.docs) * 1000:6.1f} ms per document written)"
        )
        print(f"semua / rencana-aksi per workbook: {both / plan_only:.2f} x (target <= 2)")

        sample = str(ROOT / "samples" / "contoh-triwulan.xlsx")
        build = [*CLI, "build", sample, "-o", str(work / "sample"), "--force"]
        floor, plain, report = interleaved_medians(
            [
                [sys.executable, "-c", "import openpyxl, docxtpl, click"],
                build,
                [*build, "--dokumen", "pengukuran"],
            ],
            args.sample_runs,
        )
        print(f"import floor (openpyxl, docxtpl, click): {floor * 1000:6.0f} ms")
        print(
            f"build sample, Rencana Aksi only:        {plain * 1000:6.0f} ms"
            f" = {plain / floor:.2f} x floor (target <= 1.5)"
        )
        print(
            f"build sample, --dokumen pengukuran:     {report * 1000:6.0f} ms"
            f" = {report / floor:.2f} x floor (for reference)"
        )


if __name__ == "__main__":
    main()
