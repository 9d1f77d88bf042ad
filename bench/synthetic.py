"""Benchmark scaffolding: a realistic standard workbook of any size (not shipped in the wheel)."""

from __future__ import annotations

from renaksi_docs.workbook.standard import WorkbookContent


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
