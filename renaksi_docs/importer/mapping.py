"""Indicator row groups → Indikator and Triwulan rows of the standard workbook (docs/import.md).

Choices where the contract is silent (docs/import.md):
- A fraction drawn as an equation (or a nested table, or paragraph borders) becomes
  Pembilang/Penyebut only, so the rebuilt document draws it the same way; a fraction written
  as text (two lines, `a / b × 100%`) also keeps the text as Rumus, so it prints as before.
- Rencana Kegiatan is printed as typed: typed numbers stay, Word's automatic numbers become
  typed ones (`1. …`), automatic bullets are dropped. Keterangan items lose their bullets
  (typed or automatic), because the document prints Keterangan as a bulleted list.
- CAPAIAN cells: for `jumlah` the per-quarter counts are recovered as differences of the
  cumulative values (Pembilang); otherwise the printed value becomes the quarter's Nilai.
  A negative printed value can only be a pertumbuhan: a fraction becomes pertumbuhan, any
  other formula loses the value (with a note), so the workbook passes `validate`.
- Polaritas is printed nowhere: every indicator is `maksimal`, said once, and each indicator
  whose wording suggests lower-is-better (`LOWER_IS_BETTER`) is named for the clerk to check.
- TARGET (docs/indicators.md): a range (`80–90%`, `7 s.d. 8 bulan`) is written as the range
  text with its unit in Satuan; a level of a built-in scale (`WTP`, `Opini WTP`, `BB`,
  `Level 3`) makes the indicator kategori with that Skala, and its CAPAIAN cells' levels become
  the quarters' Nilai.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..formats import EN_DASH
from ..model import BUILTIN_SCALES, ROMAN, Kind, Polarity, Scale
from ..workbook import schema
from ..workbook.cells import RANGE_PATTERN, normalise, parse_number, parse_range
from .blocks import Cell
from .report import Finding
from .rumus import Formula, Shape, as_growth, read_formula
from .table import BodyRow, Group, Heading, Layout

_BULLET = re.compile(r"^\s*(?:[•·◦▪▫■□●○◆◇►▸➢➤✓✔\-–—*]|o\s|\uf0b7|\uf0a7|\uf076|\uf0d8)\s*")
_MONEY_JUNK = re.compile(r"(?i)^rp\.?\s*|,-$|,00$|\s+")
_NUMBER = re.compile(r"^\s*([<>≥≤]=?\s*)?(-?\d[\d.,]*)\s*(.*)$", re.DOTALL)
_INDEX_UNIT = str(schema.SATUAN.default_for(Kind.INDEKS))
"""The Satuan of an indeks indicator ('indeks'), as the workbook declares it."""
_DASH = re.compile(r"^[-–—−\s]*$")
_PERCENT_WORDS = {"%", "persen", "prosen", "percent"}
_RANGE_TEXT = re.compile(
    rf"^\s*(?P<range>{RANGE_PATTERN})\s*(?P<percent>%?)\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_LEVEL_PREFIXES = ("opini", "predikat sakip", "predikat", "zona integritas", "zi", "maturitas spip")
"""Words a TARGET cell may put before a level: 'Opini WTP', 'Predikat BB'."""
LOWER_IS_BETTER = (
    "melanggar",
    "pelanggaran",
    "kabur",
    "pelarian",
    "melarikan diri",
    "gangguan",
    "keluhan",
    "pengaduan",
    "hunian",
    "overkapasitas",
    "over kapasitas",
    "kelebihan kapasitas",
    "kelebihan penghuni",
    "waktu penyelesaian",
    "lama penyelesaian",
    "lama waktu",
    "keterlambatan",
    "terlambat",
    "tunggakan",
    "residivis",
    "kerusuhan",
    "insiden",
    "kematian",
    "penyalahgunaan",
    "pungutan liar",
    "pungli",
)
"""Words in an Indikator Kinerja that suggest lower-is-better (Polaritas minimal); matched
as whole words, case ignored."""
_LOWER_IS_BETTER = re.compile(
    r"\b(" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in LOWER_IS_BETTER) + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Printed:
    """One CAPAIAN cell as the document prints it."""

    code: str
    """The Kode the imported workbook gives its indicator."""
    quarter: int
    table: int
    row: int
    text: str


@dataclass
class Mapped:
    """Rows for the workbook, keyed by the standard headers."""

    indikator: list[dict[str, object]] = field(default_factory=list)
    triwulan: list[dict[str, object]] = field(default_factory=list)
    last_capaian: int | None = None
    """The latest quarter whose CAPAIAN cell holds anything (a value or '-')."""
    findings: list[Finding] = field(default_factory=list)
    capaian: list[Printed] = field(default_factory=list)
    """Every CAPAIAN cell the table has (also empty ones), per indicator and quarter."""
    polaritas: list[Finding] = field(default_factory=list)
    """That the document holds no Polaritas, then each indicator worded lower-is-better."""


@dataclass(frozen=True)
class Target:
    """A TARGET cell split into its number and unit."""

    number: Decimal | None
    satuan: str
    """'%', a count unit such as 'orang', or ''."""
    decimal: bool
    """The number was written with decimals (3,52)."""
    cell: object = None
    """What the Target cell gets: the number, a range's text ('80–90') or a level's text."""
    scale: Scale | None = None
    """The built-in scale whose level the target is (kategori), or None."""


def _level(text: str) -> tuple[Scale, str] | None:
    """The built-in scale and level that `text` names ('WTP', 'Opini WTP', 'Level 3')."""
    key = normalise(text)
    candidates = [key] + [
        key[len(prefix) :].strip() for prefix in _LEVEL_PREFIXES if key.startswith(prefix + " ")
    ]
    for candidate in candidates:
        for scale in BUILTIN_SCALES:
            level = scale.level(candidate)
            if level is not None:
                return scale, level.name
    return None


def split_target(text: str) -> Target:
    """'5%' → 5 '%'; '3,52' → 3.52 ''; '120 orang' → 120 'orang'; '80–90%' → the range
    '80–90' '%'; 'WTP' → the level of Opini BPK."""
    found = _level(text)
    if found is not None:
        scale, level = found
        return Target(None, "", False, level, scale)
    ranged = _RANGE_TEXT.match(text.strip())
    if ranged is not None:
        try:
            bounds = parse_range(ranged["range"].replace("%", ""))
        except ValueError:
            bounds = None
        if bounds is not None:
            rest = " ".join(ranged["rest"].split())
            percent = (
                "%" in ranged["range"] or ranged["percent"] or rest.casefold() in _PERCENT_WORDS
            )
            unit = "%" if percent else rest
            decimal = any(b != b.to_integral_value() for b in (bounds.lower, bounds.upper))
            shown = f"{_plain(bounds.lower)}{EN_DASH}{_plain(bounds.upper)}"
            return Target(bounds.lower, unit, decimal, shown)
    match = _NUMBER.match(text.strip())
    if match is None:
        return Target(None, "", False)
    try:
        number, percent = parse_number(match[2].rstrip(".,"))
    except ValueError:
        return Target(None, "", False)
    rest = " ".join(match[3].split())
    unit = "%" if percent or rest.casefold() in _PERCENT_WORDS else rest
    return Target(number, unit, number != number.to_integral_value(), _cell_number(number))


def _plain(number: Decimal) -> str:
    """A range bound as the Target cell spells it: '80', '7,5'."""
    return format(number.normalize(), "f").replace(".", ",")


def map_groups(groups: list[Group], layout: Layout | None, figures: bool) -> Mapped:
    """Workbook rows for `groups`; quarterly figures only when `figures` is true."""
    mapped = Mapped()
    names = layout.names if layout else {}
    previous_sasaran = ""
    hints: list[Finding] = []
    for number, group in enumerate(groups, start=1):
        code = f"IK-{number}"
        first = group.rows[0]

        def note(message: str, column: Heading, where: BodyRow = first) -> None:
            name = names.get(column, column.value)
            mapped.findings.append(Finding(message, where.table, where.number, name))

        texts = {column: _distinct(group, column) for column in Heading}
        sasaran = "\n".join(texts[Heading.SASARAN]) or previous_sasaran
        if not sasaran:
            note("Sasaran Kegiatan kosong; isi di lembar Indikator", Heading.SASARAN)
        previous_sasaran = sasaran
        for column in (Heading.INDIKATOR, Heading.SASARAN, Heading.KEGIATAN, Heading.DATA):
            if len(texts[column]) > 1:
                note("teks berbeda pada baris-baris satu indikator; digabung", column)
        target_text = "\n".join(texts[Heading.TARGET])
        target = split_target(target_text)
        if target.cell is None:
            note(
                f'target "{target_text}" tidak terbaca sebagai angka; isi Target'
                if target_text
                else "target kosong; isi Target",
                Heading.TARGET,
            )
        rumus_cell = _first(group, Heading.RUMUS)
        formula = read_formula(rumus_cell) if rumus_cell is not None else Formula("")
        kind, why = _kind(formula, target, texts[Heading.INDIKATOR])
        printed = _printed(group, code)
        negative = _negative(printed)
        if negative is not None and kind is not Kind.PERTUMBUHAN and formula.is_fraction:
            formula, kind = as_growth(formula), Kind.PERTUMBUHAN
            why = (
                f"capaian negatif ({negative}) hanya mungkin untuk pertumbuhan; Jenis Rumus "
                "diisi pertumbuhan, periksa Pembilang dan Penyebut"
            )
        if why:
            note(why, Heading.RUMUS)
        if formula.leftover:
            note(f'teks di samping pecahan diabaikan: "{formula.leftover}"', Heading.RUMUS)
        row: dict[str, object] = {
            schema.KODE.header: code,
            schema.SASARAN.header: sasaran or None,
            schema.NAMA_INDIKATOR.header: "\n".join(texts[Heading.INDIKATOR]) or None,
            schema.TARGET.header: target.cell,
            schema.SATUAN.header: target.satuan or None,
            schema.JENIS_RUMUS.header: kind.value,
            schema.SKALA_INDIKATOR.header: target.scale.name if target.scale is not None else None,
            schema.POLARITAS.header: Polarity.MAKSIMAL.value,
            schema.KEGIATAN.header: "\n".join(texts[Heading.KEGIATAN]) or None,
            schema.RENCANA_KEGIATAN.header: "\n".join(
                _lines(group, Heading.RENCANA, keep_labels=True)
            )
            or None,
            schema.DATA.header: "\n".join(texts[Heading.DATA]) or None,
            schema.KETERANGAN.header: "\n".join(
                _lines(group, Heading.KETERANGAN, keep_labels=False)
            )
            or None,
        }
        if formula.is_fraction:
            row[schema.PEMBILANG_URAIAN.header] = formula.numerator
            row[schema.PENYEBUT_URAIAN.header] = formula.denominator
            if formula.shape in (Shape.LINES, Shape.SLASH):
                row[schema.RUMUS.header] = formula.text
        elif formula.text:
            row[schema.RUMUS.header] = formula.text
        mapped.indikator.append(row)
        mapped.capaian.extend(printed)
        _quarters(mapped, group, code, kind, figures, target.scale)
        name = "\n".join(texts[Heading.INDIKATOR])
        word = _LOWER_IS_BETTER.search(name)
        if word is not None:
            hints.append(
                Finding(
                    f'"{" ".join(name.split())}" — kata "{" ".join(word[1].split())}" '
                    "menandakan makin kecil makin baik; periksa Polaritas di lembar Indikator",
                    first.table,
                    first.number,
                    code=code,
                )
            )
    if groups:
        mapped.polaritas.append(
            Finding(
                "dokumen Rencana Aksi tidak mencetak Polaritas: semua indikator diisi maksimal "
                "(makin besar makin baik); indikator yang makin kecil makin baik harus diubah "
                "menjadi minimal di lembar Indikator, karena Polaritas yang salah membalik "
                "capaian di Pengukuran Kinerja (mis. 160% menjadi 40%)"
            )
        )
        mapped.polaritas.extend(hints)
    return mapped


def _joined(lines: list[str]) -> str | None:
    """Lines as one cell's text, or None (an empty cell)."""
    return "\n".join(lines) or None


