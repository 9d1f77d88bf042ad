"""Rekap over a national batch (issue 13): `rekap` against `build` (.docx only) over the same
N generated workbooks (default 700, 10–30 indicators each), on this machine's cores.

Runs are interleaved (build, rekap, rekap, build, …) so that drift of a shared machine hits both
alike; it prints each run, the median of each command, their ratio, and the peak memory of the
whole process tree (main process + workers, summed, sampled every 20 ms).
Target: rekap time <= build time.

Usage: python bench/rekap_speed.py [--units 700] [--rounds 2] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from pairing import compile_package  # bench/pairing.py
from synthetic import write_units  # bench/synthetic.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "renaksi_docs"]


def tree_rss_mb(root: int) -> float:
    """Resident memory of `root` and all its descendants, in MB (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    tree, total = {root}, 0
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                changed = True
    total = sum(rss.get(pid, 0) for pid in tree)
    return total / 1024 / 1024


def cpu_seconds() -> float:
    """User + system time of every finished descendant so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str]) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak MB of the process tree, exit code)."""
    cpu = cpu_seconds()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss_mb(process.pid))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = process.wait()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    return elapsed, cpu_seconds() - cpu, peak, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=700)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    compile_package(sys.executable)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        inputs = work / "in"
        inputs.mkdir()
        sizes = write_units(inputs, args.units)
        print(
            f"{args.units} workbooks, {min(sizes)}-{max(sizes)} indicators "
            f"(mean {sum(sizes) / len(sizes):.1f}, {sum(sizes)} in all); jobs={args.jobs}; "
            f"{os.cpu_count()} cores"
        )
        jobs = ["--jobs", str(args.jobs)]
        commands = {
            "build": [*CLI, "build", str(inputs), "-o", str(work / "docx"), "--force", *jobs],
            "rekap": [*CLI, "rekap", str(inputs), "-o", str(work / "rekap.xlsx"), "--force", *jobs],
        }
        times: dict[str, list[float]] = {"build": [], "rekap": []}
        cpus: dict[str, list[float]] = {"build": [], "rekap": []}
        peaks: dict[str, float] = {"build": 0.0, "rekap": 0.0}
        order = ["build", "rekap"]
        for round_number in range(args.rounds):
            for name in order if round_number % 2 == 0 else order[::-1]:
                elapsed, cpu, peak, code = run(commands[name])
                if code != 0:
                    sys.exit(f"{name} failed with exit code {code}")
                times[name].append(elapsed)
                cpus[name].append(cpu)
                peaks[name] = max(peaks[name], peak)
                print(
                    f"  round {round_number + 1} {name}: {elapsed:6.1f} s wall, {cpu:6.1f} s CPU, "
                    f"peak {peak:5.0f} MB"
                )
        build, rekap = statistics.median(times["build"]), statistics.median(times["rekap"])
        build_cpu, rekap_cpu = statistics.median(cpus["build"]), statistics.median(cpus["rekap"])
        size_kb = (work / "rekap.xlsx").stat().st_size / 1024
        print(
            f"build (.docx): {build:6.1f} s wall ({build / args.units * 1000:.0f} ms/unit), "
            f"{build_cpu:.1f} s CPU, peak {peaks['build']:.0f} MB"
        )
        print(
            f"rekap (.xlsx): {rekap:6.1f} s wall ({rekap / args.units * 1000:.0f} ms/unit), "
            f"{rekap_cpu:.1f} s CPU, peak {peaks['rekap']:.0f} MB; rekap.xlsx {size_kb:.0f} KB"
        )
        print(
            f"rekap / build: wall {rekap / build:.2f}x, CPU {rekap_cpu / build_cpu:.2f}x, "
            f"memory {peaks['rekap'] / peaks['build']:.2f}x (target: time <= 1.00x)"
        )


if __name__ == "__main__":
    main()
