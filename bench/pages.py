#!/usr/bin/env python
"""bench/pages: the briefing page (/b/kirkuk-control/, grown to the seed's size: 54 claims, 108
citations, disputes, backlinks) under wrk, 16 connections, gunicorn with 2 workers on
PostgreSQL; in the same run, the two references it is compared with:

- the ceiling: a bare Django view that renders a template of the same size after one query,
  served by the same gunicorn (bench/pages_app.py);
- django-wiki (PyPI `wiki`) serving an article of the same size from its own database on the
  same PostgreSQL server, with its cache on (Redis), installed by this script into a throwaway
  venv under var/bench-pages/ with a minimal project generated at run time (bench/pages_wiki.py).

    .venv/bin/python bench/pages.py [--duration 15] [--rounds 3] [--port 8260] [--wiki-port 8261]

Every target runs in turn, in --rounds interleaved rounds (3 by default), so load from elsewhere
on a shared machine falls on all of them alike. The briefing page is kept whole per user under
the versions of what it shows (core/page_cache.py); besides the quiet page, the same page is
measured while the wiki changes elsewhere, 10 writes a second to rows the page does not show
(revisions of other briefings, claims about other subjects, another user's watches), as while
ingesting and editing, and while its own claims change once a second (own_ratio, for
information: each change costs one render per reader). churn_ratio sets the page under those
writes beside the bare view under the same writes: the writes themselves (the ORM in this
process, PostgreSQL's triggers) take CPU from both alike on a small machine, and what the ratio
is for is what the changes elsewhere cost the kept page. The page under the writes beside the
quiet bare view is printed too, for information.
Claims are for members only, so every page is fetched as a signed-in reader (a session cookie);
the briefing page is also measured anonymously (BRIEFWIKI_PUBLIC_BRIEFINGS=1: the text without
claims, for information), and django-wiki too, wiki_ratio being taken over the faster of its two.
Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/briefwiki_bench_pages,
created, seeded once and reused; django-wiki's database is briefwiki_bench_pages_wiki), Redis
(REDIS_URL, default redis://127.0.0.1:6379/11; django-wiki's cache uses database 10), wrk
(installed with apt-get when running as root) and PyPI for the throwaway venv. The servers bind
127.0.0.1 only and are stopped at the end.
Target: ratio >= 0.85 of the bare view quiet and churn_ratio >= 0.85 while the wiki changes
elsewhere, p99 under 100 ms. The last line ends with `ratio=R p99_ms=P wiki_ratio=W churn_ratio=C`.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager, nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from common import ensure_database, ensure_wrk, run_interleaved  # noqa: E402
from common import run_wrk as common_run_wrk  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/briefwiki_bench_pages")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/11")
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
os.environ["DJANGO_DEBUG"] = "0"

WORK = ROOT / "var" / "bench-pages"
WIKI_VERSION = "0.13.0"  # supports Django 5.2, which its venv gets as a dependency
WIKI_REQUIREMENTS = [f"wiki=={WIKI_VERSION}", "gunicorn==27.0.1", "psycopg[binary]==3.3.9", "redis==8.1.0"]
WIKI_DATABASE = "briefwiki_bench_pages_wiki"
WIKI_REDIS_URL = "redis://127.0.0.1:6379/10"


def ensure_wiki_venv() -> Path:
    """A throwaway venv with django-wiki and its own Django, reused while the pins match."""
    venv = WORK / "wiki-venv"
    python = venv / "bin" / "python"
    stamp = venv / ".bench-installed"
    wanted = "\n".join(WIKI_REQUIREMENTS)
    if stamp.exists() and stamp.read_text() == wanted:
        return python
    print(f"installing django-wiki {WIKI_VERSION} into {venv.relative_to(ROOT)} (throwaway)...", flush=True)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                          *WIKI_REQUIREMENTS], capture_output=True, text=True)
    if pip.returncode:
        sys.exit(f"installing django-wiki failed:\n{pip.stdout}{pip.stderr}")
    stamp.write_text(wanted)
    return python


def prepare_wiki(python: Path, content: dict) -> dict:
    """Generate django-wiki's project, load the article; returns its path and a reader session."""
    project = WORK / "wiki-project"
    content_file = WORK / "wiki-content.json"
    content_file.write_text(json.dumps(content), encoding="utf-8")
    helper = str(ROOT / "bench" / "pages_wiki.py")
    env = _wiki_env()
    subprocess.run([str(python), helper, "write-project", str(project)], check=True, env=env)
    out = subprocess.run([str(python), helper, "load", str(project), str(content_file)], env=env,
                         capture_output=True, text=True, cwd=project)
    if out.returncode:
        sys.exit(f"loading django-wiki's article failed:\n{out.stdout}{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _wiki_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    return {**env, "BENCH_WIKI_DATABASE": WIKI_DATABASE, "BENCH_WIKI_REDIS_URL": WIKI_REDIS_URL,
            "DJANGO_SETTINGS_MODULE": "benchwiki.settings"}


