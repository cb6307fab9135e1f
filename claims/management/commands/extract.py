import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Run the extractor over JSON lines on stdin ({id, text, published?}) and write entities and "
        "claims as JSON lines (the protocol of shared/eval/score.py). Reads the catalogue from the "
        "configured database; writes nothing to it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", action="store_true", required=True, help="JSON lines in, JSON lines out.")
        parser.add_argument("--batch-size", type=int, default=16)

    def handle(self, *args, batch_size: int, **options):
        from ...pipeline.extract import get_extractor

        extractor = get_extractor()
        docs = []
        for number, line in enumerate(sys.stdin, 1):
            line = line.strip()
            if not line:
                continue
            try:
                doc = json.loads(line)
                published = date.fromisoformat(doc["published"][:10]) if doc.get("published") else None
                docs.append((str(doc["id"]), doc["text"], published))
            except (ValueError, KeyError, TypeError) as exc:
                raise CommandError(f"line {number}: not a document ({exc})") from exc
        results = extractor.extract_many(((text, published) for _, text, published in docs), batch_size=batch_size)
        out = sys.stdout
        for (doc_id, _, _), extraction in zip(docs, results):
            out.write(json.dumps(extraction.to_protocol(doc_id), ensure_ascii=False) + "\n")
        out.flush()
