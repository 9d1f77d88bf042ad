"""What hostile inputs cost `renaksi-docs` (issue 19), against the sample's cost, in one run.

Part 1, bounded work (this file's first part): the 17 KB workbook with one stray cell at
Indikator!A1048576, and a zip of 100,000 empty parts, next to the Magelang sample —
  * command line: wall time and peak RSS of `python -m renaksi_docs validate FILE` (peak RSS
    from a wrapper process whose only child it is), each input run `--rounds` times, median;
  * API: wall time of one POST /api/validate to a real server (`tests/serve_live`), median of
    `--rounds`, and the server's RSS after those requests against its RSS before them.
Printed as figures and ratios (stray / sample). Target (issue 19): the stray-cell workbook
validates in under 2 s and 200 MB, and the server keeps no memory after it.

Part 2, `GET /` latency under attack, is added to this file by the server's own work.

Usage: python bench/serve_attack.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from tests import hostile  # noqa: E402
from tests.serve_live import LiveServer, live_server, request  # noqa: E402

SAMPLE = ROOT / "samples" / "bapas-magelang-2026.xlsx"
MB = 1024 * 1024
WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "started = time.perf_counter()\n"
    "subprocess.run([sys.executable, '-m', 'renaksi_docs', 'validate', sys.argv[1]],"
    " capture_output=True)\n"
    "took = time.perf_counter() - started\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(took, peak * (1 if sys.platform == 'darwin' else 1024))\n"
)
"""Runs `validate` as its only child: (seconds, peak RSS in bytes) of that child alone."""


def inputs(folder: Path) -> dict[str, Path]:
    """The files measured: the sample, the stray-cell workbook, the 100,000-part zip."""
    stray = folder / "nyasar.xlsx"
    stray.write_bytes(hostile.xlsx_bytes(hostile.stray_cell))
    many = hostile.many_members(folder / "banyak.xlsx", 100_000)
    return {"sample": SAMPLE, "stray cell": stray, "100,000 parts": many}


def command_line(path: Path, rounds: int) -> tuple[float, int]:
    """Median seconds and largest peak RSS of `validate PATH` over `rounds` runs."""
    times, peaks = [], []
    for _ in range(rounds):
        done = subprocess.run(
            [sys.executable, "-c", WRAPPER, str(path)], capture_output=True, text=True, check=True
        )
        took, peak = done.stdout.split()
        times.append(float(took))
        peaks.append(int(peak))
    return statistics.median(times), max(peaks)


def api(server: LiveServer, path: Path, rounds: int) -> tuple[float, int]:
    """Median seconds of POST /api/validate with PATH, and the server's RSS growth over the
    `rounds` requests (bytes; after minus before)."""
    process = psutil.Process(server.process.pid)
    sent = [(path.name, path.read_bytes())]
    before = process.memory_info().rss
    times = []
    for _ in range(rounds):
        times.append(timed(lambda: check(request(server.url + "api/validate", sent).status)))
    return statistics.median(times), process.memory_info().rss - before


def check(status: int) -> None:
    """Every validation answers 200 (the problems are in the body)."""
    assert status == 200, status


def timed(call: Callable[[], object]) -> float:
    """Seconds `call` took."""
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def bounded_work(rounds: int) -> None:
    """Part 1: the stray-cell workbook and the many-part zip against the sample."""
    with tempfile.TemporaryDirectory(prefix="renaksi-attack-") as work:
        folder = Path(work)
        files = inputs(folder)
        print(f"command line: validate, median of {rounds}, peak RSS of the process")
        cli = {name: command_line(path, rounds) for name, path in files.items()}
        base_time, base_peak = cli["sample"]
        for name, (took, peak) in cli.items():
            print(
                f"  {name:14} {took:6.2f} s ({took / base_time:4.2f}x sample)   "
                f"{peak / MB:6.0f} MB ({peak / base_peak:4.2f}x sample)"
            )
        print(f"API: POST /api/validate, median of {rounds}, server RSS kept after them")
        with live_server(folder) as server:
            check(request(server.url + "api/validate", [("s.xlsx", SAMPLE.read_bytes())]).status)
            process = psutil.Process(server.process.pid)
            start_rss = process.memory_info().rss
            served = {name: api(server, path, rounds) for name, path in files.items()}
            end_rss = process.memory_info().rss
        base_time = served["sample"][0]
        for name, (took, kept) in served.items():
            print(
                f"  {name:14} {took:6.2f} s ({took / base_time:4.2f}x sample)   "
                f"kept {kept / MB:+6.1f} MB"
            )
        print(
            f"  server RSS after one sample: {start_rss / MB:.0f} MB; after all "
            f"{rounds * len(files)} requests: {end_rss / MB:.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    bounded_work(args.rounds)


if __name__ == "__main__":
    main()
