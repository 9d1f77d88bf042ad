"""The workbook stage: its declaration (schema), cell values, the container checks done before
openpyxl opens anything, the reader (workbook → model), the standard workbook's writer and
samples, and .ods/.xls read through LibreOffice."""
