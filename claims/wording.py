"""How a claim is put into words: the one place every surface (suggestions, footnotes, the claim
page, actor and region lists, digests) takes its sentence from.

The rules, because "who said what" is the product:

- quotation marks only around verbatim words (``quoted``); anything else is reported speech
  ("Barzani said Kurds would not leave Kirkuk."), never a quote the speaker did not say;
- a denial reads as a denial ("The spokeswoman denied that Tehran was choosing ...");
- a nested report keeps its layers: "Sources told AP that Rouhani believes ...", never
  "Rouhani said";
- an unnamed speaker's description is kept whole ("a senior adviser to Prime Minister Nouri
  al-Maliki told Reuters ...").
"""
import re

from .models import Claim

DISCOURSE = re.compile(r"^(however|meanwhile|but|and|also|still|yet|moreover|nevertheless)\b,?\s*", re.IGNORECASE)
QUOTE_MARKS = "\"“”'‘’"
# A claim the article states without naming anyone ("It was reported that …", "He is expected
# to …"): said as such, never given a speaker it does not have.
UNATTRIBUTED = "No source named"


def speaker_label(claim: Claim) -> str:
    """Who says it: the catalogue's name, else the article's description kept whole."""
    if claim.speaker_id:
        return claim.speaker.name
    return claim.speaker_text.strip() or UNATTRIBUTED


def holder_label(claim: Claim) -> str:
    """Whose belief a nested report carries, or "" when the speaker speaks for themself."""
    if claim.holder_id:
        return claim.holder.name
    return claim.holder_text.strip()


def relay_label(claim: Claim) -> str:
    """The outlet relaying the claim, unless it is the speaker itself."""
    if not claim.relayed_by_id:
        return ""
    if claim.speaker_id and claim.relayed_by.actor_id == claim.speaker_id:
        return ""
    return claim.relayed_by.name


def proposition(claim: Claim) -> str:
    """The claim's text without a leading discourse word, final stop or stray quotation marks."""
    text = DISCOURSE.sub("", claim.text.strip()).strip().strip(QUOTE_MARKS).strip().rstrip(".").strip()
    return text.strip(QUOTE_MARKS).strip()


def capitalised(words: str) -> str:
    return words[:1].upper() + words[1:]


def _when(claim: Claim) -> str:
    if claim.event_date and claim.event_date_precision == Claim.Precision.DAY:
        return f" ({claim.event_date:%-d %B %Y})"
    return ""


# Cues that report speech: "said" renders them faithfully. Any other cue ("support", "are
# afraid", "has been critical of") frames a stance, and the sentence keeps the article's words.
REPORTING = frozenset({
    "say", "says", "said", "saying", "tell", "tells", "told", "according", "report", "reports", "reported",
    "state", "states", "stated", "add", "adds", "added", "note", "notes", "noted", "announce", "announces",
    "announced", "write", "writes", "wrote", "claim", "claims", "claimed", "explain", "explains", "explained",
    "comment", "comments", "commented", "remark", "remarked", "reply", "replied", "respond", "responded",
    "confirm", "confirms", "confirmed", "in", "statement", "quoted", "quotes", "quote",
})


TELLING = frozenset({"tell", "tells", "told", "telling"})


def _cue_words(cue: str) -> list[str]:
    return [w.strip(",.:;\"'").lower() for w in cue.split()]


def relay_told(cue: str, relayed: bool) -> bool:
    """Whether a relayed claim's speaker told the outlet ("Sources told the AP that …"), rather
    than the outlet reporting what the speaker said ("…, Sistani said, the AP reported")."""
    return relayed and any(w in TELLING for w in _cue_words(cue))


def framing(cue: str, text: str = "") -> str:
    """The words to say a claim with instead of "said", from the cue the article uses: "" for a
    cue that reports speech; the cue itself (a stance: "are afraid", "has been critical of")
    otherwise, and whenever the claim's ``text`` is an infinitive ("claimed to have killed
    …", "said to be …"), which "said" would turn into hearsay."""
    words = cue.split()
    if not words:
        return ""
    if text.lstrip().lower().startswith("to "):
        return " ".join(words)
    if any(w in REPORTING for w in _cue_words(cue)):
        return ""
    return " ".join(words)


def claim_sentence(claim: Claim) -> str:
    """The claim attributed in one sentence, by the rules above."""
    who, holder, relay = capitalised(speaker_label(claim)), holder_label(claim), relay_label(claim)
    what, when = proposition(claim), _when(claim)
    denied = claim.polarity == Claim.Polarity.DENIED
    if not claim.speaker_id and not claim.speaker_text.strip():
        said = "denied that " if denied else (f"{claim.framing} " if claim.framing else "")
        return f"{UNATTRIBUTED}{f' ({relay})' if relay else ''}: {said}{what}{when}."
    told = bool(relay) and claim.relay_told
    # An outlet the speaker did not tell relays the claim: "…, according to AP", never "told AP".
    according = f", according to {relay}" if relay and not told else ""
    if holder:
        # A belief reported by someone else is never the holder's own words: no quotation marks.
        belief = f"{holder} does not believe {what}" if denied else f"{holder} believes {what}"
        verb = f"told {relay} that" if told else "said"
        return f"{who} {verb} {belief}{according}{when}."
    if denied:
        # The text is the proposition denied, not the speaker's words: reported, never quoted.
        return f"{who} denied that {what}{', according to ' + relay if relay else ''}{when}."
    if claim.quoted:
        verb = f"told {relay}" if told else "said"
        return f"{who} {verb}{when}{according}: “{what}.”"
    if told:
        return f"{who} told {relay} that {what}{when}."
    if relay:
        return f"{who} said {what}{according}{when}."
    if claim.framing:
        # A stance in the article's own words: "The senator has been critical of the governor."
        return f"{who} {claim.framing} {what}{when}."
    return f"{who} said {what}{when}."


def unsure_note(claim: Claim) -> str:
    """What an editor should check when the extractor was unsure, or ""."""
    return "unsure: check the speaker" if claim.unsure else ""
