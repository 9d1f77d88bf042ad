"""The .docx that `build` writes: the seed's table, merges, cover, signature, numbers, safety."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from docx.shared import Mm
from openpyxl import Workbook

from bench.synthetic import synthetic
from renaksi_docs.cli import main
from renaksi_docs.documents import rencana_aksi_docx, templates
from renaksi_docs.documents.rencana_aksi import INDIKATOR, MERGED_FIELDS, SASARAN, build_context
from renaksi_docs.documents.rencana_aksi_docx import TEMPLATE
from renaksi_docs.documents.signing import BSRE_FOOTER
from renaksi_docs.documents.templates import default_template
from renaksi_docs.errors import TemplateProblem
from renaksi_docs.model import Signing
from renaksi_docs.workbook.reader import read_plan

from .conftest import CONTOH_XLSX, MAGELANG_XLSX, make_workbook
from .docx_table import (
    main_table,
    paragraphs,
    seed_fraction,
    seed_indicators,
    seed_plain,
    table_element,
)

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed-bapas-magelang-2026.txt"
TEMPLATE_BEFORE_ISSUE_9 = DATA / "rencana_aksi-before-issue-9.docx"
MAGELANG_DOCX = "rencana-aksi-balai-pemasyarakatan-kelas-ii-magelang-2026.docx"
COLUMN_FIELDS = (
    {"sasaran"},
    {"indikator"},
    {"target"},
    {"rumus", "rumus_text"},
    {"kegiatan"},
    {"pagu"},
    {"rencana_penarikan"},
    {"realisasi_anggaran"},
    {"triwulan"},
    {"rencana_kegiatan"},
    {"triwulan"},
    {"capaian"},
    {"data"},
    {"status"},
    {"keterangan"},
)
"""The row fields of the template's 15 body cells, in order (docs/template.md)."""
SASARAN_COLUMNS = tuple(i for i, f in enumerate(COLUMN_FIELDS) if f <= MERGED_FIELDS[SASARAN])
INDICATOR_COLUMNS = tuple(i for i, f in enumerate(COLUMN_FIELDS) if f <= MERGED_FIELDS[INDIKATOR])
PER_ROW_COLUMNS = tuple(
    i for i in range(len(COLUMN_FIELDS)) if i not in SASARAN_COLUMNS + INDICATOR_COLUMNS
)