def _kind(formula: Formula, target: Target, names: list[str]) -> tuple[Kind, str]:
    """Jenis Rumus as docs/import.md says it is inferred, and a note when it is a guess."""
    name = " ".join(names).casefold()
    if target.scale is not None:
        return Kind.KATEGORI, ""
    if formula.is_fraction:
        if formula.growth:
            return Kind.PERTUMBUHAN, ""
        if not formula.times_hundred:
            return Kind.PERSENTASE, (
                "pecahan tanpa × 100%: dianggap persentase (dokumen baru mencetak × 100%); "
                "periksa Jenis Rumus"
            )
        return Kind.PERSENTASE, ""
    unit = target.satuan.casefold()
    if unit == "%":
        return Kind.PERSENTASE, (
            "rumus bukan pecahan sehingga Pembilang dan Penyebut tidak dapat diambil; "
            "Jenis Rumus ditebak persentase dari target %, isi Pembilang dan Penyebut"
        )
    if unit and unit != _INDEX_UNIT:
        return Kind.JUMLAH, ""
    if unit == _INDEX_UNIT or target.decimal or _INDEX_UNIT in name or "nilai" in name.split()[:1]:
        return Kind.INDEKS, ""
    if name.startswith(Kind.JUMLAH.value):
        return Kind.JUMLAH, ""
    return Kind.INDEKS, (
        "tanpa rumus dan tanpa satuan: Jenis Rumus ditebak indeks; periksa (jumlah bila "
        "targetnya hitungan)"
    )


