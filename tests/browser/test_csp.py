"""The strict Content-Security-Policy breaks no page: each loads, in Chromium, without a single
violation (an inline script or style, or a source from elsewhere, would be reported)."""
import pytest
from playwright.sync_api import expect

from briefings.services import briefing_publish
from tests.factories import BriefingFactory, SuggestionFactory


@pytest.fixture
def violations(page):
    seen = []
    page.on("console", lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None)
    return seen


def test_the_pages_load_under_the_policy(page, alice, rita, logged_in, violations):
    briefing = BriefingFactory(title="Kirkuk control", body="Peshmerga hold [[Kirkuk]].")
    briefing_publish(briefing=briefing, reviewer=rita)
    SuggestionFactory(briefing=briefing)
    logged_in(page, alice)
    for path in ["/", briefing.get_absolute_url(), f"/b/{briefing.slug}/edit/", f"/b/{briefing.slug}/review/",
                 "/search/?q=Kirkuk", "/claims/", "/actors/", "/changes/", "/watches/", "/accounts/tokens/",
                 "/api/docs/", "/accounts/password/reset/"]:
        response = page.goto(path)
        assert response.status < 400, path
        page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_admin_loads_under_the_policy(page, ada, logged_in, violations):
    ada.is_staff = True
    ada.save()
    logged_in(page, ada)
    for path in ["/accounts/lockouts/", "/admin/", "/admin/auth/user/", f"/admin/auth/user/{ada.pk}/change/"]:
        assert page.goto(path).status < 400, path
        page.wait_for_load_state("networkidle")
    expect(page.locator("#content")).to_be_visible()
    assert violations == []
