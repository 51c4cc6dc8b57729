"""Per-unit upload links: random tokens of 256 bits, of which only the SHA-256 is kept.

A token is shown once, when it is issued (in links.xlsx, on the unit's page
or in the reminder list); reissuing revokes the unit's previous link.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from .models import Link, Unit

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def issue(unit: Unit) -> str:
    """A new link for ``unit``; its earlier links stop working. Returns the token (shown once)."""
    unit.links.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(TOKEN_BYTES)
    Link.objects.create(unit=unit, token_hash=token_hash(token))
    return token


def revoke(unit: Unit) -> int:
    return unit.links.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def find(token: str) -> Link | None:
    """The live link of ``token``, compared in constant time, or None."""
    if not token or len(token) > 128:
        return None
    wanted = token_hash(token)
    link = Link.objects.select_related("unit").filter(token_hash=wanted).first()
    if link is None or not hmac.compare_digest(link.token_hash, wanted) or link.revoked_at is not None:
        return None
    return link


def url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/nop/{token}/"
