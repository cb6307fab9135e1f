import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import close_old_connections

from briefings.models import Briefing, Link, Revision
from briefings.services import (
    EditConflict,
    briefing_create,
    briefing_publish,
    briefing_revise,
)
from tests.factories import BriefingFactory

pytestmark = pytest.mark.django_db


def test_revise_numbers_the_new_draft_after_the_last(alice):
    briefing = BriefingFactory()
    r2 = briefing_revise(briefing=briefing, editor=alice, body="Two", base_revision=briefing.draft_revision, note="n")
    r3 = briefing_revise(briefing=briefing, editor=alice, body="Three", base_revision=r2)
    briefing.refresh_from_db()
    assert (r2.number, r3.number, r3.parent) == (2, 3, r2)
    assert briefing.draft_revision == r3 and r3.author == alice


def test_revise_rejects_stale_base_revision(alice, rita):
    briefing = BriefingFactory()
    base = briefing.draft_revision
    briefing_revise(briefing=briefing, editor=rita, body="Rita's edit", base_revision=base)
    with pytest.raises(EditConflict) as info:
        briefing_revise(briefing=briefing, editor=alice, body="Alice's edit", base_revision=base)
    assert info.value.current.body == "Rita's edit"
    assert Revision.objects.filter(briefing=briefing).count() == 2


def test_readers_and_outsiders_cannot_revise(bob, charlie):
    briefing = BriefingFactory()
    for user in (bob, charlie):
        with pytest.raises(PermissionDenied):
            briefing_revise(briefing=briefing, editor=user, body="x", base_revision=briefing.draft_revision)


def test_only_reviewers_publish(alice, rita):
    briefing = BriefingFactory()
    with pytest.raises(PermissionDenied):
        briefing_publish(briefing=briefing, reviewer=alice)
    published = briefing_publish(briefing=briefing, reviewer=rita)
    briefing.refresh_from_db()
    assert briefing.published_revision == published and briefing.published_at


def test_publish_records_wiki_links_and_resolves_them_when_the_page_appears(rita):
    kirkuk = BriefingFactory(title="Kirkuk control", body="See [[Iran's stance on Maliki]] and [[Nowhere yet]].")
    briefing_publish(briefing=kirkuk, reviewer=rita)
    assert sorted(Link.objects.values_list("target_title", flat=True)) == ["Iran's stance on Maliki", "Nowhere yet"]
    iran = briefing_create(title="Iran's stance on Maliki")
    assert Link.objects.get(target_title="Iran's stance on Maliki").target == iran
    assert list(iran.backlinks.values_list("source__title", flat=True)) == ["Kirkuk control"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_revisions_from_one_base_save_exactly_one(alice, rita):
    briefing = BriefingFactory()
    base = briefing.draft_revision
    barrier = threading.Barrier(2)
    outcomes = []

    def save(editor, body):
        try:
            barrier.wait()
            briefing_revise(briefing=Briefing.objects.get(pk=briefing.pk), editor=editor, body=body, base_revision=base)
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("conflict")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=save, args=(u, u.username)) for u in (alice, rita)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert sorted(Revision.objects.filter(briefing=briefing).values_list("number", flat=True)) == [1, 2]
