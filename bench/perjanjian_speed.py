"""What the Perjanjian Kinerja adds to `--dokumen semua` (issue 23, point 7), in this one run.

Prints medians of interleaved runs of one batch `build FOLDER` over N workbooks (10–30
indicators, TW III, each naming its superior, so that `semua` writes all three documents):
`--dokumen semua` against `--dokumen rencana-aksi`, per workbook and per document written, and
the ratio (target: semua ≤ 2.5 × rencana-aksi per workbook); `--dokumen perjanjian` alone for
reference.

Usage: python bench/perjanjian_speed.py [--docs 100] [--runs 3] [--jobs J]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from pathlib import Path

from pairing import compile_package  # bench/pairing.py
from pengukuran_speed import interleaved_medians  # bench/, beside this script
from synthetic import write_units

from renaksi_docs.workbook import schema

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "renaksi_docs"]
SUPERIOR = {
    schema.NAMA_ATASAN.header: "Drs. Bambang Sutrisno, M.H.",
    schema.JABATAN_ATASAN.header: "Kepala Kantor Wilayah Pemasyarakatan Jawa Tengah",
    schema.NIP_ATASAN.header: "19680512 199003 1 002",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    compile_package(sys.executable)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        inputs = work / "in"
        inputs.mkdir()
        write_units(
            inputs,
            args.docs,
            adjust=lambda content: dataclasses.replace(
                content, identitas={**content.identitas, **SUPERIOR}
            ),
        )

        def batch(dokumen: str) -> list[str]:
            out = str(work / dokumen)
            return [*CLI, "build", str(inputs), "-o", out, "--force", "--jobs", str(args.jobs),
                    "--dokumen", dokumen]  # fmt: skip

        plan_only, every, agreement = interleaved_medians(
            [batch("rencana-aksi"), batch("semua"), batch("perjanjian")], args.runs
        )
        written = sum(1 for _ in (work / "semua").iterdir())
        assert written == 3 * args.docs, written  # every workbook got its three documents
        print(f"{args.docs} workbooks of 10-30 indicators, jobs={args.jobs}, "
              f"{args.runs} interleaved runs (medians)")  # fmt: skip
        for label, seconds, documents in (
            ("rencana-aksi", plan_only, 1),
            ("semua", every, 3),
            ("perjanjian", agreement, 1),
        ):
            print(
                f"--dokumen {label + ':':13} {seconds / args.docs * 1000:6.1f} ms per workbook "
                f"({seconds / (documents * args.docs) * 1000:6.1f} ms per document written)"
            )
        print(f"semua / rencana-aksi per workbook: {every / plan_only:.2f} x (target <= 2.5)")


if __name__ == "__main__":
    main()
