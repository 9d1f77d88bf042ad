"""The web page and the HTTP API of `renaksi-docs serve` (docs/serve.md): a Flask app factory.

    GET  /                      the page (Bahasa Indonesia), built on the two API calls below
    GET  /unduh/<workbook>      the blank and the sample workbook
    POST /api/validate          multipart `berkas` (one or more) → 200, JSON problems per file
    POST /api/build             `berkas`; optional `triwulan`, `dokumen`, `format` → the
                                document, or a .zip when there are several

Before anything else (guard.py): a `Host` that is not this server's → 421; a POST from a
page of another site → 403; without the office server's password → 401 (wrong passwords are
slowed per client). None of these reads the body.

A `berkas` part named .png/.jpg/.jpeg/.gif/.bmp is an image for the workbooks of the same
request: their Logo and Gambar Tanda Tangan are matched against these by name, and a workbook
never makes the server open a path of its own (workbook/images.py).

Every request may store files only in its own private work folder (`work.Workspaces`); PDF
conversions go through the run's queue (`conversions.PdfQueue`). Each request leaves one line
in the access log: time, client, file names, result — never the contents.
"""

from __future__ import annotations

import io
import json
import logging
import tempfile
import threading
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, g, jsonify, render_template, request, send_file
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import HTTPException

from ..build import BuildOptions, Documents, Outcome, build_one
from ..documents.rincian import PrintedIndicator, printed
from ..errors import ConversionFailed, Problem, Severity
from ..model import ROMAN
from ..workbook.cells import parse_quarter
from ..workbook.images import IMAGE_SUFFIXES, Uploaded, image_key
from ..workbook.reader import Reading, read_plan
from .conversions import ConversionTimeout, PdfQueue, default_converter
from .guard import ClientAddress, Hosts, PasswordThrottle, cross_site, printable, shown
from .work import Workspace, Workspaces, shown_name

MB = 1024 * 1024
ACCESS_LOG = "renaksi_docs.serve.akses"
"""Logger of the access log: one line per request."""

DEFAULTS: dict[str, Any] = {
    "MAX_FILE_BYTES": 10 * MB,
    "MAX_FILES": 50,
    "PASSWORD": None,  # HTTP basic password asked on every request; None: none asked
    "WORK_ROOT": None,  # folder for the private work folders; None: a new temp folder
    "LIFETIME": 300.0,  # seconds a finished work folder waits for its download
    "CLOCK": time.monotonic,
    "PDF_SLOTS": None,  # LibreOffice conversions at once; None: one per core
    "PDF_WAIT": 300.0,  # seconds a request waits for its PDF before it fails
    "CONVERTER": default_converter,  # makes the run's converter (pdf.Converter)
    "PDF_WAITERS": None,  # requests waiting for a PDF at once (more: 503); None: no limit
    "HOST": "127.0.0.1",  # the listening address: with HOST_NAMES, the Host headers answered
    "HOST_NAMES": (),  # further names the server answers to (--nama-host)
    "TRUSTED_PROXY": None,  # address of the reverse proxy whose X-Forwarded-* is believed
    "THROTTLE": None,  # a guard.PasswordThrottle; None: a new one (2 wrong passwords/s)
}
"""What create_app's config may set."""

DOKUMEN_LABELS = {
    Documents.RENCANA_AKSI: "Rencana Aksi",
    Documents.PENGUKURAN: "Pengukuran Kinerja",
    Documents.PERJANJIAN: "Perjanjian Kinerja (perlu Nama Atasan dan Jabatan Atasan)",
    Documents.SEMUA: "Semua (Rencana Aksi, Pengukuran Kinerja, dan Perjanjian Kinerja bila "
    "Nama Atasan dan Jabatan Atasan diisi)",
}
"""How the page names each document choice."""

FORMATS = {"docx": "Word (.docx)", "pdf": "PDF"}
"""The `format` choices and their labels; the first is the default."""

MIMETYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
}

_MESSAGES = {
    400: "Permintaan tidak sah.",
    401: "Perlu sandi. Masukkan sandi yang diberikan pengelola server.",
    403: "Permintaan dari situs lain ditolak. Buka halaman renaksi-docs langsung, lalu kirim "
    "lagi dari sana.",
    404: "Halaman tidak ditemukan. Buka halaman utama.",
    405: "Cara permintaan ini tidak diterima di alamat ini.",
    421: "Alamat server ini tidak dikenal. Buka halaman lewat alamat yang diberikan pengelola "
    "server.",
    429: "Terlalu banyak sandi salah dari alamat ini. Tunggu beberapa detik, lalu coba lagi.",
    500: "Terjadi kesalahan di server. Coba lagi; bila berulang, hubungi pengelola server.",
}
"""Our words for the HTTP errors whose default description is werkzeug's English."""


