"""The words that mark a report, by the part they play: verbs of saying, of stance, of finding;
nouns of speech; the prepositions and frames each takes."""


CUE_LEMMAS = {
    "say", "tell", "report", "claim", "urge", "warn", "deny", "add", "state", "announce", "insist", "accuse",
    "confirm", "allege", "acknowledge", "argue", "assert", "declare", "explain", "note", "indicate", "reveal",
    "stress", "emphasise", "emphasize", "estimate", "predict", "vow", "pledge", "promise", "threaten", "demand",
    "describe", "admit", "comment", "complain", "concede", "contend", "maintain", "reiterate", "reaffirm",
    "respond", "reply", "write", "tweet", "believe", "think", "fear", "suggest", "caution", "boast", "charge",
    "dismiss", "recall", "agree", "signal", "hint", "testify", "brief", "inform", "assure",
    "call", "ask", "order", "instruct", "advise", "criticise", "criticize", "condemn", "welcome",
    "continue", "conclude", "expect", "show", "plan", "intend", "decline", "refuse", "propose", "blast", "reject",
    "endorse", "oppose", "praise", "blame", "characterize", "characterise", "cite", "recommend", "question",
    # naming, discussing or attacking something is a stance PolNeAR marks, with the thing as content
    "mention", "reference", "discuss", "attack", "express", "highlight", "denounce", "echo", "liken",
    "compare", "label", "dub", "slam", "decry", "deride", "dispute", "contradict", "applaud", "hail", "tout",
    "mock", "defend", "lament", "point", "view",
    # backing or pushing a position, and setting out or looking into one, with it as content
    "support", "back", "favor", "favour", "champion", "encourage", "press", "invoke", "link", "detail", "outline",
    "document", "identify", "examine", "debate", "weigh",
}


# Backing needs someone to back: "the UK supports the talks", not "the grant will support the councils".
BACKING = {"support", "back", "favor", "favour", "champion", "encourage"}


# Verbs of seeing and portraying are a stance only with what the thing is taken for: "critics see
# the program as a loophole", "painted him as weak"; "she saw the rally" is not.
AS_ONLY = {"see", "regard", "portray", "paint", "cast", "frame", "depict", "rate"}


# Verbs of finding, knowing and feeling report only a that-clause: "the study found that …", not
# "police found the car".
CLAUSE_ONLY = {"find", "learn", "hope", "feel", "worry", "realize", "realise", "recognize", "recognise",
               "understand", "doubt", "suspect", "assume", "decide", "rule", "discover", "guess", "wonder",
               "imagine", "know"}


# Verbs whose stance takes a preposition: "complained about the noise", "pointed to the report".
PREP_CUES = {
    "respond": {"to", "with", "by"}, "react": {"to"}, "complain": {"about", "of"}, "comment": {"on"},
    "speak": {"about", "of", "against"}, "talk": {"about"}, "agree": {"with", "on"}, "believe": {"in"},
    "warn": {"against", "about", "of"}, "point": {"to"}, "refer": {"to"}, "rail": {"against"},
    "argue": {"for", "against"}, "push": {"for"}, "lobby": {"for"}, "advocate": {"for"}, "insist": {"on"},
    "boast": {"about", "of"}, "brag": {"about"}, "joke": {"about"}, "object": {"to"}, "apologize": {"for"},
    "apologise": {"for"}, "campaign": {"for", "against"}, "testify": {"about"}, "call": {"for", "on"},
    "vote": {"against"},
}


PREP_ONLY = {"react", "speak", "talk", "refer", "rail", "push", "lobby", "advocate", "brag", "joke", "object",
             "apologize", "apologise", "campaign", "vote"}  # cues only with their preposition


PREP_IN_CONTENT = {"respond", "react"}  # "responded with attacks": PolNeAR leaves the preposition to the content


CUE_LEMMAS |= CLAUSE_ONLY | set(PREP_CUES) | AS_ONLY


# Nouns that report: "Trump's claim that …", "her decision to …", "his criticism of …".
NOUN_CUES = {
    "claim", "charge", "allegation", "assertion", "argument", "statement", "suggestion", "warning", "promise",
    "pledge", "insistence", "acknowledgment", "acknowledgement", "admission", "accusation", "belief", "view",
    "hope", "fear", "determination", "decision", "plan", "proposal", "vow", "threat", "demand", "criticism",
    "comment", "remark", "report", "announcement", "conclusion", "finding", "estimate", "prediction", "bet",
    "contention", "assessment", "position", "call", "denial", "complaint", "concern", "endorsement", "praise",
    "condemnation", "effort", "refusal", "eagerness", "willingness",
    "desire", "intention", "commitment", "recommendation", "request", "theory", "implication",
}


