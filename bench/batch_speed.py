"""Batch throughput on this machine (issue 4): .docx and PDF per document, one run.

Generates N workbooks of realistic size (10–30 indicators) and prints, measured in this run:
  - .docx per document: one `build FOLDER --jobs J` over N workbooks, against N separate
    `build ONE.xlsx` CLI runs;
  - PDF per document: one `build FOLDER --pdf --jobs J` over M workbooks (.docx + PDF,
    amortised), against M separate cold `soffice --convert-to pdf` calls (fresh profile
    each) on the same .docx files;
  - the LibreOffice step alone on the same .docx files (the floor of the .docx + PDF figure);
  - peak memory (largest resident set of any process started).
Targets: .docx in a batch <= 60 ms/doc; .docx + PDF <= 0.35 s/doc; batch PDF >= 3x faster than
one cold soffice per document.

With --start-methods: per-document cost of a .docx batch built in one process, through a pool
of forked workers (Linux) and through a pool of spawned workers (Windows, macOS), for a few
batch sizes, interleaved in one run; and the batch size from which a pool pays for each start
method (batch.WORKER_START).

With --vs PYTHON (another checkout's venv interpreter, e.g. the commit before a change): the
.docx batch over the same workbooks, ours and theirs in turn for --rounds pairs, and the
ratio ours/theirs of wall and CPU time per pair (median, min, max); with --instructions as
well, one batch per side under callgrind and the ratio of instructions executed, workers
included (bench/pairing.py: the figure that does not move with the machine's load; about 50
times slower, so keep --docs small).

Usage: python bench/batch_speed.py [--docs 100] [--pdf-docs 20] [--jobs 2]
       python bench/batch_speed.py --vs PYTHON [--docs 100] [--jobs 2] [--rounds 3]
                                   [--instructions]
       python bench/batch_speed.py --start-methods [--jobs 2] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pairing import compile_package, print_instruction_ratio  # bench/pairing.py
from synthetic import write_units  # bench/synthetic.py, beside this script

from renaksi_docs import libreoffice
from renaksi_docs.batch import WORKER_START

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "renaksi_docs"]


def timed(command: list[str], check: bool = True) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


DRIVER = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from renaksi_docs import batch, build
method, jobs, folder, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
sources = sorted(folder.glob("*.xlsx"))
if method == "none":
    jobs = 1
else:
    batch.WORKER_START[method] = 0  # always a pool here: its cost is what is measured
outcomes = build.build_all(sources, build.BuildOptions(out_dir=out), jobs, start_method=method)
assert all(o.ok for o in outcomes)
cpu = sum(
    getattr(resource.getrusage(who), field)
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    for field in ("ru_utime", "ru_stime")
)
print(json.dumps({"wall": time.perf_counter() - start, "cpu": cpu}))
"""
"""One batch in a fresh interpreter (imports included, as a CLI run pays them)."""


def start_methods(jobs: int, rounds: int) -> None:
    """Per-document wall and CPU time: one process vs fork pool vs spawn pool."""
    import json

    sizes = (4, 12, 24)
    methods = ("none", "fork", "spawn")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for size in sizes:
            (work / str(size)).mkdir()
            write_units(work / str(size), size, size=20)
        figures: dict[tuple[str, int], list[dict[str, float]]] = {}
        for round_ in range(rounds):
            for size in sizes:
                for method in methods:  # interleaved: drift hits all three alike
                    out = work / f"out-{method}-{size}-{round_}"
                    run = subprocess.run(
                        [sys.executable, "-c", DRIVER, method, str(jobs), str(work / str(size)),
                         str(out)],
                        check=True, capture_output=True, text=True,
                    )  # fmt: skip
                    figures.setdefault((method, size), []).append(json.loads(run.stdout))
        print(f"{os.cpu_count()} cores, jobs={jobs}, 20 indicators per workbook, best of {rounds}")
        print("workbooks  one process (wall/cpu ms per doc)   fork pool      spawn pool")
        for size in sizes:
            cells = []
            for method in methods:
                best = min(figures[(method, size)], key=lambda f: f["wall"])
                cells.append(
                    f"{best['wall'] / size * 1000:5.0f} / {best['cpu'] / size * 1000:4.0f}"
                )
            print(f"{size:9}  {cells[0]:>31}   {cells[1]:>11}   {cells[2]:>11}")
        for method in ("fork", "spawn"):
            # Cost of the pool itself (CPU, whole batch) from the largest size: pool - one process.
            size = sizes[-1]
            extra = min(f["cpu"] for f in figures[(method, size)]) - min(
                f["cpu"] for f in figures[("none", size)]
            )
            per_doc = min(f["cpu"] for f in figures[("none", size)]) / size
            # Each worker's start costs extra/W; the pool pays when n*(1 - 1/W) > that.
            start = extra / jobs / per_doc
            print(
                f"{method}: the pool costs {extra * 1000:.0f} ms CPU per batch, "
                f"{extra / jobs * 1000:.0f} ms = {start:.1f} documents' worth per worker "
                f"(batch.WORKER_START: {WORKER_START[method]}); it pays from about "
                f"{start / (1 - 1 / jobs):.0f} workbooks with {jobs} workers"
            )


