"""The server's PDF queue: LibreOffice conversions run at most one per core.

One converter object (`renaksi_docs.libreoffice.Converter`) serves the whole run of the server; a
pool of one worker per core takes the requests' conversions in arrival order. A request
waits for its own conversion at most `wait` seconds: a hung LibreOffice fails that request
only (the converter's own timeout then kills the process and frees the core). At most
`waiters` requests wait at once: the server's other request threads stay free for pages,
validation and .docx builds (a further PDF request is answered 503 at once).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Protocol

from ..errors import ConversionFailed


class Converter(Protocol):
    """What the server needs of the PDF module's per-run converter."""

    def convert(self, docx_files: Sequence[Path], force: bool = False) -> list[Any]:
        """Convert the files; one result (docx, pdf | None, error) per file."""

    def cancel(self) -> None:
        """Kill running conversions and start no more."""


def default_converter() -> Any:
    """The PDF module's per-run converter (a context manager)."""
    from ..libreoffice import Converter

    return Converter()


class ConversionTimeout(ConversionFailed):
    """A request's conversion did not finish in time."""


class ConversionBusy(ConversionFailed):
    """Too many requests are already waiting for their PDF."""


class PdfQueue:
    """Conversions one per core, each request waiting for its own."""

    def __init__(
        self,
        make_converter: Callable[[], Any] = default_converter,
        slots: int | None = None,
        wait: float = 300.0,
        waiters: int | None = None,
    ) -> None:
        self._make_converter = make_converter
        self._slots = slots or os.cpu_count() or 1
        self._wait = wait
        self._waiters = waiters
        self._waiting = threading.BoundedSemaphore(waiters) if waiters else None
        self._lock = threading.Lock()
        self._stack = ExitStack()
        self._converter: Converter | None = None
        self._pool: ThreadPoolExecutor | None = None

    def _ready(self) -> tuple[Converter, ThreadPoolExecutor]:
        """The converter and the pool, made on the first PDF asked for."""
        with self._lock:
            if self._converter is None or self._pool is None:
                converter = self._make_converter()
                if hasattr(converter, "__enter__"):
                    converter = self._stack.enter_context(converter)
                self._converter = converter
                self._pool = ThreadPoolExecutor(self._slots, thread_name_prefix="renaksi-pdf")
            return self._converter, self._pool

    def convert(self, docx_files: Sequence[Path]) -> list[Any]:
        """Queue the files as one conversion and wait for it; ConversionTimeout after `wait`,
        ConversionBusy at once when `waiters` requests are already waiting."""
        if self._waiting is None:
            return self._convert(docx_files)
        if not self._waiting.acquire(blocking=False):
            raise ConversionBusy(
                f"Sedang ada {self._waiters} permintaan PDF yang menunggu; coba lagi beberapa "
                "menit lagi, atau pilih format Word (.docx)"
            )
        try:
            return self._convert(docx_files)
        finally:
            self._waiting.release()

    def _convert(self, docx_files: Sequence[Path]) -> list[Any]:
        converter, pool = self._ready()
        future = pool.submit(converter.convert, list(docx_files), False)
        try:
            return future.result(timeout=self._wait)
        except FutureTimeout:
            future.cancel()
            raise ConversionTimeout(
                f"PDF tidak selesai dalam {self._wait:.0f} detik; coba lagi nanti, atau pilih "
                "format Word (.docx)"
            ) from None

    def cancel(self) -> None:
        """Stop every running conversion (Ctrl-C): the waiting requests fail at once."""
        with self._lock:
            converter = self._converter
        if converter is not None:
            converter.cancel()

    def close(self) -> None:
        """Cancel what runs, then release the converter and the pool."""
        self.cancel()
        with self._lock:
            pool, self._pool, self._converter = self._pool, None, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self._stack.close()
