from datetime import UTC, date, datetime

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
        inspector = sa.inspect(db.engine)
        tables = set(inspector.get_table_names())
        assert set(db.metadata.tables) <= tables
        # SQLite rebuilds a table in a batch migration and loses an index on an expression, which its check
        # cannot see: the unique lower(code) indexes must survive every later migration
        with db.engine.connect() as connection:
            indexes = set(connection.scalars(sa.text(INDEX_NAMES[db.engine.dialect.name])))
        assert {"uq_projects_lower_code", "uq_dialogues_lower_code"} <= indexes
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


#: every index's name, as each engine lists them (SQLAlchemy does not reflect an expression index on SQLite)
INDEX_NAMES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index'",
    "postgresql": "SELECT indexname FROM pg_indexes",
}
PROJECT_COLUMNS = ("code", "title", "region_id", "status", "start_date", "currency")
STAMPS = ("version", "created_at", "updated_at")
NOW = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.mark.db
def test_the_rules_upgrade_names_the_records_that_break_the_new_constraints(empty_database_url):
    from alembic import command
    from alembic.script import ScriptDirectory

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
        # the tables as they were at that revision, not as the models are now
        projects = sa.table("projects", *(sa.column(name) for name in (*PROJECT_COLUMNS, *STAMPS)))
        regions = sa.table("regions", *(sa.column(name) for name in ("id", "code", "name", "version")))
        with db.engine.begin() as connection:
            region = connection.scalar(
                sa.insert(regions).values(code="EE", name="East", version=1).returning(regions.c.id)
            )
            row = {"region_id": region, "title": "T", "status": "active", "currency": "EUR"}
            row |= {"start_date": date(2024, 1, 1), "version": 1, "created_at": NOW, "updated_at": NOW}
            connection.execute(sa.insert(projects), [{**row, "code": "PRJ-1"}, {**row, "code": "prj-1"}])

        with pytest.raises(RuntimeError, match="project codes that differ only in case: PRJ-1, prj-1"):
            command.upgrade(config, rules.revision)

        with db.engine.begin() as connection:
            connection.execute(sa.delete(projects).where(projects.c.code == "prj-1"))
        command.upgrade(config, "head")
        command.downgrade(config, "base")
        db.engine.dispose()
