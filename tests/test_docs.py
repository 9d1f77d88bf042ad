"""The repository carries its own contract: docs/ names only files that exist, and nothing in
the repository refers to a contract file kept outside it (docs/README.md)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "docs").glob("*.md"))
PATH = re.compile(
    r"(?<![\w./-])((?:renaksi_docs|templates|tests|bench|scripts|samples)/[\w./-]*[\w/])"
)
"""A path into the package, the templates, the tests, benchmarks, scripts or samples, as the
docs name them (`renaksi_docs/measure.py`, `templates/make_template.py`, `tests/data/`)."""
OUTSIDE_CONTRACT = "PRODUCT" + ".md"
"""The name of the contract file the repository used to cite; spelt in two parts so that this
file does not hold it either."""


def named_paths(text: str) -> set[str]:
    """Every package or template path named in `text`."""
    return set(PATH.findall(text))


def test_docs_index_lists_every_doc() -> None:
    """docs/README.md names every other file of docs/."""
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    for doc in DOCS:
        if doc.name != "README.md":
            assert f"({doc.name})" in index, doc.name


@pytest.mark.parametrize("doc", [*DOCS, ROOT / "README.md"], ids=lambda p: p.name)
def test_every_path_named_in_the_docs_exists(doc: Path) -> None:
    """Each renaksi_docs/…, templates/…, tests/…, bench/…, scripts/… or samples/… path that a
    doc (or the README) names exists."""
    missing = sorted(
        path for path in named_paths(doc.read_text(encoding="utf-8")) if not (ROOT / path).exists()
    )
    assert not missing, f"{doc.name} names files that do not exist: {missing}"


def test_path_pattern_finds_paths_in_prose() -> None:
    """The pattern finds a path inside backticks and prose, and not a longer path's tail."""
    text = "See `renaksi_docs/measure.py`, templates/make_template.py and build/templates/x.py."
    assert named_paths(text) == {"renaksi_docs/measure.py", "templates/make_template.py"}


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout"
)
def test_no_file_names_the_outside_contract() -> None:
    """No tracked file (code, tests, docs, CHANGELOG) refers to a contract file kept elsewhere."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    naming = [
        name.decode()
        for name in listed
        if name
        and (ROOT / name.decode()).is_file()
        and OUTSIDE_CONTRACT.encode() in (ROOT / name.decode()).read_bytes()
    ]
    assert not naming
