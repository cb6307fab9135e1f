"""Scoped versions (core/versioning.py) kept by the generated triggers, with committed writes
(transactional tests): a write moves the scopes of the rows it touched and no others, at
commit, whoever writes; concurrent committers never deadlock on version rows."""
import threading

import pytest
from django.db import connection, transaction

from actors.services import candidate_accept, candidate_propose
from claims.models import Citation, Claim
from core.versioning import page_register, page_versions, scoped_version
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles_restored_after_flush")]


def versions(*scopes: str) -> dict[str, str | None]:
    return {scope: scoped_version([scope]) for scope in scopes}


def moved(before: dict, after: dict) -> set[str]:
    return {scope for scope in before if before[scope] != after[scope]}


def test_a_bulk_update_moves_the_claim_its_subjects_and_the_list_only():
    subject, other = ActorFactory(), ActorFactory()
    claim, elsewhere = ClaimFactory(), ClaimFactory()
    claim.actors.add(subject)
    elsewhere.actors.add(other)
    scopes = (f"claim:{claim.pk}", f"actor:{subject.pk}", "claims", f"claim:{elsewhere.pk}", f"actor:{other.pk}")
    before = versions(*scopes)
    Claim.objects.filter(pk=claim.pk).update(text="Changed in bulk.")
    assert moved(before, versions(*scopes)) == {f"claim:{claim.pk}", f"actor:{subject.pk}", "claims"}


def read_elsewhere(scope: str):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT n FROM core_version WHERE scope = %s", [scope])
            row = cursor.fetchone()
            return row and row[0]
    finally:
        connection.close()


def test_versions_move_at_commit_not_before():
    claim = ClaimFactory()
    before = scoped_version([f"claim:{claim.pk}"])
    created = read_elsewhere(f"claim:{claim.pk}")
    with transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(text="Not yet.")
        seen = []
        reader = threading.Thread(target=lambda: seen.append(read_elsewhere(f"claim:{claim.pk}")))
        reader.start()
        reader.join(20)
        assert seen == [created]  # another session sees the version as it was
    assert scoped_version([f"claim:{claim.pk}"]) != before


def test_writes_after_set_constraints_immediate_are_bumped_too():
    first, second = ClaimFactory(), ClaimFactory()
    before = versions(f"claim:{first.pk}", f"claim:{second.pk}")
    with transaction.atomic():
        Claim.objects.filter(pk=first.pk).update(text="First.")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        Claim.objects.filter(pk=second.pk).update(text="Second.")
    assert moved(before, versions(f"claim:{first.pk}", f"claim:{second.pk}")) == set(before)


def test_a_rolled_back_savepoint_moves_nothing():
    kept, undone = ClaimFactory(), ClaimFactory()
    before = versions(f"claim:{kept.pk}", f"claim:{undone.pk}")
    with transaction.atomic():
        Claim.objects.filter(pk=kept.pk).update(text="Kept.")
        with pytest.raises(RuntimeError), transaction.atomic():
            Claim.objects.filter(pk=undone.pk).update(text="Undone.")
            raise RuntimeError
    assert moved(before, versions(f"claim:{kept.pk}", f"claim:{undone.pk}")) == {f"claim:{kept.pk}"}


def test_truncate_moves_everything():
    before = scoped_version(["briefing:1"])
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE briefings_link")
    assert scoped_version(["briefing:1"]) != before


def test_the_catalogue_moves_with_accepted_names_only(alice):
    before = scoped_version(["catalogue"])
    candidate, _ = candidate_propose(target="actor", name="Kak Kosrat", kind="person")
    assert scoped_version(["catalogue"]) == before  # a machine guess
    candidate_accept(entry=candidate, editor=alice)
    assert scoped_version(["catalogue"]) != before


