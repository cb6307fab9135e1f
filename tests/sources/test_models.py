import pytest
from django.db import IntegrityError, transaction

from sources.models import Article, Mention
from tests.factories import ArticleFactory, MentionFactory

pytestmark = pytest.mark.django_db


def test_mention_span_must_be_ordered():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(article=article, start=10, end=10, text="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(article=article, start=12, end=6, text="Kirkuk")


def test_mention_text_must_fill_its_span():
    with pytest.raises(IntegrityError), transaction.atomic():
        MentionFactory(start=13, end=25, text="Kirkuk")


def test_same_mention_span_is_stored_once():
    mention = MentionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MentionFactory(article=mention.article)


def test_article_url_and_content_hash_are_unique():
    ArticleFactory(url="https://news.example.org/a", content_hash="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://news.example.org/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(content_hash="a" * 64)


def test_articles_without_url_do_not_collide():
    ArticleFactory(url="")
    ArticleFactory(url="")
    assert Article.objects.filter(url="").count() == 2


def test_failed_article_must_say_why():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(status=Article.Status.FAILED, status_reason="")
    ArticleFactory(status=Article.Status.FAILED, status_reason="The text is empty.")
