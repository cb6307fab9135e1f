import pytest
from django.contrib.auth.models import Group

from core.roles import ROLE_PERMISSIONS, ROLES, can_edit, can_publish, role_grant

pytestmark = pytest.mark.django_db


def test_migration_creates_each_role_with_its_permissions():
    for role in ROLES:
        group = Group.objects.get(name=role)
        assert group.permissions.count() == len(set(ROLE_PERMISSIONS[role]))


@pytest.mark.parametrize(
    "who, edits, publishes",
    [("bob", False, False), ("charlie", False, False), ("alice", True, False), ("rita", True, True), ("ada", True, True)],
)
def test_roles_grant_editing_and_publishing(cast, who, edits, publishes):
    user = cast[who]
    assert (can_edit(user), can_publish(user)) == (edits, publishes)


def test_readers_read_everything_but_change_nothing(bob):
    assert bob.has_perm("claims.view_claim") and bob.has_perm("sources.view_article")
    assert not bob.has_perm("briefings.change_suggestion")
    assert bob.has_perm("briefings.add_subscription")


def test_only_admins_manage_users(cast):
    assert [name for name, user in cast.items() if user.has_perm("auth.change_user")] == ["ada"]


def test_role_grant_refuses_unknown_roles(bob):
    with pytest.raises(ValueError):
        role_grant(bob, "overlord")