def fetch(url: str, cookie: str | None = None, timeout: float = 10) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_up(url: str, cookie: str | None, timeout: float = 120) -> bytes:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            status, body = fetch(url, cookie, timeout=60)
            if status == 200:
                return body
            last = f"HTTP {status}"
        except OSError as error:
            last = str(error)
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer 200 within {timeout:.0f}s (last: {last})")


def run_wrk(wrk: str, url: str, cookie: str | None, duration: int) -> dict:
    return common_run_wrk(wrk, url, duration, headers=(f"Cookie: {cookie}",) if cookie else ())


class Writer:
    """Committed writes for the churn targets, through the ORM as the app makes them: rows the
    page does not show (``elsewhere``) or its own claims (``own``)."""

    def __init__(self, slug: str):
        from django.contrib.auth import get_user_model

        from actors.models import Actor
        from briefings.models import Briefing
        from briefings.page import subject_claims_q
        from claims.models import Claim
        from pages_seed import _bench_staff

        page = Briefing.objects.get(slug=slug)
        self.editor = _bench_staff()[0]
        # Other briefings (their drafts: a backlink shows only a title), and an actor no claim
        # on the page names.
        self.others = list(Briefing.objects.exclude(pk=page.pk).values_list("pk", flat=True))
        self.elsewhere_actor, _ = Actor.objects.get_or_create(slug="bench-elsewhere", defaults={"name": "Bench elsewhere", "kind": "other"})
        self.watcher, _ = get_user_model().objects.get_or_create(username="bench-watcher")
        self.page = page
        self.own_claim = Claim.objects.filter(subject_claims_q(page.pk)).order_by("pk").first().pk
        self.n = 0

    def elsewhere(self) -> None:
        from briefings.models import Briefing, Subscription
        from briefings.services import briefing_revise
        from claims.models import Claim

        self.n += 1
        kind = self.n % 3
        if kind == 0:
            other = Briefing.objects.select_related("draft_revision").get(pk=self.others[self.n % len(self.others)])
            body = (other.draft_revision.body if other.draft_revision else "").split("\n\nBench edit")[0]
            briefing_revise(briefing=other, editor=self.editor, body=f"{body}\n\nBench edit {self.n}.",
                            base_revision=other.draft_revision)
        elif kind == 1:
            claim = Claim.objects.create(text=f"Bench claim elsewhere {self.n}.", speaker=self.elsewhere_actor)
            claim.actors.add(self.elsewhere_actor)
        else:
            watch = Subscription.objects.filter(user=self.watcher, briefing=self.page)
            if not watch.delete()[0]:
                Subscription.objects.create(user=self.watcher, briefing=self.page)

    def own(self) -> None:
        from claims.models import Claim

        self.n += 1
        Claim.objects.filter(pk=self.own_claim).update(text=f"Peshmerga forces took control of Kirkuk ({self.n}).")


@contextmanager
def writing(write, every: float):
    """Call ``write`` every ``every`` seconds in a thread of this process, for as long as the
    block runs."""
    from django.db import connection

    done = threading.Event()

    def loop():
        try:
            while not done.wait(every):
                write()
        finally:
            connection.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def bare_template(page: bytes, title: str) -> str:
    """The briefing page's HTML as a template: template syntax in it escaped, the title a variable."""
    text = page.decode("utf-8")
    for token, tag in (("{%", "openblock"), ("%}", "closeblock"), ("{{", "openvariable"), ("}}", "closevariable"),
                       ("{#", "opencomment"), ("#}", "closecomment")):
        text = text.replace(token, "\0" + tag + "\0")
    text = re.sub("\0(\\w+)\0", r"{% templatetag \1 %}", text)
    return text.replace(title, "{{ briefing.title }}", 1)


