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

Pure Python over spans already parsed: no extra spaCy pass.
"""
from bisect import bisect_right, insort
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from .catalogue import Catalogue, CatalogueEntry
from .claims.quotes import doc_quote_regions
from .types import ClaimFound, EntityMention, doc_text

# How sure each way of finding the speaker is. A resolved antecedent loses DISTANCE_STEP for each
# sentence beyond the one before it, down to FLOOR: far antecedents are more often wrong.
CONFIDENCE = {
    "named": 0.95,           # a name linked exactly to the catalogue
    "named_unlinked": 0.85,  # a name the catalogue does not know
    "named_fuzzy": 0.75,     # a name linked by a fuzzy match ("Sistanti")
    "pronoun": 0.8,          # "he" resolved to the speaker of this or the previous sentence
    "role": 0.75,            # "the spokeswoman" resolved to the one introduced with that role
    "inherited": 0.75,       # "denied … and said …": the second cue's speaker is the first's
    "description": 0.6,      # "a senior adviser to …": an unnamed speaker, described
    "unresolved": 0.3,       # a pronoun or "the aide" with no compatible antecedent
    "no_source": 0.25,       # "it was reported that …"
}
DISTANCE_STEP, FLOOR = 0.1, 0.4
MAX_SENTENCES_BACK = 6  # a pronoun's antecedent is looked for this many sentences back
ROLE_SENTENCES_BACK = 25  # "the spokesman" can point further back than "he"

PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "it": "org", "they": "plural", "we": "plural"}
FEMALE = {"spokeswoman", "chairwoman", "businesswoman", "congresswoman", "woman", "mother", "wife", "queen",
          "ms", "ms.", "mrs", "mrs.", "miss", "madam", "sister", "daughter", "lady", "princess", "girl"}
MALE = {"spokesman", "chairman", "businessman", "congressman", "man", "father", "husband", "king", "mr", "mr.",
        "sir", "brother", "son", "prince", "boy", "sheikh", "ayatollah", "cleric"}
# Role nouns that point back to a person; aide and adviser, spokesman and spokeswoman, are one role.
ROLE_FAMILY = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
               "aide": "aide", "adviser": "aide", "advisor": "aide"}
PERSON_ROLES = {"minister", "official", "president", "secretary", "ambassador", "envoy", "commander", "general",
                "cleric", "leader", "chief", "director", "governor", "mayor", "analyst", "source", "diplomat",
                "officer", "premier", "chairman", "chairwoman", "prosecutor", "lawyer", "witness", "resident",
                "expert", "negotiator", "representative", "senator", "lawmaker", "mp", "member", "activist",
                "researcher", "investigator", "king", "emir", "ayatollah", "sheikh", "colonel", "spokesperson",
                "aide", "man", "woman", "candidate", "nominee", "premier", "judge", "head", "deputy"}
ORG_NOUNS = {"group", "ministry", "government", "organisation", "organization", "movement", "army", "agency",
             "office", "department", "council", "party", "militia", "committee", "administration", "military",
             "company", "embassy", "body", "alliance", "coalition", "regime", "police", "bloc", "parliament",
             "court", "watchdog", "network", "campaign", "charity", "newspaper", "channel", "broadcaster",
             "commission", "union", "state", "team", "firm", "board", "institute", "center", "centre", "mission"}
# Not agents: "analysis indicates that …" is evidence HRW cites, not a holder of the belief.
EVIDENCE_NOUNS = {"analysis", "evidence", "image", "imagery", "photo", "photograph", "picture", "video", "data",
                  "figure", "study", "survey", "poll", "document", "record", "report", "footage", "finding",
                  "result", "statistic", "number", "test", "review", "investigation"}
DENIAL_CUES = {"deny", "refute", "rebut", "disavow", "dispute"}
REJECTION_CUES = {"reject", "dismiss"}  # denials only of a proposition: "rejected reports that X"
REPORT_NOUNS = {"claim", "report", "allegation", "suggestion", "accusation", "charge", "rumour", "rumor", "idea",
                "notion", "assertion", "speculation", "view", "story", "account", "statement", "assessment"}
FALSE_WORDS = {"false", "baseless", "untrue", "groundless", "unfounded", "fabricated", "wrong", "incorrect",
               "nonsense", "lie", "lies", "bogus", "fake", "inaccurate", "misleading"}
TRUE_WORDS = {"true", "correct", "accurate", "right"}
AGENT_TYPES = {"person", "organization", "plural"}
# Inner cues that make a holder: words and beliefs, not deeds ("officials said militants attacked …").
HOLDER_CUES = {"say", "tell", "believe", "think", "fear", "want", "hope", "expect", "feel", "claim", "insist",
               "argue", "deny", "warn", "add", "state", "suspect", "doubt", "know", "consider", "assume", "prefer",
               "accept", "acknowledge", "admit", "agree", "assert", "report", "predict", "estimate", "urge", "demand",
               "reject", "dismiss", "suggest", "promise", "vow", "threaten", "announce", "confirm", "declare"}
ROLE_ADJECTIVES = {"same", "senior", "former", "top", "other", "two", "three", "chief", "spokesman's"}


@dataclass
class _Speaker:
    """A resolved speaker: its name or description, its catalogue entry, what kind of speaker."""

    text: str | None
    entry: CatalogueEntry | None = None
    kind: str = "person"            # person | organization | plural | thing
    gender: str | None = None       # "m" | "f" where the text shows it
    roles: frozenset[str] = frozenset()
    how: str = "no_source"          # a CONFIDENCE key
    distance: int = 0               # sentences between a pronoun and its antecedent
    affiliation: CatalogueEntry | None = None

    @property
    def confidence(self) -> float:
        base = CONFIDENCE[self.how]
        if self.how == "pronoun" and self.distance > 1:
            base = max(FLOOR, base - DISTANCE_STEP * (self.distance - 1))
        return base


@dataclass
class _Antecedent:
    start: int
    sentence: int
    speaker: _Speaker
    tier: int  # 0 an attribution's speaker, 1 the subject of a sentence's main verb, 2 any other mention


@dataclass
class _Document:
    """What the rules read of the document: its text, sentence starts, quotations and mentions."""

    doc: Doc
    entities: list[EntityMention]
    catalogue: Catalogue | None
    text: str = ""
    sentence_starts: list[int] = field(default_factory=list)
    regions: list[tuple[int, int]] = field(default_factory=list)
    speakers: list[_Antecedent] = field(default_factory=list)  # the claims' speakers so far
    mentions: list[_Antecedent] | None = None  # named mentions, built on first need
    genders: dict[str, str] = field(default_factory=dict)  # speaker key -> gender learnt from pronouns

    @property
    def antecedents(self) -> list[_Antecedent]:
        if self.mentions is None:
            self.mentions = _build_antecedents(self)
        return sorted(self.mentions + self.speakers, key=lambda a: a.start)

    def sentence(self, char: int) -> int:
        return bisect_right(self.sentence_starts, char) - 1

    def quoted(self, start: int, end: int) -> bool:
        return any(b <= start and end <= e for b, e in self.regions)

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")


def _key(speaker: _Speaker) -> str:
    return speaker.entry.key if speaker.entry else (speaker.text or "").lower()


def _gender_of(words: list[str]) -> str | None:
    lowered = {w.lower() for w in words}
    if lowered & FEMALE:
        return "f"
    if lowered & MALE:
        return "m"
    return None


def _roles(words: list[str]) -> frozenset[str]:
    roles = set()
    for word in words:
        lower = word.lower()
        if lower.endswith("s") and lower[:-1] in PERSON_ROLES | ORG_NOUNS:
            lower = lower[:-1]  # "the sources" points back to "sources"
        lower = ROLE_FAMILY.get(lower, lower)
        if lower in PERSON_ROLES or lower in ORG_NOUNS:
            roles.add(lower)
    return frozenset(roles)


def _entity_speaker(doc: _Document, mention: EntityMention, how: str) -> _Speaker:
    """A named mention as a speaker, with the roles and gender the words round it show:
    "foreign ministry spokeswoman Marzieh Afkham", "Mr Hague", "Barzani, the president of …"."""
    span = doc.span(mention.start, mention.end)
    words = mention.text.split()
    if span is not None:
        i = span.start - 1  # the words glued before the name: "foreign ministry spokeswoman", "Mr"
        while i >= 0 and span.start - i <= 4 and (doc.doc[i].dep_ == "compound" or doc.doc[i].lower_ in FEMALE | MALE):
            words.append(doc.doc[i].text)
            i -= 1
        words += [c.text for t in span for c in t.children if c.dep_ == "appos"]
    kind = "person" if mention.type == "person" else "organization"  # "Iran said … it added": a state speaks
    if mention.mention == "group":
        kind = "plural"
    return _Speaker(mention.link.name if mention.link else mention.text, mention.link, kind, _gender_of(words),
                    _roles(words), how)


def _build_antecedents(doc: _Document) -> list[_Antecedent]:
    """Named people and organisations outside quotations, flagged when they are a subject."""
    found = []
    for mention in doc.entities:
        if mention.mention == "pronoun" or mention.type not in ("person", "organization"):
            continue
        if doc.quoted(mention.start, mention.end):
            continue  # "'The Iraqi people … will decide,' she said": words quoted are not the speaker
        span = doc.span(mention.start, mention.end)
        # Only the main verb's subject: "HRW said that ISIS had killed …" makes HRW, not ISIS, "the group".
        subject = span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.dep_ == "ROOT"
        found.append(_Antecedent(mention.start, doc.sentence(mention.start), _entity_speaker(doc, mention, "named"),
                                 1 if subject else 2))
    return found


def _compatible(speaker: _Speaker, want: str, genders: dict[str, str]) -> bool:
    gender = speaker.gender or genders.get(_key(speaker))
    if want in ("m", "f"):
        return speaker.kind == "person" and gender in (None, want)
    if want == "org":
        return speaker.kind == "organization"
    return speaker.kind in ("organization", "plural")


def _resolve_pronoun(doc: _Document, pronoun: str, at: int) -> _Speaker | None:
    """The nearest compatible plausible speaker before ``at``: sentence by sentence going back,
    speakers of its attributions first, then its main subject, then other mentions (latest first); in the
    pronoun's own sentence only speakers and subjects ("After meeting Hague, he said" is not Hague)."""
    want = PRONOUNS[pronoun]
    here = doc.sentence(at)
    before = [a for a in doc.antecedents if a.start < at and here - a.sentence <= MAX_SENTENCES_BACK]
    for sentence in range(here, here - MAX_SENTENCES_BACK - 1, -1):
        in_sentence = [a for a in before if a.sentence == sentence]
        ordered = sorted(in_sentence, key=lambda a: (a.tier, -a.start))
        for antecedent in ordered:
            if sentence == here and antecedent.tier > 1:
                continue
            if _compatible(antecedent.speaker, want, doc.genders):
                found = replace(antecedent.speaker, how="pronoun", distance=here - sentence)
                if want in ("m", "f"):
                    doc.genders.setdefault(_key(found), want)
                    found.gender = found.gender or want
                return found
    return None


