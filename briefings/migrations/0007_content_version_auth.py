from django.db import migrations

# The content version also moves when who may do what changes, so the permission cache
# (config/auth.py) is exact: group membership, direct permissions, a group's permissions, and a
# user's active and superuser flags.
TRIGGERS = {
    "auth_user_groups": "INSERT OR UPDATE OR DELETE",
    "auth_user_user_permissions": "INSERT OR UPDATE OR DELETE",
    "auth_group_permissions": "INSERT OR UPDATE OR DELETE",
    "auth_user": "UPDATE OF is_active, is_superuser OR DELETE",
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
    dependencies = [("briefings", "0006_content_version_briefings"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
