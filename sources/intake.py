"""Turning submitted bytes, text or HTML into clean article text (no database access)."""
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings

from core.errors import ServiceError

_SPACE = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
MIN_HTML_WORDS = 12  # less than this from a page is navigation or a stub, not an article
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class IngestError(ServiceError, ValueError):
    """Input that cannot become an article; the message says why, for a 400 or a failed status."""


def max_chars() -> int:
    return getattr(settings, "BRIEFWIKI_MAX_ARTICLE_CHARS", 500_000)


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Bytes to text: the declared charset, else UTF-8 (with BOM), else refuse clearly."""
    if b"\x00" in data[:8192]:
        raise IngestError("The input looks binary (it contains NUL bytes), not text or HTML.")
    for encoding in filter(None, [declared, "utf-8-sig"]):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise IngestError("The input is not valid UTF-8 and declares no charset that decodes it.")


def clean_text(text: str) -> str:
    """Normalise Unicode and white space; refuse binary-looking, empty or oversized text."""
    if "\x00" in text:
        raise IngestError("The text contains NUL bytes: it looks binary.")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise IngestError("The text is mostly control characters: it looks binary.")
    text = _CONTROL.sub("", text)
    lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    if not text:
        raise IngestError("The article has no text.")
    if len(text) > max_chars():
        raise IngestError(f"The article is too long ({len(text):,} characters; the limit is {max_chars():,}).")
    _refuse_repeats(text)
    return text


REPEAT_MIN_CHARS = 40     # shorter lines ("Advertisement", "Photo: AP") may well repeat
REPEAT_MAX_SHARE = 0.2    # repeated paragraphs making more of the text than this are a pasting error,
REPEAT_MAX_COPIES = 2     # once there are more copies than this (a pull quote repeats once or twice)


def _refuse_repeats(text: str) -> None:
    """Refuse a text whose paragraphs come again and again (the same paragraph pasted many
    times): the pipeline would make a claim and a suggestion of every copy."""
    seen: set[str] = set()
    repeated = copies = 0
    for line in text.split("\n"):
        if len(line) < REPEAT_MIN_CHARS:
            continue
        key = " ".join(line.casefold().split())
        if key in seen:
            repeated += len(line)
            copies += 1
        seen.add(key)
    if copies > REPEAT_MAX_COPIES and repeated > REPEAT_MAX_SHARE * len(text):
        raise IngestError(
            f"The same paragraphs come again and again ({copies:,} repeated, {repeated / len(text):.0%} of the "
            "text): paste the article once.")


def content_hash(text: str) -> str:
    """Key for "the same article": case and white space do not make a text new."""
    folded = " ".join(text.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass
class Extracted:
    text: str
    title: str = ""
    byline: str = ""
    published: date | None = None


def html_to_text(html: str) -> Extracted:
    """Main text and metadata of an article page, with trafilatura."""
    import trafilatura  # imported here: it is slow to import and only intake needs it

    if len(html) > max_chars() * 4:
        raise IngestError(f"The HTML is too large ({len(html):,} characters).")
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None or len((doc.text or "").split()) < MIN_HTML_WORDS:
        raise IngestError("No article text could be found in the HTML.")
    text = doc.text
    title = (doc.title or "").strip()
    # trafilatura keeps the headline as the first line; the title field already holds it.
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1:]
    published = None
    if doc.date:
        try:
            published = datetime.strptime(doc.date[:10], "%Y-%m-%d").date()
        except ValueError:
            published = None
    return Extracted(text=clean_text(text), title=title[:500], byline=(doc.author or "")[:300], published=published)
