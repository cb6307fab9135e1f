"""Both seed briefings' answer panels in Chromium, from the seed article processed through the
real pipeline: the answer is above the fold and every row links to its source."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from briefings.seeding import seed_load
from claims.pipeline.process import article_process
from sources.services import article_submit

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_dd40b06f8a9999e8.txt"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside this clone (it is in CI)")


def above_the_fold(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] < page.viewport_size["height"]


def test_both_answer_panels_answer_above_the_fold(page, bob, logged_in, tmp_path):
    seed_load()
    article, _ = article_submit(text=SEED.read_text(encoding="utf-8"), outlet="VICE News",
                                published_at="2014-06-27", title="US and Iranian Involvement in Iraq", enqueue=False)
    assert article_process(article.pk) == "done"
    logged_in(page, bob)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto("/b/kirkuk-control/")
    panel = page.locator("section.answer")
    expect(panel.locator("h3")).to_contain_text("held by Peshmerga")
    expect(panel).to_contain_text("as of 27 Jun 2014")
    assert above_the_fold(page, panel.locator("h3").first)
    source = panel.locator(".answer-source a").first
    expect(source).to_contain_text("Masoud Barzani")
    page.screenshot(path=tmp_path / "kirkuk-control.png", full_page=False)
    source.click()
    expect(page.locator("h1")).to_be_visible()
    assert "/claims/" in page.url

    page.goto("/b/irans-stance-on-maliki/")
    panel = page.locator("section.answer")
    expect(panel.locator("tr", has_text="Ali Khamenei")).to_contain_text("supports")
    rouhani = panel.locator("tr", has_text="Hassan Rouhani")
    expect(rouhani).to_contain_text("opposes")
    expect(rouhani).to_contain_text("Sources, to Associated Press")
    expect(rouhani).to_contain_text("reportedly")
    assert above_the_fold(page, rouhani)
    page.screenshot(path=tmp_path / "irans-stance-on-maliki.png", full_page=False)
