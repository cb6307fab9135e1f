"""Claiming and sending digests: each (user, period) goes out once.

A pass walks the users due for a frequency in batches. For each batch it claims the
deliveries in one statement (``INSERT ... ON CONFLICT DO NOTHING RETURNING``: a row another
runner inserted first is simply not ours), re-claims the ones a crashed runner left in
"claimed" past a timeout and the failed ones under the attempt cap (a conditional UPDATE, so
of two runners only one gets each row), builds the claimed users' digests, records the empty
ones, and sends the rest over one SMTP connection, recording each as sent right after its
SMTP reply.

The one gap left: a runner killed between the server's 250 reply and the UPDATE that records
"sent" leaves a claimed row that a later pass re-claims after the timeout, and that user gets
that digest twice. Closing it would need the mail server to take part in our transaction;
the window is one local UPDATE long, so at-most-twice there and exactly-once everywhere else.
"""
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from briefings.models import Frequency, Subscription

from .build import (
    Digest,
    DigestBuilder,
    Period,
    absolute,
    period_due,
    render_digest,
    watches_for,
    windows_for,
)
from .models import DigestDelivery
from .tokens import unsubscribe_token, unsubscribe_tokens

log = logging.getLogger(__name__)

BATCH_SIZE = 500
MAX_ATTEMPTS = 5
# A delivery still "claimed" after this long belongs to a runner that died mid-send.
CLAIM_TIMEOUT = timedelta(minutes=30)
# What building and rendering a digest reads from a user (anything else would be a query each).
USER_FIELDS = ("pk", "email", "username", "first_name", "last_name")
Status = DigestDelivery.Status


@dataclass
class PassResult:
    period: str
    claimed: int = 0
    sent: int = 0
    empty: int = 0
    failed: int = 0
    digests: list[Digest] = field(default_factory=list)  # only kept on dry runs

    def __str__(self) -> str:
        return f"{self.period}: claimed={self.claimed} sent={self.sent} empty={self.empty} failed={self.failed}"


def due_users(period: Period):
    """Active users with an email and a watch at this frequency, whose digest for the period
    is neither done nor failed for good. Runners racing on them are sorted out by the claim."""
    settled = DigestDelivery.objects.filter(user=OuterRef("pk"), period=period.key).filter(
        Q(status__in=(Status.SENT, Status.EMPTY)) | Q(status=Status.FAILED, attempts__gte=MAX_ATTEMPTS)
    )
    watching = Subscription.objects.filter(user=OuterRef("pk"), frequency=period.frequency)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(Exists(watching))
        .exclude(Exists(settled))
        .order_by("pk")
    )


def claim(user_ids: list[int], period: Period, windows: dict[int, datetime], reclaim_after: timedelta) -> set[int]:
    """Claim the (user, period) deliveries this runner will send; two statements per batch.

    The INSERT claims new rows (a conflicting row is someone else's, or done); the UPDATE takes
    over rows stuck in "claimed" past ``reclaim_after`` and failed rows under the cap. Both are
    single statements, so PostgreSQL's row locks decide between racing runners.
    """
    if not user_ids:
        return set()
    table, now = DigestDelivery._meta.db_table, timezone.now()
    at = db.ops.adapt_datetimefield_value  # raw SQL: let the backend format datetimes (SQLite)
    rows = [(uid, period.key, at(windows[uid]), at(period.end), Status.CLAIMED, at(now), 1, "", 0) for uid in user_ids]
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(rows))
    with db.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, period, period_start, period_end, status, claimed_at, attempts, error,"
            f" briefing_count) VALUES {values} ON CONFLICT (user_id, period) DO NOTHING RETURNING user_id",
            [v for row in rows for v in row],
        )
        mine = {row[0] for row in cursor.fetchall()}
        rest = [uid for uid in user_ids if uid not in mine]
        if rest:
            marks = ", ".join(["%s"] * len(rest))
            cursor.execute(
                f"UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1"
                f" WHERE period = %s AND user_id IN ({marks})"
                f" AND ((status = %s AND claimed_at < %s) OR (status = %s AND attempts < %s)) RETURNING user_id",
                [Status.CLAIMED, at(now), period.key, *rest, Status.CLAIMED, at(now - reclaim_after), Status.FAILED,
                 MAX_ATTEMPTS],
            )
            mine |= {row[0] for row in cursor.fetchall()}
    return mine


