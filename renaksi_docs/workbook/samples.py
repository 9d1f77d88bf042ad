"""The filled sample workbooks, as data (`init --contoh`, `samples/*.xlsx`).

MAGELANG reproduces the seed document word for word, typos included ("Prosentase",
"Pemasarakatan"); only Nilai Dasar of the growth indicator is invented (the seed does not
print it). SUKAMAJU is an invented Lapas with TW I–III figures that exercises every formula
kind, both polarities, all three accumulations, a Nilai override, a Penyebut of 0, Kendala and
Tindak Lanjut, and (as of TW III) every default predikat band: capaian 100,69% LP-1, 149,15%
LP-5, 102,29% LP-8 (Sangat Berhasil); 80,83% LP-2, 99,13% LP-3, 75% LP-4 (Berhasil, 75 on the
boundary); 62,5% LP-9 (Cukup Berhasil); 50% LP-6 and LP-7 (Kurang Berhasil).
"""

from __future__ import annotations

import datetime as dt

from .standard import WorkbookContent

_DATA = "Laporan dan dokumentasi pelaksanaan kegiatan sesuai format TNDE"
_PENDAMPINGAN = "Meningkatnya Pelaksanaan Pendampingan dalam Proses Peradilan dan di luar Peradilan"
_PENERIMAAN = (
    "Meningkatnya penerimaan Masyarakat terhadap mantan narapidana dan anak binaan selama masa "
    "reintegrasi sosial"
)
_RB = "Meningkatnya Pelaksanaan Reformasi Birokrasi di Lingkup UPT Pemasarakatan"
_BIMBINGAN = "1. Bimbingan Kemasyarakatan dan Pengawasan"
_BIMBINGAN_PLAN = (
    "1. Melaksanakan Bimbingan Kemandirian dan Bimbingan Kepribadian klien anak dan dewasa\n"
    "2. Melaksanakan pengawasan program bimbingan klien\n"
    "3. melaksanakan penelitian kemasyarakatan"
)
_POKMAS = "Total jumlah Pokmas dan Pemda yang melaksanakan pemberdayaan klien pada tahun"

