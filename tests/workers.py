"""Real Celery worker processes for integration tests, on the test database and Redis.

The workers run this module's ``app`` (the project's, imported from config): besides starting
them, it holds what only tests do inside a worker, such as pausing mid-write to be killed there.
"""
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from celery import signals
from django.conf import settings
from django.db import connection

from config.celery import app

ROOT = Path(__file__).resolve().parent.parent
CELERY = Path(sys.executable).with_name("celery")
# Seconds a worker started with this variable holds each batch's transaction open mid-write.
PAUSE_MID_WRITE = "BRIEFWIKI_TEST_PAUSE_MID_WRITE"
logger = logging.getLogger(__name__)


@signals.worker_process_init.connect
def _pause_mid_write(**kwargs) -> None:
    """With PAUSE_MID_WRITE set, wrap the pipeline's claims step in this worker process: the
    batch's mentions and candidates are written, its claims not yet, when it pauses."""
    seconds = float(os.environ.get(PAUSE_MID_WRITE) or 0)
    if not seconds:
        return
    # Imported here: it imports models, which only load once the worker has set Django up.
    from claims.pipeline import process

    record_claims_many = process.record_claims_many

    def paused(items):
        logger.warning("pausing %.1f s mid-write", seconds)
        time.sleep(seconds)
        return record_claims_many(items)

    process.record_claims_many = paused


class Worker:
    """A `celery worker` subprocess whose output lines can be awaited."""

    def __init__(self, name: str, env_extra: dict | None = None, concurrency: int = 1):
        db = connection.settings_dict
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        env.update({
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
            "REDIS_URL": settings.REDIS_URL,
            **(env_extra or {}),
        })
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        self.process = subprocess.Popen(
            [str(CELERY), "-A", "tests.workers", "worker", f"--concurrency={concurrency}", "--loglevel=INFO",
             "-n", f"{name}@%h", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,  # its own process group: kill the worker and its pool together
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.log.append(line)
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            if text in line:
                return line
        raise AssertionError(f"worker never printed {text!r}; its log:\n{''.join(self.log[-60:])}")

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children): no cleanup at all."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


def purge_queue() -> None:
    app.control.purge()


def wait_until(predicate, timeout: float, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")
