"""Claims in words, for templates: ``{% load claims_wording %}{{ claim|claim_sentence }}``.

Every template that shows a claim uses these, so the wording rules live once (claims/wording.py).
"""
from django import template

from claims import wording

register = template.Library()


@register.filter
def claim_sentence(claim) -> str:
    """The claim attributed in one sentence (quotation marks only around verbatim words)."""
    return wording.claim_sentence(claim) if claim else ""


@register.filter
def claim_speaker(claim) -> str:
    """The speaker's name, or the article's description kept whole."""
    return wording.speaker_label(claim) if claim else ""


@register.inclusion_tag("claims/_unsure.html")
def claim_unsure(claim) -> dict:
    """A visible note when the extractor was unsure of the claim."""
    return {"note": wording.unsure_note(claim) if claim else "", "claim": claim}
