"""Writing output files so that nothing is ever half-written.

Every output of the product (workbooks, the registry, the consolidated
workbook, reports, the Lite bundle) goes through :func:`write_atomically`:
an interrupted run leaves the previous file intact and no debris, and a
reader (Excel, a colleague on a shared drive) never sees a partial file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

#: Prefix of the temporary files, so that the compiler can skip them as inputs.
TEMP_PREFIX = ".~tmp-"


def write_atomically(path: str | os.PathLike, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are shared files
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
