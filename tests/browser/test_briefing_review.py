"""Reviewing a draft in Chromium: accept, edit-then-accept and reject suggestions, then publish."""
from playwright.sync_api import expect

from briefings.markup import cite_marker
from briefings.models import Briefing, Suggestion
from briefings.services import briefing_publish
from tests.factories import BriefingFactory, CitationFactory, SuggestionFactory


def make_suggestions(rita):
    briefing = BriefingFactory(title="Kirkuk control", body="Opening text.")
    briefing_publish(briefing=briefing, reviewer=rita)
    made = []
    for sentence in ("The road to Kirkuk reopened.", "Oil exports resumed.", "Curfew lifted."):
        citation = CitationFactory(quote="Officials in Kirkuk")
        made.append(SuggestionFactory(briefing=briefing, claim=citation.claim, text=f"{sentence} {cite_marker(citation.claim_id)}"))
    return briefing, made


def test_accept_edit_and_reject_suggestions_then_publish(page, alice, rita, bob, logged_in, new_context):
    briefing, (road, oil, curfew) = make_suggestions(rita)
    logged_in(page, alice)
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Kirkuk control").click()
    expect(page.locator(".suggestion")).to_have_count(3)
    expect(page.locator(f"#suggestion-{road.pk}")).to_contain_text("Officials in Kirkuk")

    # Accept as proposed.
    page.locator(f"#suggestion-{road.pk}").get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Accepted")
    expect(page.locator(".suggestion")).to_have_count(2)

    # Edit, then accept.
    card = page.locator(f"#suggestion-{oil.pk}")
    card.get_by_text("Edit, then accept").click()
    card.get_by_label("Sentence to add to the draft").fill(f"Oil exports through Ceyhan resumed. {cite_marker(oil.claim_id)}")
    card.get_by_role("button", name="Accept edited text").click()
    expect(page.locator(".messages")).to_contain_text("Accepted")

    # Reject, with the reason the form asks for.
    card = page.locator(f"#suggestion-{curfew.pk}")
    card.get_by_text("Reject").first.click()
    card.get_by_label("Why? (required)").fill("Not about Kirkuk.")
    card.get_by_role("button", name="Reject").click()
    expect(page.locator(".messages")).to_contain_text("Rejected")
    expect(page.locator(".suggestion")).to_have_count(0)
    expect(page.get_by_role("button", name="Publish revision 3")).to_have_count(0)  # alice is not a reviewer

    states = dict(Suggestion.objects.values_list("pk", "state"))
    assert states == {road.pk: "accepted", oil.pk: "accepted", curfew.pk: "rejected"}
    assert Suggestion.objects.get(pk=curfew.pk).reason == "Not about Kirkuk."

    # Rita publishes the draft; bob reads it.
    reviewer = logged_in(new_context(), rita)
    reviewer.goto(f"/b/{briefing.slug}/review/")
    reviewer.get_by_role("button", name="Publish revision 3").click()
    expect(reviewer.locator(".messages")).to_contain_text("Published revision 3")
    expect(reviewer.locator(".rendered")).to_contain_text("Oil exports through Ceyhan resumed.")
    assert Briefing.objects.get(pk=briefing.pk).published_revision.number == 3

    reader = logged_in(new_context(), bob)
    reader.goto(f"/b/{briefing.slug}/")
    expect(reader.locator(".rendered")).to_contain_text("The road to Kirkuk reopened.")
    expect(reader.locator(".rendered")).not_to_contain_text("Curfew lifted.")
    expect(reader.locator(".footnotes li")).to_have_count(2 + 2)  # two notes, each with one citation
