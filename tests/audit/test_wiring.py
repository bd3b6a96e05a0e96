"""The audit trail as the domains use it: workbook import, erasure and merge of people."""

import sqlalchemy as sa

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


def test_workbook_import_is_one_batch_entry_listing_its_rows(app, tmp_path):
    exchange.import_workbook(save(tmp_path / "portfolio.xlsx", portfolio()))
    db.session.commit()
    (entry,) = _entries(action="import", batch_id=None)
    rows = entry.detail_dict["rows"]
    assert entry.detail_dict["kind"] == "portfolio_workbook" and entry.detail_dict["count"] == len(rows)
    types = {row[0] for row in rows}
    assert {"Region", "Partner", "Project", "Person"} <= types
    children = _entries(batch_id=entry.id)
    assert len(children) == len(rows)
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
    assert entry.record_id == keep.id and entry.detail_dict == {"merged": drop_ref, "merged_id": drop_id}
    assert _entries(action="delete", record_type="Person", record_id=drop_id)
