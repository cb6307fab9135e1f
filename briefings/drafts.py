"""Pending suggestions on the briefings a new claim concerns.

A claim concerns a briefing when its speaker, actors and regions weigh enough against the
briefing's subjects. Specific subjects (a person, a city, a province) weigh 2; broad ones (a
state, an armed group, a country) weigh 1, so "Iraq" alone does not pull every claim about
Iraq into every briefing that lists Iraq. A sub-region counts for the province or area it sits
in. Nothing is published by the machine: suggestions wait for an editor.
"""
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from actors.models import Actor, Region
from claims.models import Claim, Fact
from claims.pipeline.extract import catalogue_objects, pinned
from claims.wording import claim_sentence

from .markup import cite_marker
from .models import Briefing, Suggestion
from .page import subject_claims_q
from .services import suggestions_propose

THRESHOLD = 2
# A claim whose facts answer the briefing's question (who holds its place, where someone stands
# on its target) weighs more than one that only names its subjects.
QUESTION_WEIGHT = 3
BROAD_ACTOR_KINDS = {Actor.Kind.STATE, Actor.Kind.ARMED_GROUP, Actor.Kind.MEDIA_OUTLET}


def _actor_weight(kind: str) -> int:
    return 1 if kind in BROAD_ACTOR_KINDS else 2


def _region_weight(kind: str) -> int:
    return 1 if kind == Region.Kind.COUNTRY else 2


def _ancestors(region_ids: set[int], parents: dict[int, int | None]) -> dict[int, int]:
    """Each region and the non-country regions it sits in, mapped to the region mentioned."""
    covered = {}
    for rid in region_ids:
        covered[rid] = rid
        seen, current = {rid}, parents.get(rid)
        while current and current not in seen:
            covered.setdefault(current, rid)
            seen.add(current)
            current = parents.get(current)
    return covered


@dataclass(frozen=True)
class Subjects:
    """A briefing and its subjects as ``relevance`` weighs them: (pk, kind) of each."""

    briefing: Briefing
    actors: tuple[tuple[int, str], ...]
    regions: tuple[tuple[int, str], ...]

    @classmethod
    def prefetched(cls, briefing: Briefing) -> "Subjects":
        return cls(briefing, tuple((a.pk, a.kind) for a in briefing.subject_actors.all()),
                   tuple((r.pk, r.kind) for r in briefing.subject_regions.all()))


@dataclass(frozen=True)
class Answers:
    """What a claim's facts answer, by id: the places it says someone controls (with the places
    they sit in: ``_ancestors``) and the actors it says someone supports or opposes."""

    controlled: frozenset[int] = frozenset()
    stance_on: frozenset[int] = frozenset()


def answers_question(briefing: Briefing, answers: Answers) -> bool:
    """Whether a claim's facts answer the briefing's question: who holds its place (or a place
    within it), or where someone stands on its target."""
    if briefing.question == Briefing.Question.CONTROL:
        return briefing.question_region_id in answers.controlled
    if briefing.question == Briefing.Question.STANCE:
        return briefing.question_target_id in answers.stance_on
    return False


NO_ANSWERS = Answers()


def relevance(actor_ids: set[int | None], covered: dict[int, int], subjects: Subjects, countries: set[int],
              answers: Answers = NO_ANSWERS) -> int:
    """How strongly a claim (its speaker and actors, its regions with those they sit in:
    ``_ancestors``, what its facts answer) concerns a briefing: its subjects' weights, and
    QUESTION_WEIGHT more when it answers the briefing's question."""
    score = sum(_actor_weight(kind) for pk, kind in subjects.actors if pk in actor_ids)
    for pk, kind in subjects.regions:
        if pk in covered and (pk not in countries or covered[pk] == pk):
            score += _region_weight(kind)
    if answers_question(subjects.briefing, answers):
        score += QUESTION_WEIGHT
    return score


def _answers(claims: list[Claim], parents: dict[int, int | None]) -> dict[int, Answers]:
    """What each claim's facts answer, in one narrow query (the pipeline records facts first).
    The facts shown (``Fact.objects.shown()``) of claims shown, whose state is at hand: the query
    needs no join to the claims."""
    controlled, stance_on = defaultdict(set), defaultdict(set)
    facts = Fact.objects.filter(claim_id__in=[c.pk for c in claims if c.shown]).exclude(
        editor_state=Fact.EditorState.HIDDEN).order_by()
    for claim_id, kind, actor_id, region_id in facts.values_list("claim_id", "kind", "target_actor_id",
                                                                 "target_region_id"):
        if kind == Fact.Kind.CONTROLS and region_id:
            controlled[claim_id].update(_ancestors({region_id}, parents))
        elif kind in (Fact.Kind.SUPPORTS, Fact.Kind.OPPOSES) and actor_id:
            stance_on[claim_id].add(actor_id)
    return {pk: Answers(frozenset(controlled[pk]), frozenset(stance_on[pk])) for pk in {*controlled, *stance_on}}


def suggestion_sentence(claim: Claim) -> str:
    """The claim in plain words, attributed, by the wording rules of ``claims.wording``."""
    return claim_sentence(claim)


