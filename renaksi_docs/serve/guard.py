"""What the app checks before it reads a request (docs/serve.md, *Safety*).

- `Hosts`: the `Host` names this server answers to (against DNS rebinding);
- `cross_site`: a POST sent by a page of another site (against cross-site requests that carry
  the clerk's cached password);
- `PasswordThrottle`: wrong passwords from one client slowed to a few per second;
- `ClientAddress`: the client's address, from a trusted reverse proxy only when its
  `X-Forwarded-For` is an IP address;
- `shown`: text from a workbook without the bidirectional controls that would display it
  reversed.

None of them reads the request body: a refusal leaves the upload unread.
"""

from __future__ import annotations

import hmac
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
"""Names every server answers to: the clerk's own browser on the server's machine."""

WILDCARDS = ("0.0.0.0", "::", "")
"""Listening addresses that mean every address of the machine."""


def host_name(value: str) -> str | None:
    """The name part of a `Host` header or URL authority, lowercased, without port or
    brackets (`[::1]:8000` → `::1`, `Kanwil.Example.:443` → `kanwil.example`); None when it is
    not a host name or an IP address."""
    value = value.strip().lower()
    if value.startswith("["):
        inside, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not (rest.startswith(":") and rest[1:].isdigit())):
            return None
        try:
            return str(ipaddress.IPv6Address(inside))
        except ValueError:
            return None
    name, colon, port = value.partition(":")
    if colon and not port.isdigit():
        return None
    name = name.rstrip(".")
    try:
        return str(ipaddress.ip_address(name))
    except ValueError:
        pass
    labels = name.split(".")
    if not name or len(name) > 253 or not all(_is_label(label) for label in labels):
        return None
    return name


def _is_label(label: str) -> bool:
    return 0 < len(label) <= 63 and all(c.isalnum() or c in "-_" for c in label) and label.isascii()


def is_local_address(address: str) -> bool:
    """True when `address` is an IP address of this machine: loopback, or one a socket can
    bind to (the operating system's own answer, current after an address change)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.is_loopback:
        return True
    if ip.is_unspecified or ip.is_multicast:
        return False
    if ip.version == 4:
        return _binds(socket.AF_INET, (str(ip), 0))
    if not ip.is_link_local:
        return _binds(socket.AF_INET6, (str(ip), 0, 0, 0))
    try:  # a link-local address is this machine's on one of its interfaces
        interfaces = [index for index, _ in socket.if_nameindex()]
    except OSError:
        return False
    return any(_binds(socket.AF_INET6, (str(ip), 0, 0, index)) for index in interfaces)


def _binds(family: socket.AddressFamily, address: tuple[Any, ...]) -> bool:
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind(address)
    except OSError:
        return False
    return True


class Hosts:
    """The `Host` names a server answers to: its listening address, `localhost` and the
    loopback addresses, the machine's name, the names given with `--nama-host`; with a
    wildcard listening address (`0.0.0.0`, `::`) also every address of the machine."""

    CACHE = 256
    """IP addresses remembered as this machine's or not (each is looked up once)."""

    def __init__(self, listening: str, names: Iterable[str] = ()) -> None:
        own = host_name(listening) if listening not in WILDCARDS else None
        self.every_address = listening in WILDCARDS
        self.names = {
            *LOOPBACK_NAMES,
            *((own,) if own else ()),
            *filter(None, (host_name(n) for n in (socket.gethostname(), *names))),
        }
        self._addresses: dict[str, bool] = {}
        self._lock = threading.Lock()

    def allows(self, header: str | None) -> bool:
        """True when a request with this `Host` header is meant for this server."""
        name = host_name(header or "")
        if name is None:
            return False
        if name in self.names:
            return True
        if not self.every_address:
            return False
        with self._lock:
            known = self._addresses.get(name)
        if known is None:
            known = is_local_address(name)
            with self._lock:
                if len(self._addresses) >= self.CACHE:
                    self._addresses.clear()
                self._addresses[name] = known
        return known


def _origin_port(scheme: str, port: int | None) -> int:
    return port if port is not None else (443 if scheme == "https" else 80)


def cross_site(headers: Any, scheme: str, host: str) -> str | None:
    """Why a request with these headers comes from a page of another site, or None: the
    browser's `Sec-Fetch-Site` says so, or its `Origin` is not this server's own (scheme,
    name and port of the request's `Host`). Requests without either (curl, scripts) pass.
    `headers`: any mapping with `get` (werkzeug's Headers)."""
    site = headers.get("Sec-Fetch-Site", "").strip().lower()
    if site in ("cross-site", "same-site"):
        return f"Sec-Fetch-Site {site}"
    origin = headers.get("Origin")
    if origin is None:
        return None
    try:
        parts = urlsplit(origin.strip())
        origin_port = _origin_port(parts.scheme, parts.port)
    except ValueError:
        return "Origin tidak sah"
    name = host_name(parts.hostname or "") if parts.scheme in ("http", "https") else None
    own = host_name(host)
    try:
        own_port = _origin_port(scheme, urlsplit(f"//{host.strip()}").port)
    except ValueError:
        return "Host tidak sah"
    if name is None or (name, parts.scheme, origin_port) != (own, scheme, own_port):
        return "Origin lain"
    return None


# --- wrong passwords -------------------------------------------------------------------------


@dataclass
class _Failures:
    first: float
    """When the first failure of this run of failures was checked."""
    next: float
    """When the next attempt of this client may be checked."""
    count: int


