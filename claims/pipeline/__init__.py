"""The ingestion pipeline: an article's text in, mentions, claims, disputes and suggestions out.

extract.py   the NLP extractor, loaded once per worker process, kept in step with the catalogue
linking.py   mentions and candidates for names the catalogue does not know
claims.py    claims, restatements merged into citations, disputes
drafts.py    pending suggestions on the briefings a new claim concerns
process.py   one article, end to end, in one transaction
tasks.py     the Celery task
"""
