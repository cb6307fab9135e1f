"""Search across briefings, claims (with the outlet and date that first reported them), articles,
actors (with their aliases) and regions.

On PostgreSQL: full-text search (``websearch_to_tsquery`` with the English configuration),
ranked with ``ts_rank`` over weighted vectors, snippets from ``ts_headline``. Elsewhere (the
embedded SQLite default) a plain case-insensitive match on every word, with a naive snippet.

Every section starts from the model's ``visible_to(user)``, so search shows nothing a page
would refuse. Vectors are computed at query time: a briefing's text lives in its revision rows
and an entry's names in its alias rows, so a stored or indexed vector would have to be kept in
step with several tables; at the wiki's size (thousands of rows) the sequential scan is cheap.

Snippets mark matches with private-use characters; the text around them is escaped before the
markers become ``<mark>``, so nothing from the database is ever trusted as HTML. A briefing's
markup (wiki links, citation markers) is shown as the words a reader sees.
"""
import re
from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from actors.models import Actor, Alias, Region
from briefings.markup import plain_text
from briefings.models import Briefing
from claims.models import Citation, Claim
from core.roles import can_edit
from sources.models import Article

CONFIG = "english"
LIMIT = 10  # per section
SECTIONS = ("briefings", "claims", "articles", "actors", "regions")
START, STOP = "\ue000", "\ue001"
SNIPPET_CHARS = 90


@dataclass
class Hit:
    title: str
    url: str
    snippet: SafeString
    kind: str = ""
    rank: float = 0.0


@dataclass
class Section:
    name: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False  # more matches than shown


def search(user, q: str, *, limit: int = LIMIT, full_text: bool | None = None) -> list[Section]:
    """The best ``limit`` matches per section that ``user`` may see, best first."""
    finder = finder_for(user, q, full_text=full_text)
    if finder is None:
        return [Section(name) for name in SECTIONS]
    sections = []
    for name in SECTIONS:
        rows = list(finder.matches(name)[: limit + 1])
        sections.append(Section(name, finder.hits(name, rows[:limit]), more=len(rows) > limit))
    return sections


def finder_for(user, q: str, *, full_text: bool | None = None) -> "_FullText | _Plain | None":
    """What searches for ``q`` on behalf of ``user``: ``matches(section)`` gives the ranked
    queryset (to slice or paginate), ``hits(section, rows)`` turns rows into results."""
    q = " ".join(q.replace("\x00", " ").split())[:200]  # PostgreSQL takes no NUL in text
    if not q or not user.is_authenticated:
        return None
    if full_text is None:
        full_text = connection.vendor == "postgresql"
    return _FullText(user, q) if full_text else _Plain(user, q)


class _Finder:
    user = None

    def matches(self, section: str):
        if section not in SECTIONS:
            raise ValueError(f"Unknown search section {section!r}.")
        return getattr(self, section)()

    def hits(self, section: str, rows) -> list[Hit]:
        return [self.hit(section, row) for row in rows]


def snippet_plain(marked: str) -> str:
    """``marked`` without wiki markup, piece by piece: a snippet joins fragments with "…", and
    each may start or stop inside a link or a citation marker."""
    marked = re.sub(f"\\[\\^{START}(c\\d{{1,18}}){STOP}\\]", r"[^\1]", marked)  # a highlighted "c12"
    return "…".join(plain_text(piece) for piece in marked.split("…")).strip()


def render_snippet(marked: str) -> SafeString:
    """Escape ``marked`` and turn its match markers into ``<mark>`` elements."""
    html = escape(snippet_plain(marked).strip(" —·.")).replace(START, "<mark>").replace(STOP, "</mark>")
    # ts_headline never leaves a marker open, the naive snippet neither; be safe anyway.
    if html.count("<mark>") != html.count("</mark>"):
        html = html.replace("<mark>", "").replace("</mark>", "")
    return mark_safe(html)


def _briefing_body(user):
    # Editors search the latest draft; readers the published text only.
    if can_edit(user):
        return Coalesce("draft_revision__body", "published_revision__body", Value(""), output_field=TextField())
    return Coalesce("published_revision__body", Value(""), output_field=TextField())


def _first_report(claims):
    """``claims`` with the outlet and time of the earliest article citing each (subqueries, so
    a page of hits costs no more queries)."""
    citations = Citation.objects.filter(claim=OuterRef("pk")).order_by(
        Coalesce("article__published_at", "article__created_at"), "pk"
    )
    return claims.annotate(
        reported_by=Subquery(citations.values("article__outlet__name")[:1]),
        reported_at=Subquery(citations.annotate(
            at=Coalesce("article__published_at", "article__created_at")).values("at")[:1]),
    )


def _articles(user):
    return Article.objects.visible_to(user).select_related("outlet").defer("html")


def _alias_names(target: str):
    """All of an entry's alias names in one string (a subquery, so no join multiplies rows)."""
    names = (
        Alias.objects.filter(**{target: OuterRef("pk")})
        .order_by()
        .values(target)
        .annotate(names=StringAgg("name", delimiter=" · "))
        .values("names")
    )
    return Coalesce(Subquery(names, output_field=TextField()), Value(""), output_field=TextField())


