import sqlalchemy as sa

from portal.accounts.models import Role
from portal.extensions import db
from portal.participants.models import Attendance, AttendanceRole, Gender, Person, Sector
from portal.participants.queries import duplicate_pairs, people_query, search_people
from portal.participants.services import merge_people
from tests import factories


def _person_form(**overrides):
    data = {
        "first_name": "Amina",
        "last_name": "Diallo",
        "gender": "female",
        "email": "amina@example.org",
        "organisation_id": "",
        "organisation_name": "",
        "sector": "government",
        "country": "SN",
        "language": "fr",
        "consent": "y",
    }
    data.update(overrides)
    return data


def _people():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Person))


def test_officer_creates_a_person_and_consent_is_recorded_by_them(client, auth):
    officer = auth.login(Role.OFFICER)
    response = client.post("/people/new", data=_person_form(gender="undisclosed"))
    assert response.status_code == 302
    person = db.session.scalar(sa.select(Person))
    assert (person.full_name, person.email_key, person.gender, person.language) == (
        "Amina Diallo",
        "amina@example.org",
        Gender.UNDISCLOSED,
        "fr",
    )
    assert person.consent and person.consent_recorded_by_id == officer.id and person.consent_recorded_at
    page = client.get(f"/people/{person.id}")
    assert "Prefer not to say" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"


