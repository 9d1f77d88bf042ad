"""The regional office's recap: collect (many workbooks read and measured into a `Rekap`) and
xlsx (the recap workbook written). docs/rekap.md holds the choices."""
