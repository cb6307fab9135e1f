"""An article's text as HTML with its mentions marked and linked, built safely.

Every piece of article text is escaped; only the markup built here is trusted. Spans that
overlap an earlier one, or do not fit the text, are skipped rather than trusted.
"""
from collections.abc import Callable, Iterable

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


def mentions_html(text: str, mentions: Iterable, link: Callable[[object], str | None]) -> SafeString:
    """``text`` as paragraphs with each mention in a ``<mark>``, linked where ``link(mention)``
    gives an address (an actor or region page the visitor may open)."""
    spans = sorted((m for m in mentions if 0 <= m.start < m.end <= len(text)), key=lambda m: (m.start, m.end))
    out, cursor = [], 0
    for mention in spans:
        if mention.start < cursor:
            continue  # overlaps the previous span
        out.append(_plain(text[cursor : mention.start]))
        words = text[mention.start : mention.end]
        href = link(mention)
        if href:
            html = format_html(
                '<a class="mention" id="mention-{}" href="{}"><mark>{}</mark></a>', mention.pk, href, _plain(words)
            )
        else:
            html = format_html('<mark class="mention unlinked" id="mention-{}">{}</mark>', mention.pk, _plain(words))
        out.append(html)
        cursor = mention.end
    out.append(_plain(text[cursor:]))
    body = "".join(out)
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    return mark_safe("".join(f"<p>{p.strip()}</p>" for p in paragraphs))


def _plain(segment: str) -> SafeString:
    # Escaped, with single newlines kept as line breaks; blank lines split paragraphs later.
    parts = segment.replace("\r\n", "\n").split("\n\n")
    return mark_safe("\n\n".join(escape(part).replace("\n", "<br>") for part in parts))
