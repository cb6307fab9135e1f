"""Who a phrase of the parse names: the entity mentions the extractor found, read through the
dependency tree ("the people of Iraq" is Iraq, "its support" is whoever "its" stands for)."""
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ..types import ClaimFound, EntityMention

# Heads that name a body of a party: "the people of Iraq", "ISIL terrorists", "allies in Tehran".
GROUP_HEADS = {"people", "peoples", "government", "governments", "forces", "force", "members", "member", "army",
               "regime", "troops", "soldiers", "fighters", "militants", "terrorists", "civilians", "citizens",
               "officials", "leaders", "leadership", "authorities", "military", "militia", "militias", "allies",
               "rebels", "insurgents", "units", "unit", "police", "administration", "coalition", "tribe", "tribes",
               "community", "all", "some", "many", "most", "each", "both", "part", "population", "group",
               "organisation", "organization", "movement", "side", "state", "men", "women", "children",
               "supporters", "opposition", "delegation", "ministry", "partners", "friends"}
# Heads that name a place of a place: "the city of Mosul", "the town of Dabiq".
PLACE_HEADS = {"city", "town", "village", "province", "region", "area", "areas", "site", "territory", "district",
               "capital", "country", "towns", "cities", "villages", "governorate", "border", "outskirts", "parts"}
