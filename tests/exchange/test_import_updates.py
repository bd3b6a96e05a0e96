"""Rows that a workbook changes: written with Core, yet with the History entries, versions and stamps that an edit of
each record through the ORM gives."""

import json
from datetime import datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.audit.services import acting_as
from portal.dialogues.models import Chairmanship, Dialogue
from portal.events.models import Event
from portal.exchange import importing, services, store
from portal.extensions import db
from portal.funding.models import Contribution
from portal.participants.models import Attendance, Person
from portal.partners.models import Partner
from portal.projects.models import Project
from portal.reference.models import DonorCategory, ExchangeRate, Region
from tests import factories
from tests.exchange import workbooks
from tests.exchange.test_import import _versions


def _changed(sheets: dict) -> dict:
    """The portfolio with a change in most sheets: plain values, references, lists, stamped and parented rows."""
    sheets["exchange_rates"][1][2] = 0.86
    sheets["partners"][2][1] = "Swiss Confederation"
    sheets["partners"][2][4] = "EU"
    sheets["chairmanships"][2][3] = "2023-12-31"
    sheets["projects"][1][1] = "Labour mobility II"
    sheets["projects"][1][4] = "LAB"
    sheets["projects"][1][5] = "AT; XK; RS"
    sheets["projects"][2][3] = "EE"
    sheets["contributions"][1][3] = "1600000.50"
    sheets["events"][1][10] = "CH"
    sheets["participants"][1][2] = "Novak-Horvat"
    sheets["participants"][3][4] = "ivan.petrov@example.org"
    sheets["participants"][3][8] = "no"
    sheets["attendance"][2][2] = "speaker"
    sheets["attendance"][2][4] = "yes"
    return sheets


def _id(model, **where):
    return db.session.scalar(sa.select(model.id).filter_by(**where))


def _updates(batch_id):
    """The update entries of an import: (record type, id) -> (parent, changes, actor, source), the changes of a
    record's entries together."""
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.batch_id == batch_id, AuditEntry.action == "update")
    )
    found = {}
    for e in entries:
        _, changes, *_ = found.setdefault((e.record_type, e.record_id), (e.parent_id, {}, e.actor_id, e.source))
        changes.update(json.loads(e.changes))
    return found


@pytest.fixture
def imported(app, tmp_path):
    """The portfolio, imported and committed."""
    assert services.import_workbook(workbooks.save(tmp_path / "portfolio.xlsx", workbooks.portfolio())).ok
    db.session.commit()


def _naive(when):
    """A time as SQLite (without its zone) or PostgreSQL (with it) gives it, in UTC without a zone."""
    when = datetime.fromisoformat(when) if isinstance(when, str) else when
    return when.replace(tzinfo=None)


def _import(path, actor):
    with acting_as(actor.id, "web"):
        report = services.import_workbook(path, actor=actor)
    db.session.commit()
    assert report.ok, [str(p) for p in report.problems]
    return report


def test_changed_rows_give_the_history_entries_of_an_edit(app, imported, tmp_path):
    officer = factories.user(Role.OFFICER)
    db.session.commit()
    path = workbooks.save(tmp_path / "changed.xlsx", _changed(workbooks.portfolio()))
    ivan_before = db.session.scalar(sa.select(Person.consent_recorded_at).filter_by(ref="PER-3"))

    report = _import(path, officer)

    assert {name: counts.updated for name, counts in report.counts.items() if counts.updated} == {
        "exchange_rates": 1,
        "partners": 1,
        "chairmanships": 1,
        "projects": 2,
        "contributions": 1,
        "events": 1,
        "participants": 2,
        "attendance": 1,
    }
    batch_id = db.session.scalar(sa.select(sa.func.max(AuditEntry.id)).where(AuditEntry.action == "import"))
    entries = _updates(batch_id)
    ivan = db.session.scalar(sa.select(Person).filter_by(ref="PER-3"))
    consent_at = entries[("Person", ivan.id)][1].pop("consent_recorded_at")
    assert [_naive(when) for when in consent_at] == [_naive(ivan_before), _naive(ivan.consent_recorded_at)]
    bp, prj1 = _id(Dialogue, code="BP"), _id(Project, code="PRJ-1")
    ev1 = _id(Event, ref="EV-1")
    person2 = _id(Person, ref="PER-2")
    who = officer.id, "web"
    assert entries == {
        ("ExchangeRate", _id(ExchangeRate, currency="USD", year=2021)): (None, {"rate": ["0.85000000", "0.86"]}, *who),
        ("Partner", _id(Partner, ref="CH")): (
            None,
            {
                "name": ["Switzerland", "Swiss Confederation"],
                "donor_category_id": [_id(DonorCategory, code="MS"), _id(DonorCategory, code="EU")],
            },
            *who,
        ),
        ("Chairmanship", _id(Chairmanship, dialogue_id=bp, country="CH")): (
            bp,
            {"end_date": [None, "2023-12-31"]},
            *who,
        ),
        ("Project", prj1): (
            None,
            {
                "title": ["Labour mobility", "Labour mobility II"],
                "thematic_areas": [["LAB", "RET"], ["LAB"]],
                "countries": [["AT", "XK"], ["AT", "RS", "XK"]],
            },
            *who,
        ),
        ("Project", _id(Project, code="PRJ-2")): (
            None,
            {"region_id": [_id(Region, code="WA"), _id(Region, code="EE")]},
            *who,
        ),
        ("Contribution", _id(Contribution, ref="C-1")): (prj1, {"amount": ["1500000.00", "1600000.50"]}, *who),
        ("Event", ev1): (None, {"partners": [["CH", "EU-COM"], ["CH"]]}, *who),
        ("Person", _id(Person, ref="PER-1")): (None, {"last_name": ["Novak", "Novak-Horvat"]}, *who),
        ("Person", ivan.id): (
            None,
            {
                "email": ["IVAN@example.org", "ivan.petrov@example.org"],
                "consent": [True, False],
                "consent_recorded_by_id": [None, officer.id],
            },
            *who,
        ),
        ("Attendance", _id(Attendance, event_id=ev1, person_id=person2)): (
            ev1,
            {"role": ["participant", "speaker"], "attended": [False, True]},
            *who,
        ),
    }
    # the import's entries are these updates, one per changed record
    (summary,) = db.session.scalars(sa.select(AuditEntry.details).where(AuditEntry.id == batch_id))
    assert json.loads(summary)["count"] == len(entries)


