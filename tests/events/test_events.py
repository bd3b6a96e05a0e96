from datetime import date

import sqlalchemy as sa

from portal.accounts.models import Role
from portal.events.models import Event, EventMode, EventType
from portal.extensions import db
from portal.participants.models import Attendance
from tests import factories


def _form(**overrides):
    data = {
        "title": "Border management training",
        "type": "training",
        "start_date": "2026-11-10",
        "end_date": "2026-11-11",
        "mode": "hybrid",
        "city": "  Vienna ",
        "country": "AT",
        "project_id": "",
        "dialogue_id": "",
        "in_person_count": "",
        "online_count": "",
        "description": "",
    }
    data.update(overrides)
    return data


def _count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Event))


def test_officer_creates_an_event_with_partners_project_and_dialogue(client, auth):
    auth.login(Role.OFFICER)
    partner = factories.partner(name="Ministry of Interior")
    project = factories.project(code="PRJ-77")
    dialogue = factories.dialogue(name="Prague Process")
    db.session.commit()
    response = client.post(
        "/events/new",
        data=_form(project_id=project.id, dialogue_id=dialogue.id, partner_ids=[partner.id], in_person_count="12"),
    )
    assert response.status_code == 302
    db.session.expire_all()
    event = db.session.scalar(sa.select(Event))
    assert (event.city, event.country, event.type, event.mode) == ("Vienna", "AT", EventType.TRAINING, EventMode.HYBRID)
    assert event.project == project and event.dialogue == dialogue and event.partners == [partner]
    assert event.days == 2 and event.in_person_count == 12
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Prague Process" in page and "Ministry of Interior" in page and "PRJ-77" in page


def test_bad_event_input_is_shown_beside_the_fields_and_nothing_is_written(client, auth):
    auth.login(Role.OFFICER)
    cases = [
        (_form(end_date="2026-11-01"), "The end date cannot be before the start date."),
        (_form(mode="in_person", city=""), "Give the city of an in-person or hybrid event."),
        (_form(mode="hybrid", country=""), "Give the country of an in-person or hybrid event."),
        (_form(in_person_count="-3"), "Enter a number of participants from 0 to 2147483647."),
        (_form(type="party"), "Not a valid choice."),
    ]
    for data, message in cases:
        response = client.post("/events/new", data=data)
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
    assert _count() == 0


def test_an_online_event_needs_no_place(client, auth):
    auth.login(Role.OFFICER)
    response = client.post("/events/new", data=_form(mode="online", city="Paris", country=""))
    assert response.status_code == 302
    event = db.session.scalar(sa.select(Event))
    assert event.city is None and event.country is None


def test_edit_refuses_a_stale_version(client, auth):
    auth.login(Role.OFFICER)
    event = factories.event(title="Old title")
    db.session.commit()
    opened = event.version
    first = _form(title="First", country="DE", version=opened)
    assert client.post(f"/events/{event.id}/edit", data=first).status_code == 302
    response = client.post(f"/events/{event.id}/edit", data=_form(title="Second", country="AT", version=opened))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Changed by someone else" in page
    # the other person's choice is shown by its label, as the list offers it
    assert "someone else: <strong>Germany</strong>" in page
    db.session.expire_all()
    assert db.session.get(Event, event.id).title == "First"


def test_clone_copies_partners_project_and_dialogue_but_not_attendance(client, auth):
    auth.login(Role.OFFICER)
    partner = factories.partner()
    dialogue = factories.dialogue()
    project = factories.project()
    source = factories.event(
        title="Annual meeting",
        type=EventType.SENIOR_OFFICIALS_MEETING,
        dialogue=dialogue,
        project=project,
        partners=[partner],
    )
    factories.attendance(source, factories.person())
    db.session.commit()
    page = client.get(f"/events/{source.id}/clone").get_data(as_text=True)
    assert 'value="Annual meeting"' in page
    assert f'<option selected value="{partner.id}">' in page
    response = client.post(
        f"/events/{source.id}/clone",
        data=_form(
            title="Annual meeting",
            type="senior_officials_meeting",
            city="Rabat",
            country="MA",
            start_date="2027-03-01",
            end_date="2027-03-02",
            dialogue_id=dialogue.id,
            project_id=project.id,
            partner_ids=[partner.id],
        ),
    )
    assert response.status_code == 302
    db.session.expire_all()
    copy = db.session.scalar(sa.select(Event).where(Event.id != source.id))
    assert (copy.city, copy.country, copy.start_date) == ("Rabat", "MA", date(2027, 3, 1))
    assert copy.partners == [partner] and copy.dialogue == dialogue and copy.project == project
    assert copy.ref != source.ref
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Attendance).where(Attendance.event_id == copy.id)) == 0
    )


def test_list_filters_and_paginates(client, auth, app):
    auth.login(Role.MANAGER)
    dialogue = factories.dialogue()
    factories.event(title="Rabat workshop", start_date=date(2021, 5, 1), dialogue=dialogue, country="MA", city="Rabat")
    factories.event(title="Online webinar", start_date=date(2021, 6, 1), type=EventType.WEBINAR, mode=EventMode.ONLINE)
    factories.event(title="Old conference", start_date=date(2019, 6, 1), type=EventType.CONFERENCE)
    db.session.commit()

    def titles(query):
        page = client.get(f"/events/?{query}").get_data(as_text=True)
        return {t for t in ("Rabat workshop", "Online webinar", "Old conference") if t in page}

    assert titles("") == {"Rabat workshop", "Online webinar", "Old conference"}
    assert titles("year=2021") == {"Rabat workshop", "Online webinar"}
    assert titles("type=webinar") == {"Online webinar"}
    assert titles("mode=online") == {"Online webinar"}
    assert titles("country=MA") == {"Rabat workshop"}
    assert titles(f"dialogue={dialogue.id}") == {"Rabat workshop"}
    assert client.get("/events/?year=abc&type=party").status_code == 200

    app.config["ITEMS_PER_PAGE"] = 2
    first = client.get("/events/").get_data(as_text=True)
    second = client.get("/events/?page=2").get_data(as_text=True)
    assert "Old conference" not in first and "Old conference" in second


def test_calendar_shows_the_month_with_its_events(client, auth):
    auth.login(Role.MANAGER)
    factories.event(title="Two-day training", start_date=date(2026, 11, 30), end_date=date(2026, 12, 1))
    db.session.commit()
    november = client.get("/events/calendar?month=2026-11").get_data(as_text=True)
    assert "November 2026" in november and "Two-day training" in november
    assert "month=2026-10" in november and "month=2026-12" in november
    december = client.get("/events/calendar?month=2026-12").get_data(as_text=True)
    assert "Two-day training" in december
    assert "Two-day training" not in client.get("/events/calendar?month=2027-02").get_data(as_text=True)
    assert client.get("/events/calendar?month=nonsense").status_code == 200


def test_event_page_shows_the_kosovo_footnote(client, auth):
    auth.login(Role.MANAGER)
    event = factories.event(city="Pristina", country="XK")
    db.session.commit()
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Kosovo*" in page and "Security Council resolution 1244" in page
