"""Editing drafts in the browser's forms: save, preview, edit conflicts, create, history, diff, revert."""
import pytest
from django.urls import reverse

from briefings.models import Briefing, Revision
from briefings.services import briefing_publish, briefing_revise
from tests.factories import BriefingFactory, CitationFactory

pytestmark = pytest.mark.django_db

BASE = "Line one.\n\nLine two.\n\nLine three.\n\nLine four.\n"


@pytest.fixture
def briefing(db):
    return BriefingFactory(title="Kirkuk control", body=BASE)


def edit_url(briefing):
    return reverse("briefings:edit", args=[briefing.slug])


def save(client, briefing, body, base, note="", **extra):
    data = {"body": body, "note": note, "base_revision": base.pk if base else "", "save": "1", **extra}
    return client.post(edit_url(briefing), data)


def test_edit_form_carries_the_draft_and_its_revision(client, alice, briefing):
    client.force_login(alice)
    html = client.get(edit_url(briefing)).content.decode()
    assert "Line one." in html
    assert f'name="base_revision" value="{briefing.draft_revision.pk}"' in html
    assert 'name="note"' in html and "briefwiki/edit.js" in html


def test_save_makes_a_new_draft_revision(client, alice, briefing):
    client.force_login(alice)
    base = briefing.draft_revision
    response = save(client, briefing, BASE + "\nLine five.\n", base, note="Added line five")
    briefing.refresh_from_db()
    revision = briefing.draft_revision
    assert revision.number == 2 and revision.parent == base
    assert revision.body.endswith("Line five.\n") and revision.note == "Added line five" and revision.author == alice
    assert response.status_code == 302 and response.url == revision.get_absolute_url()


def test_textarea_newlines_are_stored_as_lf(client, alice, briefing):
    client.force_login(alice)
    save(client, briefing, BASE.replace("\n", "\r\n") + "\r\nMore.\r\n", briefing.draft_revision)
    briefing.refresh_from_db()
    assert "\r" not in briefing.draft_revision.body


def test_saving_unchanged_text_makes_no_revision(client, alice, briefing):
    client.force_login(alice)
    save(client, briefing, BASE, briefing.draft_revision)
    assert briefing.revisions.count() == 1


def test_non_overlapping_changes_merge_automatically(client, alice, rita, briefing):
    base = briefing.draft_revision
    theirs = briefing_revise(
        briefing=briefing, editor=rita, body=BASE.replace("Line one.", "Line ONE (rita)."), base_revision=base
    )
    client.force_login(alice)
    response = save(client, briefing, BASE.replace("Line four.", "Line FOUR (alice)."), base, note="alice's edit")
    assert response.status_code == 302
    briefing.refresh_from_db()
    merged = briefing.draft_revision
    assert merged.number == 3 and merged.parent == theirs
    assert "Line ONE (rita)." in merged.body and "Line FOUR (alice)." in merged.body
    assert "<<<<<<<" not in merged.body
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("merged" in m for m in messages)


def test_overlapping_changes_show_both_and_lose_nothing(client, alice, rita, briefing):
    base = briefing.draft_revision
    briefing_revise(briefing=briefing, editor=rita, body=BASE.replace("Line two.", "Line two, by rita."), base_revision=base)
    yours = BASE.replace("Line two.", "Line two, by alice.").replace("Line four.", "Line four, by alice.")
    client.force_login(alice)
    response = save(client, briefing, yours, base, note="alice's edit")
    assert response.status_code == 409
    html = response.content.decode()
    assert "Edit conflict" in html
    # Both versions side by side...
    hunk = html.split('class="conflict-hunk"')[1]
    assert "Line two, by rita." in hunk.split('class="yours"')[0]
    assert "Line two, by alice." in hunk.split('class="yours"')[1]
    # ...the editor holds the merged text with markers, alice's other change already in it...
    editor = html.split('name="body"')[1].split("</textarea>")[0]
    assert "&lt;&lt;&lt;&lt;&lt;&lt;&lt; revision 2 by rita" in editor
    assert "Line two, by rita." in editor and "Line two, by alice." in editor and "Line four, by alice." in editor
    # ...her whole text is kept as submitted, and the form now starts from rita's revision.
    assert "Line two, by alice." in html.split('class="your-text"')[1]
    briefing.refresh_from_db()
    assert f'name="base_revision" value="{briefing.draft_revision.pk}"' in html
    assert briefing.revisions.count() == 2  # nothing saved until she resolves


