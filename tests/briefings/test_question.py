"""What a briefing asks: the service, the question page, seeds, and the suggestions that follow."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from actors.services import actor_ensure, region_ensure
from briefings.drafts import propose_for_briefing
from briefings.models import Briefing
from briefings.services import briefing_create, briefing_publish, briefing_question_set
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    country, _ = region_ensure(slug="northland", name="Northland", kind="country")
    town, _ = region_ensure(slug="port-vale", name="Port Vale", kind="city", parent=country)
    militia, _ = actor_ensure(slug="river-militia", name="River Militia", kind="armed_group", aliases=["the RM"])
    governor, _ = actor_ensure(slug="ana-lind", name="Ana Lind", kind="person")
    return {"country": country, "town": town, "militia": militia, "governor": governor}


def test_a_control_question_names_its_place_which_becomes_a_subject(alice, places):
    briefing = briefing_create(title="Port Vale control", author=alice)
    briefing_question_set(briefing=briefing, editor=alice, question="control", region=places["town"])
    briefing.refresh_from_db()
    assert briefing.question_text == "Who controls Port Vale and the places within it?"
    assert list(briefing.subject_regions.all()) == [places["town"]]


def test_a_stance_question_keeps_the_parties_and_adds_the_target(alice, places):
    briefing = briefing_create(title="The militia on the governor", author=alice)
    briefing_question_set(briefing=briefing, editor=alice, question="stance", target=places["governor"],
                          actors=[places["militia"]])
    assert set(briefing.subject_actors.all()) == {places["militia"], places["governor"]}
    # Back to free: the target goes, the subjects stay as set.
    briefing_question_set(briefing=briefing, editor=alice, question="free")
    briefing.refresh_from_db()
    assert briefing.question_target is None and briefing.question_text == ""
    assert briefing.subject_actors.count() == 2


def test_incomplete_questions_and_readers_are_refused(alice, bob, places):
    briefing = briefing_create(title="Port Vale control", author=alice)
    with pytest.raises(ValidationError, match="place"):
        briefing_question_set(briefing=briefing, editor=alice, question="control")
    with pytest.raises(ValidationError, match="target"):
        briefing_question_set(briefing=briefing, editor=alice, question="stance")
    with pytest.raises(PermissionDenied):
        briefing_question_set(briefing=briefing, editor=bob, question="control", region=places["town"])
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds the same rule
        Briefing.objects.filter(pk=briefing.pk).update(question="control")


def test_claims_already_recorded_are_proposed_once(alice, places):
    about_town = ClaimFactory(text="The militia holds the port.")
    about_town.regions.add(places["town"])
    elsewhere = ClaimFactory(text="Rain fell in the hills.")
    briefing = briefing_create(title="Port Vale control", author=alice)
    briefing_question_set(briefing=briefing, editor=alice, question="control", region=places["town"])
    made = propose_for_briefing(briefing)
    assert [s.claim for s in made] == [about_town] and elsewhere not in [s.claim for s in made]
    assert propose_for_briefing(briefing) == []  # safe to run twice


def test_a_briefing_made_from_a_red_link_is_led_to_its_question(client, alice, places):
    client.force_login(alice)
    response = client.post(reverse("briefings:create"), {"title": "Port Vale control", "summary": "", "body": ""})
    question_url = reverse("briefings:question", args=["port-vale-control"])
    assert response.status_code == 302 and response.url == question_url
    page = client.get(question_url).content.decode()
    assert '<option value="Port Vale">' in page and 'list="region-names"' in page
    response = client.post(question_url, {"question": "control", "question_region": "Port Vale",
                                          "actors": "the RM", "regions": ""})
    assert response.status_code == 302
    briefing = Briefing.objects.get(slug="port-vale-control")
    assert briefing.question_region == places["town"] and list(briefing.subject_actors.all()) == [places["militia"]]
    html = client.get(briefing.get_absolute_url()).content.decode()
    assert "Who controls Port Vale and the places within it?" in html


def test_the_question_page_names_unknown_entries_and_missing_parts(client, alice, bob, rita, places):
    client.force_login(alice)
    briefing = briefing_create(title="Port Vale control", author=alice)
    url = reverse("briefings:question", args=[briefing.slug])
    data = {"question": "control", "question_region": "", "actors": "Nobody Known, the RM"}
    html = client.post(url, data).content.decode()
    assert "Name the place whose control" in html and "Not in the catalogue: Nobody Known." in html
    client.force_login(bob)
    assert client.get(url).status_code == 404  # a reader does not see an unpublished briefing
    briefing_publish(briefing=briefing, reviewer=rita)
    assert client.get(url).status_code == 403


def test_the_seeds_declare_both_questions(settings):
    from briefings.seeding import seed_load

    seed_load()
    kirkuk = Briefing.objects.get(slug="kirkuk-control")
    iran = Briefing.objects.get(slug="irans-stance-on-maliki")
    assert kirkuk.question == "control" and kirkuk.question_region.slug == "kirkuk"
    assert iran.question == "stance" and iran.question_target.slug == "nouri-al-maliki"
