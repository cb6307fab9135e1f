"""A fetch under a real Celery worker on PostgreSQL and Redis: a worker process killed in the
middle of a fetch puts the message back, and the article is fetched by the next process instead
of staying queued for ever."""
import os
import signal
import subprocess
import threading
from types import SimpleNamespace

import pytest

from sources.models import Article
from sources.services import article_submit
from tests.workers import Worker, purge_queue, wait_until

from .conftest import raw_server
from .test_tasks import PAGE

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    """A local site whose first answer hangs (a byte a second) and whose later answers are PAGE;
    ``hanging`` is set once the first request arrived."""
    hanging = threading.Event()

    def answer(conn, stop):
        if hanging.is_set():
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                         b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(PAGE), PAGE))
            return
        hanging.set()
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
        while not stop.wait(1):
            conn.sendall(b" ")

    with raw_server(answer) as base:
        yield SimpleNamespace(hanging=hanging, url=base + "/convoy")


def test_a_fetch_whose_worker_process_dies_is_redelivered(redis_url, site):
    purge_queue()
    worker = Worker("fetcher", {"BRIEFWIKI_FETCH_ALLOWED_HOSTS": "127.0.0.1"})
    try:
        article, _ = article_submit(url=site.url)
        assert site.hanging.wait(90), "".join(worker.log[-15:])
        children = subprocess.run(["pgrep", "-P", str(worker.process.pid)], capture_output=True, text=True, check=False).stdout.split()
        assert len(children) == 1
        os.kill(int(children[0]), signal.SIGKILL)  # the pool process dies mid-fetch; its parent lives
        wait_until(lambda: Article.objects.get(pk=article.pk).text, timeout=90)
    finally:
        # A warm stop: a killed worker would leave the pipeline's task for this article unacked,
        # to be restored into a later run (where article ids start at 1 again).
        worker.stop()
        purge_queue()
    article.refresh_from_db()
    assert article.title == "Convoy attacked" and article.status != Article.Status.FAILED
