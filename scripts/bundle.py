"""Offline bundle of renaksi-docs for one platform: wheels, install script, launcher.

    python scripts/bundle.py windows|macos-arm64|macos-x86_64|linux [--python 3.12] [-o dist]
                             [--wheel dist/renaksi_docs-<version>-py3-none-any.whl]

writes DIST/renaksi-docs-<version>-<platform>-py3X/ and the same folder as a .zip. Its
`wheels/` holds the project's wheel and a wheel of every dependency for that platform and
Python, downloaded with pip (`--only-binary=:all: --platform … --python-version …`). pip
evaluates environment markers for the machine it runs on, not for the target, so the
requirements are closed here under the *target's* markers (`psutil; sys_platform ==
'win32'` for Windows, `colorama; platform_system == 'Windows'` of click, …), read from the
wheels' own metadata: nothing about the dependencies is written down here. docs/install.md
explains the bundle; run it from the project's environment (`pip install -e '.[test]'`).
"""

from __future__ import annotations

import argparse
import email.parser
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "bundle"
sys.path.insert(0, str(ROOT))

from renaksi_docs import __version__  # noqa: E402
from renaksi_docs.platforms import install_hint  # noqa: E402

PROJECT = "renaksi-docs"
DEFAULT_PYTHON = "3.12"
PYTHONS = ("3.10", "3.11", "3.12", "3.13")


@dataclass(frozen=True)
class Target:
    """One platform a bundle is made for."""

    name: str
    platforms: tuple[str, ...]
    """pip's --platform values, newest first (pip also accepts older macOS releases and
    universal2 wheels by itself)."""
    markers: dict[str, str]
    """The environment markers of that platform (the Python version is added per bundle)."""
    sys_platform: str
    scripts: dict[str, str]
    """File in the bundle → its template in scripts/bundle/."""
    launcher: str


_POSIX = {"os_name": "posix"}
TARGETS = {
    "windows": Target(
        "windows",
        ("win_amd64",),
        {
            "sys_platform": "win32",
            "platform_system": "Windows",
            "os_name": "nt",
            "platform_machine": "AMD64",
        },
        "win32",
        {"pasang.cmd": "pasang.cmd", "Renaksi Docs.cmd": "Renaksi Docs.cmd"},
        "Renaksi Docs.cmd",
    ),
    "macos-arm64": Target(
        "macos-arm64",
        ("macosx_11_0_arm64",),
        {
            **_POSIX,
            "sys_platform": "darwin",
            "platform_system": "Darwin",
            "platform_machine": "arm64",
        },
        "darwin",
        {"pasang.sh": "pasang.sh", "Renaksi Docs.command": "launcher.sh"},
        "Renaksi Docs.command",
    ),
    "macos-x86_64": Target(
        "macos-x86_64",
        ("macosx_10_13_x86_64",),  # python.org's installers of 3.10-3.13 run on 10.13 (or 10.9)
        {
            **_POSIX,
            "sys_platform": "darwin",
            "platform_system": "Darwin",
            "platform_machine": "x86_64",
        },
        "darwin",
        {"pasang.sh": "pasang.sh", "Renaksi Docs.command": "launcher.sh"},
        "Renaksi Docs.command",
    ),
    "linux": Target(
        "linux",
        # glibc 2.28 or newer (Debian 10, Ubuntu 20.04, RHEL 8); older manylinux tags too.
        (
            "manylinux_2_28_x86_64",
            "manylinux_2_17_x86_64",
            "manylinux2014_x86_64",
            "manylinux_2_12_x86_64",
            "manylinux2010_x86_64",
            "manylinux_2_5_x86_64",
            "manylinux1_x86_64",
        ),
        {
            **_POSIX,
            "sys_platform": "linux",
            "platform_system": "Linux",
            "platform_machine": "x86_64",
        },
        "linux",
        {"pasang.sh": "pasang.sh", "renaksi-docs.sh": "launcher.sh"},
        "renaksi-docs.sh",
    ),
}

PYTHON_HINTS = {
    "win32": "",
    "darwin": "Pasang Python {v} dari https://www.python.org/downloads/macos/ "
    "(penginstal macOS 64-bit universal2).",
    "linux": "Pasang dengan: sudo apt-get install python{v} python{v}-venv (atau minta tim TI).",
}
VENV_HINTS = {
    "win32": "",
    "darwin": "Pasang ulang Python {v} dari https://www.python.org/downloads/macos/.",
    "linux": "Pasang dengan: sudo apt-get install python{v}-venv (atau minta tim TI).",
}


