"""GET /health for load balancers: 200 when the database answers and is at the migrations' head, else 503."""

import pytest
import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

from portal import create_app
from portal.accounts.models import Role
from portal.config import ROOT
from portal.extensions import db
from tests.conftest import TEST_DATABASE, config_for


def _scripts() -> ScriptDirectory:
    config = Config(str(ROOT / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return ScriptDirectory.from_config(config)


def _stamp(*revisions):
    """Give the test's database (made by create_all) an alembic_version, as `flask db upgrade` would; rolled back."""
    db.session.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"))
    for revision in revisions:
        db.session.execute(sa.text("INSERT INTO alembic_version (version_num) VALUES (:r)"), {"r": revision})
    db.session.commit()


def test_at_head_answers_200_with_a_tiny_body(client):
    _stamp(_scripts().get_current_head())
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "migrations": "ok"}
    assert len(response.data) < 100
    assert response.headers["Cache-Control"] == "no-store"


def test_head_request_for_probes_that_send_head(client):
    _stamp(_scripts().get_current_head())
    assert client.head("/health").status_code == 200


def test_database_without_migrations_answers_503_naming_the_migrations(client):
    response = client.get("/health")  # the test database is made by create_all: no alembic_version
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "database": "ok", "migrations": "not at head"}


def test_database_behind_the_head_answers_503(client):
    scripts = _scripts()
    head = scripts.get_revision(scripts.get_current_head())
    assert head.down_revision, "needs a migration before the head"
    _stamp(head.down_revision)
    response = client.get("/health")
    assert response.status_code == 503 and response.json["migrations"] == "not at head"


def test_unknown_revision_answers_503(client):
    _stamp("0123456789ab")
    assert client.get("/health").status_code == 503


def test_unreachable_database_answers_503_naming_the_database(tmp_dir):
    if TEST_DATABASE == "postgresql":
        url = "postgresql+psycopg://nobody@127.0.0.1:1/nothing"  # port 1: connection refused at once
    else:
        url = f"sqlite:///{tmp_dir / 'no-such-folder' / 'portal.db'}"
    app = create_app(config_for(url))
    try:
        response = app.test_client().get("/health")
    finally:
        with app.app_context():
            db.engine.dispose()
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "database": "unreachable", "migrations": "unknown"}


def test_no_session_cookie_signed_out(client):
    _stamp(_scripts().get_current_head())
    response = client.get("/health")
    assert "Set-Cookie" not in response.headers


def test_no_session_cookie_even_for_a_signed_in_browser(client, auth):
    _stamp(_scripts().get_current_head())
    auth.login(Role.OFFICER)
    assert "Set-Cookie" in client.get("/profile").headers  # other pages refresh the permanent session's cookie
    response = client.get("/health")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert client.get("/profile").status_code == 200  # and the browser's session is untouched


def test_the_head_is_read_at_startup_not_per_request(client, monkeypatch, count_queries):
    _stamp(_scripts().get_current_head())

    def no_reading(*args, **kwargs):
        raise AssertionError("the migration scripts were read during a request")

    monkeypatch.setattr(ScriptDirectory, "from_config", no_reading)
    monkeypatch.setattr(ScriptDirectory, "__init__", no_reading)
    with count_queries() as counted:
        assert client.get("/health").status_code == 200
    assert counted.total <= 3, counted.statements  # SELECT 1, is there an alembic_version, its rows


def test_reads_no_table_of_the_portal(client, count_queries):
    _stamp(_scripts().get_current_head())
    with count_queries() as counted:
        client.get("/health")
    portal_tables = {table.name for table in db.metadata.sorted_tables}
    for statement in counted.statements:
        named = {word.strip('"(),;') for word in statement.split()}
        assert not named & portal_tables, statement


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_only_get_and_head(client, method):
    assert client.open("/health", method=method).status_code == 405
