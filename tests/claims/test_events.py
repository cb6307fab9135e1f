"""Disputes only between claims about the same event: the same kind of figure, the same place
(or one inside the other), overlapping dates, compatible victims."""
import datetime as dt

import pytest

from claims.models import Claim, ClaimRelation
from claims.services import claim_disputes_link
from claims.services.events import figure_kinds, same_event, same_place, victims
from tests.factories import ActorFactory, ArticleFactory, CitationFactory, RegionFactory

pytestmark = pytest.mark.django_db

# Invented sentences in the shape of the newcomer's pair (HRW's count of men executed in Tikrit,
# an army count of militants killed near it) and of the seed article's real dispute.
EXECUTED = "between 160 and 190 men were executed in Tikrit after the city fell"
MILITANTS = "59 militants were killed near Tikrit in an air strike"
EXTERMINATED = "its fighters had exterminated 1,700 soldiers in Tikrit"


def record(article, text, speaker, numbers, region, event_date=None):
    claim = Claim.objects.create(text=text, speaker=speaker, numbers=numbers, event_date=event_date,
                                 event_date_precision="day" if event_date else "unknown")
    claim.regions.add(region)
    start = article.text.index(text)
    CitationFactory(claim=claim, article=article, start=start, end=start + len(text), quote=text)
    return claim


def link(first, second, first_numbers, second_numbers, *, dates=(None, None), places=None):
    tikrit = RegionFactory(name="Tikrit")
    article = ArticleFactory(text=f"Human Rights Watch said {first}. A spokesman said {second}.")
    a = record(article, first, ActorFactory(), first_numbers, (places or (tikrit, tikrit))[0], dates[0])
    b = record(article, second, ActorFactory(), second_numbers, (places or (tikrit, tikrit))[1], dates[1])
    return claim_disputes_link(article=article, claims=[a, b])


def test_militants_killed_near_tikrit_do_not_dispute_men_executed_there():
    assert link(EXECUTED, MILITANTS, [{"text": "between 160 and 190", "low": 160, "high": 190}],
                [{"text": "59 militants", "value": 59}]) == []
    assert not ClaimRelation.objects.exists() and not Claim.objects.filter(status="disputed").exists()


def test_men_killed_and_soldiers_exterminated_in_tikrit_still_dispute():
    relations = link(EXECUTED, EXTERMINATED, [{"text": "between 160 and 190", "low": 160, "high": 190}],
                     [{"text": "1,700", "value": 1700}])
    assert len(relations) == 1


def test_figures_of_other_places_or_other_weeks_are_other_events():
    numbers = ([{"text": "10", "value": 10}], [{"text": "69", "value": 69}])
    texts = ("10 people were killed in the attack", "69 people were killed in the attack")
    mosul, tikrit = RegionFactory(name="Mosul"), RegionFactory(name="Tikrit city")
    assert link(*texts, *numbers, places=(mosul, tikrit)) == []
    assert link(*texts, *numbers, dates=(dt.date(2014, 6, 1), dt.date(2014, 6, 20))) == []
    assert len(link(*texts, *numbers, dates=(dt.date(2014, 6, 1), dt.date(2014, 6, 2)))) == 1


def test_two_claims_that_each_name_the_day_are_one_event_a_day_apart_at_most():
    numbers = ([{"text": "12", "value": 12}], [{"text": "40", "value": 40}])
    texts = ("12 people were killed in the raid", "40 people were killed in the raid")
    assert link(*texts, *numbers, dates=(dt.date(2014, 6, 2), dt.date(2014, 6, 4))) == []
    assert len(link(*texts, *numbers, dates=(dt.date(2014, 6, 2), dt.date(2014, 6, 3)))) == 1


def test_a_day_against_a_vaguer_date_keeps_the_wider_window():
    from claims.services.events import same_time

    window = dt.timedelta(days=3)
    assert same_time(dt.date(2014, 6, 2), dt.date(2014, 6, 4), window)
    assert not same_time(dt.date(2014, 6, 2), dt.date(2014, 6, 4), window, both_days=True)


def test_a_place_inside_the_other_is_the_same_place():
    province = RegionFactory(name="Salahuddin", kind="province")
    city = RegionFactory(name="Tikrit", parent=province)
    elsewhere = RegionFactory(name="Basra")
    parents = {province.pk: None, city.pk: province.pk, elsewhere.pk: None}
    assert same_place({city.pk}, {province.pk}, parents) and same_place({province.pk}, {city.pk}, parents)
    assert not same_place({city.pk}, {elsewhere.pk}, parents)


def test_kinds_of_figures_and_victims():
    assert figure_kinds("12 were wounded") == {"wounded"} and figure_kinds(MILITANTS) == {"deaths"}
    assert not same_event("12 people were wounded", "40 people were killed")
    assert victims(MILITANTS) == {"militant"} and victims("10 were killed") is None
    assert not same_event("30 soldiers were killed", "12 civilians were killed")
