"""The documents stage: what every document shares (Indonesian formats in ..formats, the
signature block, template loading and its errors, Word XML edits), then one place per
document: the Rencana Aksi (rencana_aksi: display values; rencana_aksi_docx: the .docx), the
Pengukuran Kinerja (pengukuran, pengukuran_docx, chart) and the `validate --rincian` lines."""
