"""Watches and digest frequency: what a user follows and how often they hear about it.

A user's digest frequency is the one on their subscriptions; the UI offers one choice per
user and ``digest_frequency_set`` writes it to all of them, so they never disagree.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from actors.models import Actor, Region

from ..models import Briefing, Frequency, Subscription


def user_digest_frequency(user) -> str:
    """The frequency on the user's subscriptions (daily when they have none yet)."""
    current = Subscription.objects.filter(user=user).order_by("created_at").values_list("frequency", flat=True).first()
    return current or Frequency.DAILY


def _check_frequency(frequency: str) -> None:
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": f"Choose one of {', '.join(Frequency.values)}."})


def subscription_watch(
    *,
    user,
    briefing: Briefing | None = None,
    actor: Actor | None = None,
    region: Region | None = None,
    frequency: str | None = None,
) -> tuple[Subscription, bool]:
    """Watch exactly one briefing, actor or region; watching it again returns the existing watch.

    Without ``frequency`` a new watch takes the user's current frequency; with one, the
    frequency applies to all the user's watches (it is a per-user choice).
    """
    if not user.is_authenticated or not user.has_perm("briefings.add_subscription"):
        raise PermissionDenied("You may not watch anything.")
    targets = {"briefing": briefing, "actor": actor, "region": region}
    chosen = {k: v for k, v in targets.items() if v is not None}
    if len(chosen) != 1:
        raise ValidationError("Watch exactly one of a briefing, an actor or a region.")
    if frequency is not None:
        _check_frequency(frequency)
    if briefing is not None and not Briefing.objects.visible_to(user).filter(pk=briefing.pk).exists():
        raise PermissionDenied("You cannot see that briefing.")
    with transaction.atomic():
        subscription, created = Subscription.objects.get_or_create(
            user=user, **chosen, defaults={"frequency": frequency or user_digest_frequency(user)}
        )
        if frequency is not None:
            digest_frequency_set(user=user, frequency=frequency)
            subscription.frequency = frequency
    return subscription, created


def subscription_unwatch(*, user, subscription: Subscription) -> None:
    """Stop watching: only the watch's owner may remove it."""
    if subscription.user_id != user.pk:
        raise PermissionDenied("That watch is not yours.")
    Subscription.objects.filter(pk=subscription.pk, user=user).delete()


def digest_frequency_set(*, user, frequency: str) -> int:
    """Set how often the user gets digests (daily, weekly, off) on all their watches; returns
    how many watches were changed. Used by the settings page and by the unsubscribe link."""
    _check_frequency(frequency)
    return Subscription.objects.filter(user=user).exclude(frequency=frequency).update(frequency=frequency)