@dataclass(frozen=True)
class Attempt:
    """How one request's password was judged."""

    ok: bool
    busy: bool = False
    """Not judged: the client already has attempts waiting for more than `max_wait`."""
    waited: float = 0.0
    """Seconds the attempt waited for its turn."""
    failures: int = 0
    """Wrong passwords in a row from this client (this one included)."""
    since_first: float = 0.0
    """Seconds between the first of these failures and this one being checked."""


MAX_CLIENTS = 4096
"""Most client addresses whose wrong passwords the throttle remembers at once."""


class PasswordThrottle:
    """Wrong passwords from one client are checked at most `per_second` times a second: after
    a failure, that client's next attempts wait for their turn (never refused for good: a
    right password still passes, and an address is forgotten `forget` seconds after its
    last failure). An attempt that would wait more than `max_wait` is not checked at all."""

    def __init__(
        self,
        per_second: float = 2.0,
        max_wait: float = 2.0,
        forget: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] = time.sleep,
    ) -> None:
        self.interval = 1.0 / per_second
        self.max_wait = max_wait
        self.forget = forget
        self._clock = clock
        self._sleep = sleep
        self._failures: dict[str, _Failures] = {}
        self._lock = threading.Lock()

    def check(self, client: str, given: str, expected: str) -> Attempt:
        """Judge `given` against `expected` for `client`, waiting for the client's turn."""
        with self._lock:
            now = self._clock()
            record = self._failures.get(client)
            if record is not None and record.next + self.forget < now:
                del self._failures[client]
                record = None
            if record is None:
                if _same(given, expected):
                    return Attempt(True)
                self._prune(now)
                self._failures[client] = _Failures(now, now + self.interval, 1)
                return Attempt(False, failures=1)
            turn = max(now, record.next)
            if turn - now > self.max_wait:
                return Attempt(False, busy=True, waited=0.0, failures=record.count)
            record.next = turn + self.interval
        if turn > now:
            self._sleep(turn - now)
        ok = _same(given, expected)
        with self._lock:
            if ok:
                self._failures.pop(client, None)
                return Attempt(True, waited=turn - now)
            record = self._failures.setdefault(client, _Failures(turn, turn + self.interval, 0))
            record.count += 1
            record.next = max(record.next, turn + self.interval)
            return Attempt(False, False, turn - now, record.count, turn - record.first)

    @property
    def remembered(self) -> int:
        """How many client addresses the throttle holds wrong passwords of."""
        with self._lock:
            return len(self._failures)

    def _prune(self, now: float) -> None:
        """Forget stale clients once MAX_CLIENTS are remembered; if all are fresh (addresses
        rotated on purpose), forget the oldest half: memory stays bounded."""
        if len(self._failures) >= MAX_CLIENTS:
            for client, record in list(self._failures.items()):
                if record.next + self.forget < now:
                    del self._failures[client]
        if len(self._failures) >= MAX_CLIENTS:
            oldest = sorted(self._failures, key=lambda client: self._failures[client].first)
            for client in oldest[: MAX_CLIENTS // 2]:
                del self._failures[client]


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


# --- the client's address --------------------------------------------------------------------


def ip_text(value: str) -> str | None:
    """`value` as a normalised IP address (an IPv4 address mapped into IPv6 as IPv4), or None
    when it is not one."""
    try:
        ip = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None
    mapped = getattr(ip, "ipv4_mapped", None)
    return str(mapped or ip)


class ClientAddress:
    """WSGI middleware: REMOTE_ADDR normalised; from the trusted proxy only, the client of the
    last `X-Forwarded-For` value when it is an IP address, and the proxy's
    `X-Forwarded-Proto` (http/https) and `X-Forwarded-Host` (when a host name)."""

    def __init__(self, app: Callable[..., Any], trusted_proxy: str | None = None) -> None:
        self.app = app
        self.trusted_proxy = ip_text(trusted_proxy) if trusted_proxy else None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        peer = ip_text(environ.get("REMOTE_ADDR", "")) or "-"
        environ["REMOTE_ADDR"] = peer
        if self.trusted_proxy is not None and peer == self.trusted_proxy:
            forwarded = environ.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1]
            environ["REMOTE_ADDR"] = ip_text(forwarded) or peer
            proto = environ.get("HTTP_X_FORWARDED_PROTO", "").strip().lower()
            if proto in ("http", "https"):
                environ["wsgi.url_scheme"] = proto
            host = environ.get("HTTP_X_FORWARDED_HOST", "").rsplit(",", 1)[-1].strip()
            if host and host_name(host) is not None:
                environ["HTTP_HOST"] = host
        return self.app(environ, start_response)


# --- what the page displays -------------------------------------------------------------------

BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)]  # embeddings, overrides, pop
    + [chr(c) for c in range(0x2066, 0x206A)]  # isolates
    + ["\u200e", "\u200f", "\u061c"]  # left-to-right, right-to-left, Arabic letter marks
)
"""Characters that reorder the text around them: a unit name with U+202E shows reversed."""


def shown(value: Any) -> Any:
    """`value` (text, or lists and dicts of it, as in a JSON answer) with every bidirectional
    control character removed."""
    if isinstance(value, str):
        return "".join(c for c in value if c not in BIDI_CONTROLS)
    if isinstance(value, dict):
        return {key: shown(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [shown(item) for item in value]
    return value


def printable(text: str, limit: int = 200) -> str:
    """`text` for one log line: control and format characters escaped, at most `limit`
    characters."""
    out = "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode() for c in text[:limit]
    )
    return out + ("…" if len(text) > limit else "")
