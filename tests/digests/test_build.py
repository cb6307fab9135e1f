"""What a digest says: one test per content rule (digests.build)."""
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from briefings.markup import cite_marker
from briefings.models import Publication, Subscription
from briefings.services import briefing_publish, briefing_revise, subscription_watch
from claims.services import claim_set_status
from digests.build import DigestBuilder, period_due, watches_for, windows_for, word_change
from digests.models import DigestDelivery
from digests.send import digests_send_due
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    BriefingFactory,
    CitationFactory,
    ClaimFactory,
    OutletFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def publish(briefing, reviewer, when=None):
    """Publish the draft; ``when`` moves the publication back in time (before the period)."""
    briefing_publish(briefing=briefing, reviewer=reviewer)
    if when is not None:
        Publication.objects.filter(pk=briefing.publications.latest("id").pk).update(published_at=when)


def edit(briefing, editor, body, note=""):
    briefing.refresh_from_db()
    return briefing_revise(briefing=briefing, editor=editor, body=body, base_revision=briefing.draft_revision, note=note)


def tomorrow():
    """A pass run tomorrow sends today's daily period, which holds everything done in the test."""
    return timezone.now() + DAY


def digest_for(user, frequency="daily"):
    period = period_due(frequency, tomorrow())
    built = DigestBuilder(period).build([user], windows_for([user.pk], period), watches_for([user.pk], frequency))
    return built[0]


@pytest.fixture
def kirkuk(alice, rita):
    """'Kirkuk control', published two days ago, then edited and republished today with a new claim."""
    briefing = BriefingFactory(title="Kirkuk control", body="Kurdish forces hold the city.", author=alice)
    publish(briefing, rita, when=timezone.now() - 2 * DAY)
    claim = ClaimFactory(text="Peshmerga took Kirkuk.", speaker=ActorFactory(name="Hemin Hawrami"))
    CitationFactory(claim=claim, article=ArticleFactory(outlet=OutletFactory(name="Rudaw")), quote="Officials in Kirkuk")
    edit(briefing, alice, f"Kurdish forces hold the city and the oil fields. {cite_marker(claim.pk)}", note="Oil fields")
    publish(briefing, rita)
    briefing.claim = claim
    return briefing


def test_digest_lists_title_link_notes_change_and_new_claims(bob, kirkuk):
    subscription_watch(user=bob, briefing=kirkuk)
    (item,) = digest_for(bob).items
    assert item.title == "Kirkuk control"
    assert item.url == f"{settings.SITE_URL}/b/{kirkuk.slug}/" and item.url.startswith("http")
    assert item.notes == ["Oil fields"]
    assert (item.words_added, item.words_removed) == word_change(
        "Kurdish forces hold the city.", f"Kurdish forces hold the city and the oil fields. {cite_marker(kirkuk.claim.pk)}"
    )
    assert item.words_added > 0
    (claim,) = item.new_claims
    assert (claim.speaker, claim.outlet, claim.quote) == ("Hemin Hawrami", "Rudaw", "Officials in Kirkuk")
    assert claim.sentence == "Hemin Hawrami said Peshmerga took Kirkuk."  # reported speech: no quotation marks


def test_a_claim_marked_not_a_claim_is_not_announced(alice, bob, kirkuk):
    from claims.services import claim_mark_not_claim

    claim_mark_not_claim(claim=kirkuk.claim, editor=alice, reason="A headline.")
    subscription_watch(user=bob, briefing=kirkuk)
    (item,) = digest_for(bob).items
    assert item.new_claims == []


def test_claims_that_became_disputed_corroborated_or_retracted_are_listed(alice, bob, kirkuk):
    subscription_watch(user=bob, briefing=kirkuk)
    claim_set_status(claim=kirkuk.claim, status="disputed", reason="Baghdad denies it", user=alice)
    (item,) = digest_for(bob).items
    (change,) = item.status_changes
    assert (change.new_status, change.reason) == ("disputed", "Baghdad denies it")


def test_briefings_are_ordered_most_changed_first(alice, bob, rita, kirkuk):
    big = BriefingFactory(title="Anbar offensive", body="Short.", author=alice)
    publish(big, rita, when=timezone.now() - 2 * DAY)
    edit(big, alice, "Short. " + "many new words here " * 20, note="Rewrite")
    publish(big, rita)
    subscription_watch(user=bob, briefing=kirkuk)
    subscription_watch(user=bob, briefing=big)
    assert [i.title for i in digest_for(bob).items] == ["Anbar offensive", "Kirkuk control"]


