"""Writes to sources. Views, the API, tasks and the seed command all call these."""
from datetime import date, datetime, time
from datetime import timezone as dt_timezone
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, TextField, Value, When
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify

from actors.models import Actor
from actors.names import normalise_name

from .intake import IngestError, clean_text, content_hash, html_to_text
from .models import Article, Outlet


@transaction.atomic
def outlet_ensure(*, slug: str, name: str, url: str = "", actor: Actor | None = None) -> tuple[Outlet, bool]:
    """The outlet with ``slug``, created if missing; an existing outlet is left as it is."""
    outlet = Outlet.objects.filter(slug=slug).first()
    if outlet:
        return outlet, False
    outlet = Outlet(slug=slug, name=name, url=url, actor=actor)
    outlet.full_clean()
    outlet.save()
    return outlet, True


# --- intake -----------------------------------------------------------------------------------

# The pipeline lives in the briefings app (it writes claims); sources enqueues it by name so the
# dependency keeps running one way (actors <- sources <- briefings).
PROCESS_ARTICLE_TASK = "claims.process_article"
FETCH_ARTICLE_TASK = "sources.fetch_article"


def _enqueue(task_name: str, article_id: int) -> None:
    from config.celery import app

    transaction.on_commit(lambda: app.send_task(task_name, args=[article_id]))


def _outlet_from(outlet: "Outlet | str | None") -> Outlet | None:
    if outlet is None or isinstance(outlet, Outlet):
        return outlet
    name = outlet.strip()
    if not name:
        return None
    found = Outlet.objects.filter(Q(name__iexact=name) | Q(slug=slugify(name))).first()
    if found:
        return found
    if actor := Actor.objects.catalogue().filter(kind="media_outlet", aliases__normalised=normalise_name(name)).first():
        if hasattr(actor, "outlet"):
            return actor.outlet
    return outlet_ensure(slug=slugify(name)[:200] or "outlet", name=name[:200])[0]


def _as_datetime(value: "date | datetime | str | None") -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        parsed = parse_datetime(value) or (
            datetime.combine(parse_date(value), time(12)) if parse_date(value) else None
        )
        if parsed is None:
            raise IngestError(f"'published' must be a date or a date and time (YYYY-MM-DD), not {value!r}.")
        value = parsed
    elif not isinstance(value, datetime):
        value = datetime.combine(value, time(12))  # noon: a bare date stays that date in any zone
    return value if timezone.is_aware(value) else timezone.make_aware(value, dt_timezone.utc)


def article_submit(
    *,
    text: str = "",
    html: str = "",
    url: str = "",
    title: str = "",
    byline: str = "",
    outlet: "Outlet | str | None" = None,
    published_at: "date | datetime | str | None" = None,
    submitted_by=None,
    enqueue: bool = True,
) -> tuple[Article, bool]:
    """Accept an article for ingestion, once.

    Text or HTML is cleaned now (bad input raises ``IngestError`` before anything is written);
    a bare URL is fetched by a worker. The same URL, or the same normalised text, returns the
    existing article with ``created`` False. The pipeline is queued after commit (unless
    ``enqueue`` is False: the caller runs it itself).
    """
    url = url.strip()
    if url:
        validate_http_url(url)
    if not (text.strip() or html.strip() or url):
        raise IngestError("Send the article's text, its HTML, or a URL to fetch.")
    extracted = None
    if html.strip() and not text.strip():
        extracted = html_to_text(html)
        text = extracted.text
    elif text:
        text = clean_text(text)
    published = _as_datetime(published_at) or (_as_datetime(extracted.published) if extracted else None)
    digest = content_hash(text) if text else None

    existing = _existing_article(url, digest)
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            article = Article.objects.create(
                url=url,
                title=(title or (extracted.title if extracted else ""))[:500],
                byline=(byline or (extracted.byline if extracted else ""))[:300],
                outlet=_outlet_from(outlet),
                published_at=published,
                text=text,
                html=html if html.strip() else "",
                content_hash=digest,
                submitted_by=submitted_by if getattr(submitted_by, "is_authenticated", False) else None,
            )
            if enqueue:
                _enqueue(PROCESS_ARTICLE_TASK if text else FETCH_ARTICLE_TASK, article.pk)
    except IntegrityError:
        # Submitted twice at the same moment: the unique constraints let one through.
        existing = _existing_article(url, digest)
        if existing is None:
            raise
        return existing, False
    return article, True


def _existing_article(url: str, digest: str | None) -> Article | None:
    query = Q(url=url) if url else Q(pk__in=[])
    if digest:
        query |= Q(content_hash=digest)
    return Article.objects.filter(query).first()


def validate_http_url(url: str) -> None:
    """Only absolute http(s) URLs; whether the host may be fetched is checked when fetching."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IngestError(f"Only http and https URLs can be ingested, not {url[:100]!r}.")
    if len(url) > 2000:
        raise IngestError("The URL is longer than 2,000 characters.")


def article_mark(*, article: Article, status: str, reason: str = "") -> None:
    """Record an article's ingest status (a failure always carries its reason)."""
    if status == Article.Status.FAILED and not reason.strip():
        reason = "Failed without a recorded reason."
    fields = {"status": status, "status_reason": reason[:2000], "updated_at": timezone.now()}
    if status == Article.Status.DONE:
        fields["processed_at"] = timezone.now()
    Article.objects.filter(pk=article.pk).update(**fields)
    for key, value in fields.items():
        setattr(article, key, value)


def articles_mark_done(*, done: list[tuple[Article, str]]) -> None:
    """``article_mark(status=DONE)`` for several articles, each with its reason, in one update."""
    if not done:
        return
    now = timezone.now()
    reasons = {article.pk: reason[:2000] for article, reason in done}
    Article.objects.filter(pk__in=reasons).update(
        status=Article.Status.DONE, updated_at=now, processed_at=now,
        status_reason=Case(*(When(pk=pk, then=Value(reason)) for pk, reason in reasons.items()),
                           default=F("status_reason"), output_field=TextField()),
    )
    for article, _ in done:
        article.status, article.status_reason = Article.Status.DONE, reasons[article.pk]
        article.updated_at = article.processed_at = now
