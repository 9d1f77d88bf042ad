"""`renaksi-docs serve`: the page, the API, the limits, the password, the log, the PDF queue."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import Workbook, load_workbook

from renaksi_docs.build import BuildOptions, Documents, Outcome, build_one, output_name
from renaksi_docs.cli import main
from renaksi_docs.libreoffice import Converted
from renaksi_docs.serve import create_app
from renaksi_docs.serve.app import ACCESS_LOG, DOKUMEN_LABELS, MB, service
from renaksi_docs.serve.guard import PasswordThrottle
from renaksi_docs.serve.server import is_loopback, password_for
from renaksi_docs.serve.work import NAME_LIMIT, Workspaces, shown_name
from renaksi_docs.workbook.reader import read_plan
from renaksi_docs.workbook.samples import MAGELANG

from . import hostile
from .conftest import CONTOH_XLSX, MAGELANG_XLSX, HandClock
from .serve_live import live_server, request

SAMPLE = MAGELANG_XLSX.read_bytes()
MAGELANG_DOCX = output_name(read_plan(MAGELANG_XLSX).plan)  # type: ignore[arg-type]


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Factory: a fresh app per call (work folders under tmp_path), closed after the test."""
    apps: list[Flask] = []

    def factory(**config: Any) -> Flask:
        app = create_app({"WORK_ROOT": tmp_path / f"kerja-{len(apps)}", **config})
        apps.append(app)
        return app

    yield factory
    for app in apps:
        service(app).close()


@pytest.fixture
def client(make_app: Callable[..., Flask]) -> FlaskClient:
    """A test client of an app with the default settings."""
    return make_app().test_client()


def files(*items: tuple[str, bytes]) -> dict[str, Any]:
    """Form data with each (name, bytes) under `berkas`."""
    return {"berkas": [(io.BytesIO(data), name) for name, data in items]}


def broken_bytes() -> bytes:
    """The sample with a word for a Target (Indikator!D2) and the Tahun removed."""

    def edit(book: Workbook) -> None:
        book["Indikator"]["D2"] = "tiga"
        identitas = book["Identitas"]
        for row in identitas.iter_rows():
            if row[0].value == "Tahun":
                row[1].value = None

    return hostile.xlsx_bytes(edit)


# --- the page --------------------------------------------------------------------------------


def test_page_offers_every_step_in_bahasa_indonesia(client: FlaskClient) -> None:
    """The page names the steps, the downloads, every dokumen and format, and the button."""
    page = client.get("/").get_data(as_text=True)
    for text in (
        'lang="id"',
        "Unduh workbook kosong",
        "Unduh workbook contoh",
        "Pilih berkas",
        "Seret berkas .xlsx",
        "Triwulan",
        "Buat dokumen",
        "Langkah berikutnya",
        *DOKUMEN_LABELS.values(),
        "Word (.docx)",
        "PDF",
    ):
        assert text in page, text
    assert 'value="rencana-aksi" checked' in page and 'value="docx" checked' in page


def test_every_dokumen_has_a_label_on_the_page() -> None:
    """Each document kind the build offers has its words on the page."""
    assert set(DOKUMEN_LABELS) == set(Documents)


def test_blank_and_sample_workbooks_download(client: FlaskClient, tmp_path: Path) -> None:
    """The blank workbook is init's (same sheets) and lists the Identitas cells to fill; the
    sample reads as Magelang."""
    blank = client.get("/unduh/rencana-aksi.xlsx")
    sample = client.get("/unduh/bapas-magelang-2026.xlsx")
    assert blank.status_code == sample.status_code == 200
    assert "attachment" in sample.headers["Content-Disposition"]
    (tmp_path / "kosong.xlsx").write_bytes(blank.data)
    (tmp_path / "contoh.xlsx").write_bytes(sample.data)
    reading = read_plan(tmp_path / "kosong.xlsx")
    assert reading.plan is None and any(p.sheet == "Identitas" for p in reading.errors)
    plan = read_plan(tmp_path / "contoh.xlsx").plan
    assert plan is not None and plan.unit.name == MAGELANG.identitas["Nama UPT"]
    assert CliRunner().invoke(main, ["init", str(tmp_path / "init.xlsx")]).exit_code == 0
    assert (
        load_workbook(tmp_path / "kosong.xlsx").sheetnames
        == load_workbook(tmp_path / "init.xlsx").sheetnames
    )


@pytest.mark.parametrize("name", ["x.xlsx", "..%2F..%2Fetc%2Fpasswd", "../cli.py"])
def test_other_downloads_are_404(client: FlaskClient, name: str) -> None:
    """Only the two workbooks are served under /unduh/; anything else is a short 404."""
    answer = client.get(f"/unduh/{name}")
    assert answer.status_code == 404
    assert b"tidak ditemukan" in answer.data and b"Traceback" not in answer.data


# --- /api/validate ---------------------------------------------------------------------------


