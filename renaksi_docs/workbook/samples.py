"""The filled sample workbooks, as data (`init --contoh`, `samples/*.xlsx`).

MAGELANG reproduces the seed document word for word, typos included ("Prosentase",
"Pemasarakatan"); only Nilai Dasar of the growth indicator is invented (the seed does not
print it). SUKAMAJU is an invented Lapas with TW I–III figures that exercises every formula
kind, both polarities, all three accumulations, a Nilai override, a Penyebut of 0, Kendala and
Tindak Lanjut, and (as of TW III) every default predikat band: capaian 100,69% LP-1, 149,15%
LP-5, 102,29% LP-8 (Sangat Berhasil); 80,83% LP-2, 99,13% LP-3, 75% LP-4 (Berhasil, 75 on the
boundary); 62,5% LP-9 (Cukup Berhasil); 50% LP-6 and LP-7 (Kurang Berhasil). It names its
superior, so `build --dokumen semua` also makes its Perjanjian Kinerja; MAGELANG (the seed's
Rencana Aksi) does not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import ROMAN, Accumulation, Kind, PaperSize, Polarity, Rounding, Signing
from . import schema
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
        schema.NAMA_UPT.header: "Balai Pemasyarakatan Kelas II Magelang",
        schema.TAHUN.header: 2026,
        schema.KOTA.header: "Magelang",
        schema.TANGGAL.header: dt.datetime(2026, 6, 22),
        schema.PENANDATANGAN.header: "Agustiyar Ekantoro",
        schema.UKURAN_KERTAS.header: PaperSize.A4.value,
        schema.PEMBULATAN.header: Rounding.BULAT.value,
    },
    indikator=[
        {
            schema.KODE.header: "IK-1",
            schema.SASARAN.header: _PENDAMPINGAN,
            schema.NAMA_INDIKATOR.header: "Persentase Tahanan yang mendapatkan pendampingan",
            schema.TARGET.header: 5,
            schema.JENIS_RUMUS.header: Kind.PERSENTASE.value,
            schema.PEMBILANG_URAIAN.header: (
                "Jumlah Tahanan di Lapas/Rutan yang mendapatkan pendampingan"
            ),
            schema.PENYEBUT_URAIAN.header: "Jumlah seluruh Tahanan di Lapas/Rutan",
            schema.KEGIATAN.header: "Layanan Pendampingan Peradilan",
            schema.RENCANA_KEGIATAN.header: "Melaksanakan Pendampingan pada tahanan",
            schema.DATA.header: _DATA,
        },
        {
            schema.KODE.header: "IK-2",
            schema.SASARAN.header: _PENDAMPINGAN,
            schema.NAMA_INDIKATOR.header: (
                "Persentase Anak yang Berkonflik dengan Hukum (ABH) yang mendapatkan pendampingan"
            ),
            schema.TARGET.header: 80,
            schema.JENIS_RUMUS.header: Kind.PERSENTASE.value,
            schema.PEMBILANG_URAIAN.header: (
                "Jumlah pendampingan terhadap ABH (Anak Berkonflik dengan Hukum) dalam "
                "proses peradilan (pra adjudikasi sampai dengan adjudikasi) untuk upaya keadilan "
                "restoratif"
            ),
            schema.PENYEBUT_URAIAN.header: "Jumlah Permintaan Pendampingan ABH",
            schema.KEGIATAN.header: "Layanan Pendampingan Peradilan",
            schema.RENCANA_KEGIATAN.header: (
                "Melaksanakan Pendampingan pada Anak yang Berkonflik dengan "
                "Hukum (ABH) mulai dari pra adjudikasi, adjudikasi, hingga post adjudikasi"
            ),
            schema.DATA.header: _DATA,
        },
        {
            schema.KODE.header: "IK-3",
            schema.SASARAN.header: (
                "Meningkatnya klien pemasyarakatan yang sudah siap bermasyarakat"
            ),
            schema.NAMA_INDIKATOR.header: "Persentase klien pemasyarakatan yang siap bermasyarakat",
            schema.TARGET.header: 75,
            schema.JENIS_RUMUS.header: Kind.PERSENTASE.value,
            schema.PEMBILANG_URAIAN.header: (
                "Klien yang tidak melakukan pelanggaran syarat umum dan khusus selama "
                "masa menjalani masa pembimbingan"
            ),
            schema.PENYEBUT_URAIAN.header: "Total Klien",
            schema.KEGIATAN.header: _BIMBINGAN,
            schema.RENCANA_KEGIATAN.header: _BIMBINGAN_PLAN,
            schema.DATA.header: _DATA,
            schema.KETERANGAN.header: (
                "Bimbingan Kepribadian telah terlaksana pada Triwulan II Tahun 2026\n"
                "Pengawasan telah dilaksanakan secara berkala maupun insidental"
            ),
        },
        {
            schema.KODE.header: "IK-4",
            schema.SASARAN.header: _PENERIMAAN,
            schema.NAMA_INDIKATOR.header: (
                "Tingkat penerimaan Masyarakat sekitar terhadap mantan "
                "narapidana dan anak binaan selama masa reintegrasi sosial"
            ),
            schema.TARGET.header: 30,
            schema.JENIS_RUMUS.header: Kind.PERSENTASE.value,
            schema.PEMBILANG_URAIAN.header: (
                "Jumlah klien yang diikutsertakan oleh Ketua RT/ pengurus masyarakat "
                "dalam kegiatan sosial kemasyarakatan"
            ),
            schema.PENYEBUT_URAIAN.header: "Total Klien",
            schema.KEGIATAN.header: _BIMBINGAN,
            schema.RENCANA_KEGIATAN.header: _BIMBINGAN_PLAN,
            schema.DATA.header: _DATA,
            schema.KETERANGAN.header: (
                "Koordinasi dengan masyarakat terkait litmas dan juga kerjasama dalam "
                "pembimbingan di masyarakat"
            ),
        },
        {
            schema.KODE.header: "IK-5",
            schema.SASARAN.header: _PENERIMAAN,
            schema.NAMA_INDIKATOR.header: (
                "Tingkat pemberdayaan masyarakat untuk pembimbingan "
                "kemasyarakatan dalam pelaksanaan keadilan Restoratif"
            ),
            schema.TARGET.header: 25,
            schema.JENIS_RUMUS.header: Kind.PERTUMBUHAN.value,
            schema.PEMBILANG_URAIAN.header: f"{_POKMAS} saat ini/ sedang berjalan",
            schema.PENYEBUT_URAIAN.header: f"{_POKMAS} sebelumnya",
            schema.NILAI_DASAR.header: 4,
            schema.KEGIATAN.header: _BIMBINGAN,
            schema.RENCANA_KEGIATAN.header: _BIMBINGAN_PLAN,
            schema.DATA.header: _DATA,
            schema.KETERANGAN.header: (
                "Bimbingan Kepribadian telah terlaksana pada Triwulan II Tahun 2026 "
                "bekerjasama dengan pokmas lipas"
            ),
        },
        {
            schema.KODE.header: "IK-6",
            schema.SASARAN.header: _RB,
            schema.NAMA_INDIKATOR.header: (
                "Prosentase Pelaksanaan Rencana Aksi Reformasi Birokrasi di "
                "Lingkup UPT Pemasarakatan"
            ),
            schema.TARGET.header: 100,
            schema.JENIS_RUMUS.header: Kind.PERSENTASE.value,
            schema.PEMBILANG_URAIAN.header: "Rencana aksi RB terkait UPT PAS yang terlaksana",
            schema.PENYEBUT_URAIAN.header: "Total rencana aksi RB terkait UPT PAS",
            schema.RUMUS.header: (
                "Rencana aksi RB terkait UPT PAS yang terlaksana\n"
                "Total rencana aksi RB terkait UPT PAS X100%"
            ),
            schema.KEGIATAN.header: "Layanan Reformasi Kinerja",
            schema.RENCANA_KEGIATAN.header: (
                "Melaksanakan Reformasi Birokrasi (Pembangunan Zona Integritas WBK/WBBM)"
            ),
            schema.DATA.header: _DATA,
            schema.KETERANGAN.header: (
                "Pelaksanaan Kegiatan telah dimulai dan optimis mencapai target kinerja pada akhir"
            ),
        },
        {
            schema.KODE.header: "IK-7",
            schema.SASARAN.header: _RB,
            schema.NAMA_INDIKATOR.header: (
                "Indeks Kepuasan Unit Kerja Lingkup UPT Pemasarakatan terhadap "
                "Layanan Kesekretariatan"
            ),
            schema.TARGET.header: 3.52,
            schema.JENIS_RUMUS.header: Kind.INDEKS.value,
            schema.KEGIATAN.header: "Layanan Pemantauan Dan Evaluasi",
            schema.RENCANA_KEGIATAN.header: "Melaksanakan monitoring dan evaluasi",
            schema.DATA.header: _DATA,
            schema.KETERANGAN.header: "Pelaksanaan direncanakan bulan oktober 2026",
        },
    ],
    triwulan=[
        {
            schema.KODE_TRIWULAN.header: f"IK-{i}",
            schema.TRIWULAN.header: tw,
            schema.PAGU.header: 0,
            schema.RENCANA_PENARIKAN.header: 0,
            schema.REALISASI_ANGGARAN.header: 0,
        }
        for i in range(1, 8)
        for tw in schema.QUARTER_OPTIONS
    ],
)

_LAPAS = "Lembaga Pemasyarakatan Kelas IIB Sukamaju"
_PEMBINAAN = "Meningkatnya kualitas pembinaan kemandirian narapidana"
_HAK = "Terpenuhinya hak-hak narapidana"
_KAMTIB = "Terwujudnya keamanan dan ketertiban Lapas"
_AKUNTABILITAS = "Meningkatnya akuntabilitas kinerja"


_FIGURES: tuple[schema.Column[Any], ...] = (
    schema.PAGU,
    schema.RENCANA_PENARIKAN,
    schema.REALISASI_ANGGARAN,
    schema.PEMBILANG,
    schema.PENYEBUT,
    schema.NILAI,
    schema.STATUS,
)
_FOLLOW_UP = (schema.KENDALA, schema.TINDAK_LANJUT)


def _quarters(
    code: str,
    rows: list[tuple[Any, ...]],
    follow_up: dict[int, tuple[str, str]] | None = None,
    targets: dict[int, object] | None = None,
) -> list[dict[str, object]]:
    """Triwulan rows from (quarter 1-4, pagu, rpd, realisasi, pembilang, penyebut, nilai,
    status), with (Kendala, Tindak Lanjut) for the quarters named in `follow_up` and the Target
    Triwulan of the quarters named in `targets` (a quarter with a target and no row gets one)."""
    notes = follow_up or {}
    goals = targets or {}
    result: list[dict[str, object]] = [
        {
            schema.KODE_TRIWULAN.header: code,
            schema.TRIWULAN.header: ROMAN[quarter],
            **{c.header: value for c, value in zip(_FIGURES, figures, strict=True)},
            **{c.header: text for c, text in zip(_FOLLOW_UP, notes.get(quarter, ()), strict=False)},
            **({schema.TARGET_TRIWULAN.header: goals[quarter]} if quarter in goals else {}),
        }
        for quarter, *figures in rows
    ]
    given = {row[0] for row in rows}
    result += [
        {
            schema.KODE_TRIWULAN.header: code,
            schema.TRIWULAN.header: ROMAN[quarter],
            schema.TARGET_TRIWULAN.header: goal,
        }
        for quarter, goal in goals.items()
        if quarter not in given
    ]
    return result


SUKAMAJU = WorkbookContent(
    identitas={
        schema.NAMA_UPT.header: _LAPAS,
        schema.TAHUN.header: 2026,
        schema.KOTA.header: "Sukamaju",
        schema.TANGGAL.header: "9 Oktober 2026",
        schema.JABATAN.header: f"Kepala {_LAPAS}",
        schema.PENANDATANGAN.header: "Dra. Siti Rahmawati, M.Si.",
        schema.NIP.header: "19751231 200003 2 002",
        schema.TRIWULAN_PELAPORAN.header: "III",
        schema.UKURAN_KERTAS.header: PaperSize.F4.value,
        schema.PEMBULATAN.header: Rounding.POTONG.value,
        schema.TANDA_TANGAN.header: Signing.BASAH.value,
        schema.NAMA_ATASAN.header: "Drs. Bambang Sutrisno, M.H.",
        schema.JABATAN_ATASAN.header: "Kepala Kantor Wilayah Pemasyarakatan Sukamaju",
        schema.NIP_ATASAN.header: "19680512 199003 1 002",
        schema.TANGGAL_PERJANJIAN.header: "5 Januari 2026",
        schema.BATAS_CAPAIAN.header: 120,
    },
    indikator=[
        {
            schema.KODE.header: "LP-1",
            schema.SASARAN.header: _PEMBINAAN,
            schema.NAMA_INDIKATOR.header: "Persentase narapidana yang mengikuti pelatihan kerja",
            schema.TARGET.header: "80%",
            schema.JENIS_RUMUS.header: Kind.PERSENTASE.value,
            schema.POLARITAS.header: Polarity.MAKSIMAL.value,
            schema.AKUMULASI.header: Accumulation.KUMULATIF.value,
            schema.PEMBILANG_URAIAN.header: "Jumlah narapidana yang mengikuti pelatihan kerja",
            schema.PENYEBUT_URAIAN.header: "Jumlah narapidana yang memenuhi syarat pelatihan kerja",
            schema.KEGIATAN.header: "Pembinaan Kemandirian",
            schema.RENCANA_KEGIATAN.header: "1. Pelatihan menjahit\n2. Pelatihan pertukangan kayu",
            schema.DATA.header: "Daftar hadir dan sertifikat pelatihan",
            schema.KETERANGAN.header: (
                "Pelatihan menjahit bekerja sama dengan BLK & Dinas Tenaga Kerja\n"
                "Pelatihan pertukangan dimulai Triwulan II"
            ),
        },
        {
            schema.KODE.header: "LP-2",
            schema.SASARAN.header: _PEMBINAAN,
            schema.NAMA_INDIKATOR.header: "Jumlah narapidana yang memperoleh sertifikat keahlian",
            schema.TARGET.header: 120,
            schema.SATUAN.header: "orang",
            schema.JENIS_RUMUS.header: Kind.JUMLAH.value,
            schema.KEGIATAN.header: "Pembinaan Kemandirian",
            schema.RENCANA_KEGIATAN.header: "Uji kompetensi bersama LSP",
            schema.DATA.header: "Salinan sertifikat",
        },
        {
            schema.KODE.header: "LP-3",
            schema.SASARAN.header: _HAK,
            schema.NAMA_INDIKATOR.header: "Persentase narapidana yang menerima remisi tepat waktu",
            schema.TARGET.header: 100,
            schema.JENIS_RUMUS.header: Kind.PERSENTASE.value,
            schema.AKUMULASI.header: Accumulation.KUMULATIF.value,
            schema.PEMBILANG_URAIAN.header: "Jumlah narapidana yang menerima remisi tepat waktu",
            schema.PENYEBUT_URAIAN.header: "Jumlah narapidana yang memenuhi syarat remisi",
            schema.KEGIATAN.header: "Layanan Hak Narapidana",
            schema.RENCANA_KEGIATAN.header: "Pengusulan remisi",
            schema.DATA.header: "SK remisi",
            schema.KETERANGAN.header: "Triwulan II memakai angka rekapitulasi Kanwil (kolom Nilai)",
        },
        {
            schema.KODE.header: "LP-4",
            schema.SASARAN.header: _HAK,
            schema.NAMA_INDIKATOR.header: "Persentase narapidana sakit yang dirujuk tepat waktu",
            schema.TARGET.header: 100,
            schema.JENIS_RUMUS.header: Kind.PERSENTASE.value,
            schema.AKUMULASI.header: Accumulation.TERAKHIR.value,
            schema.PEMBILANG_URAIAN.header: "Jumlah narapidana sakit yang dirujuk tepat waktu",
            schema.PENYEBUT_URAIAN.header: "Jumlah narapidana sakit yang perlu dirujuk",
            schema.KEGIATAN.header: "Layanan Kesehatan",
            schema.RENCANA_KEGIATAN.header: "Rujukan ke RSUD",
            schema.DATA.header: "Register rujukan",
            schema.KETERANGAN.header: "Triwulan II tidak ada narapidana yang perlu dirujuk",
        },
        {
            schema.KODE.header: "LP-5",
            schema.SASARAN.header: _KAMTIB,
            schema.NAMA_INDIKATOR.header: "Persentase narapidana yang melanggar tata tertib",
            schema.TARGET.header: 5,
            schema.JENIS_RUMUS.header: Kind.PERSENTASE.value,
            schema.POLARITAS.header: Polarity.MINIMAL.value,
            schema.AKUMULASI.header: Accumulation.PER_TRIWULAN.value,
            schema.PEMBILANG_URAIAN.header: "Jumlah narapidana yang melanggar tata tertib",
            schema.PENYEBUT_URAIAN.header: "Jumlah seluruh narapidana",
            schema.KEGIATAN.header: "Pengamanan",
            schema.RENCANA_KEGIATAN.header: "Razia kamar hunian\nApel pagi dan sore",
            schema.DATA.header: "Register pelanggaran <Buku F>",
        },
        {
            schema.KODE.header: "LP-6",
            schema.SASARAN.header: _KAMTIB,
            schema.NAMA_INDIKATOR.header: "Jumlah gangguan keamanan dan ketertiban",
            schema.TARGET.header: 2,
            schema.SATUAN.header: "kejadian",
            schema.JENIS_RUMUS.header: Kind.JUMLAH.value,
            schema.POLARITAS.header: Polarity.MINIMAL.value,
            schema.AKUMULASI.header: Accumulation.PER_TRIWULAN.value,
            schema.KEGIATAN.header: "Pengamanan",
            schema.RENCANA_KEGIATAN.header: "Deteksi dini",
            schema.DATA.header: "Laporan kamtib",
        },
        {
            schema.KODE.header: "LP-7",
            schema.SASARAN.header: "Meningkatnya kerja sama pembinaan",
            schema.NAMA_INDIKATOR.header: "Pertumbuhan mitra kerja sama pembinaan",
            schema.TARGET.header: 25,
            schema.JENIS_RUMUS.header: Kind.PERTUMBUHAN.value,
            schema.PEMBILANG_URAIAN.header: "Jumlah mitra kerja sama tahun berjalan",
            schema.PENYEBUT_URAIAN.header: "Jumlah mitra kerja sama tahun sebelumnya",
            schema.NILAI_DASAR.header: 8,
            schema.KEGIATAN.header: "Kerja Sama Pembinaan",
            schema.RENCANA_KEGIATAN.header: "Penandatanganan PKS",
            schema.DATA.header: "Dokumen PKS",
        },
        {
            schema.KODE.header: "LP-8",
            schema.SASARAN.header: "Meningkatnya kualitas layanan publik",
            schema.NAMA_INDIKATOR.header: "Indeks Kepuasan Masyarakat",
            schema.TARGET.header: "3,5",
            schema.JENIS_RUMUS.header: Kind.INDEKS.value,
            schema.KEGIATAN.header: "Layanan Kunjungan",
            schema.RENCANA_KEGIATAN.header: "Survei kepuasan masyarakat",
            schema.DATA.header: "Laporan survei",
        },
        {
            schema.KODE.header: "LP-9",
            schema.SASARAN.header: "Meningkatnya reintegrasi sosial narapidana",
            schema.NAMA_INDIKATOR.header: "Jumlah narapidana yang mengikuti program asimilasi",
            schema.TARGET.header: 40,
            schema.SATUAN.header: "orang",
            schema.JENIS_RUMUS.header: Kind.JUMLAH.value,
            schema.KEGIATAN.header: "Pembimbingan Reintegrasi",
            schema.RENCANA_KEGIATAN.header: "Asimilasi kerja sosial",
            schema.DATA.header: "SK asimilasi",
        },
        # The indicators of real Perjanjian Kinerja (docs/indicators.md): a range, a level, an
        # average, quarterly targets, a decimal count of months (lower is better).
        {
            schema.KODE.header: "LP-10",
            schema.SASARAN.header: _AKUNTABILITAS,
            schema.NAMA_INDIKATOR.header: (
                "Persentase permohonan informasi publik yang diselesaikan"
            ),
            schema.TARGET.header: "80–90%",
            schema.JENIS_RUMUS.header: Kind.PERSENTASE.value,
            schema.AKUMULASI.header: Accumulation.KUMULATIF.value,
            schema.PEMBILANG_URAIAN.header: "Jumlah permohonan informasi yang diselesaikan",
            schema.PENYEBUT_URAIAN.header: "Jumlah permohonan informasi yang diterima",
            schema.KEGIATAN.header: "Layanan Informasi Publik",
            schema.RENCANA_KEGIATAN.header: ("Pelayanan permohonan informasi publik melalui PPID"),
            schema.DATA.header: "Register permohonan informasi",
        },
        {
            schema.KODE.header: "LP-11",
            schema.SASARAN.header: _AKUNTABILITAS,
            schema.NAMA_INDIKATOR.header: "Predikat Zona Integritas",
            schema.TARGET.header: "WBK",
            schema.JENIS_RUMUS.header: Kind.KATEGORI.value,
            schema.SKALA_INDIKATOR.header: "Zona Integritas",
            schema.KEGIATAN.header: "Pembangunan Zona Integritas",
            schema.RENCANA_KEGIATAN.header: "Penilaian mandiri dan evaluasi TPN",
            schema.DATA.header: "Surat keputusan predikat ZI",
        },
        {
            schema.KODE.header: "LP-12",
            schema.SASARAN.header: _AKUNTABILITAS,
            schema.NAMA_INDIKATOR.header: "Indeks Persepsi Anti Korupsi",
            schema.TARGET.header: "3,5",
            schema.JENIS_RUMUS.header: Kind.INDEKS.value,
            schema.AKUMULASI.header: Accumulation.RATA_RATA.value,
            schema.KEGIATAN.header: "Survei Persepsi",
            schema.RENCANA_KEGIATAN.header: "Survei persepsi anti korupsi tiap triwulan",
            schema.DATA.header: "Laporan survei",
        },
        {
            schema.KODE.header: "LP-13",
            schema.SASARAN.header: _PEMBINAAN,
            schema.NAMA_INDIKATOR.header: "Jumlah kegiatan pembinaan kepribadian",
            schema.TARGET.header: 12,
            schema.SATUAN.header: "kegiatan",
            schema.JENIS_RUMUS.header: Kind.JUMLAH.value,
            schema.KEGIATAN.header: "Pembinaan Kepribadian",
            schema.RENCANA_KEGIATAN.header: "Ceramah keagamaan dan wawasan kebangsaan",
            schema.DATA.header: "Daftar hadir dan dokumentasi",
            schema.KETERANGAN.header: "Target Triwulan 3, 6, 9, 12 kegiatan (kumulatif)",
        },
        {
            schema.KODE.header: "LP-14",
            schema.SASARAN.header: _HAK,
            schema.NAMA_INDIKATOR.header: "Rata-rata lama penyelesaian usulan integrasi",
            schema.TARGET.header: "7 s.d. 8",
            schema.SATUAN.header: "bulan",
            schema.JENIS_RUMUS.header: Kind.JUMLAH.value,
            schema.POLARITAS.header: Polarity.MINIMAL.value,
            schema.AKUMULASI.header: Accumulation.TERAKHIR.value,
            schema.KEGIATAN.header: "Layanan Integrasi",
            schema.RENCANA_KEGIATAN.header: "Pengusulan PB, CB dan CMB",
            schema.DATA.header: "Register usulan integrasi",
        },
    ],
    triwulan=[
        *_quarters(
            "LP-1",
            [
                (1, 25_000_000, 20_000_000, 18_750_000, 40, 60, None, "Terlaksana"),
                (2, 25_000_000, 25_000_000, 24_100_000, 55, 62, None, "Terlaksana"),
                (3, 25_000_000, 25_000_000, 23_500_000, 50, 58, None, "Terlaksana"),
            ],
        ),
        *_quarters(
            "LP-2",
            [
                (1, 10_000_000, 10_000_000, 9_500_000, 25, None, None, "Terlaksana"),
                (2, 10_000_000, 10_000_000, 10_000_000, 40, None, None, "Terlaksana"),
                (3, 10_000_000, 10_000_000, 8_250_000, 32, None, None, "Sebagian"),
            ],
        ),
        *_quarters(
            "LP-3",
            [
                (1, 0, 0, 0, 150, 150, None, "Terlaksana"),
                (2, 0, 0, 0, 149, 151, 99, "Rekap Kanwil"),
                (3, 0, 0, 0, 160, 162, None, "Terlaksana"),
            ],
        ),
        *_quarters(
            "LP-4",
            [
                (1, 5_000_000, 5_000_000, 4_000_000, 4, 4, None, "Terlaksana"),
                (2, 5_000_000, 5_000_000, 0, 0, 0, None, "Tidak ada rujukan"),
                (3, 5_000_000, 5_000_000, 6_000_000, 3, 4, None, "Terlaksana"),
            ],
        ),
        *_quarters(
            "LP-5",
            [
                (1, 7_500_000, 7_500_000, 7_000_000, 12, 600, None, "Terlaksana"),
                (2, 7_500_000, 7_500_000, 7_500_000, 9, 612, None, "Terlaksana"),
                (3, 7_500_000, 7_500_000, 7_250_000, 15, 590, None, "Terlaksana"),
            ],
        ),
        *_quarters(
            "LP-6",
            [
                (1, 0, 0, 0, 1, None, None, "Aman"),
                (2, 0, 0, 0, 0, None, None, "Aman"),
                (3, 0, 0, 0, 3, None, None, "Perlu perhatian"),
            ],
            {3: ("Hunian melebihi kapasitas", "Penambahan patroli malam dan razia rutin")},
        ),
        *_quarters(
            "LP-7",
            [
                (1, 2_000_000, 2_000_000, 2_000_000, 3, None, None, "Terlaksana"),
                (2, 2_000_000, 2_000_000, 1_500_000, 4, None, None, "Terlaksana"),
                (3, 2_000_000, 2_000_000, 2_000_000, 2, None, None, "Terlaksana"),
            ],
        ),
        *_quarters(
            "LP-8",
            [
                (1, 3_000_000, 3_000_000, 3_000_000, None, None, 3.41, "Survei TW I"),
                (3, 3_000_000, 3_000_000, 2_900_000, None, None, 3.58, "Survei TW III"),
            ],
        ),
        *_quarters(
            "LP-9",
            [
                (1, 4_000_000, 4_000_000, 3_500_000, 8, None, None, "Terlaksana"),
                (2, 4_000_000, 4_000_000, 4_000_000, 9, None, None, "Terlaksana"),
                (3, 4_000_000, 4_000_000, 2_000_000, 8, None, None, "Sebagian"),
            ],
            {
                3: (
                    "Penjamin dari keluarga belum lengkap",
                    "Koordinasi dengan Bapas dan pemerintah desa",
                )
            },
        ),
        *_quarters(
            "LP-10",
            [
                (1, 0, 0, 0, 14, 20, None, "Terlaksana"),
                (2, 0, 0, 0, 20, 24, None, "Terlaksana"),
                (3, 0, 0, 0, 18, 21, None, "Terlaksana"),
            ],
        ),
        *_quarters(
            "LP-11",
            [
                (1, 6_000_000, 5_000_000, 4_000_000, None, None, "Belum WBK", "Penilaian mandiri"),
                (3, 6_000_000, 5_000_000, 6_000_000, None, None, "WBK", "Ditetapkan TPN"),
            ],
        ),
        *_quarters(
            "LP-12",
            [
                (1, 0, 0, 0, None, None, "3,2", "Survei TW I"),
                (2, 0, 0, 0, None, None, "3,6", "Survei TW II"),
            ],
        ),
        *_quarters(
            "LP-13",
            [
                (1, 1_500_000, 1_500_000, 1_500_000, 3, None, None, "Terlaksana"),
                (2, 1_500_000, 1_500_000, 1_500_000, 3, None, None, "Terlaksana"),
                (3, 1_500_000, 1_500_000, 1_400_000, 3, None, None, "Terlaksana"),
            ],
            targets={1: 3, 2: 6, 3: 9, 4: 12},
        ),
        *_quarters(
            "LP-14",
            [
                (1, 0, 0, 0, "7,5", None, None, "Terlaksana"),
                (3, 0, 0, 0, "6,5", None, None, "Terlaksana"),
            ],
        ),
    ],
)

SAMPLES = {
    "bapas-magelang-2026.xlsx": MAGELANG,
    "contoh-triwulan.xlsx": SUKAMAJU,
}
"""Files under samples/ and the content each holds (samples/make_samples.py writes them)."""
