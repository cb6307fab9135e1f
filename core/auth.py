"""Authentication backend: Django's ModelBackend with each user's row and permission sets kept
across requests, so a signed-in page view pays neither the user query nor two permission queries
every time.

Both are keyed by the digest of the scopes ``user:<id>`` and ``roles`` (``core.versioning``),
which database triggers move at the commit of any change to the user's row (all but
``last_login``), groups or own permissions, or to any group's permissions: granting or
revoking a role, or a password changed elsewhere (the session check compares its hash), takes
effect on the very next request. Where versions cannot be trusted (SQLite, inside a
transaction) both are read from the database as usual.
"""
import copy

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from .versioning import ProcessMemo, scoped_version, user_scopes

PERMS_SECONDS = 3600
# The last permission sets and users this process read: a repeat view costs no round trip.
memo = ProcessMemo(size=2048)
users = ProcessMemo(size=2048)


class CachedPermissionsBackend(ModelBackend):
    def get_user(self, user_id):
        version = scoped_version(user_scopes(user_id))
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
        version = scoped_version(user_scopes(user_obj.pk))
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
