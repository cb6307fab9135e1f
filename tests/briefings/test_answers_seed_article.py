"""The seed article (shared/seeds) end to end: both seed briefings answer their questions, cited."""
import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from actors.models import Region
from briefings.answers import briefing_answer, control_answer
from briefings.models import Briefing
from briefings.seeding import seed_load
from claims.pipeline.process import article_process
from sources.services import article_submit

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_dd40b06f8a9999e8.txt"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside this clone (it is in CI)"),
]


@pytest.fixture
def processed():
    seed_load()
    article, _ = article_submit(text=SEED.read_text(encoding="utf-8"), outlet="VICE News",
                                published_at="2014-06-27", title="US and Iranian Involvement in Iraq", enqueue=False)
    assert article_process(article.pk) == "done"
    return article


def answer(slug):
    briefing = Briefing.objects.select_related("question_region", "question_target").get(slug=slug)
    return briefing_answer(briefing, actors=list(briefing.subject_actors.all()),
                           regions=list(briefing.subject_regions.all()))


def test_kirkuk_is_held_by_the_peshmerga_as_of_late_june_with_its_source(processed):
    (kirkuk, *_) = answer("kirkuk-control").places
    assert kirkuk.place.slug == "kirkuk" and kirkuk.current.holder.slug == "peshmerga"
    assert kirkuk.as_of == dt.date(2014, 6, 27) and not kirkuk.current.since_known  # held as of, not since
    (source, *_) = kirkuk.current.evidence
    assert source.fact.article == processed and "Kirkuk" in source.fact.quote
    assert source.according_to.startswith("Masoud Barzani")


def test_khamenei_supports_maliki_and_rouhani_reportedly_opposes_him(processed):
    positions = {p.party.slug: p for p in answer("irans-stance-on-maliki").positions}
    assert positions["ali-khamenei"].stance == "supports"
    rouhani = positions["hassan-rouhani"]
    assert rouhani.stance == "opposes"
    (source,) = rouhani.latest
    assert source.reportedly and source.according_to == "Sources, to Associated Press"


def test_tikrit_is_held_by_isis_since_11_june(processed):
    tikrit = Region.objects.get(slug="tikrit")
    (place,) = control_answer(tikrit, [tikrit.pk])
    assert place.current.holder.name == "Islamic State of Iraq and Syria"
    assert place.current.since == dt.date(2014, 6, 11) and place.current.since_known


def test_both_answer_panels_show_on_the_pages(processed, client, bob):
    client.force_login(bob)
    kirkuk = client.get(reverse("briefings:detail", args=["kirkuk-control"])).content.decode()
    assert "Who controls Kirkuk" in kirkuk and "held by <strong>" in kirkuk and "Peshmerga" in kirkuk
    iran = client.get(reverse("briefings:detail", args=["irans-stance-on-maliki"])).content.decode()
    assert "badge stance-supports" in iran and "badge stance-opposes" in iran and "reportedly" in iran
