"""History and the audit log follow each record's own read rule: whoever may not see a record may not see its
history or its audit entries, and gets the answer the record's own page gives (security review: applicants' draft
concept notes leaked through /history/ConceptNote and /history/NoteSection, staff accounts through /history/User).

The roles and the answers are written out here on purpose, never imported from the code under test."""

import json
from decimal import Decimal
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask import render_template_string
from flask_login import login_user

from portal.accounts.models import Role, User
from portal.audit.models import AuditEntry
from portal.audit.services import batch
from portal.concept_notes import queries as note_queries
from portal.concept_notes import services as concept_notes
from portal.concept_notes.models import ConceptNote
from portal.extensions import db
from tests import factories
from tests.concept_notes import builders

RATE = Decimal("0.07")
ADMIN, MANAGER, OFFICER, APPLICANT = Role.ADMIN, Role.MANAGER, Role.OFFICER, Role.APPLICANT
STAFF_ROLES = (ADMIN, MANAGER, OFFICER)

DRAFT_TITLE = "Draft plan nobody else may read"
DRAFT_TEXT = "Confidential wording of a draft"
SUBMITTED_TITLE = "Submitted plan for review"
STAFF_NAME = "Stafford Accountholder"
PERSON_NAME = "Participantova"

#: what the record's own page answers each staff role: the note page for a note and for its sections, the
#: user's page for an account, the person's page for a person
ANSWERS = {
    "draft note": {ADMIN: 404, MANAGER: 404, OFFICER: 403},
    "draft section": {ADMIN: 404, MANAGER: 404, OFFICER: 403},
    "submitted note": {ADMIN: 200, MANAGER: 200, OFFICER: 403},
    "staff account": {ADMIN: 200, MANAGER: 403, OFFICER: 403},
    "person": {ADMIN: 200, MANAGER: 403, OFFICER: 200},
}
#: what each record's History shows to those who may read it
SHOWN = {
    "draft note": DRAFT_TITLE,
    "draft section": DRAFT_TEXT,
    "submitted note": SUBMITTED_TITLE,
    "staff account": STAFF_NAME,
    "person": PERSON_NAME,
}


@pytest.fixture
def records(app, make_user):
    owner = make_user(APPLICANT, name="Olga Owner")
    with app.test_request_context():
        draft = builders.note(owner, complete=False, title=DRAFT_TITLE)
        section = concept_notes.save_section(draft, "summary", DRAFT_TEXT, opened=0)
        submitted = builders.note(owner, title=SUBMITTED_TITLE)
        concept_notes.submit_note(submitted, actor=owner, rate=RATE, pages=1, limit=15, warning=12)
    staff = make_user(OFFICER, name=STAFF_NAME)
    person = factories.person(last_name=PERSON_NAME)
    db.session.commit()
    return SimpleNamespace(
        owner=owner,
        by_name={
            "draft note": ("ConceptNote", draft.id, f"/concept-notes/{draft.id}"),
            "draft section": ("NoteSection", section.id, f"/concept-notes/{draft.id}"),
            "submitted note": ("ConceptNote", submitted.id, f"/concept-notes/{submitted.id}"),
            "staff account": ("User", staff.id, f"/admin/users/{staff.id}"),
            "person": ("Person", person.id, f"/people/{person.id}"),
        },
    )


def _entries_of(record_type, record_id):
    db.session.expire_all()
    query = sa.select(AuditEntry).where(AuditEntry.record_type == record_type, AuditEntry.record_id == record_id)
    return db.session.scalars(query.order_by(AuditEntry.id)).all()


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_history_and_audit_entries_answer_as_the_record_page_does(client, auth, records, role):
    auth.login(role, name="Selma Self")
    for name, (record_type, record_id, page) in records.by_name.items():
        expected = ANSWERS[name][role]
        assert client.get(page).status_code == expected, f"{name}: the record's own page as {role}"
        response = client.get(f"/history/{record_type}/{record_id}")
        html = response.get_data(as_text=True)
        assert response.status_code == expected, f"{name}: History as {role}"
        assert (SHOWN[name] in html) == (expected == 200), f"{name}: History as {role}"
        entries = _entries_of(record_type, record_id)
        assert entries, name
        # the audit log is the admins' page; to them, an entry answers as its record's page does
        for entry in entries:
            response = client.get(f"/audit/{entry.id}")
            assert response.status_code == (expected if role == ADMIN else 403), f"{name}: audit entry as {role}"


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_everyone_reads_the_history_of_their_own_account_and_no_other(client, auth, records, role):
    user = auth.login(role, name="Selma Self")
    assert client.get("/profile").status_code == 200
    response = client.get(f"/history/User/{user.id}")
    assert response.status_code == 200 and "Selma Self" in response.get_data(as_text=True)
    owner = client.get(f"/history/User/{records.owner.id}")
    assert owner.status_code == (200 if role == ADMIN else 403)


