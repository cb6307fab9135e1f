"""The pipeline's database side, fed with extractor results built by hand (no spaCy here)."""
import datetime
from types import SimpleNamespace as NS

import pytest

from actors.models import Actor
from actors.services import actor_ensure, region_ensure
from briefings.drafts import propose_for_claim_groups, suggestion_sentence
from briefings.models import Suggestion
from briefings.services import briefing_create
from claims.models import Claim, ClaimRelation
from claims.pipeline.claims import ArticleClaims, record_claims_many
from claims.pipeline.linking import link_mentions_many
from claims.services import Figure, casualty_figures, claim_disputes_link, figures_disagree
from sources.models import Mention
from sources.services import outlet_ensure
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Officials said militants attacked the convoy near Baghdad and that 10 were killed. "
    "However, sources told Reuters that all 69 were killed by police. "
    "Masoud Barzani said Kurds would keep Kirkuk. Abu Newname denied it."
)


def link_mentions(*, article, entities):
    """One article through the batch linking step."""
    return link_mentions_many([(article, entities)])[article.pk]


def record_claims(*, article, claims_found, linked):
    """One article through the batch recording step."""
    return record_claims_many([ArticleClaims(article, claims_found, linked)])[article.pk]


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def entry(obj, target: str):
    return NS(target=target, id=obj.pk, kind=obj.kind, name=obj.name, aliases=())


def ent(text, part, type_, link=None, confidence=1.0):
    s, e = span(text, part)
    return NS(start=s, end=e, text=part, type=type_, link=link, confidence=confidence, mention="name")


def claim(text, *, source, cue, content, speaker=None, relayed_by=None, numbers=(), event_date=None):
    source_span = span(text, source) if source else None
    return NS(
        cue=span(text, cue, source_span[1] if source_span else 0), cue_text=cue,
        source=source_span, source_text=source,
        content=span(text, content), content_text=content,
        speaker=speaker, relayed_by=relayed_by, actors=[], regions=[],
        numbers=list(numbers), event_date=event_date,
        event_date_precision="day" if event_date else "unknown",
    )


@pytest.fixture
def world():
    iraq_region, _ = region_ensure(slug="iraq", name="Iraq", kind="country")
    baghdad, _ = region_ensure(slug="baghdad", name="Baghdad", kind="city", parent=iraq_region)
    kirkuk_gov, _ = region_ensure(slug="kirkuk-governorate", name="Kirkuk Governorate", kind="province", parent=iraq_region)
    kirkuk, _ = region_ensure(slug="kirkuk", name="Kirkuk", kind="city", parent=kirkuk_gov)
    iraq, _ = actor_ensure(slug="iraq", name="Iraq", kind="state", territory=iraq_region)
    barzani, _ = actor_ensure(slug="masoud-barzani", name="Masoud Barzani", kind="person", aliases=["Barzani"])
    reuters_actor, _ = actor_ensure(slug="reuters", name="Reuters", kind="media_outlet")
    reuters, _ = outlet_ensure(slug="reuters", name="Reuters", actor=reuters_actor)
    vice, _ = outlet_ensure(slug="vice-news", name="VICE News")
    return NS(iraq_region=iraq_region, baghdad=baghdad, kirkuk=kirkuk, kirkuk_gov=kirkuk_gov, iraq=iraq,
              barzani=barzani, reuters_actor=reuters_actor, reuters=reuters, vice=vice)


def extraction(w):
    entities = [
        ent(TEXT, "Baghdad", "location", entry(w.baghdad, "region")),
        ent(TEXT, "Reuters", "organization", entry(w.reuters_actor, "actor")),
        ent(TEXT, "Masoud Barzani", "person", entry(w.barzani, "actor")),
        ent(TEXT, "Kirkuk", "location", entry(w.kirkuk, "region")),
        ent(TEXT, "Abu Newname", "person", None, 0.6),
    ]
    claims = [
        claim(TEXT, source="Officials", cue="said",
              content="militants attacked the convoy near Baghdad and that 10 were killed",
              numbers=[{"text": "10", "value": 10}], event_date=datetime.date(2014, 6, 23)),
        claim(TEXT, source="sources", cue="told", content="all 69 were killed by police",
              relayed_by=entry(w.reuters_actor, "actor"), numbers=[{"text": "69", "value": 69}],
              event_date=datetime.date(2014, 6, 23)),
        claim(TEXT, source="Masoud Barzani", cue="said", content="Kurds would keep Kirkuk",
              speaker=entry(w.barzani, "actor")),
    ]
    return entities, claims