MAGELANG = WorkbookContent(
    identitas={
        "Nama UPT": "Balai Pemasyarakatan Kelas II Magelang",
        "Tahun": 2026,
        "Kota": "Magelang",
        "Tanggal": dt.datetime(2026, 6, 22),
        "Nama Penandatangan": "Agustiyar Ekantoro",
        "Ukuran Kertas": "A4",
        "Pembulatan": "bulat",
    },
    indikator=[
        {
            "Kode": "IK-1",
            "Sasaran Kegiatan": _PENDAMPINGAN,
            "Indikator Kinerja": "Persentase Tahanan yang mendapatkan pendampingan",
            "Target": 5,
            "Jenis Rumus": "persentase",
            "Pembilang": "Jumlah Tahanan di Lapas/Rutan yang mendapatkan pendampingan",
            "Penyebut": "Jumlah seluruh Tahanan di Lapas/Rutan",
            "Kegiatan": "Layanan Pendampingan Peradilan",
            "Rencana Kegiatan": "Melaksanakan Pendampingan pada tahanan",
            "Data": _DATA,
        },
        {
            "Kode": "IK-2",
            "Sasaran Kegiatan": _PENDAMPINGAN,
            "Indikator Kinerja": "Persentase Anak yang Berkonflik dengan Hukum (ABH) yang "
            "mendapatkan pendampingan",
            "Target": 80,
            "Jenis Rumus": "persentase",
            "Pembilang": "Jumlah pendampingan terhadap ABH (Anak Berkonflik dengan Hukum) dalam "
            "proses peradilan (pra adjudikasi sampai dengan adjudikasi) untuk upaya keadilan "
            "restoratif",
            "Penyebut": "Jumlah Permintaan Pendampingan ABH",
            "Kegiatan": "Layanan Pendampingan Peradilan",
            "Rencana Kegiatan": "Melaksanakan Pendampingan pada Anak yang Berkonflik dengan "
            "Hukum (ABH) mulai dari pra adjudikasi, adjudikasi, hingga post adjudikasi",
            "Data": _DATA,
        },
        {
            "Kode": "IK-3",
            "Sasaran Kegiatan": "Meningkatnya klien pemasyarakatan yang sudah siap bermasyarakat",
            "Indikator Kinerja": "Persentase klien pemasyarakatan yang siap bermasyarakat",
            "Target": 75,
            "Jenis Rumus": "persentase",
            "Pembilang": "Klien yang tidak melakukan pelanggaran syarat umum dan khusus selama "
            "masa menjalani masa pembimbingan",
            "Penyebut": "Total Klien",
            "Kegiatan": _BIMBINGAN,
            "Rencana Kegiatan": _BIMBINGAN_PLAN,
            "Data": _DATA,
            "Keterangan": "Bimbingan Kepribadian telah terlaksana pada Triwulan II Tahun 2026\n"
            "Pengawasan telah dilaksanakan secara berkala maupun insidental",
        },
        {
            "Kode": "IK-4",
            "Sasaran Kegiatan": _PENERIMAAN,
            "Indikator Kinerja": "Tingkat penerimaan Masyarakat sekitar terhadap mantan "
            "narapidana dan anak binaan selama masa reintegrasi sosial",
            "Target": 30,
            "Jenis Rumus": "persentase",
            "Pembilang": "Jumlah klien yang diikutsertakan oleh Ketua RT/ pengurus masyarakat "
            "dalam kegiatan sosial kemasyarakatan",
            "Penyebut": "Total Klien",
            "Kegiatan": _BIMBINGAN,
            "Rencana Kegiatan": _BIMBINGAN_PLAN,
            "Data": _DATA,
            "Keterangan": "Koordinasi dengan masyarakat terkait litmas dan juga kerjasama dalam "
            "pembimbingan di masyarakat",
        },
        {
            "Kode": "IK-5",
            "Sasaran Kegiatan": _PENERIMAAN,
            "Indikator Kinerja": "Tingkat pemberdayaan masyarakat untuk pembimbingan "
            "kemasyarakatan dalam pelaksanaan keadilan Restoratif",
            "Target": 25,
            "Jenis Rumus": "pertumbuhan",
            "Pembilang": f"{_POKMAS} saat ini/ sedang berjalan",
            "Penyebut": f"{_POKMAS} sebelumnya",
            "Nilai Dasar": 4,
            "Kegiatan": _BIMBINGAN,
            "Rencana Kegiatan": _BIMBINGAN_PLAN,
            "Data": _DATA,
            "Keterangan": "Bimbingan Kepribadian telah terlaksana pada Triwulan II Tahun 2026 "
            "bekerjasama dengan pokmas lipas",
        },
        {
            "Kode": "IK-6",
            "Sasaran Kegiatan": _RB,
            "Indikator Kinerja": "Prosentase Pelaksanaan Rencana Aksi Reformasi Birokrasi di "
            "Lingkup UPT Pemasarakatan",
            "Target": 100,
            "Jenis Rumus": "persentase",
            "Pembilang": "Rencana aksi RB terkait UPT PAS yang terlaksana",
            "Penyebut": "Total rencana aksi RB terkait UPT PAS",
            "Rumus": "Rencana aksi RB terkait UPT PAS yang terlaksana\n"
            "Total rencana aksi RB terkait UPT PAS X100%",
            "Kegiatan": "Layanan Reformasi Kinerja",
            "Rencana Kegiatan": "Melaksanakan Reformasi Birokrasi (Pembangunan Zona Integritas "
            "WBK/WBBM)",
            "Data": _DATA,
            "Keterangan": "Pelaksanaan Kegiatan telah dimulai dan optimis mencapai target "
            "kinerja pada akhir",
        },
        {
            "Kode": "IK-7",
            "Sasaran Kegiatan": _RB,
            "Indikator Kinerja": "Indeks Kepuasan Unit Kerja Lingkup UPT Pemasarakatan terhadap "
            "Layanan Kesekretariatan",
            "Target": 3.52,
            "Jenis Rumus": "indeks",
            "Kegiatan": "Layanan Pemantauan Dan Evaluasi",
            "Rencana Kegiatan": "Melaksanakan monitoring dan evaluasi",
            "Data": _DATA,
            "Keterangan": "Pelaksanaan direncanakan bulan oktober 2026",
        },
    ],
    triwulan=[
        {
            "Kode": f"IK-{i}",
            "Triwulan": tw,
            "Pagu": 0,
            "Rencana Penarikan Dana": 0,
            "Realisasi Anggaran": 0,
        }
        for i in range(1, 8)
        for tw in ("I", "II", "III", "IV")
    ],
)

