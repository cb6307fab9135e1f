"""Facts: what the pipeline records (claims.services.facts_record, claims.pipeline.facts) and
editors' pins and hides."""
from datetime import date
from pathlib import Path

import pytest

from briefings.seeding import seed_load
from claims.models import Fact
from claims.pipeline.process import article_process
from claims.services import FactRecord, fact_set_editor_state, facts_record
from core.errors import ServiceError
from sources.models import Article
from sources.services import article_submit
from tests.factories import ActorFactory, ArticleFactory, RegionFactory

pytestmark = pytest.mark.django_db
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_dd40b06f8a9999e8.txt"


@pytest.fixture
def world():
    article = ArticleFactory(text="Kurdish fighters now hold Kirkuk. Iran backs Baghdad.")
    return {"article": article, "peshmerga": ActorFactory(slug="peshmerga"), "iran": ActorFactory(slug="iran"),
            "iraq": ActorFactory(slug="iraq"), "kirkuk": RegionFactory(slug="kirkuk")}


def records(w, *, held_since=date(2014, 6, 12)):
    return [
        FactRecord(kind="controls", source=w["peshmerga"], target_actor=None, target_region=w["kirkuk"],
                   polarity="asserted", holds_on=held_since, confidence=0.8, start=0, end=33,
                   quote="Kurdish fighters now hold Kirkuk.", cue="hold"),
        FactRecord(kind="supports", source=w["iran"], target_actor=w["iraq"], target_region=None,
                   polarity="asserted", holds_on=None, confidence=0.8, start=34, end=53, quote="Iran backs Baghdad.",
                   cue="backs"),
    ]


def test_recording_twice_changes_nothing(world):
    facts_record(article=world["article"], records=records(world))
    first = list(Fact.objects.order_by("pk").values("pk", "kind", "holds_on", "updated_at"))
    facts_record(article=world["article"], records=records(world))
    assert list(Fact.objects.order_by("pk").values("pk", "kind", "holds_on", "updated_at")) == first
    assert len(first) == 2


def test_a_rerun_updates_what_the_machine_found_and_drops_what_it_no_longer_finds(world):
    facts_record(article=world["article"], records=records(world))
    facts_record(article=world["article"], records=records(world, held_since=date(2014, 6, 11))[:1])
    assert list(Fact.objects.values_list("kind", "holds_on")) == [("controls", date(2014, 6, 11))]


def test_a_rerun_never_drops_or_changes_an_editors_decision(world, alice):
    facts_record(article=world["article"], records=records(world))
    hidden = Fact.objects.get(kind="supports")
    fact_set_editor_state(fact=hidden, editor=alice, state="hidden", reason="Baghdad is the city, not the state.")
    facts_record(article=world["article"], records=records(world)[:1])
    hidden.refresh_from_db()
    assert (hidden.editor_state, hidden.edited_by) == ("hidden", alice)
    assert Fact.objects.shown().count() == 1


def test_pinning_or_hiding_needs_a_reason(world, alice):
    facts_record(article=world["article"], records=records(world))
    with pytest.raises(ServiceError):
        fact_set_editor_state(fact=Fact.objects.first(), editor=alice, state="pinned", reason=" ")


def test_a_fact_has_one_target_and_control_is_of_a_region(world):
    from django.db import IntegrityError, transaction

    good = records(world)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Fact.objects.create(article=world["article"], kind="controls", source=good.source,
                            target_actor=world["iraq"], start=0, end=33, quote=good.quote)


