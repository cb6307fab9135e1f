from django.db import migrations

from core.roles import roles_sync


class Migration(migrations.Migration):
    """Reviewers, not only admins, see and lift sign-in lockouts."""

    dependencies = [("core", "0004_fact_versions")]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
