"""Stance between parties: ``supports`` and ``opposes``, carried by verbs ("condemns"), by nouns
and their prepositions ("support for", "the fight against"), by phrases ("stands shoulder to
shoulder with") and by words that judge a party ("the vile organisation", "Assad's brutality")."""
from collections.abc import Iterator

from spacy.tokens import Token

from . import lexicon as lx
from .parties import Parties
from .types import Found

NEGATIONS = {"not", "never", "n't", "no"}
IDIOM_NOUNS = {"shoulder", "side", "hand", "arm", "firm", "united", "together", "closely"}


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ in ("advmod", "det") for c in token.children)


def _reversed(token: Token) -> bool:
    """"ending support for X", "support … is wavering": the stance is being withdrawn."""
    head = token.head
    if token.dep_ in ("dobj", "nsubj", "nsubjpass") and head.lemma_ in lx.REVERSING_WORDS:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(
        g.lemma_ in lx.REVERSING_WORDS for g in c.children) for c in token.children) and token.lower_ == "end"


def _pobjs(prep: Token) -> Iterator[Token]:
    for child in prep.children:
        if child.dep_ == "pobj":
            yield child
        elif child.dep_ == "pcomp":  # "support for defeating ISIL": the gerund's object
            yield from (g for g in child.children if g.dep_ == "dobj")


def verb_stance(parties: Parties, token: Token) -> Iterator[Found]:
    """"X supports Y", "Y is condemned by X", "X stands with Y", "X unites against Y"."""
    if token.pos_ not in ("VERB", "AUX"):
        return
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in lx.REVERSING_WORDS:
        return  # "stop attacking X", "cease supporting X"
    lemma = token.lemma_.lower()
    base = "supports" if lemma in lx.SUPPORT_VERBS else "opposes" if lemma in lx.OPPOSE_VERBS else None
    if _negated(token):
        return
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    targets: list[tuple[str, Token]] = []
    children = list(token.children)
    # "stand shoulder to shoulder with", "work hand in hand with": the idiom's preposition is the verb's.
    children += [g for c in children if c.lemma_.lower() in IDIOM_NOUNS for g in c.subtree if g.dep_ == "prep"]
    for child in children:
        if base and child.dep_ in (("nsubjpass",) if passive else ("dobj", "dative")):
            targets.append((base, child))
        elif child.dep_ == "prep":
            pair = (lemma, child.lower_)
            kind = ("supports" if pair in lx.SUPPORT_VERB_PREPS else "opposes" if pair in lx.OPPOSE_VERB_PREPS
                    or child.lower_ == "against" else None)
            if kind is None and child.lower_ == "from" and lemma in lx.RESCUE_VERBS:
                kind = "opposes"  # "liberated the town from ISIL", "defend the people from Assad's inhumanity"
            if kind:
                targets.extend((kind, pobj) for pobj in _pobjs(child))
        elif base and child.dep_ in ("xcomp", "ccomp") and lemma in ("help", "assist", "support"):
            targets.extend((base, g) for g in child.children if g.dep_ == "nsubj")
    if not targets:
        return
    if passive:
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        holder = parties.of_phrase(pobj) if pobj is not None else None  # "Syrians have been killed": by whom, unsaid
    else:
        holder = parties.holder(token)
    for kind, target in targets:
        for party in parties.named_or_agent(target):
            yield Found(kind, holder, party, token, "verb")


def _supported(parties: Parties, node: Token) -> list:
    """Who ``node`` names or supports: a party phrase (with the conjuncts it ends), the
    complement of a support noun, the object of a support verb or of a verb taking such a noun."""
    root = node
    while root.dep_ == "conj":
        root = root.head
    named = parties.all_of(root)
    if named:
        return named
    lemma = node.lemma_.lower()
    if node.pos_ == "NOUN" and lemma in lx.SUPPORT_NOUNS:
        return [p for prep in node.children if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "to", "with")
                for g in _pobjs(prep) for p in parties.all_of(g)]
    if node.pos_ in ("VERB", "AUX"):
        found = []
        for child in node.children:
            if child.dep_ == "dobj" and child.lemma_.lower() in lx.SUPPORT_NOUNS:
                found += _supported(parties, child)
            elif child.dep_ == "dobj" and lemma in lx.SUPPORT_VERBS:
                found += parties.all_of(child)
            elif child.dep_ == "prep" and (lemma, child.lower_) in lx.SUPPORT_VERB_PREPS:
                found += [p for g in _pobjs(child) for p in parties.all_of(g)]
        return found
    return []


