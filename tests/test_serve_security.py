"""The server facing an office network (docs/serve.md, *Safety* and *Server*): each attack
reproduced against the real server (cheroot on a loopback port, in a thread or a process).

Every loop here is bounded in count and time, and every socket goes to a loopback address.
"""

from __future__ import annotations

import base64
import json
import logging
import re
import select
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psutil
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from renaksi_docs.cli import main
from renaksi_docs.libreoffice import Converted
from renaksi_docs.serve.guard import PasswordThrottle, shown
from renaksi_docs.serve.server import (
    HEADS_PER_CLIENT,
    ServeOptions,
    WebServer,
    running,
)

from . import hostile
from .conftest import MAGELANG_XLSX, HandClock
from .serve_live import Answer, live_server, request

SAMPLE = MAGELANG_XLSX.read_bytes()
PASSWORD = "sandi-kanwil-panjang"
MB = 1024 * 1024


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., WebServer]]:
    """Factory: a real server in a thread on a free loopback port, closed after the test."""
    stack: list[Any] = []

    def factory(config: dict[str, Any] | None = None, **options: Any) -> WebServer:
        manager = running(
            ServeOptions(**{"port": 0, **options}),
            {"WORK_ROOT": tmp_path / f"kerja-{len(stack)}", **(config or {})},
        )
        stack.append(manager)
        return manager.__enter__()

    yield factory
    for manager in reversed(stack):
        manager.__exit__(None, None, None)


def basic(password: str) -> str:
    """An Authorization header value for `password`."""
    return "Basic " + base64.b64encode(f"petugas:{password}".encode()).decode()


def read_answer(sock: socket.socket, limit: float = 30.0) -> tuple[int, bytes]:
    """The status and the whole answer read from `sock` until the server closes it."""
    sock.settimeout(limit)
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return int(data.split(b" ", 2)[1]), data


