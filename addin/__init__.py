"""The Excel add-in: xlwings scripts for xlwings Lite and classic desktop xlwings.

``addin.scripts`` holds the four commands, ``addin.excel`` the batched Excel
reads and writes, ``addin.lite`` builds the self-contained bundle for xlwings
Lite. The rules and formulas come from ``workbook_templates``.
"""
