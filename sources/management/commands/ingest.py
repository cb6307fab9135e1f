import json
from pathlib import Path

from celery import current_app
from django.core.management.base import BaseCommand, CommandError

from sources.intake import IngestError, decode
from sources.services import PROCESS_ARTICLE_TASK, article_submit

SUFFIXES = {".txt", ".html", ".htm", ".json"}


def _run_here(task_name: str, article_id: int) -> None:
    """Run a pipeline task in this process, by name: sources imports neither claims nor config."""
    current_app.loader.import_default_modules()
    current_app.tasks[task_name].apply(args=[article_id], throw=True)


def _files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"No such file or folder: {path}")
    return found


def _records(path: Path, overrides: dict) -> list[dict]:
    """What one file submits: a .json object or list of objects, or one .txt/.html article."""
    raw = decode(path.read_bytes())
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise IngestError(f"Not valid JSON: {exc}") from exc
        rows = data if isinstance(data, list) else [data]
        if not all(isinstance(r, dict) for r in rows):
            raise IngestError("A .json file holds an article object or a list of them.")
        fields = {"text", "html", "url", "title", "byline", "outlet", "published"}
        return [{**{k: v for k, v in r.items() if k in fields and v}, **overrides} for r in rows]
    key = "html" if suffix in (".html", ".htm") else "text"
    return [{key: raw, **overrides}]


class Command(BaseCommand):
    help = (
        "Ingest article files: .txt (plain text), .html (a page; trafilatura finds the text), .json "
        "(an object or a list: text or html, url, title, byline, outlet, published). Folders are "
        "read recursively. Articles are queued for the workers unless --sync."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--title", default="")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--byline", default="")
        parser.add_argument("--url", default="")
        parser.add_argument("--published", default="", help="YYYY-MM-DD")
        parser.add_argument("--sync", action="store_true", help="Process in this process instead of queueing.")

    def handle(self, *args, paths, sync, **options):
        overrides = {k: v for k, v in options.items() if k in {"title", "outlet", "byline", "url", "published"} and v}
        failures = 0
        for path in _files(paths):
            try:
                records = _records(path, overrides)
            except (IngestError, OSError) as exc:
                failures += 1
                self.stderr.write(f"{path}: not ingested: {exc}")
                continue
            for record in records:
                published = record.pop("published", "")
                try:
                    article, created = article_submit(published_at=published or None, enqueue=not sync, **record)
                except IngestError as exc:
                    failures += 1
                    self.stderr.write(f"{path}: not ingested: {exc}")
                    continue
                if sync and created:
                    _run_here(PROCESS_ARTICLE_TASK, article.pk)
                    article.refresh_from_db()
                state = "new" if created else "already ingested"
                self.stdout.write(f"{path}: article {article.pk} ({state}, {article.get_status_display().lower()})")
        if failures:
            raise CommandError(f"{failures} file(s) or record(s) were not ingested.")
