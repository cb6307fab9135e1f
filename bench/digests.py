#!/usr/bin/env python
"""bench/digests: build and send every daily digest for 10,000 subscribers.

    .venv/bin/python bench/digests.py [--users 10000] [--briefings 500] [--changed 50]

10,000 users with three watches each (two briefings and an actor or a region) over 500
published briefings; during the day 2014-06-27, 50 of them get two revisions (notes, new
cited claims) and are republished, and some cited claims are disputed. The pass at
2014-06-28 06:00 builds every digest (templates rendered) and sends it over SMTP to a sink
(aiosmtpd in its own process on 127.0.0.1, counting messages). Seeding writes rows in bulk
rather than through the services, to keep set-up short; the pass itself is the real one.

Also measured in the same run: building a batch of 100 and of 500 users, to show the SQL
query count per batch does not grow with the number of users in it, and a reference: the
same number of minimal messages sent to the same sink (the cost of SMTP alone).

Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/briefwiki_bench_digests;
created and seeded once, then reused; earlier deliveries are deleted before each run).
Target: under 60 s. The last line ends with `seconds=S peak_mb=M`.
"""
import argparse
import os
import resource
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from common import ensure_database, free_port  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/briefwiki_bench_digests")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/12")
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("LOG_LEVEL", "WARNING")

DAY = datetime(2014, 6, 27, tzinfo=timezone.utc)
NOW = DAY + timedelta(days=1, hours=6)
WORDS = ("Kurdish forces hold the road north of the city while officials in Baghdad say talks continue "
         "over oil revenue and the status of disputed districts after the army withdrew last week").split()


