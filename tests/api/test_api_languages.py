"""`?lang=` chooses the language of the API's texts: titles and names in that language where written, else English,
with every language's text beside them; without `lang`, the user's language."""

import pytest

from portal.accounts.models import Role
from portal.extensions import db
from tests import factories

PROJECT = {"title_en": "Labour mobility", "title_fr": None, "title_ru": "Трудовая мобильность"}


@pytest.fixture
def records(app):
    dialogue = factories.dialogue("PP", "Prague Process", name_fr="Processus de Prague", name_ru="Пражский процесс")
    project = factories.project(
        code="PP-01",
        title="Labour mobility",
        title_ru="Трудовая мобильность",
        description="Training.",
        description_ru="Обучение.",
        dialogues=[dialogue],
    )
    event = factories.event(title="Vienna Migration Conference", title_fr="Conférence de Vienne", project=project)
    db.session.commit()
    return project, dialogue, event


def test_lang_ru_gives_the_russian_texts_and_english_where_there_is_none(client, bearer, records):
    project, dialogue, event = records
    headers = bearer(Role.OFFICER)
    item = client.get("/api/v1/projects?lang=ru", headers=headers).json["items"][0]
    assert item["title"] == "Трудовая мобильность" and item["dialogues"][0]["name"] == "Пражский процесс"
    assert {key: item[key] for key in PROJECT} == PROJECT

    response = client.get(f"/api/v1/projects/{project.id}?lang=ru", headers=headers)
    assert response.headers["Content-Language"] == "ru"
    detail = response.json
    assert (detail["description"], detail["description_en"], detail["description_fr"]) == (
        "Обучение.",
        "Training.",
        None,
    )

    body = client.get(f"/api/v1/events/{event.id}?lang=ru", headers=headers).json
    assert body["title"] == "Vienna Migration Conference" and body["title_fr"] == "Conférence de Vienne"
    assert body["project"]["title"] == "Трудовая мобильность"
    body = client.get(f"/api/v1/dialogues/{dialogue.id}?lang=fr", headers=headers).json
    assert (body["name"], body["name_en"], body["name_ru"]) == (
        "Processus de Prague",
        "Prague Process",
        "Пражский процесс",
    )
    assert body["projects"][0]["title"] == "Labour mobility"


def test_without_lang_the_users_language_else_english(client, bearer, make_user, records):
    project, _, event = records
    english = client.get(f"/api/v1/projects/{project.id}", headers=bearer(Role.OFFICER)).json
    assert english["title"] == "Labour mobility"

    russian_reader = bearer(user=make_user(Role.OFFICER, language="ru"))
    assert client.get(f"/api/v1/projects/{project.id}", headers=russian_reader).json["title"] == "Трудовая мобильность"
    response = client.get(f"/api/v1/events/{event.id}?lang=fr", headers=russian_reader)
    assert response.json["title"] == "Conférence de Vienne" and response.headers["Content-Language"] == "fr"
    assert client.get("/api/v1/projects?lang=en", headers=russian_reader).json["items"][0]["title"] == "Labour mobility"


@pytest.mark.parametrize("lang", ["de", "RU", "ru-RU"])
def test_an_unknown_lang_is_refused(client, bearer, records, lang):
    response = client.get(f"/api/v1/projects?lang={lang}", headers=bearer(Role.OFFICER))
    assert response.status_code == 400 and "lang" in response.json["error"]["detail"]


def test_lang_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json
    parameters = document["paths"]["/api/v1/projects/{project_id}"]["get"]["parameters"]
    lang = next(parameter for parameter in parameters if parameter["name"] == "lang")
    assert lang["schema"]["enum"] == ["en", "fr", "ru"]
    assert {"title_en", "title_fr", "title_ru"} <= set(document["components"]["schemas"]["Project"]["required"])
