"""Source pages: outlets, articles and feeds.

An article's page shows the claims taken from it; it reaches them through the reverse
relation ``article.citations`` so this app does not import ``briefings``.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.listing import filter_form_for_pages, paginate

from .filters import ArticleFilter
from .highlight import mentions_html
from .intake import IngestError
from .models import Article, Feed, Outlet
from .services import article_reprocess

PAGE_SIZE = 50


def _catalogue_link(user):
    """Where a mention links: its actor's or region's page, if the visitor may open it."""
    sees_everything = user.has_perm("actors.change_actor")

    def link(mention):
        entry = mention.actor or mention.region
        if entry is None or not (sees_everything or entry.review_state == "accepted"):
            return None
        return entry.get_absolute_url()

    return link


def _names(mentions) -> list[dict]:
    """Each distinct name and what it resolved to, with its first mention and how often it occurs."""
    names: dict[tuple, dict] = {}
    for mention in mentions:
        key = (mention.text, mention.actor_id, mention.region_id)
        names.setdefault(key, {"first": mention, "entry": mention.actor or mention.region, "count": 0})["count"] += 1
    return list(names.values())


@login_required
def article_list(request):
    """Articles, newest first, filtered by ingest status, outlet, title or date."""
    articles = Article.objects.visible_to(request.user).select_related("outlet").defer("text", "html")
    filterset = ArticleFilter(request.GET or None, queryset=articles.order_by("-created_at", "-pk"))
    filter_form_for_pages(filterset, hide=("url",))  # the API's exact-URL lookup; people search titles
    page = paginate(request, filterset.qs, per_page=PAGE_SIZE)
    return render(request, "sources/article_list.html", {"filter": filterset, "page": page})


@login_required
def article_detail(request, pk):
    """An article's text with its mentions highlighted, its ingest status, and the claims
    taken from it with their quotes."""
    article = get_object_or_404(
        Article.objects.visible_to(request.user).select_related("outlet", "submitted_by").defer("html"), pk=pk
    )
    mentions = list(article.mentions.select_related("actor", "region"))
    citations = article.citations.select_related("claim__speaker", "claim__relayed_by", "claim__holder")
    can_correct = request.user.has_perm("claims.change_claim")
    if not can_correct:
        # Claims an editor marked not a claim, or merged away, are shown nowhere to readers.
        citations = citations.filter(claim__hidden=False, claim__merged_into__isnull=True)
    context = {
        **_status_context(request, article),
        "article": article,
        "text_html": mentions_html(article.text, mentions, _catalogue_link(request.user)),
        "mentions": mentions,
        "names": _names(mentions),
        "citations": citations.order_by("start", "pk"),
        # Facts (claims app) through the reverse relation, so this app imports nothing above it.
        "facts": article.facts.select_related("source", "target_actor", "target_region").order_by("start", "pk")
        if can_correct else article.facts.none(),
        "can_change": can_correct,
    }
    return render(request, "sources/article_detail.html", context)


def _status_context(request, article: Article) -> dict:
    live = article.status in (Article.Status.QUEUED, Article.Status.PROCESSING)  # a worker has it
    counts = None
    if article.status == Article.Status.DONE:
        counts = {"claims": article.citations.values("claim").distinct().count(), "mentions": article.mentions.count()}
    return {"live": live, "counts": counts,
            "can_reprocess": request.user.has_perm("sources.add_article")
            and article.status in (Article.Status.DONE, Article.Status.FAILED)}


@login_required
def article_status(request, pk):
    """The article's ingest status alone, for the page to ask again while a worker has it."""
    article = get_object_or_404(Article.objects.visible_to(request.user).only(
        "id", "status", "status_reason", "processed_at"), pk=pk)
    status = _status_context(request, article)
    # Once the worker is done, what the page shows below (text, claims) is out of date.
    context = {**status, "article": article, "changed": not status["live"]}
    return render(request, "sources/_article_status.html", context)


@login_required
@require_POST
def article_reprocess_view(request, pk):
    """Queue a done or failed article through the pipeline again; editors' corrections stand."""
    article = get_object_or_404(Article.objects.visible_to(request.user).defer("html"), pk=pk)
    try:
        article_reprocess(article=article, user=request.user)
    except IngestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Queued again: corrected claims keep what editors decided.")
    return redirect(article)


@login_required
def outlet_detail(request, slug):
    """An outlet and its latest articles."""
    outlet = get_object_or_404(Outlet, slug=slug)
    articles = Article.objects.visible_to(request.user).filter(outlet=outlet).defer("text", "html")
    page = paginate(request, articles.order_by("-created_at", "-pk"), per_page=PAGE_SIZE)
    return render(request, "sources/outlet_detail.html", {"outlet": outlet, "page": page})


@permission_required("sources.view_feed", raise_exception=True)
def feed_detail(request, pk):
    """A polled feed and how its last poll went."""
    feed = get_object_or_404(Feed.objects.select_related("outlet"), pk=pk)
    return render(request, "sources/feed_detail.html", {"feed": feed})
