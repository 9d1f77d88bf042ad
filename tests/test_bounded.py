"""Bounded work and no server files (docs/serve.md, docs/workbook.md): a stray cell at
A1048576 costs one cell, a zip of 100,000 parts is refused from its count, and a workbook's
Logo or Gambar Tanda Tangan never makes the server open a path of its own, only images
uploaded in the same request.

The reproductions go through the real command line and the real server (`tests/serve_live`).
Timings are in bench/serve_attack.py; here only bounds that cannot be flaky (peak memory of a
process that does nothing else, messages, documents)."""

from __future__ import annotations

import functools
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from renaksi_docs.build import BuildOptions, build_one
from renaksi_docs.cli import main
from renaksi_docs.workbook.container import MAX_MEMBERS, ContainerRefused, check_container
from renaksi_docs.workbook.images import ImageRefused, Uploaded, is_plain
from renaksi_docs.workbook.reader import FAR_GAP, filled_cells, read_plan

from . import hostile
from .conftest import MAGELANG_XLSX, HeavyFiles
from .serve_live import Answer, LiveServer, live_server, request

MB = 1024 * 1024
LOGO = "B12"
SIGNATURE = "B14"
"""The Identitas cells of Logo and Gambar Tanda Tangan in the standard workbook."""


def stray_bytes(cell: str = "A1048576", sheet: str = "Indikator") -> bytes:
    """The Magelang sample with one value typed at `sheet`!`cell`."""

    def edit(book: Workbook) -> None:
        book[sheet][cell] = "x"

    return hostile.xlsx_bytes(edit)


def identitas(**cells: str) -> bytes:
    """The Magelang sample with Identitas cells set (B12 Logo, B14 Gambar Tanda Tangan)."""

    def edit(book: Workbook) -> None:
        for cell, value in cells.items():
            book["Identitas"][cell] = value

    return hostile.xlsx_bytes(edit)


def problems(answer: Answer) -> list[dict[str, str]]:
    """The problems of the one workbook of a validate or build answer."""
    files = json.loads(answer.body)["berkas"]
    assert len(files) == 1
    found: list[dict[str, str]] = files[0]["masalah"]
    return found


def peak_rss_of_command(*args: str) -> tuple[int, str, int]:
    """(exit code, output, peak RSS in bytes) of `python -m renaksi_docs ARGS`, measured by a
    wrapper process whose only child it is (getrusage of its children)."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-m', 'renaksi_docs', *sys.argv[1:]],"
        " capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "scale = 1 if sys.platform == 'darwin' else 1024\n"
        "print(done.returncode, peak * scale)\n"
        "print(done.stdout + done.stderr, end='')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *args], capture_output=True, text=True, check=True
    )
    first, _, output = done.stdout.partition("\n")
    code, peak = first.split()
    return int(code), output, int(peak)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One real `renaksi-docs serve` for the module."""
    with live_server(tmp_path_factory.mktemp("server")) as running:
        yield running


