"""The task queue: Huey, on an SQLite file in the instance folder unless TASK_QUEUE_URL names another store
(redis://… in production). A worker, `flask jobs worker`, runs the tasks, each inside an app context and so with a
database session of its own. What a request or a command asks to run is queued once its transaction commits, and
not at all when it rolls back."""

import logging
from functools import wraps
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa
from huey import Huey
from huey.consumer import Consumer
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from portal.extensions import db

NAME = "portal"
#: where a session keeps the task calls that wait for its commit
PENDING = "portal.jobs.pending"

logger = logging.getLogger(__name__)


class PortalHuey(Huey):
    """The portal's one queue. Tasks are declared on it at import; init_app gives it its store and the app whose
    context they run in: the last app created, the only one in a web or worker process."""

    storage_class = MemoryStorage
    flask_app = None

    def init_app(self, app) -> None:
        self.storage = _storage(queue_url(app))
        self.flask_app = app
        app.extensions["huey"] = self


huey = PortalHuey(NAME, results=False)


class _SqliteStorage(SqliteStorage):
    """Huey's SQLite storage, whose file and tables are made when the queue is first used: an app that queues
    nothing (a command, a test) leaves no file behind."""

    def __init__(self, name, **kwargs):
        super().__init__(name, create_tables=False, **kwargs)

    def _create_connection(self):
        Path(self.filename).parent.mkdir(parents=True, exist_ok=True)
        connection = super()._create_connection()
        for statement in self.ddl:  # each "if (not) exists"
            connection.execute(statement)
        return connection


def queue_url(app) -> str:
    """TASK_QUEUE_URL, or else an SQLite file in the instance folder (a queue in memory under test)."""
    if url := app.config.get("TASK_QUEUE_URL"):
        return url
    return "memory://" if app.testing else f"sqlite:///{Path(app.instance_path) / 'tasks.db'}"


def _storage(url: str):
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        # as SQLAlchemy writes them: sqlite:///relative/path, sqlite:////absolute/path
        return _SqliteStorage(NAME, filename=url.removeprefix("sqlite:///"))
    if scheme in ("redis", "rediss", "unix"):
        return RedisStorage(NAME, url=url)
    if scheme == "memory":
        return MemoryStorage(NAME)
    raise ValueError(f"TASK_QUEUE_URL must start with sqlite:///, redis://, rediss://, unix:// or memory://, not {url}")


def task(**settings):
    """Declare a task (huey's settings: retries, retry_delay, …); it runs inside the app's context."""

    def decorate(func):
        @wraps(func)
        def in_app_context(*args, **kwargs):
            with huey.flask_app.app_context():
                return func(*args, **kwargs)

        return huey.task(**settings)(in_app_context)

    return decorate


def periodic_task(schedule, **settings):
    """Declare a task the worker runs on `schedule` (huey.crontab(...)), inside the app's context."""

    def decorate(func):
        @wraps(func)
        def in_app_context(*args, **kwargs):
            with huey.flask_app.app_context():
                return func(*args, **kwargs)

        return huey.periodic_task(schedule, **settings)(in_app_context)

    return decorate


def enqueue_after_commit(call) -> None:
    """Queue `call` (a task's .s(…)) once the current database transaction commits; drop it if it rolls back."""
    db.session.info.setdefault(PENDING, []).append(call)


@sa.event.listens_for(db.session, "after_commit")
def _enqueue_pending(session):
    for call in session.info.pop(PENDING, ()):
        try:
            huey.enqueue(call)
        except Exception:
            # what was committed stays committed: the request that asked for the task still succeeds
            logger.exception("task %s could not be queued", call.name)


@sa.event.listens_for(db.session, "after_soft_rollback")
def _drop_pending(session, previous_transaction):
    if previous_transaction.parent is None:
        session.info.pop(PENDING, None)


def consumer(workers: int, **options) -> Consumer:
    """A worker for the queue: `workers` threads; SIGTERM stops it once the running tasks end, SIGINT at once."""
    return huey.create_consumer(workers=workers, worker_type="thread", graceful_signal="TERM", **options)
