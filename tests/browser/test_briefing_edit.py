"""Editing a briefing in Chromium: live preview, save, and an edit conflict between two
browser sessions resolved without losing either editor's text."""
import re

from playwright.sync_api import expect

from briefings.models import Briefing
from tests.factories import BriefingFactory

BASE = "Kirkuk is disputed.\n\nThe peshmerga hold the city.\n\nBaghdad objects.\n"


def test_edit_with_live_preview_and_save(page, alice, logged_in):
    briefing = BriefingFactory(title="Kirkuk control", body=BASE)
    logged_in(page, alice)
    page.goto(f"/b/{briefing.slug}/")
    page.get_by_role("link", name="Edit draft").click()
    expect(page).to_have_url(re.compile(r"/edit/$"))

    editor = page.get_by_label("Text (Markdown)")
    editor.fill(BASE + "\n**Oil** is the prize. See [[Mosul offensive]].\n")
    preview = page.locator("#preview")
    expect(preview.locator("strong")).to_have_text("Oil")  # rendered by the server, shown by edit.js
    expect(preview.locator("a.missing")).to_have_text("Mosul offensive")
    page.get_by_label("Edit note").fill("Oil")
    page.get_by_role("button", name="Save draft").click()

    expect(page.locator(".messages")).to_contain_text("Saved revision 2 as the draft.")
    expect(page.locator(".rendered strong")).to_have_text("Oil")
    briefing.refresh_from_db()
    assert briefing.draft_revision.number == 2 and briefing.draft_revision.note == "Oil"


def test_edit_conflict_between_two_sessions_is_resolved(browser, new_context, alice, rita, logged_in):
    briefing = BriefingFactory(title="Kirkuk control", body=BASE)
    mine = logged_in(new_context(), alice)
    theirs = logged_in(new_context(), rita)
    for p in (mine, theirs):
        p.goto(f"/b/{briefing.slug}/edit/")

    # Rita saves first, changing the second paragraph.
    theirs.get_by_label("Text (Markdown)").fill(BASE.replace("hold the city", "hold the city and the oil fields"))
    theirs.get_by_role("button", name="Save draft").click()
    expect(theirs.locator(".messages")).to_contain_text("Saved revision 2")

    # Alice, still on revision 1, changes the same paragraph and the last one.
    mine.get_by_label("Text (Markdown)").fill(
        BASE.replace("hold the city", "took the city in June").replace("Baghdad objects.", "Baghdad objects loudly.")
    )
    mine.get_by_role("button", name="Save draft").click()

    conflict = mine.locator("#conflict")
    expect(conflict).to_contain_text("Edit conflict")
    expect(conflict.locator(".theirs")).to_contain_text("hold the city and the oil fields")
    expect(conflict.locator(".yours")).to_contain_text("took the city in June")
    editor = mine.get_by_label("Text (Markdown)")
    merged = editor.input_value()
    assert "<<<<<<< revision 2 by rita" in merged and "Baghdad objects loudly." in merged

    # Saving with the markers still in is refused, and the text stays.
    mine.get_by_role("button", name="Save draft").click()
    expect(mine.locator(".errors")).to_contain_text("conflict markers")
    assert mine.get_by_label("Text (Markdown)").input_value() == merged

    resolved = BASE.replace("hold the city", "took the city in June and hold the oil fields").replace(
        "Baghdad objects.", "Baghdad objects loudly."
    )
    mine.get_by_label("Text (Markdown)").fill(resolved)
    mine.get_by_role("button", name="Save draft").click()
    expect(mine.locator(".messages")).to_contain_text("Saved revision 3")

    briefing = Briefing.objects.get(pk=briefing.pk)
    assert briefing.draft_revision.body == resolved
    assert briefing.draft_revision.parent.number == 2


def test_non_overlapping_edits_from_two_sessions_merge(new_context, alice, rita, logged_in):
    briefing = BriefingFactory(title="Kirkuk control", body=BASE)
    mine = logged_in(new_context(), alice)
    theirs = logged_in(new_context(), rita)
    for p in (mine, theirs):
        p.goto(f"/b/{briefing.slug}/edit/")
    theirs.get_by_label("Text (Markdown)").fill(BASE.replace("Kirkuk is disputed.", "Kirkuk is hotly disputed."))
    theirs.get_by_role("button", name="Save draft").click()
    expect(theirs.locator(".messages")).to_contain_text("Saved revision 2")
    mine.get_by_label("Text (Markdown)").fill(BASE.replace("Baghdad objects.", "Baghdad objects loudly."))
    mine.get_by_role("button", name="Save draft").click()
    expect(mine.locator(".messages")).to_contain_text("merged into revision 3")
    body = Briefing.objects.get(pk=briefing.pk).draft_revision.body
    assert "hotly disputed" in body and "objects loudly" in body


def test_reader_sees_a_clear_refusal(page, bob, rita, logged_in):
    from briefings.services import briefing_publish

    briefing = BriefingFactory(title="Kirkuk control", body=BASE)
    briefing_publish(briefing=briefing, reviewer=rita)
    logged_in(page, bob)
    page.goto(f"/b/{briefing.slug}/")
    expect(page.get_by_role("link", name="Edit draft")).to_have_count(0)
    response = page.goto(f"/b/{briefing.slug}/edit/")
    assert response.status == 403
    expect(page.locator("main")).to_contain_text("Only editors may edit briefings")