_LAPAS = "Lembaga Pemasyarakatan Kelas IIB Sukamaju"
_PEMBINAAN = "Meningkatnya kualitas pembinaan kemandirian narapidana"
_HAK = "Terpenuhinya hak-hak narapidana"
_KAMTIB = "Terwujudnya keamanan dan ketertiban Lapas"
_AKUNTABILITAS = "Meningkatnya akuntabilitas kinerja"


def _quarters(
    code: str,
    rows: list[tuple[object, ...]],
    follow_up: dict[str, tuple[str, str]] | None = None,
    targets: dict[str, object] | None = None,
) -> list[dict[str, object]]:
    """Triwulan rows from (tw, pagu, rpd, realisasi, pembilang, penyebut, nilai, status), with
    (Kendala, Tindak Lanjut) for the quarters named in `follow_up` and the Target Triwulan
    of the quarters named in `targets` (a quarter with a target and no row gets a row)."""
    headers = (
        "Triwulan",
        "Pagu",
        "Rencana Penarikan Dana",
        "Realisasi Anggaran",
        "Pembilang",
        "Penyebut",
        "Nilai",
        "Status Pelaksana",
    )
    notes = follow_up or {}
    goals = targets or {}
    result: list[dict[str, object]] = [
        {
            "Kode": code,
            **dict(zip(headers, row, strict=True)),
            **dict(zip(("Kendala", "Tindak Lanjut"), notes.get(str(row[0]), ()), strict=False)),
            **({"Target Triwulan": goals[str(row[0])]} if str(row[0]) in goals else {}),
        }
        for row in rows
    ]
    given = {str(row[0]) for row in rows}
    result += [
        {"Kode": code, "Triwulan": tw, "Target Triwulan": goal}
        for tw, goal in goals.items()
        if tw not in given
    ]
    return result


