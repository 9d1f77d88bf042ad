"""Run the app under cheroot: a pure-Python WSGI server that streams request bodies to the app
(Windows, macOS, Linux; the choice and its numbers are in docs/serve.md, *Server*).

On a host other than loopback (an office server) every request needs the password: the
environment's RENAKSI_SANDI (12 characters at least), or one generated here. The password
and the `Host`/`Origin` checks run on the request's headers, before a byte of its body is
read; a refused request's connection is closed instead of its body being drained. Slow
clients cannot hold the request threads: a request's line and headers must arrive within
HEADER_DEADLINE seconds, and one client address may have at most HEADS_PER_CLIENT of them in
progress. Ctrl-C (or SIGTERM) first cancels the running LibreOffice conversions, then stops
the server, then deletes every work folder.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from types import FrameType
from typing import Any

from cheroot import server as cheroot_server
from cheroot import wsgi

from ..errors import RenaksiError, describe_os_error
from .guard import host_name, ip_text, printable

PASSWORD_VARIABLE = "RENAKSI_SANDI"
MIN_PASSWORD = 12
"""Characters (spaces around not counted) an office server's password needs at least."""

# The numbers of docs/serve.md, *Server*.
THREADS = 32
"""Request threads: each request (upload, build, waiting for its PDF) holds one."""
PDF_RESERVE = 8
"""Request threads never taken by requests waiting for a PDF (pages, validation, .docx)."""
TIMEOUT = 10
"""Seconds a socket read or write may block; also how long an idle kept-alive connection
stays open."""
HEADER_DEADLINE = 5.0
"""Seconds for a request's line and headers, all of them (a browser needs milliseconds)."""
HEADS_PER_CLIENT = 4
"""Requests whose line and headers one client address may be sending at once (not counting
the trusted proxy, which sends whole heads at once)."""
MAX_HEADER_BYTES = 64 * 1024
"""Bytes of a request's line and headers (cheroot's default is no limit)."""
KEEP_ALIVE = 64
"""Idle kept-alive connections; past that, answers close their connection."""
BACKLOG = 64
"""Connections the operating system queues before the server accepts them."""
SHUTDOWN = 2
"""Seconds the request threads get to finish at Ctrl-C (LibreOffice is killed first)."""
WAKE_EVERY = 0.02
"""Seconds between two wake-up connections while cheroot's loop has not yet seen a stop."""
LINGER_BYTES = 256 * 1024
LINGER_SECONDS = 1.0
"""After refusing a request whose body it did not read, the server reads (and drops) at most
this much of it before closing, so that the client sees the answer instead of a reset."""

_LOG = logging.getLogger("renaksi_docs.serve")


class ServerProblem(RenaksiError):
    """The server cannot start (port taken, address unknown, password too short)."""


