"""Text written into a cell of a workbook we make: always text, never a formula, always storable.

Unit names, file names and narratives come from officers' files, so they
may hold anything. Two things must never happen to them in our outputs:

* **Formula injection** (OWASP "CSV injection"): openpyxl turns a string
  starting with ``=`` into a live formula, so a file named
  ``=HYPERLINK(…).xlsx`` would become a link in ``tong-hop.xlsx``. Every
  string is stored as a text cell; one starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return also gets Excel's "quote prefix" (what
  Excel itself stores when one types ``'=…``), so editing the cell in Excel
  keeps it text.
* **Unstorable characters**: XML 1.0 cannot hold most control characters,
  U+FFFE, U+FFFF or lone surrogates; one of them makes the whole file
  unreadable. They are removed (:func:`clean_text`). What comes from a
  workbook was already cleaned, with a finding at its cell, by the reader
  (:mod:`.xlsx`), and file names are shown through its ``display_name``;
  this is the last guard for everything else (e.g. registry names).

:func:`put` is the one way our openpyxl writers put a value into a cell;
the streamed writer (``compiler.xlsx_stream``) writes inline text cells with
:func:`clean_text`.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell.cell import Cell

#: First characters that make a spreadsheet (or a CSV export of it) read a text as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit of characters in a cell.
MAX_TEXT = 32767
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without unstorable characters, cut to what a cell holds."""
    return _UNSTORABLE.sub("", text)[:MAX_TEXT]


def formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def put(cell: Cell, value: Any) -> Cell:
    """Set ``cell`` to ``value``; a string is stored as text, never as a formula."""
    if not isinstance(value, str):
        cell.value = value
        return cell
    text = clean_text(value)
    cell.value = text
    cell.data_type = "s"
    if formula_like(text):
        cell.quotePrefix = True
    return cell
