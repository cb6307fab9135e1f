"""Who a found claim is really attributed to, after ``claims.find_claims`` has found its spans.

``resolve_attributions`` post-processes the ``ClaimFound`` list, without touching the cue, source
and content spans claims.py found (except the content of a denial, narrowed to what is denied):

  descriptions   "a senior adviser to Prime Minister X" is an unnamed adviser: kept whole as the
                 speaker, X recorded as the ``affiliation``, never as the speaker;
  pronouns       "he", "she", "it", "they" take the nearest compatible plausible speaker: in each
                 sentence going back, the speakers of its attributions and its subjects first, then
                 its other mentions; gender where the text shows it ("Mr", "spokeswoman", an
                 earlier "he"), a person for he/she, an organisation for "it";
  role nouns     "the spokeswoman", "the aide", "the group" take the last speaker or person
                 introduced with that role ("foreign ministry spokeswoman Marzieh Afkham");
  names          a name the catalogue misses exactly is looked up fuzzily (a high cutoff);
  nested reports "sources told AP that Rouhani believes X" is one claim: speaker "sources",
                 relayed by AP, holder Rouhani, content X; a report an outlet wraps ("…, X said,
                 the AP reported") is X's claim relayed by the outlet;
  restatements   two cues of one sentence reporting the same content are one claim;
  polarity       "denied that X", "rejected reports that X", "said X was baseless": denied, X;
  quoted         True only when the whole content is verbatim inside quotation marks;
  confidence     from ``CONFIDENCE`` below, the one place its figures live.

Pure Python over spans already parsed: no extra spaCy pass. Modules: lexicon (the figures and word
lists), document (what the rules know of the document and its speakers), speakers (who the source
is), polarity (denials and verbatim quotation), merge (one claim for one statement); this module
runs them claim by claim.
"""
from bisect import insort

from spacy.tokens import Doc, Token

from ..catalogue import Catalogue
from ..claims.quotes import doc_quote_regions
from ..types import ClaimFound, EntityMention, doc_text
from .document import _Antecedent, _Document, _Speaker
from .lexicon import CONFIDENCE
from .merge import _merge
from .polarity import _denial, _is_quoted
from .speakers import _speaker_of

__all__ = ["CONFIDENCE", "resolve_attributions"]


def resolve_attributions(doc: Doc, claims: list[ClaimFound], entities: list[EntityMention], *,
                         catalogue: Catalogue | None = None) -> list[ClaimFound]:
    """The claims with their speakers, holders, polarity, quotation and confidence resolved, and
    nested reports and restatements merged (see the module docstring for each rule)."""
    if not claims:
        return claims
    text = doc_text(doc)
    state = _Document(doc, entities, catalogue, text, [s.start_char for s in doc.sents], doc_quote_regions(doc))
    resolved: list[tuple[ClaimFound, Token | None, _Speaker]] = []
    for claim in claims:
        cue_span = state.span(*claim.cue)
        cue = cue_span.root if cue_span is not None else None
        speaker = _speaker_of(state, claim, cue, resolved)
        resolved.append((claim, cue, speaker))
        if claim.source is not None and speaker.text:
            insort(state.speakers, _Antecedent(claim.source[0], state.sentence(claim.source[0]), speaker, 0),
                   key=lambda a: a.start)
        claim.speaker, claim.speaker_text = speaker.entry, speaker.text
        claim.affiliation = speaker.affiliation
        claim.confidence = round(speaker.confidence, 2)
        claim.polarity, narrowed = _denial(state, claim, cue)
        if narrowed is not None and narrowed != claim.content:
            claim.reported = claim.content
            claim.content, claim.content_text = narrowed, text[narrowed[0]:narrowed[1]]
        claim.quoted = _is_quoted(state, claim)
    return _merge(state, claims, [speaker.kind for _, _, speaker in resolved], [cue for _, cue, _ in resolved])
