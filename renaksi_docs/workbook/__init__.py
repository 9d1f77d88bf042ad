"""The workbook stage: its declaration (schema), cell values, the container checks done before
openpyxl opens anything, the reader (workbook → model), where images come from (images), the
standard workbook's writer and samples, and .ods/.xls read through LibreOffice."""
