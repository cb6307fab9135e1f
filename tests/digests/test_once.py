"""Exactly once: concurrent passes, and a pass killed mid-run then rerun, send each user one digest.

These run against the real PostgreSQL with committed data (transactional tests), so other
threads and a ``manage.py send_digests`` subprocess see the same rows.
"""
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from briefings.models import Subscription
from digests.models import DigestDelivery
from digests.send import digests_send_due
from tests.digests import smtp_sink
from tests.digests.test_build import kirkuk, tomorrow  # noqa: F401  (kirkuk is a fixture)
from tests.factories import UserFactory

BASE_DIR = Path(settings.BASE_DIR)

pytestmark = pytest.mark.usefixtures("roles_restored_after_flush")


@pytest.fixture
def readers(roles, kirkuk):  # noqa: F811
    users = [UserFactory(username=f"reader{n}") for n in range(12)]
    Subscription.objects.bulk_create(Subscription(user=user, briefing=kirkuk) for user in users)
    return users


def smtp_settings(controller):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=controller.hostname,
        EMAIL_PORT=controller.port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
    )


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_passes_send_each_user_one_digest(readers):
    sink = smtp_sink.Sink(mail_delay=0.01)
    controller = smtp_sink.start(sink)
    now, errors = tomorrow(), []

    def run() -> None:
        try:
            digests_send_due(frequency="daily", now=now, batch_size=3)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    try:
        with smtp_settings(controller):
            threads = [threading.Thread(target=run) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
    finally:
        controller.stop()
    assert errors == []
    emails = sorted(u.email for u in readers)
    assert sorted(sink.recipients) == emails and set(sink.recipients.values()) == {1}
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {"sent"}


def send_digests_process(controller, *args: str) -> subprocess.Popen:
    """``manage.py send_digests`` in its own process, on the test database and the test SMTP server."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": f"postgres://{connection.settings_dict['USER']}@{connection.settings_dict['HOST']}:"
        f"{connection.settings_dict['PORT'] or 5432}/{connection.settings_dict['NAME']}",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": controller.hostname,
        "EMAIL_PORT": str(controller.port),
        "SECRET_KEY": settings.SECRET_KEY,
        "LOG_LEVEL": "ERROR",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_digests", "--frequency", "daily", "--now", tomorrow().isoformat(), *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_a_pass_killed_mid_run_then_rerun_sends_each_user_one_digest(readers):
    sink = smtp_sink.Sink(mail_delay=0.3)
    controller = smtp_sink.start(sink)
    try:
        first = send_digests_process(controller)
        # The fourth transaction has started: three digests were accepted (and recorded as sent),
        # the fourth is waiting on the server; kill the runner there.
        assert sink.wait_for(lambda s: s.mail_started >= 4, timeout=60), first.communicate(timeout=5)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        assert sum(sink.recipients.values()) == 3
        statuses = list(DigestDelivery.objects.values_list("status", flat=True))
        assert statuses.count("sent") == 3 and statuses.count("claimed") == len(readers) - 3

        # A rerun straight away leaves the dead runner's claims alone: they might still be sending.
        sink.mail_delay = 0.0
        polite = send_digests_process(controller)
        out, err = polite.communicate(timeout=60)
        assert polite.returncode == 0, err
        assert sum(sink.recipients.values()) == 3

        # Once the claims are stale (here: at once), the rerun takes them over and finishes.
        rerun = send_digests_process(controller, "--reclaim-after", "0")
        out, err = rerun.communicate(timeout=60)
        assert rerun.returncode == 0, err
    finally:
        controller.stop()
    assert sorted(sink.recipients) == sorted(u.email for u in readers)
    assert set(sink.recipients.values()) == {1}
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {"sent"}
