"""The token in a digest's unsubscribe link: a random key per user (``UnsubscribeKey``), which
names the user to this site only and needs no login. It shows neither the user's id nor a date,
as the signed ``{"u": id}`` with its timestamp did; links in digests sent before still work
until they expire."""
import secrets
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core import signing

from .models import UnsubscribeKey

SALT = "briefwiki.digests.unsubscribe"
# The signed tokens of digests sent before the keys: old digests stay in mailboxes.
MAX_AGE_SECONDS = 2 * 365 * 24 * 3600


def unsubscribe_tokens(users: Iterable) -> dict[int, str]:
    """Each user's token by user id: one query, and one insert for those without one yet."""
    ids = {user.pk for user in users}
    keys = dict(UnsubscribeKey.objects.filter(user_id__in=ids).values_list("user_id", "key"))
    missing = ids - keys.keys()
    if missing:
        UnsubscribeKey.objects.bulk_create(
            [UnsubscribeKey(user_id=uid, key=secrets.token_urlsafe(32)) for uid in missing], ignore_conflicts=True
        )
        keys.update(UnsubscribeKey.objects.filter(user_id__in=missing).values_list("user_id", "key"))
    return keys


def unsubscribe_token(user) -> str:
    """``user``'s token."""
    return unsubscribe_tokens([user])[user.pk]


def unsubscribe_user(token: str):
    """The user a token names, or None when it is forged, expired or the user is gone."""
    found = UnsubscribeKey.objects.filter(key=token).select_related("user").first()
    if found is not None:
        return found.user
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return get_user_model().objects.filter(pk=data["u"]).first()
