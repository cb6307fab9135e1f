#!/usr/bin/env python
"""bench/api: the claims list (50 per page, filtered by a country with its sub-regions) under wrk,
16 connections, gunicorn with 2 workers, PostgreSQL with 100,000 claims; beside a bare DRF
endpoint serving the same JSON from memory, in the same run. The claims list is measured as
deployed (its response cache on: repeated polls of one page) and, on a line of its own, with
every request a cache miss (the page built from the database each time). The three run in
turn, in --rounds interleaved rounds (3 by default), so load from elsewhere on a shared machine
falls on all of them alike.

    .venv/bin/python bench/api.py [--claims 100000] [--duration 15] [--rounds 3] [--port 8250]

Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/briefwiki_bench_api;
the database is created and seeded once, then reused), Redis for the throttle cache
(REDIS_URL, default redis://127.0.0.1:6379/13) and wrk (installed with apt-get when running as
root, otherwise the script says so). The server binds 127.0.0.1 only and is stopped at the end.
Target: the claims list reaches half the bare endpoint's rate, p99 under 150 ms.
The last line ends with `ratio=R p99_ms=P`.
"""
import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from common import ensure_database, ensure_wrk, run_interleaved  # noqa: E402
from common import run_wrk as common_run_wrk  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/briefwiki_bench_api")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
os.environ["DJANGO_DEBUG"] = "0"
# Throttling stays on (same Redis round trip for both endpoints) with limits the run cannot hit.
os.environ["BRIEFWIKI_API_RATE_USER"] = "100000000/hour"
os.environ["BRIEFWIKI_API_RATE_ANON"] = "100000000/hour"

COUNTRY = "bench-country-0"


