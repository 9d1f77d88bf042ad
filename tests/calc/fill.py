"""Type into workbooks with LibreOffice Calc headless, as a clerk would under a regional setting.

Run with Debian's Python and its UNO bridge (package python3-uno), not the project's venv:

    /usr/bin/python3 tests/calc/fill.py < job.json > result.json

The job (JSON on stdin) names one locale and a list of books:

    {"locale": "en-US",
     "registry": "<?xml …> settings for the fresh profile" (optional),
     "books": [{"source": "/abs/in.xlsx" or null (a new spreadsheet),
                "typing": [["Triwulan", "E2", "950.000"], ...],
                "save": "/abs/out.xlsx" or null,
                "general": false}]}

With "general", each typed cell is first reset to the General number format, as in a workbook
made by hand or by an older `renaksi-docs init`.

Each text is entered through the cell's `FormulaLocal` property, which goes through the same
input parsing as typing into the cell: numbers, percentages and dates are recognised by the
locale, and the recognised format is applied to the cell. (`XCell.setFormula` is *not* what
a clerk's typing does: it always parses as en-US and applies no format.) A text starting with
an apostrophe stays text, as when typed. Typing does not trigger the cell rule's refusal; the
rule is checked afterwards with Calc's own "Mark Invalid Data" (Tools ▸ Detective; the
sheet's `XSheetAuditing.showInvalid`), whose circles mark the cells that break their rule.

The result (JSON on stdout) gives, per book, one record per typed cell: what Calc stored
(`kind` value/text/formula/empty, `value`, `shown` as Calc displays it, `format` code,
`error` for a formula error), the cell rule's `rule` type and `style` (STOP, WARNING, INFO,
MACRO), and `valid` (False when Calc's rule check marks the cell).

The regional setting is the process locale (LANG/LC_ALL) of a soffice started for this job
with a fresh profile: the way a clerk's operating system sets it. (Switching Calc's own
locale option at run time while the process locale stays C gave inconsistent format codes.)
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from typing import Any

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException

START_TIMEOUT = 60.0
"""Seconds to wait for soffice to accept the connection."""

XLSX_FILTER = "Calc MS Excel 2007 XML"


def _property(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


class Calc:
    """One headless soffice with its own profile and process locale; a context manager."""

    def __init__(self, locale: str, registry: str | None = None) -> None:
        self.locale = locale
        self.profile = tempfile.mkdtemp(prefix="renaksi-calc-")
        if registry:  # settings seeded into the fresh profile
            os.makedirs(os.path.join(self.profile, "user"))
            with open(os.path.join(self.profile, "user", "registrymodifications.xcu"), "w") as f:
                f.write(registry)
        self.pipe = f"renaksi-calc-{os.getpid()}"
        posix = locale.replace("-", "_") + ".UTF-8"
        env = {**os.environ, "LANG": posix, "LC_ALL": posix}
        env.pop("LANGUAGE", None)
        self.process = subprocess.Popen(
            [
                shutil.which("soffice") or "soffice",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                "-env:UserInstallation=" + uno.systemPathToFileUrl(self.profile),
                f"--accept=pipe,name={self.pipe};urp;",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def __enter__(self) -> Calc:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                self.context = resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext"
                )
                break
            except NoConnectException:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self._stop()
                    raise RuntimeError("soffice did not start") from None
                time.sleep(0.1)
        manager = self.context.ServiceManager
        self.desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", self.context)
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(DisposedException):  # the bridge may close first
            self.desktop.terminate()
        self._stop()

    def _stop(self) -> None:
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def fill(self, book: dict) -> list[dict]:
        """Open (or create) one book, type into it, save it, and report every typed cell."""
        source = book.get("source")
        url = "private:factory/scalc"
        if source:  # a copy, so that the input is untouched and no lock file lands beside it
            copy = os.path.join(self.profile, "book-" + os.path.basename(source))
            shutil.copyfile(source, copy)
            url = uno.systemPathToFileUrl(copy)
        doc = self.desktop.loadComponentFromURL(url, "_blank", 0, (_property("Hidden", True),))
        if doc is None:
            raise RuntimeError(f"Calc could not open {source}")
        try:
            cells = []
            for sheet_name, address, text in book["typing"]:
                cell = doc.Sheets.getByName(sheet_name).getCellRangeByName(address)
                if book.get("general"):
                    cell.NumberFormat = 0
                cell.setPropertyValue("FormulaLocal", text)
                cells.append(cell)
            doc.calculateAll()
            reports = [
                self._report(doc, sheet, address, text, cell)
                for (sheet, address, text), cell in zip(book["typing"], cells, strict=True)
            ]
            if book.get("save"):
                doc.storeToURL(
                    uno.systemPathToFileUrl(book["save"]),
                    (_property("FilterName", XLSX_FILTER),),
                )
            invalid = self._invalid_cells(doc, cells)
            for report in reports:
                report["valid"] = report.pop("name") not in invalid
            return reports
        finally:
            doc.close(True)

    def _invalid_cells(self, doc: Any, cells: list[Any]) -> set[str]:
        """Absolute names ($Sheet.$A$1) of the `cells` Calc's Mark Invalid Data circles.

        A circle is matched to the cell that holds its centre (asking a circle for its anchor
        crashed soffice 7.4 on some sheets).
        """
        by_sheet: dict[int, list[tuple[str, int, int, int, int]]] = {}
        for cell in cells:
            place, size = cell.Position, cell.Size
            by_sheet.setdefault(cell.CellAddress.Sheet, []).append(
                (cell.AbsoluteName, place.X, place.Y, place.X + size.Width, place.Y + size.Height)
            )
        found: set[str] = set()
        for index, boxes in by_sheet.items():
            sheet = doc.Sheets.getByIndex(index)
            sheet.showInvalid()  # XSheetAuditing: Tools ▸ Detective ▸ Mark Invalid Data
            page = sheet.DrawPage
            centres = []
            for n in range(page.Count):
                shape = page.getByIndex(n)
                if shape.ShapeType.endswith("EllipseShape"):
                    place, size = shape.Position, shape.Size
                    centres.append((place.X + size.Width // 2, place.Y + size.Height // 2))
            for name, left, top, right, bottom in boxes:
                if any(left <= x < right and top <= y < bottom for x, y in centres):
                    found.add(name)
        return found

    @staticmethod
    def _report(doc: Any, sheet: str, address: str, text: str, cell: Any) -> dict:
        kind = cell.Type.value.lower()
        rule = cell.Validation
        return {
            "sheet": sheet,
            "cell": address,
            "text": text,
            "kind": kind,
            "value": cell.getValue() if kind in ("value", "formula") else None,
            "shown": cell.getString(),
            "format": doc.NumberFormats.getByKey(cell.NumberFormat).FormatString,
            "error": cell.getError(),
            "rule": rule.Type.value,
            "style": rule.ErrorAlertStyle.value,
            "name": cell.AbsoluteName,
        }


def main() -> None:
    """Run the job on stdin, print the result on stdout."""
    job = json.load(sys.stdin)
    with Calc(job["locale"], job.get("registry")) as calc:
        books = [{"cells": calc.fill(book)} for book in job["books"]]
    json.dump({"locale": job["locale"], "books": books}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
