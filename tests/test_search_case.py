"""Searches ignore the case of every letter, not only of A-Z: "пражский" finds "Пражский процесс" on SQLite, whose
own lower() knows only ASCII, as on PostgreSQL."""

import pytest
import sqlalchemy as sa

from portal.db import contains
from portal.extensions import db
from portal.projects.models import Project
from tests import factories


@pytest.mark.parametrize(
    ("q", "found"),
    [("пражский", ["RU"]), ("ПРАЖСКИЙ ПРОЦЕСС", ["RU"]), ("ÉTÉ", ["FR"]), ("Straße", ["DE"]), ("100%", [])],
)
def test_a_search_ignores_the_case_of_every_letter(app, q, found):
    region = factories.region("R1")
    factories.project(region=region, code="RU", title="Поддержка: Пражский процесс")
    factories.project(region=region, code="FR", title="Université d'été")
    factories.project(region=region, code="DE", title="STRASSE und straße")
    db.session.flush()
    query = sa.select(Project.code).where(contains([Project.title], q)).order_by(Project.code)
    assert list(db.session.scalars(query)) == found
