"""Email digests of what changed in the briefings a user watches.

``build`` reads (selectors: who is due, what changed, rendering), ``send`` claims each
(user, period) delivery and sends it once, ``tokens`` signs the no-login unsubscribe link.
"""
