"""A worker with a backlog takes queued articles through spaCy together and writes them in one
transaction; nothing is recorded twice (each article's own task then finds it done), and one bad
article in a batch fails alone."""
import json
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from briefings.markup import CITE
from briefings.models import Suggestion
from briefings.seeding import seed_load
from claims.models import Citation, Claim, ClaimRelation
from claims.pipeline import process
from claims.pipeline.process import article_process
from sources.models import Article, Mention
from sources.services import article_claim_for_processing, article_submit

ARTICLES = sorted((Path(__file__).resolve().parents[2] / "seeds" / "articles").glob("*.json"))
pytestmark = pytest.mark.django_db


@pytest.fixture
def backlog() -> list[Article]:
    seed_load()
    articles = []
    for path in ARTICLES:
        data = json.loads(path.read_text(encoding="utf-8"))
        article, _ = article_submit(text=data["text"], title=data["title"], published_at=data["published"],
                                    enqueue=False)
        articles.append(article)
    return articles


def test_one_task_processes_the_backlog_in_one_batch(backlog):
    first, *others = backlog
    assert article_process(first.pk, batch=8) == "done"
    assert set(Article.objects.filter(pk__in=[a.pk for a in backlog]).values_list("status", flat=True)) == {"done"}
    claims, citations, mentions = Claim.objects.count(), Citation.objects.count(), Mention.objects.count()
    assert claims and citations and mentions

    # The other articles' own tasks arrive later: they skip, and nothing is written twice.
    assert [article_process(a.pk, batch=8) for a in others] == ["skipped"] * len(others)
    assert (Claim.objects.count(), Citation.objects.count(), Mention.objects.count()) == (claims, citations, mentions)


def _recorded() -> dict:
    return {
        "claims": sorted(Claim.objects.values_list("text", flat=True)),
        "citations": sorted(Citation.objects.values_list("article_id", "start", "end", "claim__text")),
        "disputes": sorted(ClaimRelation.objects.values_list("from_claim__text", "to_claim__text")),
        # Without the citation marks, which name claim ids ([^c12]).
        "suggestions": sorted((b, CITE.sub("", text))
                              for b, text in Suggestion.objects.values_list("briefing_id", "text")),
        "mentions": Mention.objects.count(),
    }


def test_a_batch_records_the_same_as_one_by_one(backlog):
    for article in backlog:
        assert article_process(article.pk) == "done"
    one_by_one = _recorded()
    assert one_by_one["claims"] and one_by_one["suggestions"]
    Article.objects.update(status="queued")
    Claim.objects.all().delete()
    Mention.objects.all().delete()
    assert article_process(backlog[0].pk, batch=8) == "done"
    assert _recorded() == one_by_one


def test_a_restatement_later_in_the_batch_cites_the_claim_made_earlier_in_it(backlog):
    data = json.loads(ARTICLES[0].read_text(encoding="utf-8"))
    again, _ = article_submit(text=data["text"] + "\n\nRepublished the next day.", title=data["title"],
                              published_at=data["published"], enqueue=False)
    assert article_process(backlog[0].pk, batch=8) == "done"
    # A named speaker's claims are restated (an unnamed "officials" is not known to be the same).
    first = Claim.objects.filter(citations__article=backlog[0], speaker__isnull=False).distinct()
    assert first.count() >= 3
    for claim in first:
        assert set(claim.citations.values_list("article", flat=True)) == {backlog[0].pk, again.pk}
    assert not Claim.objects.filter(citations__article=again, speaker__isnull=False).exclude(pk__in=first).exists()


def test_a_batch_leaves_articles_still_being_fetched_alone(backlog):
    waiting, _ = article_submit(url="https://example.org/later", enqueue=False)
    assert article_process(backlog[0].pk, batch=8) == "done"
    waiting.refresh_from_db()
    assert waiting.status == "queued"


def test_a_batch_is_written_together(backlog):
    with CaptureQueriesContext(connection) as queries:
        assert article_process(backlog[0].pk, batch=8) == "done"
    statements = [q["sql"] for q in queries.captured_queries]
    # One lock for the batch, one insert of every mention, claim and citation, one update of
    # every status.
    for table in ("sources_mention", "claims_claim", "claims_citation"):
        assert sum(s.startswith(f'INSERT INTO "{table}"') for s in statements) == 1, table
    assert sum(s.startswith('UPDATE "sources_article" SET "status" = \'done\'') for s in statements) == 1
    assert sum(s.startswith("SELECT") and "FOR UPDATE SKIP LOCKED" in s and "EXISTS" in s for s in statements) == 1
    # The article and the others queued claimed, and read, in one statement before spaCy.
    assert sum(s.lstrip().startswith("WITH own AS") for s in statements) == 1
    assert not any('"sources_article"."html"' in s for s in statements)
    # Re-derivable writes: the batch's COMMIT does not wait for the disk (this transaction only).
    assert sum(s == "SET LOCAL synchronous_commit TO OFF" for s in statements) == 1
    reasons = dict(Article.objects.filter(pk__in=[a.pk for a in backlog]).values_list("pk", "status_reason"))
    assert all(reason.endswith("claims") and "names" in reason for reason in reasons.values())