def test_mentions_are_linked_once_and_unknown_names_become_candidates(world):
    article = ArticleFactory(text=TEXT, outlet=world.vice)
    entities, _ = extraction(world)
    linked = link_mentions(article=article, entities=entities)
    link_mentions(article=article, entities=entities)  # a rerun writes nothing twice
    assert Mention.objects.filter(article=article).count() == 5
    newcomer = Mention.objects.get(text="Abu Newname").actor
    assert newcomer.review_state == "candidate" and not Actor.objects.catalogue().filter(pk=newcomer.pk).exists()
    assert linked.at(*span(TEXT, "Masoud Barzani")) == (world.barzani, None)


def test_a_place_that_is_a_state_also_links_the_state_actor(world):
    text = "Iraq said the border was closed."
    article = ArticleFactory(text=text)
    link_mentions(article=article, entities=[ent(text, "Iraq", "location", entry(world.iraq_region, "region"))])
    mention = Mention.objects.get(article=article)
    assert (mention.region, mention.actor) == (world.iraq_region, world.iraq)


def test_claims_get_speaker_relay_subjects_and_an_exact_citation(world):
    article = ArticleFactory(text=TEXT, outlet=world.vice)
    entities, found = extraction(world)
    linked = link_mentions(article=article, entities=entities)
    results = record_claims(article=article, claims_found=found, linked=linked)
    officials, sources, barzani = (c for c, _ in results)
    assert barzani.speaker == world.barzani and list(barzani.regions.all()) == [world.kirkuk]
    assert sources.relayed_by == world.reuters and sources.speaker is None and sources.speaker_text == "sources"
    assert list(officials.regions.all()) == [world.baghdad]
    citation = barzani.citations.get()
    assert citation.quote == TEXT[citation.start:citation.end] == "Masoud Barzani said Kurds would keep Kirkuk"
    assert citation.cue == "said"


def test_relaying_outlet_is_left_out_when_it_publishes_the_article(world):
    article = ArticleFactory(text=TEXT, outlet=world.reuters)
    entities, found = extraction(world)
    linked = link_mentions(article=article, entities=entities)
    sources = record_claims(article=article, claims_found=found, linked=linked)[1][0]
    assert sources.relayed_by is None


def test_a_restatement_in_another_article_adds_a_citation_not_a_claim(world):
    first = ArticleFactory(text=TEXT, outlet=world.vice)
    entities, found = extraction(world)
    record_claims(article=first, claims_found=found, linked=link_mentions(article=first, entities=entities))
    text = "Masoud Barzani said on Friday that Kurds would keep Kirkuk."
    second = ArticleFactory(text=text, outlet=world.reuters)
    restated = claim(text, source="Masoud Barzani", cue="said", content="Kurds would keep Kirkuk",
                     speaker=entry(world.barzani, "actor"))
    linked = link_mentions(article=second, entities=[ent(text, "Masoud Barzani", "person", entry(world.barzani, "actor"))])
    (same, created), = record_claims(article=second, claims_found=[restated], linked=linked)
    assert not created and Claim.objects.filter(speaker=world.barzani).count() == 1
    assert set(same.citations.values_list("article_id", flat=True)) == {first.pk, second.pk}


def test_rerunning_an_article_writes_no_duplicates(world):
    article = ArticleFactory(text=TEXT, outlet=world.vice)
    entities, found = extraction(world)
    for _ in range(2):
        linked = link_mentions(article=article, entities=entities)
        record_claims(article=article, claims_found=found, linked=linked)
    assert Claim.objects.count() == 3 and article.citations.count() == 3


def test_nearby_claims_with_incompatible_casualty_figures_dispute_each_other(world):
    article = ArticleFactory(text=TEXT, outlet=world.vice)
    entities, found = extraction(world)
    claims = [c for c, _ in record_claims(article=article, claims_found=found,
                                          linked=link_mentions(article=article, entities=entities))]
    relations = claim_disputes_link(article=article, claims=claims)
    assert len(relations) == 1
    relation = relations[0]
    assert {relation.from_claim.text, relation.to_claim.text} == {found[0].content_text, found[1].content_text}
    assert set(Claim.objects.filter(status="disputed").values_list("speaker_text", flat=True)) == {"Officials", "sources"}
    claim_disputes_link(article=article, claims=claims)
    assert ClaimRelation.objects.count() == 1


@pytest.mark.parametrize(
    "a, b, disagree",
    [
        ([Figure(10, 10)], [Figure(69, 69)], True),
        ([Figure(160, 190)], [Figure(1700, 1700)], True),
        ([Figure(160, float("inf"))], [Figure(1700, 1700)], False),  # "at least 160"
        ([Figure(60, 60)], [Figure(69, 69)], False),                  # close enough to be one count
        ([Figure(160, 190)], [Figure(170, 170)], False),
        ([], [Figure(5, 5)], False),
    ],
)
def test_figures_disagree_only_when_no_reading_reconciles_them(a, b, disagree):
    assert figures_disagree(a, b) is disagree


