"""The signed token in a digest's unsubscribe link: it names the user and needs no login."""
from django.contrib.auth import get_user_model
from django.core import signing

SALT = "briefwiki.digests.unsubscribe"
# Old digests stay in mailboxes; their links should keep working for a long time.
MAX_AGE_SECONDS = 2 * 365 * 24 * 3600


def unsubscribe_token(user) -> str:
    """A URL-safe token for ``user``; signed with SECRET_KEY and this module's salt."""
    return signing.dumps({"u": user.pk}, salt=SALT, compress=False)


def unsubscribe_user(token: str):
    """The active user a token names, or None when it is forged, expired or the user is gone."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return get_user_model().objects.filter(pk=data["u"]).first()
