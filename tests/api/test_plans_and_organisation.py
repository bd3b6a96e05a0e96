"""The API's list of action plans and the organisation's facts."""

from datetime import date

import pytest

from portal.accounts.models import Role
from portal.dialogues import services as dialogue_services
from portal.extensions import db
from portal.organisation import services as organisation_services
from tests import factories


@pytest.fixture
def headers(bearer):
    return bearer(Role.OFFICER)


def test_action_plans_are_listed_with_their_dialogues_and_titles_in_every_language(client, headers):
    rabat = factories.dialogue(code="RABAT", name="Rabat Process")
    khartoum = factories.dialogue(code="KHARTOUM", name="Khartoum Process")
    budapest = factories.dialogue(code="BP", name="Budapest Process")
    jvap = dialogue_services.create_plan(
        rabat, {"title": "Joint Valletta Action Plan", "title_fr": "Plan d'action conjoint de La Valette"}
    )
    dialogue_services.share_plan(jvap, khartoum)
    istanbul = dialogue_services.create_plan(
        budapest, {"title": "Istanbul Commitments", "valid_from": date(2013, 4, 19)}
    )
    db.session.commit()

    response = client.get("/api/v1/action-plans", headers=headers)
    assert response.status_code == 200
    items = response.json["items"]
    assert [(item["ref"], item["title"]) for item in items] == [
        (istanbul.ref, "Istanbul Commitments"),
        (jvap.ref, "Joint Valletta Action Plan"),
    ]
    assert items[0]["valid_from"] == "2013-04-19" and items[0]["url"] == f"/api/v1/action-plans/{istanbul.id}"
    assert [d["code"] for d in items[1]["dialogues"]] == ["KHARTOUM", "RABAT"]
    assert items[1]["title_fr"] == "Plan d'action conjoint de La Valette" and items[1]["title_ru"] is None
    shared = client.get(f"/api/v1/action-plans?dialogue={khartoum.id}&lang=fr", headers=headers).json["items"]
    assert [(item["id"], item["title"]) for item in shared] == [(jvap.id, "Plan d'action conjoint de La Valette")]
    assert client.get("/api/v1/action-plans?dialogue=0", headers=headers).status_code == 400


def test_an_action_plan_names_the_workbook_refs_of_its_domains_and_priorities(client, headers):
    plan = dialogue_services.create_plan(factories.dialogue(), {"title": "JVAP"})
    domain = dialogue_services.add_domain(plan, title="Legal migration")
    priority = dialogue_services.add_priority(domain, code="2.1", title="Mobility", champion="SN")
    db.session.commit()

    detail = client.get(f"/api/v1/action-plans/{plan.id}", headers=headers).json
    assert detail["ref"] == plan.ref and detail["domains"][0]["ref"] == domain.ref
    assert detail["domains"][0]["priorities"][0] | {"id": None} == {
        "id": None,
        "ref": priority.ref,
        "code": "2.1",
        "title": "Mobility",
        "champion": "SN",
    }


def test_organisation_facts_by_year_and_member_states(client, headers):
    organisation_services.save_organisation_year({"year": 2022, "employees": 150, "nationalities": 40})
    organisation_services.save_organisation_year({"year": 2023, "employees": 160, "nationalities": None})
    organisation_services.save_member_state({"country": "AT", "joined_year": 1993})
    organisation_services.save_member_state({"country": "hu", "joined_year": 1993, "left_year": 2023})
    organisation_services.save_member_state({"country": "CH", "joined_year": 2023})
    db.session.commit()

    facts = client.get("/api/v1/organisation/facts", headers=headers).json
    assert facts["years"] == [
        {"year": 2023, "employees": 160, "nationalities": None, "member_states": 2},
        {"year": 2022, "employees": 150, "nationalities": 40, "member_states": 2},
    ]
    assert facts["member_states"] == [
        {"country": "AT", "joined_year": 1993, "left_year": None},
        {"country": "HU", "joined_year": 1993, "left_year": 2023},
        {"country": "CH", "joined_year": 2023, "left_year": None},
    ]
    # a year without facts entered still says which states were members at its end
    year = client.get("/api/v1/organisation/facts?year=2000", headers=headers).json
    assert year["years"] == [{"year": 2000, "employees": None, "nationalities": None, "member_states": 2}]
    assert [state["country"] for state in year["member_states"]] == ["AT", "HU"]
    assert client.get("/api/v1/organisation/facts?year=99", headers=headers).status_code == 400