@dataclass
class Service:
    """What one app holds for its whole run: work folders, the PDF queue, cached workbooks."""

    workspaces: Workspaces
    pdf: PdfQueue
    workbooks: dict[str, bytes]
    lock: threading.Lock
    hosts: Hosts
    throttle: PasswordThrottle

    def close(self) -> None:
        """Stop conversions and delete every work folder (server shutdown)."""
        self.pdf.close()
        self.workspaces.close()


@dataclass(frozen=True)
class Upload:
    """A file a client sent: saved under our own name, shown under its own."""

    name: str
    """The client's name, cleaned for display (never a path)."""
    path: Path


def service(app: Flask) -> Service:
    """The Service of an app made by create_app."""
    found: Service = app.extensions["renaksi_docs"]
    return found


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The app; `config` overrides DEFAULTS (tests pass a clock, a root, a converter)."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    max_files, max_bytes = app.config["MAX_FILES"], app.config["MAX_FILE_BYTES"]
    app.config["MAX_CONTENT_LENGTH"] = max_files * max_bytes + MB  # plus the form's own parts
    app.config["MAX_FORM_PARTS"] = max_files + 16
    root = app.config["WORK_ROOT"] or Path(tempfile.mkdtemp(prefix="renaksi-serve-"))
    app.extensions["renaksi_docs"] = Service(
        Workspaces(Path(root), app.config["LIFETIME"], app.config["CLOCK"]),
        PdfQueue(
            app.config["CONVERTER"],
            app.config["PDF_SLOTS"],
            app.config["PDF_WAIT"],
            app.config["PDF_WAITERS"],
        ),
        {},
        threading.Lock(),
        Hosts(app.config["HOST"], app.config["HOST_NAMES"]),
        app.config["THROTTLE"] or PasswordThrottle(),
    )
    app.wsgi_app = ClientAddress(app.wsgi_app, app.config["TRUSTED_PROXY"])  # type: ignore[method-assign]
    app.before_request(_guard)
    app.after_request(_log_and_protect)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(ConversionFailed, _conversion_failed)
    app.add_url_rule("/", view_func=index)
    app.add_url_rule("/unduh/<name>", view_func=workbook)
    app.add_url_rule("/api/validate", view_func=api_validate, methods=["POST"])
    app.add_url_rule("/api/build", view_func=api_build, methods=["POST"])
    return app


# --- the page -------------------------------------------------------------------------------


def _workbook_files() -> dict[str, Any]:
    """Downloadable workbooks by file name: the blank one (init) and the sample (init --contoh)."""
    from ..workbook.samples import MAGELANG, SAMPLES
    from ..workbook.standard import WorkbookContent

    sample = next(name for name, content in SAMPLES.items() if content is MAGELANG)
    return {"rencana-aksi.xlsx": WorkbookContent(), sample: MAGELANG}


def index() -> str:
    """The page."""
    config = _app().config
    names = list(_workbook_files())
    return render_template(
        "index.html",
        blank=names[0],
        sample=names[1],
        dokumen=[(d.value, label) for d, label in DOKUMEN_LABELS.items()],
        formats=list(FORMATS.items()),
        quarters=list(ROMAN.values()),
        max_files=config["MAX_FILES"],
        max_mb=config["MAX_FILE_BYTES"] // MB,
    )


def workbook(name: str) -> Response:
    """The blank or the sample workbook, made by the same writer as `init`."""
    files = _workbook_files()
    if name not in files:
        abort(404)
    state = service(_app())
    with state.lock:
        if name not in state.workbooks:
            from ..workbook.standard import build_workbook

            buffer = io.BytesIO()
            build_workbook(files[name]).save(buffer)
            state.workbooks[name] = buffer.getvalue()
        data = state.workbooks[name]
    g.result = f"unduh {name}"
    return send_file(io.BytesIO(data), MIMETYPES[".xlsx"], as_attachment=True, download_name=name)


# --- the API --------------------------------------------------------------------------------


def api_validate() -> Response:
    """Every problem of every workbook sent; 200 even when a workbook is invalid."""
    state = service(_app())
    workspace = state.workspaces.create()
    try:
        uploads, images = _save_uploads(workspace)
        results = [_reading_json(u.name, read_plan(u.path, images)) for u in uploads]
    finally:
        state.workspaces.delete(workspace)
    errors = sum(r["galat"] for r in results)
    g.result = f"200 periksa: {len(results)} berkas, {errors} galat"
    return jsonify(shown({"berkas": results}))