def test_conflict_markers_must_be_resolved_before_saving(client, alice, rita, briefing):
    base = briefing.draft_revision
    theirs = briefing_revise(briefing=briefing, editor=rita, body="Rita's.\n", base_revision=base)
    client.force_login(alice)
    marked = "<<<<<<< revision 2 by rita\nRita's.\n=======\nAlice's.\n>>>>>>> your edit\n"
    response = save(client, briefing, marked, theirs, resolving="True")
    assert response.status_code == 400
    assert "conflict markers" in response.content.decode()
    assert "Alice&#x27;s." in response.content.decode()  # the text is still there
    response = save(client, briefing, "Rita's.\nAlice's.\n", theirs, resolving="True")
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.draft_revision.body == "Rita's.\nAlice's.\n"


def test_preview_button_renders_without_saving(client, alice, briefing):
    client.force_login(alice)
    response = client.post(edit_url(briefing), {"body": "*Hello* [[Nowhere]]", "base_revision": briefing.draft_revision.pk, "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and "<em>Hello</em>" in html and "wiki missing" in html
    assert briefing.revisions.count() == 1


def test_preview_endpoint_returns_sanitised_html(client, alice, bob):
    citation = CitationFactory()
    client.force_login(alice)
    body = f"**Bold** <script>alert(1)</script> [^c{citation.claim_id}] [x](javascript:alert(1))"
    response = client.post(reverse("briefings:preview"), {"body": body})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in html and "<script>" not in html and 'href="javascript' not in html
    assert 'id="fn-1"' in html and citation.quote in html
    client.force_login(bob)
    assert client.post(reverse("briefings:preview"), {"body": "x"}).status_code == 403
    assert client.get(reverse("briefings:preview")).status_code == 405


def test_reader_trying_to_edit_gets_a_clear_403(client, bob, rita, briefing):
    briefing_publish(briefing=briefing, reviewer=rita)
    client.force_login(bob)
    response = client.get(edit_url(briefing))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Only editors may edit briefings" in html and "Kirkuk control" in html
    assert 'name="body"' not in html
    assert save(client, briefing, "Vandalism", briefing.draft_revision).status_code == 403
    assert briefing.revisions.count() == 1


def test_unpublished_briefing_is_not_found_for_readers(client, bob, briefing):
    client.force_login(bob)
    assert client.get(edit_url(briefing)).status_code == 404


def test_anonymous_edit_goes_to_login(client, briefing):
    response = client.get(edit_url(briefing))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_base_revision_of_another_briefing_is_refused(client, alice, briefing):
    other = BriefingFactory(title="Other")
    client.force_login(alice)
    response = save(client, briefing, "Text", other.draft_revision)
    assert response.status_code == 400 and briefing.revisions.count() == 1


# --- creating from a red link -----------------------------------------------------------------


def test_editor_creates_a_briefing_from_a_missing_link(client, alice):
    client.force_login(alice)
    form = client.get(reverse("briefings:create") + "?title=Mosul+offensive").content.decode()
    assert 'value="Mosul offensive"' in form
    response = client.post(reverse("briefings:create"), {"title": "Mosul offensive", "summary": "", "body": "First."})
    created = Briefing.objects.get(title="Mosul offensive")
    assert response.status_code == 302 and response.url == reverse("briefings:question", args=[created.slug])
    assert created.draft_revision.body == "First." and created.created_by == alice


def test_creating_an_existing_title_goes_to_it(client, alice, briefing):
    client.force_login(alice)
    response = client.post(reverse("briefings:create"), {"title": "kirkuk  control", "body": ""})
    assert response.url == briefing.get_absolute_url() and Briefing.objects.count() == 1


def test_reader_cannot_create(client, bob):
    client.force_login(bob)
    response = client.get(reverse("briefings:create") + "?title=X")
    assert response.status_code == 403 and "Only editors may create briefings" in response.content.decode()


# --- history, diff, revert --------------------------------------------------------------------


@pytest.fixture
def history(alice, rita, briefing):
    r1 = briefing.draft_revision
    r2 = briefing_revise(briefing=briefing, editor=alice, body=BASE.replace("Line two.", "Line 2."), base_revision=r1, note="two")
    briefing_publish(briefing=briefing, reviewer=rita)
    r3 = briefing_revise(briefing=briefing, editor=alice, body=BASE.replace("Line two.", "Line 2.") + "\nNew end.\n", base_revision=r2, note="end")
    return r1, r2, r3


def test_history_lists_every_revision_for_editors(client, alice, briefing, history):
    client.force_login(alice)
    html = client.get(reverse("briefings:history", args=[briefing.slug])).content.decode()
    for r in history:
        assert f">r{r.number}</a>" in html
    assert "published" in html and "draft" in html and "Revert to r1" in html


def test_readers_see_only_published_revisions(client, bob, briefing, history):
    client.force_login(bob)
    html = client.get(reverse("briefings:history", args=[briefing.slug])).content.decode()
    assert ">r2</a>" in html and ">r1</a>" not in html and ">r3</a>" not in html and "Revert" not in html
    diff = reverse("briefings:diff", args=[briefing.slug])
    assert client.get(diff + "?from=2&to=3").status_code == 404


def test_diff_between_any_two_revisions(client, alice, briefing, history):
    client.force_login(alice)
    html = client.get(reverse("briefings:diff", args=[briefing.slug]) + "?from=1&to=3").content.decode()
    assert "<del>two</del>" in html and "<ins>2</ins>" in html
    assert 'class="insert"' in html and "New end." in html
    # reversed order is shown oldest first; default compares the newest with its predecessor
    assert client.get(reverse("briefings:diff", args=[briefing.slug]) + "?from=3&to=1").status_code == 200
    html = client.get(reverse("briefings:diff", args=[briefing.slug])).content.decode()
    assert "revision 2" in html and "revision 3" in html


def test_diff_escapes_markup(client, alice, briefing):
    briefing_revise(briefing=briefing, editor=alice, body="<b>bold</b>", base_revision=briefing.draft_revision)
    client.force_login(alice)
    html = client.get(reverse("briefings:diff", args=[briefing.slug])).content.decode()
    assert "&lt;b&gt;" in html and "<b>bold" not in html


def test_revert_makes_a_new_revision(client, alice, briefing, history):
    r1, r2, r3 = history
    client.force_login(alice)
    response = client.post(reverse("briefings:revert", args=[briefing.slug, 1]), {"base_revision": r3.pk})
    briefing.refresh_from_db()
    assert briefing.draft_revision.number == 4 and briefing.draft_revision.body == r1.body
    assert response.url == briefing.draft_revision.get_absolute_url()
    assert Revision.objects.filter(briefing=briefing).count() == 4


def test_revert_from_a_stale_history_is_refused(client, alice, briefing, history):
    r1, r2, r3 = history
    client.force_login(alice)
    response = client.post(reverse("briefings:revert", args=[briefing.slug, 1]), {"base_revision": r2.pk})
    assert response.status_code == 302 and response.url == reverse("briefings:history", args=[briefing.slug])
    briefing.refresh_from_db()
    assert briefing.draft_revision == r3


def test_reader_cannot_revert(client, bob, briefing, history):
    client.force_login(bob)
    response = client.post(reverse("briefings:revert", args=[briefing.slug, 1]), {"base_revision": history[2].pk})
    assert response.status_code == 403 and briefing.revisions.count() == 3


def test_a_body_over_the_cap_is_refused_with_a_clear_message(client, alice, briefing):
    client.force_login(alice)
    too_long = "Kirkuk. " * (Revision.BODY_MAX_CHARS // 8 + 1)
    response = save(client, briefing, too_long, briefing.draft_revision)
    assert response.status_code == 400 and "at most 100,000 characters" in response.content.decode()
    # A merge that grows past the cap is refused the same way, with the editor's text kept.
    other = briefing_revise(briefing=briefing, editor=alice, body="Line zero.\n\n" + BASE, base_revision=briefing.draft_revision)
    near_cap = BASE + "x" * (Revision.BODY_MAX_CHARS - len(BASE) - 5)
    response = save(client, briefing, near_cap, other.parent)
    assert response.status_code == 400 and "at most 100,000 characters" in response.content.decode()
    assert Revision.objects.filter(briefing=briefing).count() == 2


def test_a_diff_at_the_size_cap_stays_a_page_not_megabytes(client, alice, briefing):
    import time

    lines = Revision.BODY_MAX_CHARS // 4
    old = briefing_revise(briefing=briefing, editor=alice, body="a\n" * (2 * lines), base_revision=briefing.draft_revision)
    briefing_revise(briefing=briefing, editor=alice, body="b\n" + "a\nc\n" * (lines - 1), base_revision=old)
    client.force_login(alice)
    url = reverse("briefings:diff", args=[briefing.slug]) + f"?from={old.number}&to={old.number + 1}"
    start = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - start
    print(f"diff page at the cap: {seconds * 1000:.0f} ms, {len(response.content):,} bytes")
    assert response.status_code == 200 and "not shown" in response.content.decode()
    assert len(response.content) < 1_000_000 and seconds < 2
