"""The user admin: staff manage users, only a superuser makes superusers."""
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin(ada):
    ada.is_staff = True
    ada.save()
    client = Client()
    client.force_login(ada)
    return client


def _form(user) -> dict:
    return {"username": user.username, "email": user.email, "first_name": "", "last_name": "", "is_active": "on",
            "is_staff": "on", "is_superuser": "on", "last_login_0": "", "last_login_1": "",
            "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00"}


def test_a_staff_admin_cannot_make_themselves_superuser(ada, staff_admin):
    url = reverse("admin:auth_user_change", args=[ada.pk])
    assert staff_admin.get(url).status_code == 200
    staff_admin.post(url, _form(ada))
    ada.refresh_from_db()
    assert not ada.is_superuser


def test_a_staff_admin_cannot_change_a_superuser(staff_admin):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x-long-password-19")
    response = staff_admin.post(reverse("admin:auth_user_change", args=[root.pk]), {**_form(root), "is_active": ""})
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.is_active


def test_a_superuser_still_grants_superuser(bob):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x-long-password-19")
    client = Client()
    client.force_login(root)
    client.post(reverse("admin:auth_user_change", args=[bob.pk]), _form(bob))
    bob.refresh_from_db()
    assert bob.is_superuser
