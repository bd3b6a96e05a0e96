"""The workbook carries projects', events' and dialogues' French and Russian texts in optional columns: exported,
imported back exactly, and an import without them leaves them empty."""

import sqlalchemy as sa

from portal.dialogues.models import Dialogue
from portal.events.models import Event
from portal.exchange import services
from portal.extensions import db
from portal.projects.models import Project
from tests import factories
from tests.exchange import workbooks

TEXTS = {
    Project: {
        "title_fr": "Mobilité de la main-d'œuvre",
        "title_ru": "Трудовая мобильность",
        "description_fr": "Formations.",
        "description_ru": "=Обучение; обмен опытом",
    },
    Event: {"title_fr": "Conférence de Vienne", "title_ru": "Венская конференция"},
    Dialogue: {"name_fr": "Processus de Prague", "name_ru": "Пражский процесс"},
}


def _texts():
    db.session.expire_all()
    return {
        model: dict(zip(fields, db.session.execute(sa.select(*(getattr(model, f) for f in fields))).one(), strict=True))
        for model, fields in TEXTS.items()
    }


def test_translations_make_the_round_trip(app, tmp_path, empty_database):
    dialogue = factories.dialogue("PP", "Prague Process", **TEXTS[Dialogue])
    project = factories.project(code="PP-01", title="Labour mobility", dialogues=[dialogue], **TEXTS[Project])
    factories.event(title="Vienna Migration Conference", project=project, dialogue=dialogue, **TEXTS[Event])
    db.session.commit()
    services.export_workbook(tmp_path / "first.xlsx", personal_data=True)
    sheets = workbooks.read(tmp_path / "first.xlsx")
    header, row = sheets["projects"]
    assert dict(zip(header, row, strict=True))["title_ru"] == "Трудовая мобильность"
    assert {"name_fr", "name_ru"} <= set(sheets["dialogues"][0])
    assert {"title_fr", "title_ru"} <= set(sheets["events"][0])

    empty_database()
    report = services.import_workbook(tmp_path / "first.xlsx")
    db.session.commit()
    assert report.ok
    assert _texts() == TEXTS
    services.export_workbook(tmp_path / "second.xlsx", personal_data=True)
    assert workbooks.read(tmp_path / "second.xlsx") == sheets


def test_a_workbook_without_the_columns_leaves_the_translations_empty(app, tmp_path):
    path = workbooks.save(tmp_path / "in.xlsx", workbooks.portfolio())
    assert services.import_workbook(path).ok
    db.session.commit()
    project = db.session.scalar(sa.select(Project).where(Project.code == "PRJ-1"))
    assert (project.title, project.title_fr, project.title_ru, project.description_ru) == (
        "Labour mobility",
        None,
        None,
        None,
    )
    assert project.display_title == "Labour mobility"


def test_a_translation_longer_than_the_english_column_is_refused(app, tmp_path, row_counts):
    sheets = workbooks.portfolio()
    header, *rows = sheets["dialogues"]
    sheets["dialogues"] = [[*header, "name_ru"], *([*row, "д" * 256] for row in rows)]
    before = row_counts()
    report = services.import_workbook(workbooks.save(tmp_path / "in.xlsx", sheets))
    assert not report.ok
    assert any(problem.column == "name_ru" for problem in report.problems)
    db.session.rollback()
    assert row_counts() == before