def _quarters(
    mapped: Mapped, group: Group, code: str, kind: Kind, figures: bool, scale: Scale | None
) -> None:
    by_quarter: dict[int, dict[str, object]] = {}
    capaian: dict[int, Decimal] = {}
    for position, row in enumerate(group.rows, start=1):
        quarter = row.quarter or position
        if quarter > 4 or quarter in by_quarter:
            mapped.findings.append(
                Finding(
                    f"baris ke-{position} indikator {code} bukan triwulan baru; dilewati",
                    row.table,
                    row.number,
                )
            )
            continue
        values: dict[str, object] = {
            schema.KODE_TRIWULAN.header: code,
            schema.TRIWULAN.header: ROMAN[quarter],
        }
        by_quarter[quarter] = values
        if not figures:
            continue
        for column, header in (
            (Heading.PAGU, schema.PAGU.header),
            (Heading.RPD, schema.RENCANA_PENARIKAN.header),
            (Heading.REALISASI, schema.REALISASI_ANGGARAN.header),
        ):
            text = row.text(column) if _own_row(row, column) else ""
            amount = _money(text)
            if amount is None and text:
                mapped.findings.append(
                    Finding(
                        f'"{text}" bukan jumlah rupiah; dikosongkan',
                        row.table,
                        row.number,
                        column.value,
                    )
                )
            values[header] = amount
        status = row.text(Heading.STATUS) if _own_row(row, Heading.STATUS) else ""
        values[schema.STATUS.header] = status or None
        shown = row.text(Heading.CAPAIAN) if _own_row(row, Heading.CAPAIAN) else ""
        if shown:
            mapped.last_capaian = max(mapped.last_capaian or 0, quarter)
        if shown and not _DASH.match(shown) and scale is not None:
            level = scale.level(shown)
            if level is None:
                mapped.findings.append(
                    Finding(
                        f'capaian "{shown}" bukan tingkat skala {scale.name}; dikosongkan',
                        row.table,
                        row.number,
                        Heading.CAPAIAN.value,
                    )
                )
            else:
                values[schema.NILAI.header] = level.name
        elif shown and not _DASH.match(shown):
            value = split_target(shown).number
            if value is None:
                mapped.findings.append(
                    Finding(
                        f'capaian "{shown}" tidak terbaca sebagai angka; dikosongkan',
                        row.table,
                        row.number,
                        Heading.CAPAIAN.value,
                    )
                )
            elif value < 0 and kind is not Kind.PERTUMBUHAN:
                mapped.findings.append(
                    Finding(
                        f'capaian "{shown}" negatif, padahal hanya pertumbuhan yang dapat '
                        f"negatif dan indikator {code} bukan pertumbuhan; dikosongkan",
                        row.table,
                        row.number,
                        Heading.CAPAIAN.value,
                    )
                )
            else:
                capaian[quarter] = value
    if kind is Kind.JUMLAH and capaian:
        counts = _differences(capaian)
        if counts is not None:
            for quarter, count in counts.items():
                by_quarter[quarter][schema.PEMBILANG.header] = _cell_number(count)
            capaian = {}
    for quarter, value in capaian.items():
        by_quarter[quarter][schema.NILAI.header] = _cell_number(value)
    mapped.triwulan.extend(by_quarter[q] for q in sorted(by_quarter))


