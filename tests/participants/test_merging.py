"""Merging two records of one person field by field, and pairs recorded as two people."""

import io
import re

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.errors import DomainError
from portal.extensions import db
from portal.participants.models import Attendance, AttendanceRole, DistinctPeople, Gender, Person, PersonEmail, Sector
from portal.participants.personal_data import erase_person
from portal.participants.queries import duplicate_pairs, find_matches
from portal.participants.rules import ROLE_STRENGTH, stronger_role
from portal.participants.services import merge_people, record_distinct_people, update_person
from tests import factories
from tests.conftest import PASSWORD
from tests.participants.helpers import xlsx_bytes

EVERY_FIELD_FROM_DROP = dict.fromkeys(
    ("first_name", "last_name", "email", "gender", "organisation", "sector", "country", "language", "consent"), "drop"
)


def _text(response) -> str:
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def _twins(**drop):
    ministry = factories.partner(name="Ministry of Interior")
    keep = factories.person(
        first_name="Amina",
        last_name="Diallo",
        email="amina@example.org",
        country="SN",
        organisation=ministry,
        language="fr",
        gender=Gender.FEMALE,
        sector=Sector.GOVERNMENT,
    )
    values = {
        "first_name": "Aminata",
        "last_name": "Diallo-Sow",
        "email": "Aminata.Sow@Example.org",
        "country": "ML",
        "organisation_name": "University of Bamako",
        "language": "en",
        "gender": Gender.UNDISCLOSED,
        "sector": Sector.ACADEMIA_CIVIL_SOCIETY,
        "consent": True,
        **drop,
    }
    db.session.flush()
    return keep, factories.person(**values)


def test_the_values_chosen_are_kept_and_the_other_address_stays_as_an_alternative(app):
    keep, drop = _twins()
    db.session.commit()
    merge_people(keep, drop, {"email": "drop", "country": "drop", "organisation": "drop", "first_name": "keep"})
    db.session.commit()
    db.session.expire_all()
    assert (keep.first_name, keep.last_name, keep.email, keep.country) == (
        "Amina",
        "Diallo",
        "Aminata.Sow@Example.org",
        "ML",
    )
    assert (keep.organisation_id, keep.organisation_name) == (None, "University of Bamako")
    # not chosen: keep's own values, but consent which only drop had
    assert (keep.language, keep.gender, keep.sector, keep.consent) == ("fr", Gender.FEMALE, Sector.GOVERNMENT, True)
    assert [a.email for a in keep.alternative_emails] == ["amina@example.org"]


def test_every_field_may_come_from_the_other_record(app):
    keep, drop = _twins()
    db.session.commit()
    merge_people(keep, drop, EVERY_FIELD_FROM_DROP)
    db.session.commit()
    db.session.expire_all()
    assert (keep.first_name, keep.last_name, keep.language, keep.gender, keep.sector, keep.organisation) == (
        "Aminata",
        "Diallo-Sow",
        "en",
        Gender.UNDISCLOSED,
        Sector.ACADEMIA_CIVIL_SOCIETY,
        None,
    )


def test_by_default_the_kept_records_values_stay_and_only_missing_ones_are_filled_in(app):
    keep, drop = _twins()
    keep.country = None
    db.session.commit()
    merge_people(keep, drop)
    db.session.commit()
    assert (keep.first_name, keep.email, keep.country, keep.consent) == ("Amina", "amina@example.org", "ML", True)
    assert [a.email_key for a in keep.alternative_emails] == ["aminata.sow@example.org"]


def test_a_choice_that_is_neither_record_is_refused(app):
    keep, drop = _twins()
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        merge_people(keep, drop, {"country": "both"})
    assert refused.value.field == "country"


def test_an_address_chosen_may_not_be_a_third_persons(app):
    keep, drop = _twins()
    third = factories.person(email="third@example.org")
    third.alternative_emails.append(PersonEmail(email="aminata.sow@example.org"))
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        merge_people(keep, drop, {"email": "drop"})
    assert refused.value.field == "email"
    # keeping the kept record's own address is always possible
    merge_people(keep, drop, {"email": "keep"})


def test_the_alternative_addresses_of_both_records_are_kept_once(app):
    keep, drop = _twins(email="amina@example.org")
    drop.alternative_emails.append(PersonEmail(email="old@example.org"))
    keep.alternative_emails.append(PersonEmail(email="OLD@example.org"))
    db.session.commit()
    merge_people(keep, drop)
    db.session.commit()
    db.session.expire_all()
    assert [a.email for a in keep.alternative_emails] == ["OLD@example.org"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PersonEmail)) == 1


