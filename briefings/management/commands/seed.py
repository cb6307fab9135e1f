from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from briefings.seeding import SEEDS_DIR, SeedError, seed_load


class Command(BaseCommand):
    help = "Load the catalogue and briefings in seeds/ (safe to run again: it changes nothing twice)."

    def add_arguments(self, parser):
        parser.add_argument("--folder", type=Path, default=SEEDS_DIR, help="Seed folder (default: seeds/).")

    def handle(self, *args, folder: Path, **options):
        try:
            report = seed_load(folder)
        except (SeedError, KeyError, ValueError) as exc:
            raise CommandError(f"Seeds not loaded: {exc}") from exc
        created = ", ".join(f"{n} {k}" for k, n in sorted(report.created.items())) or "nothing new"
        existing = sum(report.existing.values())
        self.stdout.write(self.style.SUCCESS(f"Seeds loaded: created {created}; {existing} already present."))
