"""The data bench/pages.py measures: "Kirkuk control" from the seeds, grown to the size the seed
article and the sample articles give it: 54 claims about its subjects with 108 citations from 12
articles of six outlets, three disputes, two corroborations, control facts for its answer panel,
a body citing 40 of the claims, links out (one to a page not written yet) and five briefings
linking back to it.

The same content is also written as one django-wiki article (Markdown footnotes for the
citations, lists for the claims, disputes, timeline and backlinks), so both wikis serve a page
of the same size. All text is the project's own (fictional reports in the sample articles'
manner).
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone

SLUG = "kirkuk-control"
MARKER = "bench/pages: claims and citations"

OUTLETS = ["reuters", "associated-press", "agence-france-presse", "bbc", "al-jazeera", "vice-news"]

# (speaker, cue, quote, subjects): what was said, as the articles quote it.
STATEMENTS = [
    ("masoud-barzani", "said", "Kurdish forces will stay in Kirkuk until the danger to the city has passed",
     ["peshmerga", "kirkuk"]),
    ("masoud-barzani", "told reporters", "the question of Kirkuk has been settled by events on the ground",
     ["kurdistan-regional-government", "kirkuk"]),
    ("kurdistan-regional-government", "said in a statement", "peshmerga units took over positions the army had left",
     ["peshmerga", "iraqi-security-forces", "kirkuk"]),
    ("peshmerga", "said", "its units now hold the districts north and west of Kirkuk",
     ["peshmerga", "kirkuk-governorate"]),
    ("nouri-al-maliki", "said", "no force may change the status of a disputed city by taking advantage of the crisis",
     ["kurdistan-regional-government", "kirkuk"]),
    ("nouri-al-maliki", "warned", "Baghdad would not accept the Kurdish presence in Kirkuk as permanent",
     ["peshmerga", "kirkuk"]),
    ("iraqi-security-forces", "said", "army units withdrew from Kirkuk on orders to regroup further south",
     ["iraqi-security-forces", "kirkuk"]),
    ("iraq", "said", "the federal government still considers Kirkuk part of its administration",
     ["iraq", "kirkuk"]),
    ("isis", "claimed", "its fighters had reached the outskirts of the Kirkuk district of Bashir",
     ["isis", "kirkuk-governorate"]),
    ("isis", "said", "it would not stop at the borders drawn by the governments in Baghdad and Erbil",
     ["isis", "iraqi-kurdistan"]),
    ("human-rights-watch", "reported", "families displaced from villages south of Kirkuk were sheltering in the city",
     ["kirkuk", "isis"]),
    ("united-nations", "said", "thousands of people had fled towards Kirkuk and Erbil within a week",
     ["kirkuk", "iraqi-kurdistan"]),
    ("united-states", "urged", "the leaders in Baghdad and Erbil to settle the status of Kirkuk by agreement",
     ["kurdistan-regional-government", "iraq", "kirkuk"]),
    ("john-kerry", "said", "the unity of Iraq depends on Kurdish leaders staying in the political process",
     ["kurdistan-regional-government", "iraq"]),
    ("turkey", "said", "it was following the situation in Kirkuk closely because of its Turkmen population",
     ["kirkuk"]),
    ("iran", "said", "it supported the territorial integrity of Iraq and opposed any change of borders",
     ["iraq", "iraqi-kurdistan"]),
    ("kurdistan-regional-government", "said",
     "oil from the Kirkuk fields would be exported through the Kurdish pipeline",
     ["kurdistan-regional-government", "kirkuk-governorate"]),
    ("iraq", "said", "any sale of oil from Kirkuk without the federal oil ministry would be illegal",
     ["iraq", "kirkuk-governorate"]),
    ("peshmerga", "reported", "mortar fire from militant positions hit a checkpoint on the road to Tikrit",
     ["peshmerga", "isis", "kirkuk-governorate"]),
    ("ali-al-sistani", "called on", "all Iraqis to defend the country against the militants",
     ["iraq", "isis"]),
    ("masoud-barzani", "said", "the Kurdistan Region would hold a referendum on its future within months",
     ["kurdistan-regional-government", "iraqi-kurdistan"]),
    ("iraqi-parliament", "said", "the new parliament would take up the status of the disputed territories",
     ["iraq", "kirkuk"]),
    ("agence-france-presse", "reported", "shops and government offices in Kirkuk reopened after two days",
     ["kirkuk"]),
    ("reuters", "reported", "Kurdish forces set up new checkpoints on the roads into Kirkuk from the south",
     ["peshmerga", "kirkuk"]),
]

# Pairs of statements (claim text, speaker) that contradict each other.
DISPUTES = [
    (("kurdistan-regional-government", "said", "about 10,000 peshmerga entered Kirkuk and the nearby districts",
      ["peshmerga", "kirkuk"]),
     ("iraq", "said", "no more than 3,000 Kurdish fighters moved into Kirkuk", ["peshmerga", "kirkuk"])),
    (("iraqi-security-forces", "said", "the army left Kirkuk in good order after a decision by its commanders",
      ["iraqi-security-forces", "kirkuk"]),
     ("peshmerga", "said", "army units abandoned their bases around Kirkuk without orders",
      ["iraqi-security-forces", "peshmerga", "kirkuk"])),
    (("peshmerga", "said", "militant shelling killed 12 people in the village of Bashir",
      ["isis", "kirkuk-governorate"]),
     ("isis", "claimed", "four Kurdish fighters were killed in Bashir and no civilians",
      ["isis", "peshmerga", "kirkuk-governorate"])),
]

BACKLINKING = [
    ("Peshmerga deployment", "Where the Kurdish forces stand since June 2014."),
    ("Oil exports from Kirkuk", "Who sells the oil of the Kirkuk fields, and through which pipeline."),
    ("ISIS advance in Salahuddin", "The militants' push south of Kirkuk towards Tikrit and Samarra."),
    ("Disputed territories", "The areas both Baghdad and Erbil claim, Kirkuk first among them."),
]


def _days(n: int) -> date:
    return date(2014, 6, 11 + n % 19)


def seed_pages() -> str:
    """Grow the seeded "Kirkuk control" to the bench size (once; a later run reuses it) and
    return its slug. Django must be set up, the seeds loaded."""
    from django.db import transaction

    from actors.models import Actor, Region
    from briefings.models import Briefing, Revision
    from briefings.services import briefing_create, briefing_publish, briefing_revise
    from claims.models import Citation, Claim, ClaimRelation, Fact
    from sources.models import Article, Outlet

    briefing = Briefing.objects.get(slug=SLUG)
    if Revision.objects.filter(briefing=briefing, note=MARKER).exists():
        return SLUG
    editor, reviewer = _bench_staff()
    actors = {a.slug: a for a in Actor.objects.all()}
    regions = {r.slug: r for r in Region.objects.all()}
    outlets = [Outlet.objects.get(slug=s) for s in OUTLETS]

    with transaction.atomic():
        # Twelve articles, two per outlet; each quotes a share of the statements.
        statements = [(s, False) for s in STATEMENTS] * 2  # each reported twice, a week apart
        pairs = [(d, True) for pair in DISPUTES for d in pair]
        made: list[tuple[Claim, tuple]] = []
        for i, ((speaker, cue, quote, subjects), disputed) in enumerate(statements + pairs):
            later = i >= len(STATEMENTS) and not disputed
            when = _days(i + (7 if later else 0))
            claim = Claim.objects.create(
                text=quote[0].upper() + quote[1:] + ("" if not later else " (repeated)"),
                speaker=actors[speaker], speaker_text=actors[speaker].name,
                relayed_by=outlets[(i + 2) % len(outlets)] if i % 5 == 0 else None,
                event_date=when, event_date_precision="day",
                status="disputed" if disputed else "reported",
                fingerprint=hashlib.sha1(f"{speaker}:{quote}".encode()).hexdigest()[:16],
            )
            claim.actors.set([actors[s] for s in subjects if s in actors])
            claim.regions.set([regions[s] for s in subjects if s in regions])
            made.append((claim, (speaker, cue, quote)))
        articles = []
        for n in range(12):
            outlet = outlets[n % len(outlets)]
            quoted = [(c, s) for k, (c, s) in enumerate(made) if k % 12 == n or (k + 5) % 12 == n]
            parts, spans = [f"KIRKUK, Iraq ({outlet.name}) - "], []
            for claim, (speaker, cue, quote) in quoted:
                name = claim.speaker_text
                lead = f"{name} {cue} on {claim.event_date:%A} that "
                start = sum(len(p) for p in parts) + len(lead)
                parts.append(f"{lead}{quote}. Residents described a tense day in the city's markets. ")
                spans.append((claim, start, start + len(quote), quote, cue.split()[0]))
            text = "".join(parts)
            article = Article.objects.create(
                url=f"https://bench-pages.example.org/kirkuk/{n}", title=f"Kirkuk after the army left ({n + 1})",
                byline=f"{outlet.name} staff", outlet=outlet, text=text, status="done",
                published_at=datetime(2014, 6, 12 + n, 9, 0, tzinfo=timezone.utc),
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
            )
            articles.append(article)
            Citation.objects.bulk_create(
                Citation(claim=c, article=article, start=s, end=e, quote=q, cue=cue) for c, s, e, q, cue in spans)
        # The answer panel's facts: who holds the city and the province, on the quoted words.
        held = {0: ("peshmerga", "kirkuk", "asserted"), 2: ("peshmerga", "kirkuk", "asserted"),
                3: ("peshmerga", "kirkuk-governorate", "asserted"), 6: ("iraqi-security-forces", "kirkuk", "ended"),
                8: ("isis", "kirkuk-governorate", "asserted")}
        by_claim = {made[k][0].pk: held[k] for k in held}
        Fact.objects.bulk_create(
            Fact(kind="controls", source=actors[holder], target_region=regions[place], polarity=polarity,
                 claim=c.claim, article=c.article, start=c.start, end=c.end, quote=c.quote, cue=c.cue,
                 holds_on=c.claim.event_date, confidence=0.8)
            for c in Citation.objects.filter(claim_id__in=by_claim).select_related("claim", "article")
            for holder, place, polarity in [by_claim[c.claim_id]]
        )
        first_of_pair = len(statements)
        for k in range(len(DISPUTES)):
            a, b = sorted((made[first_of_pair + 2 * k][0], made[first_of_pair + 2 * k + 1][0]), key=lambda c: c.pk)
            ClaimRelation.objects.create(from_claim=a, to_claim=b, kind="disputes", note="Figures and accounts differ.")
        for x, y in ((0, len(STATEMENTS)), (2, len(STATEMENTS) + 2)):
            a, b = sorted((made[x][0], made[y][0]), key=lambda c: c.pk)
            ClaimRelation.objects.create(from_claim=a, to_claim=b, kind="corroborates")
            Claim.objects.filter(pk__in=[a.pk, b.pk]).update(status="corroborated")

        cited = [c for c, _ in made][:40]
        body = _body(briefing.draft_revision.body if briefing.draft_revision else "", cited)
        revision = briefing_revise(briefing=briefing, editor=editor, body=body,
                                   base_revision=briefing.draft_revision, note=MARKER)
        briefing_publish(briefing=briefing, reviewer=reviewer, revision=revision)
        for title, summary in BACKLINKING:
            if Briefing.objects.filter(title=title).exists():
                continue
            other = briefing_create(
                title=title, author=editor, summary=summary,
                body=f"{summary}\n\nFor the city itself see [[Kirkuk control]].\n",
                actors=[actors["peshmerga"]], regions=[regions["kirkuk-governorate"]])
            briefing_publish(briefing=other, reviewer=reviewer)
    return SLUG


def _bench_staff():
    from django.contrib.auth import get_user_model

    from core.roles import EDITOR, REVIEWER, role_grant

    users = []
    for name, role in (("bench-editor", EDITOR), ("bench-reviewer", REVIEWER)):
        user, _ = get_user_model().objects.get_or_create(username=name)
        if not user.groups.exists():
            role_grant(user, role)
        users.append(user)
    return users


def _body(opening: str, cited: list) -> str:
    """The seed's opening text, then what the sources say, each sentence citing its claim."""
    paragraphs = []
    for start in range(0, len(cited), 4):
        sentences = []
        for claim in cited[start:start + 4]:
            said = claim.text[0].lower() + claim.text[1:]
            sentences.append(f"{claim.speaker_text} said on {claim.event_date:%-d %B} that {said} [^c{claim.pk}].")
        paragraphs.append(" ".join(sentences))
    links = ("Related: [[Peshmerga deployment]], [[Oil exports from Kirkuk]], [[Disputed territories]] "
             "and the talks not yet written up, [[Baghdad-Erbil talks]].")
    return (opening.rstrip() + "\n\n## What the sources say\n\n" + "\n\n".join(paragraphs)
            + "\n\n" + links + "\n")


