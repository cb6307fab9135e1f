"""Where an accepted suggestion goes by default: the section of the question's part it answers."""
import pytest
from django.core.exceptions import ValidationError

from actors.models import Actor, Region
from briefings.models import Briefing
from briefings.placement import END, Placement, default_placements, placement_of
from briefings.services import suggestion_accept, suggestion_propose
from claims.models import Fact
from tests.factories import ActorFactory, AliasFactory, ArticleFactory, BriefingFactory, ClaimFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stance():
    target = ActorFactory(name="Walter Prime")
    briefing = BriefingFactory(title="Lakeland's stance on Prime", body="Opening.")
    Briefing.objects.filter(pk=briefing.pk).update(question="stance", question_target=target)
    briefing.refresh_from_db()
    return briefing, target


@pytest.fixture
def control():
    province = RegionFactory(name="Ostmark", kind=Region.Kind.PROVINCE)
    town = RegionFactory(name="Felsburg", parent=province)
    briefing = BriefingFactory(title="Ostmark control", body="Opening.")
    Briefing.objects.filter(pk=briefing.pk).update(question="control", question_region=province)
    briefing.refresh_from_db()
    return briefing, province, town


def _stance_fact(claim, source, target):
    Fact.objects.create(kind=Fact.Kind.SUPPORTS, source=source, target_actor=target, claim=claim,
                        article=ArticleFactory(), start=0, end=5, quote="backs")


def test_a_stance_claim_goes_to_its_partys_section_found_by_family_name(stance):
    briefing, target = stance
    party = ActorFactory(name="Hana Okafor", kind=Actor.Kind.PERSON)
    claim = ClaimFactory(speaker=party)
    _stance_fact(claim, party, target)
    sections = ["Background", "Okafor", "What to watch"]
    assert default_placements(briefing, [claim], sections)[claim.pk] == Placement("Okafor")


def test_a_stance_claim_with_no_section_for_its_party_offers_a_new_one(stance):
    briefing, target = stance
    party = ActorFactory(name="Hana Okafor")
    claim = ClaimFactory(speaker=ActorFactory(name="A spokesman"), holder=party)
    claim.actors.add(target)
    placement = default_placements(briefing, [claim], ["What to watch"])[claim.pk]
    assert placement == Placement("Hana Okafor", new=True)
    assert placement_of(placement.value) == placement


def test_a_control_claim_goes_to_the_most_specific_place_within_the_question(control):
    briefing, province, town = control
    claim = ClaimFactory()
    claim.regions.add(province, town)
    assert default_placements(briefing, [claim], ["Felsburg district"])[claim.pk] == Placement("Felsburg district")
    assert default_placements(briefing, [claim], [])[claim.pk] == Placement("Who holds Felsburg", new=True)


def test_a_claim_only_about_the_questions_own_place_is_not_about_who_holds_it(control):
    briefing, province, _ = control
    claim = ClaimFactory()
    claim.regions.add(province)
    assert default_placements(briefing, [claim], ["Oil"])[claim.pk] == END
    assert default_placements(briefing, [claim], ["Oil", "Life in Ostmark"])[claim.pk] == Placement("Life in Ostmark")


def test_a_news_outlet_reporting_on_the_target_is_no_party(stance):
    briefing, target = stance
    claim = ClaimFactory(speaker=ActorFactory(name="Daily Courier", kind=Actor.Kind.MEDIA_OUTLET))
    claim.actors.add(target)
    assert default_placements(briefing, [claim], ["What to watch"])[claim.pk] == END


def test_a_control_fact_decides_the_place_and_an_alias_finds_its_heading(control):
    briefing, province, town = control
    AliasFactory(name="Felsberg", actor=None, region=town)
    claim = ClaimFactory()
    claim.regions.add(province)
    Fact.objects.create(kind=Fact.Kind.CONTROLS, source=ActorFactory(), target_region=town, claim=claim,
                        article=ArticleFactory(), start=0, end=5, quote="holds")
    assert default_placements(briefing, [claim], ["Around Felsberg"])[claim.pk] == Placement("Around Felsberg")


def test_a_claim_off_the_question_goes_under_a_heading_naming_a_subject_or_at_the_end(control):
    briefing, _, _ = control
    elsewhere = RegionFactory(name="Nordhafen")
    claim = ClaimFactory(speaker=ActorFactory(name="Harbour Authority", kind=Actor.Kind.ORGANISATION))
    claim.regions.add(elsewhere)
    assert default_placements(briefing, [claim], ["Ports", "Nordhafen"])[claim.pk] == Placement("Nordhafen")
    assert default_placements(briefing, [claim], ["Ports"])[claim.pk] == END