def test_choosing_an_alternative_address_makes_it_the_address(app):
    keep, drop = _twins(email="old@example.org")
    keep.alternative_emails.append(PersonEmail(email="old@example.org"))
    db.session.commit()
    merge_people(keep, drop, {"email": "drop"})
    db.session.commit()
    db.session.expire_all()
    assert keep.email == "old@example.org"
    assert [a.email for a in keep.alternative_emails] == ["amina@example.org"]


def test_an_alternative_address_is_matched_like_the_address(client, auth):
    auth.login(Role.OFFICER)
    keep, drop = _twins()
    event = factories.event()
    db.session.commit()
    merge_people(keep, drop)
    db.session.commit()
    by_email, _ = find_matches(
        email=" AMINATA.sow@example.org ", first_name=None, last_name=None, organisation_id=None, organisation_name=None
    )
    assert by_email == [keep]
    with pytest.raises(DomainError):
        update_person(
            factories.person(), {"first_name": "X", "last_name": "Y", "email": "aminata.sow@Example.org"}, actor=None
        )
    db.session.rollback()
    row = ("A", "S", "aminata.SOW@example.org", "", "", "", "", "", "")
    upload = client.post(
        f"/events/{event.id}/import",
        data={"file": (io.BytesIO(xlsx_bytes([row])), "list.xlsx")},
        content_type="multipart/form-data",
    )
    assert client.post(f"{upload.headers['Location']}/commit").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 1
    assert db.session.scalar(sa.select(Attendance.person_id)) == keep.id


def test_an_address_that_becomes_the_persons_own_is_no_longer_an_alternative(app):
    keep, drop = _twins()
    db.session.commit()
    merge_people(keep, drop)
    values = {"first_name": "Amina", "last_name": "Diallo", "email": "aminata.sow@example.org"}
    update_person(keep, values, actor=None)
    db.session.commit()
    assert keep.alternative_emails == []


def test_the_stronger_role_wins_and_attended_if_either_attended(app):
    assert ROLE_STRENGTH[0] == AttendanceRole.PARTICIPANT and set(ROLE_STRENGTH) == set(AttendanceRole)
    assert stronger_role(AttendanceRole.SPEAKER, AttendanceRole.PARTICIPANT) == AttendanceRole.SPEAKER
    assert stronger_role(AttendanceRole.TRAINER, AttendanceRole.SPEAKER) == AttendanceRole.TRAINER
    first, second = factories.event(), factories.event()
    keep, drop = _twins()
    factories.attendance(first, keep, attended=False, role=AttendanceRole.SPEAKER)
    factories.attendance(first, drop, attended=True, role=AttendanceRole.PARTICIPANT)
    factories.attendance(second, keep, attended=False, role=AttendanceRole.MODERATOR)
    factories.attendance(second, drop, attended=False, role=AttendanceRole.TRAINER)
    db.session.commit()
    merge_people(keep, drop)
    db.session.commit()
    rows = {a.event_id: (a.person_id, a.role, a.attended) for a in db.session.scalars(sa.select(Attendance))}
    assert rows == {
        first.id: (keep.id, AttendanceRole.SPEAKER, True),
        second.id: (keep.id, AttendanceRole.TRAINER, False),
    }


def test_a_pair_recorded_as_two_people_is_not_listed_again(app):
    a = factories.person(email="shared@example.org")
    b = factories.person(email="SHARED@example.org")
    c = factories.person(email="shared@example.org")
    officer = factories.user(Role.OFFICER)
    db.session.commit()
    assert {(x.id, y.id) for x, y, _ in duplicate_pairs()} == {(a.id, b.id), (a.id, c.id), (b.id, c.id)}
    record_distinct_people(c, a, actor=officer)
    record_distinct_people(a, c, actor=officer)
    db.session.commit()
    (pair,) = db.session.scalars(sa.select(DistinctPeople))
    assert (pair.first_id, pair.second_id, pair.recorded_by_id) == (a.id, c.id, officer.id)
    assert {(x.id, y.id) for x, y, _ in duplicate_pairs()} == {(a.id, b.id), (b.id, c.id)}
    # merged into a, b is still not c
    merge_people(a, b)
    db.session.commit()
    assert duplicate_pairs() == []
    with pytest.raises(DomainError):
        record_distinct_people(a, a, actor=officer)


def test_erasure_removes_the_alternative_addresses_here_and_in_the_log(app):
    keep, drop = _twins()
    db.session.commit()
    merge_people(keep, drop)
    db.session.commit()
    erase_person(keep)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PersonEmail)) == 0
    (entry,) = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "merge"))
    assert "aminata" not in entry.details.lower() and "Diallo" not in entry.details


