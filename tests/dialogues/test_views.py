from datetime import date

import pytest
import sqlalchemy as sa
from markupsafe import escape

from portal.accounts.models import Role
from portal.dialogues.models import ActionPlan, Chairmanship, Dialogue
from portal.extensions import db
from tests import factories

FORM = {
    "name": "Rabat Process",
    "code": "RP",
    "acronym": "RP",
    "region_id": "",
    "secretariat_id": "",
    "started_on": "2006-07-10",
    "description": "Euro-African dialogue",
}


def _count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_officer_creates_a_dialogue_and_sees_members_with_the_kosovo_footnote(client, auth):
    auth.login(Role.OFFICER)
    secretariat = factories.partner(name="International Centre for Migration Policy Development", acronym="ICMPD")
    db.session.commit()
    response = client.post("/dialogues/new", data={**FORM, "secretariat_id": str(secretariat.id)})
    assert response.status_code == 302
    dialogue = db.session.scalar(sa.select(Dialogue))
    url = f"/dialogues/{dialogue.id}/members/new"
    for country in ("MA", "XK"):
        assert client.post(url, data={"country": country, "partner_id": "", "status": "member"}).status_code == 302
    db.session.expire_all()
    assert dialogue.members == ["MA", "XK"] and dialogue.secretariat_id == secretariat.id
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kosovo*" in page and "Security Council resolution 1244" in page
    assert "Morocco" in page and "ICMPD" in page


def test_bad_input_is_answered_beside_the_field_and_nothing_is_written(client, auth):
    auth.login(Role.OFFICER)
    response = client.post("/dialogues/new", data={**FORM, "name": "", "started_on": "10 July"})
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("is-invalid") >= 2
    factories.dialogue(code="RP")
    db.session.commit()
    response = client.post("/dialogues/new", data=FORM)
    assert response.status_code == 200 and "Another dialogue already uses this code." in response.get_data(as_text=True)
    assert _count(Dialogue) == 1


def test_overlapping_chairmanship_is_refused_beside_the_start_date(client, auth):
    auth.login(Role.OFFICER)
    dialogue = factories.dialogue()
    db.session.add(Chairmanship(dialogue=dialogue, country="PT", start_date=date(2020, 1, 1), end_date=None))
    db.session.commit()
    url = f"/dialogues/{dialogue.id}/chairmanships/new"
    response = client.post(url, data={"country": "FR", "start_date": "2022-01-01", "end_date": ""})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="start_date-errors"' in body and "overlaps" in body
    response = client.post(url, data={"country": "FR", "start_date": "2022-01-01", "end_date": "2021-01-01"})
    assert response.status_code == 200 and 'id="end_date-errors"' in response.get_data(as_text=True)
    assert _count(Chairmanship) == 1


def test_the_current_chair_is_shown(client, auth):
    auth.login(Role.MANAGER)
    dialogue = factories.dialogue(name="Khartoum Process")
    db.session.add_all(
        [
            Chairmanship(dialogue=dialogue, country="NL", start_date=date(2020, 1, 1), end_date=date(2021, 12, 31)),
            Chairmanship(dialogue=dialogue, country="EG", start_date=date(2022, 1, 1), end_date=None),
        ]
    )
    db.session.commit()
    page = client.get(f"/dialogues/{dialogue.id}").get_data(as_text=True)
    current = page.split('id="current-chair"')[1].split("</dd>")[0]
    assert "Egypt" in current and "Netherlands" not in current
    assert "Netherlands" in page
    assert f"/dialogues/{dialogue.id}/edit" not in page
    listing = client.get("/dialogues/").get_data(as_text=True)
    assert "Khartoum Process" in listing and "Egypt" in listing