def test_same_email_in_any_case_proposes_the_existing_person(client, auth):
    auth.login(Role.OFFICER)
    existing = factories.person(first_name="Amina", last_name="Diallo", email="Amina@Example.org")
    db.session.commit()
    response = client.post("/people/new", data=_person_form(first_name="A.", email="AMINA@example.ORG"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "A person with this e-mail already exists: use them?" in page
    assert f"/people/{existing.id}" in page
    assert _people() == 1


def test_same_name_and_organisation_is_proposed_and_can_be_overridden(client, auth):
    auth.login(Role.OFFICER)
    ministry = factories.partner(name="Ministry of Interior")
    factories.person(first_name="Amina", last_name="Diallo", organisation=ministry, email=None)
    db.session.commit()
    data = _person_form(first_name=" amina ", last_name="DIALLO", email="", organisation_id=ministry.id)
    response = client.post("/people/new", data=data)
    assert "A person with this name and organisation already exists" in response.get_data(as_text=True)
    assert _people() == 1
    assert client.post("/people/new", data={**data, "create_anyway": "y"}).status_code == 302
    assert _people() == 2


def test_a_person_created_from_an_event_is_registered_for_it(client, auth):
    auth.login(Role.OFFICER)
    event = factories.event()
    db.session.commit()
    response = client.post(f"/people/new?event={event.id}", data=_person_form())
    assert response.status_code == 302 and f"/events/{event.id}" in response.headers["Location"]
    attendance = db.session.scalar(sa.select(Attendance))
    assert attendance.event_id == event.id and not attendance.attended


def test_editing_cannot_take_another_persons_email(client, auth):
    auth.login(Role.OFFICER)
    factories.person(email="taken@example.org")
    person = factories.person(email="mine@example.org")
    db.session.commit()
    response = client.post(
        f"/people/{person.id}/edit", data=_person_form(email="TAKEN@example.org", version=person.version)
    )
    assert "Another person has this e-mail address" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Person, person.id).email == "mine@example.org"


def test_withdrawing_consent_records_who_and_when(client, auth):
    officer = auth.login(Role.OFFICER)
    person = factories.person(consent=True)
    db.session.commit()
    response = client.post(
        f"/people/{person.id}/edit", data={**_person_form(), "consent": "", "version": person.version}
    )
    assert response.status_code == 302
    db.session.expire_all()
    person = db.session.get(Person, person.id)
    assert not person.consent and person.consent_recorded_by_id == officer.id


def test_a_stale_edit_is_refused_and_shows_the_other_values_by_their_labels(client, auth):
    auth.login(Role.OFFICER)
    ministry = factories.partner(name="Ministry of Interior", acronym="MOI")
    person = factories.person(
        first_name="Amina", last_name="Diallo", email="amina@example.org", gender=Gender.FEMALE, country="SN"
    )
    db.session.commit()
    opened = client.get(f"/people/{person.id}/edit").get_data(as_text=True)
    assert f'name="version" type="hidden" value="{person.version}"' in opened
    alice = _person_form(first_name="Aminata", organisation_id=ministry.id, version=person.version)
    assert client.post(f"/people/{person.id}/edit", data=alice).status_code == 302

    bob = _person_form(first_name="Amina B.", email="bob@example.org", version=person.version)
    response = client.post(f"/people/{person.id}/edit", data=bob)

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Changed by someone else since you opened it" in page
    assert "Saved meanwhile by someone else: <strong>Aminata</strong>" in page
    assert "Saved meanwhile by someone else: <strong>Ministry of Interior (MOI)</strong>" in page
    db.session.expire_all()
    saved = db.session.get(Person, person.id)
    assert (saved.first_name, saved.email, saved.organisation_id) == ("Aminata", "amina@example.org", ministry.id)
    assert f'name="version" type="hidden" value="{saved.version}"' in page


def test_searching_for_a_percent_sign_or_an_underscore_finds_only_those_who_have_one(app):
    percent = factories.person(last_name="Diallo", organisation_name="100% Club", email="a@example.org")
    underscore = factories.person(last_name="Novak", email="t_novak@example.org", organisation_name=None)
    factories.person(last_name="Borodina", email="yb@example.org", organisation_name="Club")
    db.session.commit()
    found = {word: [p.id for p in db.session.scalars(people_query(word))] for word in ("%", "_", "0%", "t_n")}
    assert found == {"%": [percent.id], "_": [underscore.id], "0%": [percent.id], "t_n": [underscore.id]}
    assert [p.id for p in search_people("% club")] == [percent.id]


def test_search_is_posted_and_the_query_stays_out_of_the_url(client, auth):
    auth.login(Role.OFFICER)
    factories.person(first_name="Yevgenia", last_name="Borodina")
    factories.person(first_name="Tomas", last_name="Novak")
    db.session.commit()
    response = client.post("/people/", data={"q": "boro"})
    assert response.status_code == 302 and "boro" not in response.headers["Location"]
    page = client.get("/people/").get_data(as_text=True)
    assert "Borodina" in page and "Novak" not in page


def test_event_page_adds_a_found_person_and_marks_attendance_in_bulk(client, auth):
    auth.login(Role.OFFICER)
    event = factories.event()
    person = factories.person(first_name="Yevgenia", last_name="Borodina")
    other = factories.person(first_name="Tomas", last_name="Novak")
    registered = factories.attendance(event, other, attended=False)
    db.session.commit()
    client.post(f"/events/{event.id}/attendance/search", data={"find-q": "Borodina"})
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert f'name="add-person_id" value="{person.id}"' in page
    response = client.post(
        f"/events/{event.id}/attendance", data={"add-person_id": person.id, "add-role": "speaker", "add-mode": "online"}
    )
    assert response.status_code == 302
    added = db.session.scalar(sa.select(Attendance).where(Attendance.person_id == person.id))
    assert added.role == AttendanceRole.SPEAKER and not added.attended
    client.post(
        f"/events/{event.id}/attendance/update",
        data={"attendance_ids": [added.id, registered.id], "action": "attended"},
    )
    db.session.expire_all()
    assert all(a.attended for a in db.session.scalars(sa.select(Attendance)))
    again = client.post(
        f"/events/{event.id}/attendance",
        data={"add-person_id": person.id, "add-role": "speaker"},
        follow_redirects=True,
    )
    assert "already registered" in again.get_data(as_text=True)


def test_duplicate_pairs_by_email_or_name_and_organisation(app):
    ministry = factories.partner()
    a = factories.person(first_name="Amina", last_name="Diallo", email="amina@example.org")
    b = factories.person(first_name="Amina", last_name="D.", email="AMINA@example.org")
    c = factories.person(first_name="Jean", last_name="Dupont", organisation=ministry)
    d = factories.person(first_name="jean", last_name="DUPONT", organisation=ministry)
    factories.person(first_name="Jean", last_name="Dupont", organisation_name="Somewhere else")
    db.session.commit()
    pairs = {(first.id, second.id, reason) for first, second, reason in duplicate_pairs()}
    assert pairs == {(a.id, b.id, "email"), (c.id, d.id, "name")}


def test_merging_keeps_every_attendance(app):
    first, second, third = factories.event(), factories.event(), factories.event()
    keep = factories.person(email=None, country=None)
    drop = factories.person(email="drop@example.org", country="AT", sector=Sector.GOVERNMENT)
    factories.attendance(first, keep, attended=False)
    factories.attendance(first, drop, attended=True, role=AttendanceRole.TRAINER)
    factories.attendance(second, keep, attended=True)
    factories.attendance(third, drop, attended=False)
    db.session.commit()
    drop_id = drop.id
    merge_people(keep, drop)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Person, drop_id) is None
    rows = {a.event_id: (a.person_id, a.attended, a.role) for a in db.session.scalars(sa.select(Attendance))}
    assert rows == {
        first.id: (keep.id, True, AttendanceRole.TRAINER),
        second.id: (keep.id, True, AttendanceRole.PARTICIPANT),
        third.id: (keep.id, False, AttendanceRole.PARTICIPANT),
    }
    assert keep.email == "drop@example.org" and keep.country == "AT"


def test_review_page_merges_after_confirmation(client, auth):
    auth.login(Role.OFFICER)
    event = factories.event()
    a = factories.person(first_name="Amina", email="amina@example.org")
    b = factories.person(first_name="Amina", email="amina@EXAMPLE.org")
    factories.attendance(event, b)
    db.session.commit()
    page = client.get("/people/duplicates").get_data(as_text=True)
    assert "Same e-mail address" in page and "data-confirm" in page
    assert "0 attendances<" in page and "1 attendance<" in page
    response = client.post("/people/merge", data={"keep_id": a.id, "drop_id": b.id})
    assert response.status_code == 302
    db.session.expire_all()
    assert _people() == 1
    assert db.session.scalar(sa.select(Attendance.person_id)) == a.id
    assert client.post("/people/merge", data={"keep_id": a.id, "drop_id": a.id}).status_code == 302
    assert _people() == 1
