"""The sign-in limit (security.md S2) counts failures per address from one client, per client, and per address from
every client over a longer window: someone guessing cannot lock the owner out, and the refusal says when to retry."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.accounts import services
from portal.accounts.models import LoginAttempt, Role
from portal.db import utcnow
from portal.extensions import db
from tests.conftest import PASSWORD

ATTACKER, OWNER = "203.0.113.7", "198.51.100.2"


@pytest.fixture
def proxied(make_app, make_user):
    """An app behind one trusted proxy, so that each request can come from the client address it names; and an
    account on it. Returns (client, email)."""
    app = make_app(TRUSTED_PROXIES=1)
    with app.app_context():
        user = make_user(Role.OFFICER)
        db.session.commit()
        email = user.email
    return app.test_client(), email


def _sign_in(client, email, password, address):
    return client.post("/login", data={"email": email, "password": password}, headers={"X-Forwarded-For": address})


def test_failures_from_one_client_do_not_lock_the_owner_out_elsewhere(proxied):
    client, email = proxied
    for _ in range(10):
        assert _sign_in(client, email, "wrong password", ATTACKER).status_code == 200
    assert _sign_in(client, email, PASSWORD, ATTACKER).status_code == 429
    owner = client.application.test_client()
    assert _sign_in(owner, email, PASSWORD, OWNER).status_code == 302
    # the owner's sign-in forgets only the owner's own failures: the attacker is still refused
    assert _sign_in(client, email, PASSWORD, ATTACKER).status_code == 429


def test_failures_of_one_address_from_many_clients_are_limited(app, proxied):
    client, email = proxied
    start = utcnow() - timedelta(minutes=30)
    for n in range(49):
        services.record_failed_sign_in(email, f"10.0.{n}.1", now=start + timedelta(seconds=n))
    db.session.commit()
    assert _sign_in(client, "someone.else@example.org", "wrong password", "10.0.99.1").status_code == 200
    assert _sign_in(client, email, "wrong password", "10.0.50.1").status_code == 200  # the 50th
    response = _sign_in(client, email, PASSWORD, OWNER)
    assert response.status_code == 429
    # the limit lifts an hour after the oldest of the 50 failures
    assert "please try again in 30 minutes" in response.get_data(as_text=True)
    assert 29 * 60 < int(response.headers["Retry-After"]) <= 30 * 60


def test_the_refusal_says_when_to_try_again(app, client, make_user):
    user = make_user(Role.OFFICER)
    for n in range(10):
        services.record_failed_sign_in(user.email, "127.0.0.1", now=utcnow() - timedelta(minutes=5, seconds=n))
    db.session.commit()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "Too many failed sign-ins. For your security, please try again in 10 minutes." in html
    assert 9 * 60 < int(response.headers["Retry-After"]) <= 10 * 60
    client.post("/language", data={"language": "fr"})
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429 and "réessayer dans 10 minutes" in response.get_data(as_text=True)
    client.post("/language", data={"language": "ru"})
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429 and "через 10 минут" in response.get_data(as_text=True)


def test_blocked_until_is_when_the_limiting_failure_leaves_its_window(app):
    now = utcnow()
    for n in range(10):
        services.record_failed_sign_in("a@example.org", "192.0.2.1", now=now - timedelta(minutes=n))
    limits = {"limit": 10, "ip_limit": 10, "address_limit": 50, "now": now}
    until = services.sign_in_blocked_until("A@example.org ", "192.0.2.1", **limits)
    assert until == now - timedelta(minutes=9) + services.FAILURE_WINDOW
    assert services.sign_in_blocked_until("a@example.org", "192.0.2.2", **limits) is None
    assert services.sign_in_blocked_until("b@example.org", "192.0.2.1", **limits) == until  # the client's limit
    assert services.sign_in_blocked_until("a@example.org", "192.0.2.1", **{**limits, "now": until}) is None


def test_failures_are_kept_for_the_longer_window_only(app):
    now = utcnow()
    services.record_failed_sign_in("a@example.org", "192.0.2.1", now=now - timedelta(minutes=61))
    services.record_failed_sign_in("a@example.org", "192.0.2.1", now=now - timedelta(minutes=59))
    services.record_failed_sign_in("a@example.org", "192.0.2.1", now=now)
    assert db.session.scalar(sa.select(sa.func.count(LoginAttempt.id))) == 2