def raw(port: int, head: str, body: bytes = b"", source: str = "127.0.0.1") -> tuple[int, bytes]:
    """Send a request head (lines without the blank line) and body; the status and answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30, source_address=(source, 0)) as s:
        s.sendall(head.replace("\n", "\r\n").encode() + b"\r\nConnection: close\r\n\r\n" + body)
        return read_answer(s)


def validate(url: str, headers: dict[str, str], password: str | None = None) -> Answer:
    """POST the sample to /api/validate with these headers."""
    return request(url + "api/validate", [("a.xlsx", SAMPLE)], headers=headers, password=password)


# --- Host: DNS rebinding -----------------------------------------------------------------------


def test_a_page_of_another_name_gets_421_and_nothing_else(start: Callable[..., WebServer]) -> None:
    """DNS rebinding: `Host: evil.example:PORT` (a page of evil.example whose name now points
    here) → 421 for the page and for a build, no work folder made; the server's own names
    with and without port pass."""
    server = start()
    root = server.state.workspaces.root
    for path, files in (("", None), ("api/build", [("a.xlsx", SAMPLE)])):
        answer = request(server.url + path, files, headers={"Host": f"evil.example:{server.port}"})
        assert answer.status == 421
        assert b"PK" not in answer.body and b"<html" not in answer.body
    assert not root.exists() or not any(root.iterdir())
    for host in ("127.0.0.1", "localhost", "LOCALHOST.", "[::1]"):
        assert request(server.url, headers={"Host": f"{host}:{server.port}"}).status == 200, host
    assert request(server.url, headers={"Host": "127.0.0.1"}).status == 200
    for bad in ("", "evil.example", "127.0.0.1.evil.example", "[::1", "a b", "localhost:x"):
        status, _ = raw(server.port, f"GET / HTTP/1.1\nHost: {bad}")
        assert status in (400, 421), bad


def test_a_wildcard_server_answers_to_every_address_of_the_machine(
    start: Callable[..., WebServer],
) -> None:
    """--host 0.0.0.0: a Host naming any address of this machine (loopback included) is
    answered; evil.example is not. Only loopback is connected to."""
    addresses = [
        a.address.split("%")[0]
        for entries in psutil.net_if_addrs().values()
        for a in entries
        if a.family in (socket.AF_INET, socket.AF_INET6)
    ]
    server = start(host="0.0.0.0", password=PASSWORD)
    auth = {"Authorization": basic(PASSWORD)}
    for address in addresses:
        host = f"[{address}]" if ":" in address else address
        answer = request(server.url.replace("0.0.0.0", "127.0.0.1"), headers={**auth, "Host": host})
        assert answer.status == 200, address
    for host in ("evil.example", "192.0.2.77", "[2001:db8::77]"):
        answer = request(server.url.replace("0.0.0.0", "127.0.0.1"), headers={**auth, "Host": host})
        assert answer.status == 421, host


def test_nama_host_names_are_answered_and_bad_ones_refused_at_start(
    start: Callable[..., WebServer], tmp_path: Path
) -> None:
    """--nama-host renaksi.kanwil.example: that name is answered, another is not; a value
    that is no host name (or a --trusted-proxy that is no IP address) stops `serve` with a
    message naming the option."""
    server = start(host_names=("Renaksi.Kanwil.Example",))
    assert request(server.url, headers={"Host": "renaksi.kanwil.example"}).status == 200
    assert request(server.url, headers={"Host": "lain.kanwil.example"}).status == 421
    result = CliRunner().invoke(
        main, ["serve", "--no-open", "--port", "0", "--nama-host", "bukan nama/host"]
    )
    assert result.exit_code == 2 and "--nama-host" in result.output
    assert "Traceback" not in result.output
    result = CliRunner().invoke(main, ["serve", "--no-open", "--trusted-proxy", "proxy.lokal"])
    assert result.exit_code == 2 and "bukan alamat IP" in result.output


# --- Origin: cross-site requests --------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1:1"},  # another port: another origin
        {"Origin": "https://127.0.0.1:{port}"},  # another scheme
    ],
)
def test_a_post_from_another_site_is_403_even_with_the_password(
    start: Callable[..., WebServer], headers: dict[str, str]
) -> None:
    """A POST whose Origin or Sec-Fetch-Site says another site → 403 before anything is read,
    on a loopback server and on an office server whose clerk's browser sends the cached
    password along (the cross-site form post)."""
    for server, password in ((start(), None), (start(host="0.0.0.0", password=PASSWORD), PASSWORD)):
        sent = {k: v.format(port=server.port) for k, v in headers.items()}
        url = server.url.replace("0.0.0.0", "127.0.0.1")
        answer = validate(url, {**sent, "Host": f"127.0.0.1:{server.port}"}, password)
        assert answer.status == 403
        assert "situs lain" in answer.body.decode()


def test_the_pages_own_posts_pass(start: Callable[..., WebServer]) -> None:
    """The page's own requests (Origin of the server itself, Sec-Fetch-Site same-origin) and
    requests without either (curl) are answered."""
    server = start()
    own = {"Origin": f"http://127.0.0.1:{server.port}", "Sec-Fetch-Site": "same-origin"}
    assert validate(server.url, own).status == 200
    assert validate(server.url, {"Host": f"localhost:{server.port}", **own}).status == 403
    local = {"Origin": f"http://localhost:{server.port}", "Host": f"localhost:{server.port}"}
    assert validate(server.url, local).status == 200
    assert validate(server.url, {}).status == 200


@pytest.mark.parametrize(
    ("proxy", "headers"),
    [
        (  # nginx as docs/serve.md sets it up
            "nginx",
            {
                "Host": "renaksi.kanwil.example",
                "X-Forwarded-For": "192.0.2.10",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-Host": "renaksi.kanwil.example",
            },
        ),
        (  # Caddy's reverse_proxy: Host kept, X-Forwarded-* added
            "caddy",
            {
                "Host": "renaksi.kanwil.example",
                "X-Forwarded-For": "198.51.100.7, 192.0.2.10",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-Host": "renaksi.kanwil.example",
            },
        ),
    ],
)
def test_the_documented_reverse_proxies_still_work(
    start: Callable[..., WebServer], caplog: Any, proxy: str, headers: dict[str, str]
) -> None:
    """Behind the documented nginx and Caddy (--trusted-proxy 127.0.0.1 --nama-host NAME):
    the page's POST from https://NAME passes, and the log names the clerk's address."""
    caplog.set_level(logging.INFO)
    server = start(
        password=PASSWORD, trusted_proxy="127.0.0.1", host_names=("renaksi.kanwil.example",)
    )
    browser = {"Origin": "https://renaksi.kanwil.example", "Sec-Fetch-Site": "same-origin"}
    answer = validate(server.url, {**headers, **browser}, PASSWORD)
    assert answer.status == 200, proxy
    assert any(r.getMessage().startswith("192.0.2.10 POST") for r in caplog.records)
    evil = {**headers, **browser, "Origin": "https://evil.example"}
    assert validate(server.url, evil, PASSWORD).status == 403


@pytest.mark.parametrize(
    "forwarded", ["<script>alert(1)</script>", "1.2.3.4\r\n2026-01-01 10.0.0.1 GET", "unknown"]
)
def test_x_forwarded_for_is_believed_only_as_an_ip_address(
    start: Callable[..., WebServer], caplog: Any, forwarded: str
) -> None:
    """With --trusted-proxy, an X-Forwarded-For that is no IP address (a script, a forged
    log line) is never logged: the proxy's own address is."""
    caplog.set_level(logging.INFO)
    server = start(password=PASSWORD, trusted_proxy="127.0.0.1")
    value = forwarded.replace("\r\n", " ")  # http.client refuses a header with a line break
    status, _ = raw(
        server.port,
        f"GET / HTTP/1.1\nHost: 127.0.0.1\nX-Forwarded-For: {value}\n"
        f"Authorization: {basic('salah-salah-salah')}",
    )
    assert status == 401
    lines = [r.getMessage() for r in caplog.records]
    assert any(line.startswith("127.0.0.1 GET") for line in lines)
    assert not any("<script>" in line or "10.0.0.1" in line for line in lines)
    assert not any("\n" in line for line in lines)