def test_committers_bumping_overlapping_scopes_in_opposite_orders_do_not_deadlock():
    """Each writes citations of claims ``a`` and ``b`` in its own order and commits while the
    other holds its writes: with row locks on the version rows taken as rows change, this is
    the classic deadlock; the advisory lock and sorted bump rule it out."""
    a, b = ClaimFactory(), ClaimFactory()
    before = versions(f"claim:{a.pk}", f"claim:{b.pk}")
    # Pages registered over both, over each: the commits bump them too.
    pages = {}
    for scopes in ([f"claim:{a.pk}", f"claim:{b.pk}"], [f"claim:{a.pk}"], [f"claim:{b.pk}"]):
        key, number = page_register(scopes, scoped_version(scopes))
        pages[key] = number
    barrier, errors = threading.Barrier(2, timeout=20), []

    def writer(first, second, article):
        try:
            with transaction.atomic():
                Citation.objects.create(claim=first, article=article, start=0, end=1, quote="x")
                barrier.wait()
                Citation.objects.create(claim=second, article=article, start=0, end=1, quote="y")
                barrier.wait()
        except Exception as error:  # noqa: BLE001: reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(*pair, ArticleFactory())) for pair in ((a, b), (b, a))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors and not any(t.is_alive() for t in threads)
    with connection.cursor() as cursor:
        cursor.execute("SELECT scope, n FROM core_version WHERE scope = ANY(%s)", [[f"claim:{a.pk}", f"claim:{b.pk}"]])
        counts = dict(cursor.fetchall())
    assert moved(before, versions(*before)) == set(before)
    assert counts[f"claim:{a.pk}"] >= 2 and counts[f"claim:{b.pk}"] >= 2
    assert all(page_number(key) != number for key, number in pages.items())


# --- page registrations ----------------------------------------------------------------------


def page_number(key: str):
    return page_versions(key)[0]


def test_a_commit_bumps_only_the_pages_whose_scopes_it_touched():
    a, b, elsewhere = ClaimFactory(), ClaimFactory(), ClaimFactory()
    key_a, number_a = page_register([f"claim:{a.pk}"], scoped_version([f"claim:{a.pk}"]))
    key_b, number_b = page_register([f"claim:{b.pk}"], scoped_version([f"claim:{b.pk}"]))
    Claim.objects.filter(pk=elsewhere.pk).update(text="Changed elsewhere.")
    assert (page_number(key_a), page_number(key_b)) == (number_a, number_b)
    Claim.objects.filter(pk=a.pk).update(text="Changed.")
    assert page_number(key_a) != number_a and page_number(key_b) == number_b


def test_a_page_is_not_registered_over_a_write_since_its_snapshot():
    claim = ClaimFactory()
    scopes = [f"claim:{claim.pk}"]
    digest = scoped_version(scopes)
    Claim.objects.filter(pk=claim.pk).update(text="Changed since.")
    assert page_register(scopes, digest) is None


def test_a_registration_made_again_never_repeats_a_number():
    claim = ClaimFactory()
    scopes = [f"claim:{claim.pk}"]
    key, number = page_register(scopes, scoped_version(scopes))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_page WHERE key = %s", [key])
    assert page_number(key) is None
    assert page_register(scopes, scoped_version(scopes)) != (key, number)


def test_a_fact_moves_its_place_its_parties_and_its_claim():
    from actors.models import Region
    from claims.models import Fact

    place = Region.objects.create(name="Port Vale", slug="port-vale", kind="city")
    holder, claim = ActorFactory(), ClaimFactory()
    article = ArticleFactory(text="The militia holds the port.")
    scopes = (f"region:{place.pk}", f"actor:{holder.pk}", f"claim:{claim.pk}", "facts", f"actor:{claim.speaker_id}")
    before = versions(*scopes)
    Fact.objects.create(kind="controls", source=holder, target_region=place, article=article, claim=claim,
                        start=0, end=27, quote="The militia holds the port.")
    assert moved(before, versions(*scopes)) == {f"region:{place.pk}", f"actor:{holder.pk}", f"claim:{claim.pk}",
                                               "facts"}
