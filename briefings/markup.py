"""Briefing markup: its two patterns, what they extract, and the one renderer to safe HTML.

A briefing body is CommonMark (with tables and strikethrough) plus two kinds of mark-up:

- ``[^c123]`` cites claim 123 (``CITE``). The page renders each marker as a numbered footnote
  giving the claim's citations; digests compare the claims two revisions cite.
- ``[[Title]]`` or ``[[Title|label]]`` links to the briefing called Title (``WIKI_LINK``): blue
  when it exists, to a catalogue entry of that name otherwise, and red (to its creation) when
  neither does. Titles are compared after ``title_normalise``, by extraction and renderer alike.

``render_body`` is the only renderer: markdown-it-py renders with raw HTML off (so HTML in the source
is escaped), the markers and links are replaced in the text runs of its output (never inside
code), and nh3 sanitises the result against the one allow-list below. The database lookups it
needs (claims, pages, catalogue entries) are made by its callers (``briefings.page.render_for``).
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlencode

import nh3
from django.urls import reverse
from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from claims.models import Claim

    from .models import Briefing

# A citation marker: group 1 is the claim id. At most 18 digits, so every id fits a bigint:
# a longer number is plain text, not a citation the database would refuse to look up.
CITE = re.compile(r"\[\^c(\d{1,18})\]")
# A wiki link: group 1 is the title, group 2 the optional label. No newline or bracket inside,
# so a link never spans lines or nests.
WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]*))?\]\]")
# Both, for the renderer's single pass over a text run: groups 1 (claim id), 2 (title), 3 (label).
_INLINE = re.compile(f"{CITE.pattern}|{WIKI_LINK.pattern}")

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "sup", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "sup": {"class", "id"},
    "th": {"align"},
    "td": {"align"},
}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").enable("strikethrough")
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z0-9]+)")


def cite_marker(claim_id: int) -> str:
    """The marker that cites a claim."""
    return f"[^c{claim_id}]"


def cited_claim_ids(body: str) -> list[int]:
    """The claim ids a body cites, distinct, in order of first appearance."""
    return list(dict.fromkeys(int(m.group(1)) for m in CITE.finditer(body or "")))


# The ends of a link or marker that a cut (a search snippet's fragment) left behind.
_LINK_TAIL = re.compile(r"^(?:[^\[\]|\n]*\|)?([^\[\]|\n]*)\]\]")  # "Governorate|the governorate]]"
_CITE_TAIL = re.compile(r"^\s*\^?c?\d{0,18}\](?!\])")  # "c12]"
_LINK_HEAD = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?$")  # "[[Kirkuk Governorate|the"
_CITE_HEAD = re.compile(r"\[(?:\^c?\d{0,18})?$")  # "[^c1"


def plain_text(text: str) -> str:
    """``text`` as a reader sees it, without markup: a wiki link by its label (or title),
    citation markers dropped, also where ``text`` starts or stops inside one (a cut piece)."""
    text = _LINK_TAIL.sub(r"\1", text, count=1)
    text = _CITE_TAIL.sub("", text, count=1)
    text = _LINK_HEAD.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(1), text, count=1)
    text = _CITE_HEAD.sub("", text, count=1)
    text = CITE.sub("", text)
    return WIKI_LINK.sub(lambda m: m.group(2) if m.group(2) else m.group(1), text)


def title_normalise(text: str) -> str:
    """A wiki link title as pages are looked up by: entities decoded, whitespace collapsed."""
    # Decoded because the renderer sees the title HTML-escaped and the source may hold entities.
    return " ".join(html.unescape(text).split())


def wiki_titles(body: str) -> list[str]:
    """The distinct, normalised ``[[Title]]`` targets of a body, in order of first appearance."""
    titles = (title_normalise(m.group(1)) for m in WIKI_LINK.finditer(body or ""))
    return list(dict.fromkeys(t for t in titles if t))


@dataclass
class Footnote:
    number: int
    claim_id: int
    claim: Claim | None
    refs: list[str] = field(default_factory=list)


@dataclass
class RenderedBody:
    html: str
    footnotes: list[Footnote]
    wiki_titles: list[str]


def _entity_pattern(name: str) -> re.Pattern:
    # Text in rendered HTML is escaped; match the name as it appears there.
    escaped = html.escape(name, quote=True).replace("&#x27;", "'")
    return re.compile(r"(?<![\w-])" + re.escape(escaped) + r"(?![\w-])", re.IGNORECASE)


def _link_entities(text: str, pending: list) -> str:
    """Link the first remaining mention of each subject in a text run; ``pending`` holds
    (pattern, url, name) and loses each entry once it is linked."""
    segments: list[tuple[bool, str]] = [(False, text)]
    for entry in list(pending):
        pattern, url, name = entry
        for i, (is_link, seg) in enumerate(segments):
            if is_link:
                continue
            m = pattern.search(seg)
            if m:
                anchor = f'<a class="entity" href="{html.escape(url)}" title="{html.escape(name)}">{m.group(0)}</a>'
                segments[i : i + 1] = [(False, seg[: m.start()]), (True, anchor), (False, seg[m.end() :])]
                pending.remove(entry)
                break
    return "".join(seg for _, seg in segments)


def render_body(
    body: str,
    *,
    claims: Mapping[int, Claim] | None = None,
    briefings_by_title: Mapping[str, Briefing] | None = None,
    catalogue_by_name: Mapping[str, object] | None = None,
    subjects: Iterable = (),
    citations: Literal["footnotes", "claim-links"] = "footnotes",
) -> RenderedBody:
    """Sanitised HTML for a briefing body, with its footnotes and the wiki titles it links.

    ``claims`` (id -> Claim) title the citation markers; ``citations="claim-links"`` makes each
    marker a link to the claim's page instead of a numbered footnote (for readers without the
    page around it, as in the API). ``briefings_by_title`` and ``catalogue_by_name`` (keyed by
    casefolded title) resolve wiki links; when ``briefings_by_title`` is None nothing was looked
    up and the links stay as written. The first mention of each of ``subjects`` (actors,
    regions) outside headings and links links to its page.
    """
    claims = claims or {}
    catalogue_by_name = catalogue_by_name or {}
    numbers: dict[int, Footnote] = {}
    titles: list[str] = []
    pending = [(_entity_pattern(s.name), s.get_absolute_url(), s.name) for s in sorted(subjects, key=lambda s: -len(s.name))]

    def cite(claim_id: int) -> str:
        note = numbers.get(claim_id)
        if note is None:
            note = numbers[claim_id] = Footnote(len(numbers) + 1, claim_id, claims.get(claim_id))
        title = f' title="{html.escape(note.claim.text[:200])}"' if note.claim else ""
        if citations == "claim-links":
            href = reverse("claims:detail", kwargs={"pk": claim_id})
            return f'<sup class="cite"><a href="{href}"{title}>[c{claim_id}]</a></sup>'
        ref = f"ref-{note.number}-{len(note.refs) + 1}"
        note.refs.append(ref)
        return f'<sup class="cite" id="{ref}"><a href="#fn-{note.number}"{title}>{note.number}</a></sup>'

    def wiki(written: str, title: str, label: str | None) -> str:
        title = title_normalise(title)
        if briefings_by_title is None or not title:
            return written
        text = html.escape(title_normalise(label) if label and label.strip() else title)
        titles.append(title)
        target = briefings_by_title.get(title.casefold())
        if target is not None:
            return f'<a class="wiki" href="{target.get_absolute_url()}">{text}</a>'
        entry = catalogue_by_name.get(title.casefold())
        if entry is not None:
            return f'<a class="entity" href="{entry.get_absolute_url()}">{text}</a>'
        href = f"{reverse('briefings:create')}?{urlencode({'title': title})}"
        return f'<a class="wiki missing" href="{html.escape(href)}" title="No page yet: create it">{text}</a>'

    out: list[str] = []
    in_code = in_link = in_heading = 0
    # Markers and links survive Markdown rendering as literal text, so they are replaced in
    # the text runs between the tags of its output.
    for token in _TAG.split(_md.render(body or "")):
        if token.startswith("<"):
            m = _TAG_NAME.match(token)
            if m:
                step = -1 if m.group(1) else 1
                name = m.group(2).lower()
                if name in ("code", "pre"):
                    in_code += step
                elif name == "a":
                    in_link += step
                elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    in_heading += step
            out.append(token)
            continue
        if in_code:
            out.append(token)
            continue
        pos = 0
        plain = (lambda s: s) if (in_link or in_heading) else (lambda s: _link_entities(s, pending))
        for m in _INLINE.finditer(token):
            out.append(plain(token[pos : m.start()]))
            if m.group(1):
                out.append(cite(int(m.group(1))))
            elif in_link:
                out.append(m.group(0))
            else:
                out.append(wiki(m.group(0), m.group(2), m.group(3)))
            pos = m.end()
        out.append(plain(token[pos:]))
    cleaned = nh3.clean("".join(out), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener nofollow")
    return RenderedBody(cleaned, sorted(numbers.values(), key=lambda n: n.number), list(dict.fromkeys(titles)))
