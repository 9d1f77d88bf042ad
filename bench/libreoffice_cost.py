"""LibreOffice's CPU time per document for two .docx variants, side by side (issue 11).

Converts COPIES copies of each document to PDF in one `soffice` call with a fresh, unseeded
profile (a clerk's default settings), alternating A and B for ROUNDS rounds so that machine
noise hits both alike, and prints the median CPU seconds (user + system of soffice and its
children) per call and per document, and the ratio B / A.

Usage: python bench/libreoffice_cost.py A.docx B.docx [--copies 10] [--rounds 3]
(e.g. A built before the RUMUS fraction became a nested table, B after).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path


def convert_cpu(document: Path, copies: int) -> float:
    """CPU seconds of one soffice call converting `copies` copies of `document`."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        files = []
        for index in range(copies):
            files.append(work / f"d{index}.docx")
            shutil.copyfile(document, files[-1])
        before = os.times()
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{work / 'profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "out"),
                *map(str, files),
            ],
            check=True,
            capture_output=True,
        )
        after = os.times()
        if len(list((work / "out").glob("*.pdf"))) != copies:
            raise SystemExit(f"LibreOffice did not convert every copy of {document}")
    return (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    times: dict[Path, list[float]] = {args.a: [], args.b: []}
    for _ in range(args.rounds):
        for document in (args.a, args.b):
            times[document].append(convert_cpu(document, args.copies))
    medians = {document: statistics.median(t) for document, t in times.items()}
    for label, document in (("A", args.a), ("B", args.b)):
        print(
            f"{label} {document.name}: {medians[document]:.2f} s CPU per call of {args.copies}"
            f" = {medians[document] / args.copies * 1000:.0f} ms per document (with start-up)"
        )
    print(f"B / A = {medians[args.b] / medians[args.a]:.2f}")


if __name__ == "__main__":
    main()