def test_validate_sample_has_no_problems(client: FlaskClient) -> None:
    """The sample: 200, no galat, the unit and year shown."""
    answer = client.post("/api/validate", data=files(("contoh.xlsx", SAMPLE)))
    assert answer.status_code == 200
    [result] = answer.json["berkas"]  # type: ignore[index]
    assert result["ok"] and result["galat"] == 0 and result["masalah"] == []
    assert result["unit"] == MAGELANG.identitas["Nama UPT"] and result["tahun"] == 2026


def test_validate_answers_both_capaian_as_rincian_prints_them(client: FlaskClient) -> None:
    """A valid workbook's answer lists each indicator as `validate --rincian` shows it: LP-13's
    TW II against its Target Triwulan (100%) and against the annual target (50%), TW IV (after
    the reporting quarter) with its target only."""
    answer = client.post("/api/validate", data=files(("contoh.xlsx", CONTOH_XLSX.read_bytes())))
    [result] = answer.json["berkas"]  # type: ignore[index]
    indicators = {i["kode"]: i for i in result["indikator"]}
    assert list(indicators) == [i.code for i in read_plan(CONTOH_XLSX).plan.indicators]  # type: ignore[union-attr]
    lp13 = indicators["LP-13"]
    assert lp13["target"] == "12 kegiatan"
    second, fourth = lp13["triwulan"][1], lp13["triwulan"][3]
    assert second == {
        "triwulan": "II",
        "target": "6 kegiatan",
        "realisasi": "6 kegiatan",
        "capaian": "100%",
        "predikat": "Sangat Berhasil",
        "capaian_tahunan": "50%",
        "pagu": "1.500.000",
        "rencana_penarikan_dana": "1.500.000",
        "realisasi_anggaran": "1.500.000",
    }
    assert fourth["target"] == "12 kegiatan" and fourth["capaian"] is None
    range_tw1 = indicators["LP-10"]["triwulan"][0]
    assert (range_tw1["capaian"], range_tw1["capaian_tahunan"]) == ("87,5%", "87,5%")


def test_validate_gives_the_clis_messages_with_their_cells(
    client: FlaskClient, tmp_path: Path
) -> None:
    """A broken workbook: 200 with the same lines as `renaksi-docs validate`, cell by cell."""
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(broken_bytes())
    answer = client.post("/api/validate", data=files(("rusak.xlsx", path.read_bytes())))
    assert answer.status_code == 200
    [result] = answer.json["berkas"]  # type: ignore[index]
    cli = CliRunner().invoke(main, ["validate", str(path)])
    assert cli.exit_code == 1
    assert not result["ok"] and result["galat"] >= 2
    cells = {(p["lembar"], p["sel"]) for p in result["masalah"]}
    assert ("Indikator", "D2") in cells and any(sheet == "Identitas" for sheet, _ in cells)
    for problem in result["masalah"]:
        assert f"  {problem['teks']}" in cli.output.splitlines()
        assert problem["jenis"] in ("galat", "peringatan")


def test_validate_answers_each_file_in_order(client: FlaskClient) -> None:
    """Three files (good, broken, not a workbook): one answer each, in the order sent."""
    answer = client.post(
        "/api/validate",
        data=files(("a.xlsx", SAMPLE), ("b.xlsx", broken_bytes()), ("c.xlsx", b"bukan zip")),
    )
    assert answer.status_code == 200
    results = answer.json["berkas"]  # type: ignore[index]
    assert [r["nama"] for r in results] == ["a.xlsx", "b.xlsx", "c.xlsx"]
    assert [r["ok"] for r in results] == [True, False, False]
    assert "xlsx" in results[2]["masalah"][0]["pesan"]


@pytest.mark.parametrize(
    ("method", "data", "status"),
    [
        ("post", {}, 400),
        ("post", {"lain": (io.BytesIO(SAMPLE), "a.xlsx")}, 400),
        ("post", {"berkas": (io.BytesIO(b""), "")}, 400),
        ("get", None, 405),
    ],
)
def test_validate_bad_requests_are_4xx_json(
    client: FlaskClient, method: str, data: Any, status: int
) -> None:
    """No file, a wrong field, an empty choice, a GET: 4xx with a JSON message in Indonesian."""
    answer = getattr(client, method)("/api/validate", data=data)
    assert answer.status_code == status
    assert answer.json["pesan"] and "Traceback" not in answer.get_data(as_text=True)


def test_hostile_workbooks_are_refused_by_the_reader(client: FlaskClient, tmp_path: Path) -> None:
    """Zip bomb, XXE, billion laughs, an encrypted and an .ods file: the reader's own refusal."""
    sent = {
        "bom.xlsx": hostile.zip_bomb(tmp_path / "bom.xlsx", 0.1).read_bytes(),
        "xxe.xlsx": hostile.with_dtd(hostile.XXE, "&xxe;"),
        "tawa.xlsx": hostile.with_dtd(hostile.BILLION_LAUGHS, "&lol9;"),
        "sandi.xlsx": hostile.encrypted(tmp_path / "sandi.xlsx").read_bytes(),
        "lain.xlsx": hostile.ods(tmp_path / "lain.ods").read_bytes(),
    }
    answer = client.post("/api/validate", data=files(*sent.items()))
    assert answer.status_code == 200
    for (name, data), result in zip(sent.items(), answer.json["berkas"], strict=True):  # type: ignore[index]
        (tmp_path / name).write_bytes(data)
        expected = [str(p) for p in read_plan(tmp_path / name).problems]
        assert not result["ok"], name
        assert [p["teks"] for p in result["masalah"]] == expected, name
        assert "root:" not in json.dumps(result)


