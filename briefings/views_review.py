"""Reviewing drafts: the queue, a briefing's waiting suggestions, accept or reject, publish."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Min, Q, QuerySet, prefetch_related_objects
from django.http import QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from claims.forms import ClaimCorrectForm
from claims.services import claim_mark_not_claim
from claims.views import correction_choices
from core.listing import filter_form_for_pages, paginate
from core.page_cache import per_user
from core.roles import can_edit, can_publish
from core.versioning import ProcessMemo, depends_on, scoped_versions

from .filters import SuggestionFilter
from .forms import PublishForm, ReviewDecideForm, SuggestionAcceptForm, SuggestionRejectForm
from .markup import render_body
from .models import Briefing, ReviewDecision, Suggestion
from .placement import BY_QUESTION, END, Placement, default_placements, placement_of
from .review import PER_PAGE, SORTS, cards_load, review_cards, scope_label, sort_of
from .services import (
    briefing_publish,
    draft_sections,
    review_decision_undo,
    suggestions_accept,
    suggestions_reject,
    undo_deadline,
)
from .views_edit import editable_briefing

REVIEW_FOR_EDITORS = (
    "Reviewing suggestions is for editors. You can read the published briefings; "
    "ask an administrator for the editor role to review."
)


def _require_editor(request) -> None:
    if not can_edit(request.user):
        raise PermissionDenied(REVIEW_FOR_EDITORS)


@login_required
def review_queue(request):
    """Every briefing with suggestions waiting, 50 to a page, the most waiting first, or
    (``?sort=confidence``) the one whose least certain suggestion is least certain first."""
    _require_editor(request)
    pending = Q(suggestions__state=Suggestion.State.PENDING)
    briefings = (
        Briefing.objects.editable_by(request.user)
        .annotate(pending=Count("suggestions", filter=pending),
                  least_confidence=Min("suggestions__claim__confidence", filter=pending))
        .filter(pending__gt=0)
    )
    sort = "confidence" if request.GET.get("sort") == "confidence" else ""
    if sort == "confidence":
        briefings = briefings.order_by(F("least_confidence").asc(nulls_last=True), "-pending", "title")
    else:
        briefings = briefings.order_by("-pending", "title")
    page = paginate(request, briefings, per_page=PER_PAGE)
    return render(request, "briefings/review_queue.html", {"briefings": page, "page": page, "sort": sort})


# Filters whose matches change with the clock: their cards' order is not kept.
CLOCK_FILTERS = ("newer_than_days", "older_than_days")


def _order_key(briefing, filterset) -> str | None:
    """What the page's filters select, for ``review.card_order`` (None: not kept)."""
    if not filterset.is_valid():
        return None
    used = sorted((name, str(value)) for name, value in filterset.form.cleaned_data.items()
                  if value not in (None, "", [], ()))
    if any(name in CLOCK_FILTERS for name, _ in used):
        return None
    return f"{briefing.pk}?{urlencode(used)}"


def _pending_for(request, briefing, query=None) -> tuple[QuerySet, SuggestionFilter]:
    """The briefing's pending suggestions the editor may see, narrowed by the page's filters."""
    suggestions = Suggestion.objects.visible_to(request.user).pending().filter(briefing=briefing)
    filterset = filter_form_for_pages(
        SuggestionFilter(query if query is not None else request.GET, queryset=suggestions),
        hide=("briefing", "state", "claim"),
    )
    return (filterset.qs if filterset.is_valid() else suggestions.none()), filterset


def _latest_undoable(request, briefing) -> ReviewDecision | None:
    decision = (ReviewDecision.objects.filter(briefing=briefing, editor=request.user, undone_at__isnull=True)
                .order_by("-created_at", "-pk").first())
    return decision if decision and timezone.now() <= undo_deadline(decision) else None


# Card previews, per process: (sentence, claim, the claim's text) -> HTML.
previews = ProcessMemo(size=2048)


def _preview(suggestion) -> str:
    """The card's sentence as the draft would show it, from the rows already loaded (no query
    per suggestion); it depends on the sentence and its claim's text only, so it is kept."""
    key = (suggestion.text, suggestion.claim_id, suggestion.claim.text)
    html = previews.get(key)
    if html is None:
        html = render_body(
            suggestion.text, claims={suggestion.claim_id: suggestion.claim}, briefings_by_title={}, catalogue_by_name={}
        ).html
        previews.put(key, html)
    return html


