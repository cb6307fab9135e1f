"""Inserting many rows of one table at once, for the pipeline's hot path."""
from collections.abc import Sequence

from django.db import connections, models, router


def insert_ignoring_conflicts(model: type[models.Model], fields: Sequence[str], rows: list[tuple]) -> None:
    """Insert ``rows`` (values in the order of ``fields``, ids for foreign keys: ``"article"``
    takes an article id), leaving any row that would break a unique constraint as it is, like
    ``bulk_create(..., ignore_conflicts=True)``.

    On PostgreSQL the rows go straight out as one array per column (``INSERT ... SELECT FROM
    unnest(...)``, the statement ``bulk_create`` also sends there) without a model instance built
    and prepared for every row, which is most of ``bulk_create``'s time: half of it for a batch's
    few hundred mentions. Elsewhere, ``bulk_create``. The database still checks every constraint."""
    if not rows:
        return
    concrete = [model._meta.get_field(name) for name in fields]
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**{f.attname: v for f, v in zip(concrete, row)}) for row in rows],
                                  ignore_conflicts=True)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in concrete)
    arrays = ", ".join(f"%s::{_array_type(f, connection)}[]" for f in concrete)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) SELECT * FROM unnest({arrays}) ON CONFLICT DO NOTHING",
            [list(column) for column in zip(*rows)],
        )


def _array_type(field: models.Field, connection) -> str:
    """The column's type without its length (``varchar``, not ``varchar(500)``), as Django's own
    unnest insert does: a cast to ``varchar(500)`` would cut a longer value short, where the
    insert itself refuses it."""
    return field.db_type(connection).split("(")[0]
