"""Correcting a wrong speaker from a review card in Chromium: the correction shows on the
briefing's footnote, the actor's page and the API, and stands after the article is processed
again through the real pipeline."""
from unittest import mock

from playwright.sync_api import expect

from actors.services import actor_ensure, region_ensure
from briefings.models import Suggestion
from briefings.services import briefing_create, briefing_publish
from claims.models import Claim
from claims.pipeline.process import article_process
from sources.services import article_reprocess, article_submit

TEXT = ("Kirkuk, June 20. Masoud Barzani said Kurds would never leave Kirkuk, in a statement "
        "read to reporters on Friday.")


def test_correct_a_speaker_on_a_review_card_then_reprocess(page, alice, rita, bob, logged_in, new_context):
    kirkuk, _ = region_ensure(slug="kirkuk", name="Kirkuk", kind="city")
    barzani, _ = actor_ensure(slug="masoud-barzani", name="Masoud Barzani", kind="person", aliases=["Barzani"])
    actor_ensure(slug="nouri-al-maliki", name="Nouri al-Maliki", kind="person", aliases=["Maliki"])
    briefing = briefing_create(title="Kirkuk control", body="Opening text.", actors=[barzani], regions=[kirkuk])
    briefing_publish(briefing=briefing, reviewer=rita)
    article, _ = article_submit(text=TEXT, title="Kirkuk statement", enqueue=False)
    assert article_process(article.pk) == "done"
    claim = Claim.objects.get(speaker=barzani)
    suggestion = Suggestion.objects.get(claim=claim, briefing=briefing)

    logged_in(page, alice)
    page.goto(f"/b/{briefing.slug}/review/")
    card = page.locator(f"#suggestion-{suggestion.pk}")
    expect(card).to_contain_text("Masoud Barzani said")
    card.get_by_text("Correct", exact=True).click()
    card.get_by_label("Speaker").fill("Nouri al-Maliki")
    card.locator("input[name=reason]").fill("The statement was Maliki's, read by his office.")
    card.get_by_role("button", name="Save correction").click()
    expect(page.locator(".messages")).to_contain_text("corrected")
    card = page.locator(f"#suggestion-{suggestion.pk}")
    expect(card.locator(".suggested")).to_contain_text("Nouri al-Maliki said Kurds would never leave Kirkuk")
    card.get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Accepted")

    briefing.refresh_from_db()
    briefing_publish(briefing=briefing, reviewer=rita)

    def shows_maliki(reader):
        reader.goto(f"/b/{briefing.slug}/")
        expect(reader.locator(".footnotes")).to_contain_text("Nouri al-Maliki said Kurds would never leave Kirkuk")
        # The citation keeps the article's own words; the attribution is the claim's.
        expect(reader.locator(".footnotes .claim-ref")).not_to_contain_text("Masoud Barzani")
        reader.goto("/actors/nouri-al-maliki/")
        expect(reader.locator("table.claims").first).to_contain_text("Kurds would never leave Kirkuk")
        reader.goto("/actors/masoud-barzani/")
        expect(reader.locator("body")).not_to_contain_text("Nouri al-Maliki said")
        data = reader.request.get(f"/api/claims/{claim.pk}/").json()
        assert data["speaker"]["slug"] == "nouri-al-maliki" and data["corrected"] == ["speaker"]

    reader = logged_in(new_context(), bob)
    shows_maliki(reader)

    # Processed again through the real pipeline: the correction stands, no second claim appears.
    with mock.patch("sources.services._enqueue") as enqueue:
        article_reprocess(article=article, user=alice)
    enqueue.assert_called_once()
    assert article_process(article.pk) == "done"
    assert Claim.objects.filter(citations__article=article).distinct().count() == 1
    assert not Claim.objects.filter(speaker=barzani).exists()
    shows_maliki(reader)
