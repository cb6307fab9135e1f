"""The answer panel: who controls a place over time, where parties stand on a target, each row
cited; query counts constant in the facts shown."""
import datetime as dt

import pytest
from django.utils import timezone

from actors.services import actor_ensure, region_ensure
from briefings.answers import briefing_answer
from briefings.services import briefing_create, briefing_publish, briefing_question_set
from claims.models import Claim, Fact
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory

pytestmark = pytest.mark.django_db


def published(day: int, outlet=None):
    """An article of ``day`` June 2026 whose text is the sentence the facts cite."""
    kwargs = {"outlet": outlet} if outlet else {}
    return ArticleFactory(text="The militia holds the port.",
                          published_at=timezone.make_aware(dt.datetime(2026, 6, day, 9)), **kwargs)


def fact(kind, source, target, *, day, holds=None, claim=None, polarity="asserted", outlet=None):
    article = published(day, outlet)
    where = {"target_region": target} if isinstance(target, type(PLACES["port"])) else {"target_actor": target}
    return Fact.objects.create(kind=kind, source=source, **where, article=article, claim=claim, start=0, end=27,
                               quote="The militia holds the port.", cue="holds", polarity=polarity,
                               holds_on=dt.date(2026, 6, holds) if holds else None, confidence=0.8)


PLACES = {}


@pytest.fixture
def world(alice):
    country, _ = region_ensure(slug="northland", name="Northland", kind="country")
    port, _ = region_ensure(slug="port-vale", name="Port Vale", kind="city", parent=country)
    hills, _ = region_ensure(slug="east-hills", name="East Hills", kind="area", parent=port)
    PLACES.update(port=port, hills=hills)
    actors = {slug: actor_ensure(slug=slug, name=name, kind=kind)[0] for slug, name, kind in [
        ("river-militia", "River Militia", "armed_group"), ("army", "National Army", "armed_group"),
        ("ana-lind", "Ana Lind", "person"), ("southland", "Southland", "state"),
        ("south-minister", "South Minister", "person"), ("south-general", "South General", "person")]}
    actors["south-minister"].parent = actors["southland"]
    actors["south-minister"].save()
    control = briefing_create(title="Port Vale control", author=alice)
    briefing_question_set(briefing=control, editor=alice, question="control", region=port)
    stance = briefing_create(title="Southland on Ana Lind", author=alice)
    briefing_question_set(briefing=stance, editor=alice, question="stance", target=actors["ana-lind"],
                          actors=[actors["southland"], actors["south-general"]])
    return {"control": control, "stance": stance, **actors, "port": port, "hills": hills}


def answer_of(briefing):
    briefing = type(briefing).objects.get(pk=briefing.pk)
    return briefing_answer(briefing, actors=list(briefing.subject_actors.all()),
                           regions=list(briefing.subject_regions.all()))


def test_control_changes_hands_and_ends(world):
    army, militia = world["army"], world["river-militia"]
    fact("controls", army, world["port"], day=1)
    fact("controls", militia, world["port"], day=12, holds=11)  # "since 11 June", said on the 12th
    fact("controls", militia, world["port"], day=20)
    answer = answer_of(world["control"])
    (port,) = answer.places
    assert [(s.holder, s.since, s.until) for s in port.spans] == [
        (army, dt.date(2026, 6, 1), dt.date(2026, 6, 11)), (militia, dt.date(2026, 6, 11), None)]
    assert port.current.holder == militia and len(port.current.evidence) == 2
    assert port.spans[1].evidence[0].dated_by_text and not port.spans[0].evidence[0].dated_by_text
    # "since 11 June" dates the start; the army's span only has the day a source said it.
    assert port.spans[1].since_known and not port.spans[0].since_known
    assert port.as_of == dt.date(2026, 6, 20)
    fact("controls", militia, world["port"], day=25, polarity="ended")
    assert answer_of(world["control"]).places[0].current is None


def test_a_short_claim_between_two_of_another_holder_is_contested(world):
    army, militia = world["army"], world["river-militia"]
    fact("controls", militia, world["port"], day=10)
    fact("controls", army, world["port"], day=14)
    fact("controls", militia, world["port"], day=16)
    (port,) = answer_of(world["control"]).places
    assert len(port.spans) == 1 and port.current.holder == militia and port.current.contested
    assert [e.fact.source for e in port.current.contested_by] == [army]


