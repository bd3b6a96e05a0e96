"""The ids of the rows a workbook refers to are looked up batch by batch, only for the identities the batch names: the
import's memory does not grow with the database."""

import sqlalchemy as sa

from portal.exchange import importing, services, store
from portal.extensions import db
from portal.participants.models import Person
from portal.partners.models import Partner
from tests import factories
from tests.exchange import workbooks


def test_each_batch_looks_up_only_the_identities_it_names(app, tmp_path, monkeypatch):
    for n in range(6):
        factories.partner(ref=f"ORG{n}")
    factories.person(ref="OLD1", first_name="Old")
    db.session.commit()
    asked = []

    def ids_of(session, sheet, names):
        asked.append((sheet.name, set(names)))
        return store_ids_of(session, sheet, names)

    store_ids_of = store.ids_of
    monkeypatch.setattr(store, "ids_of", ids_of)
    monkeypatch.setattr(importing, "BATCH", 2)
    header = ["ref", "first_name", "last_name", "gender", "organisation", "sector", "consent"]
    rows = [
        ["OLD1", "Changed", "One", "female", "ORG0", "government", "no"],
        ["NEW1", "New", "One", "male", "ORG1", "government", "no"],
        ["NEW2", "New", "Two", "male", "ORG1", "government", "no"],
        ["NEW3", "New", "Three", "female", None, "government", "no"],
    ]
    path = workbooks.save(tmp_path / "people.xlsx", {"participants": [header, *rows]})

    report = services.import_workbook(path)
    db.session.commit()

    assert report.ok, [str(p) for p in report.problems]
    assert report.counts["participants"].created == 3 and report.counts["participants"].updated == 1
    organisations = dict(
        db.session.execute(
            sa.select(Person.ref, Partner.ref).outerjoin(Partner, Person.organisation_id == Partner.id)
        ).all()
    )
    assert organisations == {"OLD1": "ORG0", "NEW1": "ORG1", "NEW2": "ORG1", "NEW3": None}
    # validating: the first batch's people and organisations, then the second's (an organisation already known is
    # not asked again); writing: the organisations of each batch
    assert asked == [
        ("participants", {"OLD1", "NEW1"}),
        ("partners", {"ORG0", "ORG1"}),
        ("participants", {"NEW2", "NEW3"}),
        ("partners", {"ORG0", "ORG1"}),
        ("partners", {"ORG1"}),
    ]
