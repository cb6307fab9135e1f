"""Ten submissions at the same moment naming the same new outlet (and actors, regions, aliases
created the same way): every article is saved, all with the one outlet; none 400s or 500s."""
import threading

import pytest
from django.db import connection

from actors.models import Actor, Alias, Region
from actors.services import actor_ensure, alias_add, region_ensure
from sources.models import Article, Outlet
from sources.services import article_submit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles_restored_after_flush")]
PARALLEL = 10


def in_parallel(work) -> list:
    """``work(i)`` in ten threads released together; their results, or the exceptions raised."""
    barrier = threading.Barrier(PARALLEL)
    results: list = [None] * PARALLEL

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=20)
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - kept for the assertion
            results[i] = exc
        finally:
            connection.close()  # each thread has its own connection; leave none open

    threads = [threading.Thread(target=run, args=(i,)) for i in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize("outlet", ["Kurdistan Weekly", "Рейтер"])
def test_parallel_submissions_naming_one_new_outlet_all_save_with_it(outlet):
    results = in_parallel(lambda i: article_submit(text=f"Report number {i} said the road was open.", outlet=outlet))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Article.objects.count() == PARALLEL
    assert Outlet.objects.count() == 1 and set(Article.objects.values_list("outlet__name", flat=True)) == {outlet}


def test_parallel_ensures_of_actors_regions_and_aliases_make_one_each():
    def work(i):
        region, _ = region_ensure(slug="kirkuk", name="Kirkuk", kind="city", aliases=["Karkuk"])
        actor, _ = actor_ensure(slug="peshmerga", name="Peshmerga", kind="armed_group", aliases=["Kurdish forces"])
        alias_add(target=actor, name="Pesh merga")
        return region.pk, actor.pk

    results = in_parallel(work)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len(set(results)) == 1
    assert Region.objects.count() == 1 and Actor.objects.count() == 1
    assert Alias.objects.filter(region__isnull=False).count() == 2
    assert Alias.objects.filter(actor__isnull=False).count() == 3


def test_parallel_proposals_of_one_unknown_name_make_one_candidate():
    from actors.services import candidate_propose, candidates_propose

    def work(i):
        if i % 2:
            return candidate_propose(target="actor", name="Abu Bakr al-Baghdadi", kind="person")[0].pk
        return candidates_propose(target="actor", names=[("Abu Bakr al-Baghdadi", "person")])["abu bakr al baghdadi"].pk

    results = in_parallel(work)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len(set(results)) == 1 and Actor.objects.count() == 1 and Alias.objects.count() == 1
