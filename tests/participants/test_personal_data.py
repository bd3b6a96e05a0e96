import io
import json

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.events.models import EventType
from portal.extensions import db
from portal.participants import importing
from portal.participants.models import Attendance, Gender, Person, PersonEmail, RegistrationUpload, Sector
from portal.participants.personal_data import erase_person
from portal.participants.queries import event_breakdown
from tests import factories
from tests.events.access import ACCESS as EVENT_ACCESS
from tests.participants.access import ACCESS as PARTICIPANT_ACCESS
from tests.participants.helpers import xlsx_bytes

NAME, SURNAME, EMAIL = "Xanthippe", "Vandermolen", "xanthippe.private@example.org"


def _route_values(event, person, upload):
    return {"event_id": event.id, "person_id": person.id, "token": upload.token, "document": "participants_xlsx"}


#: the blueprints of events and people: the event pages, the people pages, and the participant routes of an event
BLUEPRINTS = ("events", "participants", "event_participants")


def _every_url(app, values):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in BLUEPRINTS:
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        yield rule.endpoint, method, rule.build({k: values[k] for k in rule.arguments}, append_unknown=False)[1]


@pytest.fixture
def private_person(app):
    officer = factories.user(Role.OFFICER)
    event = factories.event(type=EventType.TRAINING, city="Pristina", country="XK")
    person = factories.person(
        first_name=NAME, last_name=SURNAME, email=EMAIL, country="XK", organisation_name="Secret Org"
    )
    factories.attendance(event, person, attended=True)
    db.session.commit()
    with app.test_request_context():
        upload = importing.store_upload(
            event,
            filename="list.xlsx",
            actor=officer,
            content=xlsx_bytes([(NAME, SURNAME, EMAIL)], ["First", "Last", "Email"]),
        )
    db.session.commit()
    return event, person, upload


def test_every_route_is_in_this_domains_matrix(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.split(".")[0] in BLUEPRINTS}
    listed = {
        endpoint for endpoint in set(EVENT_ACCESS) | set(PARTICIPANT_ACCESS) if endpoint.split(".")[0] in BLUEPRINTS
    }
    assert endpoints == listed


def test_a_manager_never_sees_a_participants_name_or_email(app, client, auth, private_person):
    event, person, upload = private_person
    auth.login(Role.MANAGER)
    seen = []
    for endpoint, method, url in _every_url(app, _route_values(*private_person)):
        response = client.open(
            url,
            method=method,
            data={"q": NAME, "find-q": NAME, "keep_id": person.id, "drop_id": person.id, "add-person_id": person.id},
        )
        body = response.get_data()
        assert NAME.encode() not in body and SURNAME.encode() not in body and EMAIL.encode() not in body, endpoint
        if endpoint.split(".")[0] in ("participants", "event_participants"):
            assert response.status_code == 403, endpoint
        seen.append(endpoint)
    assert "events.detail" in seen and "event_participants.participant_list_xlsx" in seen
    detail = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert 'id="participant-count">1<' in detail and "Kosovo*" in detail
    db.session.expire_all()
    assert db.session.get(Person, person.id).first_name == NAME
    assert db.session.get(RegistrationUpload, upload.id) is not None


