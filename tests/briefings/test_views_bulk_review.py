"""The review page at scale: pages of 50 cards, restatements on one card, filters, sorts,
deciding many at once and undo."""
import pytest
from django.urls import reverse

from briefings.markup import cite_marker
from briefings.models import ReviewDecision, Suggestion
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    BriefingFactory,
    CitationFactory,
    ClaimFactory,
    OutletFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefing():
    return BriefingFactory(title="Kirkuk control", body="Intro.\n\n## Military\n\nTroops.\n")


def suggest(briefing, *, article=None, confidence=None, text="The road reopened", speaker=None, relevance=0):
    claim = ClaimFactory(text=text, confidence=confidence, **({"speaker": speaker} if speaker else {}))
    CitationFactory(claim=claim, article=article or ArticleFactory())
    return SuggestionFactory(briefing=briefing, claim=claim, relevance=relevance,
                             text=f"{text}. {cite_marker(claim.pk)}")


def review(client, briefing, query=""):
    response = client.get(reverse("briefings:review", args=[briefing.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_restatements_of_one_claim_are_one_card_with_every_citation(client, alice, briefing):
    speaker = ActorFactory(name="Masoud Barzani")
    afp, reuters = ArticleFactory(title="AFP story"), ArticleFactory(title="Reuters story")
    same = [suggest(briefing, article=a, text="Kurdish forces will stay", speaker=speaker) for a in (afp, reuters)]
    suggest(briefing, text="Something else", speaker=speaker)
    client.force_login(alice)
    html = review(client, briefing)
    assert html.count('class="suggestion"') == 2
    assert "Suggestions waiting (3, in 2 cards)" in html
    assert "restated in 2 articles" in html and "AFP story" in html and "Reuters story" in html
    assert f'value="{same[0].pk},{same[1].pk}"' in html


def test_pages_of_fifty_cards(client, alice, briefing):
    for i in range(51):
        suggest(briefing, text=f"Claim {i}")
    client.force_login(alice)
    assert review(client, briefing).count('class="suggestion"') == 50
    assert review(client, briefing, "?page=2").count('class="suggestion"') == 1


def test_filters_by_article_outlet_speaker_and_confidence(client, alice, briefing):
    outlet = OutletFactory(name="Rudaw", slug="rudaw")
    article = ArticleFactory(outlet=outlet, title="Rudaw report")
    speaker = ActorFactory(slug="hrw")
    from_article = suggest(briefing, article=article, text="From Rudaw", confidence=0.9)
    unsure = suggest(briefing, text="Unsure one", confidence=0.3, speaker=speaker)
    client.force_login(alice)
    assert "From Rudaw" in review(client, briefing, f"?article={article.pk}")
    assert "Unsure one" not in review(client, briefing, f"?article={article.pk}")
    assert "Unsure one" not in review(client, briefing, "?outlet=rudaw")
    html = review(client, briefing, "?speaker=hrw")
    assert "Unsure one" in html and "From Rudaw" not in html
    html = review(client, briefing, "?confidence_below=0.5")
    assert f"suggestion-{unsure.pk}" in html and f"suggestion-{from_article.pk}" not in html


def test_sort_by_relevance_and_by_confidence(client, alice, briefing):
    low = suggest(briefing, text="Low relevance", relevance=2, confidence=0.9)
    high = suggest(briefing, text="High relevance", relevance=5, confidence=0.2)
    client.force_login(alice)
    html = review(client, briefing, "?sort=relevance")
    assert html.index(f"suggestion-{high.pk}") < html.index(f"suggestion-{low.pk}")
    html = review(client, briefing)
    assert html.index(f"suggestion-{low.pk}") < html.index(f"suggestion-{high.pk}")  # oldest first
    html = review(client, briefing, "?sort=confidence")
    assert html.index(f"suggestion-{high.pk}") < html.index(f"suggestion-{low.pk}")


def test_reject_everything_from_one_outlet_then_undo(client, alice, briefing):
    outlet = OutletFactory(name="Wire", slug="wire")
    wire = [suggest(briefing, article=ArticleFactory(outlet=outlet), text=f"Wire {i}") for i in range(3)]
    other = suggest(briefing, text="Other outlet")
    client.force_login(alice)
    url = reverse("briefings:review-decide", args=[briefing.slug])
    response = client.post(url, {"action": "reject", "scope": "matching", "reason": "Wire rewrite.",
                                 "query": "outlet=wire"}, follow=True)
    assert response.redirect_chain[-1][0].endswith("?outlet=wire")
    assert "Rejected 3 suggestions" in response.content.decode()
    assert set(Suggestion.objects.filter(state="rejected")) == set(wire)
    decision = ReviewDecision.objects.get()
    assert decision.scope == "all waiting (from Wire)" and decision.reason == "Wire rewrite."
    assert Suggestion.objects.get(pk=other.pk).state == "pending"
    assert "Undo" in review(client, briefing)

    client.post(reverse("briefings:decision-undo", args=[decision.pk]), {"query": ""})
    assert not Suggestion.objects.exclude(state="pending").exists()
    assert "Undo</button>" not in review(client, briefing)


def test_bulk_reject_of_the_ticked_cards_needs_a_reason(client, alice, briefing):
    made = [suggest(briefing, text=f"Claim {i}") for i in range(3)]
    client.force_login(alice)
    url = reverse("briefings:review-decide", args=[briefing.slug])
    response = client.post(url, {"action": "reject", "scope": "selected", "ids": [made[0].pk, made[1].pk]},
                           follow=True)
    assert "Say why" in response.content.decode()
    assert not Suggestion.objects.exclude(state="pending").exists()
    client.post(url, {"action": "reject", "scope": "selected", "ids": [f"{made[0].pk},{made[1].pk}"],
                      "reason": "Duplicates."})
    assert set(Suggestion.objects.filter(state="rejected")) == set(made[:2])


def test_bulk_accept_below_a_confidence_goes_into_the_chosen_section(client, alice, briefing):
    made = [suggest(briefing, text=f"Claim {i}", confidence=0.2) for i in range(2)]
    client.force_login(alice)
    client.post(reverse("briefings:review-decide", args=[briefing.slug]),
                {"action": "accept", "scope": "matching", "query": "confidence_below=0.5", "section": "Military"})
    briefing.refresh_from_db()
    body = briefing.draft_revision.body
    assert body.endswith(f"Troops.\n\nClaim 0. {cite_marker(made[0].claim_id)}\n\nClaim 1. {cite_marker(made[1].claim_id)}\n")
    assert briefing.draft_revision.note.startswith("Accepted 2 suggestions (all waiting (confidence below 0.5))")


def test_readers_cannot_decide_or_undo(client, bob, alice, briefing):
    suggestion = suggest(briefing)
    client.force_login(bob)
    assert client.post(reverse("briefings:review-decide", args=[briefing.slug]),
                       {"action": "reject", "scope": "matching", "reason": "x"}).status_code == 403
    from briefings.services import suggestions_reject

    decision = suggestions_reject(briefing=briefing, suggestions=[suggestion], editor=alice, reason="No.")
    assert client.post(reverse("briefings:decision-undo", args=[decision.pk])).status_code == 403
