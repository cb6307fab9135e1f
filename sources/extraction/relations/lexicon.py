"""Word lists the relation rules read: general English stance, control, leadership and membership
words, none taken from a particular text."""

# Verbs whose subject supports their object ("the US supports Iraqi unity", "welcomes the report").
SUPPORT_VERBS = {
    "support", "back", "endorse", "welcome", "praise", "commend", "applaud", "salute", "thank",
    "congratulate", "assist", "aid", "help", "defend", "protect", "champion", "fund", "finance", "arm",
    "train", "equip", "reinforce", "sponsor", "favour", "favor", "ally", "befriend", "reassure",
    "strengthen", "empower", "rescue", "shelter", "embrace", "hail", "reward",
}
# Verbs whose subject opposes their object: stance, sanction, and violence against a party.
OPPOSE_VERBS = {
    "oppose", "condemn", "denounce", "deplore", "decry", "criticise", "criticize", "reject", "fight",
    "combat", "counter", "confront", "defeat", "degrade", "destroy", "attack", "target", "kill", "murder",
    "execute", "assassinate", "massacre", "behead", "bomb", "shell", "strike", "raid", "ambush", "besiege",
    "sanction", "punish", "accuse", "blame", "threaten", "invade", "resist", "battle", "terrorise",
    "terrorize", "persecute", "oppress", "torture", "abduct", "kidnap", "slaughter", "expel", "repel",
    "eliminate", "crush", "disrupt", "dismantle", "undermine", "isolate", "warn", "boycott",
    "vilify", "outlaw", "ban", "designate",
}
# "stand with", "side with": a verb and the preposition that makes it stance.
SUPPORT_VERB_PREPS = {("stand", "with"), ("stand", "by"), ("stand", "behind"), ("side", "with"),
                      ("work", "with"), ("cooperate", "with"), ("ally", "with"), ("partner", "with"),
                      ("align", "with"), ("unite", "with"), ("contribute", "to"), ("commit", "to"),
                      ("vote", "for"), ("call", "for"), ("pray", "for"), ("campaign", "for"),
                      ("fight", "for"), ("stand", "for"), ("argue", "for")}
OPPOSE_VERB_PREPS = {("fight", "against"), ("unite", "against"), ("rise", "against"), ("campaign", "against"),
                     ("vote", "against"), ("act", "against"), ("rebel", "against"), ("protest", "against"),
                     ("struggle", "against"), ("war", "against"), ("work", "against"), ("stand", "against"),
                     ("side", "against"), ("turn", "against"), ("speak", "against"), ("move", "against"),
                     ("retaliate", "against"), ("clash", "with"), ("fight", "with"), ("side", "against")}
# What a holder wants for a party: "X thinks Maliki should stand down" (opposes), "X would like to
# see him remain" (supports), said of a party by the subject of an attitude verb.
ATTITUDE_VERBS = {"think", "believe", "want", "like", "wish", "hope", "prefer", "insist", "urge", "demand", "call",
                  "see", "say", "argue", "press", "push", "ask", "favour", "favor", "expect", "suggest", "tell"}
STAYING_VERBS = {"remain", "stay", "continue", "survive", "keep", "retain"}
# Of those, the ones that take what is kept as object ("keep his post"); others with an object
# are not about staying ("continued the talks").
STAYING_WITH_OBJECT = {"keep", "retain"}
LEAVING_VERBS = {"resign", "quit", "leave", "go", "step", "stand", "withdraw", "abdicate", "retire", "fall", "lose",
                 "oust", "remove", "replace", "topple", "depose", "dismiss", "sack", "overthrow", "unseat"}
# Of those, the ones that mean leaving only with a particle: "step down", "stand aside".
LEAVING_WITH_PARTICLE = {"step", "stand", "go"}
# Verbs whose subject opposes what they take someone "from" ("liberated the town from ISIL control").
RESCUE_VERBS = {"liberate", "free", "rescue", "protect", "defend", "save", "shield", "evacuate", "deliver",
                "release", "drive", "push", "expel", "oust", "clear", "purge"}
