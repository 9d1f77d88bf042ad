"""The wheel carries the Word template (a folder beside the package would be missing)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .conftest import ROOT


def test_wheel_ships_the_template(project_wheel: Path) -> None:
    """`pip wheel` puts templates/rencana_aksi.docx at renaksi_docs/templates/ in the wheel."""
    with zipfile.ZipFile(project_wheel) as archive:
        shipped = archive.read("renaksi_docs/templates/rencana_aksi.docx")
        report = archive.read("renaksi_docs/templates/pengukuran_kinerja.docx")
        agreement = archive.read("renaksi_docs/templates/perjanjian_kinerja.docx")
    assert shipped == (ROOT / "templates" / "rencana_aksi.docx").read_bytes()
    assert report == (ROOT / "templates" / "pengukuran_kinerja.docx").read_bytes()
    assert agreement == (ROOT / "templates" / "perjanjian_kinerja.docx").read_bytes()
