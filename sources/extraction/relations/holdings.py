"""Who holds what: ``controls`` (an armed party holds, takes or keeps a place), ``leads`` (heads an
organisation) and ``member_of`` (belongs to one)."""
from collections.abc import Iterator

from spacy.tokens import Token

from . import lexicon as lx
from .parties import Parties
from .stance import _negated, _pobjs
from .types import Found

ACTORS = ("person", "organization", "location")  # a state is written as its country: "Iraq retook Tikrit"


def _is_place(mention) -> bool:
    return mention is not None and mention.type == "location"


def _is_actor(mention) -> bool:
    return mention is not None and mention.type in ACTORS


def _agent_of_passive(parties: Parties, token: Token):
    """The "by" agent of a passive verb, or of the verb it is joined to ("held and defended by X")."""
    for child in (*token.children, *(g for c in token.children if c.dep_ == "conj" for g in c.children)):
        if child.dep_ == "agent":
            for pobj in _pobjs(child):
                found = parties.of_phrase(pobj)
                if found is not None:
                    return found
    return None


MODALS = {"will", "would", "could", "may", "might", "should", "shall", "must", "can", "'ll", "wo"}


def _intended(token: Token) -> bool:
    """"to recapture the city", "would seize it": planned or possible, not done."""
    return any(c.dep_ == "aux" and (c.tag_ == "TO" or c.lower_ in MODALS) for c in token.children)


def _polarity(lemma: str, token: Token) -> str:
    """asserted, ended ("lost control of") or intended ("plans to seize"); "would not relinquish"
    says the place is held now."""
    lost, negated = lemma in lx.CONTROL_LOST or lemma in ("give", "hand"), _negated(token)
    if lost and negated:
        return "asserted"
    if _intended(token):
        return "intended"
    return "ended" if lost or negated else "asserted"


def _places(parties: Parties, place_token: Token) -> list:
    """The places a phrase names, with those it includes ("territory, including Tikrit"); a name
    no entity covers ("the Tharthar Barrage was captured") is a place by what is done to it."""
    found = parties.all_of(place_token)
    for child in place_token.children:
        if child.dep_ == "prep" and child.lower_ == "including":
            found += [p for g in _pobjs(child) for p in parties.all_of(g)]
    if not found and place_token.pos_ == "PROPN" and place_token.i not in parties.by_token:
        found.append(parties.phrase_mention(place_token, type_="location"))
    return found


def control_verb(parties: Parties, token: Token) -> Iterator[Found]:
    """"ISIS seized Tikrit", "Mosul was taken by ISIL", "towns held by Kurdish fighters"."""
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") or lemma not in lx.CONTROL_VERBS:
        return
    passive = token.tag_ == "VBN" and (any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in token.children)
                                       or token.dep_ == "acl")
    if passive:
        holder = _agent_of_passive(parties, token)
        places = [c for c in token.children if c.dep_ == "nsubjpass"]
        if token.dep_ == "acl":
            places.append(token.head)
    else:
        holder = parties.subject(token) or None
        places = [c for c in token.children if c.dep_ == "dobj"]
    if lemma == "take" and not passive and not any(c.dep_ == "prt" and c.lower_ in ("over", "back") for c in
                                                   token.children) and token.dep_ != "pcomp":
        places = [p for p in places if p.lower_ not in ("part", "place", "time", "action", "steps", "note")]
    polarity = _polarity(lemma, token)
    for place_token in places:
        for place in _places(parties, place_token):
            if _is_place(place) and _is_actor(holder):
                yield Found("controls", holder, place, token, "control_verb", polarity)


def control_noun(parties: Parties, token: Token) -> Iterator[Found]:
    """"ISIL's control of Mosul", "the fall of Mosul to ISIL", "power over Kirkuk", "the re-taking
    by Iraqi forces of Tikrit", "claims full control of Aleppo"."""
    lower = token.lower_
    if token.pos_ not in ("NOUN", "PROPN") or lower not in lx.CONTROL_NOUNS:
        return
    places, holder = [], None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in lx.CONTROL_NOUN_PREPS:
            places.extend(_pobjs(child))
        elif child.dep_ == "prep" and child.lower_ == ("to" if lower == "fall" else "by"):
            holder = next((parties.of_phrase(p) for p in _pobjs(child) if parties.of_phrase(p)), None)
    if lower == "fall" and holder is None and places:
        # "after the fall of Mosul to ISIL, …": the parser often hangs "to" elsewhere.
        after = token.doc[max(p.right_edge.i for p in places) + 1:token.sent.end]
        if len(after) > 1 and after[0].lower_ == "to":
            name = after[1] if after[1].lower_ != "the" or len(after) < 3 else after[2]
            holder = parties.by_token.get(name.i) or next(
                (parties.of_phrase(p) for p in after[0].children if p.dep_ == "pobj"), None)
    if lower == "fall":
        if holder is None:
            return
    elif holder is None:
        holder = parties.agent(token)
        if holder is not None and holder.type == "location" and token.dep_ == "compound":
            holder = None
    if not places and token.dep_ == "pobj" and token.head.lower_ == "from":
        return  # "liberated Dabiq from ISIL control": the liberator's rule says who holds it now
    polarity = "asserted"
    governor = token.head
    if token.dep_ in ("dobj", "nsubjpass") and governor.pos_ in ("VERB", "AUX"):
        polarity = _polarity(governor.lemma_.lower(), governor)
        if holder is None and governor.lemma_.lower() in lx.CONTROL_HAVING_VERBS:
            holder = parties.subject(governor) or None
    if not _is_actor(holder):
        return
    for place_token in places:
        for place in _places(parties, place_token):
            if _is_place(place) and place is not holder:
                yield Found("controls", holder, place, token, "control_noun", polarity)


