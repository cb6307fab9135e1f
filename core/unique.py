"""Rows that must exist once, whoever asks at the same moment, and the slugs that name them.

``create_or_get`` is Django's ``get_or_create`` with the model's own validation and a lookup
that may span several unique fields: the INSERT runs in a savepoint, and when a parallel
transaction won the race (a unique constraint refuses the row) the winner's row is read back.
On PostgreSQL the losing INSERT waits for the winner to commit, so the read finds it.
"""
import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.utils.text import slugify

M = TypeVar("M", bound=models.Model)


def create_or_get(model: type[M], *, find: Q, build: Callable[[], M]) -> tuple[M, bool]:
    """The row matching ``find``, or the new row ``build()`` makes (validated, then saved);
    ``created`` says which. ``find`` must cover the unique fields the new row could clash on."""
    found = model.objects.filter(find).order_by("pk").first()
    if found:
        return found, False
    row = build()
    row.full_clean(validate_unique=False, validate_constraints=False)  # the database decides
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        found = model.objects.filter(find).order_by("pk").first()
        if found is None:
            raise
        return found, False
    return row, True


def slug_for(name: str, *, fallback: str, max_length: int = 200) -> str:
    """``name`` as an ASCII slug; a name with no Latin letter or digit ("Рейтер", "新华社")
    gets ``fallback`` and a hash of the name, so two such names never share a slug."""
    slug = slugify(name)
    if not slug:
        digest = hashlib.blake2b(" ".join(name.casefold().split()).encode(), digest_size=5).hexdigest()
        slug = f"{fallback}-{digest}"
    return slug[:max_length].strip("-")


def names_lock(scope: str, names: list[str]) -> None:
    """Hold, until the transaction ends, a PostgreSQL advisory lock per ``scope:name``, taken in
    sorted order so two transactions never wait on each other: for rows found by a key no
    unique constraint covers (a candidate found by its alias), so a second writer waits for the
    first to commit and then finds its row. SQLite serialises writers anyway."""
    if connection.vendor != "postgresql" or not names:
        return
    assert connection.in_atomic_block, "names_lock needs a transaction"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (SELECT unnest(%s::text[]) AS k ORDER BY 1) keys",
            [sorted({f"{scope}:{name}" for name in names})],
        )