def api_build() -> Response:
    """The document of each workbook (a .zip when there are several); 422 with the problems
    when a workbook is invalid."""
    options, want_pdf = _build_options(request.form)
    state = service(_app())
    workspace = state.workspaces.create()
    try:
        response = _build(workspace, options, want_pdf)
    except BaseException:
        state.workspaces.delete(workspace)
        raise
    if response.status_code != 200:
        state.workspaces.delete(workspace)
        return response
    state.workspaces.release(workspace)
    response.call_on_close(lambda: state.workspaces.delete(workspace))
    return response


def _build(workspace: Workspace, options: BuildOptions, want_pdf: bool) -> Response:
    uploads, images = _save_uploads(workspace)
    outcomes: list[Outcome] = []
    for number, upload in enumerate(uploads, 1):
        out_dir = workspace.outputs / str(number)
        out_dir.mkdir()
        outcomes.append(build_one(upload.path, replace(options, out_dir=out_dir, images=images)))
    if not all(o.ok for o in outcomes):
        failed = sum(1 for o in outcomes if not o.ok)
        g.result = f"422 buat: {failed} dari {len(outcomes)} berkas gagal"
        return _json_response(
            422,
            f"{failed} dari {len(outcomes)} workbook belum bisa dibuat dokumennya. Perbaiki "
            "galat yang disebut, simpan workbook di Excel, lalu pilih dan kirim lagi.",
            berkas=[_outcome_json(u.name, o) for u, o in zip(uploads, outcomes, strict=True)],
        )
    documents = [o.docx for outcome in outcomes for o in outcome.each() if o.docx is not None]
    if want_pdf:
        documents = _to_pdf(documents)
    if len(documents) == 1:
        target, name = documents[0], documents[0].name
    else:
        target, name = _zip(workspace, documents), "dokumen-renaksi.zip"
    g.result = f"200 buat: {name} ({len(documents)} dokumen)"
    # No ETag: werkzeug's would carry a checksum of the private work folder's path.
    response = send_file(
        target, MIMETYPES[target.suffix], as_attachment=True, download_name=name, etag=False
    )
    response.headers["Cache-Control"] = "no-store"
    response.direct_passthrough = False  # else werkzeug skips call_on_close (api_build)
    return response


def _to_pdf(documents: list[Path]) -> list[Path]:
    """The PDFs of the documents, converted through the run's queue."""
    results = service(_app()).pdf.convert(documents)
    failed = [r for r in results if r.pdf is None]
    if failed:
        raise ConversionFailed(f"PDF gagal dibuat: {failed[0].error}")
    return [Path(r.pdf) for r in results]


def _zip(workspace: Workspace, documents: list[Path]) -> Path:
    """One .zip of the documents; a name met twice gets -2, -3, …"""
    target = workspace.folder / "dokumen.zip"
    used: set[str] = set()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            name, number = document.name, 1
            while name in used:
                number += 1
                name = f"{document.stem}-{number}{document.suffix}"
            used.add(name)
            archive.write(document, name)
    return target


QUARTER_HINT = "pilih triwulan pada kolom triwulan"
"""How the page and the API give a reporting quarter (the missing-quarter message)."""


def _build_options(form: Mapping[str, str]) -> tuple[BuildOptions, bool]:
    """BuildOptions from the form fields; 400 naming the field when a value is unknown."""
    triwulan = None
    if form.get("triwulan", "").strip():
        try:
            triwulan = parse_quarter(form["triwulan"])
        except ValueError as exc:
            abort(400, description=f"Kolom triwulan: {exc}")
    dokumen = form.get("dokumen", "").strip() or Documents.RENCANA_AKSI.value
    choices = {d.value: d for d in Documents}
    if dokumen not in choices:
        abort(
            400,
            description=f'Kolom dokumen: "{dokumen}" tidak dikenal; isi salah satu dari '
            + ", ".join(choices),
        )
    kind = form.get("format", "").strip().lower() or next(iter(FORMATS))
    if kind not in FORMATS:
        abort(400, description=f'Kolom format: "{kind}" tidak dikenal; isi docx atau pdf')
    options = BuildOptions(quarter=triwulan, documents=choices[dokumen], quarter_hint=QUARTER_HINT)
    return options, kind == "pdf"