# --- /api/build ------------------------------------------------------------------------------


def test_build_one_workbook_gives_its_docx(client: FlaskClient, tmp_path: Path) -> None:
    """Defaults: Rencana Aksi as .docx under the CLI's name, with the unit's text inside."""
    answer = client.post("/api/build", data=files(("contoh.xlsx", SAMPLE)))
    assert answer.status_code == 200
    assert f"filename={MAGELANG_DOCX}" in answer.headers["Content-Disposition"]
    (tmp_path / "hasil.docx").write_bytes(answer.data)
    text = "\n".join(p.text for p in Document(str(tmp_path / "hasil.docx")).paragraphs)
    assert "MAGELANG" in text.upper()


def test_build_several_workbooks_gives_a_zip(client: FlaskClient) -> None:
    """Three workbooks (one twice): a .zip of three documents, the repeated name numbered."""
    answer = client.post(
        "/api/build",
        data=files(("a.xlsx", SAMPLE), ("b.xlsx", SAMPLE), ("c.xlsx", CONTOH_XLSX.read_bytes())),
    )
    assert answer.status_code == 200
    assert answer.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(answer.data)).namelist()
    stem = MAGELANG_DOCX.removesuffix(".docx")
    contoh = output_name(read_plan(CONTOH_XLSX).plan)  # type: ignore[arg-type]
    assert names == [MAGELANG_DOCX, f"{stem}-2.docx", contoh]


def test_build_triwulan_overrides_the_workbooks(client: FlaskClient) -> None:
    """triwulan=II names the document -tw2, as `build -t II` does."""
    answer = client.post("/api/build", data={**files(("a.xlsx", SAMPLE)), "triwulan": "II"})
    assert answer.status_code == 200
    assert MAGELANG_DOCX.replace(".docx", "-tw2.docx") in answer.headers["Content-Disposition"]


@pytest.mark.parametrize(
    ("field", "value"), [("triwulan", "V"), ("dokumen", "laporan"), ("format", "odt")]
)
def test_build_unknown_choice_is_400_naming_the_field(
    client: FlaskClient, field: str, value: str
) -> None:
    """An unknown triwulan, dokumen or format: 400 whose message names the field and value."""
    answer = client.post("/api/build", data={**files(("a.xlsx", SAMPLE)), field: value})
    assert answer.status_code == 400
    assert field in answer.json["pesan"] and value in answer.json["pesan"]  # type: ignore[index]


def test_build_invalid_workbook_is_422_with_its_cells(client: FlaskClient) -> None:
    """One broken workbook among two: 422, nothing built, the broken one's cells listed."""
    answer = client.post(
        "/api/build", data=files(("baik.xlsx", SAMPLE), ("rusak.xlsx", broken_bytes()))
    )
    assert answer.status_code == 422
    body = answer.json
    assert "Perbaiki" in body["pesan"]  # type: ignore[index]
    good, bad = body["berkas"]  # type: ignore[index]
    assert good["ok"] and not bad["ok"]
    assert ("Indikator", "D2") in {(p["lembar"], p["sel"]) for p in bad["masalah"]}


def test_pengukuran_needs_a_quarter_and_says_so(client: FlaskClient) -> None:
    """dokumen=pengukuran for the sample (no Triwulan filled): 422 naming the document and
    the missing quarter, and the page's field to choose it (never the CLI's option); with
    triwulan=II its report comes back under the build's name."""
    answer = client.post("/api/build", data={**files(("a.xlsx", SAMPLE)), "dokumen": "pengukuran"})
    assert answer.status_code == 422
    [result] = answer.json["berkas"]  # type: ignore[index]
    [problem] = result["masalah"]
    assert problem["pesan"].startswith("Pengukuran Kinerja: ")
    assert problem["pesan"].endswith("atau pilih triwulan pada kolom triwulan")
    assert "--" not in problem["pesan"]
    answer = client.post(
        "/api/build", data={**files(("a.xlsx", SAMPLE)), "dokumen": "pengukuran", "triwulan": "II"}
    )
    assert answer.status_code == 200
    assert "filename=pengukuran-" in answer.headers["Content-Disposition"]
    assert "-tw2.docx" in answer.headers["Content-Disposition"]


def test_dokumen_semua_gives_both_documents_as_the_cli_names_them(
    client: FlaskClient, tmp_path: Path
) -> None:
    """dokumen=semua: one .zip with the Rencana Aksi, the Pengukuran, then the Perjanjian
    (the sample names its superior), named as `build --dokumen semua` names them."""
    answer = client.post(
        "/api/build", data={**files(("c.xlsx", CONTOH_XLSX.read_bytes())), "dokumen": "semua"}
    )
    assert answer.status_code == 200 and answer.mimetype == "application/zip"
    outcome = build_one(CONTOH_XLSX, BuildOptions(out_dir=tmp_path, documents=Documents.SEMUA))
    expected = [o.docx.name for o in outcome.each() if o.docx is not None]
    assert len(expected) == 3
    assert zipfile.ZipFile(io.BytesIO(answer.data)).namelist() == expected