def _review_page(request, briefing, *, status=200, errors=None):
    suggestions, filterset = _pending_for(request, briefing)
    sort = sort_of(request.GET.get("sort"))
    # Editors see every pending suggestion, so the order depends on the filters only.
    page, cards, waiting = review_cards(request, suggestions, sort=sort, key=_order_key(briefing, filterset),
                                        scopes=(f"briefing:{briefing.pk}", "claims"))
    _declare_shown(briefing, cards)
    query = request.GET.copy()
    query.pop("correct", None)
    back = request.path + (f"?{query.urlencode()}" if query else "")
    query.pop("page", None)
    draft = briefing.draft_revision
    sections = draft_sections(draft.body if draft else "")
    undoable = _latest_undoable(request, briefing)
    card_context = {"query": query.urlencode(), "sections": sections}
    correcting = _render_cards(request, briefing, cards, card_context, errors=errors or {}, back=back)
    cards = [card for card in cards if card.html is not None]
    context = {
        "briefing": briefing,
        "cards": cards,
        "page": page,
        "waiting": waiting,
        "filter": filterset,
        "filtered": bool(filterset.form.changed_data),
        **card_context,
        # Many at once: by default each where its own card would put it.
        "section_options": _options([(BY_QUESTION, "each where its card puts it"), *_places(sections)], None),
        "sorts": [(key, label) for key, (label, _) in SORTS.items()],
        "undoable": undoable,
        "undo_until": undo_deadline(undoable) if undoable else None,
        "draft": draft,
        "published": briefing.published_revision,
        "draft_unpublished": draft is not None and draft.pk != briefing.published_revision_id,
        "can_publish": can_publish(request.user),
        "publish_form": PublishForm(initial={"revision": draft.pk if draft else None}),
        "sort": sort,
        **(correction_choices() if correcting else {}),
    }
    return render(request, "briefings/draft_review.html", context, status=status)


# Rendered cards, per process: (the members' rows, their claims' versions, the page's query and
# sections) -> HTML with a placeholder for the request's CSRF token.
card_htmls = ProcessMemo(size=4096)
TOKEN_SLOT = "\x00csrf\x00"


def _card_scopes(card) -> list[str]:
    """What a card shows besides its suggestions' own rows: the claims (their citations,
    articles, subjects and facts move ``claim:``), speakers and holders, outlets' names, and the
    catalogue (names, aliases and the places' nesting its default section is found by)."""
    scopes = ["outlets", "catalogue"]
    for row in card.rows:
        scopes.append(f"claim:{row.claim_id}")
        scopes.extend(f"actor:{pk}" for pk in (row.speaker_id, row.holder_id) if pk)
    return scopes


def _places(sections: list[str]) -> list[tuple[str, str]]:
    """A section picker's (value, label) for the end of the draft and each heading."""
    return [("", "the end of the draft"), *((heading, heading) for heading in sections)]


def _options(options: list[tuple[str, str]], selected: str | None):
    return format_html_join("", "<option value=\"{}\"{}>{}</option>",
                            ((value, " selected" if value == selected else "", label) for value, label in options))


def _section_options(sections: list[str], default: Placement):
    """A card's section picker, ``default`` chosen (a new section offered first); "" when the
    end of the draft is the only place."""
    options = _places(sections)
    if default.new:
        options.insert(0, (default.value, f"a new section “{default.section}”"))
    return _options(options, default.value) if len(options) > 1 else ""


