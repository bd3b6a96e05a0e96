import json
from datetime import date

import pytest

from portal.accounts.models import Role
from portal.events.models import EventMode, EventType
from portal.extensions import db
from portal.partners.models import PartnerType
from portal.projects.models import ProjectStatus
from portal.reports.queries import key_figures, key_figures_document
from tests import factories


def _codes(response, key="code"):
    assert response.status_code == 200, response.get_data(as_text=True)
    return sorted(item[key] for item in response.json["items"])


@pytest.fixture
def headers(bearer):
    return bearer(Role.OFFICER)


def test_list_is_paginated_with_links(client, headers):
    for n in range(23):
        factories.partner(name=f"Partner {n:02d}")
    db.session.commit()

    response = client.get("/api/v1/partners?per_page=10&page=2&type=government", headers=headers)
    body = response.json
    assert [item["name"] for item in body["items"]] == [f"Partner {n:02d}" for n in range(10, 20)]
    assert (body["page"], body["per_page"], body["total"], body["pages"]) == (2, 10, 23, 3)
    links = body["links"]
    assert "page=3" in links["next"] and "page=1" in links["prev"] and "type=government" in links["next"]
    last = client.get(links["last"], headers=headers).json
    assert len(last["items"]) == 3 and last["links"]["next"] is None
    first = client.get("/api/v1/partners", headers=headers).json
    assert first["per_page"] == 25 and first["links"]["prev"] is None
    assert client.get("/api/v1/partners?page=9", headers=headers).json["items"] == []
    odd = client.get("/api/v1/partners?_external=1&_scheme=javascript&_anchor=x", headers=headers).json["links"]
    assert odd["self"] == "/api/v1/partners?page=1&per_page=25"


@pytest.mark.parametrize(
    "query",
    [
        "per_page=101",
        "per_page=0",
        "page=0",
        "page=abc",
        "page=-1",
        "year=20x1",
        "status=finished",
        "country=ZZ",
        "q=" + "x" * 201,
        "q=a%00b",
        "region=0",
    ],
)
def test_bad_parameters_answer_400_as_json(client, headers, query):
    path = "/api/v1/events" if query.startswith("year") else "/api/v1/projects"
    response = client.get(f"{path}?{query}", headers=headers)
    assert response.status_code == 400
    assert response.json["error"]["status"] == 400 and response.json["error"]["detail"]


def test_errors_are_json_everywhere(client, headers):
    for path in ("/api/v1/projects/12345", "/api/v1/nothing-here", "/api/v1/events/x"):
        response = client.get(path, headers=headers)
        assert response.status_code == 404 and response.json["error"]["title"] == "Not found", path
    response = client.delete("/api/v1/projects", headers=headers)
    assert response.status_code == 405 and response.is_json
    response = client.get("/api/v1/projects")
    assert response.status_code == 401 and response.is_json


def test_projects_filters(client, headers):
    north, south = factories.region("NORTH"), factories.region("SOUTH")
    donor, other = factories.partner(), factories.partner()
    a = factories.project(
        region=north,
        code="A-1",
        title="Border management",
        countries=["MA", "TN"],
        start_date=date(2019, 1, 1),
        end_date=date(2020, 12, 31),
        status=ProjectStatus.CLOSED,
    )
    b = factories.project(
        region=south,
        code="B-2",
        title="Labour migration",
        countries=["SN"],
        start_date=date(2021, 6, 1),
        acronym="LAMI",
    )
    factories.project(region=south, code="C-3", status=ProjectStatus.PIPELINE, start_date=date(2027, 1, 1))
    factories.contribution(a, donor, 100)
    factories.contribution(b, other, 100)
    db.session.commit()

    def codes(query):
        return _codes(client.get(f"/api/v1/projects?{query}", headers=headers))

    assert codes("") == ["A-1", "B-2", "C-3"]
    assert codes(f"region={north.id}") == ["A-1"]
    assert codes("status=pipeline") == ["C-3"]
    assert codes(f"donor={donor.id}") == ["A-1"]
    assert codes("country=tn") == ["A-1"]
    assert codes("year=2020") == ["A-1"]
    assert codes("year=2022") == ["B-2"]
    assert codes("q=lami") == ["B-2"]
    assert codes("q=migration&status=active") == ["B-2"]
    assert codes("q=100%25") == []


