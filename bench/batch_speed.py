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

Usage: python bench/batch_speed.py [--docs 100] [--pdf-docs 20] [--jobs 2]
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from synthetic import synthetic  # bench/synthetic.py, beside this script

from renaksi_docs import pdf
from renaksi_docs.standard import write_workbook

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "renaksi_docs"]


def timed(command: list[str], check: bool = True) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--pdf-docs", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "renaksi_docs", quiet=1)  # as a regular install would
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        inputs = work / "in"
        inputs.mkdir()
        sizes = []
        for number in range(args.docs):
            size = rng.randint(10, 30)
            sizes.append(size)
            unit = f"Lembaga Pemasyarakatan Kelas IIB Nomor {number:03}"
            write_workbook(inputs / f"upt-{number:03}.xlsx", synthetic(size, unit=unit))
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
        with pdf.Converter() as converter, ThreadPoolExecutor(args.jobs) as pool:
            shares = pdf.shares(sorted(alone.glob("*.docx")), args.jobs)
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
