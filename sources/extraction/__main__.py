"""python -m sources.extraction --jsonl [--seeds DIR]: the extractor without Django or a database,
with the catalogue read from the seed files (for development; `manage.py extract` uses the database)."""
import argparse
import json
import sys
from datetime import date
from pathlib import Path

from .catalogue import Catalogue
from .pipeline import load_nlp


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m sources.extraction")
    parser.add_argument("--jsonl", action="store_true", required=True)
    parser.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[2] / "seeds")
    args = parser.parse_args()
    extractor = load_nlp(Catalogue.from_seed_files(args.seeds))
    docs = []
    for line in sys.stdin:
        if line.strip():
            doc = json.loads(line)
            published = date.fromisoformat(doc["published"][:10]) if doc.get("published") else None
            docs.append((str(doc["id"]), doc["text"], published))
    for (doc_id, _, _), extraction in zip(docs, extractor.extract_many((t, p) for _, t, p in docs)):
        sys.stdout.write(json.dumps(extraction.to_protocol(doc_id), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
