"""One workbook → its document: read, compute, lay out, render (the whole pipeline).

reader.read_plan → context.build_context (formulas inside) → render.render_docx
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .errors import OutputExists, Problem, WorkbookInvalid
from .files import slug
from .model import Plan
from .reader import read_plan


@dataclass(frozen=True)
class BuildOptions:
    """What the user asked for, shared by every workbook of a run."""

    out_dir: Path = Path(".")
    """Folder for the outputs."""
    triwulan: int | None = None
    """Reporting quarter 1..4; overrides the workbook's Identitas Triwulan."""
    template: Path | None = None
    """A clerk's own template; None for ours."""
    force: bool = False
    """Replace existing outputs."""


@dataclass(frozen=True)
class Built:
    """A document written for one workbook."""

    source: Path
    docx: Path
    warnings: tuple[Problem, ...]


def output_name(plan: Plan) -> str:
    """'rencana-aksi-<unit-slug>-<tahun>[-tw<k>].docx'."""
    unit = plan.unit
    quarter = f"-tw{unit.triwulan}" if unit.triwulan else ""
    return f"rencana-aksi-{slug(unit.nama)}-{unit.tahun}{quarter}.docx"


def load(source: Path, options: BuildOptions) -> tuple[Plan, tuple[Problem, ...]]:
    """The workbook's plan with the options applied, or WorkbookInvalid."""
    reading = read_plan(source)
    if reading.plan is None:
        raise WorkbookInvalid(source, reading.problems)
    plan = reading.plan
    if options.triwulan is not None:
        plan = replace(plan, unit=replace(plan.unit, triwulan=options.triwulan))
    return plan, reading.warnings


def build_docx(source: Path, options: BuildOptions) -> Built:
    """Build the .docx of one workbook into options.out_dir."""
    from .context import build_context
    from .render import render_docx

    plan, warnings = load(source, options)
    target = options.out_dir / output_name(plan)
    if target.exists() and not options.force:
        raise OutputExists(target)
    render_docx(build_context(plan), target, options.template, options.force)
    return Built(source, target, warnings)
