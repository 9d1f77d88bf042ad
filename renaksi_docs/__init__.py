"""renaksi-docs: the standard workbook → the signed 'Rencana Aksi atas Perjanjian Kinerja'.

The pipeline, one module per stage:
    reader (workbook → model) → formulas (model → numbers) → context (→ display values)
    → render (→ .docx) → pdf (→ .pdf); cli is the thin skin over `build`.
"""

__version__ = "0.1.0"
