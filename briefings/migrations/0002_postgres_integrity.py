from django.db import migrations

# Invariants Django's constraint API cannot express, added where the database can hold them.
# On SQLite (the embedded demo) the services and Revision.save() enforce them instead.
FORWARD = """
ALTER TABLE briefings_revision ADD CONSTRAINT revision_briefing_id_id_key UNIQUE (briefing_id, id);
ALTER TABLE briefings_briefing ADD CONSTRAINT briefing_draft_is_own_revision
    FOREIGN KEY (id, draft_revision_id) REFERENCES briefings_revision (briefing_id, id)
    DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE briefings_briefing ADD CONSTRAINT briefing_published_is_own_revision
    FOREIGN KEY (id, published_revision_id) REFERENCES briefings_revision (briefing_id, id)
    DEFERRABLE INITIALLY DEFERRED;
CREATE FUNCTION briefings_revision_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'revisions are immutable: save a new revision instead'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER revision_immutable BEFORE UPDATE ON briefings_revision
    FOR EACH ROW EXECUTE FUNCTION briefings_revision_immutable();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS revision_immutable ON briefings_revision;
DROP FUNCTION IF EXISTS briefings_revision_immutable();
ALTER TABLE briefings_briefing DROP CONSTRAINT IF EXISTS briefing_published_is_own_revision;
ALTER TABLE briefings_briefing DROP CONSTRAINT IF EXISTS briefing_draft_is_own_revision;
ALTER TABLE briefings_revision DROP CONSTRAINT IF EXISTS revision_briefing_id_id_key;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("briefings", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
