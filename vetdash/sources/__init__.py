"""Readers for publishers' own file formats (MOE .xls lists, NBS 分省年度数据 exports)."""