def _resolve_role(doc: _Document, role: str, at: int) -> _Speaker | None:
    """"The spokeswoman": the last speaker or person introduced with that role; "the group", "the
    ministry": failing that, the last organisation that was a speaker or a subject."""
    here = doc.sentence(at)
    before = [a for a in doc.antecedents if a.start < at and here - a.sentence <= ROLE_SENTENCES_BACK]
    for antecedent in reversed(before):
        if role in antecedent.speaker.roles:
            return replace(antecedent.speaker, how="role", distance=here - antecedent.sentence)
    if role in ORG_NOUNS:
        for antecedent in reversed(before):
            if antecedent.tier <= 1 and antecedent.speaker.kind == "organization" and \
                    here - antecedent.sentence <= MAX_SENTENCES_BACK:
                return replace(antecedent.speaker, how="role", distance=here - antecedent.sentence)
    return None


def _affiliated(span: Span, root: Token) -> bool:
    """Whether a name in a speaker's description qualifies its head instead of naming it:
    "adviser to [Prime Minister Maliki]", "[Maliki]'s adviser"; but "the leader of Iraqi
    Kurdistan [Massud Barzani]" names him: other words stand between the preposition and the name."""
    token = span.root
    while token.i != root.i and token.head.i != token.i:
        if token.dep_ == "poss":
            return True
        if token.dep_ == "pobj":
            preposition = token.head
            return all(t.dep_ == "det" for t in token.doc[preposition.i + 1:span.start])
        token = token.head
    return False


