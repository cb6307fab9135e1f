"""Watching briefings, actors and regions, and the per-user digest frequency."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from briefings.models import Subscription
from briefings.services import (
    briefing_publish,
    digest_frequency_set,
    subscription_unwatch,
    subscription_watch,
    user_digest_frequency,
)
from tests.factories import ActorFactory, BriefingFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(rita):
    briefing = BriefingFactory(title="Kirkuk control")
    briefing_publish(briefing=briefing, reviewer=rita)
    return briefing


def test_watch_a_briefing_twice_returns_the_same_watch(bob, published):
    first, created = subscription_watch(user=bob, briefing=published)
    again, created_again = subscription_watch(user=bob, briefing=published)
    assert created and not created_again and first.pk == again.pk
    assert first.frequency == "daily"


def test_watch_needs_exactly_one_target(bob, published):
    with pytest.raises(ValidationError):
        subscription_watch(user=bob)
    with pytest.raises(ValidationError):
        subscription_watch(user=bob, briefing=published, actor=ActorFactory())


def test_watch_actor_and_region(bob):
    actor_watch, _ = subscription_watch(user=bob, actor=ActorFactory())
    region_watch, _ = subscription_watch(user=bob, region=RegionFactory())
    assert {actor_watch.target, region_watch.target} == {actor_watch.actor, region_watch.region}


def test_watch_refuses_users_without_the_permission(charlie, published):
    with pytest.raises(PermissionDenied):
        subscription_watch(user=charlie, briefing=published)


def test_readers_cannot_watch_unpublished_briefings(bob):
    with pytest.raises(PermissionDenied):
        subscription_watch(user=bob, briefing=BriefingFactory())


def test_new_watch_takes_the_users_frequency(bob, published):
    subscription_watch(user=bob, actor=ActorFactory(), frequency="weekly")
    watch, _ = subscription_watch(user=bob, briefing=published)
    assert watch.frequency == "weekly" and user_digest_frequency(bob) == "weekly"


def test_frequency_is_one_choice_per_user(bob, published):
    subscription_watch(user=bob, briefing=published)
    subscription_watch(user=bob, region=RegionFactory())
    subscription_watch(user=bob, actor=ActorFactory(), frequency="weekly")
    assert set(Subscription.objects.filter(user=bob).values_list("frequency", flat=True)) == {"weekly"}
    assert digest_frequency_set(user=bob, frequency="off") == 3
    assert user_digest_frequency(bob) == "off"
    with pytest.raises(ValidationError):
        digest_frequency_set(user=bob, frequency="hourly")


def test_unwatch_only_your_own(alice, bob, published):
    watch, _ = subscription_watch(user=bob, briefing=published)
    with pytest.raises(PermissionDenied):
        subscription_unwatch(user=alice, subscription=watch)
    subscription_unwatch(user=bob, subscription=watch)
    assert not Subscription.objects.filter(user=bob).exists()