def _save_uploads(workspace: Workspace) -> tuple[list[Upload], Uploaded]:
    """The `berkas` workbooks saved as 1.xlsx, 2.xlsx, …, and the images among the parts
    (by their suffix) saved as gambar-1.png, …; 400 without a workbook or with one image name
    twice, 413 over the limits."""
    config = _app().config
    files = [f for f in request.files.getlist("berkas") if f.filename or _has_content(f)]
    g.names = [shown_name(f.filename, n) for n, f in enumerate(files, 1)]
    if len(files) > config["MAX_FILES"]:
        abort(
            413,
            description=f"Terlalu banyak berkas: {len(files)}; paling banyak "
            f"{config['MAX_FILES']} berkas sekali kirim. Kirim dalam beberapa kali.",
        )
    parts = list(zip(g.names, files, strict=True))
    pictures = [(n, f) for n, f in parts if n.lower().endswith(IMAGE_SUFFIXES)]
    workbooks = [(n, f) for n, f in parts if not n.lower().endswith(IMAGE_SUFFIXES)]
    if not workbooks:
        abort(400, description="Pilih minimal satu workbook .xlsx (kolom berkas).")
    uploads = [
        Upload(name, _save_part(storage, workspace.inputs / f"{number}.xlsx", name))
        for number, (name, storage) in enumerate(workbooks, 1)
    ]
    images: dict[str, Path] = {}
    for number, (name, storage) in enumerate(pictures, 1):
        key = image_key(name)
        if key in images:
            abort(400, description=f"Gambar {name} dipilih dua kali; pilih satu saja.")
        suffix = Path(key).suffix
        images[key] = _save_part(storage, workspace.inputs / f"gambar-{number}{suffix}", name)
    return uploads, Uploaded(images)


def _save_part(storage: FileStorage, path: Path, name: str) -> Path:
    """The part saved at `path`; 413 when it is over the size limit."""
    limit = _app().config["MAX_FILE_BYTES"]
    if not _save_limited(storage, path, limit):
        abort(
            413,
            description=f"{name} lebih dari {limit // MB} MB; workbook standar jauh lebih "
            "kecil. Hapus gambar atau lembar tambahan, lalu kirim lagi.",
        )
    return path


def _has_content(storage: FileStorage) -> bool:
    first = storage.stream.read(1)
    storage.stream.seek(0)
    return bool(first)


def _save_limited(storage: FileStorage, path: Path, limit: int) -> bool:
    """Copy the upload to `path`; False (and nothing kept) when it is over `limit` bytes."""
    written = 0
    with path.open("xb") as out:
        for chunk in iter(lambda: storage.stream.read(64 * 1024), b""):
            written += len(chunk)
            if written > limit:
                break
            out.write(chunk)
    if written > limit:
        path.unlink()
        return False
    return True


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "lembar": problem.sheet,
        "sel": problem.cell,
        "lokasi": problem.location,
        "pesan": problem.message,
        "jenis": problem.severity.value,
        "teks": str(problem),
    }


def _reading_json(name: str, reading: Reading) -> dict[str, Any]:
    """What the page shows of one workbook: its problems; its unit and indicators when valid."""
    plan = reading.plan
    return {
        "nama": name,
        "ok": not reading.errors,
        "galat": len(reading.errors),
        "peringatan": len(reading.reported) - len(reading.errors),
        "masalah": [_problem_json(p) for p in reading.reported],
        "unit": plan.unit.name if plan else None,
        "tahun": plan.unit.year if plan else None,
        "triwulan": plan.unit.quarter if plan else None,
        "indikator": [_indicator_json(i) for i in printed(plan)] if plan else [],
    }


def _indicator_json(indicator: PrintedIndicator) -> dict[str, Any]:
    """One indicator as `validate --rincian` shows it (docs/serve.md): values as printed,
    both capaian of each quarter up to the reporting one (null after it)."""
    return {
        "kode": indicator.code,
        "nama": indicator.name,
        "target": indicator.target,
        "triwulan": [
            {
                "triwulan": q.quarter,
                "target": q.target,
                "realisasi": q.realisasi,
                "capaian": q.capaian,
                "predikat": q.predikat,
                "capaian_tahunan": q.capaian_tahunan,
                "pagu": q.pagu,
                "rencana_penarikan_dana": q.rencana_penarikan,
                "realisasi_anggaran": q.realisasi_anggaran,
            }
            for q in indicator.quarters
        ],
    }


