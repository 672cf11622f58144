"""Production: every secret and host comes from the environment; missing ones fail fast.

Required: SECRET_KEY, ALLOWED_HOSTS (comma-separated), DATABASE_URL,
CERTIFICATE_SIGNING_KEY_FILE (docs/certificate-signatures.md).
Optional: CSRF_TRUSTED_ORIGINS (comma-separated), SECURE_SSL_REDIRECT (default on),
DEFAULT_FROM_EMAIL, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
EMAIL_USE_TLS,
SECURE_HSTS_SECONDS (default one year), SECURE_HSTS_PRELOAD (default on),
WAGTAILADMIN_BASE_URL, MEDIA_ROOT, STATIC_ROOT, TRUSTED_PROXY_COUNT (default 1);
from settings/base.py: REDIS_URL, CACHE_KEY_PREFIX, DATABASE_REPLICA_URL,
AWS_STORAGE_BUCKET_NAME and the other AWS_* storage values.
See docs/deploy.md.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env["SECRET_KEY"]
ALLOWED_HOSTS = [host.strip() for host in env["ALLOWED_HOSTS"].split(",") if host]
if "DATABASE_URL" not in env:
    raise KeyError("DATABASE_URL must be set in production (see docs/deploy.md)")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # gunicorn's synchronous workers serve one request at a time on one thread, so
    # each keeps its SQLite connection instead of opening the file and running the
    # PRAGMAs (settings/base.py) on every request. (The development server starts a
    # thread per request, where kept connections would only pile up.)
    DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405
if "CERTIFICATE_SIGNING_KEY_FILE" not in env:
    raise KeyError(
        "CERTIFICATE_SIGNING_KEY_FILE must be set in production "
        "(see docs/certificate-signatures.md)"
    )
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in env.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin
]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind nginx or a load balancer every request comes from the proxy: the client's
# address is the one the last trusted proxy added to X-Forwarded-For. It keys the
# login and certificate-lookup rate limits; with the proxy's address they would
# throttle everyone at once.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env.get("TRUSTED_PROXY_COUNT", 1))
SECURE_SSL_REDIRECT = env.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", 31_536_000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.get("SECURE_HSTS_PRELOAD", "true").lower() == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Wagtail's live preview shows the page being edited in a same-origin frame, so
# frames stay allowed from this site (X_FRAME_OPTIONS = "SAMEORIGIN" in base).
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Outgoing mail (verification and password e-mails) through the site's relay.
EMAIL_HOST = env.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env.get("EMAIL_PORT", 587))
EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.get("EMAIL_USE_TLS", "true").lower() == "true"

# Without Redis, the gunicorn workers of one server share a cache on disk: a page
# published through one worker then refreshes the course navigation that the others
# serve (courses/caching.py), and the certificate look-up limit counts across them.
# With several app servers, set REDIS_URL (docs/deploy.md).
if "REDIS_URL" not in env:
    CACHES["default"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env.get("CACHE_DIR", str(VAR_DIR / "cache")),  # noqa: F405
    }