def paired(other: str, docs: int, jobs: int, rounds: int, count: bool) -> None:
    """The .docx batch over the same workbooks, ours against `other`'s, pair by pair (and once
    each under callgrind when `count`)."""
    import statistics

    compile_package(sys.executable)
    compile_package(other)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        inputs = work / "in"
        inputs.mkdir()
        write_units(inputs, docs)
        ratios: dict[str, list[float]] = {"wall": [], "cpu": []}
        for round_ in range(rounds):
            figures = []
            for python, name in ((sys.executable, "ours"), (other, "theirs")):
                out = work / f"{name}-{round_}"
                command = [python, "-m", "renaksi_docs", "build", str(inputs), "-o", str(out)]
                start, before = time.perf_counter(), os.times()
                # From the temp folder: `python -m` puts the current folder first on sys.path,
                # and the other checkout's Python must import its own package, not ours.
                subprocess.run(
                    [*command, "--jobs", str(jobs)], check=True, capture_output=True, cwd=work
                )
                after = os.times()
                cpu = after.children_user - before.children_user
                cpu += after.children_system - before.children_system
                figures.append((time.perf_counter() - start, cpu))
            (ours_wall, ours_cpu), (their_wall, their_cpu) = figures
            ratios["wall"].append(ours_wall / their_wall)
            ratios["cpu"].append(ours_cpu / their_cpu)
            print(
                f"pair {round_ + 1}: ours {ours_wall / docs * 1000:.1f} ms/doc wall, "
                f"{ours_cpu / docs * 1000:.1f} ms/doc CPU; theirs {their_wall / docs * 1000:.1f}"
                f" / {their_cpu / docs * 1000:.1f}"
            )
        for kind, values in ratios.items():
            print(
                f"[{kind}] .docx batch of {docs}, jobs {jobs}: ours/theirs median "
                f"{statistics.median(values):.3f} (min {min(values):.3f}, max {max(values):.3f})"
            )
        if count:
            print_instruction_ratio(
                f".docx batch of {docs}, jobs {jobs}",
                *(
                    [python, "-m", "renaksi_docs", "build", str(inputs), "-o",
                     str(work / f"{name}-counted"), "--jobs", str(jobs)]
                    for python, name in ((sys.executable, "ours"), (other, "theirs"))
                ),
                cwd=work,
            )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--pdf-docs", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--start-methods", action="store_true")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--vs", help="another checkout's Python, paired against this one")
    parser.add_argument(
        "--instructions", action="store_true", help="with --vs: also callgrind's counts"
    )
    args = parser.parse_args()
    if args.vs:
        paired(args.vs, args.docs, args.jobs, args.rounds, args.instructions)
        return
    if args.start_methods:
        start_methods(args.jobs, args.rounds)
        return
    compile_package(sys.executable)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        inputs = work / "in"
        inputs.mkdir()
        sizes = write_units(inputs, args.docs)
        print(
            f"{args.docs} workbooks, {min(sizes)}-{max(sizes)} indicators "
            f"(mean {sum(sizes) / len(sizes):.1f}); jobs={args.jobs}; {os.cpu_count()} cores"
        )

        batch = timed(
            [*CLI, "build", str(inputs), "-o", str(work / "batch"), "--jobs", str(args.jobs)]
        )
        print(
            f".docx, one batch command:     {batch / args.docs * 1000:7.1f} ms/doc "
            f"(total {batch:.1f} s; target <= 60 ms/doc); peak {peak_mb():.0f} MB"
        )
        separate = sum(
            timed([*CLI, "build", str(path), "-o", str(work / "separate")])
            for path in sorted(inputs.glob("*.xlsx"))
        )
        print(
            f".docx, {args.docs} separate CLI runs:  {separate / args.docs * 1000:7.1f} ms/doc "
            f"(total {separate:.1f} s) = {separate / batch:.1f}x the batch"
        )

        soffice = shutil.which("soffice")
        if soffice is None:
            print("PDF: skipped, LibreOffice (soffice) is not installed")
            return
        pdf_inputs = work / "pdf-in"
        pdf_inputs.mkdir()
        for path in sorted(inputs.glob("*.xlsx"))[: args.pdf_docs]:
            shutil.copy(path, pdf_inputs / path.name)
        pdf_batch = timed(
            [
                *CLI,
                "build",
                str(pdf_inputs),
                "-o",
                str(work / "pdf"),
                "--pdf",
                "--jobs",
                str(args.jobs),
            ]
        )
        print(
            f".docx + PDF, one batch:       {pdf_batch / args.pdf_docs * 1000:7.0f} ms/doc "
            f"(total {pdf_batch:.1f} s over {args.pdf_docs}; target <= 350 ms/doc); "
            f"peak {peak_mb():.0f} MB"
        )
        alone = work / "lo-alone"
        alone.mkdir()
        for docx in sorted((work / "pdf").glob("*.docx")):
            shutil.copy(docx, alone / docx.name)
        start = time.perf_counter()
        with libreoffice.Converter() as converter, ThreadPoolExecutor(args.jobs) as pool:
            shares = libreoffice.shares(sorted(alone.glob("*.docx")), args.jobs)
            converted = [c for done in pool.map(converter.convert, shares) for c in done]
        lo_only = time.perf_counter() - start
        assert all(c.pdf is not None for c in converted)
        print(
            f"  LibreOffice step alone:       {lo_only / args.pdf_docs * 1000:7.0f} ms/doc "
            f"(separate run on the same {args.pdf_docs} .docx, {args.jobs} processes)"
        )
        cold = 0.0
        for docx in sorted((work / "pdf").glob("*.docx")):
            profile = Path(tempfile.mkdtemp(prefix="renaksi-lo-bench-"))
            cold += timed(
                [
                    soffice,
                    "--headless",
                    "--norestore",
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work / "cold"),
                    str(docx),
                ]
            )
            shutil.rmtree(profile, ignore_errors=True)
        print(
            f"PDF only, {args.pdf_docs} cold soffice calls: {cold / args.pdf_docs * 1000:7.0f} "
            f"ms/doc (total {cold:.1f} s) = {cold / pdf_batch:.1f}x the batch .docx + PDF "
            "(target >= 3x)"
        )
        print(f"peak memory of any process: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
