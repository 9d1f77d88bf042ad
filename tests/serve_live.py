"""A real `renaksi-docs serve` in a subprocess, and a small HTTP client for it (tests, bench)."""

from __future__ import annotations

import base64
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, headers, body."""

    status: int
    headers: Mapping[str, str]
    body: bytes


def multipart(
    files: Sequence[tuple[str, bytes]], fields: Mapping[str, str] | None = None
) -> tuple[bytes, str]:
    """A multipart/form-data body with every file under the field `berkas`."""
    boundary = "renaksi" + secrets.token_hex(12)
    parts = []
    for name, value in (fields or {}).items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, data in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="berkas"; '
            f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode("utf-8") + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def request(
    url: str,
    files: Sequence[tuple[str, bytes]] | None = None,
    fields: Mapping[str, str] | None = None,
    password: str | None = None,
    timeout: float = 300.0,
    headers: Mapping[str, str] | None = None,
) -> Answer:
    """GET `url`, or POST the files and fields to it (with further `headers`, e.g. Host or
    Origin); any status is an Answer."""
    headers = dict(headers or {})
    body = None
    if files is not None:
        body, headers["Content-Type"] = multipart(files, fields)
    if password is not None:
        token = base64.b64encode(f"petugas:{password}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    call = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=timeout) as response:
            return Answer(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, dict(exc.headers), exc.read())


@dataclass
class LiveServer:
    """A running server: its URL, process, work folder (TMPDIR) and log file."""

    url: str
    process: subprocess.Popen[str]
    tmp: Path
    log: Path

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.url.rstrip("/").rsplit(":", 1)[1])

    def stop(self, sig: int = signal.SIGINT, timeout: float = 30.0) -> tuple[int, str]:
        """Send `sig` (Ctrl-C by default); the exit code and the rest of its stdout."""
        self.process.send_signal(sig)
        self.process.wait(timeout)
        assert self.process.stdout is not None  # read through its buffer: lines already read
        return self.process.returncode, self.process.stdout.read()


@contextmanager
def live_server(
    tmp: Path,
    host: str = "127.0.0.1",
    environ: Mapping[str, str] | None = None,
    args: Sequence[str] = (),
) -> Iterator[LiveServer]:
    """`python -m renaksi_docs serve --no-open --port 0 [args]` with TMPDIR=tmp (its work
    folders and LibreOffice profiles land there) and the user's configuration folder in
    tmp/config (a generated office password is kept there); stopped with Ctrl-C at the end."""
    log = tmp / "server.log"
    env = dict(
        os.environ,
        TMPDIR=str(tmp),
        PYTHONUNBUFFERED="1",
        XDG_CONFIG_HOME=str(tmp / "config"),
        **(environ or {}),
    )
    with log.open("w") as errors:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "renaksi_docs",
                "serve",
                "--no-open",
                "--port=0",
                f"--host={host}",
                *args,
            ],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
        )
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    url = None
    while url is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        found = re.search(r"(http://\S+/)", line)
        url = found[1] if found else None
    if url is None:
        process.kill()
        raise AssertionError(f"server did not start: {log.read_text()}")
    if host not in ("127.0.0.1", "localhost", "::1"):  # one of this machine's addresses
        url = re.sub(r"//[^/]+:(\d+)/", r"//127.0.0.1:\1/", url)
    server = LiveServer(url, process, tmp, log)
    try:
        yield server
    finally:
        if process.poll() is None:
            server.stop()
