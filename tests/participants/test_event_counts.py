from portal.accounts.models import Role
from portal.extensions import db
from portal.participants.models import AttendanceRole, Gender, Sector
from portal.participants.queries import event_breakdown, participant_counts
from tests import factories


def test_declared_counts_are_used_when_no_one_is_recorded(app):
    event = factories.event(in_person_count=30, online_count=12)
    empty = factories.event(in_person_count=None, online_count=None)
    db.session.commit()
    breakdown = event_breakdown(db.session, event.id)
    assert breakdown.participants == 42 and not breakdown.recorded
    assert breakdown.by_gender == {"female": 0, "male": 0, "other": 0, "undisclosed": 0, "not_recorded": 42}
    assert breakdown.by_country == {"not_recorded": 42}
    assert event_breakdown(db.session, empty.id).participants == 0
    assert participant_counts(db.session, [event.id, empty.id]) == {event.id: 42, empty.id: 0}


def test_attended_records_replace_the_declared_counts(app):
    event = factories.event(in_person_count=100)
    people = [
        factories.person(gender=Gender.FEMALE, sector=Sector.GOVERNMENT, country="AT"),
        factories.person(gender=Gender.FEMALE, sector=Sector.ACADEMIA_CIVIL_SOCIETY, country="MA"),
        factories.person(gender=Gender.MALE, sector=Sector.GOVERNMENT, country="AT"),
        factories.person(gender=Gender.OTHER, sector=Sector.OTHER, country=None),
    ]
    factories.attendance(event, people[0], role=AttendanceRole.SPEAKER)
    factories.attendance(event, people[1])
    factories.attendance(event, people[2])
    factories.attendance(event, people[3], attended=False)
    db.session.commit()
    breakdown = event_breakdown(db.session, event.id)
    assert (breakdown.participants, breakdown.recorded, breakdown.records) == (3, True, 4)
    assert breakdown.by_role == {"participant": 2, "speaker": 1, "moderator": 0, "trainer": 0, "organiser": 0}
    assert breakdown.by_gender == {"female": 2, "male": 1, "other": 0, "undisclosed": 0}
    assert breakdown.by_sector["government"] == 2 and breakdown.by_sector["academia_civil_society"] == 1
    assert breakdown.by_country == {"AT": 2, "MA": 1}
    assert participant_counts(db.session, [event.id]) == {event.id: 3}


def test_a_record_without_a_country_counts_as_not_recorded(app):
    event = factories.event()
    factories.attendance(event, factories.person(country="AT"))
    factories.attendance(event, factories.person(country=None))
    db.session.commit()
    assert event_breakdown(db.session, event.id).by_country == {"AT": 1, "not_recorded": 1}


def test_managers_see_the_breakdown_but_no_names(client, auth):
    auth.login(Role.MANAGER)
    event = factories.event()
    factories.attendance(event, factories.person(first_name="Zebedee", last_name="Quartermain", country="FR"))
    db.session.commit()
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "France" in page and 'id="participant-count">1<' in page
    assert "Zebedee" not in page and "Quartermain" not in page
