"""Invitations and password resets end to end: a real worker sends the mail to a real SMTP server, and the link in
the mail that arrived sets the password, once."""

import re

import pytest

from portal.accounts.models import Role, User
from portal.extensions import db
from tests.conftest import PASSWORD

pytestmark = pytest.mark.commits

NEW_PASSWORD = "a long and quiet river at dawn"
LINK = re.compile(r"https://portal\.example\.org(/password/set/\S+)")


@pytest.fixture
def app_config(mail_config):
    return mail_config


def _link_in(message) -> str:
    return LINK.search(message.get_content())[1]


def _choose(client, link, **fields):
    return client.post(link, data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD, **fields})


def _signs_in(app, email, password) -> bool:
    return app.test_client().post("/login", data={"email": email, "password": password}).status_code == 302


def test_an_invitation_arrives_and_its_link_sets_the_password_once(app, auth, smtp_server, task_worker):
    auth.login(Role.ADMIN)
    response = auth.client.post(
        "/admin/users/invite", data={"email": "Nadia@Example.org", "name": "", "role": "applicant", "language": "fr"}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/admin/users"
    (message,) = smtp_server.wait_for(1)
    assert message["To"] == "Nadia@Example.org"
    assert message["From"] == "portal@example.org"
    body = message.get_content()
    assert "Portail des migrations" in body  # in the language chosen for the invitation
    link = _link_in(message)

    invited = app.test_client()
    page = invited.get(link).get_data(as_text=True)
    assert "Nadia@Example.org" in page
    assert _choose(invited, link, name="Nadia Haddad").status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "Nadia@Example.org"))
    assert (user.name, user.role, user.language) == ("Nadia Haddad", Role.APPLICANT, "fr")
    assert _signs_in(app, "nadia@example.org", NEW_PASSWORD)

    assert invited.get(link).status_code == 404
    assert _choose(invited, link, name="Someone else").status_code == 404


def test_flask_users_invite_sends_the_invitation(app, runner, smtp_server, task_worker):
    result = runner.invoke(args=["users", "invite", "officer@example.org", "--role", "officer", "--name", "Omar"])
    assert result.exit_code == 0, result.output
    assert "Invited officer@example.org as officer" in result.output
    (message,) = smtp_server.wait_for(1)
    assert message["To"] == "officer@example.org" and "Hello Omar," in message.get_content()
    assert _choose(app.test_client(), _link_in(message), name="Omar").status_code == 302
    assert _signs_in(app, "officer@example.org", NEW_PASSWORD)

    again = runner.invoke(args=["users", "invite", "OFFICER@example.org", "--role", "admin"])
    assert again.exit_code == 1 and "already exists" in again.output


def test_forgot_password_mails_a_link_in_the_users_language(app, client, make_user, smtp_server, task_worker):
    user = make_user(Role.MANAGER, language="ru")
    db.session.commit()
    assert client.post("/password/forgot", data={"email": user.email.upper()}).status_code == 302
    (message,) = smtp_server.wait_for(1)
    assert message["To"] == user.email
    assert "Портал по вопросам миграции" in message.get_content()
    link = _link_in(message)
    assert _choose(client, link).status_code == 302
    assert _signs_in(app, user.email, NEW_PASSWORD) and not _signs_in(app, user.email, PASSWORD)
    assert client.get(link).status_code == 404


def test_forgot_password_sends_nothing_for_an_unknown_or_disabled_address(
    app, client, make_user, smtp_server, task_worker
):
    disabled = make_user(Role.OFFICER, is_enabled=False)
    user = make_user(Role.OFFICER)
    db.session.commit()
    for email in ("nobody@example.org", disabled.email, user.email):
        assert client.post("/password/forgot", data={"email": email}).status_code == 302
    # one worker runs the tasks in order: once the last one's mail is here, the others sent nothing
    (message,) = smtp_server.wait_for(1)
    assert message["To"] == user.email