# Nouns whose holder supports their complement ("support for Iraq", "solidarity with the people").
SUPPORT_NOUNS = {
    "support", "backing", "assistance", "aid", "help", "solidarity", "commitment", "alliance", "ally",
    "partner", "partnership", "cooperation", "co-operation", "endorsement", "praise", "sympathy",
    "friendship", "contribution", "funding", "protection", "defence", "defense", "loyalty", "allegiance",
    "training", "reinforcement", "welcome", "tribute", "gratitude", "admiration", "congratulations",
}
# People by their stance: "X, a supporter of Y", "a critic of Y": "of" names whom, always.
SUPPORTER_NOUNS = {"supporter", "backer", "ally", "friend", "champion", "defender", "admirer", "loyalist",
                   "proponent", "advocate"}
OPPONENT_NOUNS = {"opponent", "critic", "enemy", "foe", "adversary", "detractor"}
# Nouns whose holder opposes their complement ("condemnation of Assad's policies", "war on terror").
OPPOSE_NOUNS = {
    "condemnation", "opposition", "fight", "war", "campaign", "struggle", "battle", "offensive", "assault",
    "attack", "strike", "airstrike", "raid", "sanction", "pressure", "hostility", "aggression", "resistance",
    "defeat", "destruction", "criticism", "boycott", "siege", "bombardment", "bombing", "killing", "murder",
    "execution", "massacre", "persecution", "crackdown", "insurgency", "rebellion", "uprising", "operation",
    "threat", "denunciation", "rejection", "action", "effort", "efforts", "counter",
}
# Nouns needing a preposition that makes them stance: "efforts against", "action against".
WEAK_OPPOSE_NOUNS = {"operation", "action", "effort", "efforts", "campaign", "pressure", "threat", "counter"}
# Nouns that name a harm someone does: their possessor or "by" agent opposes their "on/against" target.
HARM_NOUNS = {"attack", "strike", "airstrike", "raid", "assault", "bombing", "bombardment", "killing", "murder",
              "execution", "massacre", "persecution", "crackdown", "siege", "abduction", "kidnapping", "shelling",
              "terror", "terrorism", "violence", "atrocity", "atrocities", "crime", "crimes", "aggression", "abuse"}
# Words that judge a party: the one who uses them of a party opposes it ("the vile organisation",
# "Assad's brutal regime", "ISIL's savagery", "appalled by").
CONDEMNING_ADJECTIVES = {
    "vile", "brutal", "barbaric", "barbarous", "evil", "murderous", "cruel", "heinous", "despicable", "savage",
    "abhorrent", "appalling", "horrific", "horrendous", "monstrous", "depraved", "criminal", "illegitimate",
    "terrorist", "genocidal", "bloodthirsty", "ruthless", "sadistic", "repressive", "tyrannical",
    "cowardly", "senseless", "inhumane", "wicked", "hateful", "extremist", "violent", "ugly",
}
CONDEMNING_NOUNS = {
    "savagery", "barbarity", "barbarism", "brutality", "depravity", "inhumanity", "cruelty", "evil", "tyranny",
    "atrocity", "atrocities", "terror", "terrorism", "crimes", "crime", "violence", "aggression", "propaganda",
    "hands", "repression", "oppression", "horror", "horrors", "outrage", "bloodshed",
}
CONDEMNING_STATES = {"appalled", "horrified", "outraged", "disgusted", "sickened", "shocked", "saddened",
                     "concerned", "alarmed", "dismayed", "deplored"}
# "We are proud of", "grateful to": a state of the holder that supports its complement.
SUPPORTING_STATES = {"proud", "grateful", "thankful", "committed", "loyal", "faithful", "steadfast", "pleased",
                     "delighted", "dedicated", "devoted", "supportive", "sympathetic", "friendly"}
