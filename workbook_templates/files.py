"""Writing output files so that nothing is ever half-written.

Every output of the product (workbooks, the registry, the consolidated
workbook, reports, the Lite bundle) goes through :func:`write_atomically`:
an interrupted run leaves the previous file intact and no debris, and a
reader (Excel, a colleague on a shared drive) never sees a partial file.
A writer may also pass a check (:func:`check_package` for xlsx/docx files)
that must pass before the new file replaces the old one.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from typing import Callable
from xml.parsers import expat

#: Prefix of the temporary files, so that the compiler can skip them as inputs.
TEMP_PREFIX = ".~tmp-"


class DamagedOutput(OSError):
    """A file we wrote failed its check; the old file was kept. The message is Vietnamese."""


def write_atomically(path: str | os.PathLike, write: Callable[[Path], object],
                     check: Callable[[Path], None] | None = None) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, ``check(tmp)``, then rename it to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        if check is not None:
            check(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are shared files
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_package(path: Path, shown: str) -> None:
    """Parse every XML part of an Office package (xlsx, docx) written as ``shown``.

    Raises :class:`DamagedOutput` when a part is not well-formed XML.

    A single character XML cannot hold makes Excel refuse the whole file, so
    a file we wrote is parsed before it replaces the previous one. Parts are
    streamed, so a large sheet costs no memory.
    """
    try:
        with zipfile.ZipFile(path) as package:
            for info in package.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                parser = expat.ParserCreate()
                try:
                    with package.open(info) as part:
                        parser.ParseFile(part)
                except expat.ExpatError as exc:
                    raise DamagedOutput(f"{shown}: phần {info.filename} của tệp vừa ghi không phải XML hợp lệ "
                                        f"({expat.errors.messages[exc.code]}, dòng {exc.lineno}, cột {exc.offset}); "
                                        "tệp cũ được giữ nguyên.") from exc
    except zipfile.BadZipFile as exc:
        raise DamagedOutput(f"{shown}: tệp vừa ghi không phải tệp nén Office hợp lệ ({exc}); tệp cũ được giữ nguyên.") from exc