def test_the_readers_own_edits_are_left_out(alice, rita, kirkuk):
    subscription_watch(user=alice, briefing=kirkuk)
    assert digest_for(alice).items == []  # alice wrote the only change
    edit(kirkuk, rita, kirkuk.draft_revision.body + " Baghdad disputes this.", note="Rita's caveat")
    publish(kirkuk, rita)
    (item,) = digest_for(alice).items
    assert item.notes == ["Rita's caveat"]


def test_nothing_changed_means_no_email(bob, rita, mailoutbox):
    quiet = BriefingFactory(title="Quiet page")
    publish(quiet, rita, when=timezone.now() - 2 * DAY)
    subscription_watch(user=bob, briefing=quiet)
    result = digests_send_due(frequency="daily", now=tomorrow())
    assert (result.sent, result.empty) == (0, 1) and mailoutbox == []
    assert DigestDelivery.objects.get(user=bob).status == "empty"


def test_republishing_the_same_text_is_not_a_change(bob, rita):
    page = BriefingFactory(title="Same text")
    publish(page, rita, when=timezone.now() - 2 * DAY)
    publish(page, rita)
    subscription_watch(user=bob, briefing=page)
    assert digest_for(bob).items == []


def test_drafts_not_yet_published_are_not_in_the_digest(alice, bob, rita, kirkuk):
    subscription_watch(user=bob, briefing=kirkuk)
    edit(kirkuk, alice, "Unpublished rewrite.", note="Draft only")
    (item,) = digest_for(bob).items
    assert "Draft only" not in item.notes


def test_changes_before_the_period_are_not_repeated(bob, rita, kirkuk):
    subscription_watch(user=bob, briefing=kirkuk)
    Publication.objects.filter(briefing=kirkuk).update(published_at=timezone.now() - 3 * DAY)
    assert digest_for(bob).items == []


def test_watching_an_actor_or_region_covers_its_briefings(alice, rita):
    actor, region = ActorFactory(), RegionFactory()
    page = BriefingFactory(title="About them", body="Old.", actors=[actor], regions=[region], author=alice)
    publish(page, rita, when=timezone.now() - 2 * DAY)
    edit(page, alice, "Old. New facts.", note="Facts")
    publish(page, rita)
    by_actor, by_region, other = UserFactory(), UserFactory(), UserFactory()
    Subscription.objects.create(user=by_actor, actor=actor)
    Subscription.objects.create(user=by_region, region=region)
    Subscription.objects.create(user=other, actor=ActorFactory())
    assert [i.title for i in digest_for(by_actor).items] == ["About them"]
    assert [i.title for i in digest_for(by_region).items] == ["About them"]
    assert digest_for(other).items == []


def test_weekly_subscribers_get_the_week(bob, kirkuk):
    subscription_watch(user=bob, briefing=kirkuk, frequency="weekly")
    result = digests_send_due(frequency="weekly", now=timezone.now() + timedelta(days=7))
    assert result.sent == 1
    assert digests_send_due(frequency="daily", now=tomorrow()).claimed == 0


def test_inactive_users_and_users_without_email_get_nothing(bob, kirkuk, mailoutbox):
    silent, gone = UserFactory(email=""), UserFactory(is_active=False)
    for user in (silent, gone, bob):
        Subscription.objects.create(user=user, briefing=kirkuk)
    result = digests_send_due(frequency="daily", now=tomorrow())
    assert result.sent == 1 and [m.to for m in mailoutbox] == [[bob.email]]
    assert not DigestDelivery.objects.filter(user__in=[silent, gone]).exists()


def test_unsubscribed_users_get_nothing(bob, kirkuk, mailoutbox):
    subscription_watch(user=bob, briefing=kirkuk, frequency="off")
    assert digests_send_due(frequency="daily", now=tomorrow()).claimed == 0 and mailoutbox == []


def test_a_missed_day_is_caught_up_by_the_next_digest(bob, rita, kirkuk):
    subscription_watch(user=bob, briefing=kirkuk)
    period = period_due("daily", tomorrow())
    DigestDelivery.objects.create(
        user=bob, period="daily:old", period_start=period.start - 5 * DAY, period_end=period.start - 3 * DAY,
        status="sent", sent_at=timezone.now(),
    )
    # kirkuk was first published two days ago, inside the gap since bob's last digest
    Publication.objects.filter(briefing=kirkuk).update(published_at=period.start - DAY)
    (item,) = digest_for(bob).items
    assert item.notes  # everything since the last digest, with nothing published before it


