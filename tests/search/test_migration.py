from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.extensions import db
from tests.conftest import config_for

REVISION = "6b1f3c2d9e47"


def _table(name, *columns):
    # the tables as they are at the revision before: the models may have gained columns since
    return sa.table(name, *(sa.column(column) for column in columns))


@pytest.mark.db
def test_the_migration_indexes_the_records_already_there(empty_database_url):
    from alembic import command

    app = create_app(config_for(empty_database_url))
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        command.downgrade(config, "base")
        command.upgrade(config, f"{REVISION}-1")
        stamp = {"version": 1, "created_at": datetime(2025, 1, 1, tzinfo=UTC), "updated_at": None}
        stamp["updated_at"] = stamp["created_at"]
        with db.engine.begin() as connection:
            regions = _table("regions", "id", "code", "name", "version")
            connection.execute(sa.insert(regions).values(id=1, code="EE", name="East", version=1))
            projects = _table(
                "projects",
                "code",
                "title",
                "description",
                "region_id",
                "status",
                "currency",
                "start_date",
                "version",
                "created_at",
                "updated_at",
            )
            connection.execute(
                sa.insert(projects).values(
                    code="PRJ-1",
                    title="T",
                    description="Fisheries cooperation",
                    region_id=1,
                    status="ACTIVE",
                    currency="EUR",
                    start_date=date(2024, 1, 1),
                    **stamp,
                )
            )
            people = _table(
                "people",
                "ref",
                "first_name",
                "last_name",
                "gender",
                "sector",
                "consent",
                "erased_at",
                "version",
                "created_at",
                "updated_at",
            )
            common = {"gender": "FEMALE", "sector": "GOVERNMENT", "consent": False, **stamp}
            connection.execute(
                sa.insert(people),
                [
                    {**common, "ref": "P-1", "first_name": "Ingrid", "last_name": "Solberg", "erased_at": None},
                    {
                        **common,
                        "ref": "P-2",
                        "first_name": "Erased",
                        "last_name": "Person",
                        "erased_at": stamp["created_at"],
                    },
                ],
            )
        command.upgrade(config, REVISION)
        with db.engine.connect() as connection:
            documents = connection.execute(sa.text("SELECT kind, title, body FROM search_index ORDER BY title")).all()
        assert [(kind, title) for kind, title, _ in documents] == [
            ("person", "Ingrid Solberg"),
            ("project", "PRJ-1 · T"),
        ]
        assert "Fisheries cooperation" in documents[1][2]
        command.downgrade(config, "base")
        db.engine.dispose()