def _outcome_json(name: str, outcome: Outcome) -> dict[str, Any]:
    """A failed build in validate's shape: the workbook's problems, or each document's error
    (with `semua`, the Pengukuran may fail alone), named by its document."""
    problems = list(outcome.problems) or [
        Problem(Severity.ERROR, f"{DOKUMEN_LABELS[o.document]}: {o.error}")
        for o in outcome.each()
        if o.error
    ]
    problems += [w for w in outcome.warnings if w not in problems]
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    return {
        "nama": name,
        "ok": outcome.ok,
        "galat": errors,
        "peringatan": len(problems) - errors,
        "masalah": [_problem_json(p) for p in problems],
    }


# --- password, log, errors ------------------------------------------------------------------


def _app() -> Flask:
    from flask import current_app

    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    return app


def _guard() -> Response | None:
    """Refuse, from the headers alone, what is not for this server (421), a POST from a page
    of another site (403), and a request without the office server's password (401; wrong
    ones are slowed per client, 429 when too many wait)."""
    g.started = time.perf_counter()
    state = service(_app())
    if not state.hosts.allows(request.headers.get("Host")):
        g.result = "421 host lain: " + json.dumps(printable(request.headers.get("Host", "")))
        return _refusal(421)
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        reason = cross_site(request.headers, request.scheme, request.headers.get("Host", ""))
        if reason is not None:
            g.result = f"403 situs lain ({reason})"
            return _refusal(403)
    expected = _app().config["PASSWORD"]
    if expected is None:
        return None
    auth = request.authorization
    given = auth.password if auth is not None and auth.type == "basic" else None
    if given is None:
        g.result = "401 tanpa sandi"
        return _refusal(401)
    client = request.remote_addr or "-"
    attempt = state.throttle.check(client, given, expected)
    if attempt.ok:
        return None
    if attempt.busy:
        g.result = "429 terlalu banyak sandi salah"
        return _refusal(429, {"Retry-After": str(max(1, round(state.throttle.max_wait)))})
    logging.getLogger(__name__).warning(
        "sandi salah dari %s: salah ke-%d berturut-turut, diperiksa %.3f detik setelah yang "
        "pertama (ditunda %d ms)",
        printable(client),
        attempt.failures,
        attempt.since_first,
        attempt.waited * 1000,
    )
    g.result = "401 sandi salah"
    return _refusal(401)


def _refusal(code: int, headers: Mapping[str, str] | None = None) -> Response:
    """A short plain-text refusal: nothing of the page, nothing read of the body."""
    extra = dict(headers or {})
    if code == 401:
        extra["WWW-Authenticate"] = 'Basic realm="renaksi-docs", charset="UTF-8"'
    return Response(_MESSAGES[code] + "\n", code, extra, mimetype="text/plain")


def _log_and_protect(response: Response) -> Response:
    """Security headers on every answer; the access-log line of the request."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    )
    if request.path.startswith("/api/"):
        headers.setdefault("Cache-Control", "no-store")
    started = g.get("started", time.perf_counter())
    logging.getLogger(ACCESS_LOG).info(
        "%s %s %s %d berkas=%s hasil=%s %d ms",
        printable(request.remote_addr or "-"),
        request.method,
        json.dumps(request.path),
        response.status_code,
        json.dumps(g.get("names", [])),
        json.dumps(g.get("result", response.status)),
        (time.perf_counter() - started) * 1000,
    )
    return response


def _json_response(status: int, message: str, **extra: Any) -> Response:
    response = jsonify(shown({"pesan": message, **extra}))
    response.status_code = status
    return response


def _http_error(exc: HTTPException) -> Response:
    """Our message in JSON for the API, as a short page otherwise; never a traceback."""
    code = exc.code or 500
    own = exc.description if exc.description != type(exc).description else None
    if code == 413 and own is None:
        config = _app().config
        own = (
            f"Kiriman terlalu besar: paling banyak {config['MAX_FILES']} berkas, masing-masing "
            f"{config['MAX_FILE_BYTES'] // MB} MB. Kirim lebih sedikit berkas sekali kirim."
        )
    message = own or _MESSAGES.get(code, _MESSAGES[400 if code < 500 else 500])
    g.setdefault("result", f"{code} {message}")
    if request.path.startswith("/api/"):
        response = _json_response(code, message)
    else:
        response = Response(render_template("galat.html", message=shown(message)), code)
    if code == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def _conversion_failed(exc: ConversionFailed) -> Response:
    """LibreOffice missing, failed or too slow: this request fails, the server goes on."""
    code = 504 if isinstance(exc, ConversionTimeout) else 503
    g.result = f"{code} pdf: {exc}"
    return _json_response(code, str(exc))