class _FullText(_Finder):
    def __init__(self, user, q: str):
        self.user = user
        self.query = SearchQuery(q, search_type="websearch", config=CONFIG)

    def _ranked(self, queryset, vector, snippet_source):
        headline = SearchHeadline(
            snippet_source, self.query, config=CONFIG, start_sel=START, stop_sel=STOP,
            max_words=30, min_words=12, max_fragments=2, fragment_delimiter=" … ",
        )
        return (
            queryset.annotate(search=vector)
            .filter(search=self.query)
            .annotate(rank=SearchRank(F("search"), self.query), snippet=headline)
        )

    def briefings(self):
        body = _briefing_body(self.user)
        vector = (
            SearchVector("title", weight="A", config=CONFIG)
            + SearchVector("summary", weight="B", config=CONFIG)
            + SearchVector(body, weight="C", config=CONFIG)
        )
        source = Concat("summary", Value(" "), body, output_field=TextField())
        briefings = Briefing.objects.visible_to(self.user).only("title", "slug")
        return self._ranked(briefings, vector, source).order_by("-rank", "title", "pk")

    def claims(self):
        vector = SearchVector("text", weight="A", config=CONFIG) + SearchVector(
            "speaker__name", "speaker_text", weight="B", config=CONFIG
        )
        claims = _first_report(Claim.objects.visible_to(self.user).select_related("speaker"))
        return self._ranked(claims, vector, "text").order_by("-rank", "-created_at", "-pk")

    def articles(self):
        vector = SearchVector("title", weight="A", config=CONFIG) + SearchVector("text", weight="C", config=CONFIG)
        articles = _articles(self.user).defer("text")
        return self._ranked(articles, vector, "text").order_by("-rank", "-created_at", "-pk")

    def _catalogue(self, model, target: str):
        aliases = _alias_names(target)
        vector = (
            SearchVector("name", weight="A", config=CONFIG)
            + SearchVector(aliases, weight="A", config=CONFIG)
            + SearchVector("description", weight="C", config=CONFIG)
        )
        source = Concat(aliases, Value(" — "), "description", output_field=TextField())
        entries = model.objects.visible_to(self.user)
        return self._ranked(entries, vector, source).order_by("-rank", "name", "pk")

    def actors(self):
        return self._catalogue(Actor, "actor")

    def regions(self):
        return self._catalogue(Region, "region")

    def hit(self, section: str, row) -> Hit:
        return _hit(section, row, row.snippet, getattr(row, "rank", 0.0))


class _Plain(_Finder):
    """The SQLite fallback: every word must appear (case-insensitively) in one of the fields."""

    def __init__(self, user, q: str):
        self.user = user
        self.words = [w for w in (word.strip("\"'+-") for word in q.split()) if w][:8]

    def _matching(self, queryset, fields: list[str]):
        if not self.words:
            return queryset.none()
        for word in self.words:
            any_field = Q()
            for name in fields:
                any_field |= Q(**{f"{name}__icontains": word})
            queryset = queryset.filter(any_field)
        return queryset

    def briefings(self):
        body = "draft_revision__body" if can_edit(self.user) else "published_revision__body"
        briefings = Briefing.objects.visible_to(self.user).select_related("draft_revision", "published_revision")
        return self._matching(briefings, ["title", "summary", body]).order_by("title", "pk")

    def claims(self):
        claims = _first_report(Claim.objects.visible_to(self.user).select_related("speaker"))
        return self._matching(claims, ["text", "speaker_text", "speaker__name"]).order_by("-created_at", "-pk")

    def articles(self):
        return self._matching(_articles(self.user), ["title", "text"]).order_by("-created_at", "-pk")

    def _catalogue(self, model):
        entries = model.objects.visible_to(self.user).prefetch_related("aliases")
        matching = self._matching(entries, ["name", "description", "aliases__name"])
        return matching.distinct().order_by("name", "pk")

    def actors(self):
        return self._catalogue(Actor)

    def regions(self):
        return self._catalogue(Region)

    def hit(self, section: str, row) -> Hit:
        if section == "briefings":
            revision = row.draft_revision if can_edit(self.user) else row.published_revision
            source = f"{row.summary} {revision.body if revision else ''}"
        elif section in ("claims", "articles"):
            source = row.text
        else:
            row.alias_names = " · ".join(a.name for a in row.aliases.all())
            source = f"{row.alias_names} — {row.description}"
        return _hit(section, row, naive_snippet(source, self.words))


def naive_snippet(text: str, words: list[str], width: int = SNIPPET_CHARS) -> str:
    """A window of ``text`` around the first matched word, every match marked."""
    text = " ".join(text.split())
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - width // 2) if first else 0
    window = text[start : start + width * 2]
    window = ("…" if start else "") + window + ("…" if start + width * 2 < len(text) else "")
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", window) if pattern else window


def _where_when(outlet: str | None, at) -> str:
    """ "AFP, 27 Jun 2018": where and when an article was published, as far as known."""
    when = date_format(timezone.localtime(at), "j M Y") if at else ""
    return ", ".join(part for part in (outlet, when) if part)


def _hit(section: str, row, marked: str, rank: float = 0.0) -> Hit:
    if section == "claims":
        who = row.speaker.name if row.speaker_id else row.speaker_text
        title = f"Claim by {who}" if who else "Unattributed claim"
        kind = " · ".join(part for part in (row.get_status_display(), _where_when(row.reported_by, row.reported_at))
                          if part)
        return Hit(title, row.get_absolute_url(), render_snippet(marked), kind=kind, rank=rank)
    if section == "articles":
        where = _where_when(row.outlet.name if row.outlet_id else None, row.published_at)
        return Hit(str(row), row.get_absolute_url(), render_snippet(marked), kind=where, rank=rank)
    if section == "briefings":
        return Hit(row.title, row.get_absolute_url(), render_snippet(marked), rank=rank)
    return Hit(row.name, row.get_absolute_url(), render_snippet(marked), kind=row.get_kind_display(), rank=rank)