def test_project_detail(client, headers):
    project = factories.project(code="D-4", currency="USD", countries=["XK", "AL"], description="Details")
    donor = factories.partner(name="Ministry of Example", ref="MOE")
    factories.contribution(project, donor, "1500.5", currency="USD", signed_on=date(2020, 3, 4))
    factories.expenditure(project, 2020, "99.99")
    db.session.commit()
    body = client.get(f"/api/v1/projects/{project.id}", headers=headers).json
    assert body["code"] == "D-4" and body["countries"] == ["AL", "XK"] and body["description"] == "Details"
    assert body["contributions"] == [
        {
            "ref": body["contributions"][0]["ref"],
            "amount": "1500.50",
            "currency": "USD",
            "signed_on": "2020-03-04",
            "donor": {"id": donor.id, "ref": "MOE", "name": "Ministry of Example"},
        }
    ]
    assert body["expenditures"] == [{"year": 2020, "amount": "99.99", "currency": "USD"}]
    assert "officer" not in body


def test_partners_filters(client, headers):
    eu, states = factories.donor_category("EU"), factories.donor_category("MS")
    factories.partner(name="European Commission", acronym="EC", type=PartnerType.EU_INSTITUTION, donor_category=eu)
    factories.partner(name="Austria", type=PartnerType.GOVERNMENT, donor_category=states, ref="AT-GOV")
    factories.partner(name="University of Vienna", type=PartnerType.ACADEMIA)
    db.session.commit()

    def names(query):
        return _codes(client.get(f"/api/v1/partners?{query}", headers=headers), "name")

    assert names("type=academia") == ["University of Vienna"]
    assert names(f"donor_category={states.id}") == ["Austria"]
    assert names("q=ec") == ["European Commission"]
    assert names("q=at-gov") == ["Austria"]
    item = client.get(f"/api/v1/partners?donor_category={eu.id}", headers=headers).json["items"][0]
    assert item["donor_category"] == {
        "id": eu.id,
        "code": "EU",
        "name": eu.name,
        "name_en": eu.name,
        "name_fr": None,
        "name_ru": None,
    }
    assert client.get(item["url"], headers=headers).json == item


def test_dialogues(client, headers):
    region = factories.region("AFR")
    rabat = factories.dialogue(code="RABAT", name="Rabat Process", region=region, members=["MA", "SN"])
    budapest = factories.dialogue(code="BP", name="Budapest Process")
    factories.project(code="P-RABAT", dialogues=[budapest, rabat])
    db.session.commit()
    assert _codes(client.get(f"/api/v1/dialogues?region={region.id}", headers=headers)) == ["RABAT"]
    assert _codes(client.get("/api/v1/dialogues?q=budapest", headers=headers)) == ["BP"]
    detail = client.get(f"/api/v1/dialogues/{rabat.id}", headers=headers).json
    assert detail["members"] == ["MA", "SN"] and [p["code"] for p in detail["projects"]] == ["P-RABAT"]
    # a project supporting two dialogues names both, and both name it
    detail = client.get(f"/api/v1/dialogues/{budapest.id}", headers=headers).json
    assert [p["code"] for p in detail["projects"]] == ["P-RABAT"]
    item = client.get("/api/v1/projects", headers=headers).json["items"][0]
    assert [(d["id"], d["code"]) for d in item["dialogues"]] == [(budapest.id, "BP"), (rabat.id, "RABAT")]
    assert "dialogue" not in item


def test_events_filters(client, headers):
    dialogue, project = factories.dialogue(), factories.project()
    factories.event(ref="E1", start_date=date(2021, 3, 1), type=EventType.CONFERENCE, country="MA", dialogue=dialogue)
    factories.event(ref="E2", start_date=date(2021, 5, 1), mode=EventMode.ONLINE, project=project)
    factories.event(ref="E3", start_date=date(2022, 1, 10), type=EventType.TRAINING, country="SN")
    db.session.commit()

    def refs(query):
        return _codes(client.get(f"/api/v1/events?{query}", headers=headers), "ref")

    assert refs("year=2021") == ["E1", "E2"]
    assert refs("type=training") == ["E3"]
    assert refs(f"dialogue={dialogue.id}") == ["E1"]
    assert refs(f"project={project.id}") == ["E2"]
    assert refs("country=SN") == ["E3"]
    assert refs("mode=online") == ["E2"]
    assert refs("year=2021&mode=in_person") == ["E1"]


