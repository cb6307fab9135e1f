"""Source pages: outlets, articles and feeds."""
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, render

from .models import Article, Feed, Outlet


@login_required
def article_list(request):
    """Recent articles with their ingest status."""
    articles = Article.objects.visible_to(request.user).select_related("outlet").defer("text", "html")[:100]
    return render(request, "sources/article_list.html", {"articles": articles})


@login_required
def article_detail(request, pk):
    """An article's text, status and the names found in it."""
    article = get_object_or_404(
        Article.objects.visible_to(request.user).select_related("outlet").defer("html"), pk=pk
    )
    mentions = article.mentions.select_related("actor", "region")
    return render(request, "sources/article_detail.html", {"article": article, "mentions": mentions})


@login_required
def outlet_detail(request, slug):
    """An outlet and its latest articles."""
    outlet = get_object_or_404(Outlet, slug=slug)
    articles = Article.objects.visible_to(request.user).filter(outlet=outlet).defer("text", "html")[:50]
    return render(request, "sources/outlet_detail.html", {"outlet": outlet, "articles": articles})


@permission_required("sources.view_feed", raise_exception=True)
def feed_detail(request, pk):
    """A polled feed and how its last poll went."""
    feed = get_object_or_404(Feed.objects.select_related("outlet"), pk=pk)
    return render(request, "sources/feed_detail.html", {"feed": feed})
