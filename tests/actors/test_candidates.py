import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actors.models import Actor, Alias, Region, ReviewState
from actors.services import (
    actor_ensure,
    candidate_accept,
    candidate_merge,
    candidate_propose,
    candidate_reject,
    candidates_propose,
    region_ensure,
)
from tests.factories import ArticleFactory, BriefingFactory, ClaimFactory, MentionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def soleimani():
    return actor_ensure(slug="qassem-soleimani", name="Qassem Soleimani", kind="person", aliases=["Soleimani"])[0]


def test_accept_moves_a_candidate_into_the_catalogue(alice):
    candidate, _ = candidate_propose(target="actor", name="Abu Example", kind="person")
    candidate_accept(entry=candidate, editor=alice)
    assert Actor.objects.catalogue().filter(pk=candidate.pk).exists()


def test_accept_sets_the_kind_and_parent_the_editor_chose(alice):
    iraq, _ = region_ensure(slug="iraq", name="Iraq", kind="country")
    governorate, _ = region_ensure(slug="kirkuk-governorate", name="Kirkuk Governorate", kind="province", parent=iraq)
    hawija, _ = candidate_propose(target="region", name="Hawija", kind="area")
    accepted = candidate_accept(entry=hawija, editor=alice, kind="city", parent=governorate)
    hawija.refresh_from_db()
    assert (hawija.kind, hawija.parent) == ("city", governorate) == (accepted.kind, accepted.parent)
    irna, _ = candidate_propose(target="actor", name="IRNA", kind="organisation")
    candidate_accept(entry=irna, editor=alice, kind="media_outlet")
    irna.refresh_from_db()
    assert irna.kind == "media_outlet" and irna.review_state == ReviewState.ACCEPTED


def test_accept_refuses_an_unknown_kind_or_a_parent_outside_the_catalogue(alice):
    hawija, _ = candidate_propose(target="region", name="Hawija", kind="area")
    other, _ = candidate_propose(target="region", name="Somewhere", kind="area")
    kdp, _ = actor_ensure(slug="kdp", name="Kurdistan Democratic Party", kind="organisation")
    with pytest.raises(ValidationError, match="kind"):
        candidate_accept(entry=hawija, editor=alice, kind="galaxy")
    with pytest.raises(ValidationError, match="not in the catalogue"):
        candidate_accept(entry=hawija, editor=alice, parent=other)
    with pytest.raises(ValidationError, match="region"):
        candidate_accept(entry=hawija, editor=alice, parent=kdp)
    hawija.refresh_from_db()
    assert hawija.review_state == ReviewState.CANDIDATE and hawija.kind == "area"


def test_reject_keeps_the_name_so_it_is_not_proposed_again(alice):
    candidate, _ = candidate_propose(target="actor", name="Abu Example", kind="person")
    candidate_reject(entry=candidate, editor=alice)
    again, created = candidate_propose(target="actor", name="Abu Example", kind="person")
    assert not created and again.review_state == ReviewState.REJECTED


def test_merge_moves_names_and_everything_that_pointed_at_the_candidate(alice, soleimani):
    candidate, _ = candidate_propose(target="actor", name="Ghasem Soleimani", kind="person")
    mention = MentionFactory(article=ArticleFactory(text="General Ghasem Soleimani returned."), start=8, end=24,
                             text="Ghasem Soleimani", actor=candidate)
    spoken = ClaimFactory(speaker=candidate)
    about = ClaimFactory()
    about.actors.add(candidate)
    briefing = BriefingFactory(actors=[candidate])
    merged = candidate_merge(entry=candidate, into=soleimani, editor=alice)
    assert merged.review_state == ReviewState.MERGED and merged.merged_into == soleimani
    mention.refresh_from_db(), spoken.refresh_from_db()
    assert mention.actor == soleimani and spoken.speaker == soleimani
    assert list(about.actors.all()) == [soleimani] and list(briefing.subject_actors.all()) == [soleimani]
    assert "Ghasem Soleimani" in set(soleimani.aliases.values_list("name", flat=True))
    assert not merged.aliases.exists()


def test_merge_refuses_wrong_targets(alice, soleimani):
    candidate, _ = candidate_propose(target="actor", name="Ghasem Soleimani", kind="person")
    region, _ = candidate_propose(target="region", name="Somewhere", kind="area")
    with pytest.raises(ValidationError):
        candidate_merge(entry=candidate, into=candidate, editor=alice)
    with pytest.raises(ValidationError):
        candidate_merge(entry=region, into=soleimani, editor=alice)
    with pytest.raises(ValidationError, match="not in the catalogue"):
        candidate_merge(entry=soleimani, into=candidate, editor=alice)
    khamenei, _ = actor_ensure(slug="ali-khamenei", name="Ali Khamenei", kind="person")
    with pytest.raises(ValidationError, match="not a candidate"):
        candidate_merge(entry=soleimani, into=khamenei, editor=alice)


def test_readers_cannot_review_candidates(bob):
    candidate, _ = candidate_propose(target="actor", name="Abu Example", kind="person")
    for review in (candidate_accept, candidate_reject):
        with pytest.raises(PermissionDenied):
            review(entry=candidate, editor=bob)


def test_a_candidate_that_looks_like_a_catalogue_entry_is_flagged_on_the_queue(alice):
    from django.test import Client

    from actors.services import candidates_propose
    from tests.factories import ActorFactory, AliasFactory

    barzani = ActorFactory(name="Masoud Barzani", slug="masoud-barzani")
    AliasFactory(actor=barzani, name="Masoud Barzani")
    disguised = "\u041cas\u043eud Barzani"
    found = candidates_propose(target="actor", names=[(disguised, "person")])
    (candidate,) = found.values()
    assert candidate.pk != barzani.pk and candidate.review_state == "candidate"
    client = Client()
    client.force_login(alice)
    html = client.get("/actors/candidates/").content.decode()
    card = html[html.index(f'id="candidate-actor-{candidate.pk}"'):]
    card = card[:card.index("</li>")]
    assert "mixes scripts" in card and 'href="/actors/masoud-barzani/"' in card


def test_a_batch_of_names_finds_the_oldest_entry_of_its_own_kind_never_a_merged_one():
    older = Actor.objects.create(name="Al-Hashd", slug="al-hashd", kind="armed_group", review_state=ReviewState.CANDIDATE)
    newer = Actor.objects.create(name="Hashd", slug="hashd", kind="armed_group", review_state=ReviewState.CANDIDATE)
    gone = Actor.objects.create(name="PMF", slug="pmf", kind="armed_group", review_state=ReviewState.MERGED,
                                merged_into=older)
    place = Region.objects.create(name="Hashd", slug="hashd", kind="area", review_state=ReviewState.CANDIDATE)
    for entry, name in ((older, "Hashd"), (newer, "Hashd"), (gone, "PMF")):
        Alias.objects.create(name=name, normalised=name.lower(), actor=entry)
    Alias.objects.create(name="Hashd", normalised="hashd", region=place)
    actors = candidates_propose(target="actor", names=[("Hashd", "organisation"), ("PMF", "organisation")])
    assert actors["hashd"] == older and actors["pmf"] != gone  # a new candidate, not the merged one
    assert actors["pmf"].review_state == ReviewState.CANDIDATE
    assert candidates_propose(target="region", names=[("Hashd", "area")]) == {"hashd": place}
