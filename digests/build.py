"""Selectors that build digests: which period is due, what changed in it, and the rendered mail.

What a digest says, per watched briefing whose published revision changed in the window: the
title and link, the edit notes, how many words were added and removed between the text
published before the window and the text published at its end, the claims the new text cites
that the old one did not (speaker, outlet, quote), and cited claims that became disputed,
corroborated or retracted in the window; and, for a briefing that asks a question, the sources
of its answer (facts whose claims) that became disputed or retracted in the window, whether or
not its text changed. Briefings are ordered most changed first. The
reader's own revisions and status changes are left out; a briefing only they changed is left
out; nothing left means no digest.

Everything is read per batch of users in a constant number of queries: the changes of a
window are computed once per pass (``DigestBuilder`` caches them) and matched to each user's
watches in Python.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.template.loader import get_template
from django.urls import reverse

from actors.models import Region
from briefings.answers import evidence_of
from briefings.markup import cited_claim_ids
from briefings.models import Briefing, Frequency, Publication, Revision, Subscription
from briefings.services import user_digest_frequency
from briefings.textdiff import opcodes
from claims.models import Citation, Claim, ClaimStatusChange, Fact
from claims.wording import claim_sentence, speaker_label

from .models import DigestDelivery

NOTABLE_STATUSES = (Claim.Status.DISPUTED, Claim.Status.CORROBORATED, Claim.Status.RETRACTED)
# A missed digest (beat down, failed sends) is caught up by the next one, back to this far.
CATCH_UP = {Frequency.DAILY: timedelta(days=7), Frequency.WEEKLY: timedelta(days=28)}
DONE_STATUSES = (DigestDelivery.Status.SENT, DigestDelivery.Status.EMPTY)


# --- periods ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A digest period: ``key`` is what DigestDelivery stores ("daily:2014-06-27")."""

    frequency: str
    key: str
    start: datetime
    end: datetime


