"""From the extractor's relations to the facts ``claims.services.facts_record`` writes: each end
linked to the catalogue (an actor holds; a region is held), each fact given the claim whose cited
words carry it, or none when the article narrates it."""
from collections import defaultdict

from sources.models import Article

from ..models import Citation, Fact
from ..services import FactRecord, facts_record_many
from .linking import Linked

POLARITIES = set(Fact.Polarity.values)


def _fact_records(article: Article, relations: list, linked: Linked, cited: list[tuple[int, int, int]]) -> list:
    records = []
    text = article.text
    for found in relations:
        source_actor, _ = linked.at(*found.source)
        target_actor, target_region = linked.at(*found.target)
        if source_actor is None or found.polarity not in POLARITIES:
            continue  # a party the catalogue does not know (yet): its name is a candidate for editors
        if found.type == Fact.Kind.CONTROLS:
            target_actor = None
            if target_region is None:
                continue
        else:
            target_region = None
            if target_actor is None or target_actor.pk == source_actor.pk:
                continue
        start, end = found.sentence
        cue = found.cue[0]
        # The smallest cited claim span around the cue: its claim asserts the fact.
        claim_id = min(((e - s, c) for s, e, c in cited if s <= cue < e), default=(0, None))[1]
        records.append(FactRecord(
            kind=found.type, source=source_actor, target_actor=target_actor, target_region=target_region,
            polarity=found.polarity, holds_on=found.holds_on, confidence=found.confidence,
            start=start, end=end, quote=text[start:end], cue=text[found.cue[0]:found.cue[1]],
            claim_id=claim_id,
        ))
    return records


def record_facts_many(items: list[tuple[Article, list, Linked]]) -> None:
    """Facts for several articles (a worker's batch), after their claims and citations are written."""
    if not items:
        return
    cited = defaultdict(list)
    # In no order (the smallest span around a cue wins, whatever the order): no join to the claims.
    for article_id, start, end, claim_id in Citation.objects.filter(
            article__in=[a for a, _, _ in items]).order_by().values_list("article_id", "start", "end", "claim_id"):
        cited[article_id].append((start, end, claim_id))
    facts_record_many(groups=[(article, _fact_records(article, relations, linked, cited[article.pk]))
                              for article, relations, linked in items])
