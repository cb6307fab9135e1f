"""Writes to briefings. Views, the API, tasks and the seed command all call these.

One module per concern; everything public is re-exported here, so callers write
``from briefings.services import briefing_revise``.
"""
from .revisions import (  # noqa: F401
    MERGE_ATTEMPTS,
    EditConflict,
    MergeResult,
    briefing_create,
    briefing_publish,
    briefing_revert,
    briefing_revise,
    briefing_revise_merging,
    etag_of,
    revision_label,
    suggestion_propose,
    suggestions_propose,
)
from .review import (  # noqa: F401
    BULK_ACCEPT_MAX,
    draft_sections,
    restatement_key,
    review_decision_undo,
    suggestion_accept,
    suggestion_reject,
    suggestions_accept,
    suggestions_reject,
    undo_deadline,
)
from .questions import briefing_question_set  # noqa: F401
from .subscriptions import digest_frequency_set, subscription_unwatch, subscription_watch, user_digest_frequency  # noqa: F401,E501
