import io

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.errors import DomainError
from portal.extensions import db
from portal.participants import importing
from portal.participants.models import Attendance, AttendanceRole, Gender, Person, RegistrationUpload, Sector
from tests import factories
from tests.participants.helpers import csv_bytes, xlsx_bytes

GOOD = [
    ("Amina", "Diallo", "amina@example.org", "F", "Ministry of Interior", "Government", "Senegal", "speaker", "yes"),
    ("Jean", "Dupont", "", "male", "Université de Lyon", "academia", "FR", "", ""),
]
BAD = [
    ("Olga", "Ivanova", "olga@@example", "female", "", "government", "RU", "", ""),
    ("Pat", "", "pat@example.org", "female", "", "government", "", "", ""),
    ("Sam", "Lee", "sam@example.org", "robot", "", "government", "", "", ""),
    ("Amina", "Diallo", "AMINA@example.org", "female", "", "government", "", "", ""),
    ("Kim", "Park", "kim@example.org", "male", "", "space agency", "Atlantis", "", "maybe"),
]


def _counts():
    return (
        db.session.scalar(sa.select(sa.func.count()).select_from(Person)),
        db.session.scalar(sa.select(sa.func.count()).select_from(Attendance)),
    )


def _upload(client, event, content, filename="list.xlsx"):
    response = client.post(
        f"/events/{event.id}/import", data={"file": (io.BytesIO(content), filename)}, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    return response.headers["Location"]


def test_bad_rows_are_each_reported_and_nothing_is_written(client, auth):
    auth.login(Role.OFFICER)
    event = factories.event()
    factories.partner(name="Ministry of Interior")
    db.session.commit()
    before = _counts()
    location = _upload(client, event, xlsx_bytes(GOOD + BAD))
    page = client.get(location).get_data(as_text=True)
    rejected = page.split('id="rejected-rows"')[1].split("</ul>")[0]
    assert "Row 4: invalid e-mail address “olga@@example”" in rejected
    assert "Row 5: missing last name" in rejected
    assert "Row 6: unknown gender “robot”" in rejected
    assert "Row 7: the same person as row 2" in rejected
    assert "Row 8: unknown sector “space agency”; unknown country “Atlantis”; “maybe” is not yes or no" in rejected
    assert "Row 2:" not in rejected and "Row 3:" not in rejected
    token = location.rsplit("/", 1)[1]
    response = client.post(f"{location}/commit", follow_redirects=True)
    assert "Nothing was imported: 5 rows are rejected" in response.get_data(as_text=True)
    assert _counts() == before
    assert db.session.scalar(sa.select(RegistrationUpload.token)) == token


def test_a_corrected_file_imports_and_matches_existing_people(client, auth):
    officer = auth.login(Role.OFFICER)
    event = factories.event()
    ministry = factories.partner(name="Ministry of Interior", acronym="MOI")
    known_by_email = factories.person(first_name="Amina", last_name="Diallo", email="Amina@Example.org")
    known_by_name = factories.person(first_name="Jean", last_name="Dupont", organisation=ministry, email=None)
    already = factories.person(first_name="Li", last_name="Wei", email="li@example.org")
    factories.attendance(event, already, attended=False)
    db.session.commit()
    location = _upload(client, event, xlsx_bytes(GOOD + BAD))
    fixed = GOOD[:1] + [
        ("jean", "DUPONT", "", "m", "moi", "government", "FR", "trainer", "1"),
        ("Li", "Wei", "LI@example.org", "", "", "", "", "", ""),
        ("Olga", "Ivanova", "olga@example.org", "Prefer not to say", "", "International organisation", "RU", "", ""),
    ]
    response = client.post(
        f"{location}/file",
        data={"file": (io.BytesIO(csv_bytes(fixed, delimiter=";")), "fixed.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    page = client.get(location).get_data(as_text=True)
    assert 'id="rejected-rows"' not in page
    assert f"#{known_by_email.id}</a>\n              (same e-mail)" in page
    assert f"#{known_by_name.id}</a>\n              (same name and organisation)" in page
    assert "already registered: no change" in page
    response = client.post(f"{location}/commit")
    assert response.status_code == 302
    db.session.expire_all()
    people = db.session.scalars(sa.select(Person).order_by(Person.id)).all()
    assert len(people) == 4
    olga = people[-1]
    assert (olga.full_name, olga.gender, olga.sector, olga.country) == (
        "Olga Ivanova",
        Gender.UNDISCLOSED,
        Sector.INTERNATIONAL_ORG,
        "RU",
    )
    assert olga.consent_recorded_by_id == officer.id
    rows = {a.person_id: (a.role, a.attended) for a in db.session.scalars(sa.select(Attendance))}
    assert rows[known_by_email.id] == (AttendanceRole.SPEAKER, True)
    assert rows[known_by_name.id] == (AttendanceRole.TRAINER, True)
    assert rows[already.id] == (AttendanceRole.PARTICIPANT, False)
    assert len(rows) == 4
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RegistrationUpload)) == 0


def test_mapping_columns_by_hand(client, auth):
    auth.login(Role.OFFICER)
    event = factories.event()
    db.session.commit()
    content = csv_bytes([("Diallo", "Amina", "amina@example.org")], header=["Col A", "Col B", "Col C"])
    location = _upload(client, event, content, "list.csv")
    page = client.get(location).get_data(as_text=True)
    assert "Choose the columns that hold the first and last names." in page
    client.post(location, data={"map-first_name": "1", "map-last_name": "0", "map-email": "2"})
    page = client.get(location).get_data(as_text=True)
    assert "will create a new person" in page and "Amina Diallo" in page
    client.post(f"{location}/commit")
    assert db.session.scalar(sa.select(Person.email)) == "amina@example.org"


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_csv_files_in_the_encodings_excel_writes_are_read(client, auth, encoding):
    # Excel's "Unicode text" is UTF-16 with a byte-order mark and tabs; its "CSV" on Windows is cp1252
    auth.login(Role.OFFICER)
    event = factories.event()
    db.session.commit()
    content = "First name\tLast name\tE-mail\nRenée\tMüller\trenee@example.org\n".encode(encoding)
    location = _upload(client, event, content, "list.csv")
    page = client.get(location).get_data(as_text=True)
    assert "will create a new person" in page and "Renée Müller" in page


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("list.txt", b"a,b", "Only these kinds of file are accepted: .xlsx, .csv."),
        (
            "list.xlsx",
            b"First name,Last name\nA,B\n",
            "This file is not an Excel workbook (.xlsx), whatever its name says.",
        ),
        ("list.csv", b"PK\x03\x04rest", "This file is not a text (CSV) file, whatever its name says."),
        ("list.csv", b"Pr\x81nom;Nom\n", "Save the CSV file as UTF-8."),
        (
            "list.xlsx",
            b"PK\x03\x04 not really a zip",
            "This file is not an Excel workbook (.xlsx), whatever its name says.",
        ),
        ("list.csv", b"", "The file is empty."),
    ],
)
def test_unreadable_files_are_refused(client, auth, filename, content, message):
    auth.login(Role.OFFICER)
    event = factories.event()
    db.session.commit()
    response = client.post(
        f"/events/{event.id}/import",
        data={"file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RegistrationUpload)) == 0


def test_a_file_over_the_size_limit_is_refused(app):
    with app.test_request_context(), pytest.raises(DomainError, match="too large: at most 5.0 MB"):
        importing.check_file("list.csv", b"x" * (importing.MAX_BYTES + 1))


def test_an_upload_belongs_to_the_officer_who_made_it(client, auth, make_user):
    auth.login(Role.OFFICER)
    event = factories.event()
    db.session.commit()
    location = _upload(client, event, xlsx_bytes(GOOD))
    auth.logout()
    auth.login(Role.OFFICER)
    assert client.get(location).status_code == 404
    assert client.post(f"{location}/commit").status_code == 404


def test_two_thousand_rows_import_matching_the_existing_people_by_email(client, auth):
    auth.login(Role.OFFICER)
    event = factories.event()
    db.session.add_all(
        Person(
            ref=f"OLD{n}",
            first_name="Existing",
            last_name=f"Person{n}",
            gender=Gender.MALE,
            sector=Sector.OTHER,
            email=f"person{n}@example.org",
        )
        for n in range(0, 2000, 2)
    )
    db.session.commit()
    rows = [
        (
            f"First{n}",
            f"Person{n}",
            f"person{n}@example.org",
            "female" if n % 3 else "male",
            f"Org {n % 40}",
            "government",
            "AT",
            "",
            "yes",
        )
        for n in range(2000)
    ]
    location = _upload(client, event, xlsx_bytes(rows))
    page = client.get(location).get_data(as_text=True)
    assert "Row " not in page.split('id="import-summary"')[1].split('id="preview-rows"')[0]
    response = client.post(f"{location}/commit")
    assert response.status_code == 302
    assert _counts() == (2000, 2000)
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Person).where(Person.first_name == "Existing")) == 1000
    )


def test_two_rows_matching_one_existing_person_are_not_registered_twice(client, auth):
    auth.login(Role.OFFICER)
    event = factories.event()
    ministry = factories.partner(name="Ministry of Interior")
    known = factories.person(first_name="Amina", last_name="Diallo", email="amina@example.org", organisation=ministry)
    db.session.commit()
    rows = [
        ("Amina", "Diallo", "amina@example.org", "", "", "", "", "", ""),
        ("Amina", "Diallo", "", "", "Ministry of Interior", "", "", "", ""),
    ]
    location = _upload(client, event, xlsx_bytes(rows))
    page = client.get(location).get_data(as_text=True)
    assert f"#{known.id}" in page and "Row 3: the same person as row 2" in page
    assert client.post(f"{location}/commit").status_code == 302
    assert _counts() == (1, 0)