def test_dokumen_semua_without_a_quarter_lists_the_pengukurans_error(
    client: FlaskClient,
) -> None:
    """semua for a workbook without Triwulan: 422 whose problems name the Pengukuran (the
    Rencana Aksi alone is not sent: one answer, all documents or none)."""
    answer = client.post("/api/build", data={**files(("a.xlsx", SAMPLE)), "dokumen": "semua"})
    assert answer.status_code == 422
    [result] = answer.json["berkas"]  # type: ignore[index]
    assert [p["pesan"].split(":")[0] for p in result["masalah"]] == ["Pengukuran Kinerja"]


def test_a_bug_is_a_500_without_its_traceback(
    make_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    """An unexpected exception: 500 with a sentence in Indonesian; the details stay in the log."""

    def explode(source: Path, options: Any) -> Outcome:
        raise RuntimeError("rincian-internal")

    monkeypatch.setattr("renaksi_docs.serve.app.build_one", explode)
    app = make_app()
    answer = app.test_client().post("/api/build", data=files(("a.xlsx", SAMPLE)))
    assert answer.status_code == 500
    body = answer.get_data(as_text=True)
    assert "kesalahan di server" in body
    assert "rincian-internal" not in body and "Traceback" not in body
    assert len(service(app).workspaces) == 0


# --- limits and names ------------------------------------------------------------------------


def test_file_over_10_mb_is_413_naming_it(client: FlaskClient) -> None:
    """10 MB + 1 byte: 413 naming the file and the limit; exactly 10 MB is read (and refused
    by the reader as not a workbook, with 200)."""
    answer = client.post("/api/validate", data=files(("besar.xlsx", bytes(10 * MB + 1))))
    assert answer.status_code == 413
    assert "besar.xlsx" in answer.json["pesan"] and "10 MB" in answer.json["pesan"]  # type: ignore[index]
    answer = client.post("/api/validate", data=files(("pas.xlsx", bytes(10 * MB))))
    assert answer.status_code == 200 and not answer.json["berkas"][0]["ok"]  # type: ignore[index]


def test_more_than_50_files_is_413(client: FlaskClient) -> None:
    """51 files: 413 saying the limit; 50 are answered."""
    many = [(f"{n}.xlsx", b"x") for n in range(51)]
    answer = client.post("/api/validate", data=files(*many))
    assert answer.status_code == 413
    assert "50 berkas" in answer.json["pesan"]  # type: ignore[index]
    answer = client.post("/api/validate", data=files(*many[:50]))
    assert answer.status_code == 200 and len(answer.json["berkas"]) == 50  # type: ignore[index]


def test_body_over_the_total_limit_is_413_before_reading(client: FlaskClient) -> None:
    """A Content-Length over 50 × 10 MB: 413 with the limits, the body never read."""
    answer = client.post(
        "/api/validate",
        input_stream=io.BytesIO(b""),
        content_type="multipart/form-data; boundary=x",
        environ_overrides={"CONTENT_LENGTH": str(50 * 10 * MB + 2 * MB)},
    )
    assert answer.status_code == 413
    assert "50 berkas" in answer.json["pesan"]  # type: ignore[index]


HOSTILE_NAMES = [
    "../../x.xlsx",
    "..\\..\\x.xlsx",
    "/etc/x.xlsx",
    "C:\\Windows\\x.xlsx",
    "CON.xlsx",
    "a\x00b.xlsx",
    "a" * 300 + ".xlsx",
    "",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_client_file_names_are_never_paths(
    make_app: Callable[..., Flask], tmp_path: Path, name: str
) -> None:
    """Traversal, device, NUL, newline, 300-character names: shown cleaned, built from our
    own name, nothing written outside the work folder."""
    app = make_app()
    client = app.test_client()
    before = set(tmp_path.rglob("*"))
    answer = client.post("/api/validate", data=files((name, SAMPLE)))
    assert answer.status_code == 200
    shown = answer.json["berkas"][0]["nama"]  # type: ignore[index]
    assert "/" not in shown and "\\" not in shown and "\x00" not in shown and "\n" not in shown
    assert 0 < len(shown) <= NAME_LIMIT
    built = client.post("/api/build", data=files((name, SAMPLE)))
    assert built.status_code == 200
    assert f"filename={MAGELANG_DOCX}" in built.headers["Content-Disposition"]
    built.close()
    after = set(tmp_path.rglob("*")) - before
    root = service(app).workspaces.root
    assert all(root in path.parents or path == root for path in after), after
    assert not (tmp_path.parent / "x.xlsx").exists()


def test_shown_name_keeps_ordinary_names() -> None:
    """An ordinary name, Indonesian letters included, is shown as sent."""
    assert shown_name("Rencana Aksi TW II (revisi).xlsx", 1) == "Rencana Aksi TW II (revisi).xlsx"
    assert shown_name("", 3) == "berkas-3.xlsx"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("baris\r\nbaru.xlsx", "barisbaru.xlsx"),
        ("a\x00b.xlsx", "ab.xlsx"),
        ("tab\tdan\u202eslsx.exe", "tabdanslsx.exe"),
        ("../../x.xlsx", "x.xlsx"),
        ("C:\\Windows\\x.xlsx", "x.xlsx"),
        ("/\x00/", "berkas-1.xlsx"),
    ],
)
def test_shown_name_drops_paths_and_control_characters(raw: str, shown: str) -> None:
    """Path parts, control and format characters (newline, NUL, right-to-left override) go."""
    assert shown_name(raw, 1) == shown


