"""A project supports any number of dialogues; it is mapped only to priorities of the action plans of those."""

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.dialogues import services as dialogue_services
from portal.errors import DomainError
from portal.extensions import db
from portal.projects import services
from portal.projects.models import Project
from portal.projects.rules import priority_problems
from tests import factories


def _values(project, dialogues):
    return {
        "code": project.code,
        "title": project.title,
        "region_id": project.region_id,
        "status": project.status.value,
        "start_date": project.start_date,
        "currency": project.currency,
        "dialogue_ids": [d.id for d in dialogues],
    }


@pytest.fixture
def jvap(app):
    """The Rabat and Khartoum Processes share an action plan; the Budapest Process has its own."""
    rabat, khartoum, budapest = (factories.dialogue(code) for code in ("RP", "KP", "BP"))
    shared = dialogue_services.create_plan(rabat, {"title": "Joint Valletta Action Plan"})
    dialogue_services.share_plan(shared, khartoum)
    legal = dialogue_services.add_domain(shared, title="Legal migration")
    channels = dialogue_services.add_priority(legal, code="2.1", title="Regular channels")
    own = dialogue_services.add_domain(dialogue_services.create_plan(budapest, {"title": "Istanbul"}), title="Return")
    returns = dialogue_services.add_priority(own, code="4.1", title="Reintegration")
    return {"RP": rabat, "KP": khartoum, "BP": budapest, "channels": channels, "returns": returns}


def test_the_rule_wants_a_dialogue_whose_plan_holds_each_priority():
    assert priority_problems([1, 2], [("2.1", [2, 3]), ("4.1", [1])]) == []
    assert priority_problems([], []) == []
    ((field, message),) = priority_problems([1], [("2.1", [2, 3]), ("4.1", [1]), ("5.2", [])])
    assert field == "dialogue_ids" and "2.1, 5.2" in str(message)


def test_a_project_supports_several_dialogues_and_each_lists_it(jvap):
    project = factories.project()
    services.update_project(project, _values(project, [jvap["RP"], jvap["BP"]]))
    assert project.dialogues == [jvap["BP"], jvap["RP"]]
    db.session.expire_all()
    assert [p.code for p in jvap["RP"].projects] == [p.code for p in jvap["BP"].projects] == [project.code]
    assert jvap["KP"].projects == []


def test_a_dialogue_is_kept_while_the_project_is_mapped_to_its_plan(jvap):
    project = factories.project()
    dialogue_services.map_project(jvap["BP"], project, [jvap["returns"].id])
    dialogue_services.map_project(jvap["KP"], project, [jvap["channels"].id])
    assert project.dialogues == [jvap["BP"], jvap["KP"]]

    with pytest.raises(DomainError) as error:
        services.update_project(project, _values(project, [jvap["KP"]]))
    assert error.value.field == "dialogue_ids" and "4.1" in str(error.value.message)
    # the Rabat Process shares the plan of priority 2.1: it may replace the Khartoum Process
    services.update_project(project, _values(project, [jvap["BP"], jvap["RP"]]))
    assert project.dialogues == [jvap["BP"], jvap["RP"]]
    assert {p.code for p in project.priorities} == {"2.1", "4.1"}


def test_the_form_offers_every_dialogue_and_answers_the_rule_beside_the_field(client, auth, jvap):
    project = factories.project(code="PRJ-9")
    dialogue_services.map_project(jvap["BP"], project, [jvap["returns"].id])
    db.session.commit()
    auth.login(Role.OFFICER)

    form = client.get(f"/projects/{project.id}/edit").get_data(as_text=True)
    options = form.split('name="dialogue_ids"')[1].split("</select>")[0]
    assert options.count("<option") == 3 and f'<option selected value="{jvap["BP"].id}">' in options

    data = {
        "code": "PRJ-9",
        "title": project.title,
        "region_id": str(project.region_id),
        "status": "active",
        "start_date": "2020-01-01",
        "currency": "EUR",
        "dialogue_ids": [str(jvap["RP"].id)],
        "version": str(project.version),
    }
    response = client.post(f"/projects/{project.id}/edit", data=data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "4.1" in html.split('id="dialogue_ids-errors"')[1][:400]

    response = client.post(f"/projects/{project.id}/edit", data=data | {"dialogue_ids": [jvap["RP"].id, jvap["BP"].id]})
    assert response.status_code == 302
    db.session.expire_all()
    project = db.session.scalar(sa.select(Project).where(Project.code == "PRJ-9"))
    assert [d.code for d in project.dialogues] == ["BP", "RP"]
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    for dialogue in (jvap["BP"], jvap["RP"]):
        assert f'href="/dialogues/{dialogue.id}"' in page
        assert "PRJ-9" in client.get(f"/dialogues/{dialogue.id}").get_data(as_text=True)