# A wish is a stance PolNeAR marks when someone holds it: "Clinton wants to expand the program".
DESIRE = {"want", "wish"}


PEOPLE_NOUNS = {"voter", "official", "leader", "people", "democrat", "republican", "critic", "supporter", "expert",
                "lawmaker", "senator", "campaign", "administration", "government", "party", "group", "union",
                "governor", "mayor", "president", "minister", "candidate", "nominee", "spokesman", "spokeswoman",
                "chief", "director", "member", "resident", "activist", "analyst", "economist", "police", "family",
                "company", "committee", "council", "court", "judge", "prosecutor", "lawyer", "parent", "student",
                "worker", "citizen", "agency", "ministry", "country", "state", "city"}


# Evidence "shows" what it shows: "Polls show a close race", "video showing him with his hands up".
EVIDENCE = {"poll", "survey", "study", "data", "video", "footage", "record", "analysis", "report", "figure",
            "number", "average", "research", "document", "evidence", "statistic", "tally", "census", "audit",
            "review", "chart", "map", "image", "photo", "photograph", "recording", "tape", "transcript"}


EVIDENCE_VERBS = {"show", "reveal", "indicate", "suggest", "confirm", "find"}


CUE_LEMMAS |= DESIRE


# "made the case that …", "offered some advice to …", "issued a condemnation of …": a verb that
# says little with a noun of speech that says what kind of report it is.
LIGHT_VERBS = {"make", "offer", "issue", "give", "deliver", "voice", "raise", "lodge", "level", "pose", "share", "put"}


SPEECH_NOUNS = {
    "case", "claim", "argument", "point", "comment", "remark", "statement", "reference", "accusation", "promise",
    "pledge", "vow", "threat", "appeal", "plea", "demand", "charge", "allegation", "announcement", "prediction",
    "suggestion", "observation", "condemnation", "criticism", "assessment", "advice", "proposal", "apology",
    "warning", "assurance", "guarantee", "admission", "objection", "complaint", "recommendation", "endorsement",
    "concern", "doubt", "question", "it",
    "proof", "evidence", "insight", "explanation", "retort", "rebuttal", "detail", "thought", "view", "opinion",
    "reassurance", "support",
}


# "offered no proof that …", "offered some advice to the candidate": the cue is the verb alone and
# what it offers, the noun phrase, is the content.
OFFERING = {"offer"}


CUE_LEMMAS |= LIGHT_VERBS


RESOLVE_NOUNS = {"determination", "eagerness", "willingness", "vow", "pledge", "promise", "threat"}


SPEECH_ACTS = {"say", "add", "warn", "suggest", "urge", "argue", "insist", "note", "tell", "vow", "pledge", "call",
               "accuse", "predict", "promise", "stress", "emphasize", "emphasise", "acknowledge", "concede"}


NAMING = {"call", "describe", "label", "dub", "term", "characterize", "characterise"}


SAYING = {"say", "tell", "add", "write", "explain", "argue", "insist", "claim", "warn", "note", "report", "state"}


QUOTE_ONLY = {"continue", "conclude"}  # "…," he continued: only with a quotation


OBJECT_CUES = {"deny", "confirm", "claim", "announce", "report", "dismiss", "reveal", "acknowledge", "admit",
               "reaffirm", "reiterate", "criticise", "criticize", "condemn", "blast", "reject", "endorse", "oppose",
               "praise", "blame", "describe", "characterize", "characterise", "cite", "propose", "demand", "urge",
               "recommend", "question", "accuse", "call", "note", "suggest", "explain", "promise", "declare",
               "indicate", "mention", "reference", "discuss", "attack", "express", "highlight", "denounce",
               "echo", "liken", "compare", "label", "dub", "slam", "decry", "deride", "dispute", "contradict",
               "applaud", "hail", "tout", "mock", "defend", "lament", "warn", "argue", "predict", "view",
               "estimate", "vow", "pledge", "stress", "emphasize", "emphasise", "tweet", "write",
               "support", "back", "favor", "favour", "champion", "encourage", "press", "invoke", "link", "detail",
               "outline", "document", "identify", "examine", "debate", "weigh"} | AS_ONLY


OBJECT_PREPS = {"blame": {"on"}, "liken": {"to"}, "compare": {"to", "with"}}


NO_OBJECT = {"believe", "think", "fear", "agree", "ask", "welcome", "recall", "add"}  # without a clause


                                                                                        # no attribution
SUBJECTS = {"nsubj", "nsubjpass"}


RELAY_VERBS = {"report", "tell", "inform", "brief"}


QUOTES = {'"', "“", "”", "«", "»", "''", "``"}


PRONOUN_PEOPLE = {"he", "she", "him", "her"}