def seed(claims: int) -> str:
    """100,000 claims (by default) over a region tree, with subjects, citations and relations;
    returns a token for a reader. Idempotent: a seeded database is reused."""
    import random
    from datetime import date, timedelta

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from rest_framework.authtoken.models import Token

    from actors.models import Actor, Region
    from claims.models import Citation, Claim, ClaimRelation
    from core.roles import READER, role_grant
    from sources.models import Article, Outlet

    user, _ = get_user_model().objects.get_or_create(username="bench-reader")
    if not user.groups.exists():
        role_grant(user, READER)
    token, _ = Token.objects.get_or_create(user=user)
    have = Claim.objects.count()
    if have >= claims:
        print(f"reusing {have:,} claims", flush=True)
        return token.key
    print(f"seeding {claims - have:,} claims...", flush=True)
    rng = random.Random(7)
    with transaction.atomic():
        leaves = []
        for c in range(5):
            country, _ = Region.objects.get_or_create(slug=f"bench-country-{c}",
                                                      defaults={"name": f"Country {c}", "kind": "country"})
            for p in range(8):
                province, _ = Region.objects.get_or_create(
                    slug=f"bench-province-{c}-{p}", defaults={"name": f"Province {c}.{p}", "kind": "province",
                                                              "parent": country})
                for t in range(6):
                    city, _ = Region.objects.get_or_create(
                        slug=f"bench-city-{c}-{p}-{t}", defaults={"name": f"City {c}.{p}.{t}", "kind": "city",
                                                                  "parent": province})
                    leaves.append(city)
        actors = [Actor.objects.get_or_create(slug=f"bench-actor-{i}", defaults={"name": f"Actor {i}",
                                                                                 "kind": "person"})[0]
                  for i in range(300)]
        outlets = [Outlet.objects.get_or_create(slug=f"bench-outlet-{i}", defaults={"name": f"Bench outlet {i}"})[0]
                   for i in range(20)]
        n = claims - have
        quote = "Officials said the road had reopened"
        articles = Article.objects.bulk_create(
            [Article(url=f"https://bench.example.org/{have}-{i}", title=f"Article {i}", outlet=rng.choice(outlets),
                     text=f"{quote} ({have}-{i}).", status="done", content_hash=f"bench-{have}-{i}")
             for i in range(max(1, n // 5))], batch_size=5000)
        start = date(2014, 1, 1)
        made = Claim.objects.bulk_create(
            [Claim(text=f"Claim {have + i}: forces moved near the city", speaker=rng.choice(actors),
                   relayed_by=rng.choice(outlets) if i % 4 == 0 else None,
                   event_date=start + timedelta(days=i % 365), event_date_precision="day",
                   numbers=[{"value": i % 100}], status="reported")
             for i in range(n)], batch_size=5000)
        Claim.regions.through.objects.bulk_create(
            [Claim.regions.through(claim_id=c.pk, region_id=rng.choice(leaves).pk) for c in made], batch_size=10000)
        Claim.actors.through.objects.bulk_create(
            [Claim.actors.through(claim_id=c.pk, actor_id=rng.choice(actors).pk) for c in made], batch_size=10000)
        Citation.objects.bulk_create(
            [Citation(claim=c, article=articles[i % len(articles)], start=0, end=len(quote), quote=quote, cue="said")
             for i, c in enumerate(made)], batch_size=5000)
        ClaimRelation.objects.bulk_create(
            [ClaimRelation(from_claim=made[i], to_claim=made[i + 1], kind="disputes")
             for i in range(0, min(len(made) - 1, 20000), 10)], batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return token.key


def wait_until_up(url: str, token: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer {url} within {timeout:.0f}s")


# Every request a distinct URL (an extra parameter the filters ignore): each one misses the
# response cache, which measures the path that builds the page.
UNCACHED_LUA = """
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function init(args) n = tid * 1000000000 end
function request() n = n + 1; return wrk.format("GET", wrk.path .. "&uncached=" .. n) end
"""


def run_wrk(wrk: str, url: str, token: str, duration: int, script: str | None = None) -> dict:
    result = common_run_wrk(wrk, url, duration, headers=(f"Authorization: Token {token}",), script=script)
    if result["p99"] == float("inf"):
        raise SystemExit(f"wrk finished no request against {url}:\n{result['output']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=15, help="seconds per target, over all rounds")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (every target in turn)")
    parser.add_argument("--port", type=int, default=8250)
    args = parser.parse_args()

    wrk = ensure_wrk("api")
    import django

    django.setup()
    ensure_database("api")
    token = seed(args.claims)
    from django.db import connections

    connections.close_all()

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.api_settings", "BENCH_REGION": COUNTRY,
           "DATABASE_CONN_MAX_AGE": "600", "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{args.port}", "--log-level", "warning", "--timeout", "60"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{args.port}"
        claims_url = f"{base}/api/claims/?region={COUNTRY}&page_size=50"
        bare_url = f"{base}/bench/bare/"
        wait_until_up(claims_url, token)
        wait_until_up(bare_url, token)
        for url in (bare_url, claims_url):  # warm both workers' connections and caches
            run_wrk(wrk, url, token, 2)
        targets = [("bare", bare_url, None), ("claims", claims_url, None), ("uncached", claims_url, UNCACHED_LUA)]
        results = run_interleaved(targets, args.duration, args.rounds,
                                  lambda target, seconds: run_wrk(wrk, target[1], token, seconds, script=target[2]))
        bare, claims, uncached = results["bare"], results["claims"], results["uncached"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    for name, r in (("bare DRF endpoint (same JSON from memory)", bare), ("claims list, region filter", claims),
                    ("  the same, every request a cache miss", uncached)):
        print(f"{name:45s} {r['rps']:8.1f} req/s  p50 {r['p50']:6.1f} ms  p99 {r['p99']:6.1f} ms  non-2xx {r['non2xx']}"
              f"  rounds {'/'.join(f'{x:.0f}' for x in r['rounds'])}")
    print(f"uncached: ratio={uncached['rps'] / bare['rps']:.2f} p99_ms={uncached['p99']:.1f}")
    ratio = claims["rps"] / bare["rps"]
    verdict = "ok" if ratio >= 0.5 and claims["p99"] < 150 and not claims["non2xx"] else "BELOW TARGET"
    print(f"bench/api {verdict} (target ratio>=0.5, p99<150ms): ratio={ratio:.2f} p99_ms={claims['p99']:.1f}")


if __name__ == "__main__":
    main()
