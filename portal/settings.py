"""Django settings of the portal: all of them here, all derived from DATA_DIR (see config)."""

from __future__ import annotations

from pathlib import Path

from . import config

ROOT = config.data_dir()
BASE = Path(__file__).resolve().parent

SECRET_KEY = config.secret_key(ROOT)
DEBUG = False
# The host of the links handed out (``baocao portal links --base-url``) is trusted too,
# so the portal works behind a reverse proxy under that name.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", *config.saved_config(ROOT).get("allowed_hosts", [])]
CSRF_TRUSTED_ORIGINS = config.saved_config(ROOT).get("trusted_origins", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "portal.root_urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]

DATABASES = {"default": config.database_settings(ROOT)}

# One process serves the portal (``baocao serve``), so the rate-limit counters
# may live in its memory.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "portal.passwords.MinimumLength", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:login"

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/tinh/"
STATIC_ROOT = None             # nothing is collected: WhiteNoise serves the app's files directly
WHITENOISE_USE_FINDERS = True   # serve the app's own static files with no collectstatic step

# Links handed out as https:// mean a reverse proxy terminates TLS in front of the
# loopback server: cookies then travel only over HTTPS.
BEHIND_HTTPS = any(o.startswith("https://") for o in CSRF_TRUSTED_ORIGINS)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = BEHIND_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

#: Largest workbook accepted; the body is refused before it is read or parsed.
UPLOAD_LIMIT = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

#: Failed attempts allowed per client address and window before it must wait.
RATE_LIMITS = {"token": (30, 600), "login": (5, 900)}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
