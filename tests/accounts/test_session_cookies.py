"""Session cookies (security.md S4, S5): Secure and named __Host-session unless in development over plain http, and
a session signed out when its cookie is used from another browser or client address."""

import click
import pytest
from flask.cli import FlaskGroup, run_command

from portal import create_app
from portal.accounts.models import Role
from portal.config import Config
from portal.extensions import db
from tests.conftest import PASSWORD

SECURE = ("SESSION_COOKIE_SECURE", "PORTAL_SESSION_COOKIE_SECURE")


@pytest.fixture
def production_app(database_url, monkeypatch):
    """create_app(**settings) as a server would call it: no TESTING, no cookie setting in the environment."""
    monkeypatch.setattr(Config, "SESSION_COOKIE_SECURE", None)
    for name in SECURE:
        monkeypatch.delenv(name, raising=False)

    def make(**settings):
        return create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url, **settings})

    return make


def test_cookies_are_secure_and_host_prefixed_by_default(production_app):
    app = production_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True and app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"


def test_cookies_go_over_plain_http_in_debug_mode_and_when_turned_off(production_app, monkeypatch):
    app = production_app(DEBUG=True)
    assert app.config["SESSION_COOKIE_SECURE"] is False and app.config["SESSION_COOKIE_NAME"] == "session"
    monkeypatch.setenv("PORTAL_SESSION_COOKIE_SECURE", "0")
    app = production_app()
    assert app.config["SESSION_COOKIE_SECURE"] is False and app.config["REMEMBER_COOKIE_SECURE"] is False
    assert app.config["SESSION_COOKIE_NAME"] == "session"


def test_flask_run_serves_plain_http_unless_given_a_certificate(production_app):
    root = click.Context(FlaskGroup(), info_name="flask")
    with click.Context(run_command, parent=root, info_name="run") as context:
        context.params = {"cert": None}
        assert production_app().config["SESSION_COOKIE_SECURE"] is False
        context.params = {"cert": "adhoc"}
        assert production_app().config["SESSION_COOKIE_SECURE"] is True
    with click.Context(click.Command("upgrade"), parent=root, info_name="upgrade"):
        assert production_app().config["SESSION_COOKIE_SECURE"] is True


def test_session_cookie_used_from_another_browser_is_signed_out(app, client, auth):
    auth.login(Role.OFFICER)
    cookie = client.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    response = thief.get("/profile", headers={"User-Agent": "Mozilla/5.0 (elsewhere)"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/profile").status_code == 200  # the owner's browser is still signed in


def test_session_cookie_used_from_another_address_is_signed_out(app, client, auth):
    auth.login(Role.OFFICER)
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    response = thief.get("/profile", environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/profile").status_code == 200


def test_binding_to_the_address_can_be_turned_off(make_app, make_user):
    app = make_app(SESSION_BIND_TO_CLIENT_ADDRESS=False)
    client = app.test_client()
    with app.app_context():
        user = make_user(Role.OFFICER)
        db.session.commit()
        email = user.email
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    assert client.get("/profile", environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code == 200
    assert client.get("/profile", headers={"User-Agent": "Mozilla/5.0 (elsewhere)"}).status_code == 302
