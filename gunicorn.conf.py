"""gunicorn's settings for production: `gunicorn -c gunicorn.conf.py wsgi:app` (README, "Running in production").

The worker timeout is derived from the application's own longest limit, so that a request that waits for a PDF
is ended by the application (a clear page saying the document is too long) and never by gunicorn killing the
worker (a bare error, or no answer at all)."""

import json
import os

from portal.config import Config


def _setting(name: str):
    """A setting as the application reads it: PORTAL_<NAME> from the environment (JSON), else its default."""
    raw = os.environ.get(f"PORTAL_{name}")
    return json.loads(raw) if raw is not None else getattr(Config, name)


bind = os.environ.get("PORTAL_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "5"))
#: the longest a request may take: a PDF render's limit, and the time to start the render and send the answer
timeout = int(_setting("PDF_TIMEOUT_SECONDS")) + 30
graceful_timeout = 30
#: a worker is replaced after this many requests (with jitter, so that workers don't restart together), which
#: returns to the system what a large export or import made it hold
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
#: the path without its query string, and no referrer: what people search for or filter by (a participant's name)
#: must not end up in the server's log (security.md S15)
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'
