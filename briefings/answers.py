"""The answer to a briefing's question, from the facts its sources state (``claims.Fact``).

Control ("Who controls Kirkuk?"): for the question's place and each place within it, the spans
of who held it in date order, each with the facts that state it. A holder that is named for a
short while between two statements that someone else holds the place does not make a change
of control: that span is shown as contested. "As of" is the date of the latest source.

Stance ("Where do its parties stand on Maliki?"): for each of the briefing's actors but the
target (and their members that have a stated position), the latest position stated: supports
or opposes, or unclear when the latest sources disagree; with the source, and the earlier
position when it changed.

A fact's date is when it holds as the text states it ("since 11 June"); without one, the date
its article was published, and the answer says which. Facts hidden by an editor, or whose claim
is not a claim or merged away, take no part; a retracted claim's facts are listed as withdrawn
and count no more; a disputed claim's facts are marked.
Every row cites its words: the claim's page, or the article's sentence when the article
itself narrates it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from actors.models import Actor, Region
from actors.querysets import regions_within
from claims.models import Claim, Fact
from claims.wording import capitalised, holder_label, relay_label, speaker_label

from .models import Briefing

CONTESTED_DAYS = 14  # a holder named only this long between statements of another is contested
STANCE_KINDS = (Fact.Kind.SUPPORTS, Fact.Kind.OPPOSES)


@dataclass
class Evidence:
    """One fact as the answer shows it, with who states it and when."""

    fact: Fact
    when: dt.date | None
    dated_by_text: bool  # ``when`` is the date the text gives, not the article's

    @property
    def said_on(self) -> dt.date | None:
        return self.fact.article.published_date

    @property
    def according_to(self) -> str:
        """Who states it: the claim's speaker (to the outlet relaying it, or in the article's
        outlet), or, when the article narrates it, the outlet."""
        claim, article = self.fact.claim, self.fact.article
        outlet = article.outlet.name if article.outlet_id else ""
        if claim is None:
            return outlet or article.title
        who, relay = capitalised(speaker_label(claim)), relay_label(claim)
        if relay:
            return f"{who}, to {relay}"
        return f"{who} ({outlet})" if outlet and outlet != who else who

    @property
    def states_start(self) -> bool:
        """The words date a start before the statement ("since 11 June", "seized on 11 June");
        a relation stated in the present holds as of its article, which says nothing of when
        it began."""
        return self.dated_by_text and self.when is not None and self.said_on is not None and self.when < self.said_on

    @property
    def reportedly(self) -> bool:
        """A belief someone else reports ("sources told AP that Rouhani believes ...")."""
        claim = self.fact.claim
        return bool(claim is not None and holder_label(claim))

    @property
    def disputed(self) -> bool:
        return self.fact.claim is not None and self.fact.claim.status == Claim.Status.DISPUTED

    @property
    def url(self) -> str:
        claim = self.fact.claim
        return claim.get_absolute_url() if claim is not None else self.fact.get_absolute_url()


@dataclass
class Span:
    holder: Actor
    since: dt.date | None
    until: dt.date | None = None
    evidence: list[Evidence] = field(default_factory=list)
    contested_by: list[Evidence] = field(default_factory=list)

    @property
    def contested(self) -> bool:
        return bool(self.contested_by)

    @property
    def since_known(self) -> bool:
        """Whether ``since`` is when the hold began, not just the first date a source states it."""
        return bool(self.evidence) and self.evidence[0].states_start


@dataclass
class PlaceControl:
    place: Region
    spans: list[Span]
    as_of: dt.date | None
    withdrawn: list[Evidence] = field(default_factory=list)  # their claims were retracted

    @property
    def current(self) -> Span | None:
        return self.spans[-1] if self.spans and self.spans[-1].until is None else None


@dataclass
class Position:
    party: Actor
    stance: str  # supports | opposes | unclear | none
    latest: list[Evidence] = field(default_factory=list)
    earlier: Evidence | None = None  # the last different position before the latest one
    evidence: list[Evidence] = field(default_factory=list)
    withdrawn: list[Evidence] = field(default_factory=list)  # their claims were retracted

    @property
    def earlier_items(self) -> list[Evidence]:
        return [self.earlier] if self.earlier else []


@dataclass
class Answer:
    briefing: Briefing
    places: list[PlaceControl] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    within: list[int] = field(default_factory=list)  # control: the place and the places within it

    @property
    def withdrawn(self) -> list[Evidence]:
        """Facts the answer no longer counts because their claims were retracted."""
        return [e for part in (*self.places, *self.positions) for e in part.withdrawn]

    @property
    def changes(self) -> bool:
        """Whether some party's position changed (the stance table then shows what it was)."""
        return any(p.earlier for p in self.positions)

    @property
    def as_of(self) -> dt.date | None:
        dates = [f.article.published_date for f in self.facts if f.article.published_date]
        return max(dates) if dates else None

    @property
    def claim_ids(self) -> set[int]:
        return {f.claim_id for f in self.facts if f.claim_id}


def _facts():
    """Shown facts; those whose claim is retracted come too, to be listed as withdrawn."""
    return (
        Fact.objects.shown()
        .select_related("source", "target_actor", "target_region", "article__outlet",
                        "claim__speaker", "claim__relayed_by", "claim__holder")
        .defer("article__text", "article__html")
    )


def _retracted(fact: Fact) -> bool:
    return fact.claim is not None and fact.claim.status == Claim.Status.RETRACTED


def evidence_of(fact: Fact) -> Evidence:
    """The fact as the answer shows it, dated by its words or else by its article."""
    if fact.holds_on:
        return Evidence(fact, fact.holds_on, True)
    return Evidence(fact, fact.article.published_date, False)


