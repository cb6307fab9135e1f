"""Suggestions the machine makes: only where relevant, at most the cap per article and
briefing, the most relevant kept, each with its relevance."""
import pytest

from actors.models import Actor
from briefings.drafts import propose_for_claim_groups
from briefings.models import Suggestion
from briefings.services import briefing_create
from claims.models import Claim
from tests.factories import ActorFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kirkuk():
    return RegionFactory(name="Kirkuk", kind="city")


def claims_about(region, n, *, speaker=None):
    made = [Claim.objects.create(text=f"The road reopened ({i}).", speaker=speaker) for i in range(n)]
    for claim in made:
        claim.regions.add(region)
    return made


def test_one_long_article_gives_at_most_the_cap_per_briefing_most_relevant_first(kirkuk, settings):
    settings.BRIEFWIKI_SUGGESTIONS_PER_ARTICLE = 3
    barzani = ActorFactory(name="Masoud Barzani", kind=Actor.Kind.PERSON)
    briefing = briefing_create(title="Kirkuk control", regions=[kirkuk], actors=[barzani])
    plain = claims_about(kirkuk, 20)  # relevance 2: the city
    said_by_barzani = claims_about(kirkuk, 2, speaker=barzani)  # relevance 4: the city and its subject
    made = propose_for_claim_groups([plain + said_by_barzani])
    assert len(made) == 3 and Suggestion.objects.filter(briefing=briefing).count() == 3
    assert {s.claim for s in made} >= set(said_by_barzani)
    assert sorted(s.relevance for s in made) == [2, 4, 4]
    # Each article has its own cap.
    assert len(propose_for_claim_groups([claims_about(kirkuk, 5), claims_about(kirkuk, 5)])) == 6


def test_claims_below_the_relevance_threshold_are_not_suggested(kirkuk):
    briefing_create(title="Kirkuk control", regions=[kirkuk])
    elsewhere = RegionFactory(name="Basra")
    assert propose_for_claim_groups([claims_about(elsewhere, 3)]) == []


def _fact(claim, **fields):
    from claims.models import Fact
    from tests.factories import ArticleFactory

    Fact.objects.create(claim=claim, article=ArticleFactory(), start=0, end=5, quote="holds", **fields)


def test_a_claim_answering_the_control_question_weighs_more_and_survives_the_cap(kirkuk, settings):
    from briefings.models import Briefing

    settings.BRIEFWIKI_SUGGESTIONS_PER_ARTICLE = 2
    district = RegionFactory(name="Daquq", kind="area", parent=kirkuk)
    briefing = briefing_create(title="Kirkuk control", regions=[kirkuk])
    Briefing.objects.filter(pk=briefing.pk).update(question="control", question_region=kirkuk)
    plain = claims_about(kirkuk, 5)
    (holds,) = claims_about(district, 1)
    _fact(holds, kind="controls", source=ActorFactory(name="Peshmerga", kind=Actor.Kind.ARMED_GROUP),
          target_region=district)
    made = {s.claim_id: s.relevance for s in propose_for_claim_groups([plain + [holds]])}
    assert made[holds.pk] == 2 + 3 and len(made) == 2  # the district counts for Kirkuk, and it answers


def test_a_claim_answering_the_stance_question_weighs_more(kirkuk):
    from briefings.models import Briefing

    target = ActorFactory(name="Walter Prime", kind=Actor.Kind.PERSON)
    briefing = briefing_create(title="Lakeland's stance on Prime", actors=[target], regions=[kirkuk])
    Briefing.objects.filter(pk=briefing.pk).update(question="stance", question_target=target)
    backs, names = claims_about(kirkuk, 2, speaker=ActorFactory(name="Hana Okafor"))
    for claim in (backs, names):
        claim.actors.add(target)
    _fact(backs, kind="supports", source=backs.speaker, target_actor=target)
    made = {s.claim_id: s.relevance for s in propose_for_claim_groups([[backs, names]])}
    assert made == {backs.pk: 2 + 2 + 3, names.pk: 2 + 2}


def test_a_fact_an_editor_hid_answers_nothing(kirkuk):
    from briefings.models import Briefing

    briefing = briefing_create(title="Kirkuk control", regions=[kirkuk])
    Briefing.objects.filter(pk=briefing.pk).update(question="control", question_region=kirkuk)
    misread, shown = claims_about(kirkuk, 2)
    peshmerga = ActorFactory(name="Peshmerga", kind=Actor.Kind.ARMED_GROUP)
    _fact(misread, kind="controls", source=peshmerga, target_region=kirkuk, editor_state="hidden",
          edit_reason="The extractor misread the words.")
    _fact(shown, kind="controls", source=peshmerga, target_region=kirkuk)
    made = {s.claim_id: s.relevance for s in propose_for_claim_groups([[misread, shown]])}
    assert made == {misread.pk: 2, shown.pk: 2 + 3}
