"""A dialogue's name and description in French and Russian: shown in the reader's language, English where missing,
found by the search, named so in choice lists, saved and cleared through the form."""

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from portal.accounts.models import Role
from portal.dialogues.models import Dialogue
from portal.dialogues.queries import dialogue_choices, dialogue_query
from portal.extensions import db
from tests import factories

FORM = {
    "name": "Prague Process",
    "code": "PP",
    "acronym": "PP",
    "region_id": "",
    "secretariat_id": "",
    "members": ["CZ"],
    "started_on": "2009-04-28",
    "description": "",
    "name_fr": "",
    "description_fr": "",
    "name_ru": "",
    "description_ru": "",
}


@pytest.fixture
def dialogues(app):
    prague = factories.dialogue(
        "PP",
        "Prague Process",
        name_ru="Пражский процесс",
        description="A targeted migration dialogue.",
        description_ru="Целевой миграционный диалог.",
    )
    budapest = factories.dialogue("BP", "Budapest Process", name_ru="Будапештский процесс")
    rabat = factories.dialogue("RP", "Rabat Process")
    db.session.commit()
    return prague, budapest, rabat


def test_the_russian_reader_sees_the_russian_names(client, auth, dialogues):
    prague = dialogues[0]
    auth.login(Role.OFFICER, language="ru")
    listing = client.get("/dialogues/").get_data(as_text=True)
    assert "Пражский процесс" in listing and "Будапештский процесс" in listing and "Prague Process" not in listing
    # a missing translation falls back to English
    assert "Rabat Process" in listing
    detail = client.get(f"/dialogues/{prague.id}").get_data(as_text=True)
    assert "Пражский процесс" in detail and "Целевой миграционный диалог." in detail
    assert "Prague Process" not in detail and "A targeted migration dialogue." not in detail


def test_the_english_reader_sees_the_english_names(client, auth, dialogues):
    auth.login(Role.OFFICER, language="en")
    listing = client.get("/dialogues/").get_data(as_text=True)
    assert "Prague Process" in listing and "Пражский процесс" not in listing


def test_lists_and_choices_go_by_the_name_the_reader_reads(app, dialogues):
    prague, budapest, rabat = dialogues
    with force_locale("ru"):
        assert dialogue_choices(db.session) == [
            (rabat.id, "Rabat Process"),
            (budapest.id, "Будапештский процесс"),
            (prague.id, "Пражский процесс"),
        ]
        assert [d.code for d in db.session.scalars(dialogue_query())] == ["RP", "BP", "PP"]
    with force_locale("en"):
        assert [name for _, name in dialogue_choices(db.session, by_code=True)] == [
            "Budapest Process",
            "Prague Process",
            "Rabat Process",
        ]


def test_the_search_finds_a_dialogue_by_its_translated_name(client, auth, dialogues):
    assert [d.code for d in db.session.scalars(dialogue_query(q="ражский"))] == ["PP"]
    auth.login(Role.OFFICER, language="en")
    html = client.get("/dialogues/?q=Будапештский").get_data(as_text=True)
    assert "Budapest Process" in html and "Prague Process" not in html


def test_the_form_saves_and_clears_the_translations(client, auth):
    auth.login(Role.OFFICER)
    response = client.post(
        "/dialogues/new", data={**FORM, "name_ru": " Пражский процесс ", "description_fr": "Un dialogue ciblé."}
    )
    assert response.status_code == 302
    dialogue = db.session.scalar(sa.select(Dialogue))
    assert (dialogue.name_fr, dialogue.name_ru, dialogue.description_fr, dialogue.description_ru) == (
        None,
        "Пражский процесс",
        "Un dialogue ciblé.",
        None,
    )
    response = client.post(f"/dialogues/{dialogue.id}/edit", data={**FORM, "version": str(dialogue.version)})
    assert response.status_code == 302
    db.session.expire_all()
    dialogue = db.session.get(Dialogue, dialogue.id)
    assert (dialogue.name_ru, dialogue.description_fr) == (None, None)


def test_a_translation_follows_the_length_limit_of_the_english_name(client, auth):
    auth.login(Role.OFFICER)
    response = client.post("/dialogues/new", data={**FORM, "name_fr": "n" * 256})
    assert response.status_code == 200 and 'id="name_fr-errors"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Dialogue)) == 0
