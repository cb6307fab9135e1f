"""Searching from the nav, in Chromium: the result comes back ranked with its match highlighted."""
import re

from playwright.sync_api import expect

from actors.services import actor_ensure
from briefings.services import briefing_create, briefing_publish
from tests.factories import ClaimFactory


def test_search_from_the_nav_shows_highlighted_results(page, bob, rita, logged_in):
    briefing = briefing_create(title="Kirkuk control", body="Peshmerga forces withdrew from the oil fields.")
    briefing_publish(briefing=briefing, reviewer=rita)
    soleimani, _ = actor_ensure(slug="qassem-soleimani", name="Qassem Soleimani", kind="person")
    ClaimFactory(text="Peshmerga forces left the oil fields.", speaker=soleimani)
    logged_in(page, bob)

    box = page.locator("header nav").get_by_role("searchbox", name="Search the wiki")
    box.fill("peshmerga")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=peshmerga$"))
    briefings = page.locator("#results-briefings")
    expect(briefings.get_by_role("link", name="Kirkuk control")).to_be_visible()
    expect(briefings.locator("mark").first).to_have_text("Peshmerga")
    expect(page.locator("#results-claims mark").first).to_have_text("Peshmerga")

    briefings.get_by_role("link", name="Kirkuk control").click()
    expect(page).to_have_url(re.compile(r"/b/kirkuk-control/$"))


def test_an_alias_finds_the_actor(page, bob, logged_in):
    actor_ensure(slug="qassem-soleimani", name="Qassem Soleimani", kind="person", aliases=["Ghasem Soleimani"])
    logged_in(page, bob)
    page.goto("/search/?q=ghasem")
    actors = page.locator("#results-actors")
    expect(actors.get_by_role("link", name="Qassem Soleimani")).to_be_visible()
    expect(actors.locator("mark")).to_have_text("Ghasem")
