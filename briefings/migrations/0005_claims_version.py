from django.db import migrations

# A version of everything the claims list shows, for the API's response cache (briefings/api/
# claims_cache.py). Every committed write to those tables bumps it once per transaction, at
# commit (deferred constraint triggers), so a reader that sees a version also sees the data
# written with it; TRUNCATE bumps it too. ``epoch`` is new with every database, so a cache
# that outlives a database (tests, a restore) never answers for the new one.
# PostgreSQL only: on SQLite the API does not cache.
TRIGGERS = {
    "briefings_claim": "INSERT OR UPDATE OR DELETE",
    "briefings_claim_actors": "INSERT OR UPDATE OR DELETE",
    "briefings_claim_regions": "INSERT OR UPDATE OR DELETE",
    "briefings_citation": "INSERT OR UPDATE OR DELETE",
    "briefings_claimrelation": "INSERT OR UPDATE OR DELETE",
    "actors_actor": "UPDATE OF slug, name, kind OR DELETE",
    "actors_region": "INSERT OR UPDATE OF slug, name, kind, parent_id OR DELETE",
    "sources_article": "UPDATE OF title, url, outlet_id, published_at OR DELETE",
    "sources_outlet": "UPDATE OF slug, name OR DELETE",
}

FORWARD = """
CREATE TABLE briefwiki_claims_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    n bigint NOT NULL,
    epoch text NOT NULL
);
INSERT INTO briefwiki_claims_version VALUES (1, 0, gen_random_uuid()::text);
CREATE FUNCTION briefwiki_claims_version_bump() RETURNS trigger AS $$
BEGIN
    IF current_setting('briefwiki.claims_bumped', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE briefwiki_claims_version SET n = n + 1 WHERE id = 1;
        PERFORM set_config('briefwiki.claims_bumped', txid_current()::text, true);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
""" + "".join(
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
) + """
DROP FUNCTION IF EXISTS briefwiki_claims_version_bump();
DROP TABLE IF EXISTS briefwiki_claims_version;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0004_publication"),
        ("actors", "0001_initial"),
        ("sources", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