@pytest.fixture(scope="module")
def many_members(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plus 100,000 empty parts (under the server's 10 MB limit)."""
    return hostile.many_members(tmp_path_factory.mktemp("zip") / "banyak.xlsx", 100_000)


# --- a stray cell --------------------------------------------------------------------------


def test_stray_cell_validates_in_bounded_memory(tmp_path: Path) -> None:
    """`validate` of the stray-cell workbook peaks under 200 MB and names the cell."""
    path = tmp_path / "nyasar.xlsx"
    path.write_bytes(stray_bytes())
    code, output, peak = peak_rss_of_command("validate", str(path))
    assert code == 1, output
    assert "Indikator!A1048576: isian jauh di bawah tabel (baris 1.048.576" in output
    assert peak < 200 * MB, f"{peak / MB:.0f} MB"


def test_stray_cell_is_the_only_problem(tmp_path: Path) -> None:
    """The rest of the workbook is read as usual: the stray cell is its one error."""
    for sheet, cell in (("Indikator", "A1048576"), ("Triwulan", "E1048576")):
        path = tmp_path / f"{sheet}.xlsx"
        path.write_bytes(stray_bytes(cell, sheet))
        reading = read_plan(path)
        assert [(p.sheet, p.cell) for p in reading.problems] == [(sheet, cell)]
        assert "tidak dibaca" in reading.problems[0].message


def test_stray_identitas_label_costs_nothing(tmp_path: Path) -> None:
    """An unknown label far down Identitas is ignored; the sample stays valid."""
    path = tmp_path / "identitas.xlsx"
    path.write_bytes(stray_bytes("A1048576", "Identitas"))
    reading = read_plan(path)
    assert reading.plan is not None and not reading.problems


def test_rows_after_a_short_gap_are_read(tmp_path: Path) -> None:
    """A row after FAR_GAP empty rows is still part of the table (parsed, its errors told)."""
    near, far = 8 + FAR_GAP + 1, 8 + FAR_GAP + 2
    path = tmp_path / "dekat.xlsx"
    path.write_bytes(stray_bytes(f"A{near}"))
    reading = read_plan(path)
    assert reading.errors and all(p.cell and p.cell.endswith(str(near)) for p in reading.errors)
    assert not any("jauh di bawah" in p.message for p in reading.errors)
    path.write_bytes(stray_bytes(f"A{far}"))
    assert [p.cell for p in read_plan(path).problems] == [f"A{far}"]


def test_formatted_cells_are_not_filled(tmp_path: Path, heavy: HeavyFiles) -> None:
    """5,000 formatted but empty rows below the Triwulan table are not rows: no problem."""
    path = tmp_path / "format.xlsx"
    path.write_bytes(heavy.formatted_tail)
    reading = read_plan(path)
    assert reading.plan is not None and not reading.problems


# --- a zip of many parts -------------------------------------------------------------------


def _parts(path: Path) -> str:
    """How many parts the zip at `path` really has (the sample's own and the empty ones), as
    the message writes it: '100.014'."""
    with zipfile.ZipFile(path) as package:
        return f"{len(package.infolist()):,}".replace(",", ".")


def test_zip_of_many_parts_is_refused_from_its_count(many_members: Path) -> None:
    """100,000 empty parts: refused, naming the count and the limit."""
    with pytest.raises(ContainerRefused) as refused:
        check_container(many_members)
    assert f"berisi {_parts(many_members)} bagian" in str(refused.value)
    assert f"paling banyak {MAX_MEMBERS:,}".replace(",", ".") in str(refused.value)


def test_zip_whose_end_record_undercounts_is_refused(tmp_path: Path) -> None:
    """An end record that claims 10 parts does not let 3,000 through."""
    path = hostile.many_members(tmp_path / "bohong.xlsx", 3000)
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = (10).to_bytes(2, "little") * 2
    path.write_bytes(bytes(data))
    with pytest.raises(ContainerRefused, match=f"berisi {_parts(path)} bagian"):
        check_container(path)


def test_zip_of_many_parts_through_the_server(server: LiveServer, many_members: Path) -> None:
    """/api/validate answers 200 with one galat naming the count; /api/build 422."""
    sent = [("banyak.xlsx", many_members.read_bytes())]
    answer = request(server.url + "api/validate", sent)
    assert answer.status == 200
    [problem] = problems(answer)
    assert f"berisi {_parts(many_members)} bagian" in problem["pesan"]
    assert request(server.url + "api/build", sent).status == 422


# --- images: never a server path -----------------------------------------------------------


def test_only_plain_names_may_be_matched() -> None:
    """Absolute, `..`, drive and UNC paths are refused; relative names keep their last part."""
    refused = [
        "/srv/rahasia/x.png",
        "../../../../../../srv/rahasia/x.png",
        "gambar/../../x.png",
        "C:\\Users\\ttd.png",
        "C:ttd.png",
        "\\\\kanwil\\bagi\\ttd.png",
        "//kanwil/bagi/ttd.png",
        "\\ttd.png",
    ]
    assert not any(is_plain(name) for name in refused)
    assert all(is_plain(name) for name in ("logo.png", "gambar/Logo.PNG", "gambar\\logo.png"))
    images = Uploaded({"logo.png": Path("/tidak/dibuka.png")})
    assert images.find("gambar\\LOGO.png", "logo") == Path("/tidak/dibuka.png")
    for name in (*refused, "lain.png"):
        with pytest.raises(ImageRefused):
            images.find(name, "logo")


@pytest.mark.parametrize("cell", [LOGO, SIGNATURE])
def test_server_paths_are_refused_naming_the_cell(
    server: LiveServer, tmp_path: Path, cell: str
) -> None:
    """An absolute or `..` path to a real image gets a galat at Identitas!B12/B14 (the same as
    for a path that does not exist: no oracle), and no document: never a server file."""
    secret = tmp_path / "rahasia" / "ttd-kakanwil.png"
    secret.parent.mkdir()
    secret.write_bytes(hostile.png_bytes(3, 3))
    climb = "../" * 12 + str(secret).lstrip("/")
    messages = []
    for name in (str(secret), climb, str(secret.with_name("tidak-ada.png"))):
        sent = [("uji.xlsx", identitas(**{cell: name}))]
        answer = request(server.url + "api/validate", sent)
        assert answer.status == 200
        [problem] = problems(answer)
        assert (problem["lokasi"], problem["jenis"]) == (f"Identitas!{cell}", "galat")
        assert "menunjuk ke lokasi lain" in problem["pesan"]
        messages.append(problem["pesan"].replace(name, "…"))
        built = request(server.url + "api/build", sent)
        assert built.status == 422 and secret.read_bytes() not in built.body
    assert len(set(messages)) == 1


def test_a_name_not_uploaded_is_a_galat(server: LiveServer) -> None:
    """A plain name with no image of that name in the request: galat naming the cell."""
    answer = request(server.url + "api/validate", [("uji.xlsx", identitas(B12="logo.png"))])
    [problem] = problems(answer)
    assert problem["lokasi"] == "Identitas!B12"
    assert "tidak ikut dikirim" in problem["pesan"]


def test_uploaded_images_are_matched_by_name_into_the_docx(server: LiveServer) -> None:
    """Logo and signature uploaded with the workbook (any case, any folder in the cell) are
    placed in the built .docx byte for byte."""
    logo, signature = hostile.png_bytes(4, 2), hostile.png_bytes(2, 5)
    sent = [
        ("uji.xlsx", identitas(B12="gambar\\Logo.PNG", B14="ttd.png")),
        ("logo.png", logo),
        ("TTD.png", signature),
    ]
    checked = request(server.url + "api/validate", sent)
    assert checked.status == 200 and problems(checked) == []
    built = request(server.url + "api/build", sent)
    assert built.status == 200, built.body[:500]
    with zipfile.ZipFile(io.BytesIO(built.body)) as docx:
        media = {docx.read(n) for n in docx.namelist() if n.startswith("word/media/")}
    assert {logo, signature} <= media


def test_a_text_file_named_png_is_a_galat_not_a_500(server: LiveServer) -> None:
    """An uploaded 'logo.png' that is not an image: galat at Identitas!B12, build 422."""
    sent = [("uji.xlsx", identitas(B12="logo.png")), ("logo.png", b"bukan gambar\n" * 10)]
    answer = request(server.url + "api/validate", sent)
    [problem] = problems(answer)
    assert problem["lokasi"] == "Identitas!B12" and "bukan gambar" in problem["pesan"]
    assert request(server.url + "api/build", sent).status == 422


def test_images_alone_are_not_a_request(server: LiveServer) -> None:
    """Only images, no workbook: 400 asking for a workbook."""
    answer = request(server.url + "api/validate", [("logo.png", hostile.png_bytes())])
    assert answer.status == 400 and "workbook" in json.loads(answer.body)["pesan"]


def test_command_line_keeps_absolute_and_relative_paths(tmp_path: Path) -> None:
    """On the command line a Logo may be absolute and a signature relative to the workbook."""
    logo, signature = hostile.png_bytes(4, 2), hostile.png_bytes(2, 5)
    elsewhere = tmp_path / "lain" / "logo.png"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(logo)
    (tmp_path / "ttd.png").write_bytes(signature)
    source = tmp_path / "uji.xlsx"
    source.write_bytes(identitas(B12=str(elsewhere), B14="ttd.png"))
    outcome = build_one(source, BuildOptions(out_dir=tmp_path))
    assert outcome.ok and outcome.docx is not None, outcome.error
    with zipfile.ZipFile(outcome.docx) as docx:
        media = {docx.read(n) for n in docx.namelist() if n.startswith("word/media/")}
    assert {logo, signature} <= media


def test_command_line_refuses_a_text_file_named_png(tmp_path: Path) -> None:
    """`validate` names the cell of a signature that is not an image; exit 1."""
    (tmp_path / "ttd.png").write_text("bukan gambar")
    source = tmp_path / "uji.xlsx"
    source.write_bytes(identitas(B14="ttd.png"))
    result = CliRunner().invoke(main, ["validate", str(source)])
    assert result.exit_code == 1
    assert "Identitas!B14: berkas gambar tanda tangan" in result.output
    assert "bukan gambar PNG/JPG" in result.output


# --- the server's memory -------------------------------------------------------------------


def test_server_memory_returns_after_stray_cell_requests(server: LiveServer) -> None:
    """Validating the stray-cell workbook five times leaves the server's RSS within 60 MB of
    what it was after one sample validation (the issue saw 3.66 GB kept)."""
    process = psutil.Process(server.process.pid)
    sample = [("contoh.xlsx", MAGELANG_XLSX.read_bytes())]
    assert request(server.url + "api/validate", sample).status == 200
    before = process.memory_info().rss
    stray = [("nyasar.xlsx", stray_bytes())]
    for _ in range(5):
        answer = request(server.url + "api/validate", stray)
        assert [p["lokasi"] for p in problems(answer)] == ["Indikator!A1048576"]
    after = process.memory_info().rss
    assert after - before < 60 * MB, f"{(after - before) / MB:.0f} MB kept"


def _with_sheet_xml(sheet: str, xml: bytes, base: bytes | None = None) -> bytes:
    """The workbook `base` (default: the Magelang sample) with the worksheet part of `sheet`
    replaced by `xml`."""
    source = zipfile.ZipFile(io.BytesIO(base) if base else MAGELANG_XLSX)
    names = {name: part for name, part in _sheet_parts(source)}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = xml if info.filename == names[sheet] else source.read(info)
            copy.writestr(info.filename, data)
    return out.getvalue()


def _sheet_parts(package: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    """(sheet name, worksheet part) of every sheet, from the workbook's relationships."""
    from lxml import etree

    main_ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    rels = etree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    workbook = etree.fromstring(package.read("xl/workbook.xml"))
    for sheet in workbook.iter(f"{main_ns}sheet"):
        target = targets[sheet.get(f"{rel_ns}id")].lstrip("/")
        yield sheet.get("name"), target if target.startswith("xl/") else f"xl/{target}"


@functools.cache
def _cells_xml(count: int, width: int = 20) -> bytes:
    """A worksheet of `count` filled number cells, `width` to a row (values that vary, so
    that the part does not compress like a zip bomb)."""
    columns = [(c, _letters(c)) for c in range(1, width + 1)]
    rows = []
    for row in range(count // width):
        cells = "".join(f'<c r="{letters}{row + 1}"><v>{row * 7919 + c * 104729}</v></c>'
                        for c, letters in columns)  # fmt: skip
        rows.append(f'<row r="{row + 1}">{cells}</row>')
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    ).encode()


def _letters(column: int) -> str:
    """Column letters, past Excel's last column (XFD) too."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _without_needless_references(xml: str) -> str:
    """The worksheet `xml` without the `r` of each row and cell that follows its neighbour
    (as some programs write them: readers count on from the one before)."""
    from lxml import etree

    root = etree.fromstring(xml.encode())
    main_ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    previous_row = 0
    for row in root.iter(f"{main_ns}row"):
        number = int(row.get("r"))
        previous_column = 0
        for cell in row.iter(f"{main_ns}c"):
            column = openpyxl_column(cell.get("r"))
            if column == previous_column + 1:
                del cell.attrib["r"]
            previous_column = column
        if number == previous_row + 1:
            del row.attrib["r"]
        previous_row = number
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode()


def openpyxl_column(reference: str) -> int:
    """The column number of a reference like "AB12"."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    return column_index_from_string(coordinate_from_string(reference)[0])


def test_rows_and_cells_without_references_are_read_in_order(tmp_path: Path) -> None:
    """Sheets whose rows and cells mostly carry no `r` (numbered after the one before, as
    some programs write them) read into the same plan as the sample."""
    data = MAGELANG_XLSX.read_bytes()
    parts = dict(_sheet_parts(zipfile.ZipFile(io.BytesIO(data))))
    for sheet in ("Identitas", "Indikator", "Triwulan"):
        data = hostile.rewrite(data, parts[sheet], _without_needless_references)
        xml = zipfile.ZipFile(io.BytesIO(data)).read(parts[sheet])
        assert xml.count(b"<c ") > 2 * xml.count(b' r="')  # most cells and rows lost their r
    path = tmp_path / "tanpa-r.xlsx"
    path.write_bytes(data)
    reading, expected = read_plan(path), read_plan(MAGELANG_XLSX)
    assert not reading.problems
    assert reading.plan == expected.plan


def test_one_row_of_too_many_cells_is_refused_as_it_grows(tmp_path: Path) -> None:
    """An Indikator sheet of one row holding more than MAX_CELLS cells is refused while that
    row is parsed, in bounded memory."""
    from renaksi_docs.workbook.container import MAX_CELLS

    path = tmp_path / "sebaris.xlsx"
    path.write_bytes(_with_sheet_xml("Indikator", _cells_xml(MAX_CELLS * 3, MAX_CELLS * 3)))
    code, output, peak = peak_rss_of_command("validate", str(path))
    assert code == 1
    assert 'lembar "Indikator" menyimpan lebih dari 200.000 sel' in output
    assert peak < 200 * MB, f"{peak / MB:.0f} MB"


@pytest.mark.parametrize(
    "encode",
    [
        lambda xml: (
            xml.replace(b"<c ", b"<x:c ")
            .replace(b"</c>", b"</x:c>")
            .replace(
                b"<worksheet xmlns=",
                b'<worksheet xmlns:x="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main" xmlns=',
            )
        ),
        lambda xml: (
            b'<?xml version="1.0" encoding="UTF-16"?>'.decode().encode("utf-16")
            + xml.decode().encode("utf-16")[2:]
        ),
        lambda xml: b'<?xml version="1.0" encoding="zlib_codec"?>' + xml,
        lambda xml: b'<?xml version="1.0" encoding="rot13"?>' + xml,
        lambda xml: b'<?xml version="1.0" encoding="tak-dikenal"?>' + xml,
    ],
    ids=["prefixed", "utf-16", "declared-zlib", "declared-rot13", "declared-unknown"],
)
def test_cells_are_counted_however_the_xml_spells_them(
    encode: Callable[[bytes], bytes], tmp_path: Path
) -> None:
    """Cell tags with a namespace prefix, the whole sheet in UTF-16, or a declared encoding that
    is no text encoding (Python's zlib and rot13 codecs, an unknown name) are counted all the
    same: an Indikator sheet of more than MAX_CELLS cells is refused before it is parsed."""
    from renaksi_docs.workbook.container import MAX_CELLS

    path = tmp_path / "dieja.xlsx"
    path.write_bytes(_with_sheet_xml("Indikator", encode(_cells_xml(MAX_CELLS + 20))))
    [problem] = read_plan(path).problems
    assert 'lembar "Indikator" menyimpan lebih dari 200.000 sel' in problem.message


def _merge_xml(ref: str) -> bytes:
    """A worksheet of one cell whose merged range has the attribute text `ref`."""
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        f'</sheetData><mergeCells count="1"><mergeCell {ref}/></mergeCells></worksheet>'
    ).encode()


@pytest.mark.parametrize(
    "ref",
    ['ref="A1:CV3000"', 'x=">" ref="A1:XFD1048576"', "ref='&#65;1:&#67;V3000'", 'ref="A:C"'],
    ids=["range", "after-a-bracket", "character-references", "whole-columns"],
)
def test_a_merged_range_counts_every_cell_it_covers(ref: str, tmp_path: Path) -> None:
    """openpyxl builds a cell for every position of a merged range: a 13 KB workbook merging
    A1:CV3000 (300,000 cells) in Indikator is refused before it is loaded, however the ref
    is spelled."""
    path = tmp_path / "gabung.xlsx"
    path.write_bytes(_with_sheet_xml("Indikator", _merge_xml(ref)))
    [problem] = read_plan(path).problems
    assert 'lembar "Indikator" menyimpan lebih dari 200.000 sel' in problem.message


def test_a_sheet_named_twice_is_counted_twice(tmp_path: Path) -> None:
    """Two sheets named Indikator, the first of 200,020 cells: openpyxl loads both (the second
    as Indikator1), so both are counted, and the workbook is refused before it is loaded."""
    from renaksi_docs.workbook.container import MAX_CELLS

    data = _with_sheet_xml("Indikator", _cells_xml(MAX_CELLS + 20))
    data = hostile.rewrite(
        data, "xl/workbook.xml", lambda xml: xml.replace('name="Triwulan"', 'name="Indikator"')
    )
    names = [name for name, _ in _sheet_parts(zipfile.ZipFile(io.BytesIO(data)))]
    assert names.count("Indikator") == 2
    path = tmp_path / "kembar.xlsx"
    path.write_bytes(data)
    [problem] = read_plan(path).problems
    assert 'lembar "Indikator" menyimpan lebih dari 200.000 sel' in problem.message


def test_a_workbook_part_elsewhere_is_refused(tmp_path: Path) -> None:
    """A package whose content types send openpyxl to another workbook part than
    xl/workbook.xml (a decoy beside it would hide the real sheets from every check) is
    refused with what to do."""
    data = MAGELANG_XLSX.read_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/workbook.xml":
                copy.writestr("xl/asli.xml", content)
            elif info.filename == "xl/_rels/workbook.xml.rels":
                copy.writestr("xl/_rels/asli.xml.rels", content)
            elif info.filename == "[Content_Types].xml":
                content = content.replace(b'"/xl/workbook.xml"', b'"/xl/asli.xml"')
            copy.writestr(info, content)
    path = tmp_path / "umpan.xlsx"
    path.write_bytes(out.getvalue())
    [problem] = read_plan(path).problems
    assert "tidak di tempat bakunya (xl/workbook.xml)" in problem.message


def test_filled_cells_are_the_cells_openpyxl_holds(tmp_path: Path) -> None:
    """filled_cells reads openpyxl's store of a loaded sheet's cells: values, a formula and
    a stray cell are found in order; a cell that is only formatted, or was never written, is
    not (fails if openpyxl changes how it keeps them)."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet["B2"], sheet["A2"], sheet["C5"] = "teks", 7, "=A2*2"
    sheet["D9"].font = Font(bold=True)  # formatted, empty
    sheet["A1048576"] = "nyasar"
    book.save(tmp_path / "sel.xlsx")
    loaded = load_workbook(tmp_path / "sel.xlsx")["Sheet"]
    assert filled_cells(loaded) == {2: (1, 2), 5: (3,), 1048576: (1,)}


def test_a_sheet_the_reader_does_not_read_costs_nothing(tmp_path: Path) -> None:
    """A clerk's own sheet "Catatan" of 400,000 filled cells is never parsed: the sample
    validates as before, in bounded memory."""

    def add(book: Workbook) -> None:
        book.create_sheet("Catatan")["A1"] = "catatan"

    path = tmp_path / "catatan.xlsx"
    path.write_bytes(_with_sheet_xml("Catatan", _cells_xml(400_000), hostile.xlsx_bytes(add)))
    code, output, peak = peak_rss_of_command("validate", str(path))
    assert code == 0, output
    assert peak < 200 * MB, f"{peak / MB:.0f} MB"


def test_a_read_sheet_of_too_many_cells_is_refused_unparsed(tmp_path: Path) -> None:
    """An Indikator sheet storing more than MAX_CELLS cells is refused naming the sheet,
    before openpyxl loads it (bounded memory)."""
    from renaksi_docs.workbook.container import MAX_CELLS

    path = tmp_path / "penuh.xlsx"
    path.write_bytes(_with_sheet_xml("Indikator", _cells_xml(MAX_CELLS + 20)))
    code, output, peak = peak_rss_of_command("validate", str(path))
    assert code == 1
    assert 'lembar "Indikator" menyimpan lebih dari 200.000 sel' in output
    assert peak < 200 * MB, f"{peak / MB:.0f} MB"