def noun_stance(parties: Parties, token: Token) -> Iterator[Found]:
    """"UK support for Iraq", "its condemnation of Assad's policies", "the fight against ISIL"."""
    lemma = token.lemma_.lower()
    lower = token.lower_
    people = lemma in lx.SUPPORTER_NOUNS or lemma in lx.OPPONENT_NOUNS
    supports = lemma in lx.SUPPORT_NOUNS or lower in lx.SUPPORT_NOUNS or lemma in lx.SUPPORTER_NOUNS
    opposes = lemma in lx.OPPOSE_NOUNS or lower in lx.OPPOSE_NOUNS or lemma in lx.OPPONENT_NOUNS
    # "its support of X": X is supported; "won the support of X": X is the one supporting.
    owned = people or any(c.dep_ in ("poss", "compound") for c in token.children) or \
        (token.dep_ == "pobj" and token.head.lower_ == "in")  # "in support of X"
    if not (supports or opposes) or _negated(token) or _reversed(token):
        return
    targets: list[tuple[str, Token]] = []
    for child in token.children:
        if child.dep_ != "prep":
            continue
        prep = child.lower_
        if supports and prep in ("for", "to", "with", "behind") or (supports and prep == "of" and owned):
            targets.extend(("supports", p) for p in _pobjs(child))
        elif opposes and (prep == "against" or (prep in ("on", "of", "with", "to") and
                                               lemma not in lx.WEAK_OPPOSE_NOUNS)):
            targets.extend(("opposes", p) for p in _pobjs(child))
    if not targets:
        return
    holder = None
    source = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    if source is not None:  # "support for X from his allies in Tehran"
        holder = next((parties.of_phrase(p) for p in _pobjs(source) if parties.of_phrase(p)), None)
    if holder is None and opposes and token.dep_ == "pobj" and token.head.lower_ == "in":
        # "support for Iraq in its fight against ISIL", "the people of Iraq in their fight against
        # ISIL": the party supported, or the party named just before, is the one fighting.
        fighters = _supported(parties, token.head.head)
        for target_kind, target in targets:
            for fighter in fighters:
                for party in parties.named_or_agent(target):
                    yield Found(target_kind, fighter, party, token, "noun_in")
        if fighters:
            return
    if holder is None and token.dep_ == "appos":  # "Barzani, a supporter of NATO"
        holder = parties.of_phrase(token.head)
    if holder is None:
        holder = parties.holder(token)
    for kind, target in targets:
        for party in parties.named_or_agent(target):
            yield Found(kind, holder, party, token, "noun")


def judged(parties: Parties, token: Token) -> Iterator[Found]:
    """"the vile organisation ISIL", "Assad's brutal regime", "ISIL's savagery", "the barbarity of
    the regime", "appalled by …": whoever speaks opposes the party so judged."""
    lower = token.lower_
    if token.dep_ == "amod" and lower in lx.CONDEMNING_ADJECTIVES:
        noun = token.head
        target = parties.of_phrase(noun) or parties.agent(noun)
    elif token.pos_ == "NOUN" and lower in lx.CONDEMNING_NOUNS:
        noun = token
        target = parties.agent(token, of_is_agent=True)
    else:
        return
    if target is None:
        return
    holder = parties.holder(noun, skip=target, judging=True)
    yield Found("opposes", holder, target, token, "judged")


def judging_state(parties: Parties, token: Token) -> Iterator[Found]:
    """"I am appalled by this attack by the regime", "we are proud of the Iraqi forces"."""
    lower = token.lower_
    kind = "opposes" if lower in lx.CONDEMNING_STATES else "supports" if lower in lx.SUPPORTING_STATES else None
    if kind is None or token.pos_ not in ("ADJ", "VERB") or _negated(token):
        return
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "at", "of", "with", "to", "about"):
            holder = parties.holder(token, passive_subject=True)
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                for party in parties.named_or_agent(pobj):
                    yield Found(kind, holder, party, token, "state")


def harm(parties: Parties, token: Token) -> Iterator[Found]:
    """"the regime's attacks on Aleppo", "ISIL's attack on the market": the doer opposes the target."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lx.HARM_NOUNS:
        return
    agent = parties.agent(token)
    if agent is None:
        return
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "against"):
            for pobj in _pobjs(child):
                for party in parties.all_of(pobj):
                    yield Found("opposes", agent, party, token, "harm")


def wished_fate(parties: Parties, token: Token) -> Iterator[Found]:
    """"X thinks Maliki should stand down" (X opposes Maliki), "X would like to see him remain in
    his post" (supports), "X urged Y to resign": what a holder wants to become of a party."""
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") or token.dep_ not in ("ccomp", "xcomp"):
        return
    particle = {c.lower_ for c in token.children if c.dep_ == "prt"}
    passive = any(c.dep_ == "auxpass" for c in token.children)
    if lemma in lx.STAYING_VERBS and lemma not in lx.STAYING_WITH_OBJECT and \
            any(c.dep_ == "dobj" for c in token.children):
        return  # "continued the talks" is no staying
    if lemma in lx.STAYING_VERBS and not passive:
        kind = "supports"
    elif lemma in lx.LEAVING_VERBS and (particle & {"down", "aside", "away"} or
                                        lemma not in lx.LEAVING_WITH_PARTICLE):
        # "should be replaced", "will resign", "step down": all say the party should go
        kind = "opposes"
    else:
        return
    attitude = token.head
    while attitude.dep_ == "xcomp" and attitude.lemma_.lower() not in lx.ATTITUDE_VERBS:
        attitude = attitude.head
    if attitude.lemma_.lower() not in lx.ATTITUDE_VERBS:
        return
    if _negated(token) or _negated(attitude):
        kind = "supports" if kind == "opposes" else "opposes"
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects += [c for c in attitude.children if c.dep_ == "dobj"]  # "urged Maliki to step down"
    holder = parties.holder(attitude)
    for subject in subjects:
        if subject.lower_ in ("he", "she"):
            continue  # "X said he would stay": most often X of himself
        if subject.lower_ in ("him", "her"):
            target = parties.person_before(subject, exclude=holder)
        else:
            target = parties.of_phrase(subject)
        yield Found(kind, holder, target, token, "fate")


def war_between(parties: Parties, token: Token) -> Iterator[Found]:
    """"the Iran-Iraq War": two parties joined by a hyphen before a war are at war."""
    if token.lower_ not in ("war", "conflict") or token.i < 3:
        return
    doc = token.doc
    if doc[token.i - 2].text in ("-", "–"):
        left, right = parties.by_token.get(token.i - 3), parties.by_token.get(token.i - 1)
        if left and right and left is not right:
            yield Found("opposes", left, right, token, "war")


RULES = (verb_stance, noun_stance, judged, judging_state, harm, wished_fate, war_between)
