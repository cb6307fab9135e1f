"""Review at scale in Chromium: everything from one outlet rejected at once and the decision
undone; deciding with the keys; the demo's editor and reviewer and who may publish."""
import io

from django.core.management import call_command
from playwright.sync_api import expect

from briefings.markup import cite_marker
from briefings.models import ReviewDecision, Suggestion
from briefings.services import briefing_publish, briefing_revise
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    BriefingFactory,
    CitationFactory,
    OutletFactory,
    SuggestionFactory,
)


def suggestions(briefing, outlet, sentences):
    made = []
    for sentence in sentences:
        citation = CitationFactory(quote="Officials in Kirkuk", article=ArticleFactory(outlet=outlet))
        made.append(SuggestionFactory(briefing=briefing, claim=citation.claim,
                                      text=f"{sentence} {cite_marker(citation.claim_id)}"))
    return made


def test_reject_everything_from_one_outlet_then_undo(page, alice, logged_in):
    briefing = BriefingFactory(title="Kirkuk control", body="Opening text.")
    wire = OutletFactory(name="Wire Rewrites", slug="wire-rewrites")
    rewrites = suggestions(briefing, wire, ["Rewrite one.", "Rewrite two.", "Rewrite three."])
    kept = suggestions(briefing, OutletFactory(name="Rudaw"), ["The road reopened."])
    logged_in(page, alice)
    page.goto(f"/b/{briefing.slug}/review/")
    expect(page.locator(".suggestion")).to_have_count(4)

    # The outlet's name on a card narrows the page to that outlet.
    page.locator(f"#suggestion-{rewrites[0].pk}").get_by_role("link", name="Wire Rewrites").click()
    expect(page.locator(".suggestion")).to_have_count(3)
    bulk = page.locator("form.bulk")
    bulk.get_by_label("all 3 matching the filters").check()
    bulk.get_by_label("Reason").fill("Rewrites of an agency story.")
    bulk.get_by_role("button", name="Reject").click()
    expect(page.locator(".messages")).to_contain_text("Rejected 3 suggestions")
    expect(page.locator(".suggestion")).to_have_count(0)
    assert set(Suggestion.objects.filter(state="rejected")) == set(rewrites)
    assert Suggestion.objects.get(pk=kept[0].pk).state == "pending"

    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".messages")).to_contain_text("Undone")
    expect(page.locator(".suggestion")).to_have_count(3)
    assert not Suggestion.objects.exclude(state="pending").exists()
    assert ReviewDecision.objects.get().undone_by == alice


def test_review_with_the_keys(page, alice, logged_in):
    briefing = BriefingFactory(title="Kirkuk control", body="Opening text.")
    first, second = suggestions(briefing, OutletFactory(), ["The curfew was lifted.", "Oil exports resumed."])
    logged_in(page, alice)
    page.goto(f"/b/{briefing.slug}/review/")
    expect(page.locator(".keys")).to_contain_text("reject")
    expect(page.locator(f"#suggestion-{first.pk}")).to_have_class("suggestion current")
    page.keyboard.press("r")
    expect(page.locator(f"#reject-reason-{first.pk}")).to_be_focused()
    page.keyboard.type("Not about control of the city.")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Rejected")
    expect(page.locator(".suggestion")).to_have_count(1)
    page.keyboard.press("a")
    expect(page.locator(".messages")).to_contain_text("Accepted")
    assert dict(Suggestion.objects.values_list("pk", "state")) == {first.pk: "rejected", second.pk: "accepted"}


def test_the_demo_editor_hands_the_draft_to_the_demo_reviewer(page, new_context, logged_in):
    out = io.StringIO()
    call_command("demo_user", stdout=out)
    logins = {name: password for name, _, password in (line.split() for line in out.getvalue().splitlines())}
    briefing = BriefingFactory(title="Kirkuk control", body="Opening text.")
    briefing_publish(briefing=briefing, reviewer=None)
    briefing_revise(briefing=briefing, editor=None, body="Opening text.\n\nA new paragraph.",
                    base_revision=briefing.draft_revision)

    logged_in(page, "demo-editor", logins["demo-editor"])
    page.goto(f"/b/{briefing.slug}/review/")
    expect(page.locator(".publish-box")).to_contain_text("A reviewer publishes the draft")
    expect(page.get_by_role("button", name="Publish revision 2")).to_have_count(0)

    reviewer = logged_in(new_context(), "demo-reviewer", logins["demo-reviewer"])
    reviewer.goto(f"/b/{briefing.slug}/review/")
    expect(reviewer.locator(".publish-box")).not_to_contain_text("A reviewer publishes")
    reviewer.get_by_role("button", name="Publish revision 2").click()
    expect(reviewer.locator(".messages")).to_contain_text("Published revision 2")


def test_a_stance_claim_goes_by_default_into_its_partys_section(page, alice, logged_in):
    from briefings.models import Briefing
    from claims.models import Fact

    target, party = ActorFactory(name="Walter Prime"), ActorFactory(name="Hana Okafor")
    briefing = BriefingFactory(title="Lakeland's stance on Prime", body="Opening.\n\n## What to watch\n\nVotes.\n")
    Briefing.objects.filter(pk=briefing.pk).update(question="stance", question_target=target)
    (backing,) = suggestions(briefing, OutletFactory(name="AFP"), ["Okafor backs Prime."])
    Fact.objects.create(kind=Fact.Kind.SUPPORTS, source=party, target_actor=target, claim=backing.claim,
                        article=backing.claim.citations.get().article, start=0, end=5, quote="backs")
    logged_in(page, alice)
    page.goto(f"/b/{briefing.slug}/review/")
    card = page.locator(f"#suggestion-{backing.pk}")
    expect(card.get_by_label("Into")).to_have_value("new-section:Hana Okafor")
    card.get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Accepted")
    briefing.refresh_from_db()
    body = briefing.draft_revision.body
    assert body.index("## What to watch") < body.index("## Hana Okafor") < body.index("Okafor backs Prime.")


def test_accept_into_a_section_of_the_draft(page, alice, logged_in):
    briefing = BriefingFactory(title="Kirkuk control", body="Intro.\n\n## Military\n\nTroops moved.\n\n## Oil\n\nFields.\n")
    (road,) = suggestions(briefing, OutletFactory(name="AFP"), ["The road to Kirkuk reopened."])
    logged_in(page, alice)
    page.goto(f"/b/{briefing.slug}/review/")
    card = page.locator(f"#suggestion-{road.pk}")
    card.get_by_text("Edit, then accept").click()
    card.get_by_label("Sentence to add to the draft").fill(f"The road to Kirkuk reopened on Friday. {cite_marker(road.claim_id)}")
    card.get_by_label("Into").select_option("Military")
    card.get_by_role("button", name="Accept edited text").click()
    expect(page.locator(".messages")).to_contain_text("Accepted")
    briefing.refresh_from_db()
    body = briefing.draft_revision.body
    assert body.index("Troops moved.") < body.index("reopened on Friday") < body.index("## Oil")
    assert briefing.draft_revision.note.startswith("Accepted: ") and "AFP" in briefing.draft_revision.note
