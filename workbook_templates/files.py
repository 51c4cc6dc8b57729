"""Writing output files so that nothing is ever half-written.

Every output of the product (workbooks, the registry, the consolidated
workbook, reports, the Lite bundle) goes through :func:`write_atomically`:
an interrupted run leaves the previous file intact and no debris, and a
reader (Excel, a colleague on a shared drive) never sees a partial file.
A writer may also pass a check (:func:`check_package` for xlsx/docx files)
that must pass before the new file replaces the old one.

Files that belong together (a compile run's ``tong-hop.xlsx``, Word report
and PDF) are written into a staging folder and moved in together
(:class:`OutputSet`). Every temporary file or folder we make is named
:func:`temp_prefix` (``.~tmp-<host>-<pid>-…``), so the next run can tell the
debris of a killed run (its process is gone) from the work of a running one
and remove it (:func:`clean_stale`).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Callable, Iterable
from xml.parsers import expat

#: Prefix of the temporary files, so that the compiler can skip them as inputs.
TEMP_PREFIX = ".~tmp-"
#: Older temporary names without host and process (``.~pdf-`` folders of earlier versions too).
LEGACY_PREFIXES = (TEMP_PREFIX, ".~pdf-", "baocao-tong-hop-")
#: Debris without a live owner we can check is removed once it is this old.
STALE_AFTER_S = 3600
_OURS = re.compile(re.escape(TEMP_PREFIX) + r"(?P<host>[A-Za-z0-9]+)-(?P<pid>\d+)-")
#: The list of moves of a staging folder being committed (see :class:`OutputSet`).
JOURNAL = ".~commit"


def temp_prefix(purpose: str = "") -> str:
    """``.~tmp-<host>-<pid>-<purpose>-``: the name start of every temporary file or folder we make."""
    return f"{TEMP_PREFIX}{_host()}-{os.getpid()}-" + (f"{purpose}-" if purpose else "")


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:32] or "may"


def temp_dir(purpose: str, folder: str | os.PathLike | None = None) -> tempfile.TemporaryDirectory:
    """A temporary folder (in ``folder``, default the system's), removed on exit or by :func:`clean_stale`."""
    return tempfile.TemporaryDirectory(prefix=temp_prefix(purpose), dir=folder)


class DamagedOutput(OSError):
    """A file we wrote failed its check; the old file was kept. The message is Vietnamese."""


def write_atomically(path: str | os.PathLike, write: Callable[[Path], object],
                     check: Callable[[Path], None] | None = None) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, ``check(tmp)``, then rename it to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=temp_prefix(), suffix=path.suffix, dir=path.parent)
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


class OutputSet:
    """Files that must appear together: written into a staging folder, then moved in together.

    ``path(name)`` is where to write each file; :meth:`commit` moves them into
    ``folder`` and removes the old files named in ``drop`` that this set does
    not replace (so an old report never stays beside a new workbook it does
    not match). Leaving the ``with`` block without a commit (an error, Ctrl-C)
    removes the staging folder and leaves the previous set untouched.

    The commit first writes a journal of its moves; Ctrl-C and termination
    signals wait until the moves are done. If the process is killed during
    the moves, :func:`clean_stale` at the next start finds the journal and
    completes them, so the folder never keeps a mix of two runs.
    """

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=temp_prefix("run"), dir=self.folder))

    def path(self, name: str) -> Path:
        return self.staging / name

    def commit(self, drop: Iterable[str] = ()) -> list[str]:
        """Move every staged file in; remove the files of ``drop`` that were not staged. Returns those removed."""
        staged = sorted(p.name for p in self.staging.iterdir() if p.is_file() and p.name != JOURNAL)
        removed = [name for name in drop if name not in staged and (self.folder / name).exists()]
        lines = [f"put {name}" for name in staged] + [f"drop {name}" for name in removed]
        write_atomically(self.staging / JOURNAL, lambda tmp: tmp.write_text("\n".join(lines), encoding="utf-8"))
        blocked = {signal.SIGINT, signal.SIGTERM}
        old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        try:
            _apply_journal(self.staging)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
        return removed

    def __enter__(self) -> "OutputSet":
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _apply_journal(staging: Path) -> None:
    """Carry out the moves a commit recorded in ``staging``, then remove it (safe to repeat)."""
    folder = staging.parent
    for line in (staging / JOURNAL).read_text(encoding="utf-8").splitlines():
        action, name = line.split(" ", 1)
        if action == "put" and (staging / name).exists():
            os.replace(staging / name, folder / name)
        elif action == "drop":
            (folder / name).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


def clean_stale(folders: Iterable[str | os.PathLike]) -> list[Path]:
    """Remove the temporary files and folders that killed runs left in ``folders``; return them.

    Ours are named :func:`temp_prefix`: one whose process is gone (on this
    machine) is debris; a staging folder whose commit had started is
    completed first (see :class:`OutputSet`). Names of other machines (a
    shared drive) or of earlier versions are removed only when stale.
    """
    host = _host()
    removed = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if not path.name.startswith(LEGACY_PREFIXES) or not _is_debris(path, host):
                continue
            try:
                if path.is_dir() and (path / JOURNAL).is_file():
                    _apply_journal(path)
                elif path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            except OSError:
                continue   # taken by someone else meanwhile, or not ours to remove: leave it
            removed.append(path)
    return removed


def _is_debris(path: Path, host: str) -> bool:
    match = _OURS.match(path.name)
    if match and match["host"] == host:
        pid = int(match["pid"])
        return pid != os.getpid() and not _alive(pid)
    try:
        return time.time() - path.lstat().st_mtime > STALE_AFTER_S
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
