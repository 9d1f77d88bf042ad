"""The offline bundles (scripts/bundle.py, docs/install.md): complete for their platform and
Python, installable without an index, and the launcher serving for real (Linux).

The windows (Python 3.12) and linux bundles are built on every run; the other platforms and
Python versions only with `pytest -m bundle`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path, PureWindowsPath
from types import ModuleType

import psutil
import pytest

from renaksi_docs import __version__
from renaksi_docs.platforms import install_hint
from renaksi_docs.serve.launch import STATE_FILE, data_folder

from .conftest import ROOT

HOST_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
NO_INDEX = {
    # pip may use nothing but the bundle's wheels: no index answers, no configured find-links.
    "PIP_INDEX_URL": "http://127.0.0.1:9/",
    "PIP_EXTRA_INDEX_URL": "",
    "PIP_FIND_LINKS": "",
    "PIP_CONFIG_FILE": os.devnull,
}


def _load_bundle_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle", ROOT / "scripts" / "bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bundle"] = module
    spec.loader.exec_module(module)
    return module


bundle = _load_bundle_module()

EVERY = [
    (name, python)
    for name in sorted(bundle.TARGETS)
    for python in bundle.PYTHONS
    if (name, python) not in {("windows", "3.12"), ("linux", "3.12"), ("linux", HOST_PYTHON)}
]


@pytest.fixture(autouse=True)
def _bundle_marker_chosen(request: pytest.FixtureRequest) -> None:
    """Tests marked `bundle` run only when `-m` selects them (`pytest -m bundle`)."""
    if request.node.get_closest_marker("bundle") is None:
        return
    expression = request.config.getoption("markexpr") or ""
    if not re.search(r"(?<!not )\bbundle\b", expression):
        pytest.skip("slow: every platform and Python; run with pytest -m bundle")


DEFAULT_BUNDLES = [("windows", "3.12"), ("linux", "3.12"), ("macos-arm64", "3.12")]
"""The bundles the tests of a default run read (and the linux one of this Python, which
test_linux_bundle_installs_and_launches installs)."""


@pytest.fixture(scope="session")
def make(
    tmp_path_factory: pytest.TempPathFactory, project_wheel: Path
) -> Iterator[Callable[[str, str], Path]]:
    """Builds a bundle (platform, Python) once per run; returns its folder. At the first
    call the default run's bundles start too, two at a time (pip spends seconds resolving
    each, mostly on one core)."""
    dist = tmp_path_factory.mktemp("dist")
    started: dict[tuple[str, str], Future[Path]] = {}
    lock = threading.Lock()

    def make_one(name: str, python: str) -> Path:
        archive = bundle.make_bundle(bundle.TARGETS[name], python, dist, project_wheel)
        return archive.parent / archive.stem

    with ThreadPoolExecutor(2) as pool:

        def build(name: str, python: str) -> Path:
            wanted = [(name, python), *DEFAULT_BUNDLES, ("linux", HOST_PYTHON)]
            with lock:
                for key in dict.fromkeys(wanted):  # the one asked for first
                    if key not in started:
                        started[key] = pool.submit(make_one, *key)
            return started[name, python].result()

        yield build


def _resolves_offline(folder: Path, name: str, python: str, tmp_path: Path) -> None:
    """pip's resolver installs renaksi-docs for the target from the folder's wheels alone, and
    every requirement under the target's own markers has its wheel there."""
    target = bundle.TARGETS[name]
    report = tmp_path / "report.json"
    command = [
        sys.executable, "-m", "pip", "--isolated", "install", "--dry-run", "--ignore-installed",
        "--no-index", "--find-links", str(folder / "wheels"), "--only-binary=:all:",
        "--implementation", "cp", "--python-version", python, "--target", str(tmp_path / "t"),
        "--report", str(report), "-q", f"renaksi-docs=={__version__}",
    ]  # fmt: skip
    for platform in target.platforms:
        command += ["--platform", platform]
    subprocess.run(command, check=True, env={**os.environ, **NO_INDEX}, capture_output=True)
    installed = json.loads(report.read_text(encoding="utf-8"))["install"]
    assert {item["metadata"]["name"] for item in installed} >= {"renaksi-docs", "lxml", "Flask"}
    wheels = (folder / "wheels").resolve().as_uri()
    assert all(item["download_info"]["url"].startswith(wheels) for item in installed)
    assert bundle.unmet(folder / "wheels", "renaksi-docs", bundle.environment(target, python)) == []


