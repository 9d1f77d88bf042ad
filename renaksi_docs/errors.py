"""The library's errors. The CLI turns every one of them into a message and an exit code.

Any other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(Enum):
    """An error stops the build; a warning is printed and the build goes on."""

    ERROR = "galat"
    WARNING = "peringatan"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a workbook, with the place to fix it."""

    severity: Severity
    message: str
    """A sentence in Bahasa Indonesia that says what to do."""
    sheet: str | None = None
    """Sheet name as the workbook spells it, or None for the file as a whole."""
    cell: str | None = None
    """Cell address such as 'D7' (or a row such as '7'), or None for the whole sheet."""

    @property
    def location(self) -> str:
        """'Indikator!D7', 'Indikator' or '' when the problem is the file itself."""
        if self.sheet is None:
            return ""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        label = "peringatan: " if self.severity is Severity.WARNING else ""
        return f"{prefix}{label}{self.message}"


class RenaksiError(Exception):
    """Base of every error the CLI reports without a traceback."""


class WorkbookInvalid(RenaksiError):
    """The workbook has errors; all of them are in `problems`."""

    def __init__(self, path: Path, problems: Iterable[Problem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        first = f": {errors[0]}" if errors else ""
        super().__init__(f"{path}: {len(errors)} galat{first}")


class OutputExists(RenaksiError):
    """The output file is already there and --force was not given."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} sudah ada; pakai --force untuk menimpanya")


class TemplateProblem(RenaksiError):
    """A Word template cannot be used (missing, not a .docx, unsafe or broken tags)."""


class ConversionFailed(RenaksiError):
    """LibreOffice did not produce a PDF."""


class OutputProblem(RenaksiError):
    """The output cannot be written (folder not writable, disk full)."""


class InputProblem(RenaksiError):
    """An input file cannot be read; `reason` says why without naming the file (the caller
    names it once)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class InputMissing(InputProblem):
    """A workbook named on the command line does not exist."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "berkas tidak ditemukan")


class InputUnreadable(InputProblem):
    """An input exists but cannot be opened (no permission; held by another program)."""
