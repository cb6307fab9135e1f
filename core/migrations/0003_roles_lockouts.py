from django.db import migrations

from core.roles import roles_sync


class Migration(migrations.Migration):
    """Admins may see and lift sign-in lockouts (django-axes' access attempts)."""

    dependencies = [
        ("core", "0002_roles"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(roles_sync, migrations.RunPython.noop)]
