"""An event's title and description in French and Russian: shown in the reader's language on the list, the page,
the calendar and the participant list, English where missing; copied with the event; saved through the form."""

from datetime import date

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.events.models import Event
from portal.extensions import db
from tests import factories

ENGLISH = "Vienna Migration Conference"
RUSSIAN = "Венская конференция по вопросам миграции"
FRENCH = "Conférence de Vienne sur les migrations"


@pytest.fixture
def event(app):
    dialogue = factories.dialogue(code="PP", name="Prague Process", name_ru="Пражский процесс")
    event = factories.event(
        title=ENGLISH,
        title_ru=RUSSIAN,
        description="Panels and speakers.",
        description_ru="Панели и докладчики.",
        dialogue=dialogue,
        start_date=date(2021, 10, 19),
    )
    db.session.commit()
    return event


def _form(**overrides):
    data = {
        "title": ENGLISH,
        "type": "conference",
        "start_date": "2021-10-19",
        "end_date": "2021-10-20",
        "mode": "in_person",
        "city": "Vienna",
        "country": "AT",
        "project_id": "",
        "dialogue_id": "",
        "in_person_count": "",
        "online_count": "",
        "description": "",
        "title_fr": "",
        "description_fr": "",
        "title_ru": "",
        "description_ru": "",
    }
    data.update(overrides)
    return data


def test_the_russian_reader_sees_the_russian_texts(client, auth, event):
    auth.login(Role.OFFICER, language="ru")
    for page in ("/events/?year=2021", f"/events/{event.id}", "/events/calendar?month=2021-10"):
        html = client.get(page).get_data(as_text=True)
        assert RUSSIAN in html and ENGLISH not in html, page
    detail = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Панели и докладчики." in detail and "Пражский процесс" in detail and "Prague Process" not in detail


def test_the_english_reader_sees_the_english_texts_and_a_missing_translation_falls_back(client, auth, event):
    for language in ("en", "fr"):
        auth.login(Role.OFFICER, language=language)
        for page in ("/events/?year=2021", f"/events/{event.id}"):
            html = client.get(page).get_data(as_text=True)
            assert ENGLISH in html and RUSSIAN not in html, (language, page)
        auth.logout()


def test_the_form_saves_and_clears_the_translations(client, auth):
    auth.login(Role.OFFICER)
    response = client.post("/events/new", data=_form(title_fr=f" {FRENCH} ", description_ru="Панели."))
    assert response.status_code == 302
    event = db.session.scalar(sa.select(Event))
    assert (event.title_fr, event.description_fr, event.title_ru, event.description_ru) == (
        FRENCH,
        None,
        None,
        "Панели.",
    )
    response = client.post(f"/events/{event.id}/edit", data=_form(version=str(event.version)))
    assert response.status_code == 302
    db.session.expire_all()
    event = db.session.get(Event, event.id)
    assert (event.title_fr, event.description_ru) == (None, None)


def test_a_translation_follows_the_length_limit_of_the_english_text(client, auth):
    auth.login(Role.OFFICER)
    response = client.post("/events/new", data=_form(title_fr="é" * 501))
    assert response.status_code == 200 and 'id="title_fr-errors"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Event)) == 0


def test_a_copy_keeps_the_translations(client, auth, event):
    auth.login(Role.OFFICER)
    form = client.get(f"/events/{event.id}/clone").get_data(as_text=True)
    assert RUSSIAN in form and "Панели и докладчики." in form
