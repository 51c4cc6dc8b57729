"""Objects and table rows parked in a temporary file so memory stays flat.

The compiler reads every workbook before it knows which ones count
(duplicates, the term, the units a consolidated workbook already covers), and
it writes tables with one row per unit × indicator. Both would grow with the
number of workbooks if kept in memory; a spool keeps them on disk, pickled,
and memory holds only their offsets.
"""

from __future__ import annotations

import pickle
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator


class Spool:
    """Append pickled objects; read one back by offset, or all in order."""

    def __init__(self, directory: Path | None = None):
        self._file = tempfile.TemporaryFile(prefix="baocao-spool-", dir=directory)
        self.count = 0

    def put(self, obj: Any) -> int:
        self._file.seek(0, 2)
        offset = self._file.tell()
        pickle.dump(obj, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1
        return offset

    def get(self, offset: int) -> Any:
        self._file.seek(offset)
        return pickle.load(self._file)

    def __iter__(self) -> Iterator[Any]:
        self._file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self._file)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> "Spool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()



class RowSpool:
    """Table rows appended a batch at a time (one pickle per batch), read back row by row."""

    def __init__(self, directory: Path | None = None):
        self._batches = Spool(directory)
        self.count = 0

    def extend(self, rows: Iterable[Any]) -> None:
        batch = list(rows)
        if batch:
            self._batches.put(batch)
            self.count += len(batch)

    def __iter__(self) -> Iterator[Any]:
        for batch in self._batches:
            yield from batch
