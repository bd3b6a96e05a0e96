"""Sign-in and sessions (security.md S1 to S5): password policy, rate limit, timeouts, cookies, fresh sign-in,
two-step sign-in."""

import logging
from datetime import timedelta

import pyotp
import pytest
import sqlalchemy as sa
from flask import Blueprint

from portal.accounts import services
from portal.accounts.access import ALL_ROLES, allow, fresh_login_required
from portal.accounts.models import LoginAttempt, Role, User
from portal.db import utcnow
from portal.errors import DomainError
from portal.extensions import db
from portal.security.passwords import common_passwords, password_problem
from tests.conftest import PASSWORD


def test_common_password_list_is_shipped():
    assert len(common_passwords()) >= 3000
    assert {"password", "123456", "qwerty123456", "1qaz2wsx3edc"} <= common_passwords()


@pytest.mark.parametrize(
    "password, ok",
    [
        ("short", False),
        ("x" * 129, False),
        ("qwerty123456", False),
        ("QWERTY123456", False),
        ("1qaz2wsx3edc", False),
        ("someone@example.org", False),
        ("a long phrase nobody uses", True),
        ("x" * 128, True),
    ],
)
def test_password_policy(password, ok):
    assert (password_problem(password, "someone@example.org") is None) == ok


def test_policy_applies_to_services(app):
    with pytest.raises(DomainError) as error:
        services.create_user(email="a@example.org", name="A", role="officer", password="qwerty123456")
    assert error.value.field == "password"
    user = services.create_user(email="b@example.org", name="B", role="officer", password=PASSWORD)
    with pytest.raises(DomainError) as error:
        services.change_password(user, PASSWORD, "b@example.org")
    assert error.value.field == "new_password"
    with pytest.raises(DomainError):
        services.update_user(
            user, email=user.email, name="B", role="officer", language=None, is_enabled=True, password="1q2w3e4r5t6y"
        )


def test_policy_message_beside_the_field(client, auth):
    auth.login(Role.ADMIN)
    response = client.post(
        "/admin/users/new",
        data={
            "email": "new@example.org",
            "name": "New",
            "role": "officer",
            "language": "en",
            "password": "qwerty123456",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "commonly used passwords" in html and 'id="password-errors"' in html
    assert db.session.scalar(sa.select(User).where(User.email == "new@example.org")) is None


def test_password_change_checks_policy(client, auth):
    auth.login(Role.OFFICER)
    response = client.post(
        "/profile",
        data={
            "password-current_password": PASSWORD,
            "password-new_password": "1qaz2wsx3edc",
            "password-confirm": "1qaz2wsx3edc",
        },
    )
    assert response.status_code == 200 and "commonly used passwords" in response.get_data(as_text=True)


def test_users_cli_refuses_a_common_password(runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "cli@example.org",
            "--name",
            "Cli",
            "--role",
            "manager",
            "--password",
            "qwerty123456",
        ]
    )
    assert result.exit_code != 0 and "commonly used" in result.output


def test_eleventh_failed_sign_in_is_refused_even_with_the_right_password(client, make_user):
    user = make_user(Role.OFFICER)
    db.session.commit()
    for _ in range(10):
        response = client.post("/login", data={"email": user.email, "password": "wrong password"})
        assert response.status_code == 200
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.get_data(as_text=True)
    assert client.get("/profile").status_code == 302


def test_failures_from_one_client_are_limited_across_accounts(client, make_user):
    user = make_user(Role.OFFICER)
    db.session.commit()
    for n in range(10):
        client.post("/login", data={"email": f"nobody{n}@example.org", "password": "wrong password"})
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 429


def test_failures_expire_after_the_window_and_success_clears_them(app, client, make_user):
    user = make_user(Role.OFFICER)
    old = utcnow() - timedelta(minutes=16)
    for _ in range(10):
        services.record_failed_sign_in(user.email, "127.0.0.1", now=old)
    db.session.commit()
    client.post("/login", data={"email": user.email, "password": "wrong password"})
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(LoginAttempt.id))) == 0


def test_idle_timeout(client, auth):
    auth.login(Role.OFFICER)
    with client.session_transaction() as session:
        session["seen"] = (utcnow() - timedelta(minutes=31)).timestamp()
    response = client.get("/profile")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_absolute_timeout_even_when_active(client, auth):
    auth.login(Role.OFFICER)
    with client.session_transaction() as session:
        session["signed_in_at"] = (utcnow() - timedelta(hours=8, minutes=1)).timestamp()
    assert client.get("/profile").status_code == 302


def test_active_session_within_limits_stays(client, auth):
    auth.login(Role.OFFICER)
    with client.session_transaction() as session:
        session["signed_in_at"] = (utcnow() - timedelta(hours=7)).timestamp()
        session["seen"] = (utcnow() - timedelta(minutes=29)).timestamp()
    assert client.get("/profile").status_code == 200


def test_secure_cookie_attributes(make_app, make_user):
    app = make_app(SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    with app.app_context():
        user = make_user(Role.OFFICER)
        db.session.commit()
        email = user.email
    response = client.post("/login", data={"email": email, "password": PASSWORD}, base_url="https://localhost")
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("__Host-session="))
    attributes = {part.strip().split("=")[0].lower() for part in session_cookie.split(";")}
    assert {"secure", "httponly", "path"} <= attributes and "domain" not in attributes
    assert "SameSite=Lax" in session_cookie
    assert not any(c.startswith("remember_token") for c in cookies)


