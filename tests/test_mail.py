"""Mail goes out through a real worker to a real SMTP server: after the commit, in the recipient's language, tried
again when the server fails, never when notifications are off."""

from datetime import timedelta

import pytest

from portal import mail
from portal.accounts.models import Role
from portal.concept_notes import services as concept_notes
from portal.concept_notes.models import NoteStatus, ReviewComment
from portal.extensions import db


@pytest.fixture
def app_config(mail_config):
    return mail_config


@pytest.mark.commits
def test_a_mail_the_server_refuses_is_sent_again_and_the_request_succeeded(app, auth, smtp_server, task_worker):
    smtp_server.refuse = 2
    auth.login(Role.ADMIN)
    response = auth.client.post(
        "/admin/users/invite", data={"email": "late@example.org", "role": "officer", "language": "en"}
    )
    assert response.status_code == 302
    (message,) = smtp_server.wait_for(1)
    assert message["To"] == "late@example.org"
    assert smtp_server.refused == 2


@pytest.mark.commits
def test_notifications_go_only_to_those_who_want_them(app, make_user, smtp_server, task_worker):
    quiet = make_user(Role.MANAGER, is_notified=False)
    disabled = make_user(Role.MANAGER, is_enabled=False)
    listening = make_user(Role.MANAGER, language="fr")
    note = concept_notes.create_note(actor=make_user(Role.APPLICANT), title="Safe migration corridors", language="en")
    for user in (quiet, disabled, listening):
        mail.notify(user, "concept_note_submitted", note=note)
    db.session.commit()
    (message,) = smtp_server.wait_for(1)
    assert message["To"] == listening.email
    body = message.get_content()
    assert "Safe migration corridors" in message["Subject"] and "Portail des migrations" in body
    assert f"https://portal.example.org/concept-notes/{note.id}" in body
    assert "https://portal.example.org/profile" in body  # where to turn them off


@pytest.mark.commits
def test_nothing_is_sent_when_the_transaction_rolls_back(app, make_user, smtp_server, task_worker):
    first, second = make_user(Role.MANAGER), make_user(Role.MANAGER)
    db.session.commit()
    note = concept_notes.create_note(actor=make_user(Role.APPLICANT), title="Rolled back", language="en")
    mail.notify(first, "concept_note_submitted", note=note)
    db.session.rollback()
    note = concept_notes.create_note(actor=make_user(Role.APPLICANT), title="Committed", language="en")
    mail.notify(second, "concept_note_submitted", note=note)
    db.session.commit()
    (message,) = smtp_server.wait_for(1)
    assert message["To"] == second.email and "Committed" in message["Subject"]


@pytest.mark.commits
def test_links_in_mails_lead_to_the_external_url_whatever_host_the_request_named(
    app, client, make_user, smtp_server, task_worker
):
    user = make_user(Role.OFFICER)
    db.session.commit()
    client.post("/password/forgot", data={"email": user.email}, base_url="http://attacker.example")
    (message,) = smtp_server.wait_for(1)
    assert "https://portal.example.org/password/set/" in message.get_content()
    assert "attacker.example" not in message.get_content()


@pytest.mark.parametrize("status", [NoteStatus.RETURNED, NoteStatus.ENDORSED])
def test_the_concept_note_notifications_render(app, make_user, status):
    author, reviewer = make_user(Role.APPLICANT, name="Amina"), make_user(Role.MANAGER, name="Rashid")
    note = concept_notes.create_note(actor=author, title="Labour mobility", language="en")
    comment = ReviewComment(author=reviewer, section="budget", body="Please detail line 3.")
    note.status = status
    rendered = {
        "concept_note_invitation": mail.render("concept_note_invitation", "en", note=note, inviter=author),
        "concept_note_submitted": mail.render("concept_note_submitted", "en", note=note),
        "concept_note_decided": mail.render("concept_note_decided", "en", note=note),
        "concept_note_comment": mail.render("concept_note_comment", "en", note=note, comment=comment),
    }
    for name, message in rendered.items():
        assert "Labour mobility" in message["subject"] + message["body"], name
    assert status.value in rendered["concept_note_decided"]["subject"]
    assert "Rashid" in rendered["concept_note_comment"]["body"]
    assert "Please detail line 3." in rendered["concept_note_comment"]["body"]


def test_a_mail_is_rendered_in_the_language_asked_for(app):
    for language, signature in (
        ("en", "Migration portal"),
        ("fr", "Portail des migrations"),
        (None, "Migration portal"),
    ):
        message = mail.render("password_reset", language, link="https://x", lifetime=timedelta(hours=1))
        assert signature in message["body"]


def test_the_profile_turns_notifications_off_and_on(app, auth):
    user = auth.login(Role.APPLICANT)
    form = {"profile-name": user.name, "profile-language": "en"}
    assert auth.client.post("/profile", data=form).status_code == 302
    db.session.refresh(user)
    assert user.is_notified is False
    assert 'name="profile-is_notified"' in auth.client.get("/profile").get_data(as_text=True)
    assert auth.client.post("/profile", data={**form, "profile-is_notified": "y"}).status_code == 302
    db.session.refresh(user)
    assert user.is_notified is True


def test_the_accounts_to_notify_of_a_role_are_the_enabled_ones(app, make_user):
    from portal.accounts.queries import enabled_accounts_in

    manager, admin = make_user(Role.MANAGER, name="B"), make_user(Role.ADMIN, name="A")
    make_user(Role.MANAGER, is_enabled=False)
    make_user(Role.OFFICER)
    assert enabled_accounts_in({Role.MANAGER, Role.ADMIN}) == [admin, manager]