@dataclass(frozen=True)
class ServeOptions:
    """How to run the server."""

    host: str = "127.0.0.1"
    port: int = 8000
    """0: any free port (the ready callback is told which)."""
    password: str | None = None
    """Asked on every request; None for a loopback-only server."""
    threads: int = THREADS
    """Request threads (PDF_RESERVE of them never wait for a PDF)."""
    trusted_proxy: str | None = None
    """IP address of a reverse proxy whose X-Forwarded-* headers are believed."""
    host_names: tuple[str, ...] = ()
    """Further names the server answers to (`--nama-host`), e.g. the reverse proxy's."""
    header_deadline: float = HEADER_DEADLINE
    """Seconds a client may take to send its request line and headers."""


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
    behind a reverse proxy (`proxied`) serves the network even on loopback: it asks one too.
    ServerProblem when RENAKSI_SANDI is set but shorter than MIN_PASSWORD characters."""
    if is_loopback(host) and not proxied:
        return None, False
    configured = environ.get(PASSWORD_VARIABLE, "")
    if configured:
        if len(configured.strip()) < MIN_PASSWORD:
            raise ServerProblem(
                f"sandi di {PASSWORD_VARIABLE} terlalu pendek ({len(configured.strip())} "
                f"karakter); server kantor perlu sandi paling sedikit {MIN_PASSWORD} karakter. "
                f"Pilih sandi yang lebih panjang, atau kosongkan {PASSWORD_VARIABLE} agar "
                "server membuatkan sandi acak"
            )
        return configured, False
    return secrets.token_urlsafe(12), True


def access_logging(stream: Any = None) -> None:
    """The access log (one line per request, with its time) on stderr."""
    from .app import ACCESS_LOG

    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    for name in (ACCESS_LOG, "renaksi_docs.serve"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


# --- slow clients -----------------------------------------------------------------------------


class HeadWatch:
    """Request heads (line and headers) being read: each must be complete within `deadline`
    seconds, else its socket is shut down (the thread reading it is freed); one client
    address may have at most `per_client` in progress (`exempt`, the trusted proxy, has no
    such limit)."""

    def __init__(self, deadline: float, per_client: int, exempt: str | None = None) -> None:
        self.deadline = deadline
        self.per_client = per_client
        self.exempt = exempt
        self._lock = threading.Lock()
        self._heads: dict[int, tuple[float, socket.socket, str]] = {}
        self._clients: dict[str, int] = {}
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="renaksi-kepala", daemon=True)
        self._thread.start()

    def start(self, sock: socket.socket, client: str) -> int | None:
        """Watch the head `client` starts sending on `sock`; None (not watched) when that
        client already has `per_client` heads in progress."""
        with self._lock:
            count = self._clients.get(client, 0)
            if count >= self.per_client and client != self.exempt:
                return None
            self._clients[client] = count + 1
            key = id(sock)
            self._heads[key] = (time.monotonic() + self.deadline, sock, client)
            return key

    def done(self, key: int) -> None:
        """The head of `key` was read (or failed)."""
        with self._lock:
            found = self._heads.pop(key, None)
            if found is not None:
                self._forget(found[2])

    def _forget(self, client: str) -> None:
        left = self._clients.get(client, 1) - 1
        if left > 0:
            self._clients[client] = left
        else:
            self._clients.pop(client, None)

    def close(self) -> None:
        """Stop watching (server shutdown)."""
        self._stopped.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stopped.wait(0.25):
            now = time.monotonic()
            with self._lock:
                late = [key for key, (due, _, _) in self._heads.items() if due < now]
                found = [self._heads.pop(key) for key in late]
                for _, _, client in found:
                    self._forget(client)
            for _, sock, client in found:
                _LOG.info(
                    "kepala permintaan dari %s tidak lengkap dalam %g detik: sambungan ditutup",
                    printable(client),
                    self.deadline,
                )
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)  # the blocked read returns: thread freed


TOO_MANY_HEADS = "Terlalu banyak sambungan yang belum selesai dari alamat ini; coba lagi nanti."


def _connection_class(watch: HeadWatch) -> type[cheroot_server.HTTPConnection]:
    """cheroot's connection whose requests are watched by `watch`, and that stop reading a
    refused request's body (see _linger)."""

    class Request(cheroot_server.HTTPRequest):
        def parse_request(self) -> None:
            client = ip_text(self.conn.remote_addr or "") or "-"
            key = watch.start(self.conn.socket, client)
            if key is None:
                _LOG.info("sambungan dari %s ditolak: %s", printable(client), TOO_MANY_HEADS)
                self.simple_response("503 Service Unavailable", TOO_MANY_HEADS)
                return  # not ready: cheroot closes the connection
            try:
                super().parse_request()
            finally:
                watch.done(key)

        def respond(self) -> None:
            super().respond()
            if self.close_connection:
                _linger(self)

    class Connection(cheroot_server.HTTPConnection):
        RequestHandlerClass = Request

    return Connection


def _linger(request: cheroot_server.HTTPRequest) -> None:
    """The answer is sent and the connection will close: if the client is still sending a
    body nobody read, say we are done (FIN) and drop at most LINGER_BYTES of it for at most
    LINGER_SECONDS, so that it reads our answer rather than a connection reset."""
    body = getattr(request, "rfile", None)
    unread = (
        not getattr(body, "closed", True)
        if request.chunked_read
        else getattr(body, "remaining", 0) > 0
    )
    if not unread:
        return
    sock = request.conn.socket
    with suppress(OSError):
        request.conn.wfile.flush()
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(LINGER_SECONDS)
        deadline = time.monotonic() + LINGER_SECONDS
        dropped = 0
        while dropped < LINGER_BYTES and time.monotonic() < deadline:
            chunk = sock.recv(64 * 1024)
            if not chunk:
                break
            dropped += len(chunk)


class _Gateway(wsgi.Gateway_10):
    """WSGI gateway that closes the connection after an error answer: cheroot would otherwise
    read (into memory) a body the app refused unread, to keep the connection."""

    def start_response(self, status: str, headers: Any, exc_info: Any = None) -> Any:
        write = super().start_response(status, headers, exc_info)
        if int(status[:3]) >= 400:
            self.req.close_connection = True
        return write


class _Server(wsgi.Server):
    """cheroot's WSGI server, logging through our logger on one line (no traceback for a
    client's broken connection)."""

    def error_log(self, msg: str = "", level: int = 20, traceback: bool = False) -> None:
        level = level if level >= logging.WARNING else logging.DEBUG
        _LOG.log(level, "server: %s", printable(str(msg), 500), exc_info=traceback)


# --- the server -------------------------------------------------------------------------------


