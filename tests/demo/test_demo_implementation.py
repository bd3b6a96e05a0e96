"""The demo's projects name their co-implementers and track deliverables that obey the rules of the forms."""

from datetime import date

import sqlalchemy as sa

from portal.demo import data
from portal.demo.loader import load_demo
from portal.extensions import db
from portal.projects.models import Deliverable, ImplementerRole, Project
from portal.projects.rules import deliverable_problems


def test_demo_projects_have_implementers_and_deliverables(app):
    counts = load_demo(db.session)
    assert counts["project_partners"] == sum(len(rows) for rows in data.PROJECT_IMPLEMENTERS.values())
    assert counts["deliverables"] == sum(len(rows) for rows in data.PROJECT_DELIVERABLES.values())

    prague = db.session.scalar(sa.select(Project).where(Project.acronym == "MPF-PP"))
    roles = {row.partner.acronym: row.role for row in prague.implementers}
    assert roles["IOM"] == ImplementerRole.CO_IMPLEMENTER and roles["OSCE"] == ImplementerRole.ASSOCIATE
    assert prague.implementers[0].partner.iati_ref == "XM-DAC-47066"
    handbook = prague.deliverables[-1]
    assert handbook.title_ru == "Руководство по гармонизированному сбору данных о миграции"
    assert handbook.is_late_on(date(2023, 1, 1))

    for deliverable in db.session.scalars(sa.select(Deliverable)):
        assert deliverable_problems(deliverable.status, deliverable.delivered_on) == []
        assert deliverable.title_fr and deliverable.title_ru
