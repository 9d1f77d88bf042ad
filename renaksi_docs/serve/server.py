"""Run the app under waitress: a pure-Python production WSGI server (Windows, macOS, Linux).

On a host other than loopback (an office server) every request needs the password: the
environment's RENAKSI_SANDI, or one generated here. Ctrl-C (or SIGTERM) first cancels the
running LibreOffice conversions, then stops waitress, then deletes every work folder.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import FrameType
from typing import Any

from ..errors import RenaksiError, describe_os_error

PASSWORD_VARIABLE = "RENAKSI_SANDI"


class ServerProblem(RenaksiError):
    """The server cannot start (port taken, address unknown)."""


@dataclass(frozen=True)
class ServeOptions:
    """How to run the server."""

    host: str = "127.0.0.1"
    port: int = 8000
    """0: any free port (the ready callback is told which)."""
    password: str | None = None
    """Asked on every request; None for a loopback-only server."""
    threads: int = 8
    """Requests handled at once (waitress queues the rest)."""
    trusted_proxy: str | None = None
    """Address of a reverse proxy whose X-Forwarded-* headers are believed."""


def is_loopback(host: str) -> bool:
    """True for addresses only this computer reaches (127.x, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def password_for(
    host: str, environ: Mapping[str, str], proxied: bool = False
) -> tuple[str | None, bool]:
    """The password a server on `host` asks for, and whether it was generated here. A server
    behind a reverse proxy (`proxied`) serves the network even on loopback: it asks one too."""
    if is_loopback(host) and not proxied:
        return None, False
    configured = environ.get(PASSWORD_VARIABLE, "")
    if configured:
        return configured, False
    return secrets.token_urlsafe(12), True


def access_logging(stream: Any = None) -> None:
    """The access log (one line per request, with its time) on stderr."""
    from .app import ACCESS_LOG

    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    for name in (ACCESS_LOG, "renaksi_docs.serve"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def serve(
    options: ServeOptions,
    ready: Callable[[str], None],
    config: Mapping[str, Any] | None = None,
) -> None:
    """Serve until Ctrl-C or SIGTERM; `ready(url)` once the port is open."""
    from waitress import create_server

    from .app import create_app, service

    app = create_app({**(config or {}), "PASSWORD": options.password})
    state = service(app)
    proxy: dict[str, Any] = {}
    if options.trusted_proxy:
        proxy = {
            "trusted_proxy": options.trusted_proxy,
            "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"},
            "clear_untrusted_proxy_headers": True,
        }
    try:
        server: Any = create_server(
            app,
            host=options.host,
            port=options.port,
            threads=options.threads,
            # Bodies far over the app's own limit are refused from their headers alone; the
            # app answers the others (with its clear 413) once waitress has buffered them.
            max_request_body_size=2 * app.config["MAX_CONTENT_LENGTH"],
            ident="renaksi-docs",
            **proxy,
        )
    except OSError as exc:
        state.close()
        raise ServerProblem(
            f"tidak dapat membuka {options.host}:{options.port}: {describe_os_error(exc)}; "
            "pilih port lain dengan --port, atau periksa alamat --host"
        ) from None
    except BaseException:
        state.close()
        raise
    previous = _on_stop(state.pdf.cancel)
    stopped = threading.Event()
    sweeper = threading.Thread(
        target=_sweep_until, args=(state.workspaces.sweep, stopped), daemon=True
    )
    sweeper.start()
    try:
        host = f"[{options.host}]" if ":" in options.host else options.host
        ready(f"http://{host}:{server.effective_port}/")
        server.run()  # returns on KeyboardInterrupt (raised by the handler below)
    finally:
        stopped.set()
        _restore(previous)
        state.close()
        server.close()


SWEEP_EVERY = 30.0
"""Seconds between two sweeps of the work folders while the server is idle."""


def _sweep_until(sweep: Callable[[], object], stopped: threading.Event) -> None:
    """Delete stale work folders every SWEEP_EVERY seconds until `stopped` (requests sweep
    too; this covers an idle server)."""
    while not stopped.wait(SWEEP_EVERY):
        sweep()


def _on_stop(cancel: Callable[[], None]) -> dict[int, Any]:
    """SIGINT/SIGTERM: kill LibreOffice first, so that waitress's threads end at once."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def stop(signum: int, frame: FrameType | None) -> None:
        cancel()
        raise KeyboardInterrupt

    previous = {}
    for name in ("SIGINT", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, stop)
    return previous


def _restore(previous: dict[int, Any]) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)
