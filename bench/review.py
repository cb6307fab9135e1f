#!/usr/bin/env python
"""bench/review: a briefing with 5,000 pending suggestions from 300 articles of 10 outlets (one
in ten restating another claim, so cards group them), its review page (a page of 50 cards) and
the review queue under wrk (4 connections by default: two editors per worker, so that p99 is the
page's own time and not a queue's; --connections 16 as the other benches), gunicorn with 2
workers on PostgreSQL, beside the
bare view of bench/pages (one query, then a template of the review page's own size and HTML),
targets interleaved in rounds. Also, before the load: the review page's query count at 50 and at
5,000 pending (a second briefing with 50), rendered and kept, which must be equal, and the deep
page's queries and time rendered with no card kept (briefings.views_review keeps each card's
HTML per process; under wrk the deep page renders from them).

    .venv/bin/python bench/review.py [--duration 15] [--rounds 3] [--port 8270]

Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/briefwiki_bench_review,
created, seeded once and reused), Redis (REDIS_URL, default redis://127.0.0.1:6379/12) and wrk
(installed with apt-get when running as root). The server binds 127.0.0.1 only and is stopped at
the end. Target: p99 under 150 ms for the review page. The last line ends with
`ratio=R p99_ms=P`, R the review page's rate over the bare view's.
"""
import argparse
import hashlib
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/briefwiki_bench_review")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/12")
from common import ensure_database, ensure_wrk, run_interleaved, run_wrk  # noqa: E402
from pages import bare_template, gunicorn, stop, wait_until_up  # noqa: E402

os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
os.environ["DJANGO_DEBUG"] = "0"

WORK = ROOT / "var" / "bench-review"
SLUG, SMALL_SLUG = "bench-review", "bench-review-small"
PENDING, ARTICLES, OUTLETS, SMALL = 5000, 300, 10, 50


