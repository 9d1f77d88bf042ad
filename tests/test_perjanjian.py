"""The Perjanjian Kinerja (docs/perjanjian.md): the statement, the annex against the workbook
and hand-worked sums, the paper, the superior's Identitas rows (problems that stop only this
document), `semua`, signing by both parties in a real PDF, the template, the web API and
import's refusal."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from renaksi_docs.build import BuildOptions, Documents, build_one
from renaksi_docs.cli import main
from renaksi_docs.documents.perjanjian import budget_rows, build_agreement
from renaksi_docs.documents.perjanjian_docx import (
    TEMPLATE,
    TagNotUnique,
    write_agreement,
)
from renaksi_docs.documents.rencana_aksi import build_context
from renaksi_docs.documents.signing import BSRE_FOOTER
from renaksi_docs.documents.templates import default_template
from renaksi_docs.formats import format_rupiah
from renaksi_docs.model import PAPER_MM, PaperSize, Plan, Signing
from renaksi_docs.serve.app import create_app, service
from renaksi_docs.workbook import schema
from renaksi_docs.workbook.reader import read_plan
from renaksi_docs.workbook.samples import MAGELANG, SUKAMAJU
from renaksi_docs.workbook.standard import WorkbookContent

from .conftest import CONTOH_XLSX, MAGELANG_XLSX, ROOT, make_indicator, make_plan, make_workbook
from .test_document import _png

TWIPS_PER_MM = 1440 / 25.4
SUPERIOR = {
    schema.NAMA_ATASAN.header: "Drs. Atasan Uji, M.H.",
    schema.JABATAN_ATASAN.header: "Kepala Kantor Wilayah Uji",
    schema.NIP_ATASAN.header: "19680512 199003 1 002",
}
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is not installed"
)


def with_identitas(content: WorkbookContent, **values: object) -> WorkbookContent:
    """`content` with Identitas values added or replaced (None removes a value)."""
    identitas = {**content.identitas, **values}
    return dataclasses.replace(
        content, identitas={k: v for k, v in identitas.items() if v is not None}
    )


def magelang(**values: object) -> WorkbookContent:
    """The Magelang sample with its superior named, and `values` (by Identitas label)."""
    return with_identitas(MAGELANG, **{**SUPERIOR, **values})


def write(folder: Path, content: WorkbookContent, name: str = "uji.xlsx") -> Path:
    return make_workbook(folder, content=content, name=name)


def plan_of(path: Path) -> Plan:
    reading = read_plan(path)
    assert reading.plan is not None, reading.problems
    return reading.plan


def build(*args: str) -> Any:
    return CliRunner().invoke(main, ["build", *args])


def body_text(path: Path) -> str:
    """Every paragraph of the .docx (tables included), whitespace folded."""
    document = Document(str(path))
    texts = [t.text or "" for t in document.element.body.iter(qn("w:t"))]
    return " ".join(" ".join(texts).split())


def table_rows(path: Path, first_header: str, second_header: str) -> list[list[str]]:
    """The body rows of the table whose header starts with the two texts, cell texts (a
    merged continuation cell reads '')."""
    document = Document(str(path))
    for table in document.tables:
        cells = [c.text for c in table.rows[0].cells]
        if cells[:2] == [first_header, second_header]:
            return [
                ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
                for tr in table._tbl.findall(qn("w:tr"))[1:]
            ]
    raise AssertionError(f"no table {first_header} | {second_header}")


def test_statement_names_both_parties(tmp_path: Path) -> None:
    """Page 1: title and unit, the PermenPANRB statement with pihak pertama (Jabatan
    Penandatangan empty → 'Kepala <Nama UPT>') and pihak kedua by name and jabatan, the
    promise and the supervision, then Kota and Tanggal Perjanjian and both blocks."""
    source = write(tmp_path, magelang(**{schema.TANGGAL_PERJANJIAN.header: "5 Januari 2026"}))
    result = build(str(source), "-o", str(tmp_path / "out"), "--dokumen", "perjanjian")
    assert result.exit_code == 0, result.output
    docx = tmp_path / "out" / "perjanjian-kinerja-balai-pemasyarakatan-kelas-ii-magelang-2026.docx"
    assert f"Dokumen ditulis: {docx}" in result.output
    text = body_text(docx)
    statement = (
        "PERJANJIAN KINERJA TAHUN 2026 BALAI PEMASYARAKATAN KELAS II MAGELANG Dalam rangka "
        "mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
        "berorientasi pada hasil, kami yang bertanda tangan di bawah ini: "
        "Nama : Agustiyar Ekantoro "
        "Jabatan : Kepala Balai Pemasyarakatan Kelas II Magelang "
        "selanjutnya disebut pihak pertama. "
        "Nama : Drs. Atasan Uji, M.H. Jabatan : Kepala Kantor Wilayah Uji "
        "selaku atasan pihak pertama, selanjutnya disebut pihak kedua. "
        "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
        "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
        "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target "
        "kinerja tersebut menjadi tanggung jawab kami. Pihak kedua akan melakukan supervisi yang "
        "diperlukan serta akan melakukan evaluasi terhadap capaian kinerja dari perjanjian ini "
        "dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi. "
        "Magelang, 5 Januari 2026 Pihak Kedua, Pihak Pertama, Kepala Kantor Wilayah Uji "
        "Kepala Balai Pemasyarakatan Kelas II Magelang Drs. Atasan Uji, M.H. Agustiyar Ekantoro "
        "NIP. 19680512 199003 1 002 PERJANJIAN KINERJA TAHUN 2026 BALAI PEMASYARAKATAN"
    )
    assert text.startswith(statement)
    assert text.endswith(
        "Magelang, 5 Januari 2026 Pihak Kedua, Pihak Pertama, Kepala Kantor Wilayah Uji Kepala "
        "Balai Pemasyarakatan Kelas II Magelang Drs. Atasan Uji, M.H. Agustiyar Ekantoro "
        "NIP. 19680512 199003 1 002"
    )


def test_given_jabatan_and_tanggal_when_no_tanggal_perjanjian() -> None:
    """Jabatan Penandatangan is pihak pertama's jabatan when given; without Tanggal
    Perjanjian the blocks carry the Tanggal."""
    plan = make_plan(
        make_indicator(),
        position="Kepala Lapas Uji",
        superior="Atasan",
        superior_position="Kakanwil",
    )
    context = build_agreement(plan)
    assert context.pertama.jabatan == "Kepala Lapas Uji"
    assert context.pertama.tempat_tanggal == context.kedua.tempat_tanggal == "Uji, 6 Juli 2026"
    assert (context.kedua.nama, context.kedua.jabatan, context.kedua.nip) == (
        "Atasan",
        "Kakanwil",
        "",
    )


@pytest.mark.parametrize("content", [magelang(), SUKAMAJU], ids=["magelang", "sukamaju"])
def test_annex_rows_are_every_indicator(tmp_path: Path, content: WorkbookContent) -> None:
    """The annex's target table holds every indicator in order with its TARGET exactly as
    the Rencana Aksi prints it; NO and SASARAN start once per sasaran and are merged below."""
    plan = plan_of(write(tmp_path, content))
    docx = write_agreement(plan, tmp_path)
    rows = table_rows(docx, "NO", "SASARAN KEGIATAN")
    plan_rows = [row for row in build_context(plan).rows if row.indikator_first]
    assert len(rows) == len(plan.indicators) == len(plan_rows)
    number = 0
    for row, indicator, printed in zip(rows, plan.indicators, plan_rows, strict=True):
        no, sasaran, name, target = row
        if printed.sasaran_first:
            number += 1
            assert (no, sasaran) == (str(number), indicator.sasaran.strip())
        else:
            assert (no, sasaran) == ("", "")
        assert (name, target) == (indicator.name, printed.target)
    table = next(t for t in Document(str(docx)).tables if t.rows[0].cells[0].text == "NO")
    merges = [
        [tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}") for tc in tr.findall(qn("w:tc"))[:2]]
        for tr in table._tbl.findall(qn("w:tr"))[1:]
    ]
    for merge, printed in zip(merges, plan_rows, strict=True):
        values = {m.get(qn("w:val")) for m in merge}
        assert values == ({"restart"} if printed.sasaran_first else {None})


def test_kegiatan_sums_worked_by_hand(tmp_path: Path) -> None:
    """ANGGARAN per distinct Kegiatan = the four quarters' Pagu of its indicators; texts that
    differ only in case or spacing are one Kegiatan, printed as first typed; a Kegiatan
    without Pagu is Rp 0; JUMLAH is the total."""
    plan = make_plan(
        make_indicator(
            code="A",
            kegiatan="Pembinaan Kemandirian",
            quarters={1: {"pagu": 1_000_000}, 3: {"pagu": 500_000}},
        ),
        make_indicator(code="B", kegiatan="Layanan Kesehatan"),
        make_indicator(code="C", kegiatan="Pembinaan Kemandirian", quarters={2: {"pagu": 250_000}}),
        make_indicator(
            code="D",
            kegiatan="Pengamanan",
            quarters={k: {"pagu": 1_000_000} for k in (1, 2, 3, 4)},
        ),
        make_indicator(
            code="E", kegiatan="  pembinaan   KEMANDIRIAN\n", quarters={4: {"pagu": 2_000_000}}
        ),
        superior="Atasan",
        superior_position="Kakanwil",
    )
    expected = [
        ["1", "Pembinaan Kemandirian", "Rp 3.750.000"],  # 1.000.000 + 500.000 + 250.000 + 2.000.000
        ["2", "Layanan Kesehatan", "Rp 0"],
        ["3", "Pengamanan", "Rp 4.000.000"],
    ]
    assert [[r.no, r.kegiatan, r.anggaran] for r in budget_rows(plan)] == expected
    assert build_agreement(plan).jumlah == "Rp 7.750.000"
    rows = table_rows(write_agreement(plan, tmp_path), "NO", "KEGIATAN")
    assert rows == [*expected, ["JUMLAH", "Rp 7.750.000"]]


@pytest.mark.parametrize("paper", list(PaperSize))
def test_portrait_paper(tmp_path: Path, paper: PaperSize) -> None:
    """A4 and F4 as Ukuran Kertas says, portrait (read from the .docx's sectPr), every table
    as wide as the text."""
    plan = make_plan(make_indicator(), paper=paper, superior="A", superior_position="B")
    document = Document(str(write_agreement(plan, tmp_path)))
    size = document.element.body.find(f"{qn('w:sectPr')}/{qn('w:pgSz')}")
    width, height = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
    assert height > width
    assert (width, height) == tuple(round(mm * TWIPS_PER_MM) for mm in sorted(PAPER_MM[paper]))
    section = document.sections[0]
    text = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    for table in document.tables:
        grid = sum(int(c.get(qn("w:w"))) for c in table._tbl.iter(qn("w:gridCol")))
        assert abs(grid - text) <= len(table.columns), (paper, grid, text)


def test_without_superior_only_the_perjanjian_fails(tmp_path: Path) -> None:
    """Without Nama Atasan and Jabatan Atasan: `--dokumen perjanjian` fails naming both cells
    and writes nothing; the Rencana Aksi builds without a word about them; `validate` says
    nothing of a Perjanjian the workbook does not set up, and once a row of it is filled lists
    what it still needs as warnings (exit 0)."""
    out = tmp_path / "out"
    result = build(str(MAGELANG_XLSX), "-o", str(out), "--dokumen", "perjanjian")
    assert result.exit_code == 1
    row = {c.header: n for n, c in enumerate(schema.IDENTITAS, start=2)}
    for column in (schema.NAMA_ATASAN, schema.JABATAN_ATASAN):
        assert (
            f"Identitas!B{row[column.header]}: {column.header} harus diisi untuk Perjanjian Kinerja"
            in result.output
        )
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())
    plain = build(str(MAGELANG_XLSX), "-o", str(out))
    assert plain.exit_code == 0 and "Atasan" not in plain.output
    checked = CliRunner().invoke(main, ["validate", str(MAGELANG_XLSX)])
    assert checked.exit_code == 0 and "Atasan" not in checked.output
    started = write(
        tmp_path, with_identitas(MAGELANG, **{schema.NAMA_ATASAN.header: "Drs. Atasan Uji"})
    )
    checked = CliRunner().invoke(main, ["validate", str(started)])
    assert checked.exit_code == 0, checked.output
    assert (
        f"Identitas!B{row['Jabatan Atasan']}: peringatan: Jabatan Atasan harus diisi untuk "
        "Perjanjian Kinerja; hanya Perjanjian Kinerja yang tertahan, dokumen lain tetap dapat "
        "dibuat" in checked.output
    )
    assert "Nama Atasan" not in checked.output


def test_absent_rows_are_named(tmp_path: Path) -> None:
    """A workbook made before these rows existed (no Nama Atasan row): the error says to add
    the row; the other documents build."""

    def drop(book: Any) -> None:
        sheet = book["Identitas"]
        for row in sheet.iter_rows():
            if row[0].value in (schema.NAMA_ATASAN.header, schema.JABATAN_ATASAN.header):
                row[0].value = row[1].value = None

    source = make_workbook(tmp_path, drop)
    reading = read_plan(source)
    assert reading.plan is not None and not reading.errors
    assert [p.message.split(";")[0] for p in reading.agreement] == [
        'isian "Nama Atasan" tidak ada, padahal Perjanjian Kinerja memerlukannya',
        'isian "Jabatan Atasan" tidak ada, padahal Perjanjian Kinerja memerlukannya',
    ]


def test_semua_skips_the_perjanjian_in_one_line(tmp_path: Path) -> None:
    """`semua` for a workbook without a superior: Rencana Aksi and Pengukuran, one line that
    the Perjanjian was skipped, exit 0; with a superior (the Sukamaju sample) all three."""
    out = tmp_path / "out"
    result = build(str(MAGELANG_XLSX), "-o", str(out), "-t", "II", "--dokumen", "semua")
    assert result.exit_code == 0, result.output
    assert sorted(p.name.split("-")[0] for p in out.iterdir()) == ["pengukuran", "rencana"]
    skipped = [line for line in result.output.splitlines() if "Perjanjian Kinerja" in line]
    assert skipped == [
        "Perjanjian Kinerja tidak dibuat: Nama Atasan dan Jabatan Atasan di lembar Identitas "
        "belum diisi (dokumen lain dibuat)"
    ]
    every = tmp_path / "every"
    result = build(str(CONTOH_XLSX), "-o", str(every), "--dokumen", "semua")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in every.iterdir()) == [
        "pengukuran-kinerja-lembaga-pemasyarakatan-kelas-iib-sukamaju-2026-tw3.docx",
        "perjanjian-kinerja-lembaga-pemasyarakatan-kelas-iib-sukamaju-2026.docx",
        "rencana-aksi-lembaga-pemasyarakatan-kelas-iib-sukamaju-2026-tw3.docx",
    ]


def test_folder_semua_summary_notes_the_skip(tmp_path: Path) -> None:
    """A folder with `semua`: the summary counts 5 documents and notes, on the Magelang line,
    that its Perjanjian was not made."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MAGELANG_XLSX, folder / "a.xlsx")
    shutil.copy(CONTOH_XLSX, folder / "b.xlsx")
    result = build(str(folder), "-o", str(tmp_path / "out"), "-t", "III", "--dokumen", "semua")
    assert result.exit_code == 0, result.output
    assert "Ringkasan: 2 workbook (2 berhasil, 0 gagal); 5 dokumen ditulis" in result.output
    [line] = [line for line in result.output.splitlines() if "a.xlsx" in line and "OK" in line]
    assert line.endswith("(Perjanjian Kinerja tidak dibuat: Nama Atasan dan Jabatan Atasan di "
                         "lembar Identitas belum diisi (dokumen lain dibuat))")  # fmt: skip


def test_superior_row_problems_stop_only_the_perjanjian(tmp_path: Path) -> None:
    """A bad NIP Atasan, a Tanggal Perjanjian that is no date and a missing Gambar Tanda Tangan
    Atasan: the Rencana Aksi builds; the Perjanjian (alone or in `semua`) fails naming each
    cell, and nothing of the workbook is written."""
    source = write(
        tmp_path,
        magelang(
            **{
                schema.NIP_ATASAN.header: "1968",
                schema.TANGGAL_PERJANJIAN.header: "besok",
                schema.GAMBAR_TANDA_TANGAN_ATASAN.header: "tidak-ada.png",
            }
        ),
    )
    reading = read_plan(source)
    assert reading.plan is not None and not reading.errors
    cells = {p.cell for p in reading.agreement}
    row = {c.header: n for n, c in enumerate(schema.IDENTITAS, start=2)}
    assert cells == {
        f"B{row[c.header]}"
        for c in (
            schema.NIP_ATASAN,
            schema.TANGGAL_PERJANJIAN,
            schema.GAMBAR_TANDA_TANGAN_ATASAN,
        )
    }
    assert build(str(source), "-o", str(tmp_path / "ra")).exit_code == 0
    for dokumen in ("perjanjian", "semua"):
        out = tmp_path / dokumen
        result = build(str(source), "-o", str(out), "-t", "II", "--dokumen", dokumen)
        assert result.exit_code == 1, result.output
        assert f"Identitas!B{row['NIP Atasan']}: NIP Atasan" in result.output
        assert not out.exists() or list(out.iterdir()) == []


def test_tags_must_differ_and_stay_out_of_the_text(tmp_path: Path) -> None:
    """elektronik: Penanda TTE Atasan equal to Penanda TTE is an error naming its cell; the
    superior's tag in a text the Perjanjian prints (Kegiatan) is an error naming that cell, in
    a text it does not print (Data) none; Gambar Tanda Tangan Atasan is refused. Each stops
    only the Perjanjian."""
    row = {c.header: n for n, c in enumerate(schema.IDENTITAS, start=2)}
    elektronik = {schema.TANDA_TANGAN.header: Signing.ELEKTRONIK.value}
    same = read_plan(
        write(tmp_path, magelang(**elektronik, **{schema.PENANDA_TTE_ATASAN.header: "#"}), "a.xlsx")
    )
    assert not same.errors
    [problem] = same.agreement
    assert problem.cell == f"B{row['Penanda TTE Atasan']}"
    assert (
        'Penanda TTE Atasan "#"' in problem.message and "sama dengan Penanda TTE" in problem.message
    )

    indicators = [dict(r) for r in MAGELANG.indikator]
    indicators[1][schema.KEGIATAN.header] = "Layanan $ Pendampingan"
    indicators[2][schema.DATA.header] = "Bukti $ dukung"
    content = dataclasses.replace(magelang(**elektronik), indikator=indicators)
    tagged = read_plan(write(tmp_path, content, "b.xlsx"))
    assert not tagged.errors
    kegiatan = schema.INDIKATOR.index(schema.KEGIATAN)
    assert [(p.sheet, p.cell) for p in tagged.agreement] == [
        ("Indikator", f"{chr(ord('A') + kegiatan)}3")
    ]

    image = _png(tmp_path / "ttd.png")
    pictured = read_plan(
        write(
            tmp_path,
            magelang(**elektronik, **{schema.GAMBAR_TANDA_TANGAN_ATASAN.header: image.name}),
            "c.xlsx",
        )
    )
    assert not pictured.errors
    [problem] = pictured.agreement
    assert problem.cell == f"B{row['Gambar Tanda Tangan Atasan']}"
    assert "tidak dipakai pada tanda tangan elektronik" in problem.message


def test_a_tag_the_document_prints_elsewhere_is_refused(tmp_path: Path) -> None:
    """A Penanda TTE Atasan that the Perjanjian prints elsewhere ('%' of a target) is refused
    after rendering, naming the Identitas row, and nothing is written."""
    plan = make_plan(
        make_indicator(),
        signing=Signing.ELEKTRONIK,
        superior="A",
        superior_position="B",
        superior_tte_tag="%",
    )
    with pytest.raises(TagNotUnique, match='Penanda TTE Atasan "%" muncul 2 kali'):
        write_agreement(plan, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_wet_signature_images_of_both_signers(tmp_path: Path) -> None:
    """basah with Gambar Tanda Tangan and Gambar Tanda Tangan Atasan: each image on page 1 and
    in the annex (four pictures), no tag, no footer."""
    first, second = _png(tmp_path / "ttd.png"), _png(tmp_path / "ttd-atasan.png")
    source = write(
        tmp_path,
        magelang(
            **{
                schema.GAMBAR_TANDA_TANGAN.header: first.name,
                schema.GAMBAR_TANDA_TANGAN_ATASAN.header: second.name,
            }
        ),
    )
    plan = plan_of(source)
    assert plan.unit.superior_signature_image == second.resolve()
    docx = write_agreement(plan, tmp_path)
    document = Document(str(docx))
    assert len(document.inline_shapes) == 4
    assert "#" not in body_text(docx) and "$" not in body_text(docx)
    footer = " ".join(p.text for s in document.sections for p in s.footer.paragraphs)
    assert footer.strip() == ""


def test_document_is_schema_valid(tmp_path: Path) -> None:
    """Both signing modes pass an OOXML validator."""
    from openxml_audit import OpenXmlValidator

    for signing in Signing:
        plan = plan_of(write(tmp_path, SUKAMAJU, f"{signing.value}.xlsx"))
        plan = dataclasses.replace(plan, unit=dataclasses.replace(plan.unit, signing=signing))
        out = tmp_path / signing.value
        out.mkdir()
        result = OpenXmlValidator().validate(str(write_agreement(plan, out)))
        assert [str(e) for e in result.errors] == []


def _pdf_pages(docx: Path) -> list[str]:
    """The PDF of `docx` (real LibreOffice) as text, one string per page."""
    from renaksi_docs import libreoffice

    with libreoffice.Converter() as converter:
        [converted] = converter.convert([docx])
    assert converted.error is None and converted.pdf is not None
    return _pages(converted.pdf)


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


@pytest.mark.libreoffice
@needs_pdftotext
def test_pdf_elektronik_tags_once_each_footer_on_every_page(tmp_path: Path, soffice: str) -> None:
    """elektronik in a real PDF: '#' and '$' each exactly once, both on page 1 (the annex's
    blocks carry none), the BSrE footer on every page, the annex's rows and JUMLAH."""
    content = with_identitas(SUKAMAJU, **{schema.TANDA_TANGAN.header: "elektronik"})
    plan = plan_of(write(tmp_path, content))
    pages = _pdf_pages(write_agreement(plan, tmp_path))
    assert len(pages) >= 2
    text = " ".join(" ".join(pages).split())
    for tag in ("#", "$"):
        assert text.count(tag) == 1
        assert tag in pages[0]
    for page in pages:
        assert " ".join(BSRE_FOOTER.split()) in " ".join(page.split())
    total = sum(figures.pagu for indicator in plan.indicators for figures in indicator.quarters)
    assert f"JUMLAH {format_rupiah(total)}" in text  # the sums by hand: test_kegiatan_sums_…
    assert "PERJANJIAN KINERJA TAHUN 2026" in pages[1]


@pytest.mark.libreoffice
@needs_pdftotext
def test_pdf_basah_by_cli(tmp_path: Path, soffice: str) -> None:
    """`build --dokumen perjanjian --pdf` (basah): a portrait F4 PDF of two pages with both
    names twice, no tag and no footer."""
    out = tmp_path / "out"
    result = build(str(CONTOH_XLSX), "-o", str(out), "--dokumen", "perjanjian", "--pdf")
    assert result.exit_code == 0, result.output
    pdf = out / "perjanjian-kinerja-lembaga-pemasyarakatan-kelas-iib-sukamaju-2026.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert size is not None
    width, height = (float(v) * 25.4 / 72 for v in size.groups())
    assert (round(width), round(height)) == (215, 330)
    pages = _pages(pdf)
    text = " ".join(" ".join(pages).split())
    assert text.count("Drs. Bambang Sutrisno, M.H.") == 3  # statement, page 1, annex
    assert "#" not in text and "$" not in text and "BSrE" not in text


def test_template_matches_its_source(tmp_path: Path) -> None:
    """templates/perjanjian_kinerja.docx is what templates/make_perjanjian.py makes (every XML
    part equal)."""
    made = tmp_path / "perjanjian_kinerja.docx"
    script = (
        "import pathlib, sys; sys.path.insert(0, 'templates'); import make_perjanjian; "
        f"make_perjanjian.build(pathlib.Path({str(made)!r}))"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True)
    with zipfile.ZipFile(made) as fresh, zipfile.ZipFile(default_template(TEMPLATE)) as shipped:
        xml = [n for n in fresh.namelist() if n.endswith((".xml", ".rels")) and "core" not in n]
        assert xml == [n for n in shipped.namelist() if n in xml]
        for name in xml:
            assert fresh.read(name) == shipped.read(name), name


def test_template_command_and_custom_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`template --dokumen perjanjian` copies the Perjanjian's template (default name
    perjanjian-kinerja.docx); `build --dokumen perjanjian --template` fills that copy."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["template", "--dokumen", "perjanjian"])
    assert result.exit_code == 0, result.output
    copy = tmp_path / "perjanjian-kinerja.docx"
    assert copy.read_bytes() == default_template(TEMPLATE).read_bytes()
    assert "--dokumen perjanjian" in result.output
    out = tmp_path / "out"
    result = build(str(CONTOH_XLSX), "-o", str(out), "--dokumen", "perjanjian", "--template",
                   str(copy))  # fmt: skip
    assert result.exit_code == 0, result.output
    [written] = out.iterdir()
    assert "PERJANJIAN KINERJA TAHUN 2026" in body_text(written)


def test_import_refuses_a_perjanjian(tmp_path: Path) -> None:
    """A Perjanjian Kinerja as this tool writes it, given to import, is refused naming it (it
    is not a Rencana Aksi): exit 1, nothing written."""
    docx = write_agreement(plan_of(CONTOH_XLSX), tmp_path)
    target = tmp_path / "hasil.xlsx"
    result = CliRunner().invoke(main, ["import", str(docx), "-o", str(target)])
    assert result.exit_code == 1
    assert "ini dokumen Perjanjian Kinerja, bukan Rencana Aksi" in result.output
    assert "Traceback" not in result.output and not target.exists()


def test_api_dokumen_perjanjian(tmp_path: Path) -> None:
    """The API's dokumen=perjanjian gives the .docx named as the CLI names it; for a workbook
    without a superior, 422 whose problems name the cells."""
    app = create_app({"WORK_ROOT": tmp_path / "kerja"})
    try:
        client = app.test_client()

        def post(data: bytes) -> Any:
            form: Mapping[str, Any] = {
                "berkas": [(io.BytesIO(data), "w.xlsx")],
                "dokumen": "perjanjian",
            }
            return client.post("/api/build", data=form)

        answer = post(CONTOH_XLSX.read_bytes())
        assert answer.status_code == 200, answer.data
        expected = build_one(
            CONTOH_XLSX, BuildOptions(out_dir=tmp_path, documents=Documents.PERJANJIAN)
        ).docx
        assert expected is not None
        assert expected.name in answer.headers["Content-Disposition"]
        refused = post(MAGELANG_XLSX.read_bytes())
        assert refused.status_code == 422
        [berkas] = refused.get_json()["berkas"]
        locations = [m["lokasi"] for m in berkas["masalah"] if m["jenis"] == "galat"]
        row = {c.header: n for n, c in enumerate(schema.IDENTITAS, start=2)}
        assert locations == [
            f"Identitas!B{row['Nama Atasan']}",
            f"Identitas!B{row['Jabatan Atasan']}",
        ]
    finally:
        service(app).close()


def test_rencana_aksi_ignores_the_superior() -> None:
    """The Rencana Aksi of the Sukamaju sample is the same without its superior's rows."""
    plan = plan_of(CONTOH_XLSX)
    assert plan.unit.superior
    bare = dataclasses.replace(
        plan,
        unit=dataclasses.replace(
            plan.unit, superior="", superior_position="", superior_nip="", agreement_date=None
        ),
    )
    assert build_context(plan) == build_context(bare)
