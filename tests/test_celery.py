"""Celery's configuration: every task is bounded in time, and fetches have a queue of their own
that every worker consumes unless told otherwise (``make run`` gives them a worker of their own)."""
from pathlib import Path

from config.celery import app

ROOT = Path(__file__).resolve().parent.parent
FETCH_TASKS = ("sources.fetch_article", "sources.poll_feed")


def project_tasks():
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_every_task_has_a_soft_and_a_hard_time_limit():
    tasks = project_tasks()
    assert "claims.process_article" in tasks and "digests.send_due_digests" in tasks
    for name, task in tasks.items():
        soft = task.soft_time_limit or app.conf.task_soft_time_limit
        hard = task.time_limit or app.conf.task_time_limit
        assert soft and hard and soft < hard, name


def test_fetches_go_to_their_own_queue_and_a_plain_worker_consumes_both():
    for name in FETCH_TASKS:
        assert app.amqp.router.route({}, name)["queue"].name == "fetch"
    assert app.amqp.router.route({}, "claims.process_article")["queue"].name == "celery"
    assert {queue.name for queue in app.conf.task_queues} == {"celery", "fetch"}


def test_make_run_starts_a_worker_for_each_queue():
    script = (ROOT / "scripts/run.sh").read_text()
    assert "-Q celery " in script and "-Q fetch " in script
