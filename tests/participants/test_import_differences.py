import io
import json

import sqlalchemy as sa

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.db import utcnow
from portal.extensions import db
from portal.participants import importing
from portal.participants.models import Attendance, Person, Sector
from tests import factories
from tests.participants.helpers import xlsx_bytes

HEADER = ["First name", "Last name", "E-mail", "Organisation", "Sector", "Country", "Language", "Consent"]


def _upload(client, event, rows):
    response = client.post(
        f"/events/{event.id}/import",
        data={"file": (io.BytesIO(xlsx_bytes(rows, header=HEADER)), "list.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    return response.headers["Location"]


def _people():
    ministry = factories.partner(name="Ministry of Interior")
    amina = factories.person(
        first_name="Amina",
        last_name="Diallo",
        email="amina@example.org",
        country="SN",
        organisation_name="Old NGO",
        sector=Sector.OTHER,
        language="en",
        consent=True,
    )
    jean = factories.person(first_name="Jean", last_name="Dupont", organisation=ministry, country="FR")
    li = factories.person(first_name="Li", last_name="Wei", email="li@example.org", country="AT", sector=Sector.OTHER)
    return ministry, amina, jean, li


ROWS = [
    ("Amina", "Diallo", "AMINA@example.org", "Ministry of Interior", "government", "France", "fr", "yes"),
    ("jean", "DUPONT", "jean@example.org", "Ministry of Interior", "", "Belgium", "", ""),
    # blank cells say nothing: Li's country and sector stay as they are, and are not shown as differences
    ("Li", "Wei", "li@example.org", "", "", "", "", ""),
    ("New", "Person", "new@example.org", "", "", "", "", "yes"),
]


def test_the_preview_shows_where_the_file_differs_from_the_records(client, auth):
    auth.login(Role.OFFICER)
    event = factories.event()
    _people()
    db.session.commit()
    page = client.get(_upload(client, event, ROWS)).get_data(as_text=True)
    differences = page.split('id="differences"')[1].split("</table>")[0]
    assert "Senegal" in differences and "France" in differences
    assert "Old NGO" in differences and "Ministry of Interior" in differences
    assert "Other" in differences and "Government" in differences
    assert "English" in differences and "Français" in differences
    # Jean was found by name and organisation: the file's address is new to the record
    assert "jean@example.org" in differences and "Belgium" in differences
    # names and addresses that differ only in case are the same
    assert "<td>First name</td>" not in differences and "<td>Last name</td>" not in differences
    assert "AMINA@example.org" not in differences
    assert "Li" not in differences and "New" not in differences
    assert differences.count('value="keep" checked') == 2 and differences.count('value="update"') == 2
    assert 'name="update-2"' in differences and 'name="update-3"' in differences
    assert "<script" not in page.split("</nav>", 1)[1].split("<footer")[0]


def test_update_changes_the_record_and_keep_leaves_it(client, auth):
    officer = auth.login(Role.OFFICER)
    event = factories.event()
    ministry, amina, jean, li = _people()
    db.session.commit()
    location = _upload(client, event, ROWS)
    response = client.post(f"{location}/commit", data={"update-2": "update", "update-3": "keep"}, follow_redirects=True)
    assert "1 person&#39;s record was updated from the file." in response.get_data(as_text=True)
    db.session.expire_all()
    amina, jean, li = (db.session.get(Person, p.id) for p in (amina, jean, li))
    assert (amina.country, amina.organisation_id, amina.organisation_name) == ("FR", ministry.id, None)
    assert (amina.sector, amina.language, amina.email) == (Sector.GOVERNMENT, "fr", "amina@example.org")
    assert (jean.country, jean.email) == ("FR", None)
    assert (li.country, li.sector) == ("AT", Sector.OTHER)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attendance)) == 4
    # the change is in the person's History, as part of the import
    (entry,) = db.session.scalars(
        sa.select(AuditEntry).where(
            AuditEntry.record_type == "Person", AuditEntry.record_id == amina.id, AuditEntry.action == "update"
        )
    ).all()
    assert entry.action == "update" and entry.actor_id == officer.id and entry.batch_id is not None
    assert json.loads(entry.changes)["country"] == ["SN", "FR"]
    assert db.session.get(AuditEntry, entry.batch_id).action == "import"
    history = client.get(f"/history/Person/{amina.id}").get_data(as_text=True)
    assert "Senegal" in history and "France" in history


def test_without_a_choice_every_record_is_kept(client, auth):
    auth.login(Role.OFFICER)
    event = factories.event()
    _, amina, _, _ = _people()
    db.session.commit()
    location = _upload(client, event, ROWS)
    response = client.post(f"{location}/commit", follow_redirects=True)
    assert "updated from the file" not in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Person, amina.id).country == "SN"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attendance)) == 4


def test_an_update_the_person_rules_refuse_imports_nothing_and_names_the_row(client, auth):
    auth.login(Role.OFFICER)
    event = factories.event()
    _, amina, _, _ = _people()
    db.session.commit()
    location = _upload(client, event, ROWS)
    # erased between the preview and the import (the address left in place so that the row still matches)
    db.session.execute(sa.update(Person).where(Person.id == amina.id).values(erased_at=utcnow()))
    db.session.commit()
    response = client.post(f"{location}/commit", data={"update-2": "update"}, follow_redirects=True)
    assert "Row 2: " in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attendance)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person).where(Person.first_name == "New")) == 0


def test_only_update_choices_of_row_numbers_count():
    form = {"update-2": "update", "update-3": "keep", "update-x": "update", "update-99999999": "update", "other": "1"}
    assert importing.chosen_updates(form) == {2}
