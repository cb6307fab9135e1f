"""Briefing Markdown to safe HTML: markdown-it-py renders, nh3 sanitises.

Citation markers ``[^c123]`` become superscript links to the claim; ``[[Title]]`` wiki links
stay as their text here (the page templates may link them). Raw HTML in the source is never
trusted: it is escaped by the renderer and anything unsafe is stripped by nh3 as well.
"""
import html

import nh3
from django.urls import reverse
from markdown_it import MarkdownIt

from .citations import CITE

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").enable("strikethrough")

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "sup", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "sup": {"class"}, "th": {"align"}, "td": {"align"}}


def render_markdown(body: str, *, claims: dict | None = None) -> str:
    """Sanitised HTML for a briefing body; ``claims`` (id -> Claim) may title the citation links."""

    def cite(match) -> str:
        claim_id = int(match.group(1))
        title = ""
        if claims and claim_id in claims:
            title = f' title="{html.escape(str(claims[claim_id])[:200])}"'
        href = reverse("claims:detail", kwargs={"pk": claim_id})
        return f'<sup class="cite"><a href="{href}"{title}>[c{claim_id}]</a></sup>'

    rendered = _md.render(body or "")
    # Markers survive markdown rendering as literal text ("[^c12]"), so replace them after.
    rendered = CITE.sub(cite, rendered)
    return nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener nofollow")