# --- the password before the body -------------------------------------------------------------


def test_a_large_upload_without_password_is_refused_before_its_body(
    start: Callable[..., WebServer],
) -> None:
    """cheroot regression (server.py relies on its request, connection and gateway classes):
    headers announcing 400 MB without password → 401 before a byte of the body is sent, and
    the server closes the connection instead of reading the body; past the server's own cap
    (1 GB) → 413 the same way."""
    server = start(host="127.0.0.1", password=PASSWORD)
    for length, expected in ((400 * MB, 401), (1_000_000_000, 413)):
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
            sock.sendall(
                b"POST /api/build HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/"
                b"form-data; boundary=b\r\nContent-Length: %d\r\n\r\n" % length
            )
            status, answer = read_answer(sock)  # ends: the server closed the connection
        assert status == expected
        assert b"Connection: close" in answer
    assert b"Perlu sandi" in raw(server.port, "GET / HTTP/1.1\nHost: 127.0.0.1")[1]


@pytest.mark.parametrize("chunked", [False, True])
def test_300_mb_without_password_is_answered_401_at_once_and_memory_stays_flat(
    tmp_path: Path, chunked: bool
) -> None:
    """A 300 MB upload without the password to a real office server: 401 while the client
    has sent a small part of it; the server's memory does not grow by the body."""
    environ = {"RENAKSI_SANDI": PASSWORD}
    with live_server(tmp_path, host="0.0.0.0", environ=environ) as server:
        process = psutil.Process(server.process.pid)
        assert request(server.url, password=PASSWORD).status == 200
        before = process.memory_info().rss
        sent, status = upload_until_answered(server.port, 300 * MB, chunked)
        grown = process.memory_info().rss - before
    assert status == 401
    assert sent <= 32 * MB, sent
    assert grown <= 50 * MB, grown