def gunicorn(python: str, app: str, port: int, cwd: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [python, "-m", "gunicorn", app, "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "--timeout", "60"],
        cwd=cwd, env=env, start_new_session=True,
    )


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=15, help="seconds per target, over all rounds")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (every target in turn)")
    parser.add_argument("--port", type=int, default=8260)
    parser.add_argument("--wiki-port", type=int, default=8261)
    parser.add_argument("--no-wiki", action="store_true", help="skip django-wiki (wiki_ratio=nan)")
    args = parser.parse_args()

    wrk = ensure_wrk("pages")
    WORK.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    ensure_database("pages")
    from django.core.cache import cache
    from pages_seed import reader_session, seed_pages, wiki_content

    from briefings.models import Briefing
    from briefings.seeding import seed_load

    seed_load()
    slug = seed_pages()
    cookie = f"sessionid={reader_session()}"
    title = Briefing.objects.get(slug=slug).title
    content = None if args.no_wiki else wiki_content()
    cache.clear()  # pages cached by an earlier run (possibly of older code)
    from django.db import connections

    connections.close_all()

    wiki = None
    if content is not None:
        python = ensure_wiki_venv()
        wiki = prepare_wiki(python, content)

    template_file = WORK / "bare_page.html"
    # Public briefings on, so the anonymous page can be measured too (for information: it has no
    # claims, which are for members only); members' pages do not depend on the setting.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.pages_settings", "DATABASE_CONN_MAX_AGE": "600",
           "LOG_LEVEL": "WARNING", "BENCH_PAGES_BARE_TEMPLATE": str(template_file), "BRIEFWIKI_PUBLIC_BRIEFINGS": "1"}
    servers = [gunicorn(sys.executable, "config.wsgi:application", args.port, ROOT, env)]
    if wiki:
        servers.append(gunicorn(str(python), "benchwiki.wsgi:application", args.wiki_port, WORK / "wiki-project",
                                _wiki_env()))
    sizes = {}
    try:
        base = f"http://127.0.0.1:{args.port}"
        page_url, bare_url = f"{base}/b/{slug}/", f"{base}/bench/bare/{slug}/"
        page = wait_until_up(page_url, cookie)
        if title not in page.decode("utf-8"):
            raise SystemExit(f"{page_url} does not show the briefing's title: is the reader allowed to see it?")
        template_file.write_text(bare_template(page, title), encoding="utf-8")
        bare = wait_until_up(bare_url, cookie)
        targets = [("bare", bare_url, cookie), ("page", page_url, cookie), ("bare_churn", bare_url, cookie),
                   ("page_churn", page_url, cookie), ("page_own", page_url, cookie), ("page_anon", page_url, None)]
        sizes.update(bare=len(bare), page=len(page), bare_churn=len(bare), page_churn=len(page), page_own=len(page),
                     page_anon=len(wait_until_up(page_url, None)))
        if wiki:
            wiki_url = f"http://127.0.0.1:{args.wiki_port}{wiki['path']}"
            wiki_cookie = f"sessionid={wiki['sessionid']}"
            sizes["wiki"] = len(wait_until_up(wiki_url, wiki_cookie))
            sizes["wiki_anon"] = len(wait_until_up(wiki_url, None))
            targets += [("wiki", wiki_url, wiki_cookie), ("wiki_anon", wiki_url, None)]
        for _, url, c in targets:  # warm every worker's connections and caches
            run_wrk(wrk, url, c, 2)

        writer = Writer(slug)
        churn = {"bare_churn": (writer.elsewhere, 0.1), "page_churn": (writer.elsewhere, 0.1),
                 "page_own": (writer.own, 1.0)}

        def run_one(target, seconds):
            name, url, c = target
            with writing(*churn[name]) if name in churn else nullcontext():
                return run_wrk(wrk, url, c, seconds)

        results = run_interleaved(targets, args.duration, args.rounds, run_one)
    finally:
        for server in servers:
            stop(server)

    labels = {
        "bare": "bare view (1 query, same-size template)",
        "page": f"briefing page /b/{slug}/ (reader)",
        "bare_churn": "bare view, the wiki changing elsewhere 10 times/s",
        "page_churn": "briefing page, the wiki changing elsewhere 10 times/s",
        "page_own": "same, its own claims changing once a second",
        "page_anon": "same page, anonymous (public, no claims)",
        "wiki": f"django-wiki {WIKI_VERSION} article (signed in, cache on)",
        "wiki_anon": f"django-wiki {WIKI_VERSION} article (anonymous, cache on)",
    }
    for name, r in results.items():
        print(f"{labels[name]:48s} {r['rps']:8.1f} req/s  p50 {r['p50']:6.1f} ms  p99 {r['p99']:6.1f} ms  "
              f"non-2xx {r['non2xx']}  timeouts {r['timeouts']}  {sizes[name] / 1024:5.1f} KiB  "
              f"rounds {'/'.join(f'{x:.0f}' for x in r['rounds'])}")
    page = results["page"]
    ratio = page["rps"] / results["bare"]["rps"]
    wiki_best = max((results[k]["rps"] for k in ("wiki", "wiki_anon") if k in results), default=0)
    wiki_ratio = page["rps"] / wiki_best if wiki_best else float("nan")
    churn_ratio = results["page_churn"]["rps"] / results["bare_churn"]["rps"]
    own_ratio = results["page_own"]["rps"] / results["bare"]["rps"]
    print(f"page under the changes elsewhere beside the quiet bare view: "
          f"{results['page_churn']['rps'] / results['bare']['rps']:.2f} p99_ms={results['page_churn']['p99']:.1f}")
    print(f"own claims changing once a second: own_ratio={own_ratio:.2f} p99_ms={results['page_own']['p99']:.1f}")
    ok = (ratio >= 0.85 and churn_ratio >= 0.85 and page["p99"] < 100
          and not any(results[k]["non2xx"] or results[k]["timeouts"] for k in ("page", "page_churn")))
    verdict = "ok" if ok else "BELOW TARGET"
    print(f"bench/pages {verdict} (target ratio>=0.85, churn_ratio>=0.85, p99<100ms): "
          f"ratio={ratio:.2f} p99_ms={page['p99']:.1f} wiki_ratio={wiki_ratio:.1f} churn_ratio={churn_ratio:.2f}")


if __name__ == "__main__":
    main()