def test_edit_against_a_newer_version_saves_nothing(client, auth):
    auth.login(Role.OFFICER)
    dialogue = factories.dialogue(code="KP", name="Khartoum Process", members=["MA", "XK"])
    db.session.commit()
    opened = dialogue.version
    dialogue.name = "Saved meanwhile"
    dialogue.acronym = "NL"
    db.session.commit()
    response = client.post(
        f"/dialogues/{dialogue.id}/edit", data={**FORM, "code": "KP", "name": "Mine", "version": str(opened)}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Changed by someone else" in body
    assert "<strong>NL</strong>" in body and "<strong>Saved meanwhile</strong>" in body
    db.session.expire_all()
    assert dialogue.name == "Saved meanwhile"
    response = client.post(
        f"/dialogues/{dialogue.id}/edit", data={**FORM, "code": "KP", "name": "Mine", "version": str(dialogue.version)}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert dialogue.name == "Mine"


def test_action_plan_and_project_mapping_through_the_pages(client, auth):
    auth.login(Role.OFFICER)
    dialogue = factories.dialogue()
    project = factories.project(code="AFR-2019-01", acronym="OCWAR-T")
    plan = ActionPlan(title="Joint Valletta Action Plan", dialogues=[dialogue])
    db.session.add(plan)
    db.session.commit()
    url = f"/dialogues/{dialogue.id}/plans/{plan.id}/domains/new"
    assert client.post(url, data={"title": "Protection and asylum"}).status_code == 302
    db.session.expire_all()
    domain = dialogue.domains[0]
    response = client.post(
        f"/dialogues/{dialogue.id}/domains/{domain.id}/priorities/new",
        data={"code": "3.1", "title": "Quality of the asylum process"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    priority = domain.priorities[0]
    response = client.post(
        f"/dialogues/{dialogue.id}/projects", data={"project_id": str(project.id), "priority_ids": [str(priority.id)]}
    )
    assert response.status_code == 302
    page = client.get(f"/dialogues/{dialogue.id}").get_data(as_text=True)
    assert "OCWAR-T" in page and "1 initiative" in page
    edit = client.get(f"/dialogues/{dialogue.id}/projects?project_id={project.id}").get_data(as_text=True)
    assert f'<option selected value="{priority.id}">' in edit
    assert client.post(f"/dialogues/{dialogue.id}/projects/{project.id}/remove").status_code == 302
    db.session.expire_all()
    assert project.priorities == [] and project.dialogues == []


def test_mapping_needs_a_project(client, auth):
    auth.login(Role.OFFICER)
    dialogue = factories.dialogue()
    db.session.commit()
    response = client.post(f"/dialogues/{dialogue.id}/projects", data={"project_id": ""})
    assert response.status_code == 200 and 'id="project_id-errors"' in response.get_data(as_text=True)


def test_children_of_another_dialogue_are_not_found(client, auth):
    auth.login(Role.OFFICER)
    mine, theirs = factories.dialogue(), factories.dialogue()
    chair = Chairmanship(dialogue=theirs, country="PT", start_date=date(2020, 1, 1))
    db.session.add(chair)
    db.session.commit()
    assert client.post(f"/dialogues/{mine.id}/chairmanships/{chair.id}/delete").status_code == 404
    assert client.get(f"/dialogues/{mine.id}/chairmanships/{chair.id}").status_code == 404
    assert client.post(f"/dialogues/{theirs.id}/chairmanships/{chair.id}/delete").status_code == 302
    assert _count(Chairmanship) == 0


def test_events_are_listed_with_counts_and_no_personal_data(client, auth):
    auth.login(Role.MANAGER)
    dialogue = factories.dialogue()
    event = factories.event(title="Senior officials' meeting 2021", dialogue=dialogue)
    factories.attendance(
        event, factories.person(first_name="Zorana", last_name="Secretname", email="zorana@example.org")
    )
    factories.event(title="Thematic meeting", dialogue=dialogue, in_person_count=40, online_count=2)
    db.session.commit()
    page = client.get(f"/dialogues/{dialogue.id}").get_data(as_text=True)
    assert "Senior officials&#39; meeting 2021" in page and "Thematic meeting" in page
    assert ">42<" in page and ">1<" in page
    assert "Secretname" not in page and "zorana@example.org" not in page


@pytest.mark.parametrize(
    ("q", "found"),
    [("%", ["Half 50% Forum"]), ("_", ["Snake_case Process"]), ("\\", ["Either\\Or Dialogue"])],
)
def test_the_search_matches_percent_underscore_and_backslash_as_themselves(client, auth, q, found):
    names = ("Half 50% Forum", "Snake_case Process", "Either\\Or Dialogue", "Plain Process 500")
    for name in names:
        factories.dialogue(name=name)
    db.session.commit()
    auth.login(Role.OFFICER)

    html = client.get("/dialogues/", query_string={"q": q}).get_data(as_text=True)

    assert [name for name in names if escape(name) in html] == found