SUKAMAJU = WorkbookContent(
    identitas={
        "Nama UPT": _LAPAS,
        "Tahun": 2026,
        "Kota": "Sukamaju",
        "Tanggal": "9 Oktober 2026",
        "Jabatan Penandatangan": f"Kepala {_LAPAS}",
        "Nama Penandatangan": "Dra. Siti Rahmawati, M.Si.",
        "NIP": "19751231 200003 2 002",
        "Triwulan": "III",
        "Ukuran Kertas": "F4",
        "Pembulatan": "potong",
        "Tanda Tangan": "basah",
        "Batas Capaian (%)": 120,
    },
    indikator=[
        {
            "Kode": "LP-1",
            "Sasaran Kegiatan": _PEMBINAAN,
            "Indikator Kinerja": "Persentase narapidana yang mengikuti pelatihan kerja",
            "Target": "80%",
            "Jenis Rumus": "persentase",
            "Polaritas": "maksimal",
            "Akumulasi": "kumulatif",
            "Pembilang": "Jumlah narapidana yang mengikuti pelatihan kerja",
            "Penyebut": "Jumlah narapidana yang memenuhi syarat pelatihan kerja",
            "Kegiatan": "Pembinaan Kemandirian",
            "Rencana Kegiatan": "1. Pelatihan menjahit\n2. Pelatihan pertukangan kayu",
            "Data": "Daftar hadir dan sertifikat pelatihan",
            "Keterangan": "Pelatihan menjahit bekerja sama dengan BLK & Dinas Tenaga Kerja\n"
            "Pelatihan pertukangan dimulai Triwulan II",
        },
        {
            "Kode": "LP-2",
            "Sasaran Kegiatan": _PEMBINAAN,
            "Indikator Kinerja": "Jumlah narapidana yang memperoleh sertifikat keahlian",
            "Target": 120,
            "Satuan": "orang",
            "Jenis Rumus": "jumlah",
            "Kegiatan": "Pembinaan Kemandirian",
            "Rencana Kegiatan": "Uji kompetensi bersama LSP",
            "Data": "Salinan sertifikat",
        },
        {
            "Kode": "LP-3",
            "Sasaran Kegiatan": _HAK,
            "Indikator Kinerja": "Persentase narapidana yang menerima remisi tepat waktu",
            "Target": 100,
            "Jenis Rumus": "persentase",
            "Akumulasi": "kumulatif",
            "Pembilang": "Jumlah narapidana yang menerima remisi tepat waktu",
            "Penyebut": "Jumlah narapidana yang memenuhi syarat remisi",
            "Kegiatan": "Layanan Hak Narapidana",
            "Rencana Kegiatan": "Pengusulan remisi",
            "Data": "SK remisi",
            "Keterangan": "Triwulan II memakai angka rekapitulasi Kanwil (kolom Nilai)",
        },
        {
            "Kode": "LP-4",
            "Sasaran Kegiatan": _HAK,
            "Indikator Kinerja": "Persentase narapidana sakit yang dirujuk tepat waktu",
            "Target": 100,
            "Jenis Rumus": "persentase",
            "Akumulasi": "terakhir",
            "Pembilang": "Jumlah narapidana sakit yang dirujuk tepat waktu",
            "Penyebut": "Jumlah narapidana sakit yang perlu dirujuk",
            "Kegiatan": "Layanan Kesehatan",
            "Rencana Kegiatan": "Rujukan ke RSUD",
            "Data": "Register rujukan",
            "Keterangan": "Triwulan II tidak ada narapidana yang perlu dirujuk",
        },
        {
            "Kode": "LP-5",
            "Sasaran Kegiatan": _KAMTIB,
            "Indikator Kinerja": "Persentase narapidana yang melanggar tata tertib",
            "Target": 5,
            "Jenis Rumus": "persentase",
            "Polaritas": "minimal",
            "Akumulasi": "per triwulan",
            "Pembilang": "Jumlah narapidana yang melanggar tata tertib",
            "Penyebut": "Jumlah seluruh narapidana",
            "Kegiatan": "Pengamanan",
            "Rencana Kegiatan": "Razia kamar hunian\nApel pagi dan sore",
            "Data": "Register pelanggaran <Buku F>",
        },
        {
            "Kode": "LP-6",
            "Sasaran Kegiatan": _KAMTIB,
            "Indikator Kinerja": "Jumlah gangguan keamanan dan ketertiban",
            "Target": 2,
            "Satuan": "kejadian",
            "Jenis Rumus": "jumlah",
            "Polaritas": "minimal",
            "Akumulasi": "per triwulan",
            "Kegiatan": "Pengamanan",
            "Rencana Kegiatan": "Deteksi dini",
            "Data": "Laporan kamtib",
        },
        {
            "Kode": "LP-7",
            "Sasaran Kegiatan": "Meningkatnya kerja sama pembinaan",
            "Indikator Kinerja": "Pertumbuhan mitra kerja sama pembinaan",
            "Target": 25,
            "Jenis Rumus": "pertumbuhan",
            "Pembilang": "Jumlah mitra kerja sama tahun berjalan",
            "Penyebut": "Jumlah mitra kerja sama tahun sebelumnya",
            "Nilai Dasar": 8,
            "Kegiatan": "Kerja Sama Pembinaan",
            "Rencana Kegiatan": "Penandatanganan PKS",
            "Data": "Dokumen PKS",
        },
        {
            "Kode": "LP-8",
            "Sasaran Kegiatan": "Meningkatnya kualitas layanan publik",
            "Indikator Kinerja": "Indeks Kepuasan Masyarakat",
            "Target": "3,5",
            "Jenis Rumus": "indeks",
            "Kegiatan": "Layanan Kunjungan",
            "Rencana Kegiatan": "Survei kepuasan masyarakat",
            "Data": "Laporan survei",
        },
        {
            "Kode": "LP-9",
            "Sasaran Kegiatan": "Meningkatnya reintegrasi sosial narapidana",
            "Indikator Kinerja": "Jumlah narapidana yang mengikuti program asimilasi",
            "Target": 40,
            "Satuan": "orang",
            "Jenis Rumus": "jumlah",
            "Kegiatan": "Pembimbingan Reintegrasi",
            "Rencana Kegiatan": "Asimilasi kerja sosial",
            "Data": "SK asimilasi",
        },
        # The indicators of real Perjanjian Kinerja (docs/indicators.md): a range, a level, an
        # average, quarterly targets, a decimal count of months (lower is better).
        {
            "Kode": "LP-10",
            "Sasaran Kegiatan": _AKUNTABILITAS,
            "Indikator Kinerja": "Persentase pengaduan masyarakat yang diselesaikan",
            "Target": "80–90%",
            "Jenis Rumus": "persentase",
            "Akumulasi": "kumulatif",
            "Pembilang": "Jumlah pengaduan yang diselesaikan",
            "Penyebut": "Jumlah pengaduan yang diterima",
            "Kegiatan": "Layanan Pengaduan",
            "Rencana Kegiatan": "Penanganan pengaduan melalui kotak saran dan SP4N-LAPOR",
            "Data": "Register pengaduan",
        },
        {
            "Kode": "LP-11",
            "Sasaran Kegiatan": _AKUNTABILITAS,
            "Indikator Kinerja": "Predikat Zona Integritas",
            "Target": "WBK",
            "Jenis Rumus": "kategori",
            "Skala": "Zona Integritas",
            "Kegiatan": "Pembangunan Zona Integritas",
            "Rencana Kegiatan": "Penilaian mandiri dan evaluasi TPN",
            "Data": "Surat keputusan predikat ZI",
        },
        {
            "Kode": "LP-12",
            "Sasaran Kegiatan": _AKUNTABILITAS,
            "Indikator Kinerja": "Indeks Persepsi Anti Korupsi",
            "Target": "3,5",
            "Jenis Rumus": "indeks",
            "Akumulasi": "rata-rata",
            "Kegiatan": "Survei Persepsi",
            "Rencana Kegiatan": "Survei persepsi anti korupsi tiap triwulan",
            "Data": "Laporan survei",
        },
        {
            "Kode": "LP-13",
            "Sasaran Kegiatan": _PEMBINAAN,
            "Indikator Kinerja": "Jumlah kegiatan pembinaan kepribadian",
            "Target": 12,
            "Satuan": "kegiatan",
            "Jenis Rumus": "jumlah",
            "Kegiatan": "Pembinaan Kepribadian",
            "Rencana Kegiatan": "Ceramah keagamaan dan wawasan kebangsaan",
            "Data": "Daftar hadir dan dokumentasi",
            "Keterangan": "Target Triwulan 3, 6, 9, 12 kegiatan (kumulatif)",
        },
        {
            "Kode": "LP-14",
            "Sasaran Kegiatan": _HAK,
            "Indikator Kinerja": "Rata-rata lama penyelesaian usulan integrasi",
            "Target": "7 s.d. 8",
            "Satuan": "bulan",
            "Jenis Rumus": "jumlah",
            "Polaritas": "minimal",
            "Akumulasi": "terakhir",
            "Kegiatan": "Layanan Integrasi",
            "Rencana Kegiatan": "Pengusulan PB, CB dan CMB",
            "Data": "Register usulan integrasi",
        },
    ],
    triwulan=[
        *_quarters(
            "LP-1",
            [
                ("I", 25_000_000, 20_000_000, 18_750_000, 40, 60, None, "Terlaksana"),
                ("II", 25_000_000, 25_000_000, 24_100_000, 55, 62, None, "Terlaksana"),
                ("III", 25_000_000, 25_000_000, 23_500_000, 50, 58, None, "Terlaksana"),
            ],
        ),
        *_quarters(
            "LP-2",
            [
                ("I", 10_000_000, 10_000_000, 9_500_000, 25, None, None, "Terlaksana"),
                ("II", 10_000_000, 10_000_000, 10_000_000, 40, None, None, "Terlaksana"),
                ("III", 10_000_000, 10_000_000, 8_250_000, 32, None, None, "Sebagian"),
            ],
        ),
        *_quarters(
            "LP-3",
            [
                ("I", 0, 0, 0, 150, 150, None, "Terlaksana"),
                ("II", 0, 0, 0, 149, 151, 99, "Rekap Kanwil"),
                ("III", 0, 0, 0, 160, 162, None, "Terlaksana"),
            ],
        ),
        *_quarters(
            "LP-4",
            [
                ("I", 5_000_000, 5_000_000, 4_000_000, 4, 4, None, "Terlaksana"),
                ("II", 5_000_000, 5_000_000, 0, 0, 0, None, "Tidak ada rujukan"),
                ("III", 5_000_000, 5_000_000, 6_000_000, 3, 4, None, "Terlaksana"),
            ],
        ),
        *_quarters(
            "LP-5",
            [
                ("I", 7_500_000, 7_500_000, 7_000_000, 12, 600, None, "Terlaksana"),
                ("II", 7_500_000, 7_500_000, 7_500_000, 9, 612, None, "Terlaksana"),
                ("III", 7_500_000, 7_500_000, 7_250_000, 15, 590, None, "Terlaksana"),
            ],
        ),
        *_quarters(
            "LP-6",
            [
                ("I", 0, 0, 0, 1, None, None, "Aman"),
                ("II", 0, 0, 0, 0, None, None, "Aman"),
                ("III", 0, 0, 0, 3, None, None, "Perlu perhatian"),
            ],
            {"III": ("Hunian melebihi kapasitas", "Penambahan patroli malam dan razia rutin")},
        ),
        *_quarters(
            "LP-7",
            [
                ("I", 2_000_000, 2_000_000, 2_000_000, 3, None, None, "Terlaksana"),
                ("II", 2_000_000, 2_000_000, 1_500_000, 4, None, None, "Terlaksana"),
                ("III", 2_000_000, 2_000_000, 2_000_000, 2, None, None, "Terlaksana"),
            ],
        ),
        *_quarters(
            "LP-8",
            [
                ("I", 3_000_000, 3_000_000, 3_000_000, None, None, 3.41, "Survei TW I"),
                ("III", 3_000_000, 3_000_000, 2_900_000, None, None, 3.58, "Survei TW III"),
            ],
        ),
        *_quarters(
            "LP-9",
            [
                ("I", 4_000_000, 4_000_000, 3_500_000, 8, None, None, "Terlaksana"),
                ("II", 4_000_000, 4_000_000, 4_000_000, 9, None, None, "Terlaksana"),
                ("III", 4_000_000, 4_000_000, 2_000_000, 8, None, None, "Sebagian"),
            ],
            {
                "III": (
                    "Penjamin dari keluarga belum lengkap",
                    "Koordinasi dengan Bapas dan pemerintah desa",
                )
            },
        ),
        *_quarters(
            "LP-10",
            [
                ("I", 0, 0, 0, 14, 20, None, "Terlaksana"),
                ("II", 0, 0, 0, 20, 24, None, "Terlaksana"),
                ("III", 0, 0, 0, 18, 21, None, "Terlaksana"),
            ],
        ),
        *_quarters(
            "LP-11",
            [
                (
                    "I",
                    6_000_000,
                    5_000_000,
                    4_000_000,
                    None,
                    None,
                    "Belum WBK",
                    "Penilaian mandiri",
                ),
                ("III", 6_000_000, 5_000_000, 6_000_000, None, None, "WBK", "Ditetapkan TPN"),
            ],
        ),
        *_quarters(
            "LP-12",
            [
                ("I", 0, 0, 0, None, None, "3,2", "Survei TW I"),
                ("II", 0, 0, 0, None, None, "3,6", "Survei TW II"),
            ],
        ),
        *_quarters(
            "LP-13",
            [
                ("I", 1_500_000, 1_500_000, 1_500_000, 3, None, None, "Terlaksana"),
                ("II", 1_500_000, 1_500_000, 1_500_000, 3, None, None, "Terlaksana"),
                ("III", 1_500_000, 1_500_000, 1_400_000, 3, None, None, "Terlaksana"),
            ],
            targets={"I": 3, "II": 6, "III": 9, "IV": 12},
        ),
        *_quarters(
            "LP-14",
            [
                ("I", 0, 0, 0, "7,5", None, None, "Terlaksana"),
                ("III", 0, 0, 0, "6,5", None, None, "Terlaksana"),
            ],
        ),
    ],
)

SAMPLES = {
    "bapas-magelang-2026.xlsx": MAGELANG,
    "contoh-triwulan.xlsx": SUKAMAJU,
}
"""Files under samples/ and the content each holds (samples/make_samples.py writes them)."""
