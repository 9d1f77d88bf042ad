"""`renaksi-docs serve` under the loads of issue 19, measured on a real server.

--bagian latency: `GET /` latency (p50, p95) on an idle server, then while 20 clients each
build a PDF of the sample (LibreOffice, one conversion per core); prints both and their
ratio. Goal: during the builds <= 3x idle (the page must not wait behind PDFs: request
threads are plenty, PDF requests wait in the PDF queue).

Usage: python bench/serve_attack.py [--bagian latency] [--rounds 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.serve_live import live_server, request  # noqa: E402

SAMPLE = ROOT / "samples" / "bapas-magelang-2026.xlsx"


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


# --- latency: the page while PDFs build --------------------------------------------------------


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


PARTS = {"latency": latency}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bagian", choices=sorted(PARTS), action="append")
    parser.add_argument("--rounds", type=int, default=50, help="idle GET / requests")
    args = parser.parse_args()
    for name in args.bagian or sorted(PARTS):
        PARTS[name](args.rounds)


if __name__ == "__main__":
    main()
