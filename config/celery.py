"""The Celery application; tasks live in each app's tasks.py."""
import os

from celery import Celery, signals
from django.db import close_old_connections, connection

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("briefwiki")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Celery's Django fixup closes the database connection before and after every task (unless
# CELERY_DB_REUSE_MAX is set, and then every that many tasks), so each task would pay for a new
# PostgreSQL connection, a new server process with cold caches, which costs more than a task that
# only finds its article done by a batch. Connections are kept the way Django keeps them between
# requests: close_old_connections() around each task honours CONN_MAX_AGE and CONN_HEALTH_CHECKS
# and drops a connection that broke.
app.conf.CELERY_DB_REUSE_MAX = 1000


@signals.task_prerun.connect
@signals.task_postrun.connect
def close_old_db_connections(task=None, **kwargs) -> None:
    if not getattr(task.request, "is_eager", False):
        close_old_connections()


@app.task(name="briefwiki.ping")
def ping() -> dict:
    """Prove a worker runs and reaches the database: used by the smoke test and health probes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"pong": True, "database": connection.vendor}