# Verbs whose object does what their infinitive says ("urged Maliki to resign").
OBJECT_CONTROL = {"urge", "call", "ask", "tell", "press", "push", "encourage", "persuade", "force", "order",
                  "pressure", "invite", "advise", "implore", "beg", "instruct", "compel"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
RELATIVE = {"which", "who", "that", "whom", "whose"}
CLIMB_DEPS = {"xcomp", "advcl", "conj", "pcomp", "acl", "ccomp", "prep", "pobj", "acomp", "dobj", "attr",
              "relcl", "oprd", "npadvmod", "amod", "appos", "compound"}


class Parties:
    """The mentions of one document, by token, and the claim speaker of each character."""

    def __init__(self, doc: Doc, entities: list[EntityMention], claims: list[ClaimFound]):
        self.doc = doc
        self.by_token: dict[int, EntityMention] = {}
        self.locations: list[tuple[int, EntityMention]] = []  # (last token, mention), in order
        for mention in entities:
            if mention.type not in ("person", "organization", "location"):
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, mention)
            if mention.type == "location":
                self.locations.append((span.end - 1, mention))
        self.speakers: list[tuple[int, int, EntityMention]] = []
        for claim in claims:
            if claim.source is None:
                continue
            speaker = next((m for m in entities if m.start < claim.source[1] and claim.source[0] < m.end
                            and m.type in ("person", "organization")), None)
            if speaker is not None:
                for start, end in {claim.content, claim.reported or claim.content}:
                    self.speakers.append((start, end, speaker))

    # ------------------------------------------------------------------ noun phrases

    def of_phrase(self, token: Token, depth: int = 0) -> EntityMention | None:
        """The party the noun phrase headed by ``token`` names, or None."""
        if token.i in self.by_token:
            return self.by_token[token.i]
        if depth > 3:
            return None
        lower = token.lower_
        if token.pos_ == "PROPN":  # "the UN Board of Inquiry": the name inside a longer one
            for child in token.children:
                if child.dep_ == "compound" and child.i in self.by_token:
                    return self.by_token[child.i]
        if token.tag_ in ("WDT", "WP") and token.dep_ in ("nsubj", "nsubjpass", "dobj") and \
                token.head.dep_ == "relcl":
            return self.of_phrase(token.head.head, depth + 1)
        if lower in GROUP_HEADS or lower in PLACE_HEADS:
            for child in token.children:
                if child.dep_ in ("compound", "amod", "nmod", "poss", "appos") and child.i in self.by_token:
                    return self.by_token[child.i]
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self.of_phrase(pobj, depth + 1)
                            if found is not None:
                                return found
        if lower in PLACE_HEADS and token.pos_ == "NOUN":
            return self.place_before(token)
        for child in token.children:  # "the organisation, ISIL"
            if child.dep_ == "appos" and child.i in self.by_token:
                return self.by_token[child.i]
        if token.pos_ == "NOUN" and token.dep_ in ("compound", "appos") and token.head.i in self.by_token:
            return self.by_token[token.head.i]  # "the vile organisation ISIL"
        return None

    def place_before(self, token: Token) -> EntityMention | None:
        """"the city" names the last place mentioned before it in its sentence."""
        floor = token.sent.start
        found = None
        for last, mention in self.locations:
            if floor <= last < token.i:
                found = mention
            elif last >= token.i:
                break
        return found

    def all_of(self, token: Token) -> list[EntityMention]:
        """The parties of a phrase and of its conjuncts ("the UK and the US")."""
        found = []
        for head in (token, *token.conjuncts):
            mention = self.of_phrase(head)
            if mention is not None and mention not in found:
                found.append(mention)
        return found

    def agent(self, token: Token, *, of_is_agent: bool = False) -> EntityMention | None:
        """Who does what a noun names: "ISIL's attacks", "the ISIL attack", "attacks by the regime";
        with ``of_is_agent``, "the barbarity of the regime" (of an action, "of" names what it is
        done to: "the liberation of Sinjar")."""
        for child in token.children:
            if child.dep_ in ("poss", "compound", "nmod", "amod"):
                found = self.by_token.get(child.i) or (self.of_phrase(child) if child.dep_ == "poss" else None)
                if found is not None:
                    return found
        for child in token.children:
            if child.dep_ == "prep" and (child.lower_ == "by" or (of_is_agent and child.lower_ == "of")):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.of_phrase(pobj)
                        if found is not None:
                            return found
        return None

    def named_or_agent(self, token: Token) -> list[EntityMention]:
        """What an object names, or else who acts in it ("condemns ISIL's attacks": ISIL)."""
        found = self.all_of(token)
        if found:
            return found
        agent = self.agent(token)
        return [agent] if agent is not None else []

    def phrase_mention(self, token: Token, type_: str = "organization") -> EntityMention:
        """The noun phrase itself as a party with no name of its own ("senior Iraqi officials")."""
        start = token.left_edge.i
        while start < token.i and self.doc[start].dep_ == "det" and self.doc[start].lower_ in ("a", "an", "the"):
            start += 1
        span = self.doc[start:token.i + 1]
        return EntityMention(span.start_char, span.end_char, span.text, type_, None, 0.4, "group")

    # ------------------------------------------------------------------ holders

    def speaker_at(self, char: int) -> EntityMention | None:
        best = None
        for start, end, speaker in self.speakers:
            if start <= char < end and (best is None or end - start < best[1] - best[0]):
                best = (start, end, speaker)
        return best[2] if best else None

    def subject(self, token: Token, skip: EntityMention | None = None, *,
                passive_subject: bool = False) -> EntityMention | None | bool:
        """Who holds the stance ``token`` expresses: its subject, or the subject of the clause it
        hangs from; "I" and "we" are the speaker of the quotation they are in. False when the
        clause has a subject that names no party ("the attacks have stiffened the resolve …")."""
        for node in self._climb(token):
            if node.dep_ == "xcomp" and node.pos_ in ("VERB", "AUX") and node.head.lemma_.lower() in OBJECT_CONTROL \
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
                # "urged Maliki to resign", "called on Trump to stop": the head's object does it
                head = node.head
                controller = next((c for c in head.children if c.dep_ == "dobj"), None) or next(
                    (p for c in head.children if c.dep_ == "prep" and c.lower_ == "on"
                     for p in c.children if p.dep_ == "pobj"), None)
                found = self.of_phrase(controller) if controller is not None else None
                if found is not None:
                    return found if found is not skip else False
            for child in node.children:
                if child.dep_ == "poss" or (child.dep_ == "compound" and node.pos_ in ("NOUN", "PROPN")):
                    if child.lower_ in FIRST_PERSON:
                        return self.speaker_at(child.idx)
                    found = self.by_token.get(child.i)
                    if found is not None and found is not skip:
                        return found
                # A clause the stance hangs from may be passive in form: "X is committed to …".
                if child.dep_ in ("nsubj", "csubj") or (child.dep_ == "agent" and node.tag_ == "VBN") or \
                        (child.dep_ == "nsubjpass" and (node is not token or passive_subject)):
                    subj = child if child.dep_ != "agent" else next(
                        (c for c in child.children if c.dep_ == "pobj"), None)
                    if subj is None:
                        continue
                    if subj.lower_ in FIRST_PERSON and subj.i not in self.by_token:
                        return self.speaker_at(subj.idx)
                    found = self.of_phrase(subj) or self.agent(subj)
                    if found is not None and found is not skip:
                        return found
                    if subj.pos_ != "PRON":
                        return False
            if node.dep_ == "acl" and node.tag_ in ("VBG", "VBN") and node is not token.head:
                # "militants controlling parts of Syria": the participle's noun does it
                found = self.of_phrase(node.head)
                return found if found is not None and found is not skip else False
            if node.dep_ in ("nsubj", "nsubjpass", "ROOT"):
                break
        return None

    def person_before(self, token: Token, exclude: EntityMention | None = None) -> EntityMention | None:
        """"him" or "her": the last person named before it in its sentence or the one before,
        other than ``exclude`` (the holder, who would say "himself")."""
        floor = token.sent.start
        if floor > 0:
            floor = self.doc[floor - 1].sent.start
        for i in range(token.i - 1, floor - 1, -1):
            found = self.by_token.get(i)
            if found is not None and found.type == "person" and found is not exclude and \
                    not (exclude is not None and found.text == exclude.text):
                return found
        return None

    def _climb(self, token: Token) -> Iterator[Token]:
        node = token
        for _ in range(10):
            yield node
            if node.dep_ not in CLIMB_DEPS or node.head is node:
                return
            if node.dep_ == "relcl":  # "ISIL, whose acts …": the relative clause's own subject first
                return
            node = node.head

    def holder(self, token: Token, skip: EntityMention | None = None, *, judging: bool = False,
               passive_subject: bool = False) -> EntityMention | None:
        """The subject of the clause; else, when the clause has none or ``judging`` (a word that
        judges speaks for whoever says it), the speaker of the quotation ``token`` is in."""
        found = self.subject(token, skip, passive_subject=passive_subject)
        if found:
            return found
        if found is None or judging:
            speaker = self.speaker_at(token.idx)
            return speaker if speaker is not skip else None
        return None