def test_the_merge_page_shows_both_records_and_takes_the_choices(client, auth):
    auth.login(Role.OFFICER)
    keep, drop = _twins()
    db.session.commit()
    text = _text(client.get(f"/people/merge?keep_id={keep.id}&drop_id={drop.id}"))
    for value in ("Amina", "Aminata", "amina@example.org", "Aminata.Sow@Example.org", "Ministry of Interior"):
        assert value in text
    assert "University of Bamako" in text and "Senegal" in text and "Mali" in text
    page = client.get(f"/people/merge?keep_id={keep.id}&drop_id={drop.id}").get_data(as_text=True)
    # each field defaults to the kept record's value, unless only the other record has one
    assert re.search(r'id="country-0"[^>]*checked|checked[^>]*id="country-0"', page)
    assert re.search(r'id="consent-1"[^>]*checked|checked[^>]*id="consent-1"', page)
    drop_id = drop.id
    choices = {"keep_id": keep.id, "drop_id": drop_id, "first_name": "drop", "country": "drop", "email": "keep"}
    response = client.post("/people/merge", data=choices)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/people/{keep.id}")
    db.session.expire_all()
    assert (keep.first_name, keep.country, keep.email) == ("Aminata", "ML", "amina@example.org")
    assert db.session.get(Person, drop_id) is None
    detail = _text(client.get(f"/people/{keep.id}"))
    assert "Alternative e-mail addresses Aminata.Sow@Example.org" in detail


def test_the_merge_page_shows_a_refused_address_beside_it(client, auth):
    auth.login(Role.OFFICER)
    keep, drop = _twins()
    factories.person(email="aminata.sow@example.org")
    db.session.commit()
    response = client.post("/people/merge", data={"keep_id": keep.id, "drop_id": drop.id, "email": "drop"})
    assert "Another person has this e-mail address" in _text(response)
    assert db.session.get(Person, drop.id) is not None


def test_the_history_of_the_kept_record_shows_both_records_values(client, auth):
    auth.login(Role.OFFICER)
    keep, drop = _twins()
    db.session.commit()
    client.post("/people/merge", data={"keep_id": keep.id, "drop_id": drop.id, "country": "drop"})
    text = _text(client.get(f"/history/Person/{keep.id}"))
    assert "First name Amina; merged record: Aminata" in text
    assert "Country Senegal; merged record: Mali" in text
    assert "Organisation (partner register) Ministry of Interior; merged record: —" in text
    assert "Gender Female; merged record: Prefer not to say" in text


def test_not_the_same_person_from_the_review_page(client, auth):
    officer = auth.login(Role.OFFICER)
    a = factories.person(email="shared@example.org")
    b = factories.person(email="shared@example.org")
    db.session.commit()
    page = client.get("/people/duplicates").get_data(as_text=True)
    assert "Not the same person" in page
    response = client.post("/people/distinct", data={"first_id": b.id, "second_id": a.id})
    assert response.status_code == 302
    assert "No probable duplicates." in _text(client.get("/people/duplicates"))
    pair = db.session.scalar(sa.select(DistinctPeople))
    assert (pair.first_id, pair.second_id, pair.recorded_by_id) == (a.id, b.id, officer.id)


def test_both_forms_need_their_csrf_token(make_app, make_user):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        email = make_user(Role.OFFICER).email
        a, b = factories.person(email="s@example.org"), factories.person(email="s@example.org")
        db.session.commit()
        ids = {"keep_id": a.id, "drop_id": b.id, "first_id": a.id, "second_id": b.id}
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": csrf})
    assert client.post("/people/distinct", data=ids).status_code in (302, 400)
    assert client.post("/people/merge", data=ids).status_code in (200, 400)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(DistinctPeople)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 2
    page = client.get("/people/duplicates").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/people/distinct", data={**ids, "csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(DistinctPeople)) == 1


def test_erasure_scrubs_the_history_of_the_records_merged_into_the_person(app):
    keep, drop = _twins()
    db.session.commit()
    drop.first_name = "Aminatou"
    db.session.commit()
    third = factories.person(first_name="Amina", last_name="Diallo-Sow", email="amina.ds@example.org")
    db.session.commit()
    merged_ids = {drop.id, third.id}
    merge_people(drop, third)
    db.session.commit()
    merge_people(keep, drop)
    db.session.commit()
    erase_person(keep)
    db.session.commit()
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.record_type == "Person", AuditEntry.record_id.in_(merged_ids))
    ).all()
    assert {entry.record_id for entry in entries} == merged_ids
    logged = " ".join(f"{entry.changes} {entry.details}" for entry in entries)
    assert "[erased]" in logged
    for value in ("Aminat", "Diallo", "Sow", "example.org"):
        assert value not in logged
