"""Watches in the UI: watch an actor or a region from its page, list every watch on one page,
remove one, choose daily, weekly or off."""
import pytest
from django.urls import reverse

from briefings.models import Subscription
from briefings.services import briefing_create, briefing_publish, subscription_watch
from tests.factories import ActorFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kirkuk():
    return RegionFactory(name="Kirkuk", slug="kirkuk")


@pytest.fixture
def barzani():
    return ActorFactory(name="Masoud Barzani", slug="masoud-barzani")


def test_a_reader_watches_an_actor_and_a_region_from_their_pages(client, bob, barzani, kirkuk):
    client.force_login(bob)
    assert "Watch</button>" in client.get(barzani.get_absolute_url()).content.decode()
    response = client.post(reverse("briefings:entry-watch", args=["actor", barzani.slug]))
    assert response.status_code == 302 and response.url == barzani.get_absolute_url()
    client.post(reverse("briefings:entry-watch", args=["region", kirkuk.slug]))
    client.post(reverse("briefings:entry-watch", args=["region", kirkuk.slug]))  # twice: still one watch
    assert Subscription.objects.filter(user=bob, actor=barzani).count() == 1
    assert Subscription.objects.filter(user=bob, region=kirkuk).count() == 1
    assert "Unwatch</button>" in client.get(barzani.get_absolute_url()).content.decode()


def test_the_watches_page_lists_every_watch_and_removes_one(client, bob, rita, barzani, kirkuk):
    briefing = briefing_create(title="Kirkuk control", body="Contested.")
    briefing_publish(briefing=briefing, reviewer=rita)
    for target in ({"actor": barzani}, {"region": kirkuk}, {"briefing": briefing}):
        subscription_watch(user=bob, **target)
    client.force_login(bob)
    html = client.get(reverse("briefings:watches")).content.decode()
    assert "Masoud Barzani" in html and "Kirkuk</a>" in html and "Kirkuk control" in html
    watch = Subscription.objects.get(user=bob, actor=barzani)
    response = client.post(reverse("briefings:watch-remove", args=[watch.pk]))
    assert response.status_code == 302
    assert not Subscription.objects.filter(pk=watch.pk).exists()
    assert Subscription.objects.filter(user=bob).count() == 2


def test_nobody_removes_someone_elses_watch(client, bob, alice, barzani):
    watch, _ = subscription_watch(user=alice, actor=barzani)
    client.force_login(bob)
    assert client.post(reverse("briefings:watch-remove", args=[watch.pk])).status_code == 404
    assert Subscription.objects.filter(pk=watch.pk).exists()


def test_removing_from_an_actor_page_goes_back_there_but_never_off_site(client, bob, barzani):
    watch, _ = subscription_watch(user=bob, actor=barzani)
    client.force_login(bob)
    url = reverse("briefings:watch-remove", args=[watch.pk])
    assert client.post(url, {"next": barzani.get_absolute_url()}).url == barzani.get_absolute_url()
    watch, _ = subscription_watch(user=bob, actor=barzani)
    url = reverse("briefings:watch-remove", args=[watch.pk])
    assert client.post(url, {"next": "https://evil.example/"}).url == reverse("briefings:watches")


def test_frequency_applies_to_every_watch_and_refuses_nonsense(client, bob, barzani, kirkuk):
    subscription_watch(user=bob, actor=barzani)
    subscription_watch(user=bob, region=kirkuk)
    client.force_login(bob)
    client.post(reverse("briefings:watch-frequency"), {"frequency": "weekly"})
    assert set(Subscription.objects.filter(user=bob).values_list("frequency", flat=True)) == {"weekly"}
    response = client.post(reverse("briefings:watch-frequency"), {"frequency": "hourly"}, follow=True)
    assert "Choose one of" in response.content.decode()
    assert set(Subscription.objects.filter(user=bob).values_list("frequency", flat=True)) == {"weekly"}
    html = client.get(reverse("briefings:watches")).content.decode()
    assert '<option value="weekly" selected>' in html


def test_only_actors_and_regions_and_only_signed_in(client, bob, barzani):
    assert client.post(reverse("briefings:entry-watch", args=["actor", barzani.slug])).status_code == 302
    assert not Subscription.objects.exists()  # sent to the login page
    client.force_login(bob)
    assert client.post(reverse("briefings:entry-watch", args=["outlet", "reuters"])).status_code == 404
    assert client.get(reverse("briefings:entry-watch", args=["actor", barzani.slug])).status_code == 405