# --- work folders and the clock --------------------------------------------------------------


def test_work_folders_are_private_and_unguessable(tmp_path: Path) -> None:
    """Each folder: mode 0700, a 24-character random id, never the same twice."""
    store = Workspaces(tmp_path / "kerja")
    made = [store.create() for _ in range(50)]
    assert len({w.id for w in made}) == 50
    for workspace in made:
        assert len(workspace.id) == 24 and workspace.folder.name == workspace.id
        assert stat.S_IMODE(workspace.folder.stat().st_mode) == 0o700


def test_work_folders_are_swept_after_their_lifetime(tmp_path: Path) -> None:
    """A released folder lives `lifetime` seconds of the clock; a busy one is never swept."""
    clock = HandClock()
    store = Workspaces(tmp_path / "kerja", lifetime=300, clock=clock)
    done, busy = store.create(), store.create()
    store.release(done)
    clock.now += 299
    assert store.sweep() == [] and done.folder.exists()
    clock.now += 2
    assert store.sweep() == [done.id]
    assert not done.folder.exists() and busy.folder.exists()
    clock.now += 10_000
    assert store.sweep() == [] and busy.folder.exists()


def test_download_deletes_its_folder_and_an_unread_one_goes_later(
    make_app: Callable[..., Flask],
) -> None:
    """A read download leaves nothing; an unread one is deleted once the clock passes its
    lifetime (at the next request); validate keeps nothing at all."""
    clock = HandClock()
    app = make_app(CLOCK=clock, LIFETIME=120)
    client = app.test_client()
    store = service(app).workspaces
    read = client.post("/api/build", data=files(("a.xlsx", SAMPLE)))
    read.get_data()
    read.close()
    assert len(store) == 0 and list(store.root.iterdir()) == []
    unread = client.post("/api/build", data=files(("a.xlsx", SAMPLE)))
    assert unread.status_code == 200 and len(store) == 1
    clock.now += 60
    client.post("/api/validate", data=files(("a.xlsx", SAMPLE)))
    assert len(store) == 1
    clock.now += 61
    client.post("/api/validate", data=files(("a.xlsx", SAMPLE)))
    assert len(store) == 0 and list(store.root.iterdir()) == []


# --- password and log ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/static/halaman.js", "/unduh/rencana-aksi.xlsx"])
def test_password_is_asked_on_every_request(make_app: Callable[..., Flask], path: str) -> None:
    """With a password: 401 and nothing else without it or with a wrong one; 200 with it.
    (The wrong ones wait their turn on a hand-moved clock: tests/test_serve_security.py
    checks the waits.)"""
    clock = HandClock()
    throttle = PasswordThrottle(clock=clock, sleep=clock.sleep)
    client = make_app(PASSWORD="rahasia-kanwil", THROTTLE=throttle).test_client()
    for auth in (None, ("petugas", "salah"), ("petugas", "")):
        answer = client.get(path, auth=auth)
        assert answer.status_code == 401
        assert answer.headers["WWW-Authenticate"].startswith("Basic")
        assert b"<html" not in answer.data and b"PK" not in answer.data
    assert client.get(path, auth=("siapa-saja", "rahasia-kanwil")).status_code == 200


def test_password_is_asked_before_an_upload_is_read(make_app: Callable[..., Flask]) -> None:
    """POST /api/build without the password: 401, no work folder made."""
    app = make_app(PASSWORD="rahasia-kanwil")
    answer = app.test_client().post("/api/build", data=files(("a.xlsx", SAMPLE)))
    assert answer.status_code == 401
    assert len(service(app).workspaces) == 0
    assert not service(app).workspaces.root.exists()


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("::", False),
        ("kanwil.local", False),
    ],
)
def test_which_hosts_need_a_password(host: str, loopback: bool) -> None:
    """Loopback hosts need none; any other host gets RENAKSI_SANDI or a generated one."""
    assert is_loopback(host) is loopback
    password, generated = password_for(host, {"RENAKSI_SANDI": "sandi-dari-env"})
    assert password == (None if loopback else "sandi-dari-env") and not generated
    password, generated = password_for(host, {})
    assert (password is None) is loopback and generated is (not loopback)


def test_behind_a_proxy_loopback_asks_a_password_too() -> None:
    """--trusted-proxy on 127.0.0.1: the proxy forwards the network, so a password is asked."""
    assert password_for("127.0.0.1", {"RENAKSI_SANDI": "sandi-proxy-kanwil"}, proxied=True) == (
        "sandi-proxy-kanwil",
        False,
    )


