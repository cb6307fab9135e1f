"""Loading the project's seed data (seeds/*.toml) through the same services the app uses.

Every step is "ensure": what exists is left as editors made it, so loading twice changes
nothing. The files are described in seeds/README.md.
"""
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from actors.models import Actor, Region
from actors.services import actor_ensure, region_ensure
from sources.services import outlet_ensure

from .models import Briefing
from .services import briefing_create, briefing_publish, briefing_question_set

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"


class SeedError(Exception):
    """The seed files are inconsistent (an unknown slug, a parent defined later)."""


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        bucket = self.created if created else self.existing
        bucket[kind] = bucket.get(kind, 0) + 1

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def _read(folder: Path, name: str, key: str) -> list[dict]:
    path = folder / name
    if not path.exists():
        return []
    with path.open("rb") as fh:
        return tomllib.load(fh).get(key, [])


def _lookup(model, slug: str, where: str):
    if not slug:
        return None
    try:
        return model.objects.get(slug=slug)
    except model.DoesNotExist:
        raise SeedError(f"{where}: unknown {model._meta.verbose_name} {slug!r}") from None


@transaction.atomic
def seed_load(folder: Path = SEEDS_DIR) -> SeedReport:
    """Load regions, actors, outlets and briefings from ``folder``, all or nothing."""
    report = SeedReport()
    for row in _read(folder, "regions.toml", "region"):
        _, created = region_ensure(
            slug=row["slug"],
            name=row["name"],
            kind=row["kind"],
            parent=_lookup(Region, row.get("parent", ""), f"region {row['slug']}"),
            description=row.get("description", ""),
            latitude=row.get("latitude"),
            longitude=row.get("longitude"),
            aliases=row.get("aliases", []),
        )
        report.count("regions", created)
    for row in _read(folder, "actors.toml", "actor"):
        _, created = actor_ensure(
            slug=row["slug"],
            name=row["name"],
            kind=row["kind"],
            description=row.get("description", ""),
            parent=_lookup(Actor, row.get("parent", ""), f"actor {row['slug']}"),
            territory=_lookup(Region, row.get("territory", ""), f"actor {row['slug']}"),
            aliases=row.get("aliases", []),
        )
        report.count("actors", created)
    for row in _read(folder, "outlets.toml", "outlet"):
        _, created = outlet_ensure(
            slug=row["slug"],
            name=row["name"],
            url=row.get("url", ""),
            actor=_lookup(Actor, row.get("actor", ""), f"outlet {row['slug']}"),
        )
        report.count("outlets", created)
    for row in _read(folder, "briefings.toml", "briefing"):
        if Briefing.objects.filter(slug=row["slug"]).exists():
            report.count("briefings", False)
            continue
        briefing = briefing_create(
            title=row["title"],
            slug=row["slug"],
            summary=row.get("summary", ""),
            body=row.get("body", "").strip() + "\n",
            note="Opening text from the seed data",
            actors=[_lookup(Actor, s, f"briefing {row['slug']}") for s in row.get("actors", [])],
            regions=[_lookup(Region, s, f"briefing {row['slug']}") for s in row.get("regions", [])],
        )
        if row.get("question", "free") != "free":
            where = f"briefing {row['slug']}"
            briefing_question_set(
                briefing=briefing, editor=None, question=row["question"],
                region=_lookup(Region, row.get("question_region", ""), where),
                target=_lookup(Actor, row.get("question_target", ""), where),
            )
        briefing_publish(briefing=briefing, reviewer=None)
        report.count("briefings", True)
    return report
