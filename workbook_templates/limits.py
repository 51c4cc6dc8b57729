"""Every hard limit on what a workbook file may hold, with the reason for each.

The reader (:mod:`.xlsx`) checks these before and while it parses, and the
compiler's reading processes run under the memory and time limits, so no
file — damaged, hostile or merely absurd — can exhaust the machine or stop
a run. A file over a limit is a "lỗi tệp" naming the limit.

The figures are generous: a filled branch workbook is about 45 KB on disk
and 250 KB unpacked, a province's ``tong-hop.xlsx`` a few megabytes.
"""

from __future__ import annotations

MB = 1024 * 1024

#: Size of the file on disk. Far above any real report, small enough to read at once.
MAX_FILE_BYTES = 50 * MB
#: Parts (zip members) in the package; a workbook of 20 sheets has about 50.
MAX_MEMBERS = 2000
#: Unpacked size of one part the reader parses: a consolidated sheet of a large
#: province (thousands of units × indicators) stays well below it.
MAX_MEMBER_BYTES = 128 * MB
#: Unpacked size of all the parts the reader parses together.
MAX_TOTAL_BYTES = 256 * MB
#: Unpacked/packed ratio of a part larger than RATIO_FLOOR: spreadsheet XML
#: deflates about 10:1, a zip bomb hundreds or thousands to one.
MAX_RATIO = 200
RATIO_FLOOR = 1 * MB
#: Sheets in a workbook: the template has 13, a consolidated workbook about 20.
MAX_SHEETS = 100
#: Rows and columns read on a sheet that no catalogue name bounds (a consolidated
#: workbook's tables); sheets of the template are read only up to the extent of
#: their defined names, so a stray cell at XFD1048576 is never even stored.
MAX_ROWS = 500_000
MAX_COLUMNS = 300
#: Cells kept in memory for one file, across its sheets.
MAX_CELLS = 5_000_000
#: Characters of one cell: Excel's own limit. The template's tighter limits per
#: kind of cell (TEXT limits in :mod:`.layout`) are checked by the rules.
MAX_TEXT = 32_767
#: Entries of the shared-string table.
MAX_SHARED_STRINGS = 2_000_000
#: Grassroots units one consolidated workbook may claim: a whole province has a few thousand.
MAX_UNITS = 100_000
#: Defined names, cells a single defined name may cover, and cells all names together
#: may cover (each named cell costs an address in memory). A consolidated workbook's
#: registers are the largest: a province of 2,000 units holds some 20,000 award rows
#: of about ten columns.
MAX_NAMES = 20_000
MAX_NAME_CELLS = 500_000
MAX_ALL_NAME_CELLS = 2_000_000

#: Address space of a compiler reading process: a branch workbook needs a few
#: megabytes, the largest consolidated workbook within the limits above a few
#: hundred; the rest of the allowance is the interpreter and its libraries.
WORKER_MEMORY_BYTES = 2048 * MB
#: Seconds one file may take in a reading process (a branch workbook takes milliseconds).
FILE_SECONDS = 120
