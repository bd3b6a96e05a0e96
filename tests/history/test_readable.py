"""The audit log and History as their readers see them: labels instead of class and column names, names instead of
ids, in the reader's language; a record's History with the entries of its parts; preferences left out."""

import re
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import RelationshipProperty

from portal.accounts.models import Role, User
from portal.audit.models import AuditEntry
from portal.audit.services import PREFERENCES, SKIPPED_FIELDS, batch
from portal.dialogues.models import ActionPlan, ActionPlanDomain
from portal.extensions import db
from portal.history.labels import KINDS, field_label
from portal.participants.models import Attendance
from portal.participants.services import merge_people
from tests import factories


def _text(response) -> str:
    """What the page says, without its markup (option values and links name classes and ids on purpose)."""
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def _entries(**where):
    db.session.expire_all()
    return db.session.scalars(sa.select(AuditEntry).filter_by(**where).order_by(AuditEntry.id)).all()


@pytest.fixture
def project(app):
    """A project whose region and officer changed, with funding lines."""
    officer = factories.user(Role.OFFICER, name="Olga Officer")
    project = factories.project(
        code="PRJ-READ", region=factories.region(name="Danube Region"), start_date=date(2020, 1, 1)
    )
    db.session.commit()
    project.region = factories.region(name="Sahel Region")
    project.officer = officer
    db.session.commit()
    return project


def test_the_log_shows_labels_and_names(client, auth, project):
    dialogue = factories.dialogue(name="Rabat Process")
    plan = ActionPlan(title="Joint Valletta Action Plan", dialogues=[dialogue])
    db.session.add_all([plan, ActionPlanDomain(plan=plan, position=1, title="Legal migration")])
    db.session.commit()
    auth.login(Role.ADMIN, name="Ada Admin")
    client.post("/profile", data={"profile-name": "Ada Renamed", "profile-language": "en"})
    text = _text(client.get("/audit/"))
    for internal in ("ActionPlanDomain", "region_id", "officer_id", "User #", "Project #", "dialogue_id"):
        assert internal not in text, internal
    assert "Action plan domain Legal migration" in text and "Dialogue Rabat Process" in text
    assert "Project PRJ-READ" in text and "User Ada Renamed" in text
    assert "Region Danube Region Sahel Region" in text
    assert "Responsible officer — Olga Officer" in text
    assert "Start date — Jan 1, 2020" in text and "Status — Active" in text
    assert "Account enabled — Yes" in text
    assert "Name Ada Admin Ada Renamed" in text


def test_history_is_in_the_readers_language(client, auth, project):
    auth.login(Role.OFFICER, language="fr")
    text = _text(client.get(f"/history/Project/{project.id}"))
    assert "Historique Projet PRJ-READ" in text
    assert "Région Danube Region Sahel Region" in text
    assert "Responsable — Olga Officer" in text
    assert "Date de début — 1 janv. 2020" in text and "Statut — Actif" in text


def test_a_record_that_is_gone_is_named_by_its_id(client, auth):
    event = factories.event(title="Summit")
    keep = factories.person(first_name="Kept", last_name="Person")
    drop = factories.person(first_name="Dropped", last_name="Duplicate")
    factories.attendance(event, drop)
    db.session.commit()
    drop_id = drop.id
    merge_people(keep, drop)
    db.session.commit()
    auth.login(Role.OFFICER)
    text = _text(client.get(f"/history/Event/{event.id}"))
    assert f"Participant #{drop_id} Kept Person" in text


def test_names_are_looked_up_once_per_table(client, auth, count_queries):
    project = factories.project()
    db.session.commit()
    auth.login(Role.OFFICER)

    def change(n):
        for _ in range(n):
            project.region = factories.region()
            project.officer = factories.user(Role.OFFICER)
            factories.contribution(project, factories.partner(), "10.00")
            db.session.commit()
        with count_queries() as counted:
            text = _text(client.get(f"/history/Project/{project.id}"))
        assert project.region.name in text and project.officer.name in text
        return counted.total

    assert change(2) == change(6)


