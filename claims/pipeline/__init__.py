"""How does an article become claims? In these steps, in this order:

1. Submission: ``sources.services.article_submit`` cleans the text or HTML, stores the article
   once (by URL or text) as queued, and after commit sends ``claims.process_article`` by name,
   or ``sources.fetch_article`` when only a URL came.
2. Fetch (URL only): ``sources.tasks.fetch_article`` downloads the page with
   ``sources/fetch.py:fetch``, gives the article its text with
   ``sources.services.article_text_record`` (which sends ``claims.process_article``), or marks
   it failed (``article_mark_failed``).
3. The task: ``claims.tasks.process_article`` (acknowledged late, retried on database errors)
   calls ``claims/pipeline/process.py:article_process``.
4. Claiming: ``sources.services.article_claim_for_processing`` marks the article, and up to
   BRIEFWIKI_PIPELINE_BATCH - 1 other queued ones, processing; an article gone, done, failed
   or still waiting for its text is skipped.
5. Extraction, outside any transaction: ``process._extract_all`` / ``_record_many`` run the
   process's extractor (``claims/pipeline/extract.py:get_extractor``, spaCy built from the
   catalogue by ``sources/extraction/pipeline.py:load_nlp``) over the texts
   (``Extractor.extract_many``, or ``extract`` one by one).
   Then, in one transaction under the articles' row locks (``process._record_many``):
6. Linking: ``claims/pipeline/linking.py:link_mentions_many`` links names to the catalogue,
   proposes unknown ones (none from page furniture: ``sources/extraction/furniture.py``) with
   ``actors.services.candidates_propose`` and writes the mentions
   with ``sources.services.mentions_record``.
7. Recording claims: ``claims/pipeline/claims.py:record_claims_many`` turns the extractor's
   quotes into speakers, relays and subjects; ``claims.services.claims_record_many`` writes
   new claims, their subjects and every citation (a restatement gains a citation instead). An
   article processed again (``sources.services.article_reprocess``) finds its quotes by their
   cited spans and rewrites only the fields no editor corrected (``Claim.corrected``); it never
   un-hides a claim marked not a claim nor revives a merged one (``recording._rerun_update``).
8. Disputes: ``claims.services.claim_disputes_link``, article by article, relates claims whose
   casualty figures cannot both be true (through ``claims_relate``), when they can be about the
   same event (``claims/services/events.py``: the same kind of figure, place or one inside it,
   dates, victims).
8b. Facts: ``claims/pipeline/facts.py:record_facts_many`` links the extractor's relations
   (``sources/extraction/relations/``) to actors and regions and writes them with
   ``claims.services.facts_record``, each with the claim whose cited words carry it (or the
   article's narration); a rerun updates them and keeps what editors pinned or hid.
9. Claims-recorded steps: each function named in settings.BRIEFWIKI_CLAIMS_RECORDED
   (``process.claims_recorded_steps``), today ``briefings.drafts.propose_for_claim_groups``:
   pending suggestions on the briefings the new claims concern.
10. Marking: ``sources.services.articles_mark_done`` for the batch; an article whose recording
    fails is written again alone and, if it fails again, ``article_mark_failed`` with the error.
11. Requeue: ``claims.tasks.requeue_stale_articles`` (Celery beat, every five minutes) sends
    the task again for articles left queued or processing too long (a lost message, a killed
    worker).

extract.py   the extractor, loaded once per worker process, kept in step with the catalogue
linking.py   mentions and candidates for names the catalogue does not know
claims.py    the extractor's quotes as claims to record
facts.py     the extractor's relations as facts to record
process.py   one article (or a batch), end to end, in one transaction
"""
