"""Permissions cached across requests (config/auth.py) change on the very next request when a
role is granted or revoked, whoever changes it (committed writes: transactional tests)."""
import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.roles import EDITOR, READER, role_grant

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles_restored_after_flush")]


@pytest.fixture
def reader(roles, client):
    user = role_user("dora", READER)
    client.force_login(user)
    return user


def role_user(username, role):
    from tests.factories import UserFactory

    user = UserFactory(username=username)
    role_grant(user, role)
    return user


def queue_status(client) -> int:
    """The review queue: editors only."""
    return client.get(reverse("briefings:review-queue")).status_code


def test_granting_and_revoking_a_role_shows_on_the_next_request(reader, client):
    assert queue_status(client) == 403
    role_grant(reader, EDITOR)
    assert queue_status(client) == 200
    reader.groups.remove(Group.objects.get(name=EDITOR))
    assert queue_status(client) == 403
    Group.objects.get(name=READER).permissions.add(*Group.objects.get(name=EDITOR).permissions.all())
    assert queue_status(client) == 200


def test_unchanged_permissions_are_not_read_again(reader, client):
    queue_status(client)
    with CaptureQueriesContext(connection) as queries:
        assert queue_status(client) == 403
    assert not any("auth_permission" in q["sql"] for q in queries.captured_queries)
