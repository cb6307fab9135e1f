from django.db import migrations

# The content version also vouches for whole pages cached per user (briefings/page_cache.py)
# and for the users kept between requests (config/auth.py), so it now moves with everything
# those show beyond what 0005-0007 cover: any change to a briefing row (its draft and
# published pointers and dates included), revisions, suggestions (the pending count editors
# see), watches, and a user's own row (name, e-mail, password: the session check). A user's
# ``last_login`` is left out, so signing in does not throw every cached page away; nothing a
# page shows reads it.
USER_COLUMNS = "password, username, first_name, last_name, email, is_staff, is_active, is_superuser, date_joined"
TRIGGERS = {
    "briefings_briefing": ("INSERT OR UPDATE OF title, slug, summary OR DELETE", "INSERT OR UPDATE OR DELETE"),
    "briefings_revision": (None, "INSERT OR UPDATE OR DELETE"),
    "briefings_suggestion": (None, "INSERT OR UPDATE OR DELETE"),
    "briefings_subscription": (None, "INSERT OR UPDATE OR DELETE"),
    "auth_user": ("UPDATE OF is_active, is_superuser OR DELETE", f"UPDATE OF {USER_COLUMNS} OR DELETE"),
}


def _sql(which: int) -> str:
    statements = []
    for table, events in TRIGGERS.items():
        statements.append(f"DROP TRIGGER IF EXISTS claims_version ON {table};")
        statements.append(f"DROP TRIGGER IF EXISTS claims_version_truncate ON {table};")
        if events[which] is None:
            continue
        statements.append(
            f"""CREATE CONSTRAINT TRIGGER claims_version AFTER {events[which]} ON {table}
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION briefwiki_claims_version_bump();
CREATE TRIGGER claims_version_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION briefwiki_claims_version_bump();"""
        )
    return "\n".join(statements)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_sql(1))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_sql(0))


class Migration(migrations.Migration):
    dependencies = [("briefings", "0007_content_version_auth")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