def digest_message(digest: Digest, token: str | None = None) -> EmailMultiAlternatives:
    """The multipart (plain text + HTML) email, with one-click unsubscribe headers (RFC 8058);
    ``token`` is the user's unsubscribe token when the caller read it already."""
    token = token or unsubscribe_token(digest.user)
    unsubscribe_url = absolute(reverse("digests:unsubscribe", kwargs={"token": token}))
    subject, text, html = render_digest(digest, unsubscribe_url)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _record(user_id: int, period: Period, **fields) -> None:
    # Only a row this runner still holds (status claimed) is updated.
    DigestDelivery.objects.filter(user_id=user_id, period=period.key, status=Status.CLAIMED).update(**fields)


@contextmanager
def _commits_without_flush_wait():
    """During a pass, commits on this connection do not wait for the WAL flush
    (``synchronous_commit`` off, reset afterwards). A record is as safe against the runner's
    death as ever; only a crash of the database server itself could lose the last few "sent"
    records, and those digests would be sent again after the claim timeout: the gap described
    above, not a new one. It halves the cost of recording thousands of deliveries one by one."""
    if db.vendor != "postgresql" or db.in_atomic_block:
        yield
        return
    with db.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with db.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _send_batch(digests: list[Digest], period: Period, result: PassResult) -> None:
    """Send over one SMTP connection; record each outcome right after its SMTP reply."""
    mail = get_connection()
    try:
        mail.open()
    except Exception as error:  # the server is down: every digest of the batch fails, retried later
        log.warning("digests: cannot reach the mail server: %s", error)
        mail = None
        opening_error = error
    try:
        tokens = unsubscribe_tokens(digest.user for digest in digests)
        for digest in digests:
            try:
                message = digest_message(digest, tokens[digest.user.pk])
                if mail is None:
                    raise opening_error
                if mail.send_messages([message]) != 1:
                    raise RuntimeError("the mail backend sent nothing")
            except Exception as error:
                result.failed += 1
                _record(digest.user.pk, period, status=Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000])
                log.warning("digests: sending %s to user %s failed: %s", period.key, digest.user.pk, error)
                if mail is not None:  # the connection may be broken; start a fresh one
                    mail.close()
                    try:
                        mail.open()
                    except Exception as again:
                        mail, opening_error = None, again
                continue
            # <- a crash exactly here is the at-most-twice gap described in the module docstring
            _record(digest.user.pk, period, status=Status.SENT, sent_at=timezone.now(), briefing_count=len(digest.items), error="")
            result.sent += 1
    finally:
        if mail is not None:
            mail.close()


def digests_send_due(
    *,
    frequency: str,
    now: datetime | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    reclaim_after: timedelta = CLAIM_TIMEOUT,
) -> PassResult:
    """Build and send every digest of ``frequency`` due at ``now``; safe to run concurrently
    and again. A dry run builds the digests without claiming or sending anything."""
    if frequency not in (Frequency.DAILY, Frequency.WEEKLY):
        raise ValueError(f"No digests for frequency {frequency!r}")
    period = period_due(frequency, now or timezone.now())
    builder = DigestBuilder(period)
    result = PassResult(period=period.key)
    users = due_users(period).only(*USER_FIELDS)
    after = 0
    with _commits_without_flush_wait():
        while True:
            batch = list(users.filter(pk__gt=after)[:batch_size])
            if not batch:
                return result
            after = batch[-1].pk
            ids = [u.pk for u in batch]
            windows = windows_for(ids, period)
            if not dry_run:
                mine = claim(ids, period, windows, reclaim_after)
                batch = [u for u in batch if u.pk in mine]
                result.claimed += len(batch)
            digests = builder.build(batch, windows, watches_for([u.pk for u in batch], frequency))
            empty = [d.user.pk for d in digests if d.is_empty]
            result.empty += len(empty)
            full = [d for d in digests if not d.is_empty]
            if dry_run:
                result.digests.extend(full)
                continue
            if empty:
                DigestDelivery.objects.filter(user_id__in=empty, period=period.key, status=Status.CLAIMED).update(
                    status=Status.EMPTY, error=""
                )
            _send_batch(full, period, result)