def test_generated_passwords_differ() -> None:
    """Two servers without RENAKSI_SANDI get two different long passwords."""
    first, _ = password_for("0.0.0.0", {})
    second, _ = password_for("0.0.0.0", {})
    assert first and second and first != second and len(first) >= 16


def test_access_log_has_one_line_per_request_without_contents(
    make_app: Callable[..., Flask], caplog: Any
) -> None:
    """One line per request: client, path, status, file names, result; no workbook contents."""
    client = make_app(PASSWORD="rahasia-kanwil").test_client()
    caplog.set_level(logging.INFO, logger=ACCESS_LOG)
    auth = ("petugas", "rahasia-kanwil")
    client.get("/")
    client.post("/api/validate", data=files(("Rencana TW2.xlsx", SAMPLE)), auth=auth)
    client.post("/api/build", data=files(("rusak.xlsx", broken_bytes())), auth=auth)
    lines = [r.getMessage() for r in caplog.records if r.name == ACCESS_LOG]
    assert len(lines) == 3
    assert lines[0].startswith("127.0.0.1 GET") and " 401 " in lines[0]
    assert '["Rencana TW2.xlsx"]' in lines[1] and " 200 " in lines[1] and "0 galat" in lines[1]
    assert '["rusak.xlsx"]' in lines[2] and " 422 " in lines[2]
    for line in lines:
        assert "Magelang" not in line and "rahasia" not in line and "\n" not in line


# --- the PDF queue ---------------------------------------------------------------------------


class FakeConverter:
    """Writes a small PDF beside each .docx; the first call hangs until `release` is set
    (`hanging` is set once it does)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.hanging = threading.Event()
        self.calls = 0
        self.cancelled = False
        self.lock = threading.Lock()

    def convert(self, docx_files: Sequence[Path], force: bool = False) -> list[Converted]:
        with self.lock:
            self.calls += 1
            first = self.calls == 1
        if first:
            self.hanging.set()
            self.release.wait(30)
        results = []
        for docx in docx_files:
            docx.with_suffix(".pdf").write_bytes(b"%PDF-1.7 palsu")
            results.append(Converted(docx, docx.with_suffix(".pdf")))
        return results

    def cancel(self) -> None:
        self.cancelled = True
        self.release.set()


def test_a_hung_conversion_fails_only_its_request(make_app: Callable[..., Flask]) -> None:
    """Two PDF requests on two slots, the first conversion hangs: the second gets its PDF
    while the first still hangs, the first 504 after the wait; Ctrl-C's cancel reaches the
    converter."""
    fake = FakeConverter()
    app = make_app(CONVERTER=lambda: fake, PDF_SLOTS=2, PDF_WAIT=1)
    pdf_form = {"format": "pdf"}

    def post() -> Any:
        answer = app.test_client().post(
            "/api/build", data={**files(("a.xlsx", SAMPLE)), **pdf_form}
        )
        return answer.status_code, answer.get_data(), answer.mimetype

    with ThreadPoolExecutor(2) as pool:
        hung = pool.submit(post)
        assert fake.hanging.wait(30)
        fine = pool.submit(post).result(timeout=60)
        assert not fake.release.is_set()  # done while the first conversion still hangs
        status, body, _ = hung.result(timeout=60)
    assert fine[0] == 200 and fine[1].startswith(b"%PDF") and fine[2] == "application/pdf"
    assert status == 504 and "tidak selesai" in json.loads(body)["pesan"]
    service(app).close()
    assert fake.cancelled


def test_libreoffice_failure_is_503_with_the_reason(make_app: Callable[..., Flask]) -> None:
    """A conversion without a PDF: 503 naming LibreOffice's reason, no traceback."""

    class Failing(FakeConverter):
        def convert(self, docx_files: Sequence[Path], force: bool = False) -> list[Converted]:
            return [Converted(d, None, "LibreOffice tidak ditemukan") for d in docx_files]

    app = make_app(CONVERTER=Failing)
    answer = app.test_client().post(
        "/api/build", data={**files(("a.xlsx", SAMPLE)), "format": "pdf"}
    )
    assert answer.status_code == 503
    assert "LibreOffice tidak ditemukan" in answer.json["pesan"]  # type: ignore[index]


# --- a real server ---------------------------------------------------------------------------


def _soffice_of(marker: Path) -> list[str]:
    """Running processes whose command line mentions `marker` (our TMPDIR)."""
    found = subprocess.run(["pgrep", "-af", str(marker)], capture_output=True, text=True).stdout
    return [line for line in found.splitlines() if "soffice" in line or "oosplash" in line]