def test_an_officer_sees_the_names_and_pages_are_not_cached(client, auth, private_person):
    event, person, _ = private_person
    auth.login(Role.OFFICER)
    for url in (
        f"/events/{event.id}",
        f"/people/{person.id}",
        "/people/",
        f"/events/{event.id}/participants.xlsx",
        f"/people/{person.id}/export.json",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url
    assert SURNAME in client.get(f"/events/{event.id}").get_data(as_text=True)


def test_the_export_holds_everything_about_the_person(client, auth, private_person):
    event, person, _ = private_person
    person.alternative_emails.append(PersonEmail(email="Old.Address@example.org"))
    person.attendances[0].certificate_number = "K7QM-4ZXP-9WTA"
    db.session.commit()
    auth.login(Role.OFFICER)
    response = client.get(f"/people/{person.id}/export.json")
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(response.get_data())
    assert (data["first_name"], data["last_name"], data["email"], data["organisation_name"]) == (
        NAME,
        SURNAME,
        EMAIL,
        "Secret Org",
    )
    assert data["alternative_emails"] == ["Old.Address@example.org"]
    assert data["attendance"] == [
        {
            "event_ref": event.ref,
            "event": event.title,
            "start_date": "2021-03-01",
            "end_date": "2021-03-01",
            "city": "Pristina",
            "country": "XK",
            "role": "participant",
            "mode": None,
            "attended": True,
            "certificate_number": "K7QM-4ZXP-9WTA",
        }
    ]


def test_erasing_keeps_the_event_counts_and_breakdowns(app):
    event = factories.event(in_person_count=99)
    ministry = factories.partner()
    people = [
        factories.person(
            first_name=f"P{n}",
            gender=gender,
            sector=sector,
            country=country,
            email=f"p{n}@example.org",
            organisation=ministry,
            language="fr",
            consent=True,
        )
        for n, (gender, sector, country) in enumerate(
            [
                (Gender.FEMALE, Sector.GOVERNMENT, "AT"),
                (Gender.MALE, Sector.OTHER, "MA"),
                (Gender.OTHER, Sector.PRIVATE_SECTOR, None),
            ]
        )
    ]
    for person in people:
        factories.attendance(event, person)
    db.session.commit()
    before = event_breakdown(db.session, event.id)
    erase_person(people[0])
    erase_person(people[2])
    db.session.commit()
    db.session.expire_all()
    assert event_breakdown(db.session, event.id) == before
    erased = db.session.get(Person, people[0].id)
    assert (erased.first_name, erased.last_name) == ("Erased", f"person #{erased.id}")
    assert erased.email is None and erased.email_key is None and erased.organisation_id is None
    assert erased.organisation_name is None and erased.language is None
    assert not erased.consent and erased.consent_recorded_at is None and erased.erased_at is not None
    assert (erased.gender, erased.sector, erased.country) == (Gender.FEMALE, Sector.GOVERNMENT, "AT")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attendance)) == 3


def test_erasure_leaves_no_name_or_email_in_the_database(app):
    person = factories.person(first_name=NAME, last_name=SURNAME, email=EMAIL, organisation_name="Secret Org")
    db.session.commit()
    person.email = "second.address@example.org"
    db.session.commit()
    erase_person(person)
    db.session.commit()
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(sa.select(table)).all():
            text = " ".join(str(value) for value in row)
            for secret in (NAME, SURNAME, EMAIL, "second.address", "Secret Org"):
                assert secret not in text, (table.name, secret)


def test_only_admins_erase_and_the_page_says_so(client, auth):
    person = factories.person(first_name=NAME, email=EMAIL)
    db.session.commit()
    auth.login(Role.OFFICER)
    assert client.post(f"/people/{person.id}/erase").status_code == 403
    auth.logout()
    auth.login(Role.ADMIN)
    response = client.post(f"/people/{person.id}/erase", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Identifying data erased on" in page and NAME not in page and EMAIL not in page
    assert client.get(f"/people/{person.id}/edit").status_code == 404
    again = client.post(f"/people/{person.id}/erase", follow_redirects=True)
    assert "already erased" in again.get_data(as_text=True)


def test_an_erased_person_is_not_found_by_search_or_import_matching(client, auth):
    person = factories.person(first_name=NAME, last_name=SURNAME, email=EMAIL)
    erase_person(person)
    db.session.commit()
    auth.login(Role.OFFICER)
    client.post("/people/", data={"q": "Erased"})
    assert "person #" in client.get("/people/").get_data(as_text=True)
    event = factories.event()
    db.session.commit()
    location = client.post(
        f"/events/{event.id}/import",
        content_type="multipart/form-data",
        data={
            "file": (io.BytesIO(xlsx_bytes([(NAME, SURNAME, EMAIL)], ["First name", "Last name", "Email"])), "l.xlsx")
        },
    ).headers["Location"]
    assert "will create a new person" in client.get(location).get_data(as_text=True)
