"""Latency of `renaksi-docs serve` under load (issue 15), against the CLI's in-process build.

Starts a real server (`python -m renaksi_docs serve --no-open --port 0`, cheroot), then for
.docx and PDF at 1, 5 and 20 concurrent clients — each client uploading the sample workbook
and waiting for its document — prints p50/p95 latency, next to the same build done in this
process the way `renaksi-docs build` does it (build_one; for PDF plus one Converter call).
The 1-client .docx figures are interleaved with the in-process ones, round by round, so that
machine drift hits both alike. Target: .docx p50 at 1 client <= 1.3x the in-process build.

Usage: python bench/serve_load.py [--rounds 30] [--pdf-rounds 2] [--no-pdf]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from renaksi_docs.build import BuildOptions, build_one  # noqa: E402
from renaksi_docs.libreoffice import Converter  # noqa: E402
from tests.serve_live import live_server, request  # noqa: E402

SAMPLE = ROOT / "samples" / "bapas-magelang-2026.xlsx"
CLIENTS = (1, 5, 20)


def percentile(values: list[float], share: float) -> float:
    """The `share` percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def timed(call: Callable[[], object]) -> float:
    """Seconds `call` took."""
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def in_process(folder: Path, pdf: bool, converter: Converter) -> Callable[[], None]:
    """One in-process build of the sample (and its PDF), as the CLI does it."""
    options = BuildOptions(out_dir=folder, force=True)

    def build() -> None:
        outcome = build_one(SAMPLE, options)
        assert outcome.ok and outcome.docx is not None, outcome.error
        if pdf:
            [converted] = converter.convert([outcome.docx], force=True)
            assert converted.pdf is not None, converted.error

    return build


def over_http(url: str, pdf: bool) -> Callable[[], None]:
    """One client request: upload the sample, read the whole document."""
    data = SAMPLE.read_bytes()
    fields = {"format": "pdf"} if pdf else {}

    def build() -> None:
        answer = request(url + "api/build", [(SAMPLE.name, data)], fields)
        assert answer.status == 200, answer.body[:300]

    return build


def under_load(call: Callable[[], None], clients: int, each: int) -> list[float]:
    """Latencies of `clients` concurrent clients making `each` requests one after another."""

    def client(_: int) -> list[float]:
        return [timed(call) for _ in range(each)]

    with ThreadPoolExecutor(clients) as pool:
        return [t for times in pool.map(client, range(clients)) for t in times]


def row(kind: str, clients: str, times: list[float], base: float | None) -> str:
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    ratio = f"{p50 / base:.2f}x" if base else "—"
    return f"| {kind} | {clients} | {len(times)} | {p50 * 1000:.0f} | {p95 * 1000:.0f} | {ratio} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help=".docx requests per setting")
    parser.add_argument("--pdf-rounds", type=int, default=2, help="PDF requests per client")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF figures")
    args = parser.parse_args()
    lines = [
        "| format | clients | requests | p50 ms | p95 ms | p50 / in-process |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    with (
        tempfile.TemporaryDirectory() as tmp,
        Converter() as converter,
        live_server(Path(tmp)) as server,
    ):
        folder = Path(tmp) / "cli"
        folder.mkdir()
        local_docx, http_docx = in_process(folder, False, converter), over_http(server.url, False)
        for warm in (local_docx, http_docx):  # first calls load modules and the template
            warm()
        local, one = [], []
        for _ in range(args.rounds):  # interleaved: the same drift for both
            local.append(timed(local_docx))
            one.append(timed(http_docx))
        base = statistics.median(local)
        lines.append(row(".docx", "in-process", local, None))
        lines.append(row(".docx", "1", one, base))
        for clients in CLIENTS[1:]:
            each = max(1, args.rounds // clients)
            lines.append(row(".docx", str(clients), under_load(http_docx, clients, each), base))
        if not args.no_pdf:
            local_pdf, http_pdf = in_process(folder, True, converter), over_http(server.url, True)
            local, one = [], []
            for _ in range(args.pdf_rounds):
                local.append(timed(local_pdf))
                one.append(timed(http_pdf))
            base = statistics.median(local)
            lines.append(row("PDF", "in-process", local, None))
            lines.append(row("PDF", "1", one, base))
            for clients in CLIENTS[1:]:
                times = under_load(http_pdf, clients, 1 if clients > 5 else args.pdf_rounds)
                lines.append(row("PDF", str(clients), times, base))
    print(f"sample: {SAMPLE.name}; server: cheroot, 32 threads, PDF one per core")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
