"""Linking: which unknown names become candidates for the editors (no spaCy here)."""
from types import SimpleNamespace as NS

import pytest

from actors.models import Actor, Region
from claims.pipeline.linking import link_mentions_many
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PAGE = (
    "Kurds Vote As Baghdad Warns Of Consequences For Erbil\n"
    "This story is over 5 years old\n"
    "Image via AP/Bram Janssen\n"
    "Residents of Hawija said Abu Newname had left the town. Photograph: Jane Moreau/Example Wire\n"
)


def ent(text, part, type_):
    start = text.index(part)
    return NS(start=start, end=start + len(part), text=part, type=type_, link=None, confidence=0.6, mention="name")


def test_names_in_page_furniture_are_not_proposed_as_candidates():
    article = ArticleFactory(text=PAGE)
    entities = [
        ent(PAGE, "Kurds Vote As Baghdad Warns", "organization"),  # a headline fragment
        ent(PAGE, "Bram Janssen", "person"),  # a photographer
        ent(PAGE, "Jane Moreau", "person"),
        ent(PAGE, "Hawija", "location"),
        ent(PAGE, "Abu Newname", "person"),
    ]
    link_mentions_many([(article, entities)])
    assert set(Actor.objects.candidates().values_list("name", flat=True)) == {"Abu Newname"}
    assert set(Region.objects.candidates().values_list("name", flat=True)) == {"Hawija"}


def test_a_name_running_across_lines_is_not_a_candidate():
    text = "Kirkuk\nThis Week the council met."
    article = ArticleFactory(text=text)
    link_mentions_many([(article, [ent(text, "Kirkuk\nThis Week", "organization")])])
    assert not Actor.objects.candidates().exists()
