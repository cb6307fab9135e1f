import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from core.roles import EDITOR, REVIEWER, role_grant

# The hand-off a newcomer should see: the editor drafts and reviews suggestions, the reviewer
# also publishes.
DEMO_USERS = (("demo-editor", EDITOR), ("demo-reviewer", REVIEWER))


class Command(BaseCommand):
    help = ("Create (or reset) the local demo editor and demo reviewer, each with a fresh random password; "
            "prints one line per user, `username role password`, once.")

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        for username, role in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@localhost"})
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.is_active = True
            user.save()
            user.groups.clear()  # a demo editor made by an older version was a reviewer too
            role_grant(user, role)
            self.stdout.write(f"{username} {role} {password}")
