"""What deciding every output name before writing costs a batch (issue 20), one run.

`build` reads every workbook first (`build.prepare`: read and name its outputs), decides the
names in input order (`build.claim`), then writes (`build.write_prepared`): in a pool, each
plan travels to the parent and back, and a second pool starts. Prints, for N synthetic
workbooks (20 indicators), measured in fresh interpreters in this run:
  - the share of a document's CPU spent in each pass (one process);
  - the two-pass batch with `--jobs J` against the same workbooks built one after another with
    `build_one` (one process, read then write per workbook: no pool, no second pass), as
    wall-time and CPU ratios.

Usage: python bench/build_passes.py [--docs 24] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from synthetic import write_units  # bench/synthetic.py, beside this script

DRIVER = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from renaksi_docs import build
how, jobs, folder, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
sources = sorted(folder.glob("*.xlsx"))
options = build.BuildOptions(out_dir=out)
split = {}
if how == "passes":
    clock = time.process_time()
    prepared = [build.prepare(s, options) for s in sources]
    split["read"] = time.process_time() - clock
    claimed = build.claim(prepared, build.InputSet(sources), False)
    clock = time.process_time()
    outcomes = [build.write_prepared(p, options) for p in claimed]
    split["write"] = time.process_time() - clock
elif how == "one-by-one":
    outcomes = [build.build_one(s, options) for s in sources]
else:
    outcomes = build.build_all(sources, options, jobs, start_method="fork")
assert all(o.ok for o in outcomes)
cpu = sum(
    getattr(resource.getrusage(who), field)
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    for field in ("ru_utime", "ru_stime")
)
print(json.dumps({"wall": time.perf_counter() - start, "cpu": cpu, **split}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=24)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "in").mkdir()
        write_units(work / "in", args.docs, size=20)
        figures = {}
        for how in ("passes", "one-by-one", "batch"):
            run = subprocess.run(
                [sys.executable, "-c", DRIVER, how, str(args.jobs), str(work / "in"),
                 str(work / f"out-{how}")],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            figures[how] = json.loads(run.stdout)
    passes, alone, batch = figures["passes"], figures["one-by-one"], figures["batch"]
    total = passes["read"] + passes["write"]
    print(f"{args.docs} workbooks, 20 indicators each, jobs={args.jobs}, {os.cpu_count()} cores")
    print(
        f"CPU per document: read and name {passes['read'] / args.docs * 1000:.0f} ms "
        f"({passes['read'] / total:.0%}), write {passes['write'] / args.docs * 1000:.0f} ms"
    )
    print(
        f"two-pass batch (fork pool) / one by one in one process: wall "
        f"{batch['wall'] / alone['wall']:.2f}x, CPU {batch['cpu'] / alone['cpu']:.2f}x"
    )


if __name__ == "__main__":
    main()