def suggestions_reword(claims: list[Claim], *, editor, reason: str) -> int:
    """After an editor's correction: the pending suggestions of ``claims`` say the claim as it
    now stands, and those of a claim no longer shown (not a claim, merged) are withdrawn with
    the editor's reason. Decided suggestions are history and stay as they were. Run as a
    claims-corrected step (settings.BRIEFWIKI_CLAIMS_CORRECTED); returns how many changed."""
    changed = 0
    by_pk = {c.pk: c for c in claims}
    pending = Suggestion.objects.pending().filter(claim__in=by_pk).select_for_update()
    for suggestion in pending:
        claim = by_pk[suggestion.claim_id]
        if not claim.shown:
            why = "Not a claim" if claim.hidden else f"Merged into claim {claim.merged_into_id}"
            suggestion.state, suggestion.reason = Suggestion.State.REJECTED, f"{why}: {reason}"
            suggestion.reviewed_by, suggestion.reviewed_at = editor, timezone.now()
        else:
            suggestion.text = f"{suggestion_sentence(claim)} {cite_marker(claim.pk)}"
        suggestion.save()
        changed += 1
    return changed


def _briefings() -> list[Subjects]:
    """The briefings that have subjects, by title, with their subjects' ids and kinds read from
    the two link tables: no actor or region is made into a model instance."""
    actors, regions = defaultdict(list), defaultdict(list)
    for briefing_id, pk, kind in Briefing.subject_actors.through.objects.values_list("briefing_id", "actor_id",
                                                                                     "actor__kind"):
        actors[briefing_id].append((pk, kind))
    for briefing_id, pk, kind in Briefing.subject_regions.through.objects.values_list("briefing_id", "region_id",
                                                                                      "region__kind"):
        regions[briefing_id].append((pk, kind))
    return [Subjects(briefing, tuple(actors[briefing.pk]), tuple(regions[briefing.pk]))
            for briefing in Briefing.objects.only("pk", "question", "question_region_id", "question_target_id")
            if briefing.pk in actors or briefing.pk in regions]


def propose_for_claim_groups(groups: list[list[Claim]], briefings: list[Briefing] | None = None, *,
                             capped: bool = True) -> list[Suggestion]:
    """A pending suggestion on every briefing (or each of ``briefings``, subjects prefetched)
    each claim concerns, once per claim and briefing, for the claims of several articles (a
    worker's batch, a group per article), group by group in order, with one query for their
    subjects and one insert; when ``capped``, at most settings.BRIEFWIKI_SUGGESTIONS_PER_ARTICLE
    per group and briefing, the most relevant, so one long article cannot flood a
    review. Run by the pipeline as a claims-recorded step (settings.BRIEFWIKI_CLAIMS_RECORDED)."""
    if not any(groups):
        return []
    cap = settings.BRIEFWIKI_SUGGESTIONS_PER_ARTICLE if capped else None
    subjects_of = pinned("briefings", _briefings) if briefings is None else [Subjects.prefetched(b) for b in briefings]
    if not subjects_of:
        return []
    known = catalogue_objects()  # accepted regions: candidates have no place in the tree yet
    by_pk = {c.pk: c for claims in groups for c in claims}
    # Who and where each claim is about, by id, in one query (a row per actor and region pair).
    # The claims come in Claim's default ordering, so within each group the suggestions are
    # made (and listed to editors) in that order.
    subjects: dict[int, tuple[set, set]] = {}
    for pk, actor_id, region_id in Claim.objects.filter(pk__in=by_pk).values_list("pk", "actors", "regions"):
        actor_ids, region_ids = subjects.setdefault(pk, ({by_pk[pk].speaker_id}, set()))
        actor_ids.add(actor_id)  # None (no speaker, no actors) is no briefing's subject
        if region_id is not None:
            region_ids.add(region_id)
    about = {pk: (actor_ids, _ancestors(region_ids, known.parents)) for pk, (actor_ids, region_ids) in subjects.items()}
    answered = _answers(list(by_pk.values()), known.parents) if any(b.briefing.question != Briefing.Question.FREE
                                                     for b in subjects_of) else {}
    pairs, scores = [], {}
    for claims in groups:
        group = {c.pk for c in claims}
        for briefing_subjects in subjects_of:
            briefing = briefing_subjects.briefing
            relevant = []
            for pk, (actor_ids, covered) in about.items():
                score = relevance(actor_ids, covered, briefing_subjects, known.countries,
                                  answered.get(pk, NO_ANSWERS)) if pk in group else 0
                if score >= THRESHOLD:
                    relevant.append(pk)
                    scores[(briefing.pk, pk)] = score
            if cap is not None and len(relevant) > cap:
                # The most relevant first (ties in the article's order), the rest left on the article's page.
                kept = set(sorted(relevant, key=lambda pk: -scores[(briefing.pk, pk)])[:cap])
                relevant = [pk for pk in relevant if pk in kept]
            pairs += [(briefing, by_pk[pk]) for pk in relevant]
    return suggestions_propose(pairs=pairs, sentence=suggestion_sentence, relevance=scores)


def propose_for_briefing(briefing: Briefing, *, limit: int = 500) -> list[Suggestion]:
    """Suggestions on ``briefing`` from the claims already recorded about its subjects (the
    latest ``limit``), as if they had just arrived: run when its question or subjects change."""
    briefing = Briefing.objects.prefetch_related("subject_actors", "subject_regions").get(pk=briefing.pk)
    claims = list(Claim.objects.shown().filter(subject_claims_q(briefing.pk)).order_by("-created_at", "-pk")[:limit])
    return propose_for_claim_groups([claims[::-1]], briefings=[briefing], capped=False)