def test_windows_bundle_holds_psutil(make: Callable[[str, str], Path]) -> None:
    """The Windows bundle carries psutil's win_amd64 wheel (a win32-only requirement pip on
    Linux would skip) and only wheels Windows can install."""
    folder = make("windows", "3.12")
    wheels = sorted(p.name for p in (folder / "wheels").glob("*.whl"))
    assert any(re.fullmatch(r"psutil-.*-win_amd64\.whl", w) for w in wheels), wheels
    assert f"renaksi_docs-{__version__}-py3-none-any.whl" in wheels
    assert all(w.endswith(("-none-any.whl", "-win_amd64.whl")) for w in wheels), wheels
    assert (folder.parent / f"renaksi-docs-{__version__}-windows-py312.zip").is_file()


@pytest.mark.parametrize(("name", "python"), [("windows", "3.12"), ("linux", "3.12")])
def test_default_bundles_resolve_offline(
    make: Callable[[str, str], Path], name: str, python: str, tmp_path: Path
) -> None:
    """The windows and linux bundles for Python 3.12 resolve completely offline."""
    _resolves_offline(make(name, python), name, python, tmp_path)


@pytest.mark.bundle
@pytest.mark.parametrize(("name", "python"), EVERY)
def test_every_bundle_resolves_offline(
    make: Callable[[str, str], Path], name: str, python: str, tmp_path: Path
) -> None:
    """Each platform's bundle for each Python 3.10-3.13 resolves completely offline."""
    _resolves_offline(make(name, python), name, python, tmp_path)


def _quoted(line: str, start: int) -> bool:
    """True when position `start` of `line` lies inside double quotes."""
    return line[:start].replace('\\"', "").count('"') % 2 == 1


def _unquoted(text: str, pattern: str) -> list[str]:
    lines = text.splitlines()
    return [
        line
        for line in lines
        if not line.lstrip().startswith(("#", "rem "))
        for match in re.finditer(pattern, line)
        if not _quoted(line, match.start())
    ]


def _pip_installs(text: str) -> list[str]:
    joined = re.sub(r"\s*\\\n\s*", " ", text.replace("\r\n", "\n"))
    return [line for line in joined.splitlines() if re.search(r"\bpip\b.*\binstall\b", line)]


def test_windows_scripts_read(make: Callable[[str, str], Path]) -> None:
    """pasang.cmd and the launcher: CRLF, `%~dp0`, paths quoted, pip with --no-index and the
    bundle's wheels only, `py -3.12`, the private environment under %LOCALAPPDATA%."""
    folder = make("windows", "3.12")
    install = (folder / "pasang.cmd").read_bytes().decode("utf-8")
    launcher = (folder / "Renaksi Docs.cmd").read_bytes().decode("utf-8")
    venv = PureWindowsPath(data_folder("win32", {"LOCALAPPDATA": "%LOCALAPPDATA%"}))
    for text in (install, launcher):
        assert "\n" not in text.replace("\r\n", "")
        assert "%~dp0" in text
        assert f'set "VENV={venv}\\{__version__}\\venv"' in text
        assert _unquoted(text, r"%(VENV|BUNDEL|~dp0|LOCALAPPDATA)%?") == []
        assert "renaksi_docs buka" in launcher
    assert 'call "%~dp0pasang.cmd"' in launcher
    assert "py -%PYVER%" in install and 'set "PYVER=3.12"' in install
    assert "-m venv" in install
    (pip,) = _pip_installs(install)
    assert '--no-index --find-links "%BUNDEL%wheels"' in pip and "--isolated" in pip
    assert 'set "PIP_CONFIG_FILE=nul"' in install
    assert not re.search(r"--(extra-)?index-url|\s-i\s|--upgrade|https?://\S*pypi", install)
    assert install_hint("win32").split(";")[1].strip() in install


@pytest.mark.parametrize("name", ["macos-arm64", "linux"])
def test_posix_scripts_read(make: Callable[[str, str], Path], name: str) -> None:
    """pasang.sh and the launcher: `"$(dirname "$0")"`, every path quoted, pip with --no-index
    and the bundle's wheels only, valid sh, executable in the zip."""
    folder = make(name, "3.12")
    target = bundle.TARGETS[name]
    install = (folder / "pasang.sh").read_text(encoding="utf-8")
    launcher = (folder / target.launcher).read_text(encoding="utf-8")
    for text in (install, launcher):
        assert '"$(dirname "$0")"' in text
        assert "\r" not in text
        assert _unquoted(text, r"\$(HERE|VENV|DATA|HOME|APPS|0)\b|\$\{XDG") == []
    for script in ("pasang.sh", target.launcher):
        subprocess.run(["sh", "-n", str(folder / script)], check=True)
    assert 'exec "$VENV/bin/python" -m renaksi_docs buka "$@"' in launcher
    (pip,) = _pip_installs(install)
    assert '--no-index --find-links "$HERE/wheels"' in pip and "--isolated" in pip
    assert "PIP_CONFIG_FILE=/dev/null" in pip
    assert not re.search(r"--(extra-)?index-url|\s-i\s|--upgrade|https?://\S*pypi", install)
    assert install_hint(target.sys_platform).split(";")[1].strip() in install
    with zipfile.ZipFile(folder.parent / f"{folder.name}.zip") as archive:
        for script in ("pasang.sh", target.launcher):
            mode = archive.getinfo(f"{folder.name}/{script}").external_attr >> 16
            assert mode & 0o111 == 0o111


def _unzip(archive: Path, into: Path) -> Path:
    """Unpack as unzip does: files with the modes the zip records."""
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(into)
        for info in zipped.infolist():
            mode = info.external_attr >> 16
            if mode:
                (into / info.filename).chmod(mode & 0o777)
    return into / archive.stem


def _lines(stream: object) -> queue.Queue[str]:
    """A queue filled with `stream`'s lines by a reader thread (reads never block the test)."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    return lines


def _wait_for(lines: queue.Queue[str], pattern: str, seen: list[str], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line)
        match = re.search(pattern, line)
        if match:
            return match.group(0)
    raise AssertionError(f"no {pattern!r} in output: {seen}")


@pytest.fixture
def installed(make: Callable[[str, str], Path], tmp_path: Path) -> Iterator[tuple[Path, dict]]:
    """The linux bundle for this Python, unpacked into a folder whose name has spaces and
    installed with pasang.sh, no index reachable, on a PC without LibreOffice yet (pasang.sh
    then shows how to install it); yields its folder and environment."""
    folder = make("linux", HOST_PYTHON)
    unpacked = _unzip(folder.parent / f"{folder.name}.zip", tmp_path / "Unduhan Bagian Umum")
    home = tmp_path / "rumah pegawai"
    home.mkdir()
    env = {**os.environ, **NO_INDEX, "HOME": str(home)}
    env["RENAKSI_SOFFICE"] = str(tmp_path / "belum-ada-libreoffice")
    env.pop("XDG_DATA_HOME", None)
    env.pop("DISPLAY", None)
    result = subprocess.run(
        ["sh", str(unpacked / "pasang.sh")], env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "terpasang di" in result.stdout and "renaksi-docs.sh" in result.stdout
    yield unpacked, env


def test_linux_bundle_installs_and_launches(installed: tuple[Path, dict]) -> None:
    """From a folder with spaces: pasang.sh installs with no index, the launcher serves a page
    that answers 200, a second launch opens the same page, Ctrl-C ends it and leaves nothing."""
    unpacked, env = installed
    data = Path(data_folder("linux", env))
    assert (data / __version__ / "venv" / "bin" / "python").exists()
    launcher = unpacked / "renaksi-docs.sh"
    process = subprocess.Popen(
        [str(launcher), "--no-open"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    seen: list[str] = []
    try:
        lines = _lines(process.stdout)
        url = _wait_for(lines, r"http://127\.0\.0\.1:\d+/", seen, timeout=120)
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url) as page:
            assert page.status == 200
        assert json.loads((data / STATE_FILE).read_text())["url"] == url

        second = subprocess.run(
            [str(launcher), "--no-open"], env=env, capture_output=True, text=True, timeout=120
        )
        assert second.returncode == 0 and f"sudah berjalan: {url}" in second.stdout

        tree = [process.pid, *(c.pid for c in psutil.Process(process.pid).children(True))]
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
        _wait_for(lines, "Server dihentikan", seen, timeout=10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert not [pid for pid in tree if psutil.pid_exists(pid) and _alive(pid)]
    assert not (data / STATE_FILE).exists()


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_data_folder_per_platform() -> None:
    """The launcher's data folder is where the install scripts put the environment."""
    env = {"HOME": "/home/a b", "LOCALAPPDATA": r"C:\Users\a b\AppData\Local"}
    assert str(data_folder("win32", env)) == r"C:\Users\a b\AppData\Local\renaksi-docs"
    assert str(data_folder("darwin", env)) == "/home/a b/Library/Application Support/renaksi-docs"
    assert str(data_folder("linux", env)) == "/home/a b/.local/share/renaksi-docs"
    xdg = {**env, "XDG_DATA_HOME": "/data x"}
    assert str(data_folder("linux", xdg)) == "/data x/renaksi-docs"
    for name in ("pasang.sh", "launcher.sh"):
        text = (ROOT / "scripts" / "bundle" / name).read_text(encoding="utf-8")
        assert 'DATA="$HOME/Library/Application Support/renaksi-docs"' in text
        assert 'DATA="${XDG_DATA_HOME:-$HOME/.local/share}/renaksi-docs"' in text