def sink_main(port: int) -> None:
    """The SMTP sink process: accept and count every message; print the count on SIGTERM."""
    from aiosmtpd.controller import Controller

    class Count:
        messages = 0

        async def handle_DATA(self, server, session, envelope):
            Count.messages += 1
            return "250 OK"

    controller = Controller(Count(), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)

    def stop(*_):
        controller.stop()
        print(Count.messages, flush=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    while True:
        time.sleep(1)


def body(rng, words: int, claims: list[int]) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text + "".join(f" [^c{c}]" for c in claims)


def seed(users: int, briefings: int, changed: int) -> None:
    """Idempotent: a seeded database is reused."""
    import random

    from django.contrib.auth import get_user_model
    from django.db import transaction

    from actors.models import Actor, Region
    from briefings.models import Briefing, Publication, Revision, Subscription
    from claims.models import Citation, Claim, ClaimStatusChange
    from sources.models import Article, Outlet

    User = get_user_model()
    if User.objects.filter(username__startswith="bench-sub-").count() >= users:
        print("reusing the seeded database", flush=True)
        return
    print(f"seeding {users:,} subscribers, {briefings} briefings...", flush=True)
    rng = random.Random(11)
    at = lambda dt: dict(published_at=dt)  # noqa: E731
    with transaction.atomic():
        actors = Actor.objects.bulk_create(Actor(slug=f"bench-actor-{i}", name=f"Actor {i}", kind="person")
                                           for i in range(300))
        regions = Region.objects.bulk_create(Region(slug=f"bench-region-{i}", name=f"Region {i}", kind="city")
                                             for i in range(60))
        editors = User.objects.bulk_create(User(username=f"bench-editor-{i}", email=f"editor{i}@bench.example")
                                           for i in range(20))
        outlets = Outlet.objects.bulk_create(Outlet(slug=f"bench-outlet-{i}", name=f"Outlet {i}") for i in range(20))
        quote = "Officials said the road had reopened"
        articles = Article.objects.bulk_create(
            Article(url=f"https://bench.example.org/{i}", title=f"Article {i}", outlet=rng.choice(outlets),
                    text=f"{quote} ({i}).", status="done", content_hash=f"bench-digest-{i}") for i in range(400))
        claims = Claim.objects.bulk_create(Claim(text=f"Claim {i}: the road reopened.", speaker=rng.choice(actors))
                                           for i in range(400))
        Citation.objects.bulk_create(Citation(claim=c, article=a, start=0, end=len(quote), quote=quote)
                                     for c, a in zip(claims, articles))
        pages = Briefing.objects.bulk_create(Briefing(title=f"Bench briefing {i}", slug=f"bench-briefing-{i}")
                                             for i in range(briefings))
        for page in pages:
            page.subject_actors.add(*rng.sample(actors, 2))
            page.subject_regions.add(rng.choice(regions))
        first = Revision.objects.bulk_create(
            Revision(briefing=p, number=1, body=body(rng, 150, [c.pk for c in rng.sample(claims, 3)]),
                     author=rng.choice(editors), note="Created") for p in pages)
        Publication.objects.bulk_create(Publication(briefing=p, revision=r, **at(DAY - timedelta(days=3)))
                                        for p, r in zip(pages, first))
        latest = {p.pk: r for p, r in zip(pages, first)}
        for n, page in enumerate(rng.sample(pages, changed)):
            old = latest[page.pk]
            second = Revision.objects.create(briefing=page, number=2, body=old.body + " " + body(rng, 30, []),
                                             author=rng.choice(editors), note="Added the latest reports", parent=old)
            new_claims = [c.pk for c in rng.sample(claims, 2)]
            third = Revision.objects.create(briefing=page, number=3, body=body(rng, 20, []) + " " + second.body
                                            + body(rng, 10, new_claims), author=None,
                                            note="Accepted suggestions", parent=second)
            Publication.objects.create(briefing=page, revision=third, **at(DAY + timedelta(hours=8 + n % 10)))
            latest[page.pk] = third
            if n % 5 == 0:
                claim = Claim.objects.get(pk=new_claims[0])
                change = ClaimStatusChange.objects.create(claim=claim, old_status="reported", new_status="disputed",
                                                          reason="Another outlet denies it")
                ClaimStatusChange.objects.filter(pk=change.pk).update(created_at=DAY + timedelta(hours=12))
        for page in pages:
            Briefing.objects.filter(pk=page.pk).update(published_revision=latest[page.pk],
                                                       draft_revision=latest[page.pk], published_at=DAY)
        people = User.objects.bulk_create(
            (User(username=f"bench-sub-{i}", email=f"sub{i}@bench.example") for i in range(users)), batch_size=2000)
        watches = []
        for user in people:
            for page in rng.sample(pages, 2):
                watches.append(Subscription(user=user, briefing=page))
            if rng.random() < 0.5:
                watches.append(Subscription(user=user, actor=rng.choice(actors)))
            else:
                watches.append(Subscription(user=user, region=rng.choice(regions)))
        Subscription.objects.bulk_create(watches, batch_size=5000)


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def queries_per_batch(batch_size: int) -> int:
    """SQL queries to build (and render) one batch of ``batch_size`` users, once the pass has
    read the day's changes (done once per pass, not per batch)."""
    from django.db import connection

    from digests.build import DigestBuilder, period_due, watches_for, windows_for
    from digests.send import USER_FIELDS, digest_message, due_users

    period = period_due("daily", NOW)
    builder = DigestBuilder(period)
    builder.changes_since(period.start)
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        users = list(due_users(period).only(*USER_FIELDS)[:batch_size])
        ids = [u.pk for u in users]
        digests = builder.build(users, windows_for(ids, period), watches_for(ids, "daily"))
        for digest in digests:
            if not digest.is_empty:
                digest_message(digest).message()
    assert len(users) == batch_size
    return counter.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--briefings", type=int, default=500)
    parser.add_argument("--changed", type=int, default=50)
    parser.add_argument("--sink", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sink:
        return sink_main(args.sink)

    import django

    django.setup()
    ensure_database("digests")
    seed(args.users, args.briefings, args.changed)

    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.db import connection

    from digests.models import DigestDelivery
    from digests.send import digests_send_due

    port = free_port()
    sink = subprocess.Popen([sys.executable, __file__, "--sink", str(port)], stdout=subprocess.PIPE, text=True)
    try:
        assert sink.stdout.readline().strip() == "ready"
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

        DigestDelivery.objects.all().delete()
        per_batch = {size: queries_per_batch(size) for size in (100, 500)}
        print("queries to build and render a batch: " + ", ".join(f"{k} users: {v}" for k, v in per_batch.items())
              + " (plus 2 to claim it, 1 to record the empty ones, 1 per message sent)", flush=True)

        DigestDelivery.objects.all().delete()
        counter = QueryCounter()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            result = digests_send_due(frequency="daily", now=NOW)
        seconds = time.perf_counter() - started
        digests = result.sent + result.empty
        print(f"pass: {result}; {counter.count} queries ({counter.count - result.sent} besides the one "
              f"'sent' UPDATE per message)", flush=True)

        mail = get_connection()
        mail.open()
        ref_started = time.perf_counter()
        for i in range(result.sent):
            mail.send_messages([EmailMessage("ref", "x", to=[f"ref{i}@bench.example"])])
        reference = time.perf_counter() - ref_started
        mail.close()
    finally:
        sink.send_signal(signal.SIGTERM)
        received = int(sink.communicate(timeout=30)[0].strip().splitlines()[-1])
    assert received == result.sent + result.sent, (received, result.sent)  # digests + reference messages
    assert result.failed == 0 and result.sent > 0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reference: {result.sent} minimal messages to the same sink in {reference:.1f} s "
          f"(SMTP alone is {reference / seconds:.0%} of the pass)")
    print(f"bench/digests: {args.users:,} subscribers, {result.sent:,} digests sent, {result.empty:,} empty; "
          f"{digests / seconds:.0f} digests/s, {result.sent / seconds:.0f} sent/s; target < 60 s "
          f"seconds={seconds:.1f} peak_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main()