def _printed(group: Group, code: str) -> list[Printed]:
    """The group's CAPAIAN cells where they are written, by quarter (first one wins)."""
    printed: dict[int, Printed] = {}
    for position, row in enumerate(group.rows, start=1):
        quarter = row.quarter or position
        if quarter <= 4 and quarter not in printed and _own_row(row, Heading.CAPAIAN):
            text = row.text(Heading.CAPAIAN)
            printed[quarter] = Printed(code, quarter, row.table, row.number, text)
    return [printed[q] for q in sorted(printed)]


def _negative(printed: list[Printed]) -> str | None:
    """The first CAPAIAN text that reads as a negative number."""
    for cell in printed:
        value = split_target(cell.text).number if cell.text else None
        if value is not None and value < 0:
            return cell.text
    return None


def _differences(values: dict[int, Decimal]) -> dict[int, Decimal] | None:
    """Per-quarter counts whose running sums are the cumulative `values`, if there are any."""
    quarters = sorted(values)
    if quarters != list(range(1, len(quarters) + 1)):
        return None
    counts, previous = {}, Decimal(0)
    for quarter in quarters:
        count = values[quarter] - previous
        if count < 0 or count != count.to_integral_value():
            return None
        counts[quarter], previous = count, values[quarter]
    return counts


