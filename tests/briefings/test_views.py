"""The briefing page: rendered text, links, footnotes, claims beside it, watch, permissions."""
import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from briefings.markup import cite_marker
from briefings.models import Subscription
from briefings.services import briefing_create, briefing_publish, briefing_revise
from claims.models import Claim
from claims.services import claim_set_status, claims_relate
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    BriefingFactory,
    CitationFactory,
    ClaimFactory,
    OutletFactory,
    RegionFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kirkuk(rita):
    """A published briefing citing a claim, about an actor and a region, with a dispute."""
    peshmerga = ActorFactory(name="Peshmerga", slug="peshmerga")
    kirkuk_city = RegionFactory(name="Kirkuk", slug="kirkuk")
    outlet = OutletFactory(name="Reuters")
    article = ArticleFactory(
        title="Kurds take Kirkuk", outlet=outlet, published_at=timezone.make_aware(dt.datetime(2014, 6, 12, 9))
    )
    claim = ClaimFactory(
        text="Peshmerga forces took control of Kirkuk.",
        speaker=peshmerga,
        event_date=dt.date(2014, 6, 12),
        event_date_precision=Claim.Precision.DAY,
    )
    claim.actors.add(peshmerga)
    CitationFactory(claim=claim, article=article, quote="Officials in Kirkuk")
    rival = ClaimFactory(text="Baghdad still controls Kirkuk.", event_date=dt.date(2014, 6, 1), event_date_precision="month")
    rival.regions.add(kirkuk_city)
    CitationFactory(claim=rival, quote="Officials in Kirkuk")
    claims_relate(a=claim, b=rival, kind="disputes")
    briefing = briefing_create(
        title="Kirkuk control",
        body=f"The peshmerga moved into Kirkuk in June {cite_marker(claim.pk)}.\n\nSee [[Iran's stance on Maliki]] "
        f"and [[No such page]].\n\n`[[Not a link]]` <script>alert(1)</script>",
        actors=[peshmerga],
        regions=[kirkuk_city],
    )
    briefing_publish(briefing=briefing, reviewer=rita)
    other = briefing_create(title="Iran's stance on Maliki", body="Tehran backs him. See [[Kirkuk control]].")
    briefing_publish(briefing=other, reviewer=rita)
    return {"briefing": briefing, "other": other, "claim": claim, "rival": rival, "peshmerga": peshmerga, "region": kirkuk_city}