def _render_cards(request, briefing, cards, page_context: dict, *, errors: dict, back: str) -> bool:
    """Each card's HTML, as ``card.html`` (None for a card whose suggestions were decided
    meanwhile); whether a correction form is open. A card shows the same for every editor, so
    it is kept by what decides it (its suggestions' rows, the versions of its claims and their
    parties, the page's query, the draft's sections and the question), and a decision
    re-renders only what it changed: the rest are never loaded. A card with errors or a
    correction form open is rendered for this request alone."""
    versions = scoped_versions(*(_card_scopes(card) for card in cards))
    token = get_token(request)
    sections = page_context["sections"]
    page_key = (request.GET.urlencode(), tuple(sections), briefing.question, briefing.question_region_id,
                briefing.question_target_id)
    correcting = request.GET.get("correct", "")
    missed = []
    for card, version in zip(cards, versions):
        card.html, card.key = None, None
        own = card.rows[0].pk in errors or str(card.rows[0].pk) == correcting
        if version is not None and not own:
            card.key = (tuple((r.pk, r.text, r.relevance) for r in card.rows), version, page_key)
            kept = card_htmls.get(card.key)
            if kept is not None:
                card.html = mark_safe(kept.replace(TOKEN_SLOT, token))
                continue
        missed.append(card)
    cards_load(missed)
    missed = [card for card in missed if card.members]
    placements = default_placements(briefing, [card.first.claim for card in missed], sections)
    # One reverse() for the page, not one per card or citation.
    accept_url, reject_url = (reverse(f"briefings:suggestion-{name}", args=[0]) for name in ("accept", "reject"))
    claim_url, article_url = (reverse(name, kwargs={"pk": 0}) for name in ("claims:detail", "sources:article-detail"))
    opened = False
    for card in missed:
        first = card.first
        first.accept_url = accept_url.replace("/0/", f"/{first.pk}/")
        first.reject_url = reject_url.replace("/0/", f"/{first.pk}/")
        first.claim_url = claim_url.replace("/0/", f"/{first.claim_id}/")
        for citation in card.citations:
            citation.article_url = article_url.replace("/0/", f"/{citation.article_id}/")
        first.reject_errors = errors.get(first.pk)
        first.correct_initial = None  # a missing attribute costs the template a dir() of the model
        if str(first.pk) == correcting:
            # The correction form is the biggest part of a card: it is rendered for the card
            # asked for (``?correct=<suggestion>``) only, with the datalists it offers.
            prefetch_related_objects([first.claim], "actors", "regions")
            first.correct_initial = ClaimCorrectForm.initial_for(first.claim)
            first.correct_next = f"{back}#suggestion-{first.pk}"
            opened = True
        else:
            first.correct_url = "?" + "&".join(filter(None, [request.GET.urlencode(), f"correct={first.pk}"])) \
                + f"#suggestion-{first.pk}"
        first.preview = _preview(first)
        first.section_options = _section_options(sections, placements.get(first.claim_id, END))
        if card.key is None:
            card.html = render_to_string("briefings/_review_card.html", {**page_context, "card": card}, request)
            continue
        html = render_to_string("briefings/_review_card.html",
                                {**page_context, "card": card, "csrf_token": TOKEN_SLOT})
        card_htmls.put(card.key, html)
        card.html = mark_safe(html.replace(TOKEN_SLOT, token))
    return opened


@per_user("review")  # outside login_required: one query reads the page's number and the editor's versions
@login_required
def draft_review(request, slug):
    """The suggestions waiting on a briefing's draft, 50 cards to a page, filtered and sorted,
    and publishing it (editors only). The first page, unfiltered, is kept per editor
    (``core.page_cache``) until a write touches what it shows: the briefing (its row, draft,
    suggestions), the claims on the cards, their speakers, the outlets."""
    _require_editor(request)
    briefing = editable_briefing(request, slug, "review suggestions")
    return _review_page(request, briefing)


def _declare_shown(briefing, cards) -> None:
    depends_on(f"briefing:{briefing.pk}", "outlets")
    for card in cards:
        depends_on(*_card_scopes(card))


def _review_url(briefing, query: str = "") -> str:
    return reverse("briefings:review", kwargs={"slug": briefing.slug}) + (f"?{query}" if query else "")


def _undo_message(request, decision: ReviewDecision, text: str) -> None:
    minutes = settings.BRIEFWIKI_REVIEW_UNDO_SECONDS // 60
    messages.success(request, f"{text} You can undo this for {minutes} minutes.")


@login_required
@require_POST
def review_decide(request, slug):
    """Accept or reject many suggestions at once: the ticked cards, or every suggestion the
    page's filters match (everything from one article or outlet, everything below a confidence)."""
    _require_editor(request)
    briefing = editable_briefing(request, slug, "review suggestions")
    form = ReviewDecideForm(request.POST)
    query = request.POST.get("query", "")
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(_review_url(briefing, query))
    data = form.cleaned_data
    if data["scope"] == "matching":
        chosen, filterset = _pending_for(request, briefing, QueryDict(query))
        scope = scope_label(filterset)
    else:
        chosen, scope = data["pks"], f"{len(data['pks'])} selected"
    try:
        if data["action"] == "accept":
            value = request.POST.get("section", "")
            placement = placement_of("" if value == BY_QUESTION else value)
            decision = suggestions_accept(briefing=briefing, suggestions=chosen, editor=request.user, scope=scope,
                                          reason=data["reason"], section=placement.section, new_section=placement.new,
                                          by_question=value == BY_QUESTION)
        else:
            decision = suggestions_reject(briefing=briefing, suggestions=chosen, editor=request.user,
                                          reason=data["reason"], scope=scope)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = decision.suggestions.count()
        _undo_message(request, decision, f"{decision.get_action_display()} {count} suggestion{pluralize(count)}.")
    return redirect(_review_url(briefing, query))


