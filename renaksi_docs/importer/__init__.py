"""Import: last year's Rencana Aksi as a Word document → the standard workbook (docs/import.md).

The pipeline: `package` opens and checks the file (a .doc converted by LibreOffice), `blocks`
turns the XML into paragraphs and tables with merges resolved, `table` finds the Rencana
Aksi table and groups its rows per indicator, `rumus` reads each formula, `mapping` and
`identity` make the workbook's rows, and `standard.write_workbook` writes them exactly as
`init` does. The written workbook is then read back as `validate` would. Choices where the
contract is silent are in docs/import.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, RenaksiError
from ..files import slug
from ..model import ROMAN
from ..workbook import schema
from ..workbook.standard import WorkbookContent, write_workbook
from .blocks import Body, Numbering, Paragraph, Table, read_body
from .identity import read_identity
from .kinds import other_document
from .mapping import Printed, map_groups
from .package import DocumentRefused, open_document
from .report import Finding
from .table import RENCANA_AKSI_ONLY, Heading, read_tables

__all__ = ["DocumentRefused", "Finding", "ImportFailed", "Imported", "import_document"]


class ImportFailed(RenaksiError):
    """Nothing usable was found; nothing was written."""

    def __init__(self, path: Path, findings: list[Finding]) -> None:
        self.findings = tuple(findings)
        lines = "\n".join(f"  {f}" for f in findings)
        super().__init__(f"{path}: tidak ada workbook yang ditulis\n{lines}")


@dataclass(frozen=True)
class Reading:
    """What a Word document says, as workbook content."""

    content: WorkbookContent
    findings: tuple[Finding, ...]
    default_name: str
    """`rencana-aksi-<unit>-<tahun>.xlsx`."""
    printed: tuple[Printed, ...] = ()
    """The document's CAPAIAN cells (empty when figures are not imported: `--tahun`)."""


@dataclass(frozen=True)
class Imported:
    """The outcome of `import_document`."""

    source: Path
    target: Path
    findings: tuple[Finding, ...]
    """Everything that could not be mapped, or was guessed; last, each CAPAIAN cell the
    written workbook would print differently."""
    problems: tuple[Problem, ...]
    """What `validate` says of the written workbook."""


_ONLY = ", ".join(h.value for h in RENCANA_AKSI_ONLY[:-1]) + f" atau {RENCANA_AKSI_ONLY[-1].value}"
_EXPECTED = (
    ", ".join(h.value for h in (Heading.SASARAN, Heading.INDIKATOR, Heading.RUMUS, Heading.RENCANA))
    + f" dan {Heading.CAPAIAN.value} per triwulan"
)


class _Default:
    """Marker: look LibreOffice up on this machine."""


DEFAULT = _Default()


def read_document(
    path: Path, tahun: int | None = None, soffice: str | _Default | None = DEFAULT
) -> Reading:
    """Read the Word document at `path`; raise ImportFailed when it holds no indicators."""
    if isinstance(soffice, _Default):
        from ..libreoffice import soffice as find_soffice

        soffice = find_soffice()
    with open_document(Path(path), soffice) as parts:
        body = read_body(parts.document, Numbering(parts.numbering, parts.styles))
        footer_text = parts.footer_text
    return _read(Path(path), body, footer_text, tahun)