def environment(target: Target, python: str) -> dict[str, str]:
    """The environment markers of `target` running CPython `python` (e.g. '3.12')."""
    return {
        **target.markers,
        "python_version": python,
        "python_full_version": f"{python}.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "implementation_version": f"{python}.0",
        "platform_release": "",
        "platform_version": "",
    }


def bundle_name(target: Target, python: str) -> str:
    """renaksi-docs-<version>-<platform>-py3X."""
    return f"{PROJECT}-{__version__}-{target.name}-py{python.replace('.', '')}"


def wheel_metadata(wheel: Path) -> tuple[str, Version, list[Requirement]]:
    """A wheel's canonical name, version and requirements (its METADATA's Requires-Dist)."""
    name, version, _build, _tags = parse_wheel_filename(wheel.name)
    with zipfile.ZipFile(wheel) as archive:
        member = next(
            n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")
        )
        message = email.parser.BytesParser().parsebytes(archive.read(member), headersonly=True)
    return name, version, [Requirement(r) for r in message.get_all("Requires-Dist") or []]


def unmet(wheels: Path, root: str, env: dict[str, str]) -> list[Requirement]:
    """Requirements of `root` and of what it needs, under the target's markers `env`, that no
    wheel in `wheels` satisfies (empty: the folder is complete for that target)."""
    found = {}
    for wheel in wheels.glob("*.whl"):
        name, version, requirements = wheel_metadata(wheel)
        found[name] = (version, requirements)
    missing: list[Requirement] = []
    seen: set[tuple[str, str]] = set()
    todo: list[tuple[str, str]] = [(canonicalize_name(root), "")]
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        for requirement in found[name][1]:
            if requirement.marker is not None and not requirement.marker.evaluate(
                {**env, "extra": extra}
            ):
                continue
            needed = canonicalize_name(requirement.name)
            have = found.get(needed)
            if have is None or not requirement.specifier.contains(have[0], prereleases=True):
                missing.append(requirement)
                continue
            todo.append((needed, ""))
            todo.extend((needed, e) for e in requirement.extras)
    return missing


def pip_download(
    requirements: Iterable[str], wheels: Path, target: Target, python: str, pins: Sequence[str]
) -> None:
    """Download `requirements` and their dependencies as wheels for the target."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "-q",
        "--disable-pip-version-check",
        "--only-binary=:all:",
        "--implementation",
        "cp",
        "--python-version",
        python,
        "-d",
        str(wheels),
    ]
    for platform in target.platforms:
        command += ["--platform", platform]
    with tempfile.TemporaryDirectory() as temp:
        if pins:
            constraints = Path(temp, "pins.txt")
            constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
            command += ["-c", str(constraints)]
        subprocess.run([*command, *requirements], check=True)


def build_wheel(folder: Path) -> Path:
    """The project's wheel, built into `folder` (no build isolation when hatchling is here)."""
    import importlib.util

    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(folder)]
    if importlib.util.find_spec("hatchling") is not None:
        command.append("--no-build-isolation")
    subprocess.run([*command, str(ROOT)], check=True)
    return next(folder.glob(f"renaksi_docs-{__version__}-*.whl"))


def collect_wheels(project_wheel: Path, wheels: Path, target: Target, python: str) -> None:
    """`wheels` ← the project's wheel and every wheel it needs on `target` with `python`."""
    wheels.mkdir(parents=True, exist_ok=True)
    shutil.copy2(project_wheel, wheels / project_wheel.name)
    env = environment(target, python)
    for _round in range(10):
        missing = unmet(wheels, PROJECT, env)
        if not missing:
            return
        pins = []
        for wheel in wheels.glob("*.whl"):
            name, version, _requirements = wheel_metadata(wheel)
            pins.append(f"{name}=={version}")
        # Markers already evaluated for the target: pip must not evaluate them again here.
        unconditional = []
        for requirement in missing:
            requirement.marker = None
            unconditional.append(str(requirement))
        pip_download(unconditional, wheels, target, python, pins)
    raise SystemExit(f"{target.name} py{python}: still missing {unmet(wheels, PROJECT, env)}")


def _cmd_text(text: str) -> str:
    """`text` safe after cmd.exe's `echo` (its special characters escaped)."""
    text = text.replace("^", "^^").replace("%", "%%")
    for char in "&|<>":
        text = text.replace(char, "^" + char)
    return text


