"""Counting failed attempts (wrong tokens, wrong passwords) per client address.

After ``settings.RATE_LIMITS[kind]`` failures within the window, that
address is refused until the window passes; a success does not reset the
count, so guessing stays slow.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _key(kind: str, request) -> str:
    return f"fail:{kind}:{client_address(request)}"


def blocked(kind: str, request) -> bool:
    limit, _ = settings.RATE_LIMITS[kind]
    return cache.get(_key(kind, request), 0) >= limit


def failed(kind: str, request) -> None:
    _, window = settings.RATE_LIMITS[kind]
    key = _key(kind, request)
    if not cache.add(key, 1, window):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, window)
