"""System checks for configuration problems Django's own checks do not cover."""
from django.conf import settings
from django.core.checks import Error, Tags, register

INSECURE_PREFIX = "django-insecure-"
MIN_LENGTH = 50
MIN_UNIQUE = 5


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` is unfit for production, or None when it is fine."""
    if not key:
        return "SECRET_KEY is not set"
    if key.startswith(INSECURE_PREFIX):
        return "SECRET_KEY is the development key"
    if len(key) < MIN_LENGTH or len(set(key)) < MIN_UNIQUE:
        return f"SECRET_KEY is weak (fewer than {MIN_LENGTH} characters or {MIN_UNIQUE} distinct ones)"
    return None


@register(Tags.security)
def check_secret_key(app_configs, **kwargs):
    """briefwiki.E001: without DEBUG (production), a long random SECRET_KEY must be set.

    It runs on every start, not only under ``check --deploy``, so a server with a missing or
    weak key refuses to start instead of signing sessions with a guessable key.
    """
    if settings.DEBUG:
        return []
    try:
        key = settings.SECRET_KEY
    except Exception:  # ImproperlyConfigured when the setting is empty
        key = ""
    problem = secret_key_problem(key)
    if problem is None:
        return []
    return [
        Error(
            problem,
            hint="Set SECRET_KEY in the environment, e.g. from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`.",
            id="briefwiki.E001",
        )
    ]
