"""The briefing page's main part: its Markdown with links and footnotes, the disputes and
timeline, and the claims beside it.

It is rendered inside the page that ``core.page_cache`` keeps per user, and declares what it
shows (``core.versioning.depends_on``): the briefing, its subjects, the claims it cites and
the other sides of their disputes, the speakers, the wiki links' titles, the pages linking
here and the outlets. The kept page is served until a committed write touches one of those, so
no write path has to remember the page, and changes elsewhere in the wiki leave it alone.
"""
from __future__ import annotations

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, Min, OuterRef, Prefetch, Q, Value
from django.template.loader import render_to_string

from actors.maps import highlights, map_svg, places_of
from actors.models import Actor, Region
from claims.models import Citation, Claim, ClaimRelation, Fact
from core.versioning import depends_on

from .answers import Answer, briefing_answer
from .markup import RenderedBody, cited_claim_ids, render_body, wiki_titles
from .models import Briefing, Link, Revision

SIDEBAR_LIMIT = 200  # claims listed beside the text; the claims pages hold the rest
DISPUTE_LIMIT = 50


def _title_filter(titles: list[str], field_name: str) -> Q:
    q = Q(pk__in=[])
    for title in titles:
        q |= Q(**{f"{field_name}__iexact": title})
    return q


def citations_prefetch(lookup: str = "citations") -> Prefetch:
    return Prefetch(lookup, Citation.objects.select_related("article__outlet").order_by("created_at", "pk"))


def render_for(body: str, *, user, subjects: list = ()) -> RenderedBody:
    """Render a body with everything it refers to looked up (a fixed number of queries)."""
    ids = cited_claim_ids(body or "")
    claims = {}
    if ids:
        # A claim merged into another is cited as the one kept (read in the same query); one
        # marked not a claim is cited as missing.
        found = {
            c.pk: c
            for c in Claim.objects.visible_to(user, include_hidden=True)
            .filter(Q(pk__in=ids) | Q(merged_from__in=ids))
            .distinct()
            .select_related("speaker", "relayed_by", "holder")
            .prefetch_related(citations_prefetch())
        }
        for pk in ids:
            claim = found.get(pk)
            if claim is not None and claim.merged_into_id:
                claim = found.get(claim.merged_into_id)
            if claim is not None and claim.shown:
                claims[pk] = claim
    titles = wiki_titles(body)
    by_title, by_name = {}, {}
    if titles:
        # Only briefings the reader may open are links; one that exists but is hidden from them
        # (never published) reads as missing, and its row is declared, so publishing it ends
        # the kept page and the link turns blue.
        named = Briefing.objects.filter(_title_filter(titles, "title")).annotate(
            visible=Exists(Briefing.objects.visible_to(user).filter(pk=OuterRef("pk"))))
        by_title = {}
        for briefing in named:
            if briefing.visible:
                by_title[briefing.title.casefold()] = briefing
            else:
                depends_on(f"briefing:{briefing.pk}")
        missing = [t for t in titles if t.casefold() not in by_title]
        if missing:
            for model in (Region, Actor):  # an actor wins over a region of the same name
                for entry in model.objects.visible_to(user).filter(_title_filter(missing, "name")):
                    by_name[entry.name.casefold()] = entry
    return render_body(body, claims=claims, briefings_by_title=by_title, catalogue_by_name=by_name, subjects=subjects)


# --- the fragment ----------------------------------------------------------------------


def subject_claims_q(briefing_id: int) -> Q:
    """Claims about one of the briefing's subject actors or regions. Written as two plain IN
    subqueries on the link tables: an OR across joined many-to-many rows makes PostgreSQL
    scan every claim row per row."""
    actor_ids = Briefing.subject_actors.through.objects.filter(briefing_id=briefing_id).values("actor_id")
    region_ids = Briefing.subject_regions.through.objects.filter(briefing_id=briefing_id).values("region_id")
    return Q(pk__in=Claim.actors.through.objects.filter(actor_id__in=actor_ids).values("claim_id")) | Q(
        pk__in=Claim.regions.through.objects.filter(region_id__in=region_ids).values("claim_id")
    )


def about_briefing_q(briefing_id: int, within: list[int] | None) -> Q:
    """Claims about the briefing's subjects or, for a control question, about a place ``within``
    its place (its subjects hold the place itself, not Hawija inside Kirkuk Governorate)."""
    about = subject_claims_q(briefing_id)
    if within:
        about |= Q(pk__in=Claim.regions.through.objects.filter(region_id__in=within).values("claim_id"))
    return about


def _on_question(briefing: Briefing, answer: Answer | None):
    """Whether a claim bears on the briefing's question: it carries a fact of the answer's kind
    about its places or its target, or (control) it is about one of its places, or (stance) a
    party speaks about the target. Free briefings: every claim alike."""
    if answer is None:
        return Value(False)
    facts = Fact.objects.filter(claim_id=OuterRef("pk"))
    if briefing.question == Briefing.Question.CONTROL:
        places = Claim.regions.through.objects.filter(claim_id=OuterRef("pk"), region_id__in=answer.within)
        return ExpressionWrapper(Exists(facts.filter(kind=Fact.Kind.CONTROLS, target_region_id__in=answer.within))
                                 | Exists(places), output_field=BooleanField())
    target = briefing.question_target_id
    parties = Briefing.subject_actors.through.objects.filter(briefing_id=briefing.pk).values("actor_id")
    names_target = Claim.actors.through.objects.filter(claim_id=OuterRef("pk"), actor_id=target)
    return ExpressionWrapper(Exists(facts.filter(target_actor_id=target))
                             | (Q(speaker_id__in=parties) & Exists(names_target)), output_field=BooleanField())


