"""One claim for one statement: nested reports fold into the outer one (with their holder),
restatements into the first, an outlet's wrapper into the claim it relays."""
from spacy.tokens import Token

from ..catalogue import CatalogueEntry
from ..types import ClaimFound
from .document import _Document
from .lexicon import AGENT_TYPES, HOLDER_CUES, QUESTION_WORDS, WISH_CUES


def _inside(at: int, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] <= at < span[1]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared / max(1, min(a[1] - a[0], b[1] - b[0])) if shared > 0 else 0.0


def _is_outlet(entry: CatalogueEntry | None) -> bool:
    return entry is not None and entry.kind == "media_outlet"


def _heads(doc: _Document, content: tuple[int, int], cue: Token) -> bool:
    """Whether the inner cue is the verb of the outer claim's content ("that Rouhani believes X",
    or one of its coordinated verbs), not a word inside a relative clause or a noun's modifier."""
    span = doc.span(*content)
    if span is None:
        return True
    token = cue
    while token.dep_ == "conj" and token.head.i != token.i and span.start <= token.head.i < span.end:
        token = token.head
    return token.i == span.root.i


def _no_belief(doc: _Document, inner: ClaimFound, cue: Token) -> bool:
    """Whether a nested report states no belief its speaker holds: its cue is negated ("the
    leaders do not agree that …", "he does not believe …") or a wish ("urged them to leave",
    "fears that …"), or its content is a question ("disagree on whether X", "asked who …"),
    which nobody holds true."""
    if cue.lemma_.lower() in WISH_CUES or any(child.dep_ == "neg" for child in cue.children):
        return True
    span = doc.span(*inner.content)
    return span is not None and len(span) > 0 and span[0].lower_ in QUESTION_WORDS


def _relative(cue: Token | None) -> bool:
    """The cue of a relative clause: "the donations, which he said were bribes"."""
    return cue is not None and cue.dep_ == "relcl"


def _merge(doc: _Document, claims: list[ClaimFound], kinds: list[str], cues: list[Token | None]) -> list[ClaimFound]:
    """One claim for one statement: nested reports fold into the outer one, restatements into
    the first, an outlet's wrapper into the claim it relays."""
    dropped: set[int] = set()
    # Innermost first, so "A said B believes C thinks X" folds from the inside out.
    order = sorted(range(len(claims)), key=lambda i: claims[i].content[1] - claims[i].content[0])
    for i in order:
        inner = claims[i]
        if i in dropped:
            continue
        outers = [j for j in range(len(claims)) if j != i and j not in dropped and
                  _inside(inner.cue[0], claims[j].content)]
        if outers:
            j = min(outers, key=lambda k: claims[k].content[1] - claims[k].content[0])
            outer = claims[j]
            if inner.source is None or not _inside(inner.source[0], outer.content):
                continue  # a cue coordinated with the outer one, or the outer's quote round a new speaker
            if _is_outlet(inner.speaker) and not _is_outlet(outer.speaker):
                # '"…," Barzani said, AFP reported. "…"': the quotation runs over the outlet's cue.
                outer.relayed_by = outer.relayed_by or inner.speaker
                dropped.add(i)
                continue
            if not doc.quoted(inner.cue[0], inner.cue[1]) and any(
                    b <= outer.content[0] < e for b, e in doc.regions):
                continue  # '"A," she said. "B"': a cue between two quotations of the outer claim
            if _is_outlet(outer.speaker) and not outer.holder_text:
                # "the AP reported that X said …": X's claim, relayed by the AP.
                inner.relayed_by = inner.relayed_by or outer.speaker
                dropped.add(j)
                continue
            if cues[i] is None or cues[i].lemma_.lower() not in HOLDER_CUES:
                continue  # a deed claims.py took for a cue is not a report nested in this one
            if not _heads(doc, outer.content, cues[i]):
                continue  # "criticized the donations, which he said were bribes": a report of its own
            if kinds[i] not in AGENT_TYPES or _no_belief(doc, inner, cues[i]):
                # "HRW said analysis indicates that …", "officials said the leaders do not agree on
                # whether X": the outer speaker's claim as it stands, with no belief to hold.
                dropped.add(i)
                continue
            outer.holder, outer.holder_text = inner.speaker, inner.speaker_text
            outer.reported = outer.reported or outer.content
            outer.content, outer.content_text = inner.content, inner.content_text
            outer.quoted = inner.quoted
            if inner.polarity == "denied":
                outer.polarity = "denied"
            outer.actors = inner.actors + [a for a in outer.actors if a not in inner.actors]
            dropped.add(i)
            continue
        # "according to X, who told reporters …": a cue inside another claim's source restates it.
        if any(j != i and j not in dropped and _inside(inner.cue[0], claims[j].source) for j in range(len(claims))):
            dropped.add(i)
    sentences = [doc.sentence(c.cue[0]) for c in claims]
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            if i in dropped or j in dropped or sentences[i] != sentences[j]:
                continue
            if _overlap(a.content, b.content) < 0.8:
                continue
            # '"…," Sistani said, the AP reported': Sistani's claim, relayed by the AP.
            if _is_outlet(b.speaker) and not _is_outlet(a.speaker):
                a.relayed_by = a.relayed_by or b.speaker
                dropped.add(j)
            elif _is_outlet(a.speaker) and not _is_outlet(b.speaker):
                b.relayed_by = b.relayed_by or a.speaker
                dropped.add(i)
            elif not (_relative(cues[j]) and _inside(b.cue[0], a.reported or a.content) or
                      _relative(cues[i]) and _inside(a.cue[0], b.reported or b.content)):
                # The report whose content holds the other's stays: "According to police, officers
                # stopped him and ordered him out" is the police's claim, not the officers' order.
                outer, inner = b.reported or b.content, a.reported or a.content
                wider = outer[0] <= inner[0] and inner[1] <= outer[1] and outer[1] - outer[0] > inner[1] - inner[0]
                dropped.add(i if wider else j)  # "…, which he said were bribes": a report of its own
    return [c for k, c in enumerate(claims) if k not in dropped]
