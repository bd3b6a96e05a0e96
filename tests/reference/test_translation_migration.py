"""The migration that gives reference data French and Russian names fills them into the shipped rows already
installed, and leaves alone what an admin wrote or renamed."""

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.extensions import db
from tests.conftest import config_for

REVISION = "f465e14a9ef4"


@pytest.mark.db
def test_the_upgrade_translates_the_installed_defaults(empty_database_url):
    from alembic import command

    app = create_app(config_for(empty_database_url))
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        command.downgrade(config, "base")
        command.upgrade(config, "1a418e4c7074")
        regions = sa.table("regions", sa.column("code"), sa.column("name"), sa.column("version"))
        stations = sa.table(
            "duty_stations", sa.column("ref"), sa.column("city"), sa.column("country"), sa.column("version")
        )
        items = sa.table(
            "concept_note_reference_items",
            *(sa.column(name) for name in ("kind", "code", "label", "title", "position", "is_active", "version")),
        )
        with db.engine.begin() as connection:
            connection.execute(
                sa.insert(regions),
                [
                    {"code": "WBT", "name": "Western Balkans and Turkey", "version": 1},
                    {"code": "MED", "name": "Mediterranean and Middle East", "version": 1},  # renamed by an admin
                    {"code": "NORTH", "name": "North", "version": 1},  # an admin's own
                ],
            )
            connection.execute(sa.insert(stations).values(ref="VIE", city="Vienna", country="AT", version=1))
            item = {"kind": "GCM_OBJECTIVE", "position": 1, "is_active": True, "version": 1}
            connection.execute(
                sa.insert(items),
                [
                    {
                        **item,
                        "code": "1",
                        "label": "Data",
                        "title": "Collect and utilize accurate and disaggregated "
                        "data as a basis for evidence-based policies",
                    },
                    {
                        **item,
                        "code": "2",
                        "label": "Drivers",
                        "title": "Minimize the adverse drivers and structural "
                        "factors that compel people to leave their country of origin",
                    },
                ],
            )

        command.upgrade(config, REVISION)

        with db.engine.connect() as connection:
            names = {
                code: (fr, ru)
                for code, fr, ru in connection.execute(sa.text("SELECT code, name_fr, name_ru FROM regions"))
            }
            city = connection.execute(sa.text("SELECT city_fr, city_ru FROM duty_stations")).one()
            entries = {
                code: tuple(row)
                for code, *row in connection.execute(
                    sa.text("SELECT code, label_fr, label_ru, title_fr, title_ru FROM concept_note_reference_items")
                )
            }
        assert names == {
            "WBT": ("Balkans occidentaux et Turquie", "Западные Балканы и Турция"),
            "MED": (None, None),
            "NORTH": (None, None),
        }
        assert tuple(city) == ("Vienne", "Вена")
        label_fr, label_ru, title_fr, title_ru = entries["1"]
        assert (label_fr, label_ru) == ("Données", "Данные")
        assert title_fr.startswith("Collecter et utiliser des données précises et ventilées")
        assert title_ru.startswith("Сбор и использование точных и дезагрегированных данных")
        assert entries["2"][:2] == (None, None)  # the label was changed; the title was not
        assert entries["2"][3].startswith("Свести к минимуму негативные факторы")

        command.downgrade(config, "1a418e4c7074")
        with db.engine.connect() as connection:
            columns = {column["name"] for column in sa.inspect(connection).get_columns("regions")}
        assert "name_fr" not in columns
        command.downgrade(config, "base")
        db.engine.dispose()
