"""Reviewing the extractor's candidates in Chromium: accept one (with its kind and parent), merge another."""
import re

from playwright.sync_api import expect

from actors.models import Actor, ReviewState
from actors.services import actor_ensure, candidate_propose
from tests.factories import ArticleFactory, MentionFactory


def _candidate_with_mention(name: str) -> Actor:
    candidate, _ = candidate_propose(target="actor", name=name, kind="person")
    article = ArticleFactory(text=f"Officials said {name} arrived.")
    MentionFactory(article=article, start=15, end=15 + len(name), text=name, actor=candidate)
    return candidate


def test_editor_accepts_and_merges_candidates(page, alice, logged_in):
    soleimani, _ = actor_ensure(slug="qassem-soleimani", name="Qassem Soleimani", kind="person")
    newcomer = _candidate_with_mention("Abu Example")
    variant = _candidate_with_mention("Ghasem Soleimani")
    logged_in(page, alice)
    page.goto("/actors/candidates/")

    row = page.locator(f"#candidate-actor-{newcomer.pk}")
    expect(row).to_contain_text("1 mention")
    expect(row.locator("mark")).to_have_text("Abu Example")
    row.get_by_role("button", name="Accept").click()
    expect(page.locator(".messages")).to_contain_text("Abu Example is in the catalogue now.")
    expect(page.locator(f"#candidate-actor-{newcomer.pk}")).to_have_count(0)

    row = page.locator(f"#candidate-actor-{variant.pk}")
    row.get_by_label("Merge Ghasem Soleimani into").fill("qassem-soleimani")
    row.get_by_role("button", name="Merge").click()
    expect(page.locator(".messages")).to_contain_text("Ghasem Soleimani was merged into Qassem Soleimani.")
    expect(page.locator("#candidate-actors")).to_contain_text("None waiting.")

    newcomer.refresh_from_db(), variant.refresh_from_db()
    assert newcomer.review_state == ReviewState.ACCEPTED
    assert variant.review_state == ReviewState.MERGED and variant.merged_into == soleimani

    # The merged entry's page points at the actor it was merged into, which now has the name.
    page.goto(variant.get_absolute_url())
    page.locator(".notice").get_by_role("link", name="Qassem Soleimani").click()
    expect(page).to_have_url(re.compile(r"/actors/qassem-soleimani/$"))
    expect(page.locator("dl.facts")).to_contain_text("Ghasem Soleimani")


def test_reader_gets_a_clear_403_on_the_queue(page, bob, logged_in):
    _candidate_with_mention("Abu Example")
    logged_in(page, bob)
    response = page.goto("/actors/candidates/")
    assert response.status == 403
    expect(page.locator("main")).to_contain_text("Reviewing candidate actors and regions is for editors.")

def test_editor_accepts_a_place_inside_its_governorate_and_an_outlet_as_media(page, alice, logged_in):
    from actors.services import region_ensure

    iraq, _ = region_ensure(slug="iraq", name="Iraq", kind="country")
    governorate, _ = region_ensure(slug="kirkuk-governorate", name="Kirkuk Governorate", kind="province", parent=iraq)
    hawija, _ = candidate_propose(target="region", name="Hawija", kind="area")
    irna = _candidate_with_mention("IRNA")
    logged_in(page, alice)
    page.goto("/actors/candidates/")

    row = page.locator(f"#candidate-region-{hawija.pk}")
    row.get_by_label("Kind of Hawija").select_option("city")
    row.get_by_label("Parent of Hawija").fill("Kirkuk Governorate")
    row.get_by_role("button", name="Accept").click()
    expect(page.locator(".messages")).to_contain_text("Hawija is in the catalogue now.")

    row = page.locator(f"#candidate-actor-{irna.pk}")
    expect(row.get_by_role("button", name="Reject")).to_have_class("danger")
    row.get_by_label("Kind of IRNA").select_option("media_outlet")
    row.get_by_role("button", name="Accept").click()
    expect(page.locator(".messages")).to_contain_text("IRNA is in the catalogue now.")

    hawija.refresh_from_db(), irna.refresh_from_db()
    assert (hawija.kind, hawija.parent) == ("city", governorate)
    assert (irna.kind, irna.review_state) == ("media_outlet", ReviewState.ACCEPTED)
