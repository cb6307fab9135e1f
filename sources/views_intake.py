"""The editors' form for submitting an article."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from .forms import ArticleSubmitForm


@login_required
def article_submit_view(request):
    """Paste text or HTML, or give a URL; the article is queued for the workers."""
    if not request.user.has_perm("sources.add_article"):
        raise PermissionDenied("Submitting articles is for editors.")
    form = ArticleSubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = form.submit(request.user)
        if result is not None:
            article, created = result
            if created:
                messages.success(request, "The article is queued: names and claims appear when a worker is done.")
            else:
                messages.info(request, "This article was already ingested: here it is.")
            return redirect(article)
    return render(request, "sources/article_form.html", {"form": form})
