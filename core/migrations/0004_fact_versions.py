from django.db import migrations

from core.versioning import table_drop_sql, table_triggers_sql

TABLES = ["claims_fact"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(table_triggers_sql(TABLES))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(table_drop_sql(TABLES))


class Migration(migrations.Migration):
    """The content-version triggers on facts (``core.versioning.TRACKED``)."""

    dependencies = [
        ("core", "0003_roles_lockouts"),
        ("claims", "0003_facts"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