def test_events_carry_counts_but_no_personal_data(client, bearer):
    event = factories.event(ref="EV-PD", in_person_count=40)
    factories.event(ref="EV-DECL", in_person_count=12, online_count=3)
    org = factories.partner(name="Organisation of Zebedee")
    someone = factories.person(
        first_name="Xanthippe", last_name="Quillfeather", email="x.quill@secret.example", organisation=org, country="SN"
    )
    other = factories.person(first_name="Bartholomew", last_name="Zanzibar", email="bz@secret.example")
    factories.attendance(event, someone, attended=True)
    factories.attendance(event, other, attended=False)
    db.session.commit()

    headers = bearer(Role.ADMIN)
    listed = {item["ref"]: item for item in client.get("/api/v1/events", headers=headers).json["items"]}
    assert listed["EV-PD"]["participants"] == 1 and listed["EV-DECL"]["participants"] == 15
    detail = client.get(f"/api/v1/events/{event.id}", headers=headers).json
    assert detail["participants"] == 1

    responses = [
        client.get(url, headers=headers)
        for url in (
            "/api/v1/events",
            f"/api/v1/events/{event.id}",
            "/api/v1/projects",
            "/api/v1/partners",
            "/api/v1/dialogues",
            "/api/v1/key-figures?year=2021",
            "/api/v1/iati-activities.xml",
            "/api/v1/events?country=AT&year=2021&per_page=100",
        )
    ]
    assert all(response.status_code == 200 for response in responses)
    text = "".join(response.get_data(as_text=True) for response in responses)
    for secret in ("Xanthippe", "Quillfeather", "x.quill", "secret.example", "Bartholomew", "Zanzibar"):
        assert secret not in text


def test_key_figures_for_managers_and_admins(client, app, bearer):
    region = factories.region("EU")
    project = factories.project(region=region, start_date=date(2020, 1, 1), countries=["AT"])
    factories.contribution(project, factories.partner(), 1000, signed_on=date(2020, 5, 1))
    factories.expenditure(project, 2021, 250)
    factories.event(start_date=date(2021, 4, 1), in_person_count=7)
    db.session.commit()
    expected = key_figures_document(key_figures(db.session, 2021, reporting_currency="EUR"))

    for role in (Role.MANAGER, Role.ADMIN):
        response = client.get("/api/v1/key-figures?year=2021", headers=bearer(role))
        assert response.status_code == 200
        assert response.json == json.loads(json.dumps(expected))
    assert response.json["projects"] == 1 and response.json["contracted_volume"] == "1000.00"
    assert response.json["participants"] == 7
    assert client.get("/api/v1/key-figures?year=2021", headers=bearer(Role.OFFICER)).status_code == 403
    filtered = client.get("/api/v1/key-figures?year=2021&region=NOWHERE", headers=bearer(Role.MANAGER)).json
    assert filtered["projects"] == 0


@pytest.mark.parametrize("year", ["abc", "1899", "2201", "2021.5"])
def test_key_figures_bad_year(client, bearer, year):
    response = client.get(f"/api/v1/key-figures?year={year}", headers=bearer(Role.MANAGER))
    assert response.status_code == 400 and "year" in response.json["error"]["detail"]


def test_key_figures_missing_rate_is_422_naming_it(client, bearer):
    project = factories.project(start_date=date(2020, 1, 1))
    factories.contribution(project, factories.partner(), 500, currency="CHF", signed_on=date(2019, 7, 1))
    db.session.commit()
    response = client.get("/api/v1/key-figures?year=2021", headers=bearer(Role.ADMIN))
    assert response.status_code == 422
    error = response.json["error"]
    assert (error["currency"], error["year"]) == ("CHF", 2019)
    assert "CHF" in error["detail"] and "2019" in error["detail"]


def test_browser_session_reads_the_api(client, auth):
    auth.login(Role.OFFICER)
    factories.project(code="S-1")
    db.session.commit()
    assert _codes(client.get("/api/v1/projects")) == ["S-1"]
