"""The extractor: names (entities) and attributed claims in news text.

Pure Python on spaCy and rapidfuzz, no Django: the pipeline (claims.pipeline) feeds it the
catalogue from the database, `python manage.py extract --jsonl` and `python -m
sources.extraction --jsonl` speak the evaluation protocol of shared/eval/score.py.
"""
