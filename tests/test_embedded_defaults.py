"""With nothing configured, Briefwiki runs on SQLite and a filesystem broker under var/.

This smoke test starts a real Celery worker process on those defaults and has it run a task
that reaches the database, the way `make run` does on a machine without PostgreSQL or Redis.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CELERY = Path(sys.executable).with_name("celery")
pytestmark = pytest.mark.slow

SEND_PING = """
from config.celery import ping
result = ping.delay()
print(result.get(timeout=60))
"""


@pytest.fixture
def embedded_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.base", "BRIEFWIKI_VAR_DIR": str(tmp_path)})
    return env


def test_worker_runs_a_task_on_sqlite_and_the_filesystem_broker(embedded_env, tmp_path):
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=embedded_env, check=True, timeout=180)
    assert (tmp_path / "briefwiki.sqlite3").exists()

    worker = subprocess.Popen(
        [str(CELERY), "-A", "config", "worker", "--pool=solo", "--loglevel=INFO"],
        cwd=ROOT, env=embedded_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        started = time.monotonic()
        sent = subprocess.run(
            [*manage, "shell", "-c", SEND_PING], cwd=ROOT, env=embedded_env, capture_output=True, text=True, timeout=120
        )
        assert sent.returncode == 0, sent.stderr
        assert "'pong': True" in sent.stdout and "'database': 'sqlite'" in sent.stdout
        assert time.monotonic() - started < 90
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            log, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            log, _ = worker.communicate()
    assert "briefwiki.ping" in log and "succeeded" in log
    assert "filesystem" in log  # the worker really used the serverless broker


BEAT_TASKS = """
from datetime import timedelta
from django.utils import timezone
from sources.models import Feed
from sources.tasks import poll_due_feeds
from claims.tasks import requeue_stale_articles
from digests.tasks import send_due_digests
Feed.objects.create(url="http://127.0.0.1:9/feed.xml", title="Due", interval_minutes=30,
                    last_polled_at=timezone.now() - timedelta(hours=1))
Feed.objects.create(url="http://127.0.0.1:9/other.xml", title="Fresh", interval_minutes=30,
                    last_polled_at=timezone.now())
print("due feeds", poll_due_feeds())
print("requeued", requeue_stale_articles())
print("digests", send_due_digests())
"""


def test_every_beat_task_runs_on_sqlite(embedded_env, tmp_path):
    """What beat runs every minute or hour uses only SQL that SQLite speaks too (the demo's
    database): run each once, in-process, against a fresh SQLite database."""
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=embedded_env, check=True, timeout=180)
    ran = subprocess.run([*manage, "shell", "-c", BEAT_TASKS], cwd=ROOT, env=embedded_env,
                         capture_output=True, text=True, timeout=180)
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert "due feeds 1" in ran.stdout and "requeued 0" in ran.stdout and "digests" in ran.stdout