def _read(path: Path, body: Body, footer_text: str, tahun: int | None) -> Reading:
    tables = [b for b in body.blocks if isinstance(b, Table)]
    tables_read = read_tables(tables)
    findings = list(tables_read.findings)
    if tables_read.layout is None:
        other = other_document(body)
        if other is not None:
            document, shown = other
            raise ImportFailed(
                path,
                [
                    Finding(
                        f"ini dokumen {document.name}, bukan Rencana Aksi ({shown}); impor "
                        "hanya membaca dokumen Rencana Aksi. Impor dokumen Rencana Aksi-nya "
                        f"(tabel berkolom {_EXPECTED})"
                    )
                ],
            )
        findings.insert(
            0,
            Finding(
                "tidak ada tabel Rencana Aksi: tidak ada baris judul kolom dengan minimal empat "
                "judul seperti SASARAN KEGIATAN, INDIKATOR KINERJA, TARGET, RUMUS PERHITUNGAN, "
                f"termasuk salah satu dari {_ONLY}"
            ),
        )
        raise ImportFailed(path, findings)
    if not tables_read.groups:
        findings.append(Finding("tabel Rencana Aksi ditemukan, tetapi tanpa indikator"))
        raise ImportFailed(path, findings)
    before: list[Paragraph] = []
    after: list[Paragraph] = []
    tables_seen = 0
    for block in body.blocks:
        if isinstance(block, Table):
            tables_seen = block.number
            if block.number > tables_read.last_table:
                after.extend(p for row in block.rows for c in row.cells for p in c.paragraphs)
        elif (block.text or block.picture) and tables_seen < tables_read.first_table:
            before.append(block)
        elif block.text and tables_seen >= tables_read.last_table:
            after.append(block)
    before.extend(tables_read.titles)
    identity = read_identity(before, after, footer_text, body.page_size, tahun)
    mapped = map_groups(tables_read.groups, tables_read.layout, figures=tahun is None)
    findings.extend(identity.findings)
    findings.extend(mapped.findings)
    values = identity.values
    reported = schema.TRIWULAN_PELAPORAN.header
    if tahun is None and values.get(reported) is None and mapped.last_capaian:
        quarter = ROMAN[mapped.last_capaian]
        values[reported] = quarter
        findings.append(
            Finding(
                f"kolom CAPAIAN terisi sampai triwulan {quarter} tanpa subjudul 'Capaian s.d. "
                f"Triwulan'; Identitas Triwulan diisi {quarter}"
            )
        )
    known = {f.header for f in schema.IDENTITAS}
    for label in [k for k in values if k not in known]:
        if values[label] is not None:
            findings.append(
                Finding(
                    f"{label} {values[label]} terbaca, tetapi workbook ini belum punya isian "
                    f"{label}; isi sendiri bila versi renaksi-docs Anda memilikinya"
                )
            )
        del values[label]
    findings.extend(mapped.polaritas)
    content = WorkbookContent(
        identitas={k: v for k, v in values.items() if v is not None},
        indikator=mapped.indikator,
        triwulan=mapped.triwulan,
    )
    unit = str(values.get(schema.NAMA_UPT.header) or path.stem)
    year = values.get(schema.TAHUN.header)
    name = f"rencana-aksi-{slug(unit)}" + (f"-{year}" if year else "") + ".xlsx"
    printed = tuple(mapped.capaian) if tahun is None else ()
    return Reading(content, tuple(findings), name, printed)


def import_document(
    source: Path,
    target: Path | None = None,
    tahun: int | None = None,
    force: bool = False,
    soffice: str | _Default | None = DEFAULT,
) -> Imported:
    """Read `source` and write the workbook to `target` (default: named after unit and year
    in the current folder); then read it back as `validate` does and compare the CAPAIAN the
    Rencana Aksi built from it prints with the document's."""
    from ..workbook.reader import read_plan
    from .recheck import capaian_differences

    destination = Path(target) if target is not None else None
    if destination is not None and destination.exists() and destination.samefile(source):
        raise DocumentRefused(f"{destination}: hasil tidak boleh menimpa dokumen yang diimpor")
    reading = read_document(source, tahun, soffice)
    if destination is None:
        destination = Path(os.curdir) / reading.default_name
    write_workbook(destination, reading.content, force)
    check = read_plan(destination)
    findings = reading.findings
    if check.plan is not None:
        findings += tuple(capaian_differences(check.plan, reading.printed))
    return Imported(Path(source), destination, findings, check.problems)