def test_places_within_count_and_retracted_or_hidden_facts_do_not(world):
    army = world["army"]
    fact("controls", army, world["hills"], day=3)
    retracted = ClaimFactory(status=Claim.Status.RETRACTED)
    fact("controls", world["river-militia"], world["port"], day=4, claim=retracted)
    hidden = fact("controls", world["river-militia"], world["port"], day=5)
    Fact.objects.filter(pk=hidden.pk).update(editor_state="hidden", edit_reason="Misread")
    answer = answer_of(world["control"])
    hills, port = sorted(answer.places, key=lambda p: p.place.name)
    assert hills.place == world["hills"] and hills.current.holder == army
    # The retracted claim's fact is listed as withdrawn, not counted; the hidden one not at all.
    assert port.spans == [] and [e.fact.claim for e in port.withdrawn] == [retracted]
    assert [e.fact.claim for e in answer.withdrawn] == [retracted]


def test_stance_takes_the_latest_position_and_shows_a_change(world):
    lind, south = world["ana-lind"], world["southland"]
    general, minister = world["south-general"], world["south-minister"]
    fact("supports", south, lind, day=1)
    fact("opposes", south, lind, day=9)
    fact("supports", general, lind, day=9)
    fact("opposes", general, lind, day=9)
    fact("opposes", minister, lind, day=4)  # a member of Southland, not a subject: listed as it has a position
    positions = {p.party: p for p in answer_of(world["stance"]).positions}
    assert positions[south].stance == "opposes" and positions[south].earlier.fact.kind == "supports"
    assert positions[general].stance == "unclear"  # the latest sources disagree
    assert positions[minister].stance == "opposes"
    assert lind not in positions


def test_a_reported_belief_is_marked_and_attributed_to_who_reports_it(world):
    lind, south = world["ana-lind"], world["southland"]
    reuters = OutletFactory(name="Reuters")
    claim = ClaimFactory(speaker=None, speaker_text="sources", relayed_by=reuters, holder=south)
    fact("opposes", south, lind, day=3, claim=claim)
    (position, *_) = answer_of(world["stance"]).positions
    (latest,) = position.latest
    assert latest.reportedly and latest.according_to == "Sources, to Reuters"
    assert latest.url == claim.get_absolute_url()


def test_the_page_shows_the_panel_and_follows_new_facts(client, bob, rita, world):
    briefing_publish(briefing=world["control"], reviewer=rita)
    client.force_login(bob)
    html = client.get(world["control"].get_absolute_url()).content.decode()
    assert "No source yet states who controls Port Vale" in html
    fact("controls", world["river-militia"], world["hills"], day=11)
    html = client.get(world["control"].get_absolute_url()).content.decode()
    assert "East Hills" in html and "held by <strong>" in html and "River Militia" in html