def _build(args: list[str]) -> CliRunner:
    result = CliRunner().invoke(main, ["build", *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def magelang(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    _build([str(MAGELANG_XLSX), "-o", str(out)])
    return out / MAGELANG_DOCX


def test_headers_are_the_seeds(magelang: Path) -> None:
    """The header row holds the seed's 13 headers; body rows have 15 cells."""
    headers, rows = main_table(magelang)
    seed_headers, _ = seed_indicators(SEED)
    assert headers == seed_headers
    assert len(rows) == 7 * 4
    assert all(len(row) == 15 for row in rows)


def test_every_indicator_holds_the_seed_texts(magelang: Path) -> None:
    """Each of the 7 indicators has exactly the seed's texts in the seed's columns."""
    _, rows = main_table(magelang)
    _, seed = seed_indicators(SEED)
    assert len(seed) == 7
    for number, want in enumerate(seed):
        first = rows[number * 4]
        got = {
            "sasaran": first[0].text,
            "indikator": first[1].text,
            "target": first[2].text,
            "kegiatan": first[4].text,
            "rencana": first[9].text,
            "data": first[12].text,
            "keterangan": first[14].text,
        }
        expected = {k: " ".join(str(v).split()) for k, v in want.items() if k != "rumus"}
        assert got == expected, f"indicator {number + 1}"
        rumus = want["rumus"]
        if rumus is None:
            assert first[3].text == "" and first[3].numerator is None
        elif fraction := seed_fraction(rumus):
            assert (first[3].numerator, first[3].denominator) == fraction
            assert first[3].after_fraction == "× 100%"
        else:
            assert first[3].numerator is None and first[3].text == seed_plain(rumus)
        labels = [rows[number * 4 + k][8].text for k in range(4)]
        assert labels == ["TW I", "TW II", "TW III", "TW IV"]
        assert [rows[number * 4 + k][10].text for k in range(4)] == labels
        assert all(rows[number * 4 + k][c].text == "0" for k in range(4) for c in (5, 6, 7))


def test_merges_are_as_the_contract_says(magelang: Path) -> None:
    """Sasaran merges over its indicators; indicator columns over four rows; the rest per row."""
    _, rows = main_table(magelang)
    sasaran_starts = {0, 2, 3, 5}  # indicators that begin a new Sasaran Kegiatan
    assert SASARAN_COLUMNS == (0,) and len(INDICATOR_COLUMNS) == 7
    for number in range(7):
        block = rows[number * 4 : number * 4 + 4]
        for column in SASARAN_COLUMNS:
            first = "restart" if number in sasaran_starts else "continue"
            assert [row[column].merge for row in block] == [first] + ["continue"] * 3
        for column in INDICATOR_COLUMNS:
            assert [row[column].merge for row in block] == ["restart"] + ["continue"] * 3
        for column in PER_ROW_COLUMNS:
            assert all(row[column].merge is None for row in block)


def test_merged_continuations_are_empty_in_the_xml(magelang: Path) -> None:
    """Continuation cells carry no text of their own (Word would show it)."""
    document = Document(str(magelang))
    table = next(t for t in document.tables if "SASARAN" in t.rows[0].cells[0].text)
    from docx.oxml.ns import qn

    for tr in table._tbl.findall(qn("w:tr"))[1:]:
        for tc in tr.findall(qn("w:tc")):
            merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merge is not None and merge.get(qn("w:val")) is None:
                assert "".join(tc.itertext()).strip() == ""


def test_cover_title_and_signature(magelang: Path) -> None:
    """Cover lines, the title, 'Magelang, 22 Juni 2026' and the signer are in the document."""
    text = "\n".join(paragraphs(magelang))
    assert (
        "DOKUMEN RENCANA AKSI\nATAS PERJANJIAN KINERJA\nYANG DITANDATANGANI\n"
        "KEPALA BALAI PEMASYARAKATAN\nKELAS II MAGELANG" in text
    )
    assert "BALAI PEMASYARAKATAN\nKELAS II MAGELANG 2026" in text
    assert "RENCANA AKSI ATAS PERJANJIAN KINERJA DI BALAI PEMASYARAKATAN KELAS II MAGELANG" in text
    assert "Magelang, 22 Juni 2026" in text
    assert "Agustiyar Ekantoro" in text
    assert "Capaian s.d." not in text  # no reporting quarter in the seed
    assert "NIP." not in text


def test_layout_landscape_a4_header_repeats_rows_do_not_split(magelang: Path) -> None:
    """Landscape A4; the header row repeats on each page; body rows never split."""
    from docx.oxml.ns import qn

    document = Document(str(magelang))
    section = document.sections[0]
    assert abs(section.page_width - Mm(297)) < Mm(1) and abs(section.page_height - Mm(210)) < Mm(1)
    table = next(t for t in document.tables if "SASARAN" in t.rows[0].cells[0].text)
    rows = table._tbl.findall(qn("w:tr"))
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in rows[1:])


def _keep_pattern(path: Path) -> list[bool | None]:
    """Per body row: True when every paragraph keeps with next, False when none, else None."""
    from docx.oxml.ns import qn

    pattern: list[bool | None] = []
    keep = f"{qn('w:pPr')}/{qn('w:keepNext')}"
    for tr in table_element(path).findall(qn("w:tr"))[1:]:
        flags = [p.find(keep) is not None for p in tr.iter(qn("w:p"))]
        pattern.append(True if all(flags) else False if not any(flags) else None)
    return pattern


def test_an_indicators_rows_keep_together(magelang: Path, tmp_path: Path) -> None:
    """The first three rows of each indicator keep with the next row, the fourth does not;
    the same with a clerk's template that has no 'keep with next' of its own."""
    assert _keep_pattern(magelang) == [True, True, True, False] * 7
    ours = default_template(TEMPLATE)
    plain = tmp_path / "tanpa-keep.docx"
    with zipfile.ZipFile(ours) as source, zipfile.ZipFile(plain, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                assert data.count(b"<w:keepNext/>") > 10
                data = data.replace(b"<w:keepNext/>", b"")
            copy.writestr(item, data)
    _build([str(MAGELANG_XLSX), "-o", str(tmp_path / "out"), "--template", str(plain)])
    assert _keep_pattern(tmp_path / "out" / MAGELANG_DOCX) == _keep_pattern(magelang)


def test_vmerge_is_written_in_schema_order(magelang: Path) -> None:
    """w:vMerge comes after w:tcW/w:gridSpan and before w:vAlign/w:shd in every cell."""
    from docx.oxml.ns import qn

    order = [
        "tcW",
        "gridSpan",
        "hMerge",
        "vMerge",
        "tcBorders",
        "shd",
        "noWrap",
        "tcMar",
        "textDirection",
        "tcFitText",
        "vAlign",
        "hideMark",
    ]
    document = Document(str(magelang))
    for tc_pr in document.element.body.iter(qn("w:tcPr")):
        names = [child.tag.split("}")[1] for child in tc_pr]
        known = [n for n in names if n in order]
        assert known == sorted(known, key=order.index), names


# Hand-worked CAPAIAN of contoh-triwulan with Pembulatan potong (truncate to 2 decimals):
# LP-1 40/60=66,666… → 66,66; 95/122=77,868… → 77,86; 145/180=80,555… → 80,55.
# LP-3 458/462=99,134… → 99,13. LP-5 9/612=1,4705… → 1,47; 15/590=2,5423… → 2,54.
CAPAIAN_TW3 = [
    ["66,66%", "77,86%", "80,55%", ""],
    ["25 orang", "65 orang", "97 orang", ""],
    ["100%", "99%", "99,13%", ""],
    ["100%", "-", "75%", ""],
    ["2%", "1,47%", "2,54%", ""],
    ["1 kejadian", "0 kejadian", "3 kejadian", ""],
    ["-62,5%", "-12,5%", "12,5%", ""],
    ["3,41", "3,41", "3,58", ""],
]


def test_contoh_capaian_as_of_tw3(tmp_path: Path) -> None:
    """contoh-triwulan built with -t III shows the hand-worked CAPAIAN, empty after TW III."""
    _build([str(CONTOH_XLSX), "-o", str(tmp_path), "-t", "III"])
    path = tmp_path / "rencana-aksi-lembaga-pemasyarakatan-kelas-iib-sukamaju-2026-tw3.docx"
    _, rows = main_table(path)
    got = [[rows[i * 4 + k][11].text for k in range(4)] for i in range(8)]
    assert got == CAPAIAN_TW3
    assert [rows[0][c].text for c in (5, 6, 7)] == ["25.000.000", "20.000.000", "18.750.000"]
    text = "\n".join(paragraphs(path))
    assert "Capaian s.d. Triwulan III Tahun 2026" in text
    assert "Sukamaju, 9 Oktober 2026" in text
    assert "NIP. 19751231 200003 2 002" in text
    assert "Kepala Lembaga Pemasyarakatan Kelas IIB Sukamaju" in text
    section = Document(str(path)).sections[0]
    assert abs(section.page_width - Mm(330)) < Mm(1)  # F4 landscape, as the workbook says


def test_quarter_option_overrides_and_names_the_file(tmp_path: Path) -> None:
    """-t I limits CAPAIAN to TW I and adds -tw1 to the file name."""
    _build([str(CONTOH_XLSX), "-o", str(tmp_path), "-t", "1"])
    path = tmp_path / "rencana-aksi-lembaga-pemasyarakatan-kelas-iib-sukamaju-2026-tw1.docx"
    _, rows = main_table(path)
    assert [rows[k][11].text for k in range(4)] == ["66,66%", "", "", ""]
    assert "Capaian s.d. Triwulan I Tahun 2026" in "\n".join(paragraphs(path))


def test_existing_output_is_kept_without_force(tmp_path: Path) -> None:
    """A second build without --force fails and leaves the first document as it was."""
    _build([str(MAGELANG_XLSX), "-o", str(tmp_path)])
    target = tmp_path / MAGELANG_DOCX
    before = target.read_bytes()
    result = CliRunner().invoke(main, ["build", str(MAGELANG_XLSX), "-o", str(tmp_path)])
    assert result.exit_code == 1 and "--force" in result.output
    assert target.read_bytes() == before
    _build([str(MAGELANG_XLSX), "-o", str(tmp_path), "--force"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [MAGELANG_DOCX]


def test_invalid_workbook_builds_nothing(workbook: Callable[..., Path], tmp_path: Path) -> None:
    """A workbook with errors prints the validate messages, exits 1 and writes no file."""

    def edit(book: Workbook) -> None:
        book["Indikator"]["D2"] = "tiga"

    path = workbook(edit)
    out = tmp_path / "hasil"
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert "Indikator!D2: Target:" in result.output
    validate = CliRunner().invoke(main, ["validate", str(path)])
    assert "Indikator!D2: Target:" in validate.output
    assert not out.exists() or not any(out.iterdir())


HOSTILE = "R&D <5%> \"kutip\" 'satu' {{ 7*7 }} {% for x in y %} مرحبا 😀\nbaris kedua"


def test_hostile_text_comes_out_exactly_as_typed(
    workbook: Callable[..., Path], tmp_path: Path
) -> None:
    """&, <, >, quotes, Jinja syntax, Arabic, emoji and line breaks print literally, everywhere."""

    def edit(book: Workbook) -> None:
        sheet = book["Indikator"]
        for column in ("B", "C", "I", "J", "M", "N", "O", "P"):
            sheet[f"{column}2"] = HOSTILE
        sheet["L3"] = HOSTILE  # Rumus text of IK-2
        sheet["E4"] = "<orang & anak>"  # Satuan, printed after the target
        sheet["F4"] = "jumlah"
        book["Triwulan"]["I2"] = HOSTILE  # Status Pelaksana
        identitas = book["Identitas"]
        identitas["B4"] = 'Kota <&> "Uji"'
        identitas["B6"] = "Kepala & <Plt.> 'Uji'"
        identitas["B7"] = "Nama {{ 7*7 }} & <Uji>"

    _build([str(workbook(edit)), "-o", str(tmp_path)])
    path = tmp_path / MAGELANG_DOCX
    _, rows = main_table(path)
    flat = " ".join(HOSTILE.split())
    first = rows[0]
    for column in (0, 1, 4, 9, 12, 13):
        assert first[column].text == flat, column
    assert first[14].text == flat  # two bullet lines, joined
    assert (first[3].numerator, first[3].denominator) == (flat, flat)
    assert rows[4][3].text == flat and rows[4][3].numerator is None  # the Rumus text
    assert rows[8][2].text == "75 <orang & anak>"
    assert "49" not in first[1].text and "{{ 7*7 }}" in first[1].text
    document = Document(str(path))
    assert any("\n" in c.text for c in document.tables[0].rows[1].cells)
    text = "\n".join(paragraphs(path))
    assert 'Kota <&> "Uji", 22 Juni 2026' in text
    assert "Kepala & <Plt.> 'Uji'" in text
    assert "Nama {{ 7*7 }} & <Uji>" in text


def test_two_hundred_indicators_build(tmp_path: Path) -> None:
    """A 200-indicator workbook builds into 800 body rows."""
    source = make_workbook(tmp_path, content=synthetic(200), name="besar.xlsx")
    _build([str(source), "-o", str(tmp_path)])
    built = next(tmp_path.glob("rencana-aksi-*.docx"))
    _, rows = main_table(built)
    assert len(rows) == 800


def test_template_command_and_custom_template(tmp_path: Path) -> None:
    """template writes our template; a build with --template uses it."""
    copy = tmp_path / "templat.docx"
    assert CliRunner().invoke(main, ["template", str(copy)]).exit_code == 0
    _build([str(MAGELANG_XLSX), "-o", str(tmp_path / "out"), "--template", str(copy)])
    assert (tmp_path / "out" / MAGELANG_DOCX).is_file()


def _template_with(tmp_path: Path, text: str) -> Path:
    """Our template with one more paragraph holding `text`."""
    document = Document(str(default_template(TEMPLATE)))
    document.add_paragraph(text)
    path = tmp_path / "jahat.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "ditolak"),
        ("{{ tidak_ada }}", "tidak ada"),
        ("{% for %}", "rusak"),
    ],
    ids=["python-internals", "unknown-name", "broken-tag"],
)
def test_bad_custom_templates_fail_clearly(tmp_path: Path, text: str, fragment: str) -> None:
    """A template that reaches for internals, names nothing, or is broken: exit 1, no output."""
    template = _template_with(tmp_path, text)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(MAGELANG_XLSX), "-o", str(out), "--template", str(template)]
    )
    assert result.exit_code == 1, result.output
    assert fragment in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def _png(path: Path) -> Path:
    """A valid 2×2 PNG, made by hand (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\x1f\x4e\x78" * 2 for _ in range(2))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def test_logo_on_the_cover(tmp_path: Path) -> None:
    """A Logo named in Identitas (relative to the workbook) appears as an image on the cover."""

    def edit(book: Workbook) -> None:
        book["Identitas"]["B12"] = "logo-upt.png"

    _png(tmp_path / "logo-upt.png")
    source = make_workbook(tmp_path, edit)
    _build([str(source), "-o", str(tmp_path / "out")])
    document = Document(str(tmp_path / "out" / MAGELANG_DOCX))
    assert len(document.inline_shapes) == 1
    assert abs(document.inline_shapes[0].height - Mm(30)) < Mm(1)


def _loop_row_fields(template: Path) -> list[set[str]]:
    """The `row.…` fields of each cell of the template's loop row."""
    import re

    from docx.oxml.ns import qn

    document = Document(str(template))
    for table in document.tables:
        rows = table._tbl.findall(qn("w:tr"))
        for index, tr in enumerate(rows):
            if "{%tr for row in rows %}" in "".join(tr.itertext()):
                cells = rows[index + 1].findall(qn("w:tc"))
                return [set(re.findall(r"row\.(\w+)", "".join(tc.itertext()))) for tc in cells]
    raise AssertionError("no loop row")


def test_template_tags_are_the_documented_interface() -> None:
    """Our template and the one saved before issue 9 show the documented row fields in order."""
    assert _loop_row_fields(default_template(TEMPLATE)) == list(COLUMN_FIELDS)
    assert _loop_row_fields(TEMPLATE_BEFORE_ISSUE_9) == list(COLUMN_FIELDS)
    documented = (Path(__file__).parent.parent / "docs" / "template.md").read_text("utf-8")
    for fields in COLUMN_FIELDS:
        for name in fields:
            assert f"row.{name}" in documented, name
    for name in ("sampul.kepala", "sampul.unit", "judul", "subjudul", "logo", "ttd.nama"):
        assert name in documented, name


def test_template_saved_before_issue_9_renders_the_same_table(
    magelang: Path, tmp_path: Path
) -> None:
    """A clerk's copy of the template as shipped before issue 9 renders the same table,
    merges and keep-together pattern as today's template."""
    out = tmp_path / "out"
    _build([str(MAGELANG_XLSX), "-o", str(out), "--template", str(TEMPLATE_BEFORE_ISSUE_9)])
    assert main_table(out / MAGELANG_DOCX) == main_table(magelang)
    assert _keep_pattern(out / MAGELANG_DOCX) == _keep_pattern(magelang)
    assert paragraphs(out / MAGELANG_DOCX) == paragraphs(magelang)


def test_docxtpl_still_parses_through_fix_tables(tmp_path: Path) -> None:
    """Our strict parse overrides docxtpl's `fix_tables(xml)`: a template whose tags cut the
    table open is refused (docxtpl's own recover-mode parse would quietly repair it)."""
    import inspect

    from docxtpl import DocxTemplate

    assert list(inspect.signature(DocxTemplate.fix_tables).parameters) == ["self", "xml"]
    document = Document(str(default_template(TEMPLATE)))
    document.tables[0].rows[0].cells[0].paragraphs[0].add_run("{% if False %}")
    document.add_paragraph("{% endif %}")
    template = tmp_path / "terpotong.docx"
    document.save(str(template))
    plan = read_plan(MAGELANG_XLSX).plan
    assert plan is not None
    with pytest.raises(TemplateProblem, match="XML yang rusak"):
        rencana_aksi_docx.render_docx(build_context(plan), tmp_path / "hasil.docx", template)
    assert not (tmp_path / "hasil.docx").exists()


def test_docxtpl_compiles_through_from_string(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docxtpl patches each part through `patch_xml(src_xml)` and compiles it through
    `jinja_env.from_string`, so our environment does both once per template: the second
    render of the same template patches and compiles nothing."""
    import inspect

    from docxtpl import DocxTemplate

    assert list(inspect.signature(DocxTemplate.patch_xml).parameters) == ["self", "src_xml"]
    monkeypatch.setattr(templates, "ENVIRONMENT", templates.Environment())
    patches: list[str] = []
    original = DocxTemplate.patch_xml

    def counting(self: DocxTemplate, src_xml: str) -> str:
        patches.append(src_xml)
        return original(self, src_xml)

    monkeypatch.setattr(DocxTemplate, "patch_xml", counting)
    plan = read_plan(MAGELANG_XLSX).plan
    assert plan is not None
    context = build_context(plan)
    rencana_aksi_docx.render_docx(context, tmp_path / "satu.docx")
    compiled = dict(templates.ENVIRONMENT.compiled)
    assert any("row.indikator" in source for source in compiled)
    assert any("row.indikator" in source for source in templates.ENVIRONMENT.patched.values())
    patched_once = len(patches)
    assert patched_once >= 1
    rencana_aksi_docx.render_docx(context, tmp_path / "dua.docx")
    assert len(patches) == patched_once
    assert templates.ENVIRONMENT.compiled.keys() == compiled.keys()
    assert all(templates.ENVIRONMENT.compiled[k] is v for k, v in compiled.items())


def test_merged_fields_are_blank_where_the_merge_continues() -> None:
    """Context rows carry a merged field's text only on the row where its merge starts."""
    plan = read_plan(MAGELANG_XLSX).plan
    assert plan is not None
    rows = build_context(plan).rows
    for span, names in MERGED_FIELDS.items():
        starting = [row for row in rows if row.starts(span)]
        continuing = [row for row in rows if not row.starts(span)]
        assert starting and continuing, span
        assert all(any(getattr(row, name) for name in names) for row in starting), span
        for row in continuing:
            assert all(getattr(row, name) in ("", (), None) for name in names), span


def test_docxtpl_resolves_breaks_through_resolve_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docxtpl turns line breaks into Word breaks through `resolve_listing(xml)`, which we
    narrow to the paragraphs that need it: it is called, and a typed line break still prints."""
    import inspect

    from docxtpl import DocxTemplate

    assert list(inspect.signature(DocxTemplate.resolve_listing).parameters) == ["self", "xml"]
    calls: list[str] = []
    narrowed = templates.Template.resolve_listing

    def spy(self: templates.Template, xml: str) -> str:
        calls.append(xml)
        return narrowed(self, xml)

    monkeypatch.setattr(templates.Template, "resolve_listing", spy)
    plan = read_plan(MAGELANG_XLSX).plan
    assert plan is not None
    rencana_aksi_docx.render_docx(build_context(plan), tmp_path / "hasil.docx")
    assert any("Bimbingan Kemasyarakatan" in xml for xml in calls)
    kegiatan = Document(str(tmp_path / "hasil.docx")).tables[0].rows[9].cells[9].text
    assert "\n" in kegiatan, kegiatan


# --- What a clerk's LibreOffice shows (issue 11) -------------------------------------------

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is not installed"
)


def _soffice(soffice: str, folder: Path, convert_to: str, *documents: Path) -> Path:
    """Convert `documents` with `soffice` and a fresh, unseeded LibreOffice profile (a
    clerk's defaults); the results go to folder/out."""
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'profil'}",
            "--headless",
            "--convert-to",
            convert_to,
            "--outdir",
            str(folder / "out"),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        start_new_session=True,
    )
    return folder / "out"


@pytest.fixture(scope="module")
def writer_pdf(magelang: Path, tmp_path_factory: pytest.TempPathFactory, soffice: str) -> Path:
    """The Magelang document converted to PDF by LibreOffice with default settings."""
    out = _soffice(soffice, tmp_path_factory.mktemp("lo-pdf"), "pdf", magelang)
    return out / magelang.with_suffix(".pdf").name


def _table_words(pdf: Path) -> list[tuple[float, float, str]]:
    """(xMin, xMax, text) of every word from the table header down, on every page that has
    the table (pdftotext -bbox)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    word = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
    found = []
    for page in html.split("<page ")[1:]:
        words = [
            (float(a), float(y), float(b), unescape(t)) for a, y, b, t in re.findall(word, page)
        ]
        top = next((y for _, y, _, text in words if text == "RUMUS"), None)
        if top is not None:
            found += [(a, b, text) for a, y, b, text in words if y >= top - 1]
    return found


def _column_x(docx: Path, index: int) -> tuple[float, float]:
    """Left and right edge (points) of grid column `index` of the main table, centred on
    the page as the template says."""
    from docx.oxml.ns import qn

    document = Document(str(docx))
    section = document.sections[0]
    grid = [int(c.get(qn("w:w"))) / 20 for c in table_element(docx).iter(qn("w:gridCol"))][:15]
    page = section.page_width.pt
    left = (page - sum(grid)) / 2
    return left + sum(grid[:index]), left + sum(grid[: index + 1])


@pytest.mark.libreoffice
@needs_poppler
def test_formulas_fit_their_column_in_a_default_libreoffice(
    magelang: Path, writer_pdf: Path
) -> None:
    """With LibreOffice's default settings, every word of every RUMUS fraction and each
    '× 100%' is drawn inside the RUMUS column (nothing clipped, nothing spilling), in sans."""
    x0, x1 = _column_x(magelang, 3)
    inside = [text for a, b, text in _table_words(writer_pdf) if a >= x0 - 1 and b <= x1 + 1]
    _, rows = main_table(magelang)
    expected: list[str] = []
    for row in rows[::4]:
        cell = row[3]
        if cell.numerator is not None:
            expected += [cell.numerator, cell.denominator or "", cell.after_fraction]
        else:
            expected.append(cell.text)
    pages = subprocess.run(["pdfinfo", str(writer_pdf)], capture_output=True, text=True).stdout
    count = int(re.findall(r"Pages:\s+(\d+)", pages)[0])
    expected += ["RUMUS PERHITUNGAN"] * (count - 1)  # the header row on every page but the cover
    assert sum("× 100%" in e for e in expected) == 5
    assert Counter("".join(inside).replace(" ", "")) == Counter("".join(expected).replace(" ", ""))
    fonts = subprocess.run(["pdffonts", str(writer_pdf)], capture_output=True, text=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names and not [n for n in names if "Serif" in n or "Caladea" in n], names


@pytest.mark.libreoffice
def test_writer_resave_keeps_the_fractions_and_the_template_works(
    magelang: Path, tmp_path: Path, soffice: str
) -> None:
    """Writer re-saves (as a clerk would): the document keeps readable fractions; the
    template, re-saved, renders the same table, merges and keep-together as the original."""
    template = tmp_path / "templat-writer.docx"
    shutil.copyfile(default_template(TEMPLATE), template)
    out = _soffice(soffice, tmp_path, "docx:MS Word 2007 XML", template, magelang)
    _, original = main_table(magelang)
    _, resaved = main_table(out / magelang.name)
    for before, after in zip(original[::4], resaved[::4], strict=True):
        assert (after[3].numerator, after[3].denominator, after[3].after_fraction) == (
            before[3].numerator,
            before[3].denominator,
            before[3].after_fraction,
        )
    built = tmp_path / "hasil"
    _build([str(MAGELANG_XLSX), "-o", str(built), "--template", str(out / template.name)])
    assert main_table(built / MAGELANG_DOCX) == main_table(magelang)
    assert _keep_pattern(built / MAGELANG_DOCX) == _keep_pattern(magelang)
    assert paragraphs(built / MAGELANG_DOCX) == paragraphs(magelang)


def test_template_without_its_loop_tag_is_refused(tmp_path: Path) -> None:
    """A template whose {%tr for row in rows %} was deleted: exit 1, the message names the
    missing tag, and no document is written."""
    template = tmp_path / "tanpa-loop.docx"
    with (
        zipfile.ZipFile(default_template(TEMPLATE)) as source,
        zipfile.ZipFile(template, "w") as copy,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                assert data.count(b"{%tr for row in rows %}") == 1
                data = data.replace(b"{%tr for row in rows %}", b"")
            copy.writestr(item, data)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(MAGELANG_XLSX), "-o", str(out), "--template", str(template)]
    )
    assert result.exit_code == 1
    assert "{%tr for row in rows %}" in result.output and "tidak memuat" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_template_language_is_indonesian() -> None:
    """The template's default language is id-ID everywhere (no en-US, no ar-SA)."""
    with zipfile.ZipFile(default_template(TEMPLATE)) as template:
        xml = b"".join(template.read(n) for n in ("word/styles.xml", "word/settings.xml"))
    languages = set(re.findall(rb'w:(?:val|eastAsia|bidi)="([a-z]{2}-[A-Z]{2})"', xml))
    assert languages == {b"id-ID"}


def test_sasaran_texts_differing_only_in_spacing_share_one_merge(
    workbook: Callable[..., Path], tmp_path: Path
) -> None:
    """A Sasaran typed again with a double space and a trailing space still merges with the
    indicator above it."""

    def edit(book: Workbook) -> None:
        sheet = book["Indikator"]
        above = str(sheet["B2"].value)
        sheet["B3"] = above.replace(" ", "  ", 1) + " "

    _build([str(workbook(edit)), "-o", str(tmp_path)])
    _, rows = main_table(tmp_path / MAGELANG_DOCX)
    assert rows[0][0].merge == "restart"
    assert [row[0].merge for row in rows[1:8]] == ["continue"] * 7


# --- Signing (basah / elektronik) ---------------------------------------------------------


def _signed(folder: Path, template: Path | None = None, **unit: object) -> Path:
    """The Magelang plan with `unit` fields replaced, rendered to folder/ttd.docx."""
    plan = read_plan(MAGELANG_XLSX).plan
    assert plan is not None
    plan = replace(plan, unit=replace(plan.unit, **unit))  # type: ignore[arg-type]
    return rencana_aksi_docx.render_docx(build_context(plan), folder / "ttd.docx", template)


def _signing_space(path: Path) -> list[Any]:
    """The paragraphs between the place-and-date line and the signer's name."""
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Magelang, 22 Juni 2026")
    end = texts.index("Agustiyar Ekantoro")
    return document.paragraphs[start + 1 : end]


def _footers(path: Path) -> list[str]:
    document = Document(str(path))
    return [p.text for section in document.sections for p in section.footer.paragraphs]


def _all_text(path: Path) -> str:
    """Every w:t of the body and the footers."""
    with zipfile.ZipFile(path) as docx:
        xml = b"".join(
            docx.read(n) for n in docx.namelist() if re.match(r"word/(document|footer\d*)\.xml", n)
        ).decode("utf-8")
    return unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))


