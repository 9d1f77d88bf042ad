"""Regenerate samples/*.xlsx from renaksi_docs.workbook.samples (python samples/make_samples.py)."""

from pathlib import Path

from renaksi_docs.workbook.samples import SAMPLES
from renaksi_docs.workbook.standard import write_workbook

if __name__ == "__main__":
    here = Path(__file__).parent
    for name, content in SAMPLES.items():
        print(write_workbook(here / name, content, force=True))
