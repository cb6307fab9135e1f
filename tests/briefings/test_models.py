import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from briefings.models import Briefing, ImmutableRevisionError, Link, Revision, Subscription, Suggestion
from claims.models import ClaimRelation, ClaimStatusChange
from digests.models import DigestDelivery
from tests.factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    ClaimFactory,
    SuggestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_revision_numbers_are_unique_per_briefing():
    briefing = BriefingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.create(briefing=briefing, number=1, body="Again number one.")
    other = BriefingFactory()
    assert other.revisions.get().number == 1


def test_revision_refuses_to_change_once_saved():
    revision = BriefingFactory().draft_revision
    revision.body = "Rewritten history."
    with pytest.raises(ImmutableRevisionError):
        revision.save()


def test_database_refuses_updates_to_revisions():
    revision = BriefingFactory().draft_revision
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.filter(pk=revision.pk).update(body="Rewritten behind the model's back.")


def test_draft_must_be_a_revision_of_the_same_briefing():
    kirkuk, tehran = BriefingFactory(), BriefingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Briefing.objects.filter(pk=kirkuk.pk).update(draft_revision=tehran.draft_revision)
        connection.check_constraints()  # the composite key is deferred to commit; check now
    with pytest.raises(IntegrityError), transaction.atomic():
        Briefing.objects.filter(pk=kirkuk.pk).update(published_revision=tehran.draft_revision)
        connection.check_constraints()


def test_citation_span_must_match_its_quote():
    with pytest.raises(IntegrityError), transaction.atomic():
        CitationFactory(start=0, end=5, quote="Officials in Kirkuk")
    with pytest.raises(IntegrityError), transaction.atomic():
        CitationFactory(start=-1, end=18, quote="Officials in Kirkuk")


def test_same_citation_is_stored_once():
    citation = CitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CitationFactory(claim=citation.claim, article=citation.article)


def test_symmetric_relations_are_stored_once_lower_id_first():
    a, b = ClaimFactory(), ClaimFactory()
    low, high = sorted([a, b], key=lambda c: c.pk)
    ClaimRelation.objects.create(from_claim=low, to_claim=high, kind="disputes")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelation.objects.create(from_claim=high, to_claim=low, kind="disputes")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelation.objects.create(from_claim=low, to_claim=low, kind="duplicates")
    ClaimRelation.objects.create(from_claim=high, to_claim=low, kind="duplicates")


def test_claim_event_date_carries_a_precision():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(event_date=datetime.date(2014, 6, 26))
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(event_date_precision="day")
    ClaimFactory(event_date=datetime.date(2014, 6, 26), event_date_precision="day")


def test_editor_claims_name_their_editor():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(origin="editor")
    ClaimFactory(origin="editor", created_by=UserFactory())


def test_status_change_needs_a_reason_and_a_change():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimStatusChange.objects.create(claim=claim, old_status="reported", new_status="disputed", reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimStatusChange.objects.create(claim=claim, old_status="reported", new_status="reported", reason="x")


def test_suggestion_is_made_once_per_claim_and_briefing():
    suggestion = SuggestionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SuggestionFactory(briefing=suggestion.briefing, claim=suggestion.claim)


def test_rejected_suggestion_needs_a_reason_and_a_review_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        SuggestionFactory(state=Suggestion.State.REJECTED, reason="", reviewed_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        SuggestionFactory(state=Suggestion.State.REJECTED, reason="Off topic.")
    with pytest.raises(IntegrityError), transaction.atomic():
        SuggestionFactory(state=Suggestion.State.PENDING, reviewed_at=timezone.now())


def test_link_title_is_unique_per_source():
    briefing = BriefingFactory()
    Link.objects.create(source=briefing, target_title="Kirkuk control")
    with pytest.raises(IntegrityError), transaction.atomic():
        Link.objects.create(source=briefing, target_title="Kirkuk control")


def test_subscription_watches_exactly_one_thing_once():
    user, briefing, actor = UserFactory(), BriefingFactory(), ActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(user=user, briefing=briefing, actor=actor)
    Subscription.objects.create(user=user, briefing=briefing)
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(user=user, briefing=briefing, frequency="weekly")


def test_digest_is_delivered_once_per_user_and_period():
    user = UserFactory()
    start = timezone.now() - datetime.timedelta(days=1)
    DigestDelivery.objects.create(user=user, period="daily:2014-06-27", period_start=start, period_end=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        DigestDelivery.objects.create(user=user, period="daily:2014-06-27", period_start=start, period_end=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        DigestDelivery.objects.create(
            user=user, period="daily:2014-06-28", period_start=start, period_end=timezone.now(), status="sent"
        )


def test_every_model_has_a_readable_str_and_an_absolute_url(cast):
    from sources.models import Feed
    from tests.factories import (
        AliasFactory,
        ArticleFactory,
        MentionFactory,
        OutletFactory,
        RegionFactory,
        SubscriptionFactory,
    )

    briefing = BriefingFactory()
    claim = ClaimFactory()
    start = timezone.now() - datetime.timedelta(days=1)
    objects = [
        ActorFactory(),
        RegionFactory(),
        AliasFactory(),
        OutletFactory(),
        ArticleFactory(),
        MentionFactory(),
        Feed.objects.create(url="https://news.example.org/feed.xml"),
        claim,
        CitationFactory(),
        ClaimRelation.objects.create(from_claim=claim, to_claim=ClaimFactory(), kind="disputes"),
        ClaimStatusChange.objects.create(claim=claim, old_status="reported", new_status="disputed", reason="HRW"),
        briefing,
        briefing.draft_revision,
        SuggestionFactory(),
        Link.objects.create(source=briefing, target_title="Elsewhere"),
        SubscriptionFactory(),
        DigestDelivery.objects.create(user=cast["bob"], period="daily:x", period_start=start, period_end=timezone.now()),
    ]
    for obj in objects:
        assert str(obj).strip(), type(obj)
        assert obj.get_absolute_url().startswith("/"), type(obj)
