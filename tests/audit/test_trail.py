"""The audit trail: every kind of change appears in the history with its before and after values."""

import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.audit.services import ERASED, Batch, acting_as, batch, record_event, scrub_personal_data
from portal.extensions import db
from portal.participants.models import Person
from portal.projects.models import Project
from tests import factories


def entries(record_type=None, record_id=None, action=None):
    db.session.flush()
    query = sa.select(AuditEntry).order_by(AuditEntry.id)
    if record_type:
        query = query.where(AuditEntry.record_type == record_type)
    if record_id:
        query = query.where(AuditEntry.record_id == record_id)
    if action:
        query = query.where(AuditEntry.action == action)
    return db.session.scalars(query).all()


def changes(entry):
    return dict(entry.change_list)


def test_create_update_and_delete_are_recorded_with_values(app):
    project = factories.project(title="Old title", start_date=date(2021, 1, 1), countries=["AT"])
    db.session.commit()
    (created,) = entries("Project", project.id)
    assert created.action == "create" and created.source == "cli" and created.actor_id is None
    assert changes(created)["title"] == [None, "Old title"]
    assert changes(created)["start_date"] == [None, "2021-01-01"]
    assert changes(created)["countries"] == [[], ["AT"]]

    project.title = "New title"
    project.end_date = date(2022, 6, 30)
    db.session.commit()
    updated = entries("Project", project.id, "update")[-1]
    assert changes(updated) == {"title": ["Old title", "New title"], "end_date": [None, "2022-06-30"]}

    project_id = project.id
    db.session.delete(project)
    db.session.commit()
    deleted = entries("Project", project_id, "delete")[-1]
    assert changes(deleted)["title"] == ["New title", None]
    assert changes(deleted)["status"] == ["active", None]


def test_money_is_stored_as_exact_text(app):
    project = factories.project()
    donor = factories.partner()
    contribution = factories.contribution(project, donor, "1234.50")
    db.session.commit()
    contribution.amount = Decimal("99.99")
    db.session.commit()
    update = entries("Contribution", contribution.id, "update")[-1]
    assert changes(update)["amount"] == ["1234.50", "99.99"]


def test_collection_changes_are_field_changes(app):
    first, second = factories.thematic_area("T-A"), factories.thematic_area("T-B")
    project = factories.project(countries=["AT", "FR"])
    project.thematic_areas.append(first)
    db.session.commit()
    project.thematic_areas.append(second)
    project.countries = ["FR", "DE"]
    db.session.commit()
    recorded = {}
    for update in entries("Project", project.id, "update")[1:]:
        recorded.update(changes(update))
    assert recorded["thematic_areas"] == [["T-A"], ["T-A", "T-B"]]
    assert recorded["countries"] == [["AT", "FR"], ["DE", "FR"]]
    assert entries("ProjectCountry") == []


def test_unchanged_save_writes_no_entry(app):
    project = factories.project(title="Same")
    db.session.commit()
    project.title = "Same"
    db.session.commit()
    assert [e.action for e in entries("Project", project.id)] == ["create"]


def test_secrets_are_redacted(app):
    user = factories.user(Role.OFFICER)
    db.session.commit()
    user.set_password("another long passphrase")
    db.session.commit()
    update = entries("User", user.id, "update")[-1]
    assert changes(update) == {"password_hash": ["[redacted]", "[redacted]"]}
    assert "scrypt" not in (entries("User", user.id)[0].changes or "")


def test_import_batch_groups_rows(app):
    region = factories.region()
    db.session.commit()
    with batch("projects", "projects.xlsx") as imported:
        one = Project(
            code="IMP-1", title="One", region=region, status="active", start_date=date(2020, 1, 1), currency="EUR"
        )
        db.session.add(one)
        db.session.flush()
        result = db.session.execute(
            sa.insert(Project).returning(Project.id),
            [
                {
                    "code": "IMP-2",
                    "title": "Two",
                    "region_id": region.id,
                    "status": "active",
                    "start_date": date(2020, 1, 1),
                    "currency": "EUR",
                    "version": 1,
                }
            ],
        )
        imported.add("Project", result.scalars().all())
    db.session.commit()
    (parent,) = entries(action="import")
    assert parent.record_type is None
    assert parent.detail_dict["kind"] == "projects" and parent.detail_dict["summary"] == "projects.xlsx"
    assert parent.detail_dict["rows"] == {"Project": 2} and parent.detail_dict["count"] == 2
    children = entries("Project")
    assert {c.batch_id for c in children} == {parent.id} and children[0].record_id == one.id
    assert changes(children[0])["title"] == [None, "One"]


def test_a_big_batch_is_written_as_it_goes(app, monkeypatch):
    monkeypatch.setattr(Batch, "WRITE_EVERY", 3)
    with batch("attendance", "big.xlsx") as imported:
        imported.add("Attendance", [1, 2])
        assert len(imported.pending) == 2 and entries("Attendance") == []
        imported.add("Attendance", [3])
        imported.add("Attendance", [4])
        # the first three are in the transaction already; only the fourth waits in memory
        assert len(imported.pending) == 1 and len(entries("Attendance")) == 3
    (parent,) = entries(action="import")
    assert parent.detail_dict["count"] == 4 and parent.detail_dict["rows"] == {"Attendance": 4}
    assert [e.record_id for e in entries("Attendance")] == [1, 2, 3, 4]
    assert {e.batch_id for e in entries("Attendance")} == {parent.id}


