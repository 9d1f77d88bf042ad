"""The page in a real browser: Playwright driving Debian's Chromium against `renaksi-docs serve`.

Screenshots of every step are kept in test-artifacts/browser/ (git-ignored) for a person to
look at.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from renaksi_docs.build import output_name
from renaksi_docs.workbook.reader import read_plan

from .conftest import CONTOH_XLSX, MAGELANG_XLSX, ROOT
from .serve_live import LiveServer, live_server
from .test_serve import broken_bytes

ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One live server for the module's tests."""
    with live_server(tmp_path_factory.mktemp("server")) as running:
        yield running


@pytest.fixture
def page(server: LiveServer, chromium: str) -> Iterator[Any]:
    """A fresh Chromium page (Indonesian locale) on the server's home page."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(
            accept_downloads=True, locale="id-ID", viewport={"width": 1100, "height": 900}
        )
        tab = context.new_page()
        tab.set_default_timeout(60_000)
        tab.goto(server.url)
        yield tab
        context.close()
        browser.close()


def shot(page: Any, name: str) -> None:
    """Save a full-page screenshot as a test artefact."""
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def drop(page: Any, name: str, data: bytes) -> None:
    """Drop a file named `name` on the drop zone, as a clerk dragging it from a folder."""
    transfer = page.evaluate_handle(
        """([name, encoded]) => {
            const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name));
            return transfer;
        }""",
        [name, base64.b64encode(data).decode()],
    )
    page.dispatch_event("#tempat-lepas", "drop", {"dataTransfer": transfer})


def test_sample_checks_clean_and_builds_a_docx(page: Any, tmp_path: Path) -> None:
    """Load the page, choose the sample: no problems; Buat dokumen downloads its .docx."""
    assert page.title().startswith("renaksi-docs")
    assert "pilih workbook" in page.inner_text("#berikutnya")
    shot(page, "01-halaman")
    page.set_input_files("#berkas", str(MAGELANG_XLSX))
    card = page.locator(".kartu")
    card.get_by_text("Tidak ada galat").wait_for()
    assert page.locator("table.masalah").count() == 0
    assert "Balai Pemasyarakatan Kelas II Magelang" in card.inner_text()
    assert "klik Buat dokumen" in page.inner_text("#berikutnya")
    shot(page, "02-contoh-diperiksa")
    with page.expect_download() as event:
        page.click("#buat")
    download = event.value
    expected = output_name(read_plan(MAGELANG_XLSX).plan)  # type: ignore[arg-type]
    assert download.suggested_filename == expected
    target = tmp_path / expected
    download.save_as(str(target))
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "MAGELANG" in text.upper()
    page.locator("#unduh-hasil").wait_for()
    assert "sudah diunduh" in page.inner_text("#hasil-buat")
    assert "buka dokumennya di Word" in page.inner_text("#berikutnya")
    shot(page, "03-dokumen-diunduh")


@pytest.mark.browser
def test_workbook_quarter_is_shown_in_roman(page: Any) -> None:
    """A workbook whose Identitas says Triwulan III: its card and the quarter choice name
    Triwulan III (the page takes the numerals from the server's quarter list)."""
    page.set_input_files("#berkas", str(CONTOH_XLSX))
    card = page.locator(".kartu")
    card.get_by_text("triwulan III").wait_for()
    assert page.inner_text("#triwulan-bawaan") == "Sesuai isian workbook (Triwulan III)"


def test_broken_workbook_shows_its_cells(page: Any) -> None:
    """A dropped broken workbook: its sheet and cells in the problems table, the next step
    says to fix them; Buat dokumen then shows the same cells again."""
    drop(page, "rencana-rusak.xlsx", broken_bytes())
    table = page.locator("table.masalah")
    table.wait_for()
    rows = table.locator("tbody tr")
    cells = {
        (
            rows.nth(i).locator("td").nth(0).inner_text(),
            rows.nth(i).locator("td").nth(1).inner_text(),
        )
        for i in range(rows.count())
    }
    assert ("Indikator", "D2") in cells
    assert any(sheet == "Identitas" for sheet, _ in cells)
    assert "galat" in page.locator(".kartu h3").inner_text()
    assert "perbaiki sel" in page.inner_text("#berikutnya")
    shot(page, "04-workbook-rusak")
    page.click("#buat")
    page.locator("#hasil-buat table.masalah").wait_for()
    assert "D2" in page.inner_text("#hasil-buat")
    shot(page, "05-buat-ditolak")


@pytest.mark.libreoffice
def test_choices_reach_the_build_triwulan_and_pdf(page: Any, tmp_path: Path, soffice: str) -> None:
    """Triwulan II and PDF chosen on the page: the download is the -tw2 PDF."""
    page.set_input_files("#berkas", str(MAGELANG_XLSX))
    page.get_by_text("Tidak ada galat").wait_for()
    page.select_option("#triwulan", "II")
    page.check("input[name=format][value=pdf]")
    with page.expect_download() as event:
        page.click("#buat")
        page.get_by_text("Membuat dokumen PDF").wait_for()
        assert page.inner_text("#buat") == "Sedang membuat…"
        shot(page, "06-sedang-membuat-pdf")
    download = event.value
    expected = output_name(read_plan(MAGELANG_XLSX).plan).replace(".docx", "-tw2.pdf")  # type: ignore[arg-type]
    assert download.suggested_filename == expected
    target = tmp_path / expected
    download.save_as(str(target))
    assert target.read_bytes().startswith(b"%PDF-")
    shot(page, "07-pdf-diunduh")


def test_pengukuran_without_a_quarter_asks_for_one(page: Any, tmp_path: Path) -> None:
    """Pengukuran Kinerja for the sample (no Triwulan filled): the page asks to choose a
    quarter instead of sending; with Triwulan III chosen the report downloads."""
    page.set_input_files("#berkas", str(MAGELANG_XLSX))
    page.get_by_text("Tidak ada galat").wait_for()
    page.check("input[name=dokumen][value=pengukuran]")
    page.click("#buat")
    assert "perlu triwulan" in page.inner_text("#hasil-buat")
    assert "pilih triwulan" in page.inner_text("#berikutnya")
    shot(page, "08-pengukuran-perlu-triwulan")
    page.select_option("#triwulan", "III")
    with page.expect_download() as event:
        page.click("#buat")
    name = event.value.suggested_filename
    assert name.startswith("pengukuran-kinerja-") and name.endswith("-tw3.docx")
    event.value.save_as(str(tmp_path / name))
    assert Document(str(tmp_path / name)).paragraphs
    shot(page, "09-pengukuran-diunduh")


@pytest.mark.browser
def test_logo_comes_from_an_image_chosen_with_the_workbook(page: Any, tmp_path: Path) -> None:
    """A workbook naming logo.png: a galat at Identitas!B12 until the image is chosen too;
    then no galat, and the downloaded .docx holds the image byte for byte."""
    from openpyxl import load_workbook

    from . import hostile

    book = load_workbook(MAGELANG_XLSX)
    book["Identitas"]["B12"] = "logo.png"
    workbook = tmp_path / "dengan-logo.xlsx"
    book.save(workbook)
    logo = tmp_path / "LOGO.png"
    logo.write_bytes(hostile.png_bytes(6, 3))
    assert "Gambar Tanda Tangan" in page.inner_text("#bagian-gambar")
    page.set_input_files("#berkas", str(workbook))
    page.locator("table.masalah").wait_for()
    assert "tidak ikut dikirim" in page.inner_text("table.masalah")
    page.set_input_files("#gambar", str(logo))
    page.locator(".kartu").get_by_text("Tidak ada galat").wait_for()
    assert "LOGO.png" in page.inner_text("#daftar-gambar")
    shot(page, "06-logo-dipilih")
    with page.expect_download() as event:
        page.click("#buat")
    target = tmp_path / "hasil.docx"
    event.value.save_as(str(target))
    import zipfile

    with zipfile.ZipFile(target) as docx:
        media = [docx.read(n) for n in docx.namelist() if n.startswith("word/media/")]
    assert logo.read_bytes() in media