def test_basah_leaves_four_empty_lines_to_sign(tmp_path: Path) -> None:
    """Signed by hand (the default): four empty lines, no tag character, an empty footer."""
    path = _signed(tmp_path)
    assert [p.text for p in _signing_space(path)] == [""] * 4
    assert "#" not in _all_text(path)
    assert "".join(_footers(path)) == ""


def test_basah_image_is_placed_in_the_signing_space(tmp_path: Path) -> None:
    """A Gambar Tanda Tangan is the one image between the date line and the name, 20 mm high."""
    path = _signed(tmp_path, signature_image=_png(tmp_path / "ttd.png"))
    space = _signing_space(path)
    images = [i for p in space for i in p._p.iter("{*}inline")]
    assert len(images) == 1 and len(space) == 1
    document = Document(str(path))
    assert len(document.inline_shapes) == 1
    assert abs(document.inline_shapes[0].height - Mm(20)) < Mm(1)


def test_elektronik_prints_the_tag_once_and_the_bsre_footer(tmp_path: Path) -> None:
    """Signed electronically: the tag character once, in the signing space, in the table's
    style; the BSrE footer in the footer; no image even when one is named."""
    path = _signed(
        tmp_path,
        signing=Signing.ELEKTRONIK,
        tte_tag="^",
        signature_image=_png(tmp_path / "ttd.png"),
    )
    assert _all_text(path).count("^") == 1
    tagged = [p for p in _signing_space(path) if p.text]
    assert [p.text for p in tagged] == ["^"]
    assert tagged[0].style.name == "Tabel Tengah"
    assert len(Document(str(path)).inline_shapes) == 0
    assert [t for t in _footers(path) if t] == [BSRE_FOOTER]


