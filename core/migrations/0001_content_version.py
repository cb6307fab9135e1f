from django.db import migrations

from core.versioning import drop_sql, triggers_sql

# Tracked tables that later migrations create; those add their own triggers.
LATER = ("claims_fact",)


def forward(apps, schema_editor):
    # PostgreSQL only: elsewhere (the SQLite demo) nothing is cached under versions.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(triggers_sql(exclude=LATER))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(drop_sql(exclude=LATER))


class Migration(migrations.Migration):
    """The scoped versions (``core_version``) and their triggers on every table in
    ``core.versioning.TRACKED``."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("actors", "0001_initial"),
        ("sources", "0001_initial"),
        ("claims", "0001_initial"),
        ("briefings", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
