"""A project supporting both dialogues of a shared action plan is one initiative of the secretariat, not two."""

from decimal import Decimal

from portal.dialogues import services as dialogue_services
from portal.dialogues.queries import priority_counts, supporting_projects
from portal.extensions import db
from portal.initiatives.queries import plan_figures
from tests import factories


def test_a_project_of_both_dialogues_of_a_shared_plan_counts_once(app):
    rabat, khartoum = factories.dialogue(code="RP"), factories.dialogue(code="KP")
    plan = dialogue_services.create_plan(rabat, {"title": "Joint Valletta Action Plan"})
    dialogue_services.share_plan(plan, khartoum)
    legal = dialogue_services.add_domain(plan, title="Legal migration and mobility")
    channels = dialogue_services.add_priority(legal, code="2.1", title="Regular channels")
    students = dialogue_services.add_priority(legal, code="2.2", title="Student mobility")
    project = factories.project(countries=["SN"])
    dialogue_services.map_project(rabat, project, [channels.id])
    dialogue_services.map_project(khartoum, project, [channels.id, students.id])
    factories.contribution(project, factories.partner(), Decimal("300.00"), "EUR")
    db.session.flush()

    assert project.dialogues == [khartoum, rabat]
    figures = plan_figures(db.session, plan)
    assert [(row.projects.count, row.projects.money) for row in figures.domains] == [(1, {"EUR": Decimal("300.00")})]
    assert [row.projects.count for row in figures.priorities] == [1, 1]
    assert [(row.key, row.projects.count) for row in figures.countries] == [("SN", 1)]
    once_each = {channels.id: 1, students.id: 1}
    assert priority_counts(db.session, rabat) == priority_counts(db.session, khartoum) == once_each
    assert supporting_projects(db.session, rabat) == supporting_projects(db.session, khartoum) == [project]
