"""Settings shared by every environment.

Everything comes from the environment. With nothing set, Briefwiki runs on embedded defaults:
SQLite and a filesystem Celery broker under ``var/`` (or ``BRIEFWIKI_VAR_DIR``), so ``make run``
works on a machine without PostgreSQL or Redis. ``DATABASE_URL`` and ``REDIS_URL`` switch to the
real services.
"""
from pathlib import Path

import dj_database_url
from kombu import Queue

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("BRIEFWIKI_VAR_DIR", str(BASE_DIR / "var"))).resolve()

# --- core -------------------------------------------------------------------------------------
# The development default key is deliberately marked insecure; production.py refuses it
# (see config/checks.py).
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-local-development-key-do-not-deploy")
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Used to build absolute links (emails, feeds) outside a request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc assets as static files: no CDN
    "config.apps.ConfigConfig",
    # Ours, bottom to top: each imports only those above it in this list (tests/test_layers.py).
    "core",
    "actors",
    "sources",
    "claims",
    "briefings",
    "digests",
    "sitewide",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.versioning.ContentVersionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # answers a locked-out sign-in (core/logins.py)
]

# Sessions read from the cache (Redis) and written through to the database; permissions cached
# per user until they change (config/auth.py).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "core.auth.CachedPermissionsBackend"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "core.page_cache.csrf_placeholder",
            ],
        },
    },
]

# --- database ---------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'briefwiki.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serves the embedded demo: a web server and a worker write at the same time,
    # so wait for the lock instead of failing, and let readers run beside a writer.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Short queries only: PostgreSQL's JIT once took seconds to compile a page-stamp query whose
    # row estimate was far off; it never pays back on queries like ours.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now: bare URLs mean https

# --- cache and Celery -------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A task whose worker died unacknowledged is redelivered after this many seconds.
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 600),
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
    # kombu's filesystem transport: a broker that needs no server, shared by web and worker
    # processes through a folder.
    _broker_dir = VAR_DIR / "celery" / "broker"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
    CELERY_RESULT_BACKEND = f"file://{VAR_DIR / 'celery' / 'results'}"
    # The transport and result backend expect their folders; create them on first start.
    _celery_dir = VAR_DIR / "celery"
    for _folder in ("broker", "processed", "results", "control"):
        (_celery_dir / _folder).mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "cache").mkdir(parents=True, exist_ok=True)

CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ACKS_LATE = False  # set per task where a rerun is harmless
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict = {}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Every task is bounded in time: at the soft limit the task gets SoftTimeLimitExceeded (and
# records why it stopped), at the hard limit its worker process is killed. A task that needs
# longer sets its own limits.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
# Fetches wait on other sites' pace: they have a queue of their own (and, in `make run`, a
# worker of their own) so a slow site never delays the pipeline. A worker started without -Q
# consumes both queues.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = (Queue("celery", routing_key="celery"), Queue("fetch", routing_key="fetch"))
CELERY_TASK_ROUTES = {"sources.fetch_article": {"queue": "fetch"}, "sources.poll_feed": {"queue": "fetch"}}

# --- auth -------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling (core/logins.py): per address and per username, each on its own.
AXES_FAILURE_LIMIT = env_int("BRIEFWIKI_LOGIN_FAILURES", 10)
AXES_COOLOFF_TIME = env_int("BRIEFWIKI_LOGIN_LOCKOUT_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.logins.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "briefings:list"
LOGOUT_REDIRECT_URL = "briefings:list"

# --- i18n and static --------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# htmx from npm (`make install`), served as static/htmx/htmx.min.js; without it pages still work,
# statuses change on reload.
if (BASE_DIR / "node_modules/htmx.org/dist").is_dir():
    STATICFILES_DIRS.append(("htmx", BASE_DIR / "node_modules/htmx.org/dist"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- email ------------------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
# With no SMTP host configured, mail is printed to the console instead of being lost silently.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Briefwiki <briefwiki@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- REST framework ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.api_conventions.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["core.api_conventions.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api_conventions.CursorPage",
    # JSON only: DRF's form parsers read an empty field as a field left out, which the schema
    # cannot say, and no page posts forms to the API.
    "DEFAULT_PARSER_CLASSES": ["core.api_conventions.BoundedJSONParser"],
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["core.api_conventions.UserRate", "core.api_conventions.AnonIPRate"],
    # "off" (or empty) turns a limit off; otherwise DRF's "N/second|minute|hour|day".
    "DEFAULT_THROTTLE_RATES": {
        "user": env_str("BRIEFWIKI_API_RATE_USER", "3000/hour"),
        "anon": env_str("BRIEFWIKI_API_RATE_ANON", "300/hour"),
    },
    # Proxies in front of the app (1 behind the HTTPS proxy): anonymous callers are throttled by
    # the address that proxy saw, not by an X-Forwarded-For they could write themselves.
    "NUM_PROXIES": env_int("BRIEFWIKI_API_NUM_PROXIES", 0),
    "EXCEPTION_HANDLER": "core.api_errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Days an API token works from its creation (0: until revoked).
BRIEFWIKI_API_TOKEN_DAYS = env_int("BRIEFWIKI_API_TOKEN_DAYS", 90)
# Seconds a claims-list page stays cached; any committed write to what it shows ends that at
# once (briefings/api/claims_cache.py). 0 turns the cache off.
BRIEFWIKI_API_CACHE_SECONDS = env_int("BRIEFWIKI_API_CACHE_SECONDS", 600)
SPECTACULAR_SETTINGS = {
    "TITLE": "Briefwiki API",
    "DESCRIPTION": (
        "Everything an editor does in the UI, under the same permissions and through the same services. "
        "Authenticate with `Authorization: Token <key>` (create one under Account → API tokens) or a browser "
        "session. Errors are JSON: `{\"message\": ..., \"errors\": {field: [...]}}`. Lists use cursor "
        "pagination (`next`/`previous` links; `page_size` up to 100). Revising a draft needs `If-Match` with the "
        "ETag of the draft you started from: a stale one gets 412, a missing one 428."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_errors.document_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "ReviewStateEnum": "actors.models.ReviewState",
        "ArticleStatusEnum": "sources.models.Article.Status",
        "SuggestionStateEnum": "briefings.models.Suggestion.State",
        "ActorKindEnum": "actors.models.Actor.Kind",
        "RegionKindEnum": "actors.models.Region.Kind",
        "ClaimPolarityEnum": "claims.models.Claim.Polarity",
        "FactPolarityEnum": "claims.models.Fact.Polarity",
        "FactEditorStateEnum": "claims.models.Fact.EditorState",
    },
}

# --- Briefwiki --------------------------------------------------------------------------------
# Pages whose third-party templates set themselves up inline (core/csp.py): the API's docs.
BRIEFWIKI_CSP_INLINE_PATHS = ["/api/docs/", "/api/redoc/"]
# Whether anonymous visitors may read published briefings (off: the wiki is for its members).
BRIEFWIKI_PUBLIC_BRIEFINGS = env_bool("BRIEFWIKI_PUBLIC_BRIEFINGS", False)
# Country outlines for the locator maps (Natural Earth via npm's world-atlas, put there by
# `make install`); without the file no map is drawn.
BRIEFWIKI_BOUNDARIES = env_str("BRIEFWIKI_BOUNDARIES", str(BASE_DIR / "node_modules/world-atlas/countries-50m.json"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"expected_refusals": {"()": "core.log_filters.ExpectedRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["expected_refusals"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # axes logs every sign-in at INFO; lockouts (WARNING) still show.
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}

# --- ingestion --------------------------------------------------------------------------------
BRIEFWIKI_MAX_ARTICLE_CHARS = env_int("BRIEFWIKI_MAX_ARTICLE_CHARS", 500_000)
# Hosts that may be fetched although they resolve to private or loopback addresses.
BRIEFWIKI_FETCH_ALLOWED_HOSTS = env_list("BRIEFWIKI_FETCH_ALLOWED_HOSTS", [])
BRIEFWIKI_FETCH_CONNECT_TIMEOUT = env_int("BRIEFWIKI_FETCH_CONNECT_TIMEOUT", 5)
BRIEFWIKI_FETCH_READ_TIMEOUT = env_int("BRIEFWIKI_FETCH_READ_TIMEOUT", 15)
BRIEFWIKI_FETCH_MAX_BYTES = env_int("BRIEFWIKI_FETCH_MAX_BYTES", 5 * 1024 * 1024)
# Seconds one fetch may take in all (every redirect hop), however slowly the server sends.
BRIEFWIKI_FETCH_DEADLINE = env_int("BRIEFWIKI_FETCH_DEADLINE", 30)
# Queued articles a worker takes together through spaCy (nlp.pipe) when a backlog waits; 1 = one by one.
BRIEFWIKI_PIPELINE_BATCH = env_int("BRIEFWIKI_PIPELINE_BATCH", 8)
# Steps run with the claims each article of a batch recorded (a list of lists of claims), in
# the pipeline's transaction. Named here, not imported by the pipeline, because they live in
# apps above claims, which claims must not import.
BRIEFWIKI_CLAIMS_RECORDED = ["briefings.drafts.propose_for_claim_groups"]
# Steps run with the claims an editor corrected (a list of claims), in the correction's
# transaction: today the pending suggestions' sentences are written again from the claim.
BRIEFWIKI_CLAIMS_CORRECTED = ["briefings.drafts.suggestions_reword"]
# Claims and suggestions the extractor was less sure of than this say so ("unsure: check the speaker").
BRIEFWIKI_CLAIM_CONFIDENCE_THRESHOLD = float(env_str("BRIEFWIKI_CLAIM_CONFIDENCE_THRESHOLD", "0.6"))
# At most this many suggestions per article and briefing, the most relevant first: one long
# article must not flood a briefing's review (the rest stay on the article's page).
BRIEFWIKI_SUGGESTIONS_PER_ARTICLE = env_int("BRIEFWIKI_SUGGESTIONS_PER_ARTICLE", 10)
# How long an editor can undo an accept or reject (seconds).
BRIEFWIKI_REVIEW_UNDO_SECONDS = env_int("BRIEFWIKI_REVIEW_UNDO_SECONDS", 900)
CELERY_IMPORTS = ["core.tasks", "sources.tasks", "claims.tasks", "briefings.tasks", "digests.tasks"]
CELERY_BEAT_SCHEDULE["poll-due-feeds"] = {"task": "sources.poll_due_feeds", "schedule": 60.0}
CELERY_BEAT_SCHEDULE["requeue-stale-articles"] = {"task": "claims.requeue_stale_articles", "schedule": 300.0}
# Hourly: the task works out which daily and weekly digests are due and claims each one once.
CELERY_BEAT_SCHEDULE["send-due-digests"] = {"task": "digests.send_due_digests", "schedule": 3600.0}
# Page registrations (core.versioning.page_register) unused for an hour: commits stop bumping them.
CELERY_BEAT_SCHEDULE["expire-page-registrations"] = {"task": "core.expire_page_registrations", "schedule": 600.0}
