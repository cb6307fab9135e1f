"""Facts: typed relations between catalogue entries, as the pipeline records them from an
article and as editors pin or hide them."""
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from actors.models import Actor, Region
from core.errors import ServiceError
from sources.models import Article

from ..models import Fact

# What a run of the extractor may rewrite on a fact it finds again; never ``editor_state``.
MACHINE_FACT_FIELDS = ("polarity", "holds_on", "confidence", "claim", "end", "quote", "cue")


@dataclass(frozen=True)
class FactRecord:
    kind: str
    source: Actor
    target_actor: Actor | None
    target_region: Region | None
    polarity: str
    holds_on: date | None
    confidence: float
    start: int
    end: int
    quote: str
    cue: str
    claim_id: int | None = None  # the claim whose cited words carry it; None: the article narrates it

    @property
    def key(self) -> tuple:
        return (self.start, self.kind, self.source.pk, self.target_actor.pk if self.target_actor else None,
                self.target_region.pk if self.target_region else None)


def _key(fact: Fact) -> tuple:
    return (fact.start, fact.kind, fact.source_id, fact.target_actor_id, fact.target_region_id)


def facts_record(*, article: Article, records: list[FactRecord]) -> list[Fact]:
    """One article's facts (``facts_record_many`` for one)."""
    return facts_record_many(groups=[(article, records)])[article.pk]


def facts_record_many(*, groups: list[tuple[Article, list[FactRecord]]]) -> dict[int, list[Fact]]:
    """Articles' facts as their latest extraction finds them: new ones created, those found
    again brought up to date, those no longer found removed; a fact an editor pinned or hid is
    neither removed nor has its decision changed. Safe to run twice: the second run changes
    nothing. Runs inside the pipeline's transaction, which holds the articles' row locks; a
    worker's batch is read, inserted, updated and pruned in one statement each."""
    existing: dict[int, dict[tuple, Fact]] = {article.pk: {} for article, _ in groups}
    for fact in Fact.objects.filter(article__in=[article for article, _ in groups]):
        existing[fact.article_id][_key(fact)] = fact
    created, changed, stale, results = [], [], [], {}
    for article, records in groups:
        found = existing[article.pk]
        kept: dict[tuple, Fact] = {}
        new: list[Fact] = []
        for record in {r.key: r for r in records}.values():  # one fact per relation and sentence
            values = {"polarity": record.polarity, "holds_on": record.holds_on, "confidence": record.confidence,
                      "claim_id": record.claim_id, "end": record.end, "quote": record.quote, "cue": record.cue[:100]}
            fact = found.get(record.key)
            if fact is None:
                new.append(Fact(article=article, kind=record.kind, source=record.source,
                                target_actor=record.target_actor, target_region=record.target_region,
                                start=record.start, **values))
                continue
            kept[record.key] = fact
            if any(getattr(fact, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(fact, name, value)
                changed.append(fact)
        stale += [f.pk for key, f in found.items() if key not in kept and f.editor_state == Fact.EditorState.NONE]
        created += new
        results[article.pk] = new + list(kept.values())
    if stale:
        Fact.objects.filter(pk__in=stale).delete()
    if changed:
        Fact.objects.bulk_update(changed, MACHINE_FACT_FIELDS)
    if created:
        Fact.objects.bulk_create(created)
    return results


def fact_set_editor_state(*, fact: Fact, editor, state: str, reason: str) -> Fact:
    """Pin a fact (the answer rests on it) or hide it (the extractor misread the words), with a
    reason; the extractor keeps both decisions across reprocessing. An empty state undoes it."""
    if editor is None or not editor.has_perm("claims.change_claim"):
        raise PermissionDenied("Pinning or hiding facts is for editors.")
    if state not in Fact.EditorState.values:
        raise ServiceError(f"Unknown state {state!r}.")
    reason = reason.strip()
    if state and not reason:
        raise ServiceError("Say why.")
    with transaction.atomic():
        locked = Fact.objects.select_for_update().get(pk=fact.pk)
        locked.editor_state, locked.edit_reason, locked.edited_by = state, reason if state else "", editor
        locked.save(update_fields=["editor_state", "edit_reason", "edited_by", "updated_at"])
    return locked
