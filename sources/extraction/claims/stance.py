"""Stance adjectives: a holder's belief, wish or feeling said with "be" and an adjective, as
PolNeAR marks it.

  Many voters are afraid that turnout will drop.      cue "are afraid", source "Many voters"
  She was sure the bill would pass.                   cue "was sure"
  The senator has been critical of the plan.          cue "has been critical of", content "the plan"
  The mayor is determined to reopen the bridge.       cue "is determined", content "to reopen the bridge"
  It is clear that the talks failed.                  cue "It is clear", no source
  The mayor made it clear the bridge would stay shut.  cue "made it clear"
  Voters have doubts about the plan.                   cue "have doubts about", content "the plan"

The adjective (or the noun) needs what it is about (a clause, an infinitive or its preposition's object): "she
was angry" alone reports nothing.
"""

from spacy.tokens import Span, Token

from .cues import _cue_span
from .spans import _noun_phrase, _span, _subtree

# Each adjective with the prepositions that introduce what the stance is about.
STANCE_ADJECTIVES = {
    "afraid": {"of"}, "sure": {"of", "about"}, "certain": {"of", "about"}, "convinced": {"of"},
    "confident": {"of", "about", "in"}, "determined": set(), "willing": set(), "unwilling": set(),
    "eager": set(), "keen": {"on"}, "reluctant": set(), "worried": {"about", "over", "by"},
    "concerned": {"about", "over", "with", "by"}, "critical": {"of"}, "supportive": {"of"},
    "skeptical": {"of", "about"}, "sceptical": {"of", "about"}, "wary": {"of"}, "optimistic": {"about"},
    "pessimistic": {"about"}, "hopeful": {"about", "of"}, "fearful": {"of"}, "aware": {"of"},
    "proud": {"of"}, "opposed": {"to"}, "passionate": {"about"}, "adamant": {"about"}, "vocal": {"about"},
    "outspoken": {"about", "on", "against"}, "enthusiastic": {"about"}, "angry": {"about", "at", "over", "with"},
    "upset": {"about", "over", "with", "by"}, "frustrated": {"with", "by", "over"}, "unhappy": {"with", "about"},
    "disappointed": {"with", "in", "by"}, "dissatisfied": {"with"}, "doubtful": {"about", "of"},
    "committed": {"to"}, "hostile": {"to", "toward", "towards"}, "sympathetic": {"to", "toward", "towards"},
    "insistent": {"on"}, "unsure": {"of", "about"}, "uncertain": {"of", "about"}, "unconvinced": {"of", "by"},
    "suspicious": {"of"}, "bullish": {"on", "about"}, "bearish": {"on", "about"}, "nervous": {"about"},
    "anxious": {"about"}, "alarmed": {"by", "at"}, "dismissive": {"of"}, "contemptuous": {"of"},
    "scornful": {"of"}, "uncomfortable": {"with"}, "clear": {"about", "on"},
}

# "It is clear that …": the writer's own judgement, a stance without a source.
IMPERSONAL = {"clear", "obvious", "apparent", "evident", "certain"}

COPULAS = {"be", "seem", "remain", "become", "feel", "grow", "appear", "sound"}


def _about(adjective: Token, copula: Token) -> tuple[Span | None, Token | None]:
    """What the stance is about: a clause or infinitive on the adjective (or on the verb after it),
    else the object of one of its prepositions, returned with that preposition."""
    for head in (adjective, copula):
        for child in head.children:
            if child.dep_ in ("ccomp", "xcomp") and child.i > adjective.i:
                start, end = _subtree(child)
                return _span(adjective.doc, start, end), None
    for child in adjective.children:
        if child.dep_ == "prep" and child.i == adjective.i + 1 and \
                child.lower_ in STANCE_ADJECTIVES.get(adjective.lower_, ()):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return _span(adjective.doc, objects[0].left_edge.i, child.right_edge.i + 1, objects=True), child
    return None, None


def stance_adjective(adjective: Token) -> tuple[Span, Span | None, Span] | None:
    """(cue, source, content) for a predicate adjective of stance, or None."""
    word = adjective.lower_
    copula = adjective.head
    if adjective.dep_ not in ("acomp", "oprd") or copula.lemma_ not in COPULAS or copula.i > adjective.i:
        return None
    subject = next((c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    impersonal = subject.lower_ == "it"
    if impersonal and word not in IMPERSONAL or not impersonal and word not in STANCE_ADJECTIVES:
        return None
    content, preposition = _about(adjective, copula)
    if content is None or impersonal and preposition is not None:
        return None
    doc = adjective.doc
    start = _cue_span(copula).start
    if impersonal and subject.i < start:
        start = subject.i if subject.i == start - 1 else start  # "it was clear", "it's obvious"
    end = (preposition.i if preposition is not None else adjective.i) + 1
    source = None if impersonal else _noun_phrase(subject)
    return doc[start:end], source, content


# Views one has about something: "has doubts about the plan", "had no illusions about Putin".
VIEW_NOUNS = {"concern", "question", "doubt", "reservation", "illusion", "misgiving", "worry", "fear", "qualm",
              "objection", "complaint", "suspicion", "confidence", "faith"}
VIEW_PREPS = {"about", "over", "of", "with", "regarding", "in"}


def held_view(have: Token) -> tuple[Span, Span | None, Span] | None:
    """(cue, source, content) for "X has doubts about Y": the view, held by the subject of "have"."""
    subject = next((c for c in have.children if c.dep_ == "nsubj"), None)
    view = next((c for c in have.children if c.dep_ == "dobj" and c.lemma_.lower() in VIEW_NOUNS), None)
    if subject is None or view is None:
        return None
    preposition = next((c for c in view.children if c.dep_ == "prep" and c.i == view.i + 1 and
                        c.lower_ in VIEW_PREPS), None)
    objects = [c for c in preposition.children if c.dep_ in ("pobj", "pcomp")] if preposition is not None else []
    if not objects:
        return None
    doc = have.doc
    content = _span(doc, objects[0].left_edge.i, preposition.right_edge.i + 1, objects=True)
    if content is None:
        return None
    return doc[_cue_span(have).start:preposition.i + 1], _noun_phrase(subject), content


def made_clear(make: Token) -> tuple[Span, Span | None, Span] | None:
    """(cue, source, content) for "X made (it) clear (that) Y"."""
    clear = next((c for c in make.children if c.lower_ == "clear" and c.dep_ in ("ccomp", "oprd", "acomp", "xcomp")
                  and c.i <= make.i + 2), None)
    subject = next((c for c in make.children if c.dep_ == "nsubj"), None)
    if clear is None or subject is None or clear.right_edge.i <= clear.i:
        return None
    doc = make.doc
    content = _span(doc, clear.i + 1, clear.right_edge.i + 1)
    if content is None:
        return None
    return doc[_cue_span(make).start:clear.i + 1], _noun_phrase(subject), content
