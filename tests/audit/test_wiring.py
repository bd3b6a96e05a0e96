"""The audit trail as the domains use it: workbook import, erasure and merge of people."""

from collections import Counter

import sqlalchemy as sa

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.exchange import services as exchange
from portal.extensions import db
from portal.participants.personal_data import erase_person
from portal.participants.services import merge_people
from tests import factories
from tests.exchange.workbooks import portfolio, save


def _entries(**where):
    db.session.expire_all()
    query = sa.select(AuditEntry).filter_by(**where).order_by(AuditEntry.id)
    return db.session.scalars(query).all()


def test_the_import_entry_page_counts_the_rows_by_type(app, client, auth, tmp_path):
    exchange.import_workbook(save(tmp_path / "portfolio.xlsx", portfolio()))
    db.session.commit()
    (entry,) = _entries(action="import", batch_id=None)
    auth.login(Role.ADMIN)
    page = client.get(f"/audit/{entry.id}").get_data(as_text=True)
    projects = entry.detail_dict["rows"]["Project"]
    assert f"Project {projects}," in page and "Portfolio workbook" in page


def test_workbook_import_is_one_batch_entry_listing_its_rows(app, tmp_path):
    exchange.import_workbook(save(tmp_path / "portfolio.xlsx", portfolio()))
    db.session.commit()
    (entry,) = _entries(action="import", batch_id=None)
    rows = entry.detail_dict["rows"]
    children = _entries(batch_id=entry.id)
    assert entry.detail_dict["kind"] == "portfolio_workbook" and entry.detail_dict["count"] == len(children)
    assert rows == dict(sorted(Counter(child.record_type for child in children).items()))
    assert {"Region", "Partner", "Project", "Person"} <= rows.keys()
    assert all(child.action == "create" for child in children)
    assert _entries(action="create", batch_id=None) == []


def test_erasing_a_person_records_it_and_leaves_no_name_in_the_log(app):
    person = factories.person(
        first_name="Zoltan", last_name="Erasable", email="zoltan@example.org", organisation_name="Zoltan's office"
    )
    db.session.commit()
    person.email = "zoltan.new@example.org"
    db.session.commit()
    erase_person(person)
    db.session.commit()
    assert [e.record_id for e in _entries(action="erase")] == [person.id]
    text = " ".join(filter(None, db.session.scalars(sa.select(AuditEntry.changes))))
    assert "Zoltan" not in text and "Erasable" not in text and "zoltan" not in text
    assert '"gender": [null, "female"]' in text


def test_merge_is_recorded(app):
    keep, drop = factories.person(first_name="Ana"), factories.person(first_name="Anna")
    db.session.commit()
    drop_ref, drop_id = drop.ref, drop.id
    merge_people(keep, drop)
    db.session.commit()
    (entry,) = _entries(action="merge")
    assert entry.record_id == keep.id
    assert entry.detail_dict["merged"] == drop_ref and entry.detail_dict["merged_id"] == drop_id
    assert entry.detail_dict["first_name"] == ["Ana", "Anna"]
    assert _entries(action="delete", record_type="Person", record_id=drop_id)