def seed_briefing(slug: str, pending: int, articles: int) -> None:
    """A briefing about Kirkuk with ``pending`` suggestions from ``articles`` articles (once)."""
    from django.db import transaction

    from actors.models import Actor, Region
    from briefings.markup import cite_marker
    from briefings.models import Briefing, Suggestion
    from briefings.services import briefing_create
    from claims.models import Citation, Claim
    from sources.models import Article, Outlet

    if Briefing.objects.filter(slug=slug).exists():
        return
    rng = random.Random(slug)
    with transaction.atomic():
        kirkuk, _ = Region.objects.get_or_create(slug="bench-kirkuk", defaults={"name": "Bench Kirkuk", "kind": "city"})
        speakers = [Actor.objects.get_or_create(slug=f"bench-speaker-{i}",
                                                defaults={"name": f"Speaker {i} Name", "kind": "person"})[0]
                    for i in range(40)]
        outlets = [Outlet.objects.get_or_create(slug=f"bench-outlet-{i}", defaults={"name": f"Outlet {i}"})[0]
                   for i in range(OUTLETS)]
        briefing = briefing_create(title=slug.replace("-", " ").capitalize(), slug=slug, regions=[kirkuk],
                                   body="Opening.\n\n## Military\n\nText.\n\n## Politics\n\nText.\n")
        made = Article.objects.bulk_create(
            Article(url=f"https://{slug}.example.org/{n}", title=f"Kirkuk report {n}", outlet=outlets[n % OUTLETS],
                    text=f"KIRKUK - Officials said the road had reopened ({slug} {n}).", status="done",
                    published_at=datetime(2014, 6, 1, tzinfo=timezone.utc) + timedelta(hours=n),
                    content_hash=hashlib.sha256(f"{slug} {n}".encode()).hexdigest())
            for n in range(articles))
        claims = Claim.objects.bulk_create(
            Claim(text=f"The road to Kirkuk reopened after {i // 10 if i % 10 == 9 else i} days of fighting",
                  speaker=speakers[(i // 10 if i % 10 == 9 else i) % len(speakers)], confidence=rng.random())
            for i in range(pending))
        Claim.regions.through.objects.bulk_create(Claim.regions.through(claim_id=c.pk, region_id=kirkuk.pk)
                                                  for c in claims)
        Citation.objects.bulk_create(
            Citation(claim=c, article=made[i % articles], start=0, end=9, quote="Officials", cue="said")
            for i, c in enumerate(claims))
        Suggestion.objects.bulk_create(
            Suggestion(briefing=briefing, claim=c, relevance=rng.randint(2, 6),
                       text=f"{c.speaker.name} said {c.text[0].lower()}{c.text[1:]}. {cite_marker(c.pk)}")
            for c in claims)


def editor_session() -> str:
    from pages_seed import _bench_staff, session_of

    return session_of(_bench_staff()[0])


def _editor_client():
    from django.test import Client
    from pages_seed import _bench_staff

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(_bench_staff()[0])
    return client


def cold_deep_page(runs: int = 20) -> float:
    """The deep page rendered with no card kept (as its first editor sees it): its median time
    in this process, in ms."""
    import time

    from briefings import views_review

    client = _editor_client()
    url = f"/b/{SLUG}/review/?sort=confidence&page=60"
    client.get(url)
    times = []
    for _ in range(runs):
        views_review.card_htmls.clear()
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[runs // 2]


def query_counts() -> dict[str, dict[int, int]]:
    """The review page's queries at 50 and at 5,000 pending, signed in as the editor: rendered
    (``?page=1``: a query string is never served kept; its cards are, from the view before)
    and kept (a repeat view), and rendered with no card kept (cold)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from briefings import views_review

    client = _editor_client()
    counts: dict[str, dict[int, int]] = {"rendered": {}, "kept": {}, "cold": {}}
    for slug, pending in ((SMALL_SLUG, SMALL), (SLUG, PENDING)):
        for kind, query in (("rendered", "?page=1"), ("kept", ""), ("cold", "?page=1")):
            client.get(f"/b/{slug}/review/{query}")  # the session and the user settled, the page kept
            if kind == "cold":
                views_review.card_htmls.clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"/b/{slug}/review/{query}")
            assert response.status_code == 200, response.status_code
            counts[kind][pending] = len(queries)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=15, help="seconds per target, over all rounds")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (every target in turn)")
    parser.add_argument("--port", type=int, default=8270)
    parser.add_argument("--connections", type=int, default=4,
                        help="wrk's connections (4: two editors a worker; 16 measures queueing, not the page)")
    args = parser.parse_args()

    wrk = ensure_wrk("review")
    WORK.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    ensure_database("review")
    from django.core.cache import cache
    from django.db import connections

    from briefings.models import Briefing

    seed_briefing(SLUG, PENDING, ARTICLES)
    seed_briefing(SMALL_SLUG, SMALL, 5)
    with connections["default"].cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner sees the bulk inserts, as autovacuum would in time
    cookie = f"sessionid={editor_session()}"
    title = Briefing.objects.get(slug=SLUG).title
    counts = query_counts()
    cold_ms = cold_deep_page()
    cache.clear()
    connections.close_all()

    template_file = WORK / "bare_page.html"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.pages_settings", "DATABASE_CONN_MAX_AGE": "600",
           "LOG_LEVEL": "WARNING", "BENCH_PAGES_BARE_TEMPLATE": str(template_file)}
    server = gunicorn(sys.executable, "config.wsgi:application", args.port, ROOT, env)
    try:
        base = f"http://127.0.0.1:{args.port}"
        review_url, bare_url = f"{base}/b/{SLUG}/review/", f"{base}/bench/bare/{SLUG}/"
        deep_url, queue_url = f"{review_url}?sort=confidence&page=60", f"{base}/review/"
        page = wait_until_up(review_url, cookie)
        html = page.decode("utf-8")
        if html.count('class="suggestion"') != 50:
            raise SystemExit(f"{review_url} does not show 50 cards: is the editor allowed to review?")
        template_file.write_text(bare_template(page, title), encoding="utf-8")
        targets = [("bare", bare_url), ("review", review_url), ("deep", deep_url), ("queue", queue_url)]
        sizes = {name: len(wait_until_up(url, cookie)) for name, url in targets}
        headers = (f"Cookie: {cookie}",)
        for _, url in targets:  # warm every worker's connections
            run_wrk(wrk, url, 2, headers=headers, connections=args.connections)
        results = run_interleaved(targets, args.duration, args.rounds, lambda target, seconds: run_wrk(
            wrk, target[1], seconds, headers=headers, connections=args.connections))
    finally:
        stop(server)

    labels = {
        "bare": "bare view (1 query, the review page's HTML)",
        "review": f"review page, 50 of {PENDING} pending (editor)",
        "deep": "same, least certain first, page 60",
        "queue": "review queue",
    }
    for name, r in results.items():
        print(f"{labels[name]:46s} {r['rps']:8.1f} req/s  p50 {r['p50']:6.1f} ms  p99 {r['p99']:6.1f} ms  "
              f"non-2xx {r['non2xx']}  timeouts {r['timeouts']}  {sizes[name] / 1024:5.1f} KiB  "
              f"rounds {'/'.join(f'{x:.0f}' for x in r['rounds'])}")
    for kind in ("rendered", "kept", "cold"):
        print(f"review page queries, {kind}: {counts[kind][SMALL]} at {SMALL} pending, "
              f"{counts[kind][PENDING]} at {PENDING} pending")
    print(f"deep page rendered with no card kept (its first view): {counts['cold'][PENDING]} queries, "
          f"{cold_ms:.1f} ms median in one process")
    print(f"wrk with {args.connections} connections, gunicorn 2 workers; the review page is kept per editor "
          f"(core.page_cache), the deep page (a query string) is rendered every time from its kept cards")
    review = results["review"]
    ratio = review["rps"] / results["bare"]["rps"]
    constant = all(counts[kind][SMALL] == counts[kind][PENDING] for kind in counts)
    ok = (review["p99"] < 150 and constant
          and not any(results[k]["non2xx"] or results[k]["timeouts"] for k in ("review", "deep", "queue")))
    print(f"bench/review {'ok' if ok else 'BELOW TARGET'} (target p99<150ms, queries constant): "
          f"queue_p99_ms={results['queue']['p99']:.1f} deep_p99_ms={results['deep']['p99']:.1f} "
          f"queries={counts['rendered'][PENDING]} ratio={ratio:.2f} p99_ms={review['p99']:.1f}")


if __name__ == "__main__":
    main()