def test_one_bad_article_in_a_batch_fails_alone(backlog):
    bad = backlog[1]
    real = process.record_claims_many

    def record_claims_many(items):
        if any(item.article.pk == bad.pk for item in items):
            raise ValueError("broken quote offsets")
        return real(items)

    with mock.patch.object(process, "record_claims_many", record_claims_many):
        assert article_process(backlog[0].pk, batch=8) == "done"
    bad.refresh_from_db()
    assert bad.status == "failed"
    assert "ValueError: broken quote offsets" in bad.status_reason
    # The batch was rolled back and written again one by one: the bad article kept nothing
    # half-written, the others everything.
    assert not Mention.objects.filter(article=bad).exists()
    good = [a for a in backlog if a.pk != bad.pk]
    assert set(Article.objects.filter(pk__in=[a.pk for a in good]).values_list("status", flat=True)) == {"done"}
    assert all(Mention.objects.filter(article=a).exists() for a in good)
    assert Citation.objects.filter(article__in=good).exists()


@pytest.mark.django_db(transaction=True)
def test_only_the_pipelines_own_transaction_skips_the_disk_flush(backlog):
    assert article_process(backlog[0].pk, batch=8) == "done"
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"


@pytest.fixture(params=["postgresql", "other"])
def claim_path(request, monkeypatch):
    """Both ways of claiming: one statement on PostgreSQL, the ORM's queries elsewhere."""
    if request.param == "other":
        monkeypatch.setattr(connection, "vendor", "other")
    return request.param


def test_a_task_whose_article_a_batch_finished_reads_one_row_and_writes_nothing(backlog):
    """Most tasks of a backlog find their article done by another's batch: on PostgreSQL a plain
    read tells, without the claiming statement (its updates fire the version triggers even when
    they change no row)."""
    first, second, *_ = backlog
    Article.objects.filter(pk=second.pk).update(status=Article.Status.DONE)
    with CaptureQueriesContext(connection) as queries:
        assert article_claim_for_processing(article_id=second.pk, others=7) == []
    assert len(queries) == 1 and queries[0]["sql"].lstrip().upper().startswith("SELECT")
    assert [a.pk for a in article_claim_for_processing(article_id=first.pk, others=0)] == [first.pk]


def test_recording_locks_the_articles_still_processing_and_tells_which_were_cited(backlog, claim_path):
    """Both ways: one statement built once on PostgreSQL, the ORM's query elsewhere."""
    cited, fresh, queued = backlog[:3]
    Article.objects.filter(pk__in=[cited.pk, fresh.pk]).update(status=Article.Status.PROCESSING)
    assert article_process(cited.pk) == "done"  # now cited, and done
    Article.objects.filter(pk=cited.pk).update(status=Article.Status.PROCESSING)  # as a rerun finds it
    with transaction.atomic():
        assert process._lock_processing([cited.pk, fresh.pk, queued.pk, 0]) == {cited.pk: True, fresh.pk: False}


def test_a_claim_takes_the_article_then_the_oldest_queued_others(backlog, claim_path):
    backlog += [article_submit(text=f"{backlog[0].text}\n\nCopy {i}.", enqueue=False)[0] for i in range(4)]
    first, *rest = backlog
    Article.objects.filter(pk=rest[0].pk).update(status=Article.Status.DONE)
    Article.objects.filter(pk=rest[1].pk).update(text="")  # still waiting for its text
    waiting = [a.pk for a in rest[2:]]

    claimed = article_claim_for_processing(article_id=first.pk, others=2)
    assert [a.pk for a in claimed] == [first.pk, *waiting[:2]]
    assert all(a.status == "processing" and a.text for a in claimed)
    assert all("html" in a.get_deferred_fields() for a in claimed)  # never read by the pipeline
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert [statuses[pk] for pk in waiting] == ["processing"] * 2 + ["queued"] * (len(waiting) - 2)

    # Its own article done (or not to be processed): nothing claimed, the others left queued.
    assert article_claim_for_processing(article_id=rest[0].pk, others=7) == []
    assert article_claim_for_processing(article_id=rest[1].pk, others=7) == []
    assert Article.objects.filter(pk__in=waiting[2:], status="queued").count() == len(waiting) - 2
    # A redelivered task takes back its article left processing; a batch of one claims no other.
    assert [a.pk for a in article_claim_for_processing(article_id=first.pk, others=0)] == [first.pk]
