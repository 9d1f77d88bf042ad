"""renaksi-docs: a unit's standard workbook → its signed SAKIP documents (Word/PDF).

The pipeline, as the tree shows it:
    workbook/ (file → checked cells → model) → formulas, measure (the numbers)
    → documents/ (display values → .docx) → libreoffice (→ .pdf);
    build runs it for one workbook, batch over many, cli is the thin skin;
    rekap/, importer/ and serve/ are the other ways in and out.
"""

__version__ = "0.1.0"