def test_a_retracted_claim_takes_its_facts_out_of_standing(world):
    from tests.factories import ClaimFactory

    facts_record(article=world["article"], records=records(world))
    claim = ClaimFactory(status="retracted")
    Fact.objects.filter(kind="controls").update(claim=claim)
    assert list(Fact.objects.standing().values_list("kind", flat=True)) == ["supports"]


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside this clone (it is in CI)")
def test_the_seed_article_records_the_facts_its_briefings_answer_with():
    seed_load()
    article, _ = article_submit(text=SEED.read_text(encoding="utf-8"), outlet="VICE News",
                                published_at="2014-06-27", title="US and Iranian Involvement in Iraq", enqueue=False)
    assert article_process(article.pk) == "done"

    def fact(kind, source, target):
        return Fact.objects.select_related("claim__relayed_by", "claim__speaker").get(
            article=article, kind=kind, source__slug=source, polarity="asserted",
            **({"target_region__slug": target} if kind == "controls" else {"target_actor__slug": target}))

    kirkuk = fact("controls", "peshmerga", "kirkuk")
    assert kirkuk.holds_on == date(2014, 6, 27) and "Kurdish fighters" in kirkuk.quote
    assert kirkuk.claim is not None and kirkuk.claim.speaker.slug == "masoud-barzani"  # Barzani said so
    assert fact("controls", "isis", "tikrit").holds_on == date(2014, 6, 11)
    rouhani = fact("opposes", "hassan-rouhani", "nouri-al-maliki")
    assert rouhani.claim is not None and rouhani.claim.relayed_by.name == "Associated Press"  # sources told AP
    assert fact("supports", "ali-khamenei", "nouri-al-maliki").claim_id == rouhani.claim_id

    # Processed again: the same facts, none doubled.
    before = sorted(Fact.objects.filter(article=article).values_list("pk", flat=True))
    Article.objects.filter(pk=article.pk).update(status=Article.Status.QUEUED)
    assert article_process(article.pk) == "done"
    assert sorted(Fact.objects.filter(article=article).values_list("pk", flat=True)) == before


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds is not beside this clone (it is in CI)")
def test_a_citation_keeps_the_day_said_apart_from_the_claims_event_date():
    from claims.models import Citation

    seed_load()
    article, _ = article_submit(text=SEED.read_text(encoding="utf-8"), outlet="VICE News",
                                published_at="2014-06-27", title="US and Iranian Involvement in Iraq", enqueue=False)
    assert article_process(article.pk) == "done"
    # "Sistani today urged the blocs to agree … before parliament meets on July 1"
    citation = Citation.objects.select_related("claim").get(article=article, cue="urged")
    assert (citation.said_on, citation.claim.event_date) == (date(2014, 6, 27), date(2014, 7, 1))


def test_a_batch_of_articles_is_recorded_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    from claims.services import facts_record_many

    others = [ArticleFactory(text=world["article"].text) for _ in range(5)]
    groups = [(article, records(world)) for article in others]
    with django_assert_max_num_queries(4):  # read, (prune), (update), insert
        facts_record_many(groups=groups)
    assert Fact.objects.count() == 10


def test_readers_cannot_pin_or_hide(world, bob):
    from django.core.exceptions import PermissionDenied

    facts_record(article=world["article"], records=records(world))
    with pytest.raises(PermissionDenied):
        fact_set_editor_state(fact=Fact.objects.first(), editor=bob, state="hidden", reason="I disagree.")
    assert not Fact.objects.exclude(editor_state="").exists()


def test_an_editor_hides_a_fact_from_the_claim_page_and_it_leaves_the_answer(client, alice, bob, world):
    from django.urls import reverse

    from tests.factories import ClaimFactory

    claim = ClaimFactory(text="Kurdish fighters now hold Kirkuk.")
    facts_record(article=world["article"], records=records(world))
    fact = Fact.objects.get(kind="controls")
    Fact.objects.filter(pk=fact.pk).update(claim=claim)
    client.force_login(alice)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "Facts it states" in page and f'id="fact-{fact.pk}"' in page and "Pin or hide" in page
    url = reverse("claims:fact-state", args=[fact.pk])
    response = client.post(url, {"state": "hidden", "reason": "", "next": claim.get_absolute_url()}, follow=True)
    assert "Say why." in response.content.decode()
    client.post(url, {"state": "hidden", "reason": "They hold the airport, not the city.",
                      "next": "https://elsewhere.example/"})
    fact.refresh_from_db()
    assert fact.editor_state == "hidden" and fact.edited_by == alice
    assert not Fact.objects.shown().filter(pk=fact.pk).exists()
    article_page = client.get(world["article"].get_absolute_url()).content.decode()
    assert "Facts taken from this article" in article_page and "They hold the airport" in article_page
    client.force_login(bob)
    assert client.post(url, {"state": "", "reason": ""}).status_code == 403
    assert f'id="fact-{fact.pk}"' not in client.get(claim.get_absolute_url()).content.decode()
