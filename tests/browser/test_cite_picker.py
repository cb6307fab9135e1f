"""Citing a claim from the editor's picker in Chromium: search by a word, Insert at the cursor,
the preview's footnote, and the saved draft citing the claim."""
import datetime as dt
import os

from playwright.sync_api import expect

from briefings.markup import cite_marker, cited_claim_ids
from briefings.models import Briefing
from briefings.services import briefing_question_set
from claims.models import Claim
from tests.factories import ActorFactory, ArticleFactory, BriefingFactory, CitationFactory, OutletFactory, RegionFactory

BASE = "Kirkuk is disputed.\n\nThe peshmerga hold the city.\n"
SCREENSHOT = os.environ.get("BRIEFWIKI_SCREENSHOT_DIR")


def test_search_insert_preview_and_save(page, alice, logged_in):
    kirkuk = RegionFactory(name="Kirkuk")
    briefing = BriefingFactory(title="Kirkuk control", body=BASE)
    briefing_question_set(briefing=briefing, editor=alice, question="free", actors=[], regions=[kirkuk])
    rudaw, reuters = OutletFactory(name="Rudaw"), OutletFactory(name="Reuters")
    claims = []
    for text, speaker, status, confidence, day in [
        ("Kurds would not leave Kirkuk", "Masoud Barzani", Claim.Status.REPORTED, None, 27),
        ("the peshmerga took full control of Kirkuk", "Jabbar Yawar", Claim.Status.DISPUTED, 0.9, 12),
        ("Baghdad would send troops to the oil fields", "Nouri al-Maliki", Claim.Status.REPORTED, 0.3, None),
        ("the road to Erbil reopened", "Najmaldin Karim", Claim.Status.CORROBORATED, 0.95, 20),
    ]:
        when = {"event_date": dt.date(2014, 6, day), "event_date_precision": "day"} if day else {}
        claim = Claim.objects.create(text=text, speaker=ActorFactory(name=speaker), status=status, **when,
                                     confidence=confidence, relayed_by=reuters if "troops" in text else None)
        claim.regions.add(kirkuk)
        CitationFactory(claim=claim, article=ArticleFactory(outlet=rudaw))
        claims.append(claim)
    wanted = claims[1]
    Claim.objects.create(text="the peshmerga entered Mosul", speaker=ActorFactory(name="Elsewhere"))

    logged_in(page, alice)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"/b/{briefing.slug}/edit/")
    results = page.locator("#cite-results")
    expect(results.locator("li")).to_have_count(4)  # the claims about the briefing, before any search

    editor = page.get_by_label("Text (Markdown)")
    cursor = BASE.index(" hold the city")
    editor.evaluate("(el, at) => { el.focus(); el.setSelectionRange(at, at); }", cursor)
    page.get_by_label("Find a claim").fill("peshmerga")
    expect(results.locator("li")).to_have_count(1)  # not the claim about Mosul: not about the briefing
    expect(results).to_contain_text("Jabbar Yawar said the peshmerga took full control of Kirkuk (12 June 2014).")
    expect(results.locator(".status")).to_have_text("Disputed")
    if SCREENSHOT:
        page.get_by_label("Find a claim").fill("")
        expect(results.locator("li")).to_have_count(4)
        page.locator(".cite-picker").scroll_into_view_if_needed()
        page.screenshot(path=f"{SCREENSHOT}/cite-picker.png", full_page=True)
        page.get_by_label("Find a claim").fill("peshmerga")
        expect(results.locator("li")).to_have_count(1)

    expect(results.locator("li .cited-note")).to_be_hidden()
    results.get_by_role("button", name="Insert").click()
    marker = cite_marker(wanted.pk)
    expect(editor).to_have_value(BASE[:cursor] + marker + BASE[cursor:])
    expect(page.locator("#preview sup.cite")).to_have_text("1")
    expect(page.locator("#preview .footnotes")).to_contain_text("took full control of Kirkuk")
    expect(results.locator("li .cited-note")).to_be_visible()  # the row says the text cites it now
    editor.press("Control+z")  # an insertion is undone like typing
    expect(editor).to_have_value(BASE)
    editor.press("Control+Shift+z")
    expect(editor).to_have_value(BASE[:cursor] + marker + BASE[cursor:])

    page.get_by_label("Edit note").fill("Cite Yawar")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Saved revision 2")
    draft = Briefing.objects.get(pk=briefing.pk).draft_revision
    assert cited_claim_ids(draft.body) == [wanted.pk]


def test_without_javascript_the_search_opens_the_markers_in_a_new_tab(new_context, alice, logged_in):
    kirkuk = RegionFactory(name="Kirkuk")
    briefing = BriefingFactory(title="Kirkuk control", body=BASE)
    briefing_question_set(briefing=briefing, editor=alice, question="free", actors=[], regions=[kirkuk])
    mosul = Claim.objects.create(text="the peshmerga entered Mosul", speaker=ActorFactory(name="Elsewhere"))

    context = new_context(java_script_enabled=False)
    page = logged_in(context, alice)
    page.goto(f"/b/{briefing.slug}/edit/")
    page.get_by_label("Text (Markdown)").fill(BASE + "Unsaved words.\n")
    page.get_by_label("Find a claim").fill("mosul")
    page.get_by_label("All claims").check()
    with context.expect_page() as opened:
        page.get_by_label("Find a claim").press("Enter")  # submits the picker's form, not the draft
    results = opened.value
    expect(results.locator("h1")).to_contain_text("Cite a claim in Kirkuk control")
    expect(results.locator("code", has_text=cite_marker(mosul.pk))).to_be_visible()
    assert page.get_by_label("Text (Markdown)").input_value() == BASE + "Unsaved words.\n"  # the text stays
    assert Briefing.objects.get(pk=briefing.pk).draft_revision.number == 1
    if SCREENSHOT:
        results.screenshot(path=f"{SCREENSHOT}/cite-picker-nojs.png", full_page=True)
