"""The figures and word lists of the attribution rules: how sure each way of finding a speaker is,
and the words that mark gender, roles, organisations, evidence, denials and nested reports."""

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
                "aide", "man", "woman", "candidate", "nominee", "judge", "head", "deputy"}
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
# Inner cues of a wish, a demand or a feeling, not a belief: "X said Y urged Z to go" is not
# "Y believes Z to go", so the outer report stays whole.
WISH_CUES = {"want", "urge", "demand", "promise", "vow", "threaten", "hope", "fear", "prefer"}
# A content opening with one of these is a question ("on whether X"), which nobody holds true.
QUESTION_WORDS = {"whether", "if", "who", "whom", "what", "which", "when", "where", "why", "how"}
ROLE_ADJECTIVES = {"same", "senior", "former", "top", "other", "two", "three", "chief", "spokesman's"}