def _describe(source: Span) -> _Speaker:
    """An unnamed speaker kept whole: "a senior adviser to …", "police sources", "the ministry"."""
    root = source.root
    words = [t.text for t in source if t.pos_ in ("NOUN", "PROPN") and t.i <= root.i] or [root.text]
    lemma = root.lemma_.lower()
    kind = "thing" if lemma in EVIDENCE_NOUNS or root.pos_ not in ("NOUN", "PROPN", "PRON") \
        else "plural" if root.tag_ in ("NNS", "NNPS") else "organization" if lemma in ORG_NOUNS else "person"
    text = source.text.strip(" ,;:")
    return _Speaker(text, None, kind, _gender_of(words), _roles([root.text, root.lemma_]), "description")


def _name_speaker(doc: _Document, source: Span, previous: CatalogueEntry | None) -> _Speaker:
    """A source that names its speaker, or describes one (rule: a description is kept whole)."""
    root = source.root
    inside = [m for m in doc.entities if source.start_char <= m.start and m.end <= source.end_char + 1
              and m.mention != "pronoun"]
    people = []
    affiliation = None
    for mention in inside:
        span = doc.span(mention.start, mention.end)
        if span is None:
            continue
        if _affiliated(span, root):
            affiliation = affiliation or mention.link
        elif mention.type == "person" or span.root.i == root.i or root.i in range(span.start, span.end):
            people.append(mention)
    # "Senior Kurdish officials": a people or a body of them is described, not named.
    people = [m for m in people if m.mention != "group" or m.link is not None]
    named = [m for m in people if m.type == "person"] or people
    if named:
        mention = named[-1]
        how = "named" if mention.link and mention.confidence >= 1.0 else \
            "named_fuzzy" if mention.link else "named_unlinked"
        speaker = _entity_speaker(doc, mention, how)
        if mention.link is None and doc.catalogue is not None:
            entry = doc.catalogue.lookup_fuzzy(mention.text, kinds={"person"} if mention.type == "person" else None)
            if entry is not None:
                speaker.entry, speaker.text, speaker.how = entry, entry.name, "named_fuzzy"
        speaker.roles |= _roles([t.text for t in source])
        return speaker
    if root.pos_ == "PROPN" and doc.catalogue is not None:
        # A name spaCy did not take for one ("Sistanti"): the catalogue's nearest, if close enough.
        name = " ".join(t.text for t in source if t.pos_ == "PROPN")
        entry = doc.catalogue.lookup_exact(name)
        if entry:
            return _Speaker(entry[0].name, entry[0], "person" if entry[0].kind == "person" else "organization",
                            how="named")
        fuzzy = doc.catalogue.lookup_fuzzy(name)
        if fuzzy is not None:
            return _Speaker(fuzzy.name, fuzzy, "person" if fuzzy.kind == "person" else "organization",
                            how="named_fuzzy")
    speaker = _describe(source)
    speaker.affiliation = affiliation
    if previous is not None and affiliation is None and not inside and root.pos_ == "PROPN":
        speaker.entry, speaker.how = previous, "named"  # claims.py linked what we could not place
    return speaker


