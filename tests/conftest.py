import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.globals import _cv_app
from flask.testing import FlaskClient

from portal import create_app
from portal.accounts.models import Role
from portal.extensions import db
from portal.search import index as search_index
from tests import factories

TEST_DATABASE = os.environ.get("TEST_DATABASE", "sqlite")
PASSWORD = "correct horse battery staple"

# A session bound to the test's connection (see `app`) works in a savepoint of the outer transaction: its commit
# releases the savepoint, its rollback returns to it. Sessions bound to an engine, as in production, are unaffected.
db.session.session_factory.configure(join_transaction_mode="create_savepoint")


def pytest_configure(config):
    """On PostgreSQL, the run's first process starts the one server that every test worker uses."""
    if TEST_DATABASE != "postgresql" or hasattr(config, "workerinput"):
        return
    from tests.pgserver import PostgresServer

    config.portal_postgres = PostgresServer().start()
    config.portal_postgres.publish()


def pytest_unconfigure(config):
    server = getattr(config, "portal_postgres", None)
    if server is not None:
        server.stop()


def pytest_collection_modifyitems(items):
    """A test that reaches a database is marked `db`: the PostgreSQL run (make test) selects those."""
    for item in items:
        if "database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session")
def postgres():
    """The run's PostgreSQL server, when the run is on PostgreSQL."""
    if TEST_DATABASE != "postgresql":
        return None
    from tests.pgserver import PostgresServer

    return PostgresServer.published()


def _database_name(base: str) -> str:
    """One database per test worker: `portal_test_gw0`, or `portal_test` without workers."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"{base}_{worker}" if worker else base


@pytest.fixture(scope="session")
def database_url(postgres, tmp_path_factory):
    """A database with the schema created once for the worker; each test's writes are rolled back."""
    if postgres is not None:
        url = postgres.create_database(_database_name("portal_test"))
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.db'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return url


@pytest.fixture(scope="session")
def empty_database_url(postgres, tmp_path_factory):
    """Another database with no tables at all, for migration tests."""
    if postgres is not None:
        return postgres.create_database(_database_name("portal_empty"))
    return f"sqlite:///{tmp_path_factory.mktemp('empty') / 'empty.db'}"


def config_for(database_url, **overrides):
    return {
        "TESTING": True,
        "SECRET_KEY": "test secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": None,
        **overrides,
    }


@pytest.fixture
def app_config(database_url):
    """Settings for the test app; a test module may override this fixture to change them."""
    return config_for(database_url)


class IsolatedClient(FlaskClient):
    """Each request gets its own app context (and so its own db.session and g), as in production,
    even while the test holds one open; commit test data before making requests."""

    def open(self, *args, **kwargs):
        token = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)


@pytest.fixture
def app(app_config, request):
    """The app, its context pushed. Everything the test and its requests write happens inside one outer
    transaction that is rolled back at the end: commits only release a savepoint. A test marked `commits`
    (threads or processes that need their own connections) really commits, and so do browser tests, whose server
    runs in another thread; the tables are emptied after them."""
    app = create_app(app_config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        if request.node.get_closest_marker("commits") or request.node.get_closest_marker("browser"):
            yield app
            db.session.remove()
            _empty_tables()
            db.engine.dispose()
            return
        engine = db.engine
        with engine.connect() as connection:
            outer = connection.begin()
            if connection.dialect.name == "sqlite":
                # pysqlite begins a transaction only before a write, and a SAVEPOINT outside a transaction starts
                # one that its RELEASE would commit: begin for real so that savepoints nest inside it
                connection.exec_driver_sql("BEGIN")
            _bind(app, connection)
            try:
                yield app
            finally:
                db.session.remove()
                outer.rollback()
                _bind(app, engine)
        engine.dispose()


def _bind(app, bind):
    """Make every session of `app` use `bind` (Flask-SQLAlchemy's sessions take their engine from here)."""
    db._app_engines[app][None] = bind


def _empty_tables():
    tables = list(reversed(db.metadata.sorted_tables))
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())
        # the search index is not a model's table: what it holds of the rows just deleted goes too
        connection.execute(sa.delete(sa.table(search_index.TABLE)))


@pytest.fixture
def make_app(app, database_url):
    """Build another app with changed settings: make_app(WTF_CSRF_ENABLED=True). It shares the test's database
    connection, and so sees what the test wrote."""

    def make(**overrides):
        other = create_app(config_for(database_url, **overrides))
        other.test_client_class = IsolatedClient
        with other.app_context():
            db.engine.dispose()
        _bind(other, db._app_engines[app][None])
        return other

    return make


@pytest.fixture
def count_queries(app):
    """count_queries() as a context manager counts the SQL statements run inside it:
    `with count_queries() as counted: ...; assert counted.total == 3`."""

    class Counted:
        total = 0
        statements: list[str]

    @contextmanager
    def counting():
        counted = Counted()
        counted.statements = []

        def count(conn, cursor, statement, parameters, context, executemany):
            if not statement.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")):
                counted.total += 1
                counted.statements.append(statement)

        engine = db.engine.engine  # the test's connection's engine
        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            yield counted
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)

    return counting


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """Create an account: make_user(role="officer", email=None, password=PASSWORD)."""

    def make(role=Role.OFFICER, **kwargs):
        return factories.user(role=role, password=kwargs.pop("password", PASSWORD), **kwargs)

    return make


class AuthActions:
    def __init__(self, client, make_user):
        self.client = client
        self.make_user = make_user
        self.user = None

    def login(self, role=Role.OFFICER, user=None, **kwargs):
        """Sign in through the form as a new account of `role`, or as `user`; returns the user."""
        self.user = user or self.make_user(role, **kwargs)
        db.session.commit()
        response = self.client.post("/login", data={"email": self.user.email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return self.user

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client, make_user):
    return AuthActions(client, make_user)


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 that keeps the mails it receives (tests/smtp.py)."""
    from tests.smtp import SmtpServer

    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def mail_config(database_url, smtp_server, tmp_path):
    """Settings that queue tasks in an SQLite file of their own and send mail to `smtp_server`, retrying at once;
    a test module returns them from its `app_config` fixture, and starts `task_worker` to run the tasks."""
    return config_for(
        database_url,
        TASK_QUEUE_URL=f"sqlite:///{tmp_path / 'tasks.db'}",
        MAIL_RETRY_DELAY=0,
        MAIL_DEFAULT_SENDER="portal@example.org",
        EXTERNAL_URL="https://portal.example.org",
        **smtp_server.settings,
    )


@pytest.fixture
def task_worker(app, request):
    """A real worker of the app's task queue, one thread, as `flask jobs worker` runs it. Its tasks use connections
    of their own: tests with a worker are marked `commits`."""
    from portal import queue

    marked = request.node.get_closest_marker("commits") or request.node.get_closest_marker("browser")
    assert marked, "a test with a task worker must be marked commits"

    consumer = queue.consumer(1, periodic=False, initial_delay=0.01, max_delay=0.05, check_worker_health=False)
    # the worker's threads without consumer.run(), whose signal handlers would replace pytest's
    consumer.scheduler.start()
    for _, thread in consumer.worker_threads:
        thread.start()
    yield consumer
    consumer.stop(graceful=True)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The design documents and seeds beside the repository."""
    return Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture
def tmp_dir():
    with tempfile.TemporaryDirectory() as path:
        yield Path(path)
