"""A project's title and description in French and Russian: shown in the reader's language, English where missing,
found by the search, saved and cleared through the form."""

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from portal.accounts.models import Role
from portal.extensions import db
from portal.projects.models import Project
from portal.projects.queries import project_choices, project_query
from tests import factories

ENGLISH = "Labour mobility in Central Asia"
RUSSIAN = "Трудовая мобильность в Центральной Азии"
RUSSIAN_DESCRIPTION = "Обучение и обмен опытом."


@pytest.fixture
def project(app):
    project = factories.project(
        code="PP-01",
        title=ENGLISH,
        title_ru=RUSSIAN,
        description="Training and exchanges.",
        description_ru=RUSSIAN_DESCRIPTION,
    )
    db.session.commit()
    return project


def _form(project, **overrides):
    data = {
        "code": project.code,
        "acronym": "",
        "title": project.title,
        "description": "",
        "region_id": str(project.region_id),
        "status": "active",
        "start_date": "2020-01-01",
        "end_date": "",
        "currency": "EUR",
        "duty_station_id": "",
        "dialogue_id": "",
        "officer_id": "",
        "title_fr": "",
        "description_fr": "",
        "title_ru": "",
        "description_ru": "",
        "version": str(project.version),
    }
    data.update(overrides)
    return data


def test_the_russian_reader_sees_the_russian_title_and_description(client, auth, project):
    auth.login(Role.OFFICER, language="ru")
    listing = client.get("/projects/").get_data(as_text=True)
    assert RUSSIAN in listing and ENGLISH not in listing
    detail = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert RUSSIAN in detail and RUSSIAN_DESCRIPTION in detail
    assert ENGLISH not in detail and "Training and exchanges." not in detail


def test_the_english_reader_sees_the_english_title(client, auth, project):
    auth.login(Role.OFFICER, language="en")
    for page in ("/projects/", f"/projects/{project.id}"):
        html = client.get(page).get_data(as_text=True)
        assert ENGLISH in html and RUSSIAN not in html


def test_a_missing_translation_falls_back_to_english(client, auth, project):
    auth.login(Role.OFFICER, language="fr")
    for page in ("/projects/", f"/projects/{project.id}"):
        html = client.get(page).get_data(as_text=True)
        assert ENGLISH in html and RUSSIAN not in html
    assert "Training and exchanges." in client.get(f"/projects/{project.id}").get_data(as_text=True)


def test_the_search_finds_a_project_by_its_translated_title(client, auth, project):
    factories.project(code="OTHER", title="Return and reintegration")
    db.session.commit()
    found = db.session.scalars(project_query(q="мобильность")).all()
    assert [p.code for p in found] == ["PP-01"]
    auth.login(Role.OFFICER, language="en")
    html = client.get("/projects/?q=Трудовая").get_data(as_text=True)
    assert "PP-01" in html and "OTHER" not in html


def test_choices_name_the_project_in_the_readers_language(app, project):
    with force_locale("ru"):
        assert project_choices(db.session) == [(project.id, f"PP-01 · {RUSSIAN}")]
    with force_locale("en"):
        assert project_choices(db.session) == [(project.id, f"PP-01 · {ENGLISH}")]


def test_the_form_saves_and_clears_the_translations(client, auth, project):
    auth.login(Role.OFFICER)
    form = client.get(f"/projects/{project.id}/edit").get_data(as_text=True)
    assert "Other languages" in form and '<details class="mb-3" open>' in form and RUSSIAN in form

    response = client.post(
        f"/projects/{project.id}/edit",
        data=_form(project, title_fr=" Mobilité de la main-d'œuvre ", description_fr="Formations.", title_ru=RUSSIAN),
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Project, project.id)
    assert (saved.title_fr, saved.description_fr, saved.title_ru, saved.description_ru) == (
        "Mobilité de la main-d'œuvre",
        "Formations.",
        RUSSIAN,
        None,
    )

    response = client.post(f"/projects/{project.id}/edit", data=_form(saved))
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Project, project.id)
    assert (saved.title_fr, saved.description_fr, saved.title_ru, saved.description_ru) == (None, None, None, None)
    assert '<details class="mb-3">' in client.get(f"/projects/{project.id}/edit").get_data(as_text=True)


def test_a_translation_follows_the_length_limit_of_the_english_text(client, auth, project):
    auth.login(Role.OFFICER)
    response = client.post(f"/projects/{project.id}/edit", data=_form(project, title_ru="я" * 501, title_fr="ok"))
    assert response.status_code == 200
    assert 'id="title_ru-errors"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(sa.select(Project.title_fr)) is None