def test_role_change_needs_a_fresh_password(app, client, auth):
    auth.login(Role.ADMIN)
    other = auth.make_user(Role.OFFICER)
    db.session.commit()
    with client.session_transaction() as session:
        session["fresh_at"] = (utcnow() - timedelta(minutes=11)).timestamp()
    form = {"email": other.email, "name": other.name, "role": "admin", "language": "en", "is_enabled": "y"}
    response = client.post(f"/admin/users/{other.id}", data=form)
    assert response.status_code == 302 and "/confirm-password" in response.headers["Location"]
    db.session.expire_all()
    assert db.session.get(User, other.id).role == Role.OFFICER
    assert client.post("/confirm-password", data={"password": "wrong"}).status_code == 200
    response = client.post(f"/confirm-password?next=/admin/users/{other.id}", data={"password": PASSWORD})
    assert response.headers["Location"] == f"/admin/users/{other.id}"
    assert client.post(f"/admin/users/{other.id}", data=form).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, other.id).role == Role.ADMIN


def test_fresh_login_required_decorator(make_app, make_user):
    app = make_app()
    probe = Blueprint("probe", __name__)

    @probe.route("/probe-export")
    @fresh_login_required
    @allow(ALL_ROLES)
    def export():
        return "exported"

    app.register_blueprint(probe)
    client = app.test_client()
    with app.app_context():
        user = make_user(Role.OFFICER)
        db.session.commit()
        email = user.email
    client.post("/login", data={"email": email, "password": PASSWORD})
    assert client.get("/probe-export").get_data(as_text=True) == "exported"
    with client.session_transaction() as session:
        session["fresh_at"] = (utcnow() - timedelta(minutes=11)).timestamp()
    response = client.get("/probe-export")
    assert response.status_code == 302 and "/confirm-password?next=/probe-export" in response.headers["Location"]


def _enrol(client):
    html = client.get("/profile/two-step").get_data(as_text=True)
    secret = html.split('id="totp-secret">')[1].split("<")[0]
    assert "otpauth://totp/" in html
    return secret


def test_totp_enrolment_and_sign_in(app, client, auth):
    user = auth.login(Role.OFFICER)
    secret = _enrol(client)
    response = client.post(
        "/profile/two-step", data={"code": "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"}
    )
    assert response.status_code == 200 and "not right" in response.get_data(as_text=True)
    response = client.post("/profile/two-step", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).totp_secret == secret
    auth.logout()

    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/login/code"
    assert client.get("/profile").status_code == 302
    response = client.post("/login/code", data={"code": "12345"})
    assert response.status_code == 200 and "not right" in response.get_data(as_text=True)
    # the code accepted at enrolment cannot be used again: take the next one
    code = pyotp.TOTP(secret).at(utcnow() + timedelta(seconds=30))
    assert client.post("/login/code", data={"code": code}).status_code == 302
    assert client.get("/profile").status_code == 200


def test_totp_code_cannot_be_replayed(app, make_user):
    user = make_user(Role.OFFICER)
    secret = pyotp.random_base32()
    now = utcnow()
    services.enable_totp(user, secret, pyotp.TOTP(secret).at(now), now=now)
    later = now + timedelta(seconds=30)
    code = pyotp.TOTP(secret).at(later)
    assert services.verify_totp(user, code, now=later)
    assert not services.verify_totp(user, code, now=later)


def test_totp_required_for_admins_sends_them_to_enrolment(make_app, make_user):
    app = make_app(TOTP_REQUIRED_FOR_ADMINS=True)
    client = app.test_client()
    with app.app_context():
        admin, officer = make_user(Role.ADMIN), make_user(Role.OFFICER)
        db.session.commit()
        emails = admin.email, officer.email
    response = client.post("/login", data={"email": emails[0], "password": PASSWORD})
    assert response.headers["Location"] == "/profile/two-step"
    response = client.get("/admin/users")
    assert response.status_code == 302 and response.headers["Location"] == "/profile/two-step"
    assert client.post("/profile/two-step/off", data={"password": PASSWORD}).status_code == 302
    client.post("/logout")
    client.post("/login", data={"email": emails[1], "password": PASSWORD})
    assert client.get("/profile").status_code == 200


def test_totp_can_be_turned_off_with_the_password(app, client, auth):
    user = auth.login(Role.OFFICER)
    secret = _enrol(client)
    client.post("/profile/two-step", data={"code": pyotp.TOTP(secret).now()})
    assert client.post("/profile/two-step/off", data={"password": "wrong"}).status_code == 422
    assert client.post("/profile/two-step/off", data={"password": PASSWORD}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).totp_secret is None


def test_sign_in_logs_carry_no_email(client, make_user, caplog):
    caplog.set_level(logging.INFO, logger="portal")
    user = make_user(Role.OFFICER, email="private.person@example.org")
    db.session.commit()
    client.post("/login", data={"email": user.email, "password": "wrong password"})
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert "sign-in" in caplog.text and "private.person" not in caplog.text


def test_behind_a_trusted_proxy_the_limit_counts_the_client_address(make_app, make_user):
    app = make_app(TRUSTED_PROXIES=1)
    client = app.test_client()
    with app.app_context():
        user = make_user(Role.OFFICER)
        db.session.commit()
        email = user.email
    for n in range(10):
        client.post(
            "/login",
            data={"email": f"other{n}@example.org", "password": "wrong password"},
            headers={"X-Forwarded-For": "203.0.113.7"},
        )
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD}, headers={"X-Forwarded-For": "198.51.100.2"}
    )
    assert response.status_code == 302
    with app.app_context():
        ips = set(db.session.scalars(sa.select(LoginAttempt.ip)))
    assert ips == {"203.0.113.7"}
