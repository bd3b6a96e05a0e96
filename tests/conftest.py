import os
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.globals import _cv_app
from flask.testing import FlaskClient

from portal import create_app
from portal.accounts.models import Role
from portal.extensions import db
from tests import factories

TEST_DATABASE = os.environ.get("TEST_DATABASE", "sqlite")
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def postgres():
    """The throwaway PostgreSQL server, when the run is on PostgreSQL."""
    if TEST_DATABASE != "postgresql":
        yield None
        return
    from tests.pgserver import PostgresServer

    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def database_url(postgres, tmp_path_factory):
    """A database with the schema created once for the whole run; tests empty it after themselves."""
    if postgres is not None:
        url = postgres.create_database("portal_test")
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
        return postgres.create_database("portal_empty")
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
def app(app_config):
    app = create_app(app_config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


def _empty_tables():
    tables = list(reversed(db.metadata.sorted_tables))
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture
def make_app(database_url):
    """Build another app with changed settings: make_app(WTF_CSRF_ENABLED=True); disposed afterwards."""
    made = []

    def make(**overrides):
        other = create_app(config_for(database_url, **overrides))
        other.test_client_class = IsolatedClient
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.engine.dispose()


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


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The design documents and seeds beside the repository."""
    return Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture
def tmp_dir():
    with tempfile.TemporaryDirectory() as path:
        yield Path(path)
