import pytest
from django.db import IntegrityError, transaction

from actors.models import Actor, Alias, Region, ReviewState
from tests.factories import ActorFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_alias_is_unique_per_normalised_form_and_actor():
    isis = ActorFactory(name="Islamic State of Iraq and Syria", kind=Actor.Kind.ARMED_GROUP)
    Alias.objects.create(actor=isis, name="ISIL")
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(actor=isis, name="isil")


def test_same_alias_may_name_an_actor_and_a_region():
    iraq_state = ActorFactory(name="Iraq", kind=Actor.Kind.STATE)
    iraq_country = RegionFactory(name="Iraq", kind=Region.Kind.COUNTRY)
    Alias.objects.create(actor=iraq_state, name="Iraq")
    Alias.objects.create(region=iraq_country, name="Iraq")
    assert Alias.objects.filter(normalised="iraq").count() == 2


def test_alias_needs_exactly_one_target():
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(name="Nobody")
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(name="Both", actor=ActorFactory(), region=RegionFactory())


def test_alias_of_punctuation_only_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(name="...", actor=ActorFactory())


def test_alias_normalised_key_follows_name():
    alias = Alias.objects.create(name="The Associated Press", actor=ActorFactory())
    assert alias.normalised == "associated press"


def test_region_coordinates_must_be_on_earth_and_come_in_pairs():
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionFactory(latitude=95, longitude=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionFactory(latitude=35)


def test_region_cannot_be_its_own_parent():
    region = RegionFactory()
    region.parent = region
    with pytest.raises(IntegrityError), transaction.atomic():
        region.save()


def test_merged_entry_must_name_its_target_and_only_then():
    kept = ActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorFactory(review_state=ReviewState.MERGED)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorFactory(review_state=ReviewState.CANDIDATE, merged_into=kept)
    merged = ActorFactory(review_state=ReviewState.MERGED, merged_into=kept)
    assert merged.merged_into == kept


def test_only_states_have_a_territory():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorFactory(kind=Actor.Kind.PERSON, territory=RegionFactory(kind=Region.Kind.COUNTRY))


def test_descendants_of_region_reach_every_depth():
    iraq = RegionFactory(name="Iraq", kind=Region.Kind.COUNTRY)
    governorate = RegionFactory(name="Kirkuk Governorate", kind=Region.Kind.PROVINCE, parent=iraq)
    city = RegionFactory(name="Kirkuk", parent=governorate)
    RegionFactory(name="Tehran")
    assert set(Region.objects.descendants_of(iraq)) == {iraq, governorate, city}


def test_candidates_stay_out_of_the_catalogue():
    accepted = ActorFactory()
    candidate = ActorFactory(review_state=ReviewState.CANDIDATE)
    assert list(Actor.objects.catalogue()) == [accepted]
    assert list(Actor.objects.candidates()) == [candidate]