def _no_soffice_of(marker: Path, seconds: float = 10) -> list[str]:
    """_soffice_of(marker) once it is empty, or what is still running after `seconds`
    (a killed process takes a moment to go)."""
    deadline = time.monotonic() + seconds
    while (running := _soffice_of(marker)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return running


@pytest.mark.libreoffice
def test_twenty_clients_asking_for_pdf_all_succeed(tmp_path: Path, soffice: str) -> None:
    """20 concurrent clients each upload the sample and ask for PDF: 20 PDFs, no LibreOffice
    left running, no work folder left."""
    with live_server(tmp_path) as server:

        def client(_: int) -> Any:
            return request(server.url + "api/build", [("contoh.xlsx", SAMPLE)], {"format": "pdf"})

        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(client, range(20)))
        assert [a.status for a in answers] == [200] * 20
        assert all(a.body.startswith(b"%PDF-") for a in answers)
        assert all(
            MAGELANG_DOCX.replace(".docx", ".pdf") in a.headers["Content-Disposition"]
            for a in answers
        )
        code, out = server.stop()
    assert code == 0 and "Server dihentikan" in out
    assert _no_soffice_of(tmp_path) == []
    assert list(tmp_path.glob("renaksi-serve-*")) == []
    log = server.log.read_text()
    assert log.count("/api/build") == 20 and log.count(" 200 ") == 20


@pytest.mark.libreoffice
def test_ctrl_c_during_a_conversion_stops_cleanly(tmp_path: Path, soffice: str) -> None:
    """Ctrl-C while LibreOffice converts: the server exits 0, no LibreOffice is left, the
    work folders are gone."""
    with live_server(tmp_path) as server, ThreadPoolExecutor(1) as pool:
        pending = pool.submit(
            request, server.url + "api/build", [("a.xlsx", SAMPLE)], {"format": "pdf"}
        )
        deadline = time.monotonic() + 60
        while not _soffice_of(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _soffice_of(tmp_path), "LibreOffice never started"
        code, out = server.stop(signal.SIGINT)
        with contextlib.suppress(OSError):  # the connection may close under it
            answer = pending.result(timeout=30)
            assert answer.status != 200
    assert code == 0 and "Server dihentikan" in out
    assert _no_soffice_of(tmp_path) == []
    assert list(tmp_path.glob("renaksi-serve-*")) == []


@pytest.mark.libreoffice
def test_hung_libreoffice_fails_its_request_only(tmp_path: Path, soffice: str) -> None:
    """A LibreOffice that hangs on one workbook (RENAKSI_SOFFICE wrapper): that request fails
    with the timeout message; a concurrent PDF of another workbook arrives."""
    wrapper = tmp_path / "soffice-macet"
    hanging = tmp_path / "macet"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'case "$*" in *sukamaju*) touch {hanging}; exec sleep 600;; esac\n'
        f'exec {soffice} "$@"\n'
    )
    wrapper.chmod(0o755)
    environ = {"RENAKSI_SOFFICE": str(wrapper), "RENAKSI_PDF_TIMEOUT": "15"}
    with live_server(tmp_path, environ=environ) as server, ThreadPoolExecutor(2) as pool:
        hung = pool.submit(
            request,
            server.url + "api/build",
            [("b.xlsx", CONTOH_XLSX.read_bytes())],
            {"format": "pdf"},
        )
        deadline = time.monotonic() + 60
        while not hanging.exists():
            assert time.monotonic() < deadline, "the hanging LibreOffice never started"
            time.sleep(0.05)
        fine = pool.submit(
            request, server.url + "api/build", [("a.xlsx", SAMPLE)], {"format": "pdf"}
        )
        good, bad = fine.result(timeout=120), hung.result(timeout=120)
    assert good.status == 200 and good.body.startswith(b"%PDF-")
    assert bad.status == 503 and "tidak selesai dalam 15 detik" in json.loads(bad.body)["pesan"]
    assert _no_soffice_of(tmp_path) == []


def test_server_survives_a_client_gone_mid_upload_and_one_that_never_reads(
    tmp_path: Path,
) -> None:
    """A client that drops the connection halfway through its upload, and one that never
    reads its download: the server answers others meanwhile, and keeps no work folder."""
    with live_server(tmp_path) as server:
        body_length = 5 * MB
        dropped = socket.create_connection(("127.0.0.1", server.port))
        dropped.sendall(
            b"POST /api/build HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
            b"boundary=b\r\nContent-Length: "
            + str(body_length).encode()
            + b"\r\n\r\n"
            + b"--b\r\n"
            + bytes(100_000)
        )
        dropped.close()
        from .serve_live import multipart

        body, kind = multipart([(f"{n}.xlsx", SAMPLE) for n in range(20)])
        silent = socket.create_connection(("127.0.0.1", server.port))
        silent.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        silent.sendall(
            b"POST /api/build HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            + kind.encode()
            + b"\r\nContent-Length: "
            + str(len(body)).encode()
            + b"\r\n\r\n"
            + body
        )
        try:
            answer = request(server.url + "api/validate", [("a.xlsx", SAMPLE)])
            assert answer.status == 200
            assert request(server.url).status == 200
            roots = list(tmp_path.glob("renaksi-serve-*"))
            deadline = time.monotonic() + 30
            while any(any(r.iterdir()) for r in roots) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert [list(r.iterdir()) for r in roots] == [[]]
        finally:
            silent.close()
        assert request(server.url).status == 200
        code, _ = server.stop()
    assert code == 0
    builds = [line for line in server.log.read_text().splitlines() if '"/api/build"' in line]
    # cheroot streams bodies: the dropped upload reaches the app, which finds it cut short
    assert sorted(line.split('"/api/build" ')[1][:3] for line in builds) == ["200", "400"]


