"""Authentication backend: Django's ModelBackend with each user's row and permission sets kept
across requests, so a signed-in page view pays neither the user query nor two permission queries
every time.

The cache is keyed by the wiki's content version (``core.versioning``), which database
triggers also bump when a user's groups or permissions, a group's permissions, or a user's
active and superuser flags change (migration ``briefings/0007``): granting or revoking a role
takes effect on the very next request. Migration ``briefings/0008`` makes it move with any change
to a user's own row too (all but ``last_login``), so the kept user, and the session check
against its password hash, are as exact. Where the version cannot be trusted (SQLite, inside a
transaction) permissions are read from the database as usual.
"""
import copy

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from .versioning import ProcessMemo, content_version

PERMS_SECONDS = 3600
# The last permission sets and users this process read: a repeat view costs no round trip.
memo = ProcessMemo(size=2048)
users = ProcessMemo(size=2048)


class CachedPermissionsBackend(ModelBackend):
    def get_user(self, user_id):
        version = content_version()
        if version is None:
            return super().get_user(user_id)
        key = (version, user_id)
        user = users.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            users.put(key, user)
        return copy.copy(user)  # each request its own instance: views may set attributes on it

    def _get_permissions(self, user_obj, obj, from_name):
        attribute = f"_{from_name}_perm_cache"
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous or hasattr(user_obj, attribute):
            return super()._get_permissions(user_obj, obj, from_name)
        version = content_version()
        if version is None:
            return super()._get_permissions(user_obj, obj, from_name)
        key = f"perms:{version}:{user_obj.pk}:{from_name}"
        perms = memo.get(key)
        if perms is None:
            perms = cache.get(key)
            if perms is None:
                perms = super()._get_permissions(user_obj, obj, from_name)
                cache.set(key, perms, PERMS_SECONDS)
            memo.put(key, perms)
        setattr(user_obj, attribute, perms)
        return perms
