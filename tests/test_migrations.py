from datetime import date

import flask_migrate
import pytest
import sqlalchemy as sa

from portal import create_app
from portal.extensions import db
from tests.conftest import config_for


@pytest.mark.db  # the migrations hold engine-specific constraints (lower(code), PostgreSQL's exclusion): run on both
def test_upgrade_from_empty_database_matches_models(empty_database_url):
    app = create_app(config_for(empty_database_url))
    with app.app_context():
        flask_migrate.upgrade()
        tables = set(sa.inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) <= tables
        flask_migrate.check()  # raises when the models and the migrations differ
        flask_migrate.downgrade(revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        flask_migrate.upgrade()
        db.engine.dispose()


def test_single_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from portal.config import ROOT

    config = Config(str(ROOT / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


@pytest.mark.db
def test_the_rules_upgrade_names_the_records_that_break_the_new_constraints(empty_database_url):
    from alembic import command
    from alembic.script import ScriptDirectory

    from portal.projects.models import Project
    from portal.reference.models import Region

    app = create_app(config_for(empty_database_url))
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        rules = next(
            revision
            for revision in ScriptDirectory.from_config(config).walk_revisions()
            if revision.doc.startswith("rules held by the database")
        )
        command.downgrade(config, "base")
        command.upgrade(config, rules.down_revision)
        projects = Project.__table__
        with db.engine.begin() as connection:
            region = connection.execute(sa.insert(Region.__table__).values(code="EE", name="East")).inserted_primary_key
            row = {"region_id": region[0], "title": "T", "status": "active", "currency": "EUR"}
            row["start_date"] = date(2024, 1, 1)
            connection.execute(sa.insert(projects), [{**row, "code": "PRJ-1"}, {**row, "code": "prj-1"}])

        with pytest.raises(RuntimeError, match="project codes that differ only in case: PRJ-1, prj-1"):
            command.upgrade(config, rules.revision)

        with db.engine.begin() as connection:
            connection.execute(sa.delete(projects).where(projects.c.code == "prj-1"))
        command.upgrade(config, "head")
        command.downgrade(config, "base")
        db.engine.dispose()
