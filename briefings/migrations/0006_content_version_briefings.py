from django.db import migrations

# The content version of 0005 also moves with what a briefing page shows besides its claims:
# titles (wiki links resolve by title), subjects and links between briefings. A briefing's
# draft and published pointers are left out: a new revision is a new cache key anyway.
TRIGGERS = {
    "briefings_briefing": "INSERT OR UPDATE OF title, slug, summary OR DELETE",
    "briefings_briefing_subject_actors": "INSERT OR UPDATE OR DELETE",
    "briefings_briefing_subject_regions": "INSERT OR UPDATE OR DELETE",
    "briefings_link": "INSERT OR UPDATE OR DELETE",
}

FORWARD = "".join(
    f"""
CREATE CONSTRAINT TRIGGER claims_version AFTER {events} ON {table}
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION briefwiki_claims_version_bump();
CREATE TRIGGER claims_version_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION briefwiki_claims_version_bump();
"""
    for table, events in TRIGGERS.items()
)
BACKWARD = "".join(
    f"DROP TRIGGER IF EXISTS claims_version ON {table}; DROP TRIGGER IF EXISTS claims_version_truncate ON {table};\n"
    for table in TRIGGERS
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("briefings", "0005_claims_version")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