def _own_row(row: BodyRow, column: Heading) -> bool:
    """A per-quarter cell counts only where it is written (not a merge continued from above)."""
    cell = row.cells.get(column)
    return cell is not None and cell.origin is None


def _money(text: str) -> int | None:
    cleaned = _MONEY_JUNK.sub("", text)
    if not cleaned or _DASH.match(cleaned):
        return 0 if text else None
    if re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", cleaned):
        return int(cleaned.replace(".", ""))
    return None


def _cell_number(value: Decimal | None) -> int | float | None:
    """A Decimal as the number a workbook cell stores."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _first(group: Group, column: Heading) -> Cell | None:
    for row in group.rows:
        cell = row.cells.get(column)
        if cell is not None and cell.text:
            return cell
    return None


def _distinct(group: Group, column: Heading) -> list[str]:
    """The column's texts over the group's rows, each once, in order."""
    seen: list[str] = []
    for row in group.rows:
        text = row.text(column)
        if text and text not in seen:
            seen.append(text)
    return seen


def _lines(group: Group, column: Heading, keep_labels: bool) -> list[str]:
    """One item per paragraph or line: Rencana Kegiatan keeps numbers, Keterangan loses bullets."""
    lines: list[str] = []
    sources: list[Cell] = []
    for row in group.rows:
        cell = row.cells.get(column)
        if cell is not None and cell.source not in sources and cell.text:
            sources.append(cell.source)
    for cell in sources:
        for paragraph in cell.paragraphs:
            for index, line in enumerate(paragraph.text.split("\n")):
                if not line.strip():
                    continue
                if keep_labels:
                    if paragraph.label and index == 0:
                        line = f"{paragraph.label} {line}"
                else:
                    line = _BULLET.sub("", line.strip(), count=1).strip()
                if line:
                    lines.append(line)
    return lines
