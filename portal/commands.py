"""What ``baocao portal init``, ``baocao portal links`` and ``baocao serve`` do (the CLI only adapts).

Each function points Django at DATA_DIR first (settings derive from it), then
uses Django's own machinery: ``migrate`` for the schema, the auth app's
password hasher for the administrator, and waitress (a production WSGI
server in pure Python) for serving on the loopback address.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from .config import ENV_DATA_DIR, ENV_DATABASE_URL, REGISTRY_FILE, save_config, saved_config

ADMIN_USERNAME = "quantri"


class PortalError(Exception):
    """A Vietnamese message for the person at the terminal."""


def _django(data_dir: Path) -> None:
    os.environ[ENV_DATA_DIR] = str(Path(data_dir).resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def init(data_dir: Path, registry_path: Path, password: str, database_url: str | None, term: str,
         title: str | None, deadline: dt.datetime | None, username: str = ADMIN_USERNAME) -> dict:
    """Create the database, the file store and the administrator; load the registry."""
    from workbook_templates.model import term_years
    from workbook_templates.reader import WorkbookError
    from workbook_templates.registry import read_registry

    try:
        term_years(term)
        registry = read_registry(registry_path)
    except (ValueError, WorkbookError) as exc:
        raise PortalError(str(exc)) from exc
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    if database_url:
        save_config(data_dir, {**saved_config(data_dir), "database_url": database_url})
    _django(data_dir)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import ValidationError, validate_password
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from .models import Campaign, Unit

    try:
        validate_password(password)
    except ValidationError as exc:
        raise PortalError("Mật khẩu chưa đủ mạnh: " + " ".join(exc.messages)) from exc
    call_command("migrate", interactive=False, verbosity=0)
    users = get_user_model()
    if users.objects.filter(username=username).exists():
        raise PortalError(f"Cổng ở {data_dir} đã được khởi tạo (đã có tài khoản {username}).")
    shutil.copyfile(registry_path, data_dir / REGISTRY_FILE)
    leaves = {u.code for u in registry.leaves()}
    with transaction.atomic():
        users.objects.create_superuser(username=username, email="", password=password)
        for position, unit in enumerate(registry.units):
            Unit.objects.create(code=unit.code, name=unit.name, parent=unit.parent, position=position,
                                reports=unit.code in leaves)
        Campaign.objects.create(term=term, title=title or f"Báo cáo nhiệm kỳ {term}",
                                deadline=timezone.make_aware(deadline) if deadline else None)
    return {"username": username, "units": len(leaves), "top": registry.top.name,
            "database": "PostgreSQL" if database_url or os.environ.get(ENV_DATABASE_URL) else "SQLite"}


def write_links(data_dir: Path, out: Path, base_url: str) -> int:
    """Issue a new link for every reporting unit (revoking older ones) and write them to ``out``."""
    _django(data_dir)
    from workbook_templates.files import write_atomically

    from . import links
    from .exports import links_workbook
    from .models import Unit

    from urllib.parse import urlsplit

    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PortalError(f"Địa chỉ {base_url} không hợp lệ; ví dụ đúng: https://nop.congdoan.example.vn")
    config = saved_config(data_dir)
    save_config(data_dir, {**config,
                           "allowed_hosts": sorted({*config.get("allowed_hosts", []), parts.hostname}),
                           "trusted_origins": sorted({*config.get("trusted_origins", []),
                                                      f"{parts.scheme}://{parts.netloc}"})})
    units = list(Unit.objects.filter(reports=True))
    if not units:
        raise PortalError(f"Chưa khởi tạo cổng ở {data_dir}: hãy chạy baocao portal init trước.")
    names = dict(Unit.objects.values_list("code", "name"))
    pairs = [(unit, links.url(base_url, links.issue(unit))) for unit in units]
    write_atomically(out, links_workbook(pairs, names).save)
    return len(pairs)


def recover(data_dir: Path) -> list[Path]:
    """Bring the store and the database back in step after a crash; run before serving."""
    _django(data_dir)
    from django.utils import timezone

    from . import store
    from .models import CompileJob, Version

    removed = store.reconcile(set(Version.objects.values_list("sha256", flat=True)))
    CompileJob.objects.filter(state=CompileJob.RUNNING).update(
        state=CompileJob.FAILED, finished_at=timezone.now(), message="Tổng hợp bị ngắt vì cổng đã khởi động lại.")
    return removed


def serve(data_dir: Path, host: str, port: int, threads: int = 8) -> None:
    if not (Path(data_dir) / REGISTRY_FILE).exists():
        raise PortalError(f"Chưa khởi tạo cổng ở {data_dir}: hãy chạy baocao portal init trước.")
    _django(data_dir)
    from django.conf import settings
    from django.core.management import call_command
    from waitress import serve as waitress_serve

    from .wsgi import application

    call_command("migrate", interactive=False, verbosity=0)
    recover(data_dir)
    # Bodies a little over the limit reach the portal, which answers why in Vietnamese;
    # far larger ones are cut off by waitress itself before they are read.
    waitress_serve(application, host=host, port=port, threads=threads, ident="baocao",
                   max_request_body_size=2 * settings.UPLOAD_LIMIT)