def _sh_text(text: str) -> str:
    """`text` safe inside a double-quoted sh string."""
    for char in '\\"$`':
        text = text.replace(char, "\\" + char)
    return text


def render_script(template: str, target: Target, python: str) -> str:
    """A script of the bundle from its template in scripts/bundle/ (CRLF for cmd.exe)."""
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    quote = _cmd_text if template.endswith(".cmd") else _sh_text
    values = {
        "@VERSION@": __version__,
        "@PYTHON@": python,
        "@PYTHON_TUPLE@": python.replace(".", ", "),
        # doctor's hint without its "LibreOffice tidak ditemukan; " (the script cannot know)
        "@HINT@": quote(install_hint(target.sys_platform).split("; ", 1)[-1]),
        "@PYTHON_HINT@": quote(PYTHON_HINTS[target.sys_platform].format(v=python)),
        "@VENV_HINT@": quote(VENV_HINTS[target.sys_platform].format(v=python)),
        "@LAUNCHER@": target.launcher,
    }
    for key, value in values.items():
        text = text.replace(key, value)
    if template.endswith(".cmd"):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text


README = """renaksi-docs {version} untuk {platform} (Python {python})

1. Pastikan Python {python} terpasang (lihat README proyek, bagian Pemasangan tanpa internet).
2. {install_step}
3. Klik dua kali "{launcher}": halaman renaksi-docs terbuka di peramban (pada kali pertama
   ia memasang dulu bila langkah 2 terlewat).
   Biarkan jendelanya terbuka selama memakai halaman; tutup jendela untuk berhenti.

PDF butuh LibreOffice (gratis); tanpa LibreOffice dokumen Word tetap dibuat.
"""


def make_bundle(target: Target, python: str, dist: Path, project_wheel: Path | None = None) -> Path:
    """Write DIST/<bundle>/ and DIST/<bundle>.zip; returns the zip."""
    name = bundle_name(target, python)
    folder = dist / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as temp:
        wheel = project_wheel or build_wheel(Path(temp))
        collect_wheels(wheel, folder / "wheels", target, python)
    for script, template in target.scripts.items():
        path = folder / script
        path.write_bytes(render_script(template, target, python).encode("utf-8"))
        if not script.endswith(".cmd"):
            path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    if target.sys_platform == "win32":
        install_step = (
            "Klik dua kali pasang.cmd: memasang renaksi-docs dari folder wheels/ ini saja,\n"
            "   tanpa internet dan tanpa hak admin."
        )
    else:  # Finder and file managers open a .sh as text: the launcher installs by itself
        install_step = (
            "Tidak perlu apa-apa: peluncur di langkah 3 memasang renaksi-docs dari folder\n"
            "   wheels/ ini saja, tanpa internet dan tanpa hak admin (tim TI: sh pasang.sh)."
        )
    readme = README.format(
        version=__version__,
        platform=target.name,
        python=python,
        install_step=install_step,
        launcher=target.launcher,
    )
    newline = "\r\n" if target.sys_platform == "win32" else "\n"
    (folder / "BACA-SAYA.txt").write_bytes(readme.replace("\n", newline).encode("utf-8"))
    archive = dist / f"{name}.zip"
    _zip(folder, archive)
    return archive


def _zip(folder: Path, archive: Path) -> None:
    """Zip `folder` (as the archive's top folder), keeping the scripts' execute bits."""
    temp = archive.with_suffix(".zip.tmp")
    with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(folder.rglob("*")):
            if path.is_dir():
                continue
            info = zipfile.ZipInfo.from_file(path, f"{folder.name}/{path.relative_to(folder)}")
            info.create_system = 3  # Unix: unzip and macOS's Archive Utility honour the mode
            info.external_attr = (path.stat().st_mode & 0o777 | stat.S_IFREG) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, path.read_bytes())
    os.replace(temp, archive)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("platform", choices=sorted(TARGETS))
    parser.add_argument("--python", default=DEFAULT_PYTHON, choices=PYTHONS)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "dist")
    parser.add_argument("--wheel", type=Path, help="the project's wheel (default: built here)")
    args = parser.parse_args(argv)
    archive = make_bundle(TARGETS[args.platform], args.python, args.output, args.wheel)
    size = archive.stat().st_size / 1e6
    print(f"{archive} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
