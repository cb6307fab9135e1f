"""The citation marker in briefing Markdown: ``[^c123]`` cites claim 123.

The page renders each marker as a numbered footnote giving the claim's citations (outlet,
article title, date, quoted words); digests compare the claims two revisions cite.
"""
import re

CITE = re.compile(r"\[\^c(\d+)\]")


def cite_marker(claim_id: int) -> str:
    return f"[^c{claim_id}]"


def cited_claim_ids(body: str) -> list[int]:
    """The claim ids a body cites, distinct, in order of first appearance."""
    return list(dict.fromkeys(int(m.group(1)) for m in CITE.finditer(body)))
