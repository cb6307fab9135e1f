"""Page query counts do not grow with the claims, citations, revisions and suggestions shown."""
import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.markup import cite_marker
from briefings.models import Revision, Suggestion
from briefings.services import briefing_create, briefing_publish
from claims.models import Citation, Claim, ClaimRelation
from tests.factories import ActorFactory, ArticleFactory, OutletFactory, RegionFactory

pytestmark = pytest.mark.django_db

QUOTE = "Officials in Kirkuk"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def build_briefing(n: int, rita, alice, title: str):
    """A published briefing citing ``n`` claims (each with two citations) about its subjects,
    a dispute between every other pair, ``n`` revisions and ``n`` pending suggestions."""
    actor, region = ActorFactory(), RegionFactory()
    article = ArticleFactory(outlet=OutletFactory(), text=QUOTE + " said the road reopened.")
    second = ArticleFactory(outlet=None, text=QUOTE + " again.")
    claims = Claim.objects.bulk_create(
        Claim(
            text=f"Claim {i} of {title}.",
            speaker=actor,
            event_date=dt.date(2014, 6, 1) + dt.timedelta(days=i % 28),
            event_date_precision="day",
        )
        for i in range(n)
    )
    Claim.actors.through.objects.bulk_create(Claim.actors.through(claim_id=c.pk, actor_id=actor.pk) for c in claims)
    Claim.regions.through.objects.bulk_create(Claim.regions.through(claim_id=c.pk, region_id=region.pk) for c in claims)
    Citation.objects.bulk_create(
        Citation(claim=c, article=a, start=0, end=len(QUOTE), quote=QUOTE) for c in claims for a in (article, second)
    )
    ClaimRelation.objects.bulk_create(
        ClaimRelation(from_claim=a, to_claim=b, kind="disputes") for a, b in zip(claims[0::2], claims[1::2])
    )
    body = "\n\n".join(f"Paragraph {i} about Kirkuk {cite_marker(c.pk)}." for i, c in enumerate(claims))
    briefing = briefing_create(title=title, body=body + "\n\nSee [[Other page]].", actors=[actor], regions=[region])
    Revision.objects.bulk_create(
        Revision(briefing=briefing, number=i + 2, body=f"Revision {i}", author=alice) for i in range(n)
    )
    last = briefing.revisions.order_by("-number").first()
    briefing_publish(briefing=briefing, reviewer=rita, revision=briefing.draft_revision)
    briefing.draft_revision = last
    briefing.save(update_fields=["draft_revision"])
    Suggestion.objects.bulk_create(Suggestion(briefing=briefing, claim=c, text=f"Sentence {cite_marker(c.pk)}") for c in claims)
    return briefing


def count(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


@pytest.fixture
def small_and_large(rita, alice):
    return build_briefing(5, rita, alice, "Small"), build_briefing(500, rita, alice, "Large")


@pytest.mark.parametrize("who", ["bob", "alice"])
def test_briefing_page_query_count_is_constant(client, cast, small_and_large, who):
    small, large = small_and_large
    client.force_login(cast[who])
    cache.clear()
    client.get(reverse("briefings:list"))  # the session settled in the cache again
    small_miss, small_html = count(client, small.get_absolute_url())
    large_miss, large_html = count(client, large.get_absolute_url())
    assert 'id="fn-500"' in large_html and "Claim 499 of Large." in large_html
    assert 'id="fn-5"' in small_html and 'id="fn-6"' not in small_html
    assert small_miss == large_miss
    # Rendered again (inside a transaction nothing is kept): the same count, the same page.
    small_again, _ = count(client, small.get_absolute_url())
    large_again, html = count(client, large.get_absolute_url())
    assert small_again == large_again <= large_miss
    assert 'id="fn-500"' in html


@pytest.mark.parametrize("page_name", ["history", "review", "diff"])
def test_editor_pages_query_count_is_constant(client, alice, small_and_large, page_name):
    small, large = small_and_large
    client.force_login(alice)
    client.get(reverse("briefings:list"))
    small_n, small_html = count(client, reverse(f"briefings:{page_name}", args=[small.slug]))
    large_n, large_html = count(client, reverse(f"briefings:{page_name}", args=[large.slug]))
    assert small_n == large_n
    if page_name == "review":
        # 50 cards to a page, each with its two citations, whatever the number waiting.
        assert large_html.count('class="suggestion"') == 50 and large_html.count("<q>") == 100
        assert "Suggestions waiting (500)" in large_html and "page 1 of 10" in large_html


@pytest.mark.parametrize("query", ["?sort=confidence&page=3", "?sort=relevance&confidence_below=0.9",
                                   "?outlet=nowhere&newer_than_days=2"])
def test_review_page_query_count_is_constant_with_filters_and_sorts(client, alice, small_and_large, query):
    small, large = small_and_large
    client.force_login(alice)
    client.get(reverse("briefings:list"))
    small_n, _ = count(client, reverse("briefings:review", args=[small.slug]) + query)
    large_n, _ = count(client, reverse("briefings:review", args=[large.slug]) + query)
    assert small_n == large_n


def test_review_queue_query_count_is_constant(client, alice, small_and_large):
    client.force_login(alice)
    client.get(reverse("briefings:list"))
    n, html = count(client, reverse("briefings:review-queue"))
    assert "<td>500</td>" in html and "<td>5</td>" in html
    assert n <= 5
