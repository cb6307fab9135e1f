#!/usr/bin/env python
"""bench/ingest: ingestion throughput through real Celery workers on PostgreSQL and Redis.

In one run, on the same texts, interleaved chunk by chunk (25 articles at a time) so that a
noisy shared machine weighs on both sides alike:
  1. bare spaCy (en_core_web_sm 3.8.0, nlp.pipe, one process): words/s, the reference;
  2. the pipeline: N articles submitted through the intake service, processed by a real worker
     (one process, so it is compared with one spaCy process): articles/s and words/s from the
     first submit to the last article done;
  3. latency: single articles submitted one at a time to the warm worker, from a real HTTP POST
     to /api/articles/ (gunicorn, token auth) to the article done with its pending suggestions
     written: p50 and p95;
  4. memory: resident set size of each worker process.
Texts: the re3d development documents and the seed article from ../shared, plus seeds/articles,
each repeated with a distinct last line so every copy is a new article.

Usage: .venv/bin/python bench/ingest.py [--articles 300] [--latency 40]
The last line ends with `ratio=R p95_s=S`.
"""
import argparse
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DB_NAME = "briefwiki_bench_ingest"
CHUNK = 25  # articles per interleaved round
REDIS_URL = "redis://127.0.0.1:6379/9"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from common import free_port  # noqa: E402


def texts() -> list[str]:
    found = []
    for path in sorted((SHARED / "eval" / "re3d").glob("*/documents.json")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                found.append(json.loads(line)["text"])
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        found.append(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "seeds" / "articles").glob("*.json")):
        found.append(json.loads(path.read_text(encoding="utf-8"))["text"])
    if not found:
        sys.exit("No texts: ../shared/eval/re3d and ../shared/seeds are needed (run inside the workspace).")
    return found


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
    os.environ["REDIS_URL"] = REDIS_URL
    os.environ["DJANGO_DEBUG"] = "0"  # production settings: no query log, a real SECRET_KEY
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", f"DROP DATABASE IF EXISTS {DB_NAME}",
                    "-c", f"CREATE DATABASE {DB_NAME}"], check=True)
    subprocess.run(["redis-cli", "-n", REDIS_URL.rsplit("/", 1)[1], "flushdb"], check=True, capture_output=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True, cwd=ROOT)
    subprocess.run([*manage, "seed"], check=True, cwd=ROOT, capture_output=True)
    import django

    django.setup()


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def worker_pids(parent: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True).stdout.split()
    return [parent] + [int(p) for p in out]


def wait_done(ids: list[int], timeout: float) -> float:
    from sources.models import Article

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = Article.objects.filter(pk__in=ids).exclude(status__in=["done", "failed"]).count()
        if not pending:
            return time.monotonic()
        time.sleep(0.02)
    raise SystemExit(f"articles not done after {timeout} s")


def api_post(url: str, token: str, payload: dict) -> dict:
    import urllib.request

    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST", headers={
        "Authorization": f"Token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status not in (200, 201):
            raise SystemExit(f"POST {url} answered {response.status}")
        return json.loads(response.read())


def start_web(port: int) -> subprocess.Popen:
    import urllib.request

    web = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1",
         "--log-level", "warning"], cwd=ROOT, env={**os.environ, "BRIEFWIKI_API_RATE_USER": "off"},
        start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return web
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not come up")


def editor_token() -> str:
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from core.roles import EDITOR, role_grant

    user, _ = get_user_model().objects.get_or_create(username="bench-editor")
    role_grant(user, EDITOR)
    return Token.objects.get_or_create(user=user)[0].key


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--latency", type=int, default=40)
    args = parser.parse_args()

    corpus = texts()
    batch = [f"{corpus[i % len(corpus)]}\n\nBench copy {i}." for i in range(args.articles)]
    words = sum(len(t.split()) for t in batch)

    # The reference: the bare spaCy pipeline (the same model, none of our components), in this process.
    import spacy

    from sources.extraction.pipeline import MODEL

    nlp = spacy.load(MODEL)
    list(nlp.pipe(batch[:10]))  # warm up

    setup_django()
    from sources.models import Article
    from sources.services import article_submit

    env = {**os.environ, "CELERY_VISIBILITY_TIMEOUT": "600"}
    worker = subprocess.Popen(
        [str(Path(sys.executable).with_name("celery")), "-A", "config", "worker", "--concurrency=1",
         "--loglevel=WARNING", "-n", "bench@%h"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    try:
        warm, _ = article_submit(text=f"{corpus[0]}\n\nWarm-up copy.")  # loads spaCy in the worker
        wait_done([warm.pk], 300)
        # 1 and 2, interleaved chunk by chunk so that load from elsewhere on a shared machine
        # falls on both sides alike: bare spaCy on a chunk, then the same chunk through the worker
        # (submitted through the intake service, timed from the first submit to the last done).
        bare_seconds = pipe_seconds = 0.0
        ids = []
        for at in range(0, len(batch), CHUNK):
            chunk = batch[at:at + CHUNK]
            started = time.perf_counter()
            for _ in nlp.pipe(chunk, batch_size=16):
                pass
            bare_seconds += time.perf_counter() - started
            started = time.monotonic()
            chunk_ids = [article_submit(text=t)[0].pk for t in chunk]
            pipe_seconds += wait_done(chunk_ids, 3600) - started
            ids += chunk_ids
        bare_wps = words / bare_seconds
        print(f"bare spaCy: {len(batch)} texts, {words} words in {bare_seconds:.1f} s: {bare_wps:,.0f} words/s", flush=True)
        done = Article.objects.filter(pk__in=ids, status="done").count()
        failed = Article.objects.filter(pk__in=ids, status="failed").count()
        pipe_wps = words / pipe_seconds
        seconds = pipe_seconds
        print(f"pipeline: {done} done, {failed} failed in {seconds:.1f} s: "
              f"{len(ids) / seconds:.2f} articles/s, {pipe_wps:,.0f} words/s", flush=True)

        # 3. latency, one article at a time through the API, warm worker
        port = free_port()
        web = start_web(port)
        token = editor_token()
        latencies = []
        try:
            for i in range(args.latency):
                text = f"{corpus[i % len(corpus)]}\n\nLatency copy {i}."
                t0 = time.monotonic()
                article = api_post(f"http://127.0.0.1:{port}/api/articles/", token, {"text": text})
                wait_done([article["id"]], 120)
                latencies.append(time.monotonic() - t0)
        finally:
            os.killpg(web.pid, signal.SIGTERM)
            web.wait(30)
        latencies.sort()
        p50 = statistics.median(latencies)
        p95 = latencies[min(len(latencies) - 1, int(round(0.95 * len(latencies))) - 1)]
        print(f"latency submit->suggestions: p50 {p50:.3f} s, p95 {p95:.3f} s over {len(latencies)} articles")
        memory = ", ".join(f"pid {pid}: {rss_mb(pid):.0f} MB" for pid in worker_pids(worker.pid))
        print(f"worker memory (RSS): {memory}")
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(60)
    ratio = pipe_wps / bare_wps
    print(f"articles/s={len(ids) / seconds:.2f} words/s={pipe_wps:.0f} bare_words/s={bare_wps:.0f} "
          f"ratio={ratio:.2f} p95_s={p95:.3f}")


if __name__ == "__main__":
    main()
