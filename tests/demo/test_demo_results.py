"""The demo's projects carry GCM objectives and results frameworks whose actuals fall in their projects' years."""

from decimal import Decimal

import sqlalchemy as sa

from portal.demo import data
from portal.demo.loader import load_demo
from portal.extensions import db
from portal.projects.models import IndicatorResult, Project
from portal.projects.rules import gcm_objective_problems, result_year_problems


def test_demo_projects_have_gcm_objectives_and_results(app):
    counts = load_demo(db.session)
    project = db.session.scalar(sa.select(Project).where(Project.acronym == "BOMCA"))
    assert project.gcm_objectives == ["1", "11", "23"]
    assert counts["project_outputs"] == sum(len(outputs) for outputs in data.PROJECT_RESULTS.values())
    first = project.outputs[0].indicators[0]
    assert first.text == "Number of countries with improved migration statistics"
    assert first.text_ru == "Число стран с улучшенной статистикой миграции"
    assert (first.target, first.latest.actual, first.progress) == (Decimal(5), Decimal(2), Decimal(40))

    tagged = db.session.scalars(sa.select(Project).where(Project.gcm_rows.any())).all()
    assert len(tagged) == len(data.PROJECT_GCM_OBJECTIVES)
    assert all(gcm_objective_problems(p.gcm_objectives) == [] for p in tagged)
    for result in db.session.scalars(sa.select(IndicatorResult)):
        owner = result.indicator.output.project
        assert result.project_id == owner.id
        assert result_year_problems(result.year, owner.start_date, owner.end_date, set()) == []
