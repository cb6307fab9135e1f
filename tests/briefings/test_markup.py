"""The wiki markup: its patterns, what they extract, and the one renderer."""
from dataclasses import dataclass

from django.urls import reverse

from briefings.markup import (
    CITE,
    WIKI_LINK,
    cite_marker,
    cited_claim_ids,
    plain_text,
    render_body,
    title_normalise,
    wiki_titles,
)


@dataclass
class Page:
    """A stand-in for a briefing, actor or region: all the renderer reads of them."""

    name: str
    url: str
    text: str = ""

    def get_absolute_url(self) -> str:
        return self.url


def test_cite_marker_is_what_the_pattern_matches():
    assert cite_marker(12) == "[^c12]"
    assert CITE.fullmatch(cite_marker(12)).group(1) == "12"
    assert CITE.search("[^12] [c12] [^x12]") is None


def test_wiki_link_pattern_takes_title_and_label_on_one_line():
    m = WIKI_LINK.fullmatch("[[Kirkuk control|the city]]")
    assert (m.group(1), m.group(2)) == ("Kirkuk control", "the city")
    assert WIKI_LINK.search("[[Kirkuk\ncontrol]]") is None
    assert WIKI_LINK.search("[[" + "x" * 201 + "]]") is None


def test_cited_claim_ids_are_distinct_in_order_of_first_citation():
    assert cited_claim_ids("a [^c3] b [^c1] c [^c3]") == [3, 1]
    assert cited_claim_ids("") == []


def test_wiki_titles_are_distinct_normalised_and_ignore_labels():
    assert wiki_titles("[[A]] [[B|label]] [[A]] [[ C  d ]] [[  ]]") == ["A", "B", "C d"]
    assert wiki_titles("[[AT&amp;T]] [[AT&T]]") == ["AT&T"]


def test_titles_are_normalised_the_same_by_extraction_and_rendering():
    body = "[[ Iran's   stance\ton &amp; Maliki ]] and [[AT&T|the carrier]]"
    assert wiki_titles(body) == render_body(body, briefings_by_title={}).wiki_titles
    assert wiki_titles(body) == [title_normalise("Iran's stance on & Maliki"), "AT&T"]


def test_markers_are_numbered_in_order_and_repeats_share_a_footnote():
    claims = {7: Page("", "", text="Peshmerga took Kirkuk.")}
    rendered = render_body("First [^c9]. Second [^c7]. Again [^c9].", claims=claims)
    assert [(n.number, n.claim_id, n.refs) for n in rendered.footnotes] == [
        (1, 9, ["ref-1-1", "ref-1-2"]),
        (2, 7, ["ref-2-1"]),
    ]
    assert rendered.footnotes[1].claim is claims[7] and rendered.footnotes[0].claim is None
    assert '<sup class="cite" id="ref-1-2"><a href="#fn-1" rel="noopener nofollow">1</a></sup>' in rendered.html
    assert '<a href="#fn-2" title="Peshmerga took Kirkuk." rel="noopener nofollow">2</a>' in rendered.html


def test_markers_can_link_to_the_claim_page_instead():
    html = render_body("Held [^c5].", citations="claim-links").html
    assert f'<sup class="cite"><a href="{reverse("claims:detail", kwargs={"pk": 5})}"' in html and "[c5]" in html


def test_wiki_links_are_blue_entity_or_red():
    html = render_body(
        "[[Kirkuk control]], [[Peshmerga|the Kurds]] and [[No such page]]",
        briefings_by_title={"kirkuk control": Page("Kirkuk control", "/b/kirkuk/")},
        catalogue_by_name={"peshmerga": Page("Peshmerga", "/actors/peshmerga/")},
    ).html
    assert '<a class="wiki" href="/b/kirkuk/" rel="noopener nofollow">Kirkuk control</a>' in html
    assert '<a class="entity" href="/actors/peshmerga/" rel="noopener nofollow">the Kurds</a>' in html
    assert f'class="wiki missing" href="{reverse("briefings:create")}?title=No+such+page"' in html


def test_wiki_links_stay_as_written_when_nothing_was_looked_up():
    rendered = render_body("See [[Kirkuk]].")
    assert "See [[Kirkuk]]." in rendered.html and rendered.wiki_titles == []


def test_wiki_links_inside_code_or_links_are_left_alone():
    rendered = render_body("`[[Code]]`\n\n    [[Block]]\n\n[see [[Inside]]](https://example.org/)", briefings_by_title={})
    assert "<code>[[Code]]</code>" in rendered.html and "[[Block]]" in rendered.html
    assert ">see [[Inside]]</a>" in rendered.html
    assert rendered.wiki_titles == []


def test_first_mention_of_each_subject_is_linked_outside_headings():
    subjects = [Page("Kirkuk", "/regions/kirkuk/"), Page("Peshmerga", "/actors/peshmerga/")]
    html = render_body("# Kirkuk\n\nThe peshmerga hold Kirkuk; Kirkuk is calm.", subjects=subjects).html
    assert "<h1>Kirkuk</h1>" in html
    assert html.count('class="entity"') == 2
    assert '<a class="entity" href="/actors/peshmerga/" title="Peshmerga" rel="noopener nofollow">peshmerga</a>' in html
    assert "Kirkuk</a>; Kirkuk is calm." in html


def test_unsafe_html_is_stripped():
    html = render_body('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=y> ![i](/x.png)').html
    assert "<script" not in html and 'href="javascript' not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # raw HTML in the source is shown as text, never run


def test_plain_text_shows_links_by_their_words_and_drops_citation_markers():
    body = "Forces held [[Kirkuk Governorate|the governorate]] on Monday.[^c12] Then [[Hawija]] fell."
    assert plain_text(body) == "Forces held the governorate on Monday. Then Hawija fell."
    # A piece cut out of a body may start or stop inside a link or a marker.
    assert plain_text("Governorate|the governorate]] on Monday.[^c1") == "the governorate on Monday."
    assert plain_text("c12] Then [[Kirkuk Governorate|the") == " Then the"
    assert plain_text("a [b] c, x|y") == "a [b] c, x|y"
