import pytest

from actors.models import Actor, Region, ReviewState
from actors.services import actor_ensure, alias_add, candidate_propose, region_ensure

pytestmark = pytest.mark.django_db


def test_actor_ensure_creates_once_and_keeps_editors_changes():
    actor, created = actor_ensure(slug="isis", name="ISIS", kind="armed_group", aliases=["ISIL"])
    assert created
    actor.description = "Edited by an editor."
    actor.save()
    again, created = actor_ensure(slug="isis", name="ISIS", kind="armed_group", aliases=["ISIL", "Daesh"])
    assert not created and again.pk == actor.pk
    again.refresh_from_db()
    assert again.description == "Edited by an editor."
    assert sorted(a.name for a in again.aliases.all()) == ["Daesh", "ISIL", "ISIS"]


def test_region_ensure_rounds_coordinates_and_adds_own_name_as_alias():
    region, _ = region_ensure(slug="kirkuk", name="Kirkuk", kind="city", latitude=35.468056789, longitude=44.392222)
    assert str(region.latitude) == "35.46806"
    assert region.aliases.get().normalised == "kirkuk"


def test_alias_add_refuses_a_name_without_letters():
    actor, _ = actor_ensure(slug="x", name="X", kind="person")
    with pytest.raises(ValueError):
        alias_add(target=actor, name=" -- ")


def test_candidate_propose_reuses_the_same_name_and_never_enters_the_catalogue():
    first, created = candidate_propose(target="actor", name="Abu Example", kind="person")
    second, created_again = candidate_propose(target="actor", name="abu  example", kind="person")
    assert created and not created_again and first.pk == second.pk
    assert first.review_state == ReviewState.CANDIDATE
    assert not Actor.objects.catalogue().filter(pk=first.pk).exists()


def test_candidate_propose_links_known_names_to_the_catalogue_entry():
    region, _ = region_ensure(slug="baquba", name="Baquba", kind="city", aliases=["Baqubah"])
    found, created = candidate_propose(target="region", name="Baqubah", kind="city")
    assert not created and found == region and Region.objects.count() == 1