def _midnight(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def period_containing(frequency: str, moment: datetime) -> Period:
    """The daily or ISO-weekly period (UTC) that ``moment`` falls in."""
    day = _midnight(moment)
    if frequency == Frequency.DAILY:
        return Period(frequency, f"daily:{day:%Y-%m-%d}", day, day + timedelta(days=1))
    if frequency == Frequency.WEEKLY:
        start = day - timedelta(days=day.weekday())
        year, week, _ = start.isocalendar()
        return Period(frequency, f"weekly:{year}-W{week:02d}", start, start + timedelta(days=7))
    raise ValueError(f"No digest period for frequency {frequency!r}")


def period_due(frequency: str, now: datetime) -> Period:
    """The last period that has ended by ``now``: the one a pass at ``now`` sends."""
    current = period_containing(frequency, now)
    return period_containing(frequency, current.start - timedelta(seconds=1))


def windows_for(user_ids: list[int], period: Period) -> dict[int, datetime]:
    """Each user's window start: the end of their last digest (sent or empty) when that is
    recent, so nothing is missed after a gap, else the period's own start. One query."""
    last = dict(
        DigestDelivery.objects.filter(user_id__in=user_ids, status__in=DONE_STATUSES, period_end__lte=period.start)
        .values("user_id")
        .annotate(end=Max("period_end"))
        .values_list("user_id", "end")
    )
    earliest = period.start - CATCH_UP[period.frequency]
    return {uid: max(last[uid], earliest) if uid in last else period.start for uid in user_ids}


# --- what changed -----------------------------------------------------------------------------


@dataclass
class CitedClaim:
    claim_id: int
    text: str
    sentence: str  # the claim attributed, by the wiki's wording rules (claims.wording)
    speaker: str
    outlet: str
    quote: str
    url: str


@dataclass
class StatusChange:
    claim_id: int
    text: str
    old_status: str
    new_status: str
    reason: str
    changed_by_id: int | None
    url: str


@dataclass
class AnswerAlert:
    """A source of a briefing's answer that became disputed or retracted."""

    fact: str  # "Peshmerga controls Kirkuk (as of 27 Jun 2014)"
    according_to: str
    new_status: str
    reason: str
    changed_by_id: int | None
    url: str


@dataclass
class BriefingChange:
    """How one briefing's published text changed over a window (shared by all readers)."""

    briefing_id: int
    title: str
    url: str
    actor_ids: set[int]
    region_ids: set[int]
    notes: list[tuple[int | None, str]]  # (author id, note) of the revisions in between
    authors: set[int | None]
    words_added: int
    words_removed: int
    new_claims: list[CitedClaim]
    status_changes: list[StatusChange]
    cited_ids: set[int] = field(default_factory=set)
    answer_alerts: list[AnswerAlert] = field(default_factory=list)


@dataclass
class DigestItem:
    """One briefing in one reader's digest."""

    title: str
    url: str
    notes: list[str]
    words_added: int
    words_removed: int
    new_claims: list[CitedClaim]
    status_changes: list[StatusChange]
    answer_alerts: list[AnswerAlert] = field(default_factory=list)

    @property
    def words_changed(self) -> int:
        return self.words_added + self.words_removed


@dataclass
class Digest:
    user: object
    period: Period
    window_start: datetime
    items: list[DigestItem]

    @property
    def is_empty(self) -> bool:
        return not self.items


def word_change(old: str, new: str) -> tuple[int, int]:
    """Words added and removed between two bodies (whitespace-split words).

    A patience diff (``briefings.textdiff``) finds the stretches that changed; inside one, the
    words counted are those the other side lacks (a multiset difference), so a block the patience
    algorithm leaves coarse (repeated words, no unique anchor) is not counted as all new.
    """
    a, b = old.split(), new.split()
    added = removed = 0
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag != "equal":
            before, after = Counter(a[i1:i2]), Counter(b[j1:j2])
            added += (after - before).total()
            removed += (before - after).total()
    return added, removed


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def changes_between(start: datetime, end: datetime) -> dict[int, BriefingChange]:
    """Every briefing whose published revision changed in [start, end), or whose answer lost a
    source's standing in it, by briefing id. A constant number of queries whatever the number of
    briefings (about a dozen)."""
    changes = _publication_changes(start, end)
    alerts = _answer_alerts(start, end)
    missing = [pk for pk in alerts if pk not in changes]
    for briefing in Briefing.objects.filter(pk__in=missing, published_revision__isnull=False).prefetch_related(
            "subject_actors", "subject_regions"):
        changes[briefing.pk] = BriefingChange(
            briefing_id=briefing.pk, title=briefing.title,
            url=absolute(reverse("briefings:detail", kwargs={"slug": briefing.slug})),
            actor_ids={a.pk for a in briefing.subject_actors.all()},
            region_ids={r.pk for r in briefing.subject_regions.all()},
            notes=[], authors=set(), words_added=0, words_removed=0, new_claims=[], status_changes=[],
        )
    for briefing_id, found in alerts.items():
        if briefing_id in changes:
            changes[briefing_id].answer_alerts = found
    return changes


def _publication_changes(start: datetime, end: datetime) -> dict[int, BriefingChange]:
    """Every briefing whose published revision changed in [start, end), by briefing id."""
    newest: dict[int, int] = {}
    for briefing_id, revision_id in (
        Publication.objects.filter(published_at__gte=start, published_at__lt=end)
        .order_by("published_at", "id")
        .values_list("briefing_id", "revision_id")
    ):
        newest[briefing_id] = revision_id  # later rows overwrite: the last publication wins
    if not newest:
        return {}
    before = Publication.objects.filter(briefing=OuterRef("pk"), published_at__lt=start).order_by("-published_at", "-id")
    briefings = list(
        Briefing.objects.filter(pk__in=newest)
        .annotate(old_revision_id=Subquery(before.values("revision_id")[:1]))
        .values("id", "title", "slug", "old_revision_id")
    )
    old_of = {b["id"]: b["old_revision_id"] for b in briefings if b["old_revision_id"] != newest[b["id"]]}
    if not old_of:
        return {}
    revisions = {
        r.pk: r
        for r in Revision.objects.filter(pk__in=[*newest.values(), *filter(None, old_of.values())]).only(
            "id", "number", "body", "briefing_id"
        )
    }
    between = Q(pk__in=[])
    for briefing_id, old_id in old_of.items():
        new_number = revisions[newest[briefing_id]].number
        old_number = revisions[old_id].number if old_id else 0
        low, high = sorted((old_number, new_number))
        between |= Q(briefing_id=briefing_id, number__gt=low, number__lte=high)
    # Notes of the revisions readers saw (published at some time), not of drafts in between,
    # which may speak of what the editors kept back.
    published = Exists(Publication.objects.filter(revision=OuterRef("pk")))
    notes: dict[int, list[tuple[int | None, str]]] = defaultdict(list)
    for briefing_id, author_id, note in (
        Revision.objects.filter(between).filter(published).order_by("briefing_id", "number")
        .values_list("briefing_id", "author_id", "note")
    ):
        notes[briefing_id].append((author_id, note))
    subjects_a, subjects_r = defaultdict(set), defaultdict(set)
    for bid, aid in Briefing.subject_actors.through.objects.filter(briefing_id__in=old_of).values_list(
        "briefing_id", "actor_id"
    ):
        subjects_a[bid].add(aid)
    for bid, rid in Briefing.subject_regions.through.objects.filter(briefing_id__in=old_of).values_list(
        "briefing_id", "region_id"
    ):
        subjects_r[bid].add(rid)

    changes: dict[int, BriefingChange] = {}
    new_claim_ids: dict[int, list[int]] = {}
    for b in briefings:
        if b["id"] not in old_of:
            continue  # republished the very revision it showed before: nothing changed
        old_body = revisions[old_of[b["id"]]].body if old_of[b["id"]] else ""
        new_body = revisions[newest[b["id"]]].body
        added, removed = word_change(old_body, new_body)
        cited = cited_claim_ids(new_body)
        previously = set(cited_claim_ids(old_body))
        new_claim_ids[b["id"]] = [c for c in cited if c not in previously]
        changes[b["id"]] = BriefingChange(
            briefing_id=b["id"],
            title=b["title"],
            url=absolute(reverse("briefings:detail", kwargs={"slug": b["slug"]})),
            actor_ids=subjects_a[b["id"]],
            region_ids=subjects_r[b["id"]],
            notes=notes[b["id"]],
            authors={author for author, _ in notes[b["id"]]},
            words_added=added,
            words_removed=removed,
            new_claims=[],
            status_changes=[],
            cited_ids=set(cited),
        )
    _attach_claims(changes, new_claim_ids, start, end)
    return changes


def _attach_claims(changes: dict[int, BriefingChange], new_claim_ids: dict[int, list[int]], start, end) -> None:
    """Newly cited claims with their first citation, and status changes of cited claims."""
    wanted = {c for ids in new_claim_ids.values() for c in ids}
    claims = {c.pk: c for c in Claim.objects.shown().filter(pk__in=wanted)
              .select_related("speaker", "relayed_by", "holder")}
    first_citation: dict[int, Citation] = {}
    for citation in Citation.objects.filter(claim_id__in=wanted).select_related("article__outlet").order_by(
        "claim_id", "created_at", "id"
    ):
        first_citation.setdefault(citation.claim_id, citation)
    for briefing_id, ids in new_claim_ids.items():
        for claim_id in ids:
            claim = claims.get(claim_id)
            if claim is None:
                continue  # a marker for a claim that does not exist: nothing to tell
            citation = first_citation.get(claim_id)
            changes[briefing_id].new_claims.append(
                CitedClaim(
                    claim_id=claim_id,
                    text=claim.text,
                    sentence=claim_sentence(claim),
                    speaker=speaker_label(claim),
                    outlet=citation.article.outlet.name if citation and citation.article.outlet_id else "",
                    quote=citation.quote if citation else "",
                    url=absolute(reverse("claims:detail", kwargs={"pk": claim_id})),
                )
            )
    cited_anywhere = {c for change in changes.values() for c in change.cited_ids}
    if not cited_anywhere:
        return
    status_changes = (
        ClaimStatusChange.objects.filter(
            claim_id__in=cited_anywhere, created_at__gte=start, created_at__lt=end, new_status__in=NOTABLE_STATUSES
        )
        .select_related("claim")
        .order_by("created_at", "id")
    )
    by_claim: dict[int, list[StatusChange]] = defaultdict(list)
    for sc in status_changes:
        by_claim[sc.claim_id].append(
            StatusChange(
                claim_id=sc.claim_id,
                text=sc.claim.text,
                old_status=sc.old_status,
                new_status=sc.new_status,
                reason=sc.reason,
                changed_by_id=sc.changed_by_id,
                url=absolute(reverse("claims:detail", kwargs={"pk": sc.claim_id})),
            )
        )
    for change in changes.values():
        for claim_id in sorted(change.cited_ids & by_claim.keys()):
            change.status_changes.extend(by_claim[claim_id])


FACT_VERBS = {Fact.Kind.CONTROLS: "controls", Fact.Kind.SUPPORTS: "supports", Fact.Kind.OPPOSES: "opposes"}


def _answer_alerts(start: datetime, end: datetime) -> dict[int, list[AnswerAlert]]:
    """Per briefing asking a question, the facts its answer rests on whose claims became
    disputed or retracted in [start, end): facts of control over its place or a place within it,
    facts of stance towards its target. Four queries."""
    changed = {
        sc.claim_id: sc for sc in ClaimStatusChange.objects.filter(
            created_at__gte=start, created_at__lt=end,
            new_status__in=(Claim.Status.DISPUTED, Claim.Status.RETRACTED),
            claim__facts__isnull=False,
        ).distinct().order_by("created_at", "id")
    }
    if not changed:
        return {}
    facts = list(
        Fact.objects.filter(claim_id__in=changed, kind__in=FACT_VERBS).exclude(editor_state=Fact.EditorState.HIDDEN)
        .select_related("source", "target_actor", "target_region", "claim__speaker", "claim__relayed_by",
                        "claim__holder", "article__outlet")
        .defer("article__text", "article__html")
    )
    parents = dict(Region.objects.values_list("pk", "parent_id"))
    questions = Briefing.objects.exclude(question=Briefing.Question.FREE).filter(published_revision__isnull=False)
    alerts: dict[int, list[AnswerAlert]] = defaultdict(list)
    for briefing_id, kind, region_id, target_id in questions.values_list(
            "pk", "question", "question_region_id", "question_target_id"):
        for fact in facts:
            if kind == Briefing.Question.CONTROL:
                concerns = fact.kind == Fact.Kind.CONTROLS and region_id in _with_ancestors(fact.target_region_id,
                                                                                            parents)
            else:
                concerns = fact.kind != Fact.Kind.CONTROLS and fact.target_actor_id == target_id
            if concerns:
                alerts[briefing_id].append(_alert(fact, changed[fact.claim_id]))
    return alerts


def _with_ancestors(region_id: int | None, parents: dict[int, int | None]) -> set[int]:
    found, current = set(), region_id
    while current is not None and current not in found:
        found.add(current)
        current = parents.get(current)
    return found


def _alert(fact: Fact, change: ClaimStatusChange) -> AnswerAlert:
    evidence = evidence_of(fact)  # who states it and when, as the answer panel says it
    when = evidence.when
    claim = fact.claim
    return AnswerAlert(
        fact=f"{fact.source.name} {FACT_VERBS[fact.kind]} {fact.target.name}"
        + (f" ({when.day} {when:%b %Y})" if when else ""),
        according_to=evidence.according_to,
        new_status=change.new_status, reason=change.reason, changed_by_id=change.changed_by_id,
        url=absolute(reverse("claims:detail", kwargs={"pk": claim.pk})),
    )


# --- one digest per user ----------------------------------------------------------------------


@dataclass
class Watches:
    briefings: set[int] = field(default_factory=set)
    actors: set[int] = field(default_factory=set)
    regions: set[int] = field(default_factory=set)


def watches_for(user_ids: list[int], frequency: str | None) -> dict[int, Watches]:
    """Each user's watches (of one frequency, or all when None). One query."""
    subscriptions = Subscription.objects.filter(user_id__in=user_ids)
    if frequency is not None:
        subscriptions = subscriptions.filter(frequency=frequency)
    watches: dict[int, Watches] = defaultdict(Watches)
    for user_id, briefing_id, actor_id, region_id in subscriptions.values_list(
        "user_id", "briefing_id", "actor_id", "region_id"
    ):
        w = watches[user_id]
        (w.briefings.add(briefing_id) if briefing_id else w.actors.add(actor_id) if actor_id else w.regions.add(region_id))
    return watches


def digest_items(user_id: int, watches: Watches, changes: dict[int, BriefingChange]) -> list[DigestItem]:
    """The reader's digest: watched changes minus their own edits, most changed first.

    Published briefings are readable by every member (``Briefing.objects.visible_to``), and
    only published text is reported, so no visibility check is needed per item.
    """
    items = []
    for change in changes.values():
        if not (
            change.briefing_id in watches.briefings
            or change.actor_ids & watches.actors
            or change.region_ids & watches.regions
        ):
            continue
        if change.authors and change.authors <= {user_id} and not change.answer_alerts:
            continue  # only the reader's own edits: they know
        statuses = [s for s in change.status_changes if s.changed_by_id != user_id]
        alerts = [a for a in change.answer_alerts if a.changed_by_id != user_id]
        if not (change.words_added or change.words_removed or change.new_claims or statuses or alerts):
            continue
        items.append(
            DigestItem(
                title=change.title,
                url=change.url,
                notes=[note for author, note in change.notes if note and author != user_id],
                words_added=change.words_added,
                words_removed=change.words_removed,
                new_claims=change.new_claims,
                status_changes=statuses,
                answer_alerts=alerts,
            )
        )
    items.sort(key=lambda item: (-len(item.answer_alerts), -item.words_changed, -len(item.new_claims),
                                 item.title))
    return items


class DigestBuilder:
    """Builds the digests of one pass; the changes of each window are read once and reused."""

    def __init__(self, period: Period, end: datetime | None = None):
        self.period = period
        self.end = end or period.end
        self._changes: dict[datetime, dict[int, BriefingChange]] = {}

    def changes_since(self, start: datetime) -> dict[int, BriefingChange]:
        if start not in self._changes:
            self._changes[start] = changes_between(start, self.end)
        return self._changes[start]

    def build(self, users: list, windows: dict[int, datetime], watches: dict[int, Watches]) -> list[Digest]:
        return [
            Digest(
                user=user,
                period=self.period,
                window_start=windows[user.pk],
                items=digest_items(user.pk, watches.get(user.pk, Watches()), self.changes_since(windows[user.pk])),
            )
            for user in users
        ]


def digest_preview(user, now: datetime) -> Digest:
    """What the user's next digest would say if it were sent now (the period in progress)."""
    frequency = user_digest_frequency(user)
    frequency = frequency if frequency != Frequency.OFF else Frequency.DAILY
    period = period_containing(frequency, now)
    windows = windows_for([user.pk], period)
    return DigestBuilder(period, end=now).build([user], windows, watches_for([user.pk], None))[0]


# --- rendering --------------------------------------------------------------------------------


def render_digest(digest: Digest, unsubscribe_url: str) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of a digest, from the Django templates in digests/email/."""
    context = {
        "digest": digest,
        "user": digest.user,
        "items": digest.items,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url,
        "watches_url": absolute(reverse("briefings:watches")),
        "preview_url": absolute(reverse("digests:preview")),
    }
    subject = " ".join(get_template("digests/email/digest_subject.txt").render(context).split())
    text = get_template("digests/email/digest.txt").render(context)
    html = get_template("digests/email/digest.html").render(context)
    return subject, text, html
