"""What hostile inputs and loads cost `renaksi-docs serve` (issue 19), measured in one run.

--bagian bounded: the 17 KB workbook with one stray cell at Indikator!A1048576, and a zip of
100,000 empty parts, next to the Magelang sample —
  * command line: wall time and peak RSS of `python -m renaksi_docs validate FILE` (peak RSS
    from a wrapper process whose only child it is), each input run `--rounds` times, median;
  * API: wall time of one POST /api/validate to a real server (`tests/serve_live`), median of
    `--rounds`, and the server's RSS after those requests against its RSS before them.
  Printed as figures and ratios (stray / sample). Target: the stray-cell workbook validates in
  under 2 s and 200 MB, and the server keeps no memory after it.

--bagian latency: `GET /` latency (p50, p95) on an idle server, then while 20 clients each
build a PDF of the sample (LibreOffice, one conversion per core); prints both and their
ratio. Goal: during the builds <= 3x idle (the page must not wait behind PDFs: request
threads are plenty, PDF requests wait in the PDF queue).

Usage: python bench/serve_attack.py [--bagian bounded] [--bagian latency] [--rounds N]
       (--rounds: bounded's runs per input, default 5; latency's idle GET / requests, 50)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
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


# --- latency: the page while PDFs build ----


def percentile(values: list[float], share: float) -> float:
    """The `share` percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def page_latency(url: str) -> float:
    """Seconds one `GET /` took (the whole page read)."""
    started = time.perf_counter()
    answer = request(url, timeout=120)
    assert answer.status == 200, answer.status
    return time.perf_counter() - started


def latency(rounds: int, builds: int = 20) -> None:
    """GET / idle against GET / during `builds` concurrent PDF builds, one server run."""
    data = SAMPLE.read_bytes()
    with tempfile.TemporaryDirectory() as folder, live_server(Path(folder)) as server:
        warm = request(server.url + "api/build", [(SAMPLE.name, data)], {"format": "pdf"})
        assert warm.status == 200, warm.body[:300]  # LibreOffice started once before timing
        idle = [page_latency(server.url) for _ in range(rounds)]

        def build(_: int) -> float:
            started = time.perf_counter()
            answer = request(server.url + "api/build", [(SAMPLE.name, data)], {"format": "pdf"})
            assert answer.status == 200, answer.body[:300]
            return time.perf_counter() - started

        busy: list[float] = []
        with ThreadPoolExecutor(builds) as pool:
            futures = [pool.submit(build, n) for n in range(builds)]
            deadline = time.monotonic() + 900
            while not all(f.done() for f in futures) and time.monotonic() < deadline:
                busy.append(page_latency(server.url))
                time.sleep(0.05)
            durations = [f.result() for f in futures]
    print(f"GET / latency, {rounds} idle requests, {len(busy)} during {builds} PDF builds")
    print(f"  PDF builds: p50 {statistics.median(durations):.1f} s, last {max(durations):.1f} s")
    for label, share in (("p50", 0.5), ("p95", 0.95)):
        before, during = percentile(idle, share), percentile(busy, share)
        print(
            f"  {label}: idle {before * 1000:.1f} ms, during {during * 1000:.1f} ms, "
            f"ratio {during / before:.2f}x (goal <= 3x)"
        )


PARTS = {"bounded": bounded_work, "latency": latency}
DEFAULT_ROUNDS = {"bounded": 5, "latency": 50}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bagian", choices=sorted(PARTS), action="append")
    parser.add_argument("--rounds", type=int, help="runs per figure (default per part)")
    args = parser.parse_args()
    for name in args.bagian or sorted(PARTS):
        PARTS[name](args.rounds or DEFAULT_ROUNDS[name])


if __name__ == "__main__":
    main()
