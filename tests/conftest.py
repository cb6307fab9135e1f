"""Shared fixtures: the named cast of users and the real services.

alice the editor, bob the reader, rita the reviewer, ada the admin, charlie the outsider
(signed in, no role).
"""
import os
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings

from core.roles import ADMIN, EDITOR, READER, REVIEWER, role_grant

from .factories import UserFactory

IN_CI = os.environ.get("CI") == "true"


def _reachable(url: str, default_port: int) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql") and not _reachable(f"//{db['HOST']}:{db['PORT'] or 5432}", 5432):
        pytest.exit(
            f"PostgreSQL is not reachable at {db['HOST']}:{db['PORT']}: run `make services` "
            "(or set DATABASE_URL) before the tests.",
            returncode=3,
        )


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The Redis the tests use; missing Redis fails under CI and skips elsewhere."""
    url = settings.REDIS_URL
    if not _reachable(url, 6379):
        message = f"Redis is not reachable at {url}"
        if IN_CI:
            pytest.fail(message + " (CI=true: a missing service is a failure)")
        pytest.skip(message)
    return url


def _roles_present() -> None:
    """Transactional tests flush every table, the role groups of migration 0002 included."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from core.roles import ROLES, roles_sync

    if Group.objects.filter(name__in=ROLES).count() != len(ROLES):
        roles_sync(apps)


@pytest.fixture
def roles(transactional_db) -> None:
    """The role groups, for transactional tests: the flush before them removed the migration's."""
    from django.apps import apps

    from core.roles import roles_sync

    roles_sync(apps)


@pytest.fixture(scope="module")
def roles_restored_after_flush(django_db_setup, django_db_blocker):
    """Transactional tests end by flushing every table, the role groups from the data migration
    included; a module of them uses this to put the groups back for the tests that run later."""
    yield
    from django.apps import apps

    from core.roles import roles_sync

    with django_db_blocker.unblock():
        roles_sync(apps)


def _user(username: str, role: str | None):
    user = UserFactory(username=username)
    if role:
        _roles_present()
        role_grant(user, role)
    return user


@pytest.fixture
def alice(db):
    return _user("alice", EDITOR)


@pytest.fixture
def bob(db):
    return _user("bob", READER)


@pytest.fixture
def rita(db):
    return _user("rita", REVIEWER)


@pytest.fixture
def ada(db):
    return _user("ada", ADMIN)


@pytest.fixture
def charlie(db):
    return _user("charlie", None)


@pytest.fixture
def cast(alice, bob, rita, ada, charlie):
    return {"alice": alice, "bob": bob, "rita": rita, "ada": ada, "charlie": charlie}