def test_money_is_not_a_casualty_figure():
    claim_ = Claim(text="Obama asked for $500 million; 3 people were killed", numbers=[
        {"text": "$500 million", "value": 500_000_000, "unit": "USD"}, {"text": "3 people", "value": 3}])
    assert [(f.low, f.high) for f in casualty_figures(claim_)] == [(3, 3)]


def test_suggestions_go_to_briefings_the_claim_concerns_only(world):
    kirkuk_briefing = briefing_create(title="Kirkuk control", regions=[world.kirkuk_gov], actors=[world.barzani])
    iraq_wide = briefing_create(title="Iraq overview", regions=[world.iraq_region])
    article = ArticleFactory(text=TEXT, outlet=world.vice)
    entities, found = extraction(world)
    claims = [c for c, _ in record_claims(article=article, claims_found=found,
                                          linked=link_mentions(article=article, entities=entities))]
    made = propose_for_claim_groups([claims])
    assert [(s.briefing, s.claim.speaker) for s in made] == [(kirkuk_briefing, world.barzani)]
    assert not Suggestion.objects.filter(briefing=iraq_wide).exists()
    assert propose_for_claim_groups([claims]) == []  # proposed once
    assert made[0].text.startswith("Masoud Barzani said") and made[0].text.endswith(f"[^c{made[0].claim_id}]")


def test_suggestion_sentence_names_speaker_date_and_relay(world):
    c = Claim(text="all 69 were killed by police", speaker_text="sources", relayed_by=world.reuters, relay_told=True,
              event_date=datetime.date(2014, 6, 23), event_date_precision="day")
    # Reported speech (the words are not known to be verbatim): no quotation marks.
    assert suggestion_sentence(c) == "Sources told Reuters that all 69 were killed by police (23 June 2014)."
    c.quoted = True
    assert suggestion_sentence(c) == "Sources told Reuters (23 June 2014): “all 69 were killed by police.”"


def test_a_quote_restating_one_earlier_in_the_same_article_cites_that_claim(world):
    text = ("Masoud Barzani said Kurds would keep Kirkuk. Later Barzani said the Kurds would keep Kirkuk. "
            "Barzani also said Kurds would certainly keep Kirkuk.")
    article = ArticleFactory(text=text, outlet=world.vice)
    barzani = entry(world.barzani, "actor")
    quotes = [claim(text, source="Masoud Barzani", cue="said", content="Kurds would keep Kirkuk", speaker=barzani),
              claim(text, source="Later Barzani", cue="said", content="the Kurds would keep Kirkuk", speaker=barzani),
              claim(text, source="Barzani also", cue="said", content="Kurds would certainly keep Kirkuk",
                    speaker=barzani)]
    linked = link_mentions(article=article, entities=[ent(text, "Masoud Barzani", "person", barzani)])
    results = record_claims(article=article, claims_found=quotes, linked=linked)
    assert [created for _, created in results] == [True, False, False]  # the same words, then a close restatement
    assert len({c.pk for c, _ in results}) == 1 == Claim.objects.count()
    assert article.citations.count() == 3

    # Another article's close restatement is found among the speaker's stored claims.
    later = "Barzani said Kurds would surely keep Kirkuk."
    second = ArticleFactory(text=later, outlet=world.reuters)
    linked = link_mentions(article=second, entities=[ent(later, "Barzani", "person", barzani)])
    (same, created), = record_claims(article=second, claims_found=[
        claim(later, source="Barzani", cue="said", content="Kurds would surely keep Kirkuk", speaker=barzani)],
        linked=linked)
    assert not created and same.pk == results[0][0].pk and same.text == "Kurds would keep Kirkuk"


def _found(text: str, *, content: tuple[int, int], cue: tuple[int, int], source=None):
    from types import SimpleNamespace

    return SimpleNamespace(content=content, content_text=text[content[0]:content[1]], cue=cue, source=source)


def test_a_claim_states_its_proposition_without_that():
    from claims.pipeline.claims import proposition_text

    text = "The mayor said that the bridge would reopen in May."
    found = _found(text, content=(15, 50), cue=(10, 14), source=(0, 9))
    assert proposition_text(found) == "the bridge would reopen in May"


def test_a_claim_leaves_out_the_source_and_cue_that_interrupt_it():
    from claims.pipeline.claims import proposition_text

    text = "The museum, she said, would close for a year."
    found = _found(text, content=(0, 44), cue=(16, 20), source=(12, 15))
    assert proposition_text(found) == "The museum would close for a year"
