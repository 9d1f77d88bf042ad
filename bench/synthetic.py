"""Benchmark scaffolding: a realistic standard workbook of any size (not shipped in the wheel)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from renaksi_docs.workbook.standard import WorkbookContent, write_workbook


def synthetic(
    indicators: int, unit: str = "Lembaga Pemasyarakatan Kelas IIA Contoh", quarters: int = 3
) -> WorkbookContent:
    """A realistic workbook of `indicators` rows (for benchmarks and size tests).

    Kinds rotate through persentase, jumlah, pertumbuhan and indeks; three indicators share
    each Sasaran; the first `quarters` quarters are filled.
    """
    kinds = ("persentase", "jumlah", "pertumbuhan", "indeks")
    rows, figures = [], []
    for number in range(1, indicators + 1):
        kind = kinds[number % 4]
        code = f"IK-{number}"
        rows.append(
            {
                "Kode": code,
                "Sasaran Kegiatan": f"Sasaran kegiatan nomor {(number - 1) // 3 + 1} tentang "
                "peningkatan kualitas layanan pemasyarakatan",
                "Indikator Kinerja": f"Indikator kinerja {number}: persentase layanan yang "
                "diselesaikan tepat waktu sesuai standar",
                "Target": {"indeks": "3,5", "jumlah": 120}.get(kind, 80),
                "Satuan": "orang" if kind == "jumlah" else None,
                "Jenis Rumus": kind,
                "Pembilang": "Jumlah layanan yang diselesaikan tepat waktu"
                if kind in ("persentase", "pertumbuhan")
                else None,
                "Penyebut": "Jumlah seluruh layanan yang diajukan"
                if kind in ("persentase", "pertumbuhan")
                else None,
                "Nilai Dasar": 40 if kind == "pertumbuhan" else None,
                "Kegiatan": "Layanan Pembinaan dan Pembimbingan",
                "Rencana Kegiatan": "1. Menyusun jadwal kegiatan\n2. Melaksanakan kegiatan\n"
                "3. Menyusun laporan",
                "Data": "Laporan dan dokumentasi pelaksanaan kegiatan",
                "Keterangan": "Kegiatan berjalan sesuai rencana\nLaporan dikirim tepat waktu",
            }
        )
        for k in range(1, quarters + 1):
            counts = (
                {"Pembilang": 10 + (number + k) % 7, "Penyebut": 20}
                if kind != "indeks"
                else {"Nilai": 3.4 + k / 10}
            )
            figures.append(
                {
                    "Kode": code,
                    "Triwulan": ("I", "II", "III", "IV")[k - 1],
                    "Pagu": 5_000_000,
                    "Rencana Penarikan Dana": 5_000_000,
                    "Realisasi Anggaran": 4_750_000,
                    "Status Pelaksana": "Terlaksana",
                    **counts,
                }
            )
    return WorkbookContent(
        identitas={
            "Nama UPT": unit,
            "Tahun": 2026,
            "Kota": "Contoh",
            "Tanggal": "1 Oktober 2026",
            "Nama Penandatangan": "Nama Kepala UPT",
            "Triwulan": ("I", "II", "III", "IV")[max(quarters, 1) - 1],
        },
        indikator=rows,
        triwulan=figures,
    )


def write_units(
    folder: Path,
    count: int,
    size: int | None = None,
    adjust: Callable[[WorkbookContent], WorkbookContent] | None = None,
) -> list[int]:
    """Writes `count` workbooks upt-000.xlsx, upt-001.xlsx, … of one unit each into `folder`
    and returns their numbers of indicators: `size` each, or 10–30 drawn from a fixed seed (the
    same workbooks every run). `adjust` may change each one's content before it is written."""
    rng = random.Random(2026)
    sizes = []
    for number in range(count):
        indicators = size if size is not None else rng.randint(10, 30)
        content = synthetic(indicators, unit=f"Lembaga Pemasyarakatan Kelas IIB Nomor {number:03}")
        write_workbook(folder / f"upt-{number:03}.xlsx", adjust(content) if adjust else content)
        sizes.append(indicators)
    return sizes