def held_by(parties: Parties, token: Token) -> Iterator[Found]:
    """"ISIL-held Raqqa", "rebel-controlled towns"."""
    if token.lower_ not in lx.CONTROL_PARTICIPLES or token.i < 2 or token.doc[token.i - 1].text != "-":
        return
    holder = parties.by_token.get(token.i - 2)
    noun = token.head if token.dep_ == "amod" else None
    if noun is None or not _is_actor(holder):
        return
    for place in parties.all_of(noun):
        if _is_place(place) and place is not holder:
            yield Found("controls", holder, place, token, "held_by")


def _heads_of(parties: Parties, noun: Token) -> list:
    return [p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at", "in")
            for g in _pobjs(prep) for p in parties.all_of(g)]


def leader(parties: Parties, token: Token) -> Iterator[Found]:
    """"X, leader of Y", "appointed X the commander for Y", "Y's leader X", "Y, led by X", "X heads Y"."""
    lower, lemma = token.lower_, token.lemma_.lower()
    if token.pos_ == "NOUN" and lower in lx.HEADING_NOUNS:
        person = None
        if token.dep_ in ("appos", "attr", "oprd"):
            anchor = token.head
            if token.dep_ == "attr":
                anchor = next((c for c in anchor.children if c.dep_ == "nsubj"), None)
            elif token.dep_ == "oprd":
                anchor = next((c for c in anchor.children if c.dep_ == "dobj"), None)
            person = parties.of_phrase(anchor) if anchor is not None else None
        for child in token.children:
            if child.dep_ == "appos" and child.i in parties.by_token:
                person = parties.by_token[child.i]
        organisations = _heads_of(parties, token)
        owner = next((c for c in token.children if c.dep_ == "poss" and c.i in parties.by_token), None)
        if owner is not None:
            organisations.append(parties.by_token[owner.i])
        polarity = "ended" if any(c.lower_ in lx.FORMER for c in token.children if c.dep_ in ("amod", "compound")) \
            else "asserted"
        for organisation in organisations:
            if person is not None and person.type == "person" and organisation is not person:
                yield Found("leads", person, organisation, token, "leader_noun", polarity)
        return
    if token.pos_ != "VERB" or lemma not in lx.LEAD_VERBS or _negated(token):
        return
    if token.tag_ == "VBN" and (token.dep_ == "acl" or any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)):
        person = _agent_of_passive(parties, token)
        led = [c for c in token.children if c.dep_ == "nsubjpass"] + ([token.head] if token.dep_ == "acl" else [])
    else:
        person = parties.subject(token) or None
        led = [c for c in token.children if c.dep_ == "dobj"]
    for noun in led:
        for organisation in parties.all_of(noun):
            if _is_actor(person) and organisation.type == "organization" and organisation is not person:
                yield Found("leads", person, organisation, token, "leader_verb")


def member(parties: Parties, token: Token) -> Iterator[Found]:
    """"X, as part of Y", "X, a member of Y", "members of Y", "X joined Y", "Y lieutenant X"."""
    lower, lemma = token.lower_, token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in lx.MEMBER_VERBS and not _negated(token):
        if lemma == "represent" and not (token.tag_ == "VBN" and token.dep_ == "acl"):
            return  # "the coalition represents 20 million Americans": no membership
        if token.tag_ == "VBN" and token.dep_ == "acl":  # "the KRG, represented by its prime minister"
            who = _agent_of_passive(parties, token)
            groups = parties.all_of(token.head)
            for group in groups:
                if _is_actor(who) and group.type == "organization" and group is not who:
                    yield Found("member_of", who, group, token, "member_verb")
            return
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in lx.MEMBER_NOUNS and subject.i not in parties.by_token:
            who = parties.phrase_mention(subject)  # "some members of X belonged to Y": not X
        else:
            who = parties.subject(token) or None
        groups = [p for c in token.children if c.dep_ == "dobj" for p in parties.all_of(c)]
        groups += [p for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "with")
                   for g in _pobjs(c) for p in parties.all_of(g)]
        for group in groups:
            if _is_actor(who) and group.type == "organization" and group is not who:
                yield Found("member_of", who, group, token, "member_verb")
        return
    if token.pos_ not in ("NOUN", "PROPN") or lower not in lx.MEMBER_NOUNS:
        return
    groups = [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ in ("of", "at", "from", "in")
              for g in _pobjs(prep) for p in parties.all_of(g) if p.type == "organization"]
    if lower in ("part", "member", "members") and not groups:
        return
    who = None
    if token.dep_ == "pobj" and token.head.lower_ == "as":  # "X, as part of Y"
        who = parties.holder(token.head.head) if token.head.head.pos_ in ("VERB", "AUX") else \
            parties.of_phrase(token.head.head)
    elif token.dep_ == "attr":
        who = parties.subject(token.head) or None
    elif token.dep_ == "appos":
        who = parties.of_phrase(token.head)
    if who is None:
        who = next((parties.by_token[c.i] for c in token.children if c.dep_ == "appos" and c.i in parties.by_token),
                   None)
    if who is None and token.i + 1 < len(token.doc):  # "Air Force lieutenant Muath al-Kasasbeh"
        following = parties.by_token.get(token.i + 1)
        if following is not None and following.type == "person":
            who = following
            owner = parties.by_token.get(token.i - 1)
            if owner is not None and owner.type == "organization" and not groups:
                groups = [owner]
    if who is None and token.dep_ not in ("compound", "amod") and lower != "part":
        who = parties.phrase_mention(token)  # "senior officials of X", "a tribal sheikh of the X clan"
    for group in groups:
        if who is not None and who is not group and who.type in ACTORS:
            yield Found("member_of", who, group, token, "member_noun")


RULES = (control_verb, control_noun, held_by, leader, member)
