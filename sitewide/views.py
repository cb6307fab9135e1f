"""Pages that span the whole wiki: search and recent changes."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.listing import paginate
from core.roles import can_edit

from .changes import change_keys, changes_for
from .search import SECTIONS, Section, finder_for
from .search import search as search_sections

CHANGES_PER_PAGE = 50
SECTION_PER_PAGE = 25


@login_required
def search(request):
    """Briefings, claims, actors and regions matching ``q``, ranked, with highlighted snippets:
    the best few of each, or with ``in=<section>`` every match of one section, page by page."""
    q = request.GET.get("q", "").strip()
    section, page = request.GET.get("in", ""), None
    if section in SECTIONS:
        finder = finder_for(request.user, q)
        if finder is None:
            sections = [Section(section)]
        else:
            page = paginate(request, finder.matches(section), per_page=SECTION_PER_PAGE)
            sections = [Section(section, finder.hits(section, page.object_list))]
    else:
        section = ""
        sections = search_sections(request.user, q) if q else []
    context = {"q": q, "section": section, "sections": sections, "page": page, "found": any(s.hits for s in sections)}
    return render(request, "search.html", context)


@login_required
def recent_changes(request):
    """Everything that changed in the wiki that the visitor may see, newest first."""
    page = paginate(request, change_keys(request.user), per_page=CHANGES_PER_PAGE)
    # Who submitted an article is editors' business, as on the article's page.
    context = {"page": page, "changes": changes_for(page.object_list), "show_submitter": can_edit(request.user)}
    return render(request, "changes.html", context)