class WebServer:
    """One run of the server: the app, cheroot listening on its port, the head watch.
    `serve()` blocks until `stop()` (from any thread); `close()` releases everything."""

    def __init__(self, options: ServeOptions, config: Mapping[str, Any] | None = None) -> None:
        from .app import MB, create_app, service

        for name in options.host_names:
            if host_name(name) is None:
                raise ServerProblem(f'--nama-host "{printable(name)}" bukan nama host')
        self.app = create_app(
            {
                **(config or {}),
                "PASSWORD": options.password,
                "HOST": options.host,
                "HOST_NAMES": options.host_names,
                "TRUSTED_PROXY": options.trusted_proxy,
                "PDF_WAITERS": max(1, options.threads - PDF_RESERVE),
            }
        )
        self.state = service(self.app)
        proxy = ip_text(options.trusted_proxy) if options.trusted_proxy else None
        self.watch = HeadWatch(options.header_deadline, HEADS_PER_CLIENT, proxy)
        server = _Server(
            (options.host, options.port),
            self.app,
            numthreads=options.threads,
            server_name="renaksi-docs",
            request_queue_size=BACKLOG,
            timeout=TIMEOUT,
            shutdown_timeout=SHUTDOWN,
        )
        server.gateway = _Gateway
        server.ConnectionClass = _connection_class(self.watch)
        server.max_request_header_size = MAX_HEADER_BYTES
        # A little above the app's own limit: the app answers its clear 413 from the headers.
        server.max_request_body_size = self.app.config["MAX_CONTENT_LENGTH"] + MB
        server.keep_alive_conn_limit = KEEP_ALIVE
        self._server = server
        self._stopping: threading.Thread | None = None
        self._served = threading.Event()
        self._lock = threading.Lock()
        try:
            server.prepare()
        except OSError as exc:
            self.watch.close()
            self.state.close()
            raise ServerProblem(
                f"tidak dapat membuka {options.host}:{options.port}: {describe_os_error(exc)}; "
                "pilih port lain dengan --port, atau periksa alamat --host"
            ) from None
        except BaseException:
            self.watch.close()
            self.state.close()
            raise
        self.port: int = server.bind_addr[1]
        bound = str(server.bind_addr[0])  # numeric, as the socket reports it: no lookup
        self._wake_host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(bound, bound)
        host = f"[{options.host}]" if ":" in options.host else options.host
        self.url = f"http://{host}:{self.port}/"

    def serve(self) -> None:
        """Answer requests until stop()."""
        try:
            self._server.serve()
        finally:
            self._served.set()

    def stop(self) -> None:
        """Stop listening and answering (returns at once; any thread, even a signal handler)."""
        with self._lock:
            if self._stopping is None:
                self._stopping = threading.Thread(target=self._stop, daemon=True)
                self._stopping.start()

    def _stop(self) -> None:
        """cheroot's stop, with its connection loop woken: that loop sees the stop only when
        its select() returns, which an idle server's does every half second (Ctrl-C and
        every test's server would wait for it). A connection to our own port wakes it."""
        stopping = threading.Thread(target=self._server.stop, daemon=True)
        stopping.start()
        while stopping.is_alive() and not self._served.wait(WAKE_EVERY):
            self._wake()
        stopping.join()

    def _wake(self) -> None:
        """Connect to our own port and close at once (the listening socket turns readable)."""
        host = self._wake_host
        with suppress(OSError), socket.create_connection((host, self.port), timeout=1.0):
            pass

    def close(self) -> None:
        """Stop, then cancel the conversions and delete every work folder."""
        self.stop()
        assert self._stopping is not None
        self._stopping.join(SHUTDOWN + 30)
        self.watch.close()
        self.state.close()


@contextmanager
def running(options: ServeOptions, config: Mapping[str, Any] | None = None) -> Iterator[WebServer]:
    """A WebServer answering in a background thread (tests, benchmarks); closed at the end."""
    server = WebServer(options, config)
    thread = threading.Thread(target=server.serve, name="renaksi-serve", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.close()
        thread.join(SHUTDOWN + 30)


def serve(
    options: ServeOptions,
    ready: Callable[[str], None],
    config: Mapping[str, Any] | None = None,
) -> None:
    """Serve until Ctrl-C or SIGTERM; `ready(url)` once the port is open."""
    server = WebServer(options, config)

    def stop() -> None:
        server.state.pdf.cancel()  # LibreOffice first: the threads waiting on it end at once
        server.stop()

    previous = _on_stop(stop)
    stopped = threading.Event()
    sweeper = threading.Thread(
        target=_sweep_until, args=(server.state.workspaces.sweep, stopped), daemon=True
    )
    sweeper.start()
    try:
        ready(server.url)
        server.serve()
    finally:
        stopped.set()
        _restore(previous)
        server.close()


SWEEP_EVERY = 30.0
"""Seconds between two sweeps of the work folders while the server is idle."""


def _sweep_until(sweep: Callable[[], object], stopped: threading.Event) -> None:
    """Delete stale work folders every SWEEP_EVERY seconds until `stopped` (requests sweep
    too; this covers an idle server)."""
    while not stopped.wait(SWEEP_EVERY):
        sweep()


def _on_stop(stop: Callable[[], None]) -> dict[int, Any]:
    """SIGINT/SIGTERM (and on Windows SIGBREAK, which closing the console window sends) call
    `stop` (only the main thread can set signal handlers)."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def handler(signum: int, frame: FrameType | None) -> None:
        stop()

    previous = {}
    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, handler)
    return previous


def _restore(previous: dict[int, Any]) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)