def _order(items: list[Evidence]) -> list[Evidence]:
    return sorted(items, key=lambda e: (e.when or dt.date.min, e.fact.pk))


def control_spans(evidence: list[Evidence]) -> list[Span]:
    """Who held one place when: consecutive statements of one holder are one span; a new holder
    ends the span before; "lost control" ends its holder's span; a short span between two of
    another holder's becomes that holder's span, contested."""
    spans: list[Span] = []
    for item in _order(evidence):
        fact, current = item.fact, spans[-1] if spans else None
        if fact.polarity == Fact.Polarity.ENDED:
            if current and current.holder == fact.source and current.until is None:
                current.until = item.when
                current.evidence.append(item)
            continue
        if fact.polarity != Fact.Polarity.ASSERTED:
            continue  # intended, not done
        if current and current.holder == fact.source and current.until is None:
            current.evidence.append(item)
            continue
        if current and current.until is None:
            current.until = item.when
        spans.append(Span(fact.source, item.when, evidence=[item]))
    return _fold_contested(spans)


def _short(span: Span) -> bool:
    return span.since is None or span.until is None or (span.until - span.since).days <= CONTESTED_DAYS


def _fold_contested(spans: list[Span]) -> list[Span]:
    folded: list[Span] = []
    for span in spans:
        if len(folded) >= 2 and folded[-2].holder == span.holder and _short(folded[-1]):
            between, before = folded.pop(), folded[-1]
            before.contested_by += between.evidence + between.contested_by
            before.evidence += span.evidence
            before.until = span.until
            continue
        folded.append(span)
    return folded


def control_answer(region: Region, within: list[int]) -> list[PlaceControl]:
    """Who controls ``region`` and each place within it (``within``, ids), places with facts
    only, the question's place first."""
    facts = list(_facts().filter(kind=Fact.Kind.CONTROLS, target_region_id__in=within))
    by_place: dict[int, list[Evidence]] = {}
    withdrawn: dict[int, list[Evidence]] = {}
    places: dict[int, Region] = {}
    for fact in facts:
        (withdrawn if _retracted(fact) else by_place).setdefault(fact.target_region_id, []).append(evidence_of(fact))
        places[fact.target_region_id] = fact.target_region
    answers = []
    for pk in by_place.keys() | withdrawn.keys():
        evidence = by_place.get(pk, [])
        said = [e.said_on for e in evidence if e.said_on]
        answers.append(PlaceControl(places[pk], control_spans(evidence), max(said) if said else None,
                                    withdrawn=withdrawn.get(pk, [])))
    answers.sort(key=lambda a: (a.place.pk != region.pk, a.place.name))
    return answers


def position_of(party: Actor, evidence: list[Evidence]) -> Position:
    """The latest stated position, unclear when the latest date's sources disagree."""
    if not evidence:
        return Position(party, "none")
    ordered = _order(evidence)
    last = ordered[-1].when
    latest = [e for e in ordered if e.when == last]
    kinds = {e.fact.kind for e in latest}
    stance = kinds.pop() if len(kinds) == 1 else "unclear"
    earlier = None
    if stance != "unclear":
        earlier = next((e for e in reversed(ordered) if e.when != last and e.fact.kind != stance), None)
    return Position(party, stance, latest, earlier, ordered)


def stance_answer(target: Actor, parties: list[Actor]) -> list[Position]:
    """Each party's position on ``target``; members of a party (its ministers, its forces) are
    listed when something states their position."""
    party_ids = {p.pk for p in parties if p.pk != target.pk}
    facts = list(
        _facts().filter(kind__in=STANCE_KINDS, target_actor=target, polarity=Fact.Polarity.ASSERTED)
        .filter(source_id__in=party_ids | set(
            Actor.objects.filter(parent_id__in=party_ids).values_list("pk", flat=True)))
    )
    by_party: dict[int, list[Evidence]] = {}
    withdrawn: dict[int, list[Evidence]] = {}
    speakers: dict[int, Actor] = {}
    for fact in facts:
        (withdrawn if _retracted(fact) else by_party).setdefault(fact.source_id, []).append(evidence_of(fact))
        speakers[fact.source_id] = fact.source
    listed = [p for p in parties if p.pk in party_ids] + [a for pk, a in speakers.items() if pk not in party_ids]
    positions = [position_of(party, by_party.get(party.pk, [])) for party in listed]
    for position in positions:
        position.withdrawn = withdrawn.get(position.party.pk, [])
    order = {"supports": 0, "opposes": 1, "unclear": 2, "none": 3}
    return sorted(positions, key=lambda p: (order[p.stance], p.party.name))


def briefing_answer(briefing: Briefing, *, actors: list[Actor], regions: list[Region]) -> Answer | None:
    """The answer to ``briefing``'s question (its subjects given, already loaded), or None for
    a free briefing."""
    if briefing.question == Briefing.Question.CONTROL and briefing.question_region_id:
        region = next((r for r in regions if r.pk == briefing.question_region_id), None) or briefing.question_region
        within = regions_within(region.slug) or [region.pk]
        places = control_answer(region, within)
        facts = [e.fact for p in places for s in p.spans for e in (*s.evidence, *s.contested_by)]
        facts += [e.fact for p in places for e in p.withdrawn]
        return Answer(briefing, places=places, facts=facts, within=within)
    if briefing.question == Briefing.Question.STANCE and briefing.question_target_id:
        target = next((a for a in actors if a.pk == briefing.question_target_id), None) or briefing.question_target
        positions = stance_answer(target, actors)
        facts = [e.fact for p in positions for e in (*p.evidence, *p.withdrawn)]
        return Answer(briefing, positions=positions, facts=facts)
    return None