def test_merge_erasure_and_export_events(app):
    keep, gone = factories.person(first_name="Maria"), factories.person(first_name="Mária")
    db.session.commit()
    record_event("merge", keep, {"merged": gone.ref})
    record_event("export", None, {"what": "participants", "count": 2})
    record_event("erase", ("Person", gone.id), {"reason": "request"})
    db.session.commit()
    assert [(e.action, e.record_type) for e in entries(action="merge")] == [("merge", "Person")]
    assert entries(action="merge")[0].detail_dict == {"merged": gone.ref}
    assert entries(action="export")[0].detail_dict == {"what": "participants", "count": 2}
    assert entries(action="erase")[0].record_id == gone.id


def test_scrub_removes_personal_values_and_keeps_the_rest(app):
    person = factories.person(first_name="Ana", last_name="Secret", email="ana@example.org")
    db.session.commit()
    person.first_name, person.last_name, person.email = "-", "-", None
    person.country = "AT"
    changed = scrub_personal_data("Person", person.id, ("first_name", "last_name", "email"))
    db.session.commit()
    assert changed == 2
    text = " ".join(e.changes for e in entries("Person", person.id))
    assert "Ana" not in text and "Secret" not in text and "ana@example.org" not in text
    update = entries("Person", person.id, "update")[-1]
    assert changes(update)["last_name"] == [ERASED, ERASED]
    assert changes(update)["country"] == [None, "AT"]


def test_cli_and_web_actors(app, client, auth):
    user = auth.login(Role.ADMIN)
    old_name = user.name
    with acting_as(user.id, "cli"):
        factories.region(code="R-CLI")
        db.session.commit()
    assert entries("Region")[-1].actor_id == user.id
    client.post("/profile", data={"profile-name": "Renamed", "profile-language": "en"})
    db.session.expire_all()
    entry = entries("User", user.id, "update")[-1]
    assert entry.actor_id == user.id and entry.source == "web"
    assert changes(entry)["name"] == [old_name, "Renamed"]


def test_history_page_and_access(app, client, auth):
    project = factories.project(title="Visible")
    person = factories.person(last_name="Hidden")
    db.session.commit()
    auth.login(Role.MANAGER)
    html = client.get(f"/history/Project/{project.id}").get_data(as_text=True)
    assert "Visible" in html
    assert client.get(f"/history/Person/{person.id}").status_code == 403
    assert client.get("/history/Nothing/1").status_code == 404
    assert client.get("/history/Project/999999").status_code == 404
    auth.logout()
    auth.login(Role.OFFICER)
    assert "Hidden" in client.get(f"/history/Person/{person.id}").get_data(as_text=True)


def test_admin_search_filters_and_is_read_only(app, client, auth):
    admin = auth.login(Role.ADMIN)
    factories.project(title="Alpha")
    db.session.commit()
    client.post("/profile", data={"profile-name": "Admin renamed", "profile-language": "en"})
    by_type = client.get("/audit/?record_type=Project").get_data(as_text=True)
    assert "Alpha" in by_type and f"/history/User/{admin.id}" not in by_type
    by_user = client.get(f"/audit/?user={admin.id}").get_data(as_text=True)
    assert f"/history/User/{admin.id}" in by_user and "Alpha" not in by_user
    assert "Alpha" not in client.get("/audit/?date_to=2000-01-01").get_data(as_text=True)
    assert "Alpha" in client.get("/audit/?user=0").get_data(as_text=True)
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("audit.")]
    assert all(rule.methods <= {"GET", "HEAD", "OPTIONS"} for rule in rules)


def test_history_link_on_record_pages(app):
    from flask import render_template_string

    from portal.accounts.models import User

    project = factories.project()
    person = factories.person()
    manager = factories.user(Role.MANAGER)
    db.session.commit()
    with app.test_request_context():
        from flask_login import login_user

        login_user(db.session.get(User, manager.id))
        page = "{% extends 'base.html' %}"
        assert f"/history/Project/{project.id}" in render_template_string(page, record=project)
        assert "/history/Person/" not in render_template_string(page, record=person)


def test_person_erasure_flow_leaves_no_name_in_the_log(app):
    person = factories.person(first_name="Zelda", last_name="Unique")
    db.session.commit()
    person.first_name, person.last_name = "[erased]", "[erased]"
    scrub_personal_data("Person", person.id)
    record_event("erase", person)
    db.session.commit()
    assert db.session.get(Person, person.id)
    log = " ".join(filter(None, db.session.scalars(sa.select(AuditEntry.changes))))
    assert "Zelda" not in log and "Unique" not in log


def test_nested_batches_make_one_entry(app):
    from portal.audit.services import current_batch

    assert current_batch() is None
    with batch("outer", "workbook.xlsx") as outer:
        with batch("inner"):
            factories.region(code="R-IN")
        assert current_batch() is outer
    db.session.commit()
    (entry,) = entries(action="import")
    assert entry.detail_dict["kind"] == "outer" and entry.detail_dict["count"] == 1


def test_entries_cannot_be_changed_through_the_orm(app):
    factories.region(code="R-RO")
    db.session.commit()
    entry = entries("Region")[0]
    entry.changes = "{}"
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEntry, entry.id))
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()


def test_an_api_tokens_hash_is_redacted(app):
    from portal.api.services import create_token

    token, secret = create_token(factories.user(), "script")
    db.session.commit()
    changes = entries("ApiToken")[0].changes
    assert '"token_hash": [null, "[redacted]"]' in changes and token.token_hash not in changes


def test_models_configured_before_the_trail_is_imported_still_log_their_before_values():
    """Importing a module that builds a query configures the mappers known so far; the trail must still hear them."""
    script = (
        "import portal.concept_notes.services\n"
        "from portal.accounts.models import User\n"
        "assert User.__mapper__.configured\n"
        "from sqlalchemy import event\n"
        "from portal.audit.services import _keep_old_value\n"
        "assert event.contains(User.name, 'set', _keep_old_value)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
