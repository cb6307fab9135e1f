"""Writes to sources. Views, the API, tasks and the seed command all call these."""
from django.db import transaction

from actors.models import Actor

from .models import Outlet


@transaction.atomic
def outlet_ensure(*, slug: str, name: str, url: str = "", actor: Actor | None = None) -> tuple[Outlet, bool]:
    """The outlet with ``slug``, created if missing; an existing outlet is left as it is."""
    outlet = Outlet.objects.filter(slug=slug).first()
    if outlet:
        return outlet, False
    outlet = Outlet(slug=slug, name=name, url=url, actor=actor)
    outlet.full_clean()
    outlet.save()
    return outlet, True