def upload_until_answered(port: int, total: int, chunked: bool) -> tuple[int, int | None]:
    """Send a POST head, then up to `total` body bytes in 1 MB pieces, stopping at the first
    byte of an answer; the body bytes sent before it and the answer's status."""
    block = bytes(MB)
    framing = b"Transfer-Encoding: chunked" if chunked else b"Content-Length: %d" % total
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            b"POST /api/build HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data;"
            b" boundary=b\r\n" + framing + b"\r\n\r\n"
        )
        sent = 0
        while sent < total:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            piece = b"%x\r\n%s\r\n" % (len(block), block) if chunked else block
            try:
                sock.sendall(piece)
            except OSError:  # the server closed: its answer is waiting to be read
                break
            sent += len(block)
        try:
            status, _ = read_answer(sock)
        except (OSError, IndexError, ValueError):
            return sent, None
        return sent, status


@pytest.mark.parametrize("value", ["1", " ", "sebelas-kar", "  pendek  "])
def test_short_passwords_are_refused_at_start(value: str) -> None:
    """RENAKSI_SANDI shorter than 12 characters (spaces around not counted): `serve` on an
    office address stops at once with a message, no traceback."""
    result = CliRunner().invoke(
        main, ["serve", "--no-open", "--host", "0.0.0.0"], env={"RENAKSI_SANDI": value}
    )
    assert result.exit_code == 1
    assert "paling sedikit 12 karakter" in result.output and "Traceback" not in result.output


def wrong_password_checks(server: WebServer, caplog: Any, attempts: int) -> list[tuple[int, float]]:
    """`attempts` wrong passwords one after the other, each answered 401, then the right one
    answered 200; (failure count, seconds after the first) of each logged check."""
    for number in range(attempts):
        assert request(server.url, password=f"tebakan-salah-{number}").status == 401
    assert request(server.url, password=PASSWORD).status == 200
    found = [
        re.search(r"salah ke-(\d+) berturut-turut, diperiksa ([\d.]+) detik", r.getMessage())
        for r in caplog.records
        if "sandi salah dari 127.0.0.1" in r.getMessage()
    ]
    return [(int(m[1]), float(m[2])) for m in found if m]


def test_twenty_wrong_passwords_are_slowed_to_two_a_second_and_logged(
    start: Callable[..., WebServer], caplog: Any
) -> None:
    """20 wrong passwords one after the other to a real server whose throttle (the served
    default, two a second) runs on a hand-moved clock: each is answered 401 and logged with
    when the server checked it, half a second after the one before. The right password then
    still passes (no lock-out)."""
    caplog.set_level(logging.INFO)
    clock = HandClock()
    server = start(
        {"THROTTLE": PasswordThrottle(clock=clock, sleep=clock.sleep)}, password=PASSWORD
    )
    checked = wrong_password_checks(server, caplog, 20)
    assert [n for n, _ in checked] == list(range(1, 21))
    assert [seconds for _, seconds in checked] == [n / 2 for n in range(20)]


def test_the_served_throttle_really_waits(start: Callable[..., WebServer], caplog: Any) -> None:
    """The throttle a server makes for itself, on the real clock: two wrong passwords in a
    row are checked at least half a second apart; the right one then passes."""
    caplog.set_level(logging.INFO)
    server = start(password=PASSWORD)
    (first, earlier), (second, later) = wrong_password_checks(server, caplog, 2)
    assert (first, second) == (1, 2)
    assert later - earlier >= 0.5 - 0.002