def test_a_projects_history_lists_its_funding_lines(client, auth):
    project, other = factories.project(code="PRJ-OWN"), factories.project(code="PRJ-OTHER")
    donor = factories.partner(name="Generous Donor")
    kept = factories.contribution(project, donor, "1234.50")
    gone = factories.expenditure(project, 2021, "10.00")
    factories.contribution(other, factories.partner(name="Someone Else"), "5.00")
    db.session.commit()
    kept.amount = 99
    db.session.delete(gone)
    db.session.commit()
    auth.login(Role.MANAGER)
    text = _text(client.get(f"/history/Project/{project.id}"))
    assert f"Changed Contribution {kept.ref}" in text and "Amount 1,234.50 99" in text
    assert "Donor — Generous Donor" in text
    assert "Deleted Expenditure #" in text and "Created Expenditure #" in text
    assert "Someone Else" not in text and "PRJ-OTHER" not in text


def test_an_events_history_lists_its_attendance_for_those_who_see_participants(client, auth):
    event, other = factories.event(title="Summit"), factories.event(title="Other meeting")
    person = factories.person(first_name="Zora", last_name="Zed")
    attendance = factories.attendance(event, person, attended=False)
    factories.attendance(other, factories.person(first_name="Elsewhere"))
    db.session.commit()
    attendance.attended = True
    db.session.commit()
    auth.login(Role.OFFICER)
    text = _text(client.get(f"/history/Event/{event.id}"))
    assert "Changed Attendance Zora Zed Field Before After Attended No Yes" in text
    assert "Created Attendance Zora Zed" in text and "Participant — Zora Zed" in text
    assert "Elsewhere" not in text
    auth.logout()
    auth.login(Role.MANAGER)
    text = _text(client.get(f"/history/Event/{event.id}"))
    assert "Created" in text and "Summit" in text
    assert "Attendance" not in text and "Zora" not in text


def test_rows_imported_in_bulk_appear_in_their_parents_history(app):
    event = factories.event()
    person = factories.person()
    db.session.commit()
    with batch("registration_list", "list") as imported:
        ids = db.session.scalars(
            sa.insert(Attendance).returning(Attendance.id), [{"event_id": event.id, "person_id": person.id}]
        ).all()
        imported.add("Attendance", ids)
    db.session.commit()
    (entry,) = _entries(record_type="Attendance")
    assert entry.parent_id == event.id and entry.batch_id == imported.id


def test_preferences_are_not_changes_to_the_record(client, auth):
    user = auth.login(Role.OFFICER, name="Pia Prefers")
    before = len(_entries(record_type="User", record_id=user.id))
    client.post("/language", data={"language": "fr"})
    client.post("/profile", data={"profile-name": "Pia Prefers", "profile-language": "ru"})
    assert db.session.get(User, user.id).language == "ru"
    assert len(_entries(record_type="User", record_id=user.id)) == before
    client.post("/profile", data={"profile-name": "Pia Renamed", "profile-language": "en"})
    (renamed,) = _entries(record_type="User", record_id=user.id, action="update")
    assert dict(renamed.change_list) == {"name": ["Pia Prefers", "Pia Renamed"]}


def _audited_models():
    for mapper in db.Model.registry.mappers:
        cls = mapper.class_
        if (
            cls is not AuditEntry
            and getattr(cls, "__audited__", True)
            and [c.key for c in mapper.primary_key] == ["id"]
        ):
            yield cls, mapper


def test_every_logged_field_has_a_label(app):
    from portal.audit.services import COLLECTION_NAMES

    missing = []
    for cls, mapper in _audited_models():
        record_type = cls.__name__
        if record_type not in KINDS:
            missing.append(record_type)
            continue
        skipped = SKIPPED_FIELDS | PREFERENCES.get(record_type, frozenset()) | {"id"}
        fields = [attr.key for attr in mapper.column_attrs if attr.key not in skipped]
        fields += [
            COLLECTION_NAMES.get(rel.key, rel.key)
            for rel in mapper.relationships
            if isinstance(rel, RelationshipProperty)
            and rel.uselist
            and not rel.viewonly
            and (rel.secondary is not None or [c.key for c in rel.mapper.primary_key] != ["id"])
        ]
        missing += [f"{record_type}.{name}" for name in fields if str(field_label(record_type, name)) == name]
    assert missing == []
