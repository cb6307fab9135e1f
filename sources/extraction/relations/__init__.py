"""Typed relations between the parties a document names: who supports or opposes whom, who
controls which place, who leads or belongs to which organisation.

``find_relations`` runs every rule of ``stance.RULES`` and ``holdings.RULES`` over each token of
the parse the extractor already made (no second spaCy pass), keeps those with two distinct
named ends, and dates each by the first date its clause states (when the relation holds, not
when it was said). Parties are the entity mentions ``entities.find_entities`` found; a speaker
holds the stance of the quotation they speak (``claims.find_claims``'s sources)."""
from datetime import date

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from ..dates import span_date
from ..types import ClaimFound, EntityMention, RelationFound, doc_text, token_indices
from . import holdings, lexicon, stance
from .parties import Parties

RULES = stance.RULES + holdings.RULES

# Confidence of each rule: a verb with both ends in its arguments is surer than a judging word
# whose holder is the speaker of the whole quotation.
CONFIDENCE = {"verb": 0.8, "noun": 0.7, "noun_in": 0.6, "judged": 0.5, "state": 0.7, "harm": 0.6, "war": 0.7,
              "control_verb": 0.8, "control_noun": 0.7, "held_by": 0.8, "leader_noun": 0.8, "leader_verb": 0.7,
              "member_verb": 0.8, "member_noun": 0.6, "fate": 0.6}

# The words that can start each rule (by lower-case form or lemma): a token runs only the rules
# its words name, and a token no rule names is never made a Token object.
_VERB_TRIGGERS = frozenset().union(
    lexicon.SUPPORT_VERBS, lexicon.OPPOSE_VERBS, lexicon.RESCUE_VERBS, {v for v, _ in lexicon.SUPPORT_VERB_PREPS},
    {v for v, _ in lexicon.OPPOSE_VERB_PREPS}, lexicon.CONTROL_VERBS, lexicon.LEAD_VERBS, lexicon.MEMBER_VERBS,
    lexicon.STAYING_VERBS, lexicon.LEAVING_VERBS,
)
RULE_WORDS = (
    (stance.verb_stance, _VERB_TRIGGERS),  # any of these verbs with "against" too ("rose against")
    (stance.noun_stance, lexicon.SUPPORT_NOUNS | lexicon.OPPOSE_NOUNS | lexicon.SUPPORTER_NOUNS | lexicon.OPPONENT_NOUNS),
    (stance.judged, lexicon.CONDEMNING_ADJECTIVES | lexicon.CONDEMNING_NOUNS),
    (stance.judging_state, lexicon.CONDEMNING_STATES | lexicon.SUPPORTING_STATES),
    (stance.harm, lexicon.HARM_NOUNS),
    (stance.wished_fate, lexicon.STAYING_VERBS | lexicon.LEAVING_VERBS),
    (stance.war_between, frozenset({"war", "conflict"})),
    (holdings.control_verb, lexicon.CONTROL_VERBS),
    (holdings.control_noun, lexicon.CONTROL_NOUNS),
    (holdings.held_by, lexicon.CONTROL_PARTICIPLES),
    (holdings.leader, lexicon.HEADING_NOUNS | lexicon.LEAD_VERBS),
    (holdings.member, lexicon.MEMBER_VERBS | lexicon.MEMBER_NOUNS),
)
assert {rule for rule, _ in RULE_WORDS} == set(RULES)
TRIGGERS = frozenset().union(*(words for _, words in RULE_WORDS))


def _same(a: EntityMention, b: EntityMention) -> bool:
    """Two mentions of one party: overlapping, the same catalogue entry, or the same words."""
    if a.start < b.end and b.start < a.end:
        return True
    if a.link is not None and a.link == b.link:
        return True
    return a.text.lower().removeprefix("the ") == b.text.lower().removeprefix("the ")


def _clause(token: Token) -> Token:
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:  # spaCy makes a new Token per access
        node = node.head
    return node


def _date(token: Token, published: date | None) -> date | None:
    """When the relation holds: the first date stated in the clause of its cue ("after seizing
    the city on June 11"); a clause in the present ("are currently being held", "would not
    relinquish") holds as of publication; otherwise unknown."""
    clause = _clause(token)
    span = token.doc[clause.left_edge.i:clause.right_edge.i + 1]
    found, _ = span_date(span, published)
    if found is None and published is not None:
        tenses = {clause.tag_} | {c.tag_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
        if tenses & {"VBZ", "VBP", "MD"} and not tenses & {"VBD"}:
            return published
    return found


def _is_trigger(lower: str) -> bool:
    return lower in TRIGGERS


def _is_trigger_lemma(lemma: str) -> bool:
    return lemma.lower() in TRIGGERS


def find_relations(doc: Doc, entities: list[EntityMention], claims: list[ClaimFound],
                   published: date | None = None) -> list[RelationFound]:
    parties = Parties(doc, entities, claims)
    text = doc_text(doc)
    found: dict[tuple, RelationFound] = {}
    triggers = sorted(set(token_indices(doc, LOWER, _is_trigger)) | set(token_indices(doc, LEMMA, _is_trigger_lemma)))
    for i in triggers:
        token = doc[i]
        lower, lemma = token.lower_, token.lemma_.lower()
        for rule, words in RULE_WORDS:
            if lower not in words and lemma not in words:
                continue
            for hit in rule(parties, token):
                source, target = hit.source, hit.target
                if source is None or target is None or source is target or _same(source, target):
                    continue
                key = (hit.type, source.start, target.start)
                if key in found or (hit.type in ("supports", "opposes") and
                                    (hit.type, target.start, source.start) in found):
                    continue
                found[key] = RelationFound(
                    type=hit.type, source=(source.start, source.end), target=(target.start, target.end),
                    source_text=text[source.start:source.end], target_text=text[target.start:target.end],
                    source_link=source.link, target_link=target.link,
                    cue=(token.idx, token.idx + len(token.text)), sentence=(token.sent.start_char, token.sent.end_char),
                    holds_on=_date(token, published), polarity=hit.polarity, confidence=CONFIDENCE[hit.rule],
                    rule=hit.rule)
    return list(found.values())
