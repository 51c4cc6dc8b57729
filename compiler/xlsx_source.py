"""The compiler's name for the one hardened workbook reader (:mod:`workbook_templates.xlsx`).

Kept so that :mod:`compiler.report` reads ``tong-hop.xlsx`` through the very
reader that ``check`` and ``compile`` use.
"""

from workbook_templates.xlsx import XlsxFile as XlsxSource, open_xlsx as open_source

__all__ = ["XlsxSource", "open_source"]
