"""core.bulk: the pipeline's bulk insert keeps bulk_create's meaning, on PostgreSQL and off it."""
import pytest
from django.db import DataError, IntegrityError, connection, transaction

from core.bulk import insert_ignoring_conflicts
from sources.models import Mention
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
FIELDS = ("article", "start", "end", "text", "label", "actor", "region", "confidence")


@pytest.fixture(params=["native", "bulk_create"])
def path(request, monkeypatch):
    """Both ways in: the unnest insert (PostgreSQL) and the bulk_create other databases use."""
    if request.param == "bulk_create":
        monkeypatch.setattr(connection, "vendor", "other")
    return request.param


def _stored(article):
    return list(Mention.objects.filter(article=article).order_by("start")
                .values_list("start", "end", "text", "label", "actor_id", "region_id", "confidence"))


def test_rows_are_inserted_and_a_span_already_stored_is_left_as_it_is(path):
    article = ArticleFactory(text="Barzani spoke in Kirkuk.")
    insert_ignoring_conflicts(Mention, FIELDS, [(article.pk, 0, 7, "Barzani", "person", None, None, 0.9)])
    insert_ignoring_conflicts(Mention, FIELDS, [
        (article.pk, 0, 7, "Barzani", "other", None, None, 0.1),  # the same span again: ignored
        (article.pk, 17, 23, "Kirkuk", Mention.Label.LOCATION, None, None, 1.0),
    ])
    assert _stored(article) == [(0, 7, "Barzani", "person", None, None, 0.9),
                                (17, 23, "Kirkuk", "location", None, None, 1.0)]
    insert_ignoring_conflicts(Mention, FIELDS, [])  # nothing to do, no query
    assert len(_stored(article)) == 2


def test_the_database_still_refuses_bad_rows_whole(path):
    article = ArticleFactory(text="Kirkuk")
    with pytest.raises(IntegrityError), transaction.atomic():  # text does not fill its span
        insert_ignoring_conflicts(Mention, FIELDS, [(article.pk, 0, 6, "Kirkuk", "location", None, None, 1.0),
                                                    (article.pk, 0, 9, "Kirkuk", "location", None, None, 1.0)])
    long = "K" * 501
    with pytest.raises(DataError), transaction.atomic():  # too long for the column: refused, not cut
        insert_ignoring_conflicts(Mention, FIELDS, [(article.pk, 0, 501, long, "location", None, None, 1.0)])
    assert _stored(article) == []
