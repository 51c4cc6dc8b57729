"""Where a portal keeps its things: everything lives under one DATA_DIR.

``DATA_DIR/portal.json`` remembers what ``baocao portal init`` was told (the
database URL, when PostgreSQL is used), so ``baocao serve DATA_DIR`` needs
nothing else; ``BAOCAO_DATABASE_URL`` in the environment wins over it.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

ENV_DATA_DIR = "BAOCAO_DATA_DIR"
ENV_DATABASE_URL = "BAOCAO_DATABASE_URL"
CONFIG_FILE = "portal.json"
SECRET_FILE = "secret-key"
REGISTRY_FILE = "danh-sach-don-vi.xlsx"
STORE_DIR = "tep-nop"          # submitted files, under generated names; never served as a folder
JOBS_DIR = "tong-hop"          # one folder per compile run


def data_dir() -> Path:
    value = os.environ.get(ENV_DATA_DIR)
    if not value:
        raise RuntimeError(f"Chưa đặt biến môi trường {ENV_DATA_DIR} (thư mục dữ liệu của cổng).")
    return Path(value).resolve()


def saved_config(root: Path) -> dict:
    path = root / CONFIG_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def save_config(root: Path, config: dict) -> None:
    path = root / CONFIG_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(config, out, ensure_ascii=False, indent=2)


def database_url(root: Path) -> str | None:
    return os.environ.get(ENV_DATABASE_URL) or saved_config(root).get("database_url")


def secret_key(root: Path) -> str:
    """The signing key of sessions and CSRF tokens, made once per portal and kept private."""
    path = root / SECRET_FILE
    if not path.exists():
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def database_settings(root: Path) -> dict:
    """Django's DATABASES["default"]: SQLite under DATA_DIR, or PostgreSQL from a URL."""
    url = database_url(root)
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(root / "portal.sqlite3"),
            # Uploads arrive concurrently: writers wait for the lock instead of failing,
            # and WAL lets readers go on meanwhile.
            "OPTIONS": {"timeout": 60, "transaction_mode": "IMMEDIATE",
                        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"},
        }
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise RuntimeError(f"Địa chỉ cơ sở dữ liệu phải bắt đầu bằng postgresql://, đang là {parts.scheme}://.")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }
