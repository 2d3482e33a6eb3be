"""One settings module for every environment; everything that differs is read from the
environment (see README.md, "Configuration")."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# Everything this process creates (the SQLite file and its -wal/-shm, uploads, saved emails with
# their reset links, task and cache rows on disk) holds personal data: readable by its owner only.
# Set here because every entry point (manage.py, gunicorn, the task worker, tests) reads settings
# before it writes a file.
os.umask(0o077)


def envbool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def envint(name, default):
    return int(os.environ.get(name, default))


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envsecret(name, default=None):
    """Read NAME, or the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


DEBUG = envbool("DEBUG", False)
SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (or set SECRET_KEY_FILE).")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
# The public address of the portal; every link in an email starts with it (services/lib/emails.py).
# Left unset with DEBUG off, `check --deploy` warns (portal/checks.py); `make run` sets it.
SITE_URL_SET = bool(os.environ.get("SITE_URL", "").strip())
SITE_URL = (os.environ.get("SITE_URL", "").strip() or "http://127.0.0.1:8000").rstrip("/")

# The data folder holds the SQLite file and the private uploads; never under STATIC_ROOT.
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "data"))
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
if DATA_DIR.stat().st_uid == os.geteuid():
    DATA_DIR.chmod(0o700)  # a folder made before this rule (0755) is closed too
MEDIA_ROOT = DATA_DIR / "uploads"
MEDIA_URL = "/uploads/"  # never served directly; only through views that check access

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "services.accounts",
    "services.catalogue",
    "services.offline",
    "services.applications",
    "services.life",
    "services.insights",
    "services.demo",  # owns load_demo; its content is YAML under services/demo/data
    "portal",  # its deployment checks (portal/apps.py)
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost after Django's own security headers, so every response gets them: cached
    # pages, error pages and the early refusals of the middleware below included.
    "portal.middleware.PortalCSPMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.RequestSizeLimitMiddleware",
    "portal.middleware.LongAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "portal.middleware.PreferencesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
            "libraries": {"dates": "services.lib.templatetags.dates"},
        },
    },
]
# Forms never echo back more of an input than its maxlength (services/lib/forms.py).
FORM_RENDERER = "services.lib.forms.BoundedRenderer"
if not DEBUG:
    # Cached loader; template_partials wraps whichever loaders are configured.
    TEMPLATES[0]["APP_DIRS"] = False
    TEMPLATES[0]["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.cached.Loader",
            [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ],
        )
    ]

# --- Databases -----------------------------------------------------------------------------
# Default: SQLite in WAL mode with IMMEDIATE transactions and a busy timeout, so concurrent
# writers wait for the lock instead of failing with "database is locked".
# DATABASE_URL=postgres://user:pass@host/db switches to PostgreSQL (psycopg 3).
CONN_MAX_AGE = envint("CONN_MAX_AGE", 600)
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=CONN_MAX_AGE, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", DATA_DIR / "portal.sqlite3"),
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
            "TEST": {"NAME": os.environ.get("SQLITE_TEST_PATH") or None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    # Per-process cache of rendered anonymous pages; correctness across processes comes from
    # the catalogue version row (services/lib/cache.py), not from sharing this cache.
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal",
        "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_ENTRIES", 5000)},
    },
    # Shared by every process (rate limits): the database, so nothing else has to run. Django's
    # database cache keeps 300 entries by default and then deletes a third of them, so a flood of
    # hits from many addresses would wipe the counts and locks of the others: keep far more.
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
        "OPTIONS": {"MAX_ENTRIES": envint("RATE_LIMIT_ENTRIES", 1_000_000)},
    },
}
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 300)
# The search log (services/catalogue/querylog.py): counts kept in memory, written in the
# background after this many searches or seconds, whichever comes first; days kept.
SEARCH_LOG_FLUSH_QUERIES = envint("SEARCH_LOG_FLUSH_QUERIES", 200)
SEARCH_LOG_FLUSH_SECONDS = envint("SEARCH_LOG_FLUSH_SECONDS", 60)
SEARCH_LOG_KEEP_DAYS = envint("SEARCH_LOG_KEEP_DAYS", 90)
# How long a web process trusts its memory of the catalogue version before asking the database.
CATALOGUE_VERSION_TTL = float(os.environ.get("CATALOGUE_VERSION_TTL", "2"))

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["services.accounts.backends.EmailOrMobileBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
# Sign-in lockout, for citizens and staff alike (services/accounts/lockout.py, README "Accounts").
LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = envint("LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS", 5)
LOGIN_FAILURES_PER_ADDRESS = envint("LOGIN_FAILURES_PER_ADDRESS", 20)
LOGIN_FAILURES_PER_ACCOUNT = envint("LOGIN_FAILURES_PER_ACCOUNT", 10)
LOGIN_LOCK_MINUTES = envint("LOGIN_LOCK_MINUTES", 15)
LOGIN_MAX_LOCK_MINUTES = envint("LOGIN_MAX_LOCK_MINUTES", 240)
LOGIN_ACCOUNT_LOCK_MINUTES = envint("LOGIN_ACCOUNT_LOCK_MINUTES", 5)
# Sign-up and password reset requests per client address an hour (each sends a message).
SIGNUPS_PER_HOUR = envint("SIGNUPS_PER_HOUR", 10)
PASSWORD_RESETS_PER_HOUR = envint("PASSWORD_RESETS_PER_HOUR", 10)
# Links to a new email address or mobile number one account may have sent in an hour (profile).
CONTACT_CHANGES_PER_HOUR = envint("CONTACT_CHANGES_PER_HOUR", 5)

# --- Languages and time ----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way of writing dates per language, on the staff pages as on the public ones: 2026-11-28
# and 2026-11-28 09:30 (portal/formats/; services/lib/templatetags/dates.py writes the same).
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- Static files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600

# --- Email -----------------------------------------------------------------------------------
# By default emails are written to files under data/emails so a newcomer can read them.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", DATA_DIR / "emails")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@example.gov.cn")
# Text messages (notifications to people without email, sign-up links to a mobile number): "file"
# writes them under SMS_FILE_PATH like the emails, "console" prints them, "locmem" keeps them
# (tests); a dotted path names the SMS gateway's class or function (services/lib/sms.py).
SMS_BACKEND = os.environ.get("SMS_BACKEND", "file")
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", DATA_DIR / "sms")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks -----------------------------------------------------------------------
# Emails and roll-ups run through the Django tasks API. Production: the database queue, drained
# by `manage.py db_worker` (started by `make run`). TASKS_BACKEND=immediate runs them inline.
TASKS = {
    "default": {
        "BACKEND": {
            "db": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("TASKS_BACKEND", "db")],
    }
}

# --- Applications ----------------------------------------------------------------------------
UPLOAD_MAX_MB = envint("UPLOAD_MAX_MB", 10)
# An image is decoded whole before it is re-encoded: this bounds the memory one upload can take.
UPLOAD_MAX_PIXELS = envint("UPLOAD_MAX_PIXELS", 50_000_000)
# Volume one draft or application may hold, and one client address may store in a day.
UPLOAD_MAX_FILES_PER_APPLICATION = envint("UPLOAD_MAX_FILES_PER_APPLICATION", 30)
UPLOAD_MAX_MB_PER_APPLICATION = envint("UPLOAD_MAX_MB_PER_APPLICATION", 60)
UPLOAD_MAX_MB_PER_ADDRESS_PER_DAY = envint("UPLOAD_MAX_MB_PER_ADDRESS_PER_DAY", 200)
DRAFTS_PER_ADDRESS_PER_HOUR = envint("DRAFTS_PER_ADDRESS_PER_HOUR", 20)
DRAFTS_PER_ACCOUNT_PER_HOUR = envint("DRAFTS_PER_ACCOUNT_PER_HOUR", 200)
# Retention (README, "Data retention"): signed-in citizens' untouched drafts, finished tasks.
DRAFT_RETENTION_DAYS = envint("DRAFT_RETENTION_DAYS", 90)
TASK_RESULT_RETENTION_DAYS = envint("TASK_RESULT_RETENTION_DAYS", 14)
# Whole request body: all documents of one page together.
MAX_REQUEST_MB = envint("MAX_REQUEST_MB", 60)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
GUEST_RESUME_DAYS = envint("GUEST_RESUME_DAYS", 7)
# The demo city's past applications, ratings and follow-ups (services/demo/history.py), in days
# before today; 0 makes none (the tests' default: tests/testenv.py).
DEMO_HISTORY_DAYS = envint("DEMO_HISTORY_DAYS", 100)
# The final email's link to rate an application works this long (services/insights/views.py).
RATING_LINK_DAYS = envint("RATING_LINK_DAYS", 30)
TRACKING_ATTEMPTS_PER_HOUR = envint("TRACKING_ATTEMPTS_PER_HOUR", 10)
# Draft code + mobile number pairs that matched no draft, per counter clerk's account an hour.
DRAFT_CODE_ATTEMPTS_PER_HOUR = envint("DRAFT_CODE_ATTEMPTS_PER_HOUR", 10)
# Counter visits (services/offline/bookings.py, README "Booking a counter visit"): new bookings
# per client address an hour, visits still to come booked from one address, and booking
# messages (booked, moved, cancelled) one mobile number is sent in a day.
BOOKINGS_PER_ADDRESS_PER_HOUR = envint("BOOKINGS_PER_ADDRESS_PER_HOUR", 10)
LIVE_BOOKINGS_PER_ADDRESS = envint("LIVE_BOOKINGS_PER_ADDRESS", 3)
BOOKING_MESSAGES_PER_NUMBER_PER_DAY = envint("BOOKING_MESSAGES_PER_NUMBER_PER_DAY", 5)

# --- Security --------------------------------------------------------------------------------
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# How many proxies (load balancer, TLS terminator) stand in front of the portal. Only then are
# X-Forwarded-For (client_ip takes the Nth entry from the right) and X-Forwarded-Proto believed;
# with none (the default, `make run`) a visitor could forge both. BEHIND_PROXY=true is the
# older switch and means one proxy.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1 if envbool("BEHIND_PROXY", False) else 0)
# Whether the operator said so at all: `check --deploy` warns when a production site that redirects
# to https leaves it unsaid (portal/checks.py), since the safe default (0) behind a TLS proxy
# means a redirect loop and refused forms.
TRUSTED_PROXY_COUNT_SET = "TRUSTED_PROXY_COUNT" in os.environ or "BEHIND_PROXY" in os.environ
if envbool("BEHIND_PROXY", False) and TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("BEHIND_PROXY=true needs TRUSTED_PROXY_COUNT of 1 or more.")
if TRUSTED_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A failed CSRF check (an expired form, cookies off) gets the portal's page, not Django's.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
# Longer addresses (path + query) get the portal's 414 page: "shorten your search".
MAX_URL_LENGTH = envint("MAX_URL_LENGTH", 4096)
# Content-Security-Policy (django-csp 4): no inline script or style and no eval on the public
# pages (htmx is configured for it in base.html); the admin's own policy adds inline styles
# only (portal.middleware.PortalCSPMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Permissions-Policy: every powerful feature denied to the portal and anything in its pages.
PERMISSIONS_POLICY_DENY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