def test_throttle_never_locks_out_and_bounds_the_wait() -> None:
    """PasswordThrottle on a hand-moved clock: after a failure the next attempt waits its
    turn; attempts that would wait past max_wait are not checked (429); another client and
    the right password are not held back for good."""
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    throttle = PasswordThrottle(2.0, 1.0, clock=lambda: now[0], sleep=sleep)
    assert not throttle.check("a", "salah", "benar-benar-benar").ok
    second = throttle.check("a", "salah", "benar-benar-benar")
    assert not second.ok and second.waited == pytest.approx(0.5) and second.failures == 2
    assert throttle.check("b", "benar-benar-benar", "benar-benar-benar").ok  # another client
    now[0] -= 0.5  # two attempts land at once: the third would wait 1.5 s
    assert throttle.check("a", "x", "benar-benar-benar").waited == pytest.approx(1.0)
    now[0] -= 1.0
    assert throttle.check("a", "x", "benar-benar-benar").busy
    now[0] += 10
    assert throttle.check("a", "benar-benar-benar", "benar-benar-benar").ok
    assert throttle.check("a", "benar-benar-benar", "benar-benar-benar").waited == 0


def test_throttle_memory_is_bounded_under_rotating_addresses() -> None:
    """Wrong passwords from ever new addresses (IPv6 rotated on purpose) never make the
    throttle remember more than MAX_CLIENTS clients."""
    from renaksi_docs.serve.guard import MAX_CLIENTS

    throttle = PasswordThrottle(2.0, 1.0, clock=lambda: 100.0, sleep=lambda seconds: None)
    for number in range(MAX_CLIENTS * 2 + 7):
        throttle.check(f"2001:db8::{number:x}", "salah", "benar-benar-benar")
        assert throttle.remembered <= MAX_CLIENTS


# --- slow clients and PDFs --------------------------------------------------------------------


def test_slow_clients_do_not_lock_out_the_others(
    start: Callable[..., WebServer], caplog: Any
) -> None:
    """40 clients from 127.0.0.2 sending a header line every second (slowloris): all but
    HEADS_PER_CLIENT are turned away at once, the rest are cut at the header deadline; a
    normal GET from 127.0.0.1 is answered while they still hang on. (The deadline is a
    per-run option: shorter than the served HEADER_DEADLINE here, yet long enough for a busy
    test machine to answer the GET first.)"""
    caplog.set_level(logging.INFO)
    deadline = 2.0
    server = start(threads=8, header_deadline=deadline)
    stop = threading.Event()
    cut = threading.Event()
    outcomes: list[bytes] = []
    lock = threading.Lock()

    def slow() -> None:
        with socket.create_connection(
            ("127.0.0.1", server.port), timeout=30, source_address=("127.0.0.2", 0)
        ) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            got = b""
            for line in range(int(deadline) * 4):  # bounded: past the deadline
                readable, _, _ = select.select([sock], [], [], 1.0)
                if readable:
                    try:
                        got = sock.recv(4096) or b"(closed)"
                    except OSError:
                        got = b"(reset)"
                    break
                if stop.is_set():
                    break
                try:
                    sock.sendall(b"X-Slow-%d: a\r\n" % line)
                except OSError:
                    got = b"(reset)"
                    break
            with lock:
                outcomes.append(got)
                if not got.startswith(b"HTTP/1.1 503"):
                    cut.set()

    with ThreadPoolExecutor(40) as pool:
        futures = [pool.submit(slow) for _ in range(40)]
        waited_until = time.monotonic() + 30
        while time.monotonic() < waited_until:
            with lock:
                if len(outcomes) >= 40 - HEADS_PER_CLIENT:
                    break
            time.sleep(0.05)
        answer = request(server.url, timeout=30)
        held_on = not cut.is_set()
        for future in futures:
            future.result(timeout=60)
    assert answer.status == 200
    assert held_on  # answered before the held slow clients were cut off
    refused = [o for o in outcomes if o.startswith(b"HTTP/1.1 503")]
    assert len(refused) == 40 - HEADS_PER_CLIENT
    assert b"Terlalu banyak sambungan" in refused[0]
    assert sum(o in (b"(closed)", b"(reset)") for o in outcomes) == HEADS_PER_CLIENT
    assert any("tidak lengkap dalam" in r.getMessage() for r in caplog.records)


