"""Who a claim's source is: a name (linked exactly or fuzzily through the catalogue), a description
kept whole, a pronoun or a role noun resolved to the nearest compatible speaker before it."""
from dataclasses import replace

from spacy.tokens import Span, Token

from ..catalogue import CatalogueEntry
from ..types import ClaimFound
from .document import _Document, _entity_speaker, _gender_of, _key, _roles, _Speaker
from .lexicon import (
    EVIDENCE_NOUNS,
    MAX_SENTENCES_BACK,
    ORG_NOUNS,
    PERSON_ROLES,
    PRONOUNS,
    ROLE_ADJECTIVES,
    ROLE_FAMILY,
    ROLE_SENTENCES_BACK,
)


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
