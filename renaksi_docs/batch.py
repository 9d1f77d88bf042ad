"""A pool over many inputs with Ctrl-C handling: `work` over every input, `jobs` at a time,
in worker processes when they pay for their start. Knows nothing of documents (build and rekap
pass their own work function and outcome type)."""

from __future__ import annotations

import itertools
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Generic, TypeVar

from . import platforms

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

S = TypeVar("S")
"""One input of a batch (a workbook's path, or what an earlier pass made of it)."""
T = TypeVar("T")
"""What one input of a batch gives (build: an Outcome; rekap: a UnitResult)."""


def default_jobs() -> int:
    """One job per core."""
    return os.cpu_count() or 1


WORKER_START = {"fork": 2.7, "forkserver": 7.8, "spawn": 7.8}
"""CPU a worker process costs before its first document, in documents' worth, per start
method (bench/batch_speed.py --start-methods: 300 ms forked, 870 ms spawned, against 111 ms
per document). A forked worker starts with everything imported; a spawned one (Windows,
macOS) first imports Python, openpyxl and docxtpl again; forkserver is counted as spawn."""


class BatchInterrupted(Exception, Generic[T]):
    """Ctrl-C stopped a batch; `outcomes` holds the workbooks finished before it."""

    def __init__(self, outcomes: Sequence[T], total: int) -> None:
        self.outcomes = list(outcomes)
        self.total = total
        super().__init__(f"dibatalkan setelah {len(self.outcomes)} dari {total} workbook")


def pool_size(jobs: int, count: int, platform: str = sys.platform) -> int:
    """Worker processes for `count` workbooks at `jobs` at a time (Windows: at most 61)."""
    return max(min(jobs, count, platforms.max_workers(platform) or jobs), 1)


def pool_pays(count: int, start_method: str, workers: int) -> bool:
    """True when `count` workbooks are built sooner by `workers` processes started with
    `start_method` than by this one: the work the pool takes off this process, count × (1 −
    1/workers) documents, exceeds what starting a worker costs."""
    start = WORKER_START.get(start_method, WORKER_START["spawn"])
    return workers > 1 and count * (1 - 1 / workers) > start


def run_all(
    work: Callable[[S], T],
    sources: Sequence[S],
    jobs: int,
    done: Callable[[T], None] = lambda outcome: None,
    start_method: str | None = None,
    platform: str = sys.platform,
) -> list[T]:
    """`work` (picklable) over every input, `jobs` at a time, in a process pool when it pays;
    `done` hears of each as it finishes. Ctrl-C starts no new input: those under way finish
    and are counted, then BatchInterrupted carries every outcome so far (a second Ctrl-C
    stops at once). An input given twice is worked twice (each keeps its place)."""
    with Batch(jobs, len(sources), start_method, platform) as batch:
        return batch.run(work, sources, done)


class Batch:
    """One batch of `count` inputs, worked in one or more passes (build reads every workbook,
    then writes their documents): the passes share one process pool, started on the first
    pass that uses it, so its workers start once (a spawned worker, on Windows and macOS,
    costs several documents' worth). Whether a pool pays is decided once, for `count`.
    A context manager: leaving it ends the workers."""

    def __init__(
        self,
        jobs: int,
        count: int,
        start_method: str | None = None,
        platform: str = sys.platform,
    ) -> None:
        self.workers = pool_size(jobs, count, platform)
        self.context: BaseContext | None = None
        """The pool's start method, None when the inputs are worked in this process."""
        if self.workers > 1:
            # Imported here: multiprocessing costs ~20 ms that a single workbook never needs
            # (bench/build_speed.py).
            import multiprocessing

            method = start_method or multiprocessing.get_start_method()
            if pool_pays(count, method, self.workers):
                self.context = multiprocessing.get_context(method)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def run(
        self, work: Callable[[S], T], sources: Sequence[S], done: Callable[[T], None]
    ) -> list[T]:
        """One pass: `work` over `sources`, as run_all describes."""
        outcomes: dict[int, T] = {}
        with _ctrl_c_deferred() as pressed:
            if self.context is not None and sources:
                _pooled(sources, work, self.workers, self._started(), done, outcomes, pressed)
            else:
                for index, source in enumerate(sources):
                    if pressed.is_set():
                        break
                    outcomes[index] = work(source)
                    done(outcomes[index])
            if pressed.is_set():
                raise BatchInterrupted([outcomes[i] for i in sorted(outcomes)], len(sources))
        return [outcomes[index] for index in range(len(sources))]

    def _started(self) -> ProcessPoolExecutor:
        """The pool, started on first use (its workers start with their first input)."""
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=self.context, initializer=_ignore_ctrl_c
            )
        return self._pool


@contextmanager
def _ctrl_c_deferred() -> Iterator[threading.Event]:
    """Within the block, the first Ctrl-C only sets the yielded event (the loop stops between
    documents, so that every document written is counted); a second one interrupts at once.
    Outside the main thread (a web server's worker) signals are not ours: nothing changes."""
    pressed = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield pressed
        return

    def handler(signum: int, frame: object) -> None:
        if pressed.is_set():
            raise KeyboardInterrupt
        pressed.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)


def _pooled(
    sources: Sequence[S],
    work: Callable[[S], T],
    workers: int,
    pool: ProcessPoolExecutor,
    done: Callable[[T], None],
    outcomes: dict[int, T],
    pressed: threading.Event,
) -> None:
    """`work` over `sources` in the pool's `workers` processes, never more than one workbook
    queued per worker, so that when `pressed` is set nothing is left queued to start."""
    from concurrent.futures import FIRST_COMPLETED, Future, wait

    waiting = enumerate(sources)
    running: dict[Future[T], int] = {}
    with _workers_start_deaf():  # a worker starts when an input first waits for one
        for index, source in itertools.islice(waiting, workers):
            running[pool.submit(work, source)] = index
    while running:
        finished, _ = wait(running, timeout=0.1, return_when=FIRST_COMPLETED)
        for future in finished:
            index = running.pop(future)
            outcomes[index] = future.result()
            done(outcomes[index])
            following = None if pressed.is_set() else next(waiting, None)
            if following is not None:
                running[pool.submit(work, following[1])] = following[0]


@contextmanager
def _workers_start_deaf() -> Iterator[None]:
    """Ignore SIGINT while the pool starts its workers, so that they inherit SIG_IGN (kept by
    a spawned Python too): a Ctrl-C while a spawned worker still imports cannot print its
    traceback before _ignore_ctrl_c runs. (Windows does not inherit it: there the window
    stays.) Only in the main thread, where signals are handled."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _ignore_ctrl_c() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (no worker tracebacks)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
