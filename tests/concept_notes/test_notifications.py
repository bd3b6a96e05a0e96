"""The people of a concept note hear of what happens to it by e-mail, through the real worker and SMTP server."""

from decimal import Decimal

import pytest

from portal.accounts.models import Role
from portal.concept_notes import services
from portal.concept_notes.models import NoteStatus
from portal.extensions import db
from tests.concept_notes import builders


@pytest.fixture
def app_config(mail_config):
    return mail_config


def _recipients(messages) -> dict[str, str]:
    return {message["To"]: message["Subject"] for message in messages}


@pytest.mark.commits
def test_invitation_submission_comment_and_decision_each_reach_whom_they_concern(
    app, make_user, smtp_server, task_worker
):
    owner = make_user(Role.APPLICANT, name="Amina")
    colleague = make_user(Role.APPLICANT, name="Bruno", language="fr")
    reviewer = make_user(Role.MANAGER, name="Rashid")
    make_user(Role.OFFICER)  # officers do not review
    note = builders.note(owner, title="Labour mobility")
    invitation = services.invite_collaborator(note, colleague.email.upper(), actor=owner)
    services.invite_collaborator(note, "nobody@example.org", actor=owner)
    db.session.commit()
    (invited,) = smtp_server.wait_for(1)
    assert invited["To"] == colleague.email and "note conceptuelle" in invited["Subject"]

    services.accept_invitation(invitation, colleague)
    services.submit_note(note, actor=owner, rate=Decimal("0.07"), pages=1, limit=15, warning=12)
    db.session.commit()
    assert _recipients(smtp_server.wait_for(2)[1:]) == {reviewer.email: "Concept note submitted: Labour mobility"}

    services.add_comment(note, actor=reviewer, section="budget", body="Please detail line 3.")
    services.decide(note, NoteStatus.RETURNED, actor=reviewer)
    db.session.commit()
    later = smtp_server.wait_for(6)[2:]
    assert sorted(message["To"] for message in later) == sorted([owner.email, colleague.email] * 2)
    assert any("Please detail line 3." in message.get_content() for message in later)
    assert any(message["Subject"] == "Concept note returned: Labour mobility" for message in later)