def test_changed_rows_get_a_new_version_and_the_workbooks_values(app, imported, tmp_path):
    officer = factories.user(Role.OFFICER)
    db.session.commit()
    before = _versions()
    path = workbooks.save(tmp_path / "changed.xlsx", _changed(workbooks.portfolio()))

    _import(path, officer)

    after = _versions()
    changed = {key for key in after if after[key] != before[key]}
    assert len(changed) == 10
    for key in changed:
        version, updated = after[key]
        assert version == before[key][0] + 1
        assert key[0] in {"ExchangeRate", "Chairmanship", "Attendance"} or updated > before[key][1]
    db.session.expire_all()
    project = db.session.scalar(sa.select(Project).filter_by(code="PRJ-1"))
    assert project.title == "Labour mobility II" and [a.code for a in project.thematic_areas] == ["LAB"]
    assert project.countries == ["AT", "RS", "XK"]
    assert [p.ref for p in db.session.scalar(sa.select(Event).filter_by(ref="EV-1")).partners] == ["CH"]
    swiss = db.session.scalar(sa.select(Partner).filter_by(ref="CH"))
    assert swiss.donor_category.code == "EU"
    ivan = db.session.scalar(sa.select(Person).filter_by(ref="PER-3"))
    assert ivan.email_key == "ivan.petrov@example.org" and ivan.consent is False


def test_an_edit_form_opened_before_the_import_is_refused_after_it(app, imported, tmp_path, client, auth):
    swiss = db.session.scalar(sa.select(Partner).filter_by(ref="CH"))
    opened_at = swiss.version
    _import(workbooks.save(tmp_path / "changed.xlsx", _changed(workbooks.portfolio())), factories.user())
    auth.login(Role.OFFICER)

    form = {"ref": "CH", "name": "Helvetia", "type": "government", "country": "CH", "version": str(opened_at)}
    page = client.post(f"/partners/{swiss.id}/edit", data=form)

    assert page.status_code == 200 and "Changed by someone else" in page.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Partner, swiss.id).name == "Swiss Confederation"


def test_importing_the_changed_workbook_again_changes_nothing(app, imported, tmp_path, row_counts):
    path = workbooks.save(tmp_path / "changed.xlsx", _changed(workbooks.portfolio()))
    officer = factories.user(Role.OFFICER)
    _import(path, officer)
    before, counts = _versions(), row_counts()

    report = _import(path, officer)

    assert all(c.created == c.updated == 0 for c in report.counts.values())
    assert _versions() == before and row_counts() == counts


def test_updates_in_several_batches_are_all_written_and_logged(app, tmp_path, monkeypatch):
    people = [["ref", "first_name", "last_name", "gender", "sector", "consent"]]
    people += [[f"P{n}", "First", f"Last{n}", "female", "government", "no"] for n in range(7)]
    assert services.import_workbook(workbooks.save(tmp_path / "first.xlsx", {"participants": people})).ok
    db.session.commit()
    monkeypatch.setattr(importing, "BATCH", 3)
    for row in people[1:]:
        row[1] = "Changed"

    report = _import(workbooks.save(tmp_path / "second.xlsx", {"participants": people}), factories.user())

    assert report.counts["participants"].updated == 7
    assert set(db.session.scalars(sa.select(Person.first_name))) == {"Changed"}
    assert set(db.session.scalars(sa.select(Person.version))) == {2}
    logged = db.session.scalars(sa.select(AuditEntry.changes).where(AuditEntry.action == "update")).all()
    assert [json.loads(c) for c in logged] == [{"first_name": ["First", "Changed"]}] * 7


def test_a_row_changed_by_someone_else_while_importing_stops_the_import(app, imported, tmp_path, monkeypatch):
    stored_fields = store.stored_fields

    def read_before_an_edit(*args):
        rows = stored_fields(*args)
        for row in rows.values():
            row["version"] -= 1
        return rows

    monkeypatch.setattr(store, "stored_fields", read_before_an_edit)
    path = workbooks.save(tmp_path / "changed.xlsx", _changed(workbooks.portfolio()))

    with pytest.raises(StaleDataError):
        services.import_workbook(path)
    db.session.rollback()
    assert db.session.scalar(sa.select(Partner.name).filter_by(ref="CH")) == "Switzerland"