def test_query_count_does_not_grow_with_facts(client, bob, rita, world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    briefing_publish(briefing=world["stance"], reviewer=rita)
    client.force_login(bob)
    fact("supports", world["southland"], world["ana-lind"], day=1)
    with CaptureQueriesContext(connection) as few:
        answer_of(world["stance"])
    for day in range(2, 28):
        fact("opposes" if day % 2 else "supports", world["south-general"], world["ana-lind"], day=day,
             claim=ClaimFactory())
    with django_assert_num_queries(len(few)):
        answer = answer_of(world["stance"])
    assert len(answer.facts) == 27


# --- API ----------------------------------------------------------------------------------------

def test_the_answer_api_gives_spans_with_their_sources(client, bob, rita, world):
    briefing_publish(briefing=world["control"], reviewer=rita)
    briefing_publish(briefing=world["stance"], reviewer=rita)
    fact("controls", world["army"], world["port"], day=1)
    fact("controls", world["river-militia"], world["port"], day=12, holds=11)
    client.force_login(bob)
    body = client.get(f"/api/briefings/{world['control'].slug}/answer/").json()
    assert body["question"] == "control" and body["question_text"].startswith("Who controls Port Vale")
    (port,) = body["places"]
    assert port["current"]["holder"]["slug"] == "river-militia" and port["current"]["since"] == "2026-06-11"
    assert [s["holder"]["slug"] for s in port["spans"]] == ["army", "river-militia"]
    source = port["spans"][1]["sources"][0]
    assert source["dated_by"] == "text" and source["said_on"] == "2026-06-12"
    assert source["quote"] == "The militia holds the port."
    stance = client.get(f"/api/briefings/{world['stance'].slug}/answer/").json()
    assert {p["stance"] for p in stance["positions"]} == {"none"}


def test_a_briefing_without_a_question_has_no_answer(client, alice, bob):
    briefing = briefing_create(title="Notes", author=alice)
    client.force_login(alice)
    response = client.get(f"/api/briefings/{briefing.slug}/answer/")
    assert response.status_code == 404 and response.json()["message"] == "This briefing asks no question."
    client.logout()
    assert client.get(f"/api/briefings/{briefing.slug}/answer/").status_code in (401, 403)


def test_region_control_covers_places_within_in_constant_queries(client, bob, world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fact("controls", world["army"], world["hills"], day=2)
    client.force_login(bob)
    url = "/api/regions/northland/control/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in range(3, 28):
        fact("controls", world["river-militia"] if day % 3 else world["army"], world["port"], day=day)
    with django_assert_num_queries(len(few)):
        body = client.get(url).json()
    assert [p["place"]["slug"] for p in body] == ["east-hills", "port-vale"]
    assert client.get("/api/regions/nowhere/control/").status_code == 404


def test_the_page_lists_what_a_retraction_withdrew(client, bob, rita, world):
    briefing_publish(briefing=world["control"], reviewer=rita)
    claim = ClaimFactory(status=Claim.Status.RETRACTED, speaker=world["ana-lind"])
    fact("controls", world["river-militia"], world["port"], day=4, claim=claim)
    client.force_login(bob)
    html = client.get(world["control"].get_absolute_url()).content.decode()
    assert "No longer counted, their claims retracted:" in html and "No source that still stands." in html
    body = client.get(f"/api/briefings/{world['control'].slug}/answer/").json()
    assert body["places"][0]["withdrawn"][0]["claim"] == claim.pk


def test_claims_on_the_question_come_first_and_the_rest_stays_listed(client, bob, rita, world):
    briefing = world["control"]
    briefing.subject_actors.add(world["river-militia"])
    briefing_publish(briefing=briefing, reviewer=rita)
    aside = ClaimFactory(text="The militia's leader gave a speech about taxes.", speaker=world["river-militia"])
    aside.actors.add(world["river-militia"])
    on_port = ClaimFactory(text="Fighting went on in the hills.", speaker=world["ana-lind"])
    on_port.regions.add(world["hills"])
    client.force_login(bob)
    html = client.get(briefing.get_absolute_url()).content.decode()
    assert html.index("On the question") < html.index("Fighting went on") < html.index(
        "Other claims about these subjects") < html.index("speech about taxes")


def test_the_timeline_says_when_a_claim_was_said_beside_the_event_date(client, bob, rita, world):
    from tests.factories import CitationFactory

    briefing = world["control"]
    briefing_publish(briefing=briefing, reviewer=rita)
    claim = ClaimFactory(text="Parliament meets on 1 July.", event_date=dt.date(2026, 7, 1), event_date_precision="day")
    claim.regions.add(world["port"])
    CitationFactory(claim=claim, said_on=dt.date(2026, 6, 27), quote="Officials in Kirkuk")
    client.force_login(bob)
    html = client.get(briefing.get_absolute_url()).content.decode()
    assert "by the date of the events reported" in html and "1 July 2026" in html and "said 27 Jun 2026" in html


def test_the_facts_api_filters_by_briefing(client, bob, rita, world):
    briefing_publish(briefing=world["control"], reviewer=rita)
    briefing_publish(briefing=world["stance"], reviewer=rita)
    in_hills = fact("controls", world["army"], world["hills"], day=2)
    elsewhere, _ = region_ensure(slug="far-away", name="Far Away", kind="city")
    fact("controls", world["army"], elsewhere, day=2)
    stance = fact("opposes", world["southland"], world["ana-lind"], day=3)
    client.force_login(bob)

    def ids(slug):
        return [row["id"] for row in client.get("/api/facts/", {"briefing": slug}).json()["results"]]

    assert ids(world["control"].slug) == [in_hills.pk]
    assert ids(world["stance"].slug) == [stance.pk]
    assert ids("no-such-briefing") == []
