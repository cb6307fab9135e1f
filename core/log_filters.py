"""Logging filters named by settings.LOGGING."""
import logging

EXPECTED = {403, 404}


class ExpectedRefusals(logging.Filter):
    """A 403 or 404 is the site working as meant (a reader trying to edit, a stale link): keep
    its one line ("Forbidden (Permission denied): /b/x/edit/"), drop the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in EXPECTED:
            record.exc_info = None
            record.exc_text = None
        return True