def test_names_match_whole_words_only(stance):
    briefing, target = stance
    party = ActorFactory(name="Iran", kind=Actor.Kind.STATE)
    claim = ClaimFactory(speaker=party)
    _stance_fact(claim, party, target)
    assert default_placements(briefing, [claim], ["Iranian media"])[claim.pk] == Placement("Iran", new=True)


def test_accepting_into_a_new_section_adds_it_once(stance, alice):
    briefing, target = stance
    first = suggestion_propose(briefing=briefing, claim=ClaimFactory(), text="Okafor backs Prime.")[0]
    second = suggestion_propose(briefing=briefing, claim=ClaimFactory(), text="Okafor repeats it.")[0]
    suggestion_accept(suggestion=first, editor=alice, section="Hana Okafor", new_section=True)
    body = suggestion_accept(suggestion=second, editor=alice, section="Hana Okafor", new_section=True).body
    assert body.count("## Hana Okafor") == 1
    assert body.index("## Hana Okafor") < body.index("Okafor backs Prime.") < body.index("Okafor repeats it.")


@pytest.mark.parametrize("heading", ["", "Two\nlines", "Closing hashes ##", "x" * 201])
def test_a_new_section_needs_a_heading_that_reads_back(stance, alice, heading):
    briefing, _ = stance
    suggestion = suggestion_propose(briefing=briefing, claim=ClaimFactory(), text="Okafor backs Prime.")[0]
    with pytest.raises(ValidationError):
        suggestion_accept(suggestion=suggestion, editor=alice, section=heading, new_section=True)


def test_the_review_card_picks_the_default_and_accepting_it_makes_the_section(stance, alice, client):
    from django.urls import reverse

    briefing, target = stance
    party = ActorFactory(name="Hana Okafor")
    claim = ClaimFactory(speaker=party)
    _stance_fact(claim, party, target)
    suggestion = suggestion_propose(briefing=briefing, claim=claim, text="Okafor backs Prime.")[0]
    client.force_login(alice)
    html = client.get(reverse("briefings:review", args=[briefing.slug])).content.decode()
    assert '<option value="new-section:Hana Okafor" selected>a new section “Hana Okafor”</option>' in html
    client.post(reverse("briefings:suggestion-accept", args=[suggestion.pk]),
                {"section": "new-section:Hana Okafor", "accept": "1"})
    briefing.refresh_from_db()
    assert briefing.draft_revision.body.endswith(f"## Hana Okafor\n\nOkafor backs Prime. [^c{claim.pk}]\n")


def test_accepting_many_puts_each_where_its_card_would(stance, alice, client):
    from django.urls import reverse

    briefing, target = stance
    okafor, lind = ActorFactory(name="Hana Okafor"), ActorFactory(name="Per Lind")
    made = []
    for party, words in ((okafor, "Okafor backs Prime."), (lind, "Lind wants Prime gone."), (None, "Markets shut.")):
        claim = ClaimFactory(speaker=party or ActorFactory(name="A trader"))
        if party:
            _stance_fact(claim, party, target)
        made.append(suggestion_propose(briefing=briefing, claim=claim, text=words)[0])
    client.force_login(alice)
    page = client.get(reverse("briefings:review", args=[briefing.slug])).content.decode()
    assert '<option value="by-question">each where its card puts it</option>' in page
    client.post(reverse("briefings:review-decide", args=[briefing.slug]),
                {"action": "accept", "scope": "selected", "ids": [s.pk for s in made], "section": "by-question",
                 "reason": ""})
    briefing.refresh_from_db()
    body = briefing.draft_revision.body
    assert body.index("## Hana Okafor") < body.index("Okafor backs Prime.") < body.index("## Per Lind") \
        < body.index("Lind wants Prime gone.")
    assert body.index("Markets shut.") < body.index("## Hana Okafor")  # no part: the end, before the new ones


def test_by_question_and_a_section_together_are_refused(stance, alice):
    from briefings.services import suggestions_accept

    briefing, _ = stance
    suggestion = suggestion_propose(briefing=briefing, claim=ClaimFactory(), text="Okafor backs Prime.")[0]
    with pytest.raises(ValidationError):
        suggestions_accept(briefing=briefing, suggestions=[suggestion], editor=alice, section="X", new_section=True,
                           by_question=True)
