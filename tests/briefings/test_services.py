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
    briefing_revise_merging,
    revisions,
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


LINES = "Line one.\nLine two.\nLine three.\nLine four.\n"


def test_revise_merging_without_a_conflict_saves_directly(alice):
    briefing = BriefingFactory(body=LINES)
    result = briefing_revise_merging(briefing=briefing, editor=alice, body="New.\n",
                                     base_revision=briefing.draft_revision)
    assert result.revision.number == 2 and result.revision.body == "New.\n"
    assert result.merged_with is None and not result.conflicted


def test_revise_merging_saves_a_clean_merge_onto_what_was_saved_meanwhile(alice, rita):
    briefing = BriefingFactory(body=LINES)
    base = briefing.draft_revision
    theirs = briefing_revise(briefing=briefing, editor=rita, body=LINES.replace("one", "ONE"), base_revision=base)
    result = briefing_revise_merging(briefing=briefing, editor=alice, body=LINES.replace("four", "FOUR"),
                                     base_revision=base, note="alice's edit")
    assert result.revision.body == "Line ONE.\nLine two.\nLine three.\nLine FOUR.\n" == result.text
    assert (result.revision.number, result.revision.parent, result.merged_with) == (3, theirs, theirs)
    assert result.revision.note == "alice's edit" and not result.conflicted


def test_revise_merging_returns_an_overlapping_merge_unsaved_with_markers(alice, rita):
    briefing = BriefingFactory(body=LINES)
    base = briefing.draft_revision
    theirs = briefing_revise(briefing=briefing, editor=rita, body=LINES.replace("two", "two (rita)"),
                             base_revision=base)
    result = briefing_revise_merging(briefing=briefing, editor=alice, body=LINES.replace("two", "two (alice)"),
                                     base_revision=base)
    assert result.revision is None and result.conflicted and result.merged_with == theirs
    assert "<<<<<<< revision 2 by rita\nLine two (rita).\n=======\nLine two (alice).\n>>>>>>> your edit\n" in result.text
    assert Revision.objects.filter(briefing=briefing).count() == 2


def test_revise_merging_merges_again_when_the_draft_moves_during_the_retry(alice, rita, monkeypatch):
    briefing = BriefingFactory(body=LINES)
    base = briefing.draft_revision
    first = briefing_revise(briefing=briefing, editor=rita, body=LINES.replace("one", "ONE"), base_revision=base)
    real_merge3 = revisions.merge3

    def merge3_while_rita_saves_again(*args, **kwargs):
        # Between the first merge and its save, rita saves once more (a different line).
        if Revision.objects.filter(briefing=briefing).count() == 2:
            briefing_revise(briefing=Briefing.objects.get(pk=briefing.pk), editor=rita,
                            body=first.body.replace("two", "TWO"), base_revision=first)
        return real_merge3(*args, **kwargs)

    monkeypatch.setattr(revisions, "merge3", merge3_while_rita_saves_again)
    result = briefing_revise_merging(briefing=briefing, editor=alice, body=LINES.replace("four", "FOUR"),
                                     base_revision=base)
    assert result.revision.body == "Line ONE.\nLine TWO.\nLine three.\nLine FOUR.\n"
    assert result.revision.number == 4 and result.merged_with.number == 3 == result.revision.parent.number


def test_revise_merging_gives_up_when_the_draft_keeps_moving(alice, rita, monkeypatch):
    briefing = BriefingFactory(body=LINES)
    base = briefing.draft_revision
    briefing_revise(briefing=briefing, editor=rita, body=LINES + "r2\n", base_revision=base)
    real_merge3 = revisions.merge3

    def merge3_while_rita_keeps_saving(*args, **kwargs):
        current = Briefing.objects.get(pk=briefing.pk)
        briefing_revise(briefing=current, editor=rita, body=current.draft_revision.body + "more\n",
                        base_revision=current.draft_revision)
        return real_merge3(*args, **kwargs)

    monkeypatch.setattr(revisions, "merge3", merge3_while_rita_keeps_saving)
    with pytest.raises(EditConflict):
        briefing_revise_merging(briefing=briefing, editor=alice, body="Alice.\n" + LINES, base_revision=base)
    assert not Revision.objects.filter(briefing=briefing, author=alice).exists()


def test_titles_in_other_scripts_get_distinct_working_slugs(alice, client):
    kirkuk = briefing_create(title="Киркук контроль", author=alice)
    mosul = briefing_create(title="Мосул контроль", author=alice)
    assert kirkuk.slug and mosul.slug and kirkuk.slug != mosul.slug
    client.force_login(alice)
    assert client.get(kirkuk.get_absolute_url()).status_code == 200


def test_a_body_over_the_size_cap_is_refused_with_a_clear_message(alice):
    from django.core.exceptions import ValidationError

    from briefings.models import Revision as RevisionModel

    briefing = BriefingFactory(title="Long", body="Base.")
    too_long = "x" * (RevisionModel.BODY_MAX_CHARS + 1)
    with pytest.raises(ValidationError, match="at most"):
        briefing_revise(briefing=briefing, editor=alice, body=too_long, base_revision=briefing.draft_revision)
    with pytest.raises(ValidationError, match="at most"):
        briefing_create(title="Longer", author=alice, body=too_long)
    assert Revision.objects.filter(briefing=briefing).count() == 1