@pytest.mark.parametrize("owner", [True, False], ids=["the note's owner", "another applicant"])
def test_applicants_reach_neither_history_nor_the_audit_log(client, auth, records, owner):
    if owner:
        auth.login(user=records.owner)
    else:
        auth.login(APPLICANT)
    assert client.get("/audit/").status_code == 403
    for record_type, record_id, _page in records.by_name.values():
        assert client.get(f"/history/{record_type}/{record_id}").status_code == 403
        for entry in _entries_of(record_type, record_id):
            assert client.get(f"/audit/{entry.id}").status_code == 403


def test_the_audit_log_and_its_searches_leave_out_what_the_admin_may_not_read(app, client, auth, records, monkeypatch):
    monkeypatch.setitem(app.config, "ITEMS_PER_PAGE", 1000)
    auth.login(ADMIN)
    everything = client.get("/audit/").get_data(as_text=True)
    assert SUBMITTED_TITLE in everything and STAFF_NAME in everything and PERSON_NAME in everything
    assert DRAFT_TITLE not in everything and DRAFT_TEXT not in everything
    draft_id = records.by_name["draft note"][1]
    section_id = records.by_name["draft section"][1]
    assert f'/history/ConceptNote/{draft_id}"' not in everything
    assert f'/history/NoteSection/{section_id}"' not in everything

    notes = client.get("/audit/?record_type=ConceptNote").get_data(as_text=True)
    assert SUBMITTED_TITLE in notes and DRAFT_TITLE not in notes
    sections = client.get("/audit/?record_type=NoteSection").get_data(as_text=True)
    assert "Western Balkans" in sections and DRAFT_TEXT not in sections
    signed_out_since_2000 = client.get("/audit/?user=0&date_from=2000-01-01").get_data(as_text=True)
    assert SUBMITTED_TITLE in signed_out_since_2000 and DRAFT_TITLE not in signed_out_since_2000


def test_an_import_entry_lists_only_the_rows_the_admin_may_read(client, auth, records):
    draft = db.session.get(ConceptNote, records.by_name["draft note"][1])
    with batch("test", "rows.xlsx") as imported:
        factories.project(code="VISIBLE-ROW")
        concept_notes.save_section(draft, "context", "Batched draft wording", opened=0)
    db.session.commit()
    auth.login(ADMIN)
    html = client.get(f"/audit/{imported.id}").get_data(as_text=True)
    assert "VISIBLE-ROW" in html and "Batched draft wording" not in html


def test_a_record_type_without_a_rule_is_for_admins_only(client, auth):
    region = factories.region(code="R-RULE")
    db.session.commit()
    for role, expected in ((ADMIN, 200), (MANAGER, 403), (OFFICER, 403)):
        auth.login(role)
        assert client.get(f"/history/Region/{region.id}").status_code == expected, role
        auth.logout()


def test_no_history_link_to_a_record_the_user_may_not_read(app, records):
    draft_id, submitted_id = records.by_name["draft note"][1], records.by_name["submitted note"][1]
    staff_id = records.by_name["staff account"][1]
    manager = factories.user(MANAGER)
    db.session.commit()
    page = "{% extends 'base.html' %}"
    with app.test_request_context():
        login_user(db.session.get(User, manager.id))
        assert "/history/" not in render_template_string(page, record=db.session.get(ConceptNote, draft_id))
        assert "/history/" not in render_template_string(page, record=db.session.get(User, staff_id))
        shown = render_template_string(page, record=db.session.get(ConceptNote, submitted_id))
        assert f"/history/ConceptNote/{submitted_id}" in shown


def test_the_lists_rule_is_the_pages_rule(app, records):
    """The SQL that filters the audit log lets through exactly the entries whose pages answer 200."""
    from portal.history.rules import can_read, readable_entries

    users = [factories.user(role) for role in (ADMIN, MANAGER, OFFICER, APPLICANT)] + [records.owner]
    db.session.commit()
    db.session.expire_all()
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.record_type.is_not(None))).all()
    notes = db.session.scalars(sa.select(ConceptNote)).all()
    for user in users:
        user = db.session.get(User, user.id)
        listed = set(db.session.scalars(sa.select(AuditEntry.id).where(readable_entries(user))))
        readable = {e.id for e in entries if can_read(user, e.record_type, e.record_id)}
        assert listed & {e.id for e in entries} == readable, user.role
        note_ids = set(db.session.scalars(note_queries.readable_note_ids(user)))
        assert note_ids == {n.id for n in notes if note_queries.may_read(n, user)}, user.role


def test_a_reference_to_a_record_the_reader_may_not_read_is_not_named(client, auth, records):
    """A note copied from a draft: the copy's History names the draft only to those who may read the draft (an
    admin may not)."""
    submitted_id, draft_id = records.by_name["submitted note"][1], records.by_name["draft note"][1]
    db.session.execute(
        sa.insert(AuditEntry).values(
            action="update",
            record_type="ConceptNote",
            record_id=submitted_id,
            changes=json.dumps({"copied_from_id": [None, draft_id]}),
        )
    )
    db.session.commit()
    auth.login(ADMIN)
    html = client.get(f"/history/ConceptNote/{submitted_id}").get_data(as_text=True)
    assert f"#{draft_id}<" in html and DRAFT_TITLE not in html