def test_building_a_batch_takes_the_same_queries_for_5_or_50_users(alice, rita, kirkuk):
    def queries_for(count):
        users = [UserFactory() for _ in range(count)]
        for user in users:
            Subscription.objects.create(user=user, briefing=kirkuk)
            Subscription.objects.create(user=user, actor=ActorFactory())
        period = period_due("daily", tomorrow())
        ids = [u.pk for u in users]
        with CaptureQueriesContext(connection) as captured:
            digests = DigestBuilder(period).build(users, windows_for(ids, period), watches_for(ids, "daily"))
        assert all(d.items for d in digests)
        return len(captured)

    assert queries_for(5) == queries_for(50)


def test_word_change_counts_words_and_stays_fast_on_repeated_words():
    assert word_change("Kirkuk is held by the army.", "Kirkuk is held by the Peshmerga now.") == (2, 1)
    # Issue 19: difflib without autojunk took 13.7 s on 1,000 repeated words, inside the hourly task.
    start = time.perf_counter()
    added, removed = word_change("a\n" * 1200, "b\n" + "a\nc\n" * 600)
    seconds = time.perf_counter() - start
    print(f"word_change: {seconds * 1000:.1f} ms")
    assert (added, removed) == (601, 600) and seconds < 1.0


def test_notes_of_drafts_never_published_are_left_out(alice, bob, rita, kirkuk):
    """Readers never saw the intermediate draft: its note stays with the editors."""
    subscription_watch(user=bob, briefing=kirkuk)
    edit(kirkuk, alice, "Secret draft about the plan.", note="Draft: the plan, not for readers")
    edit(kirkuk, alice, "Kurdish forces hold the city, the oil fields and the airport.", note="Airport")
    publish(kirkuk, rita)
    (item,) = digest_for(bob).items
    assert "Draft: the plan, not for readers" not in item.notes
    assert item.notes == ["Oil fields", "Airport"]


def test_a_source_of_the_answer_that_becomes_disputed_is_announced_though_the_text_did_not_change(alice, bob,
                                                                                                     rita):
    import datetime as dt

    from actors.services import actor_ensure, region_ensure
    from briefings.services import briefing_question_set
    from claims.models import Fact

    country, _ = region_ensure(slug="northland", name="Northland", kind="country")
    port, _ = region_ensure(slug="port-vale", name="Port Vale", kind="city", parent=country)
    district, _ = region_ensure(slug="old-town", name="Old Town", kind="area", parent=port)
    militia, _ = actor_ensure(slug="river-militia", name="River Militia", kind="armed_group")
    briefing = BriefingFactory(title="Port Vale control", body="Who holds the port.", author=alice)
    briefing_question_set(briefing=briefing, editor=alice, question="control", region=port)
    publish(briefing, rita, when=timezone.now() - 2 * DAY)
    elsewhere = BriefingFactory(title="Northland notes", body="Notes.", author=alice)
    publish(elsewhere, rita, when=timezone.now() - 2 * DAY)
    claim = ClaimFactory(text="The militia holds the old town.", speaker=ActorFactory(name="Ana Lind"))
    article = ArticleFactory(text="The militia holds the old town.", outlet=OutletFactory(name="Port Radio"))
    Fact.objects.create(kind="controls", source=militia, target_region=district, article=article, claim=claim,
                        start=0, end=31, quote="The militia holds the old town.", holds_on=dt.date(2026, 6, 11))
    subscription_watch(user=bob, briefing=briefing)
    subscription_watch(user=bob, briefing=elsewhere)
    assert digest_for(bob).items == []
    claim_set_status(claim=claim, status="disputed", reason="The council says it still holds the town", user=alice)
    (item,) = digest_for(bob).items
    (alert,) = item.answer_alerts
    assert item.title == "Port Vale control" and item.words_changed == 0
    assert alert.fact == "River Militia controls Old Town (11 Jun 2026)"
    assert (alert.according_to, alert.new_status) == ("Ana Lind (Port Radio)", "disputed")
    assert alert.reason == "The council says it still holds the town"
    subscription_watch(user=alice, briefing=briefing)
    assert digest_for(alice).items == []  # she disputed it herself
    from digests.build import render_digest

    _, text, html = render_digest(digest_for(bob), "https://wiki.example/unsubscribe/")
    assert ('the source for "River Militia controls Old Town (11 Jun 2026)" (Ana Lind (Port Radio)) is now disputed'
            in text)
    assert "The answer rests on sources now in question" in html
