"""Project-level views: the health endpoint."""
import logging

from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .celery import app as celery_app

logger = logging.getLogger(__name__)
BROKER_TIMEOUT = 2.0


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not reachable" to a probe
        logger.warning("healthz: database unreachable: %s", exc)
        return f"error: {exc.__class__.__name__}"
    return "ok"


def broker_status() -> str:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
    except Exception as exc:
        logger.warning("healthz: broker unreachable: %s", exc)
        return f"error: {exc.__class__.__name__}"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    """Report database and broker reachability: 200 when both answer, 503 otherwise."""
    checks = {"database": database_status(), "broker": broker_status()}
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def favicon(request):
    """Clients that ask for /favicon.ico without reading the page's <link rel="icon">."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
