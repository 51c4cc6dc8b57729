"""The file store: submitted workbooks as files named by their SHA-256.

Names are generated (never the uploader's), the folder sits under DATA_DIR
outside anything served, and a content is stored once however often it is
uploaded. A file is written and fsynced before the database row that names
it commits; a crash between the two can only leave a file without a row,
which :func:`reconcile` removes when the portal starts again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterable

CHUNK = 1 << 16
TMP = "dang-nhan"


class TooLarge(Exception):
    """The upload is over the size limit (checked while it is copied, before any parsing)."""


def root() -> Path:
    from django.conf import settings

    from .config import STORE_DIR
    return settings.ROOT / STORE_DIR


def path_of(sha256: str, base: Path | None = None) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("sha256 không hợp lệ")
    return (base or root()) / sha256[:2] / sha256


def receive(chunks: Iterable[bytes], limit: int, base: Path | None = None) -> tuple[Path, str, int]:
    """Copy an upload to a private temporary file, hashing it; fsynced; (path, sha256, size)."""
    tmp_dir = (base or root()) / TMP
    tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=tmp_dir, suffix=".xlsx")
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise TooLarge()
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name), digest.hexdigest(), size


def keep(tmp: Path, sha256: str, base: Path | None = None) -> Path:
    """Move a received file to its permanent name (or drop it when that content is already stored)."""
    target = path_of(sha256, base)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        tmp.unlink()
    else:
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    return target


def open_blob(sha256: str) -> BinaryIO:
    return open(path_of(sha256), "rb")


def reconcile(known: set[str], base: Path | None = None) -> list[Path]:
    """Remove files with no version row and half-received uploads; return what was removed."""
    base = base or root()
    removed = []
    if not base.exists():
        return removed
    for path in sorted(base.rglob("*")):
        if path.is_file() and (path.parent.name == TMP or path.name not in known):
            path.unlink()
            removed.append(path)
    return removed


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
