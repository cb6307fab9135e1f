from django.db import migrations

from core.roles import roles_sync


class Migration(migrations.Migration):
    """The reader, editor, reviewer and admin groups with their permissions."""

    dependencies = [
        ("core", "0001_content_version"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("digests", "0001_initial"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
