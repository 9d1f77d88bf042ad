"""What the two LibreOffice settings in renaksi_docs/libreoffice.py buy, in one run (issue 4).

Both settings change nothing in the PDF; they only remove work:
  - the profile seed `ooSetupLastVersion`: a fresh profile looks "upgraded", so every start
    runs VCL's graphics self-tests (4096-pixel bitmaps);
  - tcmalloc preloaded (Debian: libtcmalloc-minimal4) instead of glibc's malloc.

Prints the median CPU seconds (user + sys, the whole soffice process tree) of:
  - one start converting a one-line document: fresh profile as LibreOffice makes it, against
    our seeded profile;
  - two processes at once (as `build --pdf --jobs 2` runs them), each converting D realistic
    documents (22 indicators each) with our seeded profile: glibc malloc against tcmalloc.
CPU time rather than wall time, and the variants run in turn, because this VM's speed drifts
by up to 40% within minutes.

Usage: python bench/libreoffice_tuning.py [--runs 5] [--docs 10]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from synthetic import synthetic  # bench/synthetic.py, beside this script

from renaksi_docs import libreoffice
from renaksi_docs.build import BuildOptions, build_docx
from renaksi_docs.workbook.standard import write_workbook


def prepared(folder: Path, seeded: bool) -> Path:
    """A fresh profile in `folder`: ours, or empty (as LibreOffice makes a new one)."""
    settings = libreoffice.PROFILE_SETTINGS if seeded else libreoffice.registry()
    libreoffice.seed_profile(folder / "profile", settings)
    return folder / "profile"


def cpu_seconds(
    binary: str, files: list[Path], seeded: bool, malloc: str, processes: int = 1
) -> float:
    """CPU time of `processes` soffice process trees at once, each converting all `files`."""
    os.environ["RENAKSI_PDF_MALLOC"] = malloc  # the knob libreoffice.py reads
    with tempfile.TemporaryDirectory(prefix="renaksi-bench-lo-") as folder:
        folders = [Path(folder) / str(number) for number in range(processes)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        running = [
            subprocess.Popen(
                libreoffice.soffice_command(binary, prepared(each, seeded), each / "out", files),
                env=libreoffice.environment(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for each in folders
        ]
        for process in running:
            process.wait()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        produced = sum(len(list((each / "out").glob("*.pdf"))) for each in folders)
        if produced != len(files) * processes:
            sys.exit(f"LibreOffice made {produced} of {len(files) * processes} PDFs")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docs", type=int, default=10)
    args = parser.parse_args()
    binary = libreoffice.soffice()
    if binary is None:
        sys.exit("LibreOffice (soffice) is not installed")
    tcmalloc = libreoffice.allocator() if "RENAKSI_PDF_MALLOC" not in os.environ else None
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        tiny = work / "satu-baris.docx"
        document = Document()
        document.add_paragraph("Rencana Aksi")
        document.save(str(tiny))
        documents = []
        options = BuildOptions(out_dir=work / "docx")
        for number in range(args.docs):
            source = write_workbook(
                work / f"upt-{number}.xlsx", synthetic(22, unit=f"Lapas Kelas IIB Nomor {number}")
            )
            documents.append(build_docx(source, options).docx)

        plain, seeded = [], []
        for _ in range(args.runs):
            plain.append(cpu_seconds(binary, [tiny], seeded=False, malloc=""))
            seeded.append(cpu_seconds(binary, [tiny], seeded=True, malloc=""))
        print(
            f"start + one-line document, CPU median of {args.runs}: fresh profile "
            f"{statistics.median(plain):.2f} s, seeded profile {statistics.median(seeded):.2f} s "
            f"({statistics.median(plain) - statistics.median(seeded):.2f} s saved per process)"
        )
        if tcmalloc is None:
            print("tcmalloc: not installed (apt-get install libtcmalloc-minimal4), skipped")
            return
        glibc, tc = [], []
        for _ in range(args.runs):
            glibc.append(cpu_seconds(binary, documents, True, "", processes=2))
            tc.append(cpu_seconds(binary, documents, True, tcmalloc, processes=2))
        per_glibc = statistics.median(glibc) / (2 * args.docs)
        per_tc = statistics.median(tc) / (2 * args.docs)
        print(
            f"2 processes at once, {args.docs} documents of 22 indicators each, CPU median of "
            f"{args.runs}: "
            f"glibc malloc {per_glibc:.3f} s/doc, tcmalloc {per_tc:.3f} s/doc "
            f"= {per_tc / per_glibc:.2f}x"
        )


if __name__ == "__main__":
    main()