@login_required
@require_POST
def review_decision_undo_view(request, pk):
    """Undo an accept or reject while the window is open: the suggestions wait again."""
    _require_editor(request)
    decision = get_object_or_404(
        ReviewDecision.objects.filter(briefing__in=Briefing.objects.editable_by(request.user)).select_related("briefing"),
        pk=pk,
    )
    try:
        review_decision_undo(decision=decision, editor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Undone: {decision.get_action_display().lower()} {decision.scope} "
                                  "is waiting again.")
    return redirect(_review_url(decision.briefing, request.POST.get("query", "")))


def _pending_suggestion(request, pk) -> Suggestion:
    _require_editor(request)
    return get_object_or_404(
        Suggestion.objects.visible_to(request.user).filter(briefing__in=Briefing.objects.editable_by(request.user))
        .select_related("briefing"),
        pk=pk,
    )


def _with_restatements(request, suggestion) -> list[int]:
    """The card's suggestion first, then the restatements of its claim decided with it."""
    also = [pk for value in request.POST.getlist("restatements") for pk in value.replace(",", " ").split()
            if pk.isdigit() and int(pk) != suggestion.pk]
    return [suggestion.pk, *map(int, also)]


@login_required
@require_POST
def suggestion_accept_view(request, pk):
    """Accept a suggestion, with its restatements (as proposed, or with the editor's text), into
    the section of the draft the editor chose."""
    suggestion = _pending_suggestion(request, pk)
    form = SuggestionAcceptForm(request.POST)
    text = form.data.get("text") if "text" in form.data else None
    placement = placement_of(request.POST.get("section", ""))
    try:
        decision = suggestions_accept(briefing=suggestion.briefing, suggestions=_with_restatements(request, suggestion),
                                      editor=request.user, text=text, section=placement.section,
                                      new_section=placement.new, strict=True, scope="1 suggestion")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _undo_message(request, decision, f"Accepted: the sentence is in the draft, revision {decision.revision.number}.")
    return redirect(_review_url(suggestion.briefing, request.POST.get("query", "")))


@login_required
@require_POST
def suggestion_reject_view(request, pk):
    """Reject a suggestion and its restatements; the reason is required."""
    suggestion = _pending_suggestion(request, pk)
    form = SuggestionRejectForm(request.POST)
    if not form.is_valid():
        return _review_page(request, suggestion.briefing, status=400, errors={suggestion.pk: form.errors["reason"]})
    reason = form.cleaned_data["reason"]
    try:
        decision = suggestions_reject(briefing=suggestion.briefing, suggestions=_with_restatements(request, suggestion),
                                      editor=request.user, reason=reason, strict=True, scope="1 suggestion")
        if request.POST.get("not_a_claim"):
            # Rejecting only keeps the sentence out of this draft; the claim would stay on the
            # actor's and region's pages unless it is marked not a claim too.
            claim_mark_not_claim(claim=suggestion.claim, editor=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if request.POST.get("not_a_claim"):
            messages.success(request, "Rejected, with your reason kept, and the claim marked not a claim.")
        else:
            _undo_message(request, decision, "Rejected, with your reason kept.")
    return redirect(_review_url(suggestion.briefing, request.POST.get("query", "")))


@login_required
@require_POST
def briefing_publish_view(request, slug):
    """Publish the draft the reviewer looked at as what readers see."""
    briefing = editable_briefing(request, slug, "publish briefings")
    if not can_publish(request.user):
        raise PermissionDenied("Only reviewers may publish briefings; an editor's draft waits for one.")
    form = PublishForm(request.POST)
    draft = briefing.draft_revision
    if not form.is_valid() or draft is None or form.cleaned_data["revision"] != draft.pk:
        messages.error(
            request,
            "The draft changed since you looked at it"
            + (f" (it is now revision {draft.number})" if draft else "")
            + ": check it, then publish again.",
        )
        return redirect("briefings:review", slug=briefing.slug)
    if draft.pk == briefing.published_revision_id:
        messages.info(request, f"Revision {draft.number} is already published.")
        return redirect(briefing)
    briefing_publish(briefing=briefing, reviewer=request.user, revision=draft)
    messages.success(request, f"Published revision {draft.number}.")
    return redirect(briefing)
