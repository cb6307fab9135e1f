"""Writes to claims. Views, the API, the pipeline and tasks all call these.

One module per concern; everything public is re-exported here, so callers write
``from claims.services import claim_correct``.

recording.py     the claims an article brings (the pipeline), their status, relations, disputes
corrections.py   an editor's corrections: speaker, text, polarity..., not a claim, merge, relations
facts.py         typed relations between catalogue entries an article states, and editors' pins
"""
from .corrections import (  # noqa: F401
    CORRECTABLE,
    claim_correct,
    claim_mark_not_claim,
    claim_relation_add,
    claim_relation_remove,
    claims_corrected_steps,
    claims_merge,
)
from .facts import (  # noqa: F401
    MACHINE_FACT_FIELDS,
    FactRecord,
    fact_set_editor_state,
    facts_record,
    facts_record_many,
)
from .recording import (  # noqa: F401
    MACHINE_FIELDS,
    ArticleQuotes,
    Figure,
    QuoteRecord,
    casualty_figures,
    claim_disputes_link,
    claim_fingerprint,
    claim_set_status,
    claims_record_many,
    claims_relate,
    figures_disagree,
    fingerprint,
    proposition_key,
)