# Verbs and nouns that turn stance around when they govern it ("ending support for X").
REVERSING_WORDS = {"end", "stop", "withdraw", "cut", "halt", "suspend", "abandon", "drop", "lose", "waver", "cease",
                   "quit"}

# Control of a place: the subject (or "by" agent, or possessor) holds the object.
CONTROL_VERBS = {"control", "hold", "seize", "capture", "take", "occupy", "overrun", "retake", "recapture",
                 "liberate", "conquer", "storm", "secure", "free", "clear", "reclaim", "defend", "garrison",
                 "govern", "administer", "run", "keep", "maintain", "relinquish", "lose", "surrender",
                 "abandon", "cede", "regain", "besiege", "encircle", "annex", "grab", "fill"}
# Of those, the ones whose subject no longer holds the place after (kept with polarity "ended").
CONTROL_LOST = {"lose", "surrender", "abandon", "cede", "relinquish"}
# Verbs through which a control noun is had: "took control of", "would not relinquish power over";
# "supported the liberation of" says nothing of who liberates.
CONTROL_HAVING_VERBS = {"take", "seize", "gain", "claim", "have", "maintain", "regain", "keep", "retain", "lose",
                        "relinquish", "give", "hand", "exercise", "establish", "assume", "extend", "consolidate",
                        "hold", "wrest", "cede", "surrender", "abandon", "share", "win", "tighten", "secure"}
# Words before a title that say it is no longer held: "the former leader of".
FORMER = {"former", "ex", "late", "erstwhile", "onetime", "one-time", "previous", "outgoing", "deposed", "ousted"}
CONTROL_NOUNS = {"control", "capture", "seizure", "takeover", "retaking", "re-taking", "recapture", "liberation",
                 "occupation", "hold", "grip", "power", "conquest", "fall", "possession", "annexation",
                 "rule", "authority", "sovereignty"}
# Preposition after a control noun that names the place ("control of", "power over", "fall of").
CONTROL_NOUN_PREPS = {"of", "over"}
# "X-held Y", "X-controlled Y".
CONTROL_PARTICIPLES = {"held", "controlled", "occupied", "run", "dominated", "besieged", "captured", "seized"}

# Heading an organisation: "X, leader of Y", "Y, led by X", "X heads Y".
LEAD_VERBS = {"lead", "head", "run", "command", "chair", "direct", "govern", "rule", "control", "manage",
              "oversee", "found", "establish", "create", "preside"}
LEAD_NOUNS = {"leader", "head", "chief", "president", "chairman", "chairwoman", "chair", "commander",
              "founder", "director", "premier", "ruler", "king", "emir", "prime", "minister", "secretary",
              "governor", "mayor", "chancellor", "spokesman", "spokeswoman", "general", "caliph"}
# Of those, the ones that head what they are "of" (a spokesman or minister is a member, not its head).
HEADING_NOUNS = {"leader", "head", "chief", "president", "chairman", "chairwoman", "chair", "commander",
                 "founder", "director", "premier", "ruler", "king", "emir", "governor", "mayor", "chancellor",
                 "caliph"}

# Belonging: "X, a member of Y", "X joined Y", "X, as part of Y".
MEMBER_VERBS = {"join", "belong", "enlist", "affiliate", "integrate", "rejoin", "represent"}
MEMBER_NOUNS = {"member", "members", "part", "affiliate", "branch", "faction", "unit", "wing", "arm",
                "division", "brigade", "battalion", "officer", "officers", "official", "officials", "soldier",
                "soldiers", "fighter", "fighters", "spokesman", "spokeswoman", "spokesperson", "minister",
                "lieutenant", "captain", "colonel", "sergeant", "major", "agent", "operative", "envoy",
                "ambassador", "representative", "delegate", "employee", "staff", "militant", "militants",
                "deputy", "adviser", "advisor", "aide", "sheikh", "volunteer"}