def _speaker_of(doc: _Document, claim: ClaimFound, cue: Token | None, resolved: list[tuple[ClaimFound, Token | None,
                _Speaker]]) -> _Speaker:
    if claim.source is None:
        # "The ministry denied that … and said an inquiry had been opened": the first cue's speaker.
        if cue is not None:
            for other, other_cue, speaker in reversed(resolved):
                if other_cue is not None and speaker.text and (
                        cue.dep_ == "conj" and cue.head.i == other_cue.i or
                        other_cue.dep_ == "conj" and other_cue.head.i == cue.i):
                    return replace(speaker, how="inherited")
        return _Speaker(None)
    source = doc.span(*claim.source)
    if source is None:
        return _Speaker(claim.source_text, claim.speaker, how="description")
    words = [t for t in source if not t.is_punct]
    root = source.root
    if len(words) == 1 and root.lower_ in PRONOUNS:
        found = _resolve_pronoun(doc, root.lower_, claim.source[0])
        return found or _Speaker(claim.source_text, None, how="unresolved")
    determiner = words[0].lower_ if words else ""
    role = ROLE_FAMILY.get(root.lemma_.lower(), root.lemma_.lower())
    # Only a bare "the aide", "the senior aide": "the interior ministry" is a description of its own.
    if determiner in ("the", "this", "that") and len(words) <= 3 and root.pos_ == "NOUN" and \
            all(t.lower_ in ROLE_ADJECTIVES for t in words[1:-1]) and \
            (role in PERSON_ROLES or role in ORG_NOUNS) and \
            not any(source.start_char <= m.start < source.end_char and m.link for m in doc.entities):
        found = _resolve_role(doc, role, claim.source[0])
        if found is not None:
            return found
        speaker = _describe(source)
        speaker.how = "unresolved"
        return speaker
    return _name_speaker(doc, source, claim.speaker)