def _answer_scopes(answer: Answer | None) -> list[str]:
    """What the answer shows: facts about its places or its target move those scopes (the fact
    triggers in ``core.versioning``), and each cited claim its own (a status change)."""
    if answer is None:
        return []
    briefing = answer.briefing
    if briefing.question == Briefing.Question.CONTROL:
        scopes = [f"region:{pk}" for pk in answer.within]
    else:
        scopes = [f"actor:{briefing.question_target_id}"]
    scopes += [f"claim:{pk}" for pk in answer.claim_ids]
    scopes += [f"actor:{fact.source_id}" for fact in answer.facts]
    return scopes


def _fragment_context(briefing: Briefing, revision: Revision | None, user) -> dict:
    actors = list(briefing.subject_actors.all())
    regions = list(briefing.subject_regions.all())
    # The question's place and target are subjects (briefing_question_set): no query for them.
    briefing.question_region = next((r for r in regions if r.pk == briefing.question_region_id), None)
    briefing.question_target = next((a for a in actors if a.pk == briefing.question_target_id), None)
    answer = briefing_answer(briefing, actors=actors, regions=regions)
    body = revision.body if revision else ""
    rendered = render_for(body, user=user, subjects=[*actors, *regions])
    visible_claims = Claim.objects.visible_to(user)
    about = visible_claims.filter(about_briefing_q(briefing.pk, answer.within if answer else None)).annotate(
        on_question=_on_question(briefing, answer), said_on=Min("citations__said_on"))
    subject_claims = list(
        about.select_related("speaker", "relayed_by", "holder")
        .order_by("-on_question", F("event_date").desc(nulls_last=True), "-created_at", "-pk")[:SIDEBAR_LIMIT]
    )
    involved = {c.pk for c in subject_claims} | {n.claim_id for n in rendered.footnotes if n.claim}
    disputes = []
    if involved:
        disputes = list(
            ClaimRelation.objects.filter(kind=ClaimRelation.Kind.DISPUTES)
            # ``involved`` comes from visible claims only; every member sees every claim, so
            # the other side of a dispute is visible too.
            .filter(Q(from_claim__in=involved) | Q(to_claim__in=involved))
            .select_related("from_claim__speaker", "to_claim__speaker", "from_claim__relayed_by",
                            "to_claim__relayed_by", "from_claim__holder", "to_claim__holder")
            .prefetch_related(citations_prefetch("from_claim__citations"), citations_prefetch("to_claim__citations"))
            .order_by("-created_at", "-pk")[:DISPUTE_LIMIT]
        )
    for note in rendered.footnotes:
        if note.claim and not hasattr(note.claim, "said_on"):
            said = [c.said_on for c in note.claim.citations.all() if c.said_on]
            note.claim.said_on = min(said) if said else None
    timeline_claims = {c.pk: c for c in subject_claims if c.event_date}
    timeline_claims.update({n.claim.pk: n.claim for n in rendered.footnotes if n.claim and n.claim.event_date})
    timeline = sorted(timeline_claims.values(), key=lambda c: (c.event_date, c.pk))
    status_counts: dict[str, int] = {}
    for c in subject_claims:
        status_counts[c.get_status_display()] = status_counts.get(c.get_status_display(), 0) + 1
    backlinks = list(Link.objects.filter(target=briefing).select_related("source").order_by("source__title"))
    shown = [*subject_claims, *(n.claim for n in rendered.footnotes if n.claim)]
    shown += [c for relation in disputes for c in (relation.from_claim, relation.to_claim)]
    depends_on(
        f"briefing:{briefing.pk}",
        "outlets",
        *(f"actor:{a.pk}" for a in actors),
        *(f"region:{r.pk}" for r in regions),
        # Every cited id, visible or not: a claim created or changed later shows at once.
        *(f"claim:{n.claim_id}" for n in rendered.footnotes),
        *(f"claim:{c.pk}" for relation in disputes for c in (relation.from_claim, relation.to_claim)),
        *(f"actor:{pk}" for c in shown for pk in (c.speaker_id, c.relayed_by_id) if pk),
        # A [[Title]] resolves by name to a briefing, an actor or a region, or to none yet.
        *(f"name:{title.lower()}" for title in rendered.wiki_titles),
        # A backlink shows its source's title and address, which move its name: scope.
        *(f"name:{link.source.title.lower()}" for link in backlinks),
        *_answer_scopes(answer),
    )
    return {
        "briefing": briefing,
        "revision": revision,
        "body_html": rendered.html,
        "footnotes": rendered.footnotes,
        "actors": actors,
        "regions": regions,
        "subject_claims": subject_claims,
        "status_counts": sorted(status_counts.items()),
        "sidebar_limit": SIDEBAR_LIMIT,
        "disputes": disputes,
        "timeline": timeline,
        "backlinks": backlinks,
        "members": user.is_authenticated,
        "answer": answer,
        "map": map_svg(places_of(regions), label=f"The places of “{briefing.title}”", highlight=highlights(regions)),
    }


def briefing_fragment(briefing: Briefing, revision_id: int | None, user) -> dict[str, str]:
    """The main parts of a briefing page: ``main`` (text, footnotes, disputes, timeline) and
    ``aside`` (subjects, claims by status, what links here), for ``revision_id`` of
    ``briefing``. Not cached on its own: the page around it is (``core.page_cache``), under the
    versions of what this declares it shows."""
    revision = Revision.objects.filter(pk=revision_id, briefing=briefing).first() if revision_id else None
    context = _fragment_context(briefing, revision, user)
    return {
        "main": render_to_string("briefings/_briefing_main.html", context),
        "aside": render_to_string("briefings/_briefing_aside.html", context),
    }
