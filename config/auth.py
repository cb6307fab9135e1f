"""Authentication backend: Django's ModelBackend with each user's permission sets cached across
requests, so a signed-in page view does not pay two permission queries every time.

The cache is keyed by the wiki's content version (``briefings.versioning``), which database
triggers also bump when a user's groups or permissions, a group's permissions, or a user's
active and superuser flags change (migration ``briefings/0007``): granting or revoking a role
takes effect on the very next request. Where the version cannot be trusted (SQLite, inside a
transaction) permissions are read from the database as usual.
"""
import threading
from collections import OrderedDict

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

PERMS_SECONDS = 3600


class _ProcessMemo:
    """The last permission sets this process read, by (version, user, kind): a repeat view
    costs no cache round trip. Exact for the same reason as the shared cache (the version)."""

    def __init__(self, size: int = 2048):
        self.size, self.entries, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self.lock:
            self.entries[key] = value
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


memo = _ProcessMemo()


class CachedPermissionsBackend(ModelBackend):
    def _get_permissions(self, user_obj, obj, from_name):
        attribute = f"_{from_name}_perm_cache"
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous or hasattr(user_obj, attribute):
            return super()._get_permissions(user_obj, obj, from_name)
        from briefings.versioning import content_version

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