def _denial(doc: _Document, claim: ClaimFound, cue: Token | None) -> tuple[str, tuple[int, int] | None]:
    """Polarity, and the narrower content a denial is about ("rejected reports that X": X)."""
    if cue is None:
        return "asserted", None
    lemma = cue.lemma_.lower()
    content = doc.span(*claim.content)
    if content is None:
        return "asserted", None
    narrowed = _what_is_reported(content.root)
    if lemma in DENIAL_CUES:
        return "denied", narrowed
    if lemma in REJECTION_CUES:
        if content.root.lemma_.lower() in REPORT_NOUNS or content.root.pos_ in ("VERB", "AUX"):
            return "denied", narrowed
        return "asserted", None
    # "said X was not true", "said the reports were baseless"
    clause = content.root
    if clause.lemma_ == "be":
        attributes = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
        negated = any(c.dep_ == "neg" for c in clause.children)
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if attributes and subjects:
            word = attributes[0].lower_
            if word in FALSE_WORDS and not negated or word in TRUE_WORDS and negated:
                subject = subjects[0]
                inner = _what_is_reported(subject)
                return "denied", inner or (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))
    return "asserted", None


def _what_is_reported(token: Token) -> tuple[int, int] | None:
    """The clause of "reports that X", "claims that X": X's characters."""
    if token.lemma_.lower() not in REPORT_NOUNS:
        return None
    for child in token.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(g.lower_ == "that" and g.dep_ == "mark"
                                                          for g in child.children):
            start = child.left_edge
            if start.lower_ == "that":
                start = start.doc[start.i + 1]
            end = child.right_edge
            return start.idx, end.idx + len(end)
    return None


def _is_quoted(doc: _Document, claim: ClaimFound) -> bool:
    """Verbatim only when every word of the content lies inside quotation marks. A content only
    partly quoted ('would "never accept" a change') is reported speech, so False; words between two
    quotations that are the claim's own source and cue ('"A," she said. "B"') do not count."""
    start, end = claim.content
    covering = [(max(b, start), min(e, end)) for b, e in doc.regions if b < end and start < e]
    if not covering:
        return False
    own = [claim.cue] + ([claim.source] if claim.source else [])
    position = start
    for b, e in covering + [(end, end)]:
        gap = doc.text[position:b] if b > position else ""
        if any(ch.isalnum() for ch in gap):
            gap_words = [w.strip(".,;:!?\"“”'") for w in gap.split()]
            owned = " ".join(doc.text[s:t] for s, t in own)
            if any(w and w not in owned.split() for w in gap_words):
                return False
        position = max(position, e)
    return True


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
            if kinds[i] not in AGENT_TYPES:
                dropped.add(i)  # "HRW said analysis indicates that …": HRW's claim as it stands
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
