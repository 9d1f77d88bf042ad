"""Cover, title, subtitle, signature block, footer and page size → the Identitas values."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import PAPER_MM, ROMAN, PaperSize, Signing
from ..workbook import schema
from ..workbook.cells import parse_date
from .blocks import Paragraph
from .report import Finding

_TITLE = re.compile(r"RENCANA\s+AKSI\b.*?\bKINERJA\s+(?:DI|PADA)\s+(.+)$", re.I | re.S)
_SUBTITLE = re.compile(
    r"Capaian\s+s\s*\.?\s*d\s*\.?\s+Triwulan\s+(IV|I{1,3}|[1-4])\b(?:\s+Tahun\s+(\d{4}))?", re.I
)
_KEPALA = re.compile(r"\bKEPALA\s+(.+)$", re.I | re.S)
_YEAR_AT_END = re.compile(r"^(.*?)\s*\b(20\d\d)$", re.S)
_TAHUN = re.compile(r"\bTAHUN\s+(20\d\d)\b", re.I)
_PLACE_DATE = re.compile(r"^([^,]{1,60}?),\s*(\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})$")
_NIP = re.compile(r"^NIP\.?\s*:?\s*(.*)$", re.I)
_BSRE = re.compile(r"BSrE|Sertifikasi\s+Elektronik|ditandatangani\s+secara\s+elektronik", re.I)
_SMALL_WORDS = {"dan", "di", "ke", "dari", "yang"}
_UPPER_WORDS = {"UPT", "LPKA", "RUTAN", "BAPAS", "LAPAS", "PAS", "RI"}
TWIPS_PER_MM = 1440 / 25.4


@dataclass
class Identity:
    """Identitas values keyed by the standard labels, and what could not be found."""

    values: dict[str, object] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def read_identity(
    before: list[Paragraph],
    after: list[Paragraph],
    footer_text: str,
    page: tuple[int, int] | None,
    tahun: int | None,
) -> Identity:
    """Identitas from the text before the table, after it, the footers and the page size."""
    identity = Identity()
    values, note = identity.values, identity.findings.append
    lines = [_one_line(p.text) for p in before if p.text]
    if any(p.picture for p in before):
        note(
            Finding(
                "gambar di sampul (logo) tidak diambil; simpan gambarnya sebagai berkas PNG/JPG "
                "di folder workbook lalu isi Identitas Logo"
            )
        )
    unit_upper, year, quarter = "", None, None
    as_titled = ""
    """The unit as the title writes it, trailing punctuation included."""
    for line in lines:
        if not unit_upper and (m := _TITLE.search(line)):
            rest = m[1]
            if t := _TAHUN.search(rest):
                year = year or int(t[1])
                rest = rest[: t.start()]
            unit_upper, as_titled = rest.strip(" .,"), rest.strip()
        if quarter is None and (m := _SUBTITLE.search(line)):
            quarter = m[1].upper() if not m[1].isdigit() else ROMAN[int(m[1])]
            year = int(m[2]) if m[2] else year
    for line in lines:
        if (m := _KEPALA.search(line)) and not unit_upper:
            unit_upper = m[1].strip()
        found = _YEAR_AT_END.match(line)
        if found and unit_upper and _fold(found[1]) == _fold(unit_upper):
            year = year or int(found[2])
        elif found and as_titled != unit_upper and _fold(found[1]) == _fold(as_titled):
            # the cover (`<UNIT> <TAHUN>`) ends the name as the title does: it is the name's
            unit_upper = as_titled
            year = year or int(found[2])
    every = [_one_line(p.text) for p in (*before, *after) if p.text]
    if unit_upper:
        values[schema.NAMA_UPT.header] = _casing(unit_upper, every)
    else:
        note(Finding("nama UPT tidak ditemukan di judul atau sampul; isi Identitas Nama UPT"))
    signature = _signature(after, identity)
    if signature is not None and year is None:
        year = signature.year
    if tahun is not None:
        if signature is not None:
            values[schema.TANGGAL.header] = _same_day(signature, tahun)
            note(
                Finding(
                    f"Tanggal penandatanganan dipindah ke tahun {tahun}; periksa Identitas Tanggal"
                )
            )
        year, quarter = tahun, None
    if year is None:
        note(Finding("tahun tidak ditemukan di sampul, judul atau tanggal; isi Identitas Tahun"))
    values[schema.TAHUN.header] = year
    values[schema.TRIWULAN_PELAPORAN.header] = quarter
    if _BSRE.search(footer_text) or any(_BSRE.search(line) for line in every):
        values[schema.TANDA_TANGAN.header] = Signing.ELEKTRONIK.value
    values[schema.UKURAN_KERTAS.header] = _paper(page, identity)
    return identity


def _signature(after: list[Paragraph], identity: Identity) -> dt.date | None:
    values, note = identity.values, identity.findings.append
    lines = [line.strip() for p in after for line in p.text.split("\n") if line.strip()]
    start = next((i for i, line in enumerate(lines) if _PLACE_DATE.match(_one_line(line))), None)
    if start is None:
        note(
            Finding(
                "blok tanda tangan (Kota, tanggal) tidak ditemukan setelah tabel; isi Identitas "
                "Kota, Tanggal dan Nama Penandatangan"
            )
        )
        return None
    match = _PLACE_DATE.match(_one_line(lines[start]))
    assert match is not None
    values[schema.KOTA.header] = match[1].strip()
    signed: dt.date | None = None
    try:
        signed = parse_date(match[2])
        values[schema.TANGGAL.header] = signed
    except ValueError as exc:
        note(Finding(f"tanggal penandatanganan tidak terbaca ({exc}); isi Identitas Tanggal"))
    names: list[str] = []
    for line in lines[start + 1 :]:
        line = _one_line(line)
        if _BSRE.search(line):
            continue
        if nip := _NIP.match(line):
            values[schema.NIP.header] = nip[1].strip(" .:")
            break
        names.append(line)
    tags = [i for i, n in enumerate(names[:-1]) if len(n) == 1 and not n.isalnum()]
    if tags:  # one character in the signing space, above the name: the TTE tag
        values[schema.PENANDA_TTE.header] = names.pop(tags[-1])
    if names:
        values[schema.PENANDATANGAN.header] = names[-1]
        if len(names) > 1:
            values[schema.JABATAN.header] = " ".join(names[:-1])
    else:
        note(Finding("nama penandatangan tidak ditemukan; isi Identitas Nama Penandatangan"))
    return signed


def _same_day(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def _paper(page: tuple[int, int] | None, identity: Identity) -> str:
    usual = PaperSize.A4.value
    if page is None:
        return usual
    long, short = max(page) / TWIPS_PER_MM, min(page) / TWIPS_PER_MM
    for paper, (width, height) in PAPER_MM.items():
        if abs(long - width) <= 3 and abs(short - height) <= 3:
            return paper.value
    identity.findings.append(
        Finding(
            f"ukuran kertas {long:.0f} × {short:.0f} mm bukan "
            f"{' atau '.join(p.value for p in PaperSize)}; dipakai {usual}, "
            "periksa Identitas Ukuran Kertas"
        )
    )
    return usual


def _casing(upper: str, lines: list[str]) -> str:
    """The unit's name as written in mixed case somewhere (e.g. the jabatan), else title case."""
    key = upper.casefold()
    for line in lines:
        position = line.casefold().find(key)
        if position >= 0 and len(line.casefold()) == len(line):
            candidate = line[position : position + len(upper)]
            if candidate != candidate.upper():
                return candidate
    return re.sub(r"\S+", _title_word, upper)


def _title_word(match: re.Match[str]) -> str:
    word = match[0]
    bare = word.strip(".,()")
    if bare.upper() in _UPPER_WORDS or re.fullmatch(r"[IVX]+[A-C]?", bare.upper()):
        return word.upper()
    if bare.lower() in _SMALL_WORDS and match.start() > 0:
        return word.lower()
    return word[:1].upper() + word[1:].lower()


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _one_line(text: str) -> str:
    """Lines joined by single spaces; spaces within a line kept as typed."""
    return " ".join(line.strip() for line in text.split("\n") if line.strip())