def test_elektronik_with_a_template_lacking_the_tags_is_refused(tmp_path: Path) -> None:
    """The template saved before signing existed cannot sign electronically: the error names
    the missing tags; signed by hand it still renders."""
    with pytest.raises(
        TemplateProblem, match=r"\{\{ ttd\.penanda \}\}.*\{\{ ttd\.catatan_kaki \}\}"
    ):
        _signed(tmp_path, TEMPLATE_BEFORE_ISSUE_9, signing=Signing.ELEKTRONIK)
    assert not (tmp_path / "ttd.docx").exists()
    assert _signed(tmp_path, TEMPLATE_BEFORE_ISSUE_9).is_file()


@pytest.mark.libreoffice
@needs_poppler
def test_elektronik_pdf_has_the_tag_once_and_the_footer_on_every_page(
    tmp_path: Path, soffice: str
) -> None:
    """In LibreOffice's PDF the tag character occurs exactly once, and every page (the cover
    included) carries the BSrE footer."""
    path = _signed(tmp_path, signing=Signing.ELEKTRONIK, tte_tag="#")
    out = _soffice(soffice, tmp_path, "pdf", path)
    text = subprocess.run(
        ["pdftotext", str(out / "ttd.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = [" ".join(page.split()) for page in text.split("\f") if page.strip()]
    assert len(pages) >= 3
    assert text.count("#") == 1
    assert all(BSRE_FOOTER in page for page in pages), pages


def test_documents_pass_an_independent_ooxml_schema_check(tmp_path: Path) -> None:
    """Signed by hand, with an image and electronically, the .docx (nested fraction tables,
    merges, footer) has no schema or Word app-compat finding in openxml-audit."""
    from openxml_audit import OpenXmlValidator

    validator = OpenXmlValidator()
    variants: list[dict[str, object]] = [
        {},
        {"signature_image": _png(tmp_path / "ttd.png")},
        {"signing": Signing.ELEKTRONIK},
    ]
    for index, unit in enumerate(variants):
        folder = tmp_path / str(index)
        folder.mkdir()
        result = validator.validate(str(_signed(folder, **unit)))
        assert result.errors == [], (unit, result.errors[:3])
