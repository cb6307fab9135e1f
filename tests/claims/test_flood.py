"""The flood: one very long article (about 200,000 characters, every paragraph different) through
the real pipeline on the seeded wiki. It gives at most the cap of suggestions per briefing, links
disputes only between reports of the same event, and the briefing's review page stays fast.

The article is invented here: some 400 events (a kind of toll, a town, a day), each reported by
one to three sources with their own figures, so that the same event legitimately has disputed
figures and many unrelated tolls share a town or a day.
"""
import random
import re
import time

import pytest
from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from briefings.models import Briefing, Suggestion
from briefings.seeding import seed_load
from claims.models import Claim, ClaimRelation
from claims.pipeline.process import article_process
from sources.services import article_submit

pytestmark = pytest.mark.django_db

KINDS = ["killed", "wounded", "detained", "executed", "kidnapped"]
TOLL = {"killed": "deaths", "executed": "deaths", "wounded": "wounded", "detained": "held", "kidnapped": "held"}
TOWNS = ["Kirkuk", "Tikrit", "Baquba", "Mosul", "Samarra", "Fallujah"]
SOURCES = [
    "A police colonel in {town}", "The provincial health director", "A spokesman for the local council",
    "Residents reached by telephone", "An army officer who asked not to be named", "Hospital officials in {town}",
    "A tribal leader from the area", "Human rights monitors",
]
FORMS = [
    "{source} said {n} people were {kind} in {town} on {day} June.",
    "{source} said that {n} civilians had been {kind} in {town} on {day} June.",
    "According to {source_lower}, {n} people were {kind} in {town} on {day} June.",
]
EVENT = re.compile(r"(\d+) (?:people|civilians) (?:were|had been) (\w+) in (\w+) on (\d+) June")


def _article() -> str:
    rng = random.Random(2014)
    paragraphs, n_event = [], 0
    while sum(map(len, paragraphs)) < 200_000:
        n_event += 1
        kind, town, day = rng.choice(KINDS), rng.choice(TOWNS), rng.randint(1, 28)
        sentences = []
        for source in rng.sample(SOURCES, rng.randint(1, 3)):
            source = source.format(town=town)
            form = rng.choice(FORMS)
            sentences.append(form.format(source=source, source_lower=source[0].lower() + source[1:],
                                         n=rng.randint(2, 400), kind=kind, town=town, day=day))
        sentences.append(f"It was the {n_event}th such report from the area this month, and the roads around "
                         f"{town} stayed closed for {rng.randint(2, 30)} hours afterwards.")
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def _event(claim: Claim) -> tuple[str, str, str] | None:
    match = next((EVENT.search(c.quote) for c in claim.citations.all() if EVENT.search(c.quote)), None)
    return match.group(2, 3, 4) if match else None


@pytest.fixture(scope="module")
def text():
    return _article()


def test_a_long_article_gives_the_cap_and_disputes_only_within_one_event(text, alice, client):
    seed_load()
    assert len(text) >= 200_000
    article, _ = article_submit(text=text, outlet="Wire Rewrites", published_at="2014-06-28",
                                title="A month of reports", enqueue=False)
    assert article_process(article.pk) == "done"
    claims = Claim.objects.filter(citations__article=article).distinct()
    assert claims.count() > 1000  # the flood is real: every report is a claim

    cap = settings.BRIEFWIKI_SUGGESTIONS_PER_ARTICLE
    for briefing in Briefing.objects.all():
        assert Suggestion.objects.filter(briefing=briefing, claim__citations__article=article).count() <= cap

    disputes = list(ClaimRelation.objects.filter(kind=ClaimRelation.Kind.DISPUTES)
                    .filter(Q(from_claim__in=claims) | Q(to_claim__in=claims))
                    .prefetch_related("from_claim__citations", "to_claim__citations"))
    assert disputes, "reports of one event with different figures dispute each other"
    for relation in disputes:
        ours, theirs = _event(relation.from_claim), _event(relation.to_claim)
        # One event: the same kind of toll (an execution is a killing: the seed article's dispute
        # sets men executed against soldiers exterminated) in the same town, a night apart at most.
        assert ours and theirs and TOLL[ours[0]] == TOLL[theirs[0]] and ours[1] == theirs[1] \
            and abs(int(ours[2]) - int(theirs[2])) <= 1, (relation.from_claim.text, relation.to_claim.text)

    client.force_login(alice)
    url = reverse("briefings:review", args=["kirkuk-control"])
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200
    assert elapsed < 0.3, f"the review page took {elapsed * 1000:.0f} ms after the flood"
