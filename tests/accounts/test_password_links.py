"""Links to choose a password (invitations and password resets): signed, expiring, single-use; and the pages that
ask for them. The mails themselves, through a worker and an SMTP server, are in test_password_mail.py."""

import re
from datetime import timedelta

import pytest

from portal.accounts import password_links, services
from portal.accounts.models import Role, User
from portal.db import utcnow
from portal.extensions import db
from tests.conftest import PASSWORD

NEW_PASSWORD = "a long and quiet river at dawn"


def _link(user, purpose, **kwargs):
    return f"/password/set/{password_links.make_token(user, purpose, **kwargs)}"


def _choose(client, link, password=NEW_PASSWORD, **fields):
    return client.post(link, data={"new_password": password, "confirm": password, **fields})


def _signs_in(app, email, password) -> bool:
    response = app.test_client().post("/login", data={"email": email, "password": password})
    return response.status_code == 302


def test_a_reset_link_sets_the_password_once(app, client, make_user):
    user = make_user(Role.OFFICER)
    db.session.commit()
    link = _link(user, password_links.RESET)
    page = client.get(link)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert 'name="new_password"' in page.get_data(as_text=True) and 'name="name"' not in page.get_data(as_text=True)
    response = _choose(client, link)
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert _signs_in(app, user.email, NEW_PASSWORD)
    assert not _signs_in(app, user.email, PASSWORD)
    # used: the link no longer works, for reading or for setting
    assert client.get(link).status_code == 404
    assert _choose(client, link, "yet another long password here").status_code == 404
    assert _signs_in(app, user.email, NEW_PASSWORD)


def test_an_invitation_link_sets_the_name_too(app, client, make_user):
    user = services.invite_user(email="nadia@example.org", role="applicant")
    db.session.commit()
    link = _link(user, password_links.INVITATION)
    page = client.get(link).get_data(as_text=True)
    assert 'name="name"' in page and 'value="nadia"' in page
    assert _choose(client, link, name="Nadia Haddad").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).name == "Nadia Haddad"
    assert _signs_in(app, "nadia@example.org", NEW_PASSWORD)


@pytest.mark.parametrize(
    ("purpose", "age"),
    [(password_links.RESET, timedelta(hours=1, minutes=1)), (password_links.INVITATION, timedelta(days=7, minutes=1))],
)
def test_an_expired_link_is_refused(app, client, make_user, purpose, age):
    user = make_user(Role.OFFICER)
    db.session.commit()
    link = _link(user, purpose, now=utcnow() - age)
    response = client.get(link)
    assert response.status_code == 404
    assert "This link no longer works" in response.get_data(as_text=True)
    assert _choose(client, link).status_code == 404
    assert _signs_in(app, user.email, PASSWORD)
    # a little younger, the same link works
    assert client.get(_link(user, purpose, now=utcnow() - age + timedelta(minutes=2))).status_code == 200


def test_a_link_stops_working_when_the_address_changes_or_the_account_is_disabled(app, client, make_user):
    user = make_user(Role.OFFICER)
    db.session.commit()
    link = _link(user, password_links.RESET)
    user.email = "moved@example.org"
    db.session.commit()
    assert client.get(link).status_code == 404
    link = _link(user, password_links.RESET)
    user.is_enabled = False
    db.session.commit()
    assert client.get(link).status_code == 404


def test_a_forged_link_is_refused(app, client, make_user):
    user = make_user(Role.OFFICER)
    db.session.commit()
    token = password_links.make_token(user, password_links.RESET)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/password/set/{forged}").status_code == 404
    other_key = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = "another secret"
    try:
        signed_elsewhere = password_links.make_token(user, password_links.RESET)
    finally:
        app.config["SECRET_KEY"] = other_key
    assert client.get(f"/password/set/{signed_elsewhere}").status_code == 404


def test_the_new_password_follows_the_password_rules(app, client, make_user):
    user = make_user(Role.OFFICER)
    db.session.commit()
    link = _link(user, password_links.RESET)
    for password in ("too short", user.email, "password1234"):
        response = _choose(client, link, password)
        assert response.status_code == 200 and "invalid-feedback" in response.get_data(as_text=True)
    mismatch = client.post(link, data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "!"})
    assert "Passwords differ." in mismatch.get_data(as_text=True)
    assert _signs_in(app, user.email, PASSWORD)


def test_forgot_password_answers_the_same_whether_or_not_the_address_has_an_account(app, client, make_user):
    user = make_user(Role.OFFICER)
    db.session.commit()
    huey = app.extensions["huey"]
    answers = []
    for email in (user.email, "nobody@example.org"):
        response = client.post("/password/forgot", data={"email": email})
        answers.append(
            (response.status_code, response.headers["Location"], client.get("/login").get_data(as_text=True))
        )
    assert answers[0] == answers[1]
    assert answers[0][:2] == (302, "/login")
    assert "a link to choose a new password is on its way" in answers[0][2]
    # the same work either way: one task each, which looks for the account in the worker
    assert [(task.name, task.args[0]) for task in huey.pending()] == [
        ("send_password_reset", user.email),
        ("send_password_reset", "nobody@example.org"),
    ]


def test_forgot_password_is_limited_like_sign_in(make_app, make_user):
    app = make_app(LOGIN_FAILURE_LIMIT=3)
    client = app.test_client()
    for _ in range(3):
        assert client.post("/password/forgot", data={"email": "someone@example.org"}).status_code == 302
    refused = client.post("/password/forgot", data={"email": "someone@example.org"})
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert app.extensions["huey"].pending_count() == 3


def test_the_sign_in_page_links_to_forgot_password(client):
    assert 'href="/password/forgot"' in client.get("/login").get_data(as_text=True)


def _csrf_token(client, url) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(url).get_data(as_text=True))[1]


def test_every_new_form_needs_its_csrf_token(make_app, make_user):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        user = make_user(Role.OFFICER)
        admin = make_user(Role.ADMIN)
        db.session.commit()
        link = _link(user, password_links.RESET)
        user_email, admin_email = user.email, admin.email
    client = app.test_client()
    token = _csrf_token(client, "/login")
    assert (
        client.post("/login", data={"email": admin_email, "password": PASSWORD, "csrf_token": token}).status_code == 302
    )
    invitation = {"email": "new@example.org", "role": "officer", "language": "en"}
    assert client.post("/admin/users/invite", data=invitation).status_code == 400
    assert client.post("/password/forgot", data={"email": user_email}).status_code == 400
    assert _choose(client, link).status_code == 400
    assert app.extensions["huey"].pending_count() == 0
    assert _signs_in(app, user_email, PASSWORD) is False  # sign-in without its token is refused too
    # with their tokens, the same forms work
    invitation["csrf_token"] = _csrf_token(client, "/admin/users/invite")
    assert client.post("/admin/users/invite", data=invitation).status_code == 302
    forgot = {"email": user_email, "csrf_token": _csrf_token(client, "/password/forgot")}
    assert client.post("/password/forgot", data=forgot).status_code == 302
    password = {"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "csrf_token": _csrf_token(client, link)}
    assert client.post(link, data=password).status_code == 302
