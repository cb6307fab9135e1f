"""Run a digest pass by hand: ``manage.py send_digests [--dry-run] [--frequency daily]``."""
from datetime import UTC, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from ...send import CLAIM_TIMEOUT, digests_send_due


class Command(BaseCommand):
    help = "Build and send the digests that are due (the Celery beat task does the same every hour)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Build and list the digests; claim and send nothing.")
        parser.add_argument("--frequency", choices=["daily", "weekly", "all"], default="all")
        parser.add_argument("--now", help="Pretend it is this ISO datetime (UTC when no offset), e.g. 2014-06-28T06:00.")
        parser.add_argument(
            "--reclaim-after",
            type=int,
            default=int(CLAIM_TIMEOUT.total_seconds()),
            help="Seconds after which a delivery left 'claimed' by a dead runner is taken over.",
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, dry_run, frequency, now, reclaim_after, batch_size, verbosity, **options):
        moment = None
        if now:
            moment = parse_datetime(now)
            if moment is None:
                raise CommandError(f"--now: not an ISO datetime: {now!r}")
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
        frequencies = ["daily", "weekly"] if frequency == "all" else [frequency]
        for freq in frequencies:
            result = digests_send_due(
                frequency=freq,
                now=moment,
                dry_run=dry_run,
                batch_size=batch_size,
                reclaim_after=timedelta(seconds=reclaim_after),
            )
            if dry_run:
                self.stdout.write(f"{result.period}: {len(result.digests)} digest(s) would be sent, {result.empty} empty")
                for digest in result.digests:
                    titles = ", ".join(item.title for item in digest.items)
                    self.stdout.write(f"  {digest.user.email}: {titles}")
            else:
                self.stdout.write(str(result))
