"""Search across briefings, claims, articles, actors and regions: PostgreSQL full-text search with ranking
and highlighted snippets (the test database is PostgreSQL), and the plain fallback."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.services import actor_ensure, candidate_propose, region_ensure
from briefings.services import briefing_create, briefing_publish
from sitewide.search import finder_for, naive_snippet, render_snippet, search, snippet_plain
from tests.factories import ActorFactory, ArticleFactory, CitationFactory, ClaimFactory

pytestmark = pytest.mark.django_db

requires_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")


@pytest.fixture
def wiki(rita):
    kirkuk = briefing_create(
        title="Kirkuk control", summary="Who holds the city.", body="Peshmerga forces withdrew from the oil fields."
    )
    briefing_publish(briefing=kirkuk, reviewer=rita)
    maliki = briefing_create(
        title="Iran's stance on Maliki", body="Tehran backed a third term. Kirkuk is not mentioned much."
    )
    briefing_publish(briefing=maliki, reviewer=rita)
    draft = briefing_create(title="Unpublished question", body="Secret Kirkuk drafting.")
    soleimani = actor_ensure(
        slug="qassem-soleimani", name="Qassem Soleimani", kind="person", aliases=["Ghasem Soleimani", "Haj Qassem"],
        description="Commander of the Quds Force.",
    )[0]
    region_ensure(slug="kirkuk", name="Kirkuk", kind="city", aliases=["Karkuk"])
    claim = ClaimFactory(text="Peshmerga forces took control of Kirkuk's oil fields.", speaker=soleimani)
    return {"kirkuk": kirkuk, "maliki": maliki, "draft": draft, "soleimani": soleimani, "claim": claim}


def _section(sections, name):
    return next(s for s in sections if s.name == name)


def _titles(sections, name):
    return [hit.title for hit in _section(sections, name).hits]


@requires_postgres
def test_search_ranks_title_matches_above_body_matches(bob, wiki):
    sections = search(bob, "kirkuk")
    assert _titles(sections, "briefings") == ["Kirkuk control", "Iran's stance on Maliki"]
    assert _titles(sections, "regions") == ["Kirkuk"]
    assert _section(sections, "claims").hits[0].url == wiki["claim"].get_absolute_url()


@requires_postgres
def test_search_highlights_matches_in_snippets_with_stemming(bob, wiki):
    hit = _section(search(bob, "peshmerga force"), "briefings").hits[0]
    assert hit.title == "Kirkuk control"
    assert "<mark>Peshmerga</mark> <mark>forces</mark>" in hit.snippet


@requires_postgres
def test_search_finds_actors_and_regions_by_alias(bob, wiki):
    actors = _section(search(bob, "Ghasem"), "actors").hits
    assert [a.title for a in actors] == ["Qassem Soleimani"]
    assert "<mark>Ghasem</mark>" in actors[0].snippet
    assert _titles(search(bob, "karkuk"), "regions") == ["Kirkuk"]


@requires_postgres
def test_search_understands_web_search_syntax(bob, wiki):
    assert _titles(search(bob, "kirkuk -peshmerga"), "briefings") == ["Iran's stance on Maliki"]
    assert _titles(search(bob, '"third term"'), "briefings") == ["Iran's stance on Maliki"]
    assert _titles(search(bob, '"term third"'), "briefings") == []
    either = _titles(search(bob, "maliki or peshmerga"), "briefings")
    assert set(either) == {"Iran's stance on Maliki", "Kirkuk control"}


@requires_postgres
def test_search_respects_visibility(bob, alice, charlie, wiki):
    candidate, _ = candidate_propose(target="actor", name="Kirkuk Guess", kind="person")
    reader = search(bob, "kirkuk")
    assert "Unpublished question" not in _titles(reader, "briefings")
    assert "Kirkuk Guess" not in _titles(reader, "actors")
    editor = search(alice, "kirkuk")
    assert "Unpublished question" in _titles(editor, "briefings")
    assert "Kirkuk Guess" in _titles(editor, "actors")


@requires_postgres
def test_readers_search_the_published_text_not_the_newer_draft(bob, alice, wiki):
    from briefings.services import briefing_revise

    kirkuk = wiki["kirkuk"]
    briefing_revise(briefing=kirkuk, editor=alice, body="Now about zucchini.", base_revision=kirkuk.draft_revision)
    assert _titles(search(bob, "zucchini"), "briefings") == []
    assert _titles(search(alice, "zucchini"), "briefings") == ["Kirkuk control"]


@requires_postgres
def test_snippets_escape_the_text_around_the_highlight(bob):
    ClaimFactory(text="<script>alert('kirkuk')</script> Kirkuk < Baghdad & Erbil <b>fell</b>.")
    snippet = str(_section(search(bob, "kirkuk"), "claims").hits[0].snippet)
    # ts_headline drops what parses as a tag; what is left is escaped around our <mark>s.
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "<mark>Kirkuk</mark> &lt; Baghdad &amp; Erbil" in snippet


@requires_postgres
def test_each_section_is_limited_and_says_when_there_is_more(bob):
    speaker = ActorFactory()
    for i in range(12):
        ClaimFactory(text=f"Kirkuk statement {i}.", speaker=speaker)
    section = _section(search(bob, "kirkuk", limit=10), "claims")
    assert len(section.hits) == 10 and section.more
    assert not _section(search(bob, "kirkuk", limit=12), "claims").more


def test_plain_fallback_matches_every_word_case_insensitively(bob, wiki):
    sections = search(bob, "PESHMERGA oil", full_text=False)
    assert _titles(sections, "briefings") == ["Kirkuk control"]
    assert "<mark>Peshmerga</mark>" in _section(sections, "briefings").hits[0].snippet
    assert _section(sections, "claims").hits[0].url == wiki["claim"].get_absolute_url()
    assert _titles(search(bob, "haj qassem", full_text=False), "actors") == ["Qassem Soleimani"]
    assert "Unpublished question" not in _titles(search(bob, "secret", full_text=False), "briefings")
    # the paginated one-section view counts what it pages through
    assert finder_for(bob, "soleimani", full_text=False).matches("actors").count() == 1


def test_naive_snippet_marks_words_and_escapes_the_rest():
    text = "A long preamble " * 10 + "then <Kirkuk> fell and kirkuk burned."
    marked = naive_snippet(text, ["kirkuk"])
    html = render_snippet(marked)
    assert html.startswith("…") and "&lt;<mark>Kirkuk</mark>&gt;" in html and "<mark>kirkuk</mark>" in html


def test_nothing_is_searched_for_an_empty_query_or_anonymous_visitors(bob, wiki):
    from django.contrib.auth.models import AnonymousUser

    assert all(not s.hits for s in search(bob, "   "))
    assert all(not s.hits for s in search(AnonymousUser(), "kirkuk"))


# --- the page ----------------------------------------------------------------------------------


def test_search_page_shows_sections_with_highlighted_results(client, bob, wiki):
    client.force_login(bob)
    response = client.get(reverse("search"), {"q": "soleimani"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="results-actors"' in body and wiki["soleimani"].get_absolute_url() in body
    assert 'id="results-claims"' in body and "<mark>" in body
    assert 'id="results-regions"' not in body  # empty sections are left out


def test_search_page_says_when_nothing_matches(client, bob, wiki):
    client.force_login(bob)
    body = client.get(reverse("search"), {"q": "zzyzx"}).content.decode()
    assert "Nothing matches “zzyzx”" in body


def test_search_page_needs_a_login(client, wiki):
    response = client.get(reverse("search"), {"q": "kirkuk"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_search_from_the_nav_is_on_every_page(client, bob):
    client.force_login(bob)
    body = client.get(reverse("briefings:list")).content.decode()
    assert f'action="{reverse("search")}"' in body and f'href="{reverse("changes")}"' in body


def test_search_page_query_count_does_not_grow_with_results(client, bob, rita):
    client.force_login(bob)

    def add(start, n):
        for i in range(start, start + n):
            b = briefing_create(title=f"Kirkuk {i}", body="Kirkuk again.")
            briefing_publish(briefing=b, reviewer=rita)
            CitationFactory(claim=ClaimFactory(text=f"Kirkuk claim {i}."), article__outlet__name=f"Wire {i}")
            actor_ensure(slug=f"kirkuk-actor-{i}", name=f"Kirkuk Actor {i}", kind="person", aliases=[f"KA {i}"])
            region_ensure(slug=f"kirkuk-{i}", name=f"Kirkuk {i}", kind="area")

    url = reverse("search") + "?q=kirkuk"
    add(0, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(2, 20)
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert body.count("<mark>") >= 40
    assert len(many) == len(few)


@requires_postgres
@pytest.mark.parametrize("q", ["the", "kirkuk's & | ! ( :*", '"unclosed', "-", "\\"])
def test_odd_queries_never_fail(bob, wiki, q):
    sections = search(bob, q)
    assert [s.name for s in sections] == ["briefings", "claims", "articles", "actors", "regions"]


@requires_postgres
def test_a_section_with_more_matches_links_to_all_of_them_page_by_page(client, bob, monkeypatch):
    monkeypatch.setattr("sitewide.views.SECTION_PER_PAGE", 5)
    speaker = ActorFactory()
    for i in range(12):
        ClaimFactory(text=f"Kirkuk statement number {i}.", speaker=speaker)
    client.force_login(bob)
    body = client.get(reverse("search"), {"q": "kirkuk"}).content.decode()
    assert body.count("Kirkuk</mark> statement") == 10
    assert "?q=kirkuk&amp;in=claims" in body
    last = client.get(reverse("search"), {"q": "kirkuk", "in": "claims", "page": 3}).content.decode()
    assert last.count("Kirkuk</mark> statement") == 2 and "page 3 of 3" in last and "(12)" in last
    assert 'id="results-briefings"' not in last


def test_an_unknown_section_shows_every_section(client, bob, wiki):
    client.force_login(bob)
    body = client.get(reverse("search"), {"q": "soleimani", "in": "nonsense"}).content.decode()
    assert 'id="results-actors"' in body and 'id="results-claims"' in body


# --- articles, markup, where a claim was reported ---------------------------------------------


@pytest.mark.parametrize("full_text", [True, False])
def test_search_finds_articles_with_their_outlet_and_date(bob, full_text):
    if full_text and connection.vendor != "postgresql":
        pytest.skip("full-text search is PostgreSQL's")
    ArticleFactory(title="Kurds hold vote", text="Voters in Hawija queued from dawn.", outlet__name="Example Wire",
                   published_at=datetime.datetime(2017, 9, 25, 8, tzinfo=datetime.UTC))
    hits = _section(search(bob, "hawija", full_text=full_text), "articles").hits
    assert [h.title for h in hits] == ["Kurds hold vote"]
    assert hits[0].kind == "Example Wire, 25 Sep 2017" and "<mark>Hawija</mark>" in hits[0].snippet


@pytest.mark.parametrize("full_text", [True, False])
def test_snippets_show_links_by_their_words_and_no_citation_markers(bob, rita, full_text):
    if full_text and connection.vendor != "postgresql":
        pytest.skip("full-text search is PostgreSQL's")
    body = "Peshmerga forces held [[Kirkuk Governorate|the governorate]] on Monday.[^c12] Then [[Hawija]] fell.[^c7]"
    briefing_publish(briefing=briefing_create(title="Control", body=body), reviewer=rita)
    for q in ("governorate", "hawija", "peshmerga"):
        snippet = _section(search(bob, q, full_text=full_text), "briefings").hits[0].snippet
        assert "<mark>" in snippet
        assert not any(raw in snippet for raw in ("[[", "]]", "[^", "c12", "c7", "|")), snippet


@pytest.mark.parametrize("cut, plain", [
    ("forces held [[Kirkuk Governorate|the \ue000governorate\ue001]] on Monday.[^c12]",
     "forces held the \ue000governorate\ue001 on Monday."),
    ("Governorate|the governorate]] on Monday … Then [[\ue000Hawija\ue001",
     "the governorate on Monday … Then \ue000Hawija\ue001"),
    ("c12] Then [[Hawija]] fell.[^c", "Then Hawija fell."),
])
def test_snippet_markup_is_plain_also_where_a_fragment_cuts_it(cut, plain):
    assert snippet_plain(cut) == plain


@requires_postgres
def test_claim_hits_say_where_and_when_they_were_reported(client, bob):
    claim = ClaimFactory(text="Peshmerga forces left Hawija.")
    CitationFactory(claim=claim, article__outlet__name="Example Wire",
                    article__published_at=datetime.datetime(2017, 10, 16, 9, tzinfo=datetime.UTC))
    hit = _section(search(bob, "hawija"), "claims").hits[0]
    assert "Example Wire, 16 Oct 2017" in hit.kind
    client.force_login(bob)
    assert "Example Wire, 16 Oct 2017" in client.get(reverse("search"), {"q": "hawija"}).content.decode()