def reader_session() -> str:
    """A session cookie value for bench-reader, a member with the reader role."""
    from django.contrib.auth import get_user_model

    from core.roles import READER, role_grant

    user, _ = get_user_model().objects.get_or_create(username="bench-reader")
    if not user.groups.exists():
        role_grant(user, READER)
    return session_of(user)


def session_of(user) -> str:
    """A session cookie value for ``user``, signed in."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def wiki_content() -> dict:
    """The same page as one django-wiki article: body with Markdown footnotes for the citations,
    then the claims, disputes, timeline and backlinks as Markdown lists."""
    from django.db.models import Q

    from briefings.markup import CITE, WIKI_LINK, title_normalise
    from briefings.models import Briefing
    from claims.models import Claim, ClaimRelation

    briefing = Briefing.objects.get(slug=SLUG)
    body = briefing.published_revision.body
    about = Q(actors__in=briefing.subject_actors.all()) | Q(regions__in=briefing.subject_regions.all())
    claims = {c.pk: c for c in Claim.objects.filter(about).distinct()
              .select_related("speaker", "relayed_by").prefetch_related("citations__article__outlet")}
    numbers: dict[int, int] = {}

    def footnote(match) -> str:
        number = numbers.setdefault(int(match.group(1)), len(numbers) + 1)
        return f"[^{number}]"

    body = CITE.sub(footnote, body)
    titles = {b.title: b.slug for b in Briefing.objects.all()}

    def wiki_links(text: str) -> str:
        def link(match) -> str:
            title = title_normalise(match.group(1))
            return f"[{match.group(2) or title}](wiki:/{titles.get(title, 'missing')}/)"

        return WIKI_LINK.sub(link, text)

    body = wiki_links(body)
    lines = [body.rstrip(), ""]
    for claim_id, number in numbers.items():
        claim = claims.get(claim_id) or Claim.objects.get(pk=claim_id)
        sources = "; ".join(f"{c.article.outlet.name}, \"{c.article.title}\", {c.article.published_at:%-d %B %Y}: "
                            f"\"{c.quote}\"" for c in claim.citations.all())
        lines.append(f"[^{number}]: {sources}")
    lines += ["", "## Claims about the subjects", ""]
    for claim in sorted(claims.values(), key=lambda c: (c.event_date, c.pk), reverse=True):
        relay = f", relayed by {claim.relayed_by.name}" if claim.relayed_by else ""
        lines.append(f"- **{claim.speaker_text}**{relay}: {claim.text} ({claim.get_status_display()}, "
                     f"{claim.event_date:%-d %B %Y}; {claim.citations.count()} sources)")
    lines += ["", "## Disputed", ""]
    for relation in ClaimRelation.objects.filter(kind="disputes", from_claim__in=list(claims)):
        a, b = claims[relation.from_claim_id], claims[relation.to_claim_id]
        lines.append(f"- {a.speaker_text}: {a.text} **versus** {b.speaker_text}: {b.text}")
        for side in (a, b):
            for c in side.citations.all():
                lines.append(f"    - {c.article.outlet.name}, \"{c.article.title}\": \"{c.quote}\"")
    lines += ["", "## Timeline", ""]
    for claim in sorted(claims.values(), key=lambda c: (c.event_date, c.pk)):
        lines.append(f"- {claim.event_date:%-d %B %Y}: {claim.speaker_text}: {claim.text}")
    lines += ["", "## What links here", ""]
    for link in briefing.backlinks.select_related("source"):
        lines.append(f"- [{link.source.title}](wiki:/{link.source.slug}/)")
    articles = [{"slug": SLUG, "title": briefing.title, "content": "\n".join(lines) + "\n"}]
    for other in Briefing.objects.exclude(slug=SLUG):
        text = other.published_revision.body if other.published_revision else ""
        articles.append({"slug": other.slug, "title": other.title, "content": wiki_links(text)})
    return {"root": {"title": "Briefings", "content": "The briefings of the bench."}, "articles": articles,
            "main": SLUG}
