"""Settings shared by every environment; safe for production by default (DEBUG off).

Environment-specific modules (dev, test, production) import from here and override.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

env = os.environ.copy()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = False

INSTALLED_APPS = [
    "outbox",
    "schedule",
    "accounts",
    "courses",
    "quizzes",
    "learning",
    "certificates",
    "partners",
    "demo",
    "allauth",
    "allauth.account",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session and CSRF middleware, so that it sees every cookie they set.
    "core.public_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
# Visitors' course pages may be kept this long by a proxy or CDN (core/public_cache.py);
# with FRONTEND_CACHE_PURGE_URL set (e.g. nginx's purge location), publishing a page
# purges it there at once (wagtail.contrib.frontend_cache).
PUBLIC_PAGE_MAX_AGE = int(env.get("PUBLIC_PAGE_MAX_AGE", 60))
if "FRONTEND_CACHE_PURGE_URL" in env:
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env["FRONTEND_CACHE_PURGE_URL"],
        }
    }
# Server time and SQL query count in every response's Server-Timing header, for the
# benchmark (bench/run.py). First, so that it times the other middleware too.
if env.get("SERVER_TIMING") == "1":
    MIDDLEWARE.insert(0, "core.server_timing.ServerTimingMiddleware")

ROOT_URLCONF = "settings.urls"
WSGI_APPLICATION = "settings.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite file in the git-ignored var/ folder unless DATABASE_URL points elsewhere
# (PostgreSQL in production). The SQLite options make it fit for concurrent web use:
# WAL lets readers work while one writer writes, the busy timeout makes a second
# writer wait instead of failing, and IMMEDIATE transactions take the write lock up
# front so that a read-then-write transaction cannot deadlock halfway.
VAR_DIR = BASE_DIR / "var"
# Persistent connections are checked before each request reuses them
# (conn_health_checks), so a PostgreSQL restart fails no request after it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA foreign_keys=ON;"
        ),
    }

# A PostgreSQL streaming-replication replica for the heavy report reads: partner
# dashboards and exports, quiz reports. Only views marked `@read_from_replica` read
# there; everything else, and every write, uses the primary (core/routers.py).
if "DATABASE_REPLICA_URL" in env:
    DATABASES["replica"] = dj_database_url.parse(
        env["DATABASE_REPLICA_URL"], conn_max_age=600, conn_health_checks=True
    )
    DATABASE_ROUTERS = ["core.routers.ReportsReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "learning:dashboard"

# Trainee accounts (django-allauth): e-mail is the login and must be verified before
# the first sign-in; the profile questions are asked at sign-up.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Convention Academy] "
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
DEFAULT_FROM_EMAIL = env.get(
    "DEFAULT_FROM_EMAIL", "Convention Academy <noreply@localhost>"
)
# Every e-mail goes to the outbox and is delivered by the task queue, with retries
# (outbox/); OUTBOX_DELIVERY_BACKEND is what actually sends it.
EMAIL_BACKEND = "outbox.backends.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# Django's task API (the django-tasks backport, which Wagtail 8 uses too). The
# embedded default keeps jobs in the database; `make run` starts `manage.py db_worker`
# beside the web server (docs/decisions/0008-task-queue-and-outbox.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The production queue on an existing distributed engine: Redis, with RQ workers
# (`manage.py rqworker default --with-scheduler --job-class django_tasks_rq.Job`),
# chosen by TASKS_BACKEND=rq.
if env.get("TASKS_BACKEND") == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env["REDIS_URL"], "DEFAULT_TIMEOUT": 900}}
# What `manage.py run_schedule` enqueues, and how often (seconds: a minute, a day).
SCHEDULED_JOBS = [
    ("outbox.tasks.deliver_due_mail", 60),
    ("schedule.tasks.publish_scheduled_pages", 60),
    ("schedule.tasks.clear_expired_sessions", 24 * 60 * 60),
    ("schedule.tasks.prune_finished_jobs", 24 * 60 * 60),
    ("learning.tasks.recompute_all", 24 * 60 * 60),
    ("learning.tasks.certificate_expiry_reminders", 24 * 60 * 60),
    ("partners.tasks.cohort_end_reminders", 24 * 60 * 60),
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six official UN languages. English is the source language of the course;
# the others are served under /<code>/ and laid out right to left where needed.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads (images, documents, renditions) in an S3-compatible bucket (AWS S3, MinIO…)
# through django-storages, so that every app server sees the same files. Objects are
# private and linked with signed, expiring URLs; static files stay on WhiteNoise.
# Credentials come from boto3's usual chain: AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY in the environment, or the machine's role.
if "AWS_STORAGE_BUCKET_NAME" in env:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": env.get("AWS_S3_ENDPOINT_URL"),
            "region_name": env.get("AWS_S3_REGION_NAME"),
            "custom_domain": env.get("AWS_S3_CUSTOM_DOMAIN"),
            "default_acl": "private",
            "querystring_auth": True,
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }

# Without REDIS_URL each process keeps its own in-memory cache (Django's default).
# With it, one Redis serves every worker and app server (django-redis): cached
# fragments are shared, and so is the per-address limit on certificate lookups
# (certificates/services.py). A Redis outage is logged once a minute and the site
# carries on from the database instead of failing or waiting (core/cache.py).
#
# "pages" holds the course navigation (courses/caching.py) in each process's memory:
# its entries never change under their key, which ends with the pages version that
# the default cache holds for every process, so a page view reads only the version
# from the shared cache.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "course-pages",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
if "REDIS_URL" in env:
    CACHES["default"] = {
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": env["REDIS_URL"],
        "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "academy"),
        "TIMEOUT": 300,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
            "IGNORE_EXCEPTIONS": True,
        },
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Convention Academy"
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

# The private key that signs certificates for offline checks (certificates/signing.py).
CERTIFICATE_SIGNING_KEY_FILE = Path(
    env.get("CERTIFICATE_SIGNING_KEY_FILE", VAR_DIR / "certificate-signing-key.pem")
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Avatars would be fetched from the internet: broken offline and a privacy leak
# for law-enforcement users.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# Sessions are read from the cache and written to both cache and database: a page
# view costs no session query, and flushing or losing the cache logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"once_per_minute": {"()": "core.logging.OncePerMinute"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # With Redis down, one line a minute instead of a traceback per cache call.
        "django_redis.cache": {"filters": ["once_per_minute"]},
    },
}