class BlockedConverter:
    """A PDF converter whose conversions wait until `release` is set; counts those waiting."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.waiting = 0
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)

    def convert(self, docx_files: Sequence[Path], force: bool = False) -> list[Converted]:
        with self.changed:
            self.waiting += 1
            self.changed.notify_all()
        self.release.wait(60)
        results = []
        for docx in docx_files:
            docx.with_suffix(".pdf").write_bytes(b"%PDF-1.7 palsu")
            results.append(Converted(docx, docx.with_suffix(".pdf")))
        return results

    def cancel(self) -> None:
        self.release.set()

    def wait_for(self, count: int, seconds: float = 120) -> bool:
        """True once `count` conversions are waiting (False after `seconds`)."""
        with self.changed:
            return self.changed.wait_for(lambda: self.waiting >= count, seconds)


def test_docx_and_the_page_never_wait_behind_pdf_conversions(
    start: Callable[..., WebServer],
) -> None:
    """12 request threads: 4 PDF builds waiting for LibreOffice (as many as may wait) do not
    keep the page or a .docx build waiting; a fifth PDF is told at once to come back later;
    the four get their PDFs once LibreOffice answers."""
    converter = BlockedConverter()
    server = start({"CONVERTER": lambda: converter, "PDF_SLOTS": 8}, threads=12)
    pdf = {"format": "pdf"}
    with ThreadPoolExecutor(4) as pool:
        builds = [
            pool.submit(request, server.url + "api/build", [("a.xlsx", SAMPLE)], pdf)
            for _ in range(4)
        ]
        assert converter.wait_for(4)
        assert request(server.url, timeout=60).status == 200
        docx = request(server.url + "api/build", [("a.xlsx", SAMPLE)], timeout=60)
        assert docx.status == 200 and docx.body.startswith(b"PK")
        busy = request(server.url + "api/build", [("a.xlsx", SAMPLE)], pdf, timeout=60)
        assert busy.status == 503 and "menunggu" in json.loads(busy.body)["pesan"]
        assert not any(b.done() for b in builds)
        converter.release.set()
        assert [b.result(timeout=120).status for b in builds] == [200] * 4


# --- what the page displays, what the answers carry ------------------------------------------


def test_bidi_controls_from_a_workbook_are_not_displayed(start: Callable[..., WebServer]) -> None:
    """A unit name with U+202E (shown reversed) and a Tahun with U+2066: the validate answer
    carries them without any bidirectional control character."""

    def edit(book: Workbook) -> None:
        sheet = book["Identitas"]
        for row in sheet.iter_rows():
            if row[0].value == "Nama UPT":
                row[1].value = "Lapas \u202eIIA Kelas\u202c Contoh"
            if row[0].value == "Tahun":
                row[1].value = "20\u206626"

    server = start()
    body = request(server.url + "api/validate", [("a\u202e.xlsx", hostile.xlsx_bytes(edit))]).body
    text = json.loads(body)
    flat = json.dumps(text, ensure_ascii=False)
    assert not any(c in flat for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "Tahun" in flat
    assert shown({"x": ["a\u200fb", 3]}) == {"x": ["ab", 3]}


def test_downloads_carry_no_etag_of_their_private_path(start: Callable[..., WebServer]) -> None:
    """A built document comes without ETag (werkzeug's is a checksum of the file's path) and
    is not to be cached."""
    server = start()
    answer = request(server.url + "api/build", [("a.xlsx", SAMPLE)])
    assert answer.status == 200
    headers = {k.lower(): v for k, v in answer.headers.items()}
    assert "etag" not in headers and headers["cache-control"] == "no-store"
    assert headers["server"] == "renaksi-docs"
