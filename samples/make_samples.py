"""Regenerate samples/*.xlsx from renaksi_docs.contoh: `python samples/make_samples.py`."""

from pathlib import Path

from renaksi_docs.contoh import SAMPLES
from renaksi_docs.standard import write_workbook

if __name__ == "__main__":
    here = Path(__file__).parent
    for name, content in SAMPLES.items():
        print(write_workbook(here / name, content, force=True))
