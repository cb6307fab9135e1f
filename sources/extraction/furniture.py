"""Page furniture in pasted or fetched text: the parts of a web page that are not the story.

Photo credits ("Image via AP/Bram Janssen", "Photograph: Ahmad al-Rubaye/AFP"), site notices
("This story is over 5 years old", "Advertisement", "Last modified on ..."), headlines set in
Title Case ("Baghdad Rejects Kurdish Vote As Tensions Rise") and page titles ("Headline | World
news | Site"). Names found there are mostly photographers, agencies and fragments of headlines,
so the pipeline proposes none of them as candidates (names already in the catalogue still link).
"""
import re

# A credit runs from its marker to the end of its line: "... near Kirkuk. Photograph: X/AFP".
CREDIT = re.compile(
    r"(?:\b(?:(?:file\s+)?photo(?:graph)?s?|images?|pictures?|pics?|videos?|footage|illustrations?|graphics?)"
    r"(?:\s+credits?)?\s*(?::|\bby\b|\bvia\b|\bcourtesy\b|©)|\bcredits?\s*:|©)",
    re.IGNORECASE,
)
# Notices a site prints around a story; they are furniture only on a short line of their own.
NOTICE = re.compile(
    r"^\W*(?:this\s+(?:story|article|page|content)\s+is\s+(?:over|more\s+than)\s+\w+\s+(?:years?|months?)\s+old"
    r"|advertisement|sponsored(?:\s+content)?|skip\s+to\s+(?:main\s+)?content|read\s+more|share\s+(?:this|on)\b"
    r"|sign\s+up|subscribe|follow\s+us|most\s+(?:read|popular|viewed)|related(?:\s+(?:articles?|stories|coverage))?\s*:"
    r"|recommended|more\s+on\s+this\s+story|(?:(?:first\s+)?published|updated)\s*(?::|on\b|at\b|\d)|last\s+(?:modified|updated)"
    r"|all\s+rights\s+reserved|copyright\b)",
    re.IGNORECASE,
)
NOTICE_MAX_WORDS = 16
CREDIT_MAX_WORDS = 12
# A headline: a short line, no closing full stop, most of its words capitalised.
HEADLINE_MIN_WORDS, HEADLINE_MAX_WORDS = 4, 20
SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with",
               "from", "into", "over", "after", "amid"}
WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def is_headline(line: str) -> bool:
    """A line in Title Case: at least four words, most of them (small words aside) capitalised,
    and no sentence ending."""
    line = line.strip()
    if line.endswith((".", "!", "?", ":", ";", ",", "\"", "”")):
        return False
    words = WORD.findall(line)
    if not HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS:
        return False
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper())
    # "Kurdish President Masoud Barzani" is all capitals too: a headline needs a capitalised
    # word that is not a name's, which a short run of capitals cannot tell apart; ask for more words.
    return len(content) >= HEADLINE_MIN_WORDS and capitalised >= 0.8 * len(content)


def is_page_title(line: str) -> bool:
    """A browser title pasted with the story: "Headline | Section | Site", short, no sentence."""
    line = line.strip()
    return line.count(" | ") >= 2 and len(line.split()) <= HEADLINE_MAX_WORDS and not line.endswith((".", "!", "?"))


def _is_credit(line: str, at: int) -> bool:
    """A credit marker opens its line, a bracket or follows a sentence ("... Kirkuk. Photo: X"),
    and what follows it is short: "a video by Islamic State showed ..." is prose."""
    before = line[:at].rstrip()
    return (not before or before.endswith((".", "!", "?", "(", "[", "|", "–", "—", "\"", "”"))) and \
        len(line[at:].split()) <= CREDIT_MAX_WORDS


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """The [start, end) character spans of ``text`` that are page furniture, in order."""
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        start, end = offset, offset + len(line.rstrip("\r\n"))
        offset += len(line)
        body = text[start:end]
        if not body.strip():
            continue
        short = len(body.split()) <= NOTICE_MAX_WORDS
        if (short and NOTICE.match(body)) or is_headline(body) or is_page_title(body):
            spans.append((start, end))
            continue
        for credit in CREDIT.finditer(body):
            if _is_credit(body, credit.start()):
                spans.append((start + credit.start(), end))
                break
    return spans


def in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``spans``."""
    return any(s < end and start < e for s, e in spans)