def test_office_server_asks_for_the_password_and_warns(tmp_path: Path) -> None:
    """--host 0.0.0.0: the start-up warning about clear text; 401 without RENAKSI_SANDI's
    password, 200 with it."""
    with live_server(tmp_path, host="0.0.0.0", environ={"RENAKSI_SANDI": "sandi-kanwil"}) as s:
        assert request(s.url).status == 401
        assert request(s.url, password="salah").status == 401
        assert request(s.url, password="sandi-kanwil").status == 200
        answer = request(s.url + "api/validate", [("a.xlsx", SAMPLE)], password="sandi-kanwil")
        assert answer.status == 200
        code, out = s.stop(signal.SIGTERM)
    assert code == 0
    log = s.log.read_text()
    assert "tanpa enkripsi" in log and "HTTPS" in log
    assert "RENAKSI_SANDI" in out and "sandi-kanwil" not in out + log


def test_serve_port_taken_is_a_clear_error(tmp_path: Path) -> None:
    """A port already in use: exit 1 with a message naming --port, no traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "renaksi_docs", "serve", "--no-open", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            env=dict(os.environ, TMPDIR=str(tmp_path)),
        )
    assert result.returncode == 1
    assert "--port" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.glob("renaksi-serve-*")) == []


def test_wheel_ships_the_pages_templates_and_static_files(project_wheel: Path) -> None:
    """Every file of serve/templates and serve/static is inside the wheel, byte for byte."""
    from .conftest import ROOT

    package = ROOT / "renaksi_docs" / "serve"
    assets = [p for folder in ("templates", "static") for p in (package / folder).iterdir()]
    assert len(assets) >= 4
    with zipfile.ZipFile(project_wheel) as wheel:
        for asset in assets:
            name = asset.relative_to(ROOT).as_posix()
            assert wheel.read(name) == asset.read_bytes(), name


def _start_lines(server: Any) -> list[str]:
    """The start message after the first address line, up to 'Tekan Ctrl-C'."""
    assert server.process.stdout is not None
    lines = []
    while not lines or not lines[-1].startswith("Tekan Ctrl-C"):
        line = server.process.stdout.readline()
        assert line, lines  # the server ended
        lines.append(line.rstrip("\n"))
    return lines


def test_office_server_without_sandi_prints_a_generated_one(tmp_path: Path) -> None:
    """--host 0.0.0.0 without RENAKSI_SANDI: the machine's own addresses (never 0.0.0.0); a
    password generated, printed, required, kept in the user's configuration folder and the
    same at the next start; the message says where it is kept and how to change it."""
    environ = {"RENAKSI_SANDI": ""}
    with live_server(tmp_path, host="0.0.0.0", environ=environ) as server:
        lines = _start_lines(server)
        assert lines[0].startswith("Di komputer ini: http://127.0.0.1:")
        password = next(line for line in lines if line.startswith("Sandi: ")).split()[1]
        assert len(password) >= 16
        kept = tmp_path / "config" / "renaksi-docs" / "sandi-server.txt"
        assert kept.read_text("utf-8").strip() == password
        how = next(line for line in lines if line.startswith("Sandi ini disimpan"))
        assert str(kept) in how and "RENAKSI_SANDI" in how and "hapus berkas itu" in how
        assert request(server.url).status == 401
        assert request(server.url, password=password).status == 200
        code, _ = server.stop()
    assert code == 0
    assert password not in server.log.read_text()
    assert "0.0.0.0" not in " ".join(lines)
    with live_server(tmp_path, host="0.0.0.0", environ=environ) as again:
        assert f"Sandi: {password} " in "\n".join(_start_lines(again))
        again.stop()


@pytest.mark.parametrize("wildcard", ["0.0.0.0", "::"])
def test_wildcard_host_is_shown_as_the_machines_own_addresses(wildcard: str) -> None:
    """0.0.0.0 (or ::) is replaced by addresses of this machine that other PCs can open: each
    one can be bound here (it is this machine's), none is the wildcard or loopback."""
    from renaksi_docs.serve.office import own_addresses

    addresses = own_addresses(wildcard)
    assert addresses and wildcard not in addresses
    for address in addresses:
        if address == socket.gethostname():  # no address found: the machine's name
            continue
        assert not address.startswith(("127.", "::1"))
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((address, 0))
    assert own_addresses("192.0.2.7") == ["192.0.2.7"]


def test_kept_password_stays_until_the_file_is_deleted(tmp_path: Path) -> None:
    """The generated office password is written once (readable by its user only), read back
    at each start, and a new one is made only after the file is deleted."""
    from renaksi_docs.serve.office import kept_password

    folder = tmp_path / "konfigurasi"
    first, path = kept_password(folder)
    assert path.parent == folder and len(first) >= 16
    assert kept_password(folder) == (first, path)
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.unlink()
    assert kept_password(folder)[0] != first
