"""The double-click launcher's logic (`renaksi-docs buka`): one web page per user.

The launchers of the offline bundles (docs/install.md) run `renaksi-docs buka`. It starts
`serve` on 127.0.0.1 with a free port, prints the address, opens the browser and stays until
its window is closed or Ctrl-C. A second double-click must not start a second server: the
first launcher holds an exclusive lock on `server.lock` in the user's data folder for as long
as it serves (the operating system releases it when the process ends, however it ends) and
records its address in `server.json`. A launcher that cannot take the lock waits for that
address to answer and opens it; if it never answers, it serves on another free port and
says so.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import urllib.error
import urllib.request
import webbrowser
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import IO, Any

import click

from .. import __version__
from ..platforms import MACOS, WINDOWS

APP_FOLDER = "renaksi-docs"
STATE_FILE = "server.json"
LOCK_FILE = "server.lock"

WAIT_FOR_OTHER = 30.0
"""Seconds a second launcher waits for the first one's page to answer."""


def data_folder(platform: str, env: Mapping[str, str]) -> PurePath:
    """The user's local data folder of renaksi-docs on `platform` (no admin rights needed):
    %LOCALAPPDATA%\\renaksi-docs, ~/Library/Application Support/renaksi-docs, or
    $XDG_DATA_HOME/renaksi-docs (default ~/.local/share/renaksi-docs). The bundles' install
    scripts put the private environment in its `<version>` subfolder."""
    if platform == WINDOWS:
        local = env.get("LOCALAPPDATA") or str(
            PureWindowsPath(env.get("USERPROFILE", "C:\\"), "AppData", "Local")
        )
        return PureWindowsPath(local, APP_FOLDER)
    home = env.get("HOME", "/")
    if platform == MACOS:
        return PurePosixPath(home, "Library", "Application Support", APP_FOLDER)
    base = env.get("XDG_DATA_HOME") or str(PurePosixPath(home, ".local", "share"))
    return PurePosixPath(base, APP_FOLDER)


@dataclass(frozen=True)
class Running:
    """A server recorded in the state file."""

    url: str
    pid: int


def read_state(path: Path) -> Running | None:
    """The server `path` records, or None (no file, or not ours)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Running(str(data["url"]), int(data["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_state(path: Path, running: Running) -> None:
    """Record `running` (written to a temp file and renamed: a reader never sees half)."""
    temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temp.write_text(
        json.dumps({"url": running.url, "pid": running.pid, "versi": __version__}),
        encoding="utf-8",
    )
    os.replace(temp, path)


def answers(url: str, timeout: float = 2.0) -> bool:
    """True when `url` is a renaksi-docs page that answers (status 200, the server's
    `Server: renaksi-docs`). Proxies are bypassed: the address is this computer's."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            server = response.headers.get("Server", "")
            return response.status == 200 and server.startswith("renaksi-docs")
    except (OSError, urllib.error.URLError, ValueError):
        return False


def _lock(handle: IO[Any]) -> bool:
    """Take an exclusive lock on `handle` without waiting; False when another process has it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextmanager
def first_launcher(folder: Path) -> Iterator[bool]:
    """True inside when this process is the user's only serving launcher (the lock is held
    until the block ends or the process dies); False when another one holds it."""
    folder.mkdir(parents=True, exist_ok=True)
    # Python opens files non-inheritable: LibreOffice children never keep the lock alive.
    with open(folder / LOCK_FILE, "a+b") as handle:
        yield _lock(handle)


def wait_for_other(
    state: Path, deadline: float, clock: Callable[[], float] = time.monotonic
) -> Running | None:
    """The other launcher's server once its page answers, or None at `deadline`."""
    while True:
        running = read_state(state)
        if running is not None and answers(running.url):
            return running
        if clock() >= deadline:
            return None
        time.sleep(0.2)


def _hang_up_stops() -> None:
    """Closing a macOS Terminal or Linux terminal window sends SIGHUP: stop as on Ctrl-C
    (LibreOffice conversions cancelled, work folders deleted) instead of dying at once."""
    hang_up = getattr(signal, "SIGHUP", None)
    if hang_up is not None:
        signal.signal(hang_up, lambda _number, _frame: signal.raise_signal(signal.SIGINT))


def launch(open_browser: bool = True, env: Mapping[str, str] | None = None) -> None:
    """Serve the page for this user, or open the one already served (module docstring)."""
    from .server import ServeOptions, access_logging, serve

    folder = Path(data_folder(sys.platform, os.environ if env is None else env))
    state = folder / STATE_FILE
    show: Callable[[str], object] = webbrowser.open if open_browser else (lambda _url: None)
    with first_launcher(folder) as first:
        if not first:
            running = wait_for_other(state, time.monotonic() + WAIT_FOR_OTHER)
            if running is not None:
                click.echo(f"renaksi-docs sudah berjalan: {running.url}")
                click.echo("Halaman itu dibuka di peramban; jendela ini boleh ditutup.")
                show(running.url)
                return
            click.secho(
                "renaksi-docs lain sedang berjalan tetapi tidak menjawab; "
                "halaman ini memakai port lain.",
                fg="yellow",
            )

        def ready(url: str) -> None:
            if first:
                write_state(state, Running(url, os.getpid()))
            click.echo(f"Halaman renaksi-docs: {url}")
            click.echo(
                "Biarkan jendela ini terbuka selama memakai halaman. "
                "Tutup jendela ini atau tekan Ctrl-C untuk berhenti."
            )
            show(url)

        _hang_up_stops()
        access_logging()
        try:
            serve(ServeOptions("127.0.0.1", 0), ready)
        finally:
            if first:
                with suppress(OSError):
                    state.unlink()
    click.echo("Server dihentikan.")
