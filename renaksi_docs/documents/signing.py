"""The signature block every document of a unit shares, and how it is signed (basah or
elektronik through BSrE; docs/template.md, "Signing")."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..formats import clean, format_date
from ..model import Signing, Unit


@dataclass(frozen=True)
class Signature:
    """The signature block and how the document is signed, shared by every document the unit
    signs: build it with `signature(unit)` (docs/template.md, "Signing")."""

    tempat_tanggal: str
    """'Magelang, 22 Juni 2026'."""
    jabatan: str
    nama: str
    nip: str
    """'NIP. …' or ''."""
    penanda: str = ""
    """The TTE tag character placed once in the signing space (elektronik), else ''."""
    gambar: Path | None = None
    """The image placed in the signing space (basah with Gambar Tanda Tangan), else None."""
    catatan_kaki: str = ""
    """The BSrE footer printed on every page (elektronik; the unit's own signature), else ''."""


BSRE_FOOTER = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik "
    "yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN"
)
"""The footer of every page of an electronically signed document, word for word (BSrE's)."""


def signature(unit: Unit) -> Signature:
    """The signature block of `unit`'s documents: who signs, where, when, and how."""
    elektronik = unit.signing is Signing.ELEKTRONIK
    return Signature(
        tempat_tanggal=f"{clean(unit.city)}, {format_date(unit.date)}",
        jabatan=clean(unit.position),
        nama=clean(unit.signer),
        nip=f"NIP. {unit.nip}" if unit.nip else "",
        penanda=unit.tte_tag if elektronik else "",
        gambar=None if elektronik else unit.signature_image,
        catatan_kaki=BSRE_FOOTER if elektronik else "",
    )


def agreement_signatures(unit: Unit) -> tuple[Signature, Signature]:
    """The Perjanjian Kinerja's two blocks (docs/perjanjian.md): pihak pertama (the head of
    the unit: Jabatan Penandatangan, else 'Kepala <Nama UPT>') and pihak kedua (the superior),
    both dated Tanggal Perjanjian (else Tanggal), each with its own tag or image."""
    first = signature(unit)
    when = f"{clean(unit.city)}, {format_date(unit.agreement_date or unit.date)}"
    elektronik = unit.signing is Signing.ELEKTRONIK
    pertama = replace(
        first,
        tempat_tanggal=when,
        jabatan=first.jabatan.strip() or f"Kepala {clean(unit.name).strip()}",
    )
    kedua = Signature(
        tempat_tanggal=when,
        jabatan=clean(unit.superior_position),
        nama=clean(unit.superior),
        nip=f"NIP. {unit.superior_nip}" if unit.superior_nip else "",
        penanda=unit.superior_tte_tag if elektronik else "",
        gambar=None if elektronik else unit.superior_signature_image,
    )
    return pertama, kedua