def page(client, briefing):
    response = client.get(briefing.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_briefing_page_renders_markdown_links_and_footnotes(client, bob, kirkuk):
    client.force_login(bob)
    html = page(client, kirkuk["briefing"])
    # Citation marker: a numbered footnote with outlet, article title, date and the quoted words.
    assert '<sup class="cite" id="ref-1-1"><a href="#fn-1"' in html
    assert 'id="fn-1"' in html
    assert "Reuters" in html and "“Kurds take Kirkuk”" in html and "12 June 2014" in html
    assert "<q>Officials in Kirkuk</q>" in html
    # [[Existing]] links to the page, [[Missing]] to its creation.
    assert f'href="{kirkuk["other"].get_absolute_url()}"' in html
    assert f'href="{reverse("briefings:create")}?title=No+such+page"' in html and "wiki missing" in html
    assert "<code>[[Not a link]]</code>" in html
    # The first mention of a subject links to its catalogue page.
    assert f'class="entity" href="{kirkuk["peshmerga"].get_absolute_url()}"' in html
    assert f'href="{kirkuk["region"].get_absolute_url()}"' in html
    assert "<script>" not in html.split("<main")[1]


def test_briefing_page_shows_claims_disputes_timeline_and_backlinks(client, bob, kirkuk):
    client.force_login(bob)
    html = page(client, kirkuk["briefing"])
    aside = html.split('class="briefing-aside"')[1]
    # Each claim in one attributed sentence (claims.wording), its event date before the stop.
    assert "Peshmerga forces took control of Kirkuk (12 June 2014)." in aside
    assert "Baghdad still controls Kirkuk." in aside
    assert "Disputed" in aside
    disputes = html.split('id="disputes"')[1].split("</section>")[0]
    assert "Peshmerga forces took control" in disputes and "Baghdad still controls" in disputes
    timeline = html.split('id="timeline"')[1].split("</section>")[0]
    assert timeline.index("June 2014") < timeline.index("12 June 2014")  # by event date
    assert "What links here" in aside and "Iran&#x27;s stance on Maliki" in aside


def test_cached_page_follows_claim_changes(client, bob, alice, kirkuk):
    client.force_login(bob)
    assert "Reported" not in page(client, kirkuk["briefing"]).split("Sources")[1].split("</section>")[0]
    claim_set_status(claim=kirkuk["rival"], status=Claim.Status.RETRACTED, reason="Withdrawn", user=alice)
    assert "Retracted" in page(client, kirkuk["briefing"])
    CitationFactory(claim=kirkuk["claim"], article=ArticleFactory(title="Second report"))
    assert "Second report" in page(client, kirkuk["briefing"])
    new = ClaimFactory(text="A brand new claim about the peshmerga.")
    new.actors.add(kirkuk["peshmerga"])
    assert "A brand new claim" in page(client, kirkuk["briefing"])
    kirkuk["peshmerga"].name = "Kurdish peshmerga"
    kirkuk["peshmerga"].save()
    assert "Kurdish peshmerga" in page(client, kirkuk["briefing"])


def test_missing_link_turns_blue_when_the_page_is_created(client, alice, kirkuk):
    client.force_login(alice)
    assert "title=No+such+page" in page(client, kirkuk["briefing"])
    created = briefing_create(title="No such page", author=alice)
    html = page(client, kirkuk["briefing"])
    assert "title=No+such+page" not in html and created.get_absolute_url() in html


def test_new_publication_shows_new_text(client, bob, alice, rita, kirkuk):
    briefing = kirkuk["briefing"]
    client.force_login(bob)
    page(client, briefing)
    briefing.refresh_from_db()
    briefing_revise(briefing=briefing, editor=alice, body="Fresh text.", base_revision=briefing.draft_revision)
    assert "Fresh text." not in page(client, briefing)  # drafts wait for a reviewer
    briefing_publish(briefing=briefing, reviewer=rita)
    assert "Fresh text." in page(client, briefing)


def test_editors_see_an_unpublished_draft_and_readers_do_not(client, alice, bob):
    draft_only = BriefingFactory(title="Draft only", body="Work in progress.")
    client.force_login(alice)
    html = page(client, draft_only)
    assert "Work in progress." in html and "Not yet published" in html
    client.force_login(bob)
    assert client.get(draft_only.get_absolute_url()).status_code == 404


def test_edit_links_are_for_editors_only(client, alice, bob, kirkuk):
    url = kirkuk["briefing"].get_absolute_url()
    client.force_login(alice)
    assert reverse("briefings:edit", args=[kirkuk["briefing"].slug]) in client.get(url).content.decode()
    client.force_login(bob)
    html = client.get(url).content.decode()  # same cached fragment, different visitor
    assert reverse("briefings:edit", args=[kirkuk["briefing"].slug]) not in html
    assert "Watch" in html


def test_editor_sees_how_many_suggestions_wait(client, alice, kirkuk):
    SuggestionFactory(briefing=kirkuk["briefing"])
    SuggestionFactory(briefing=kirkuk["briefing"])
    client.force_login(alice)
    assert "Review suggestions (2)" in page(client, kirkuk["briefing"])


def test_public_visitors_get_the_text_without_claims(client, settings, kirkuk):
    settings.BRIEFWIKI_PUBLIC_BRIEFINGS = True
    html = page(client, kirkuk["briefing"])
    assert "The peshmerga moved into" in html or "moved into" in html
    assert "Officials in Kirkuk" not in html and "Sources are shown to members" in html
    assert "Watch</button>" not in html


def test_watch_and_unwatch(client, bob, kirkuk):
    briefing = kirkuk["briefing"]
    client.force_login(bob)
    response = client.post(reverse("briefings:watch", args=[briefing.slug]))
    assert response.status_code == 302
    assert Subscription.objects.filter(user=bob, briefing=briefing).exists()
    assert "Unwatch" in page(client, briefing)
    client.post(reverse("briefings:unwatch", args=[briefing.slug]))
    assert not Subscription.objects.filter(user=bob, briefing=briefing).exists()
    assert "Unwatch" not in page(client, briefing)


def test_watch_needs_post_and_a_role(client, bob, charlie, kirkuk):
    client.force_login(bob)
    assert client.get(reverse("briefings:watch", args=[kirkuk["briefing"].slug])).status_code == 405
    client.force_login(charlie)
    # charlie is signed in without a role: he may read, but not watch.
    assert client.post(reverse("briefings:watch", args=[kirkuk["briefing"].slug])).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in_for_writes(client, kirkuk):
    response = client.post(reverse("briefings:watch", args=[kirkuk["briefing"].slug]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_revision_page_renders_markdown_for_editors(client, alice, bob, kirkuk):
    briefing = kirkuk["briefing"]
    briefing.refresh_from_db()
    draft = briefing_revise(briefing=briefing, editor=alice, body="**Bold** draft.", base_revision=briefing.draft_revision)
    client.force_login(alice)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "<strong>Bold</strong> draft." in html
    client.force_login(bob)
    assert client.get(draft.get_absolute_url()).status_code == 404  # readers see published revisions only
    assert client.get(briefing.published_revision.get_absolute_url()).status_code == 200


def test_inside_a_transaction_every_view_shows_the_latest_write(client, bob, alice, kirkuk):
    """Tests run inside a transaction, where versions cannot vouch: nothing is kept there."""
    client.force_login(bob)
    page(client, kirkuk["briefing"])
    claim_set_status(claim=kirkuk["rival"], status=Claim.Status.RETRACTED, reason="Withdrawn", user=alice)
    assert "Retracted" in page(client, kirkuk["briefing"])


def test_briefing_page_maps_its_places_and_follows_their_coordinates(client, bob, kirkuk):
    from pathlib import Path

    from django.conf import settings

    if not Path(settings.BRIEFWIKI_BOUNDARIES).exists():
        pytest.skip("node_modules/world-atlas is not installed (make install runs npm ci)")
    from actors.models import Region

    client.force_login(bob)
    assert 'class="locator-map"' not in page(client, kirkuk["briefing"])  # no coordinates yet
    Region.objects.filter(slug="kirkuk").update(latitude=35.47, longitude=44.39)
    html = page(client, kirkuk["briefing"])
    assert 'class="locator-map"' in html and ">Kirkuk</text>" in html and "<title>Iraq</title>" in html
