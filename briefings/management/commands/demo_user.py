import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from core.roles import EDITOR, REVIEWER, role_grant


class Command(BaseCommand):
    help = "Create (or reset) the local demo editor with a fresh random password, printed once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo-editor")

    @transaction.atomic
    def handle(self, *args, username: str, **options):
        User = get_user_model()
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@localhost"})
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_active = True
        user.save()
        for role in (EDITOR, REVIEWER):
            role_grant(user, role)
        self.stdout.write(f"{username} {password}")
