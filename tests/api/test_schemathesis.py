"""Property-based tests of the API against its own OpenAPI document (security.md R5): no 5xx, responses conform."""

import re
from datetime import date
from decimal import Decimal

import pytest
import schemathesis
from flask import current_app
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from portal.accounts.models import Role
from portal.api import openapi
from portal.dialogues import services as dialogue_services
from portal.events.models import EventMode, EventType
from portal.extensions import db
from portal.organisation import services as organisation_services
from portal.participants.models import Gender
from portal.projects import services as project_services
from portal.projects.models import ProjectStatus
from tests import factories

# built from the document the app serves (test_served_document_is_this_one checks they are the same); a
# fixture-based schema (schemathesis.pytest.from_fixture) does not work with pytest 9 yet
schema = schemathesis.openapi.from_dict(openapi.document())
schema.config.update(base_url="http://localhost")


def _running_app(environ, start_response):
    """The WSGI app of the test being run, for the checks that send requests of their own (e.g. without auth)."""
    return current_app.wsgi_app(environ, start_response)


schema.app = _running_app
# the coverage phase sends hundreds of boundary cases per operation: too slow for every run of the suite
schema.config.phases.coverage.enabled = False


@pytest.fixture
def admin_headers(app, bearer):
    """Some data of every kind, so that lists and details have something to show, and an admin's token."""
    region = factories.region("EU")
    donor = factories.partner(name="Donor", donor_category=factories.donor_category("MS"), country="AT")
    dialogue = factories.dialogue(
        code="BP", region=region, secretariat=donor, members=["AT", "XK"], started_on=date(1991, 1, 1)
    )
    project = factories.project(
        region=region,
        dialogues=[dialogue],
        countries=["AT", "HU"],
        currency="USD",
        start_date=date(2019, 1, 1),
        end_date=date(2022, 12, 31),
        status=ProjectStatus.CLOSED,
    )
    factories.project(region=region, status=ProjectStatus.PIPELINE, start_date=date(2030, 1, 1))
    # every rate the data needs, so that no year's key figures answer 422 (test_api.py tests that case)
    factories.rate("USD", 2019, "0.9")
    factories.rate("USD", 2020, "0.88")
    factories.contribution(project, donor, "1000.50", currency="USD", signed_on=date(2019, 2, 1))
    factories.expenditure(project, 2020, 400)
    project.gcm_objectives = ["1", "17"]
    output = project_services.add_output(project, {"title": "Statistics improved"})
    indicator = project_services.add_indicator(output, {"text": "Countries", "target": Decimal(8)})
    project_services.record_result(indicator, {"year": 2020, "actual": Decimal(3), "comment": "Three"})
    project_services.add_indicator(output, {"text": "Guidelines adopted"})
    project_services.add_implementer(project, {"partner_id": donor.id, "role": "co_implementer"})
    project_services.add_deliverable(
        project,
        {"title": "Handbook", "due_on": date(2022, 6, 1), "status": "delivered", "delivered_on": date(2022, 5, 2)},
    )
    project_services.add_deliverable(project, {"title": "Template", "due_on": date(2021, 6, 1), "status": "planned"})
    event = factories.event(project=project, dialogue=dialogue, type=EventType.CONFERENCE, in_person_count=5)
    factories.event(mode=EventMode.ONLINE, start_date=date(2020, 6, 1))
    event.partners = [donor]
    factories.attendance(event, factories.person(gender=Gender.MALE))
    plan = dialogue_services.create_plan(dialogue, {"title": "Action plan", "title_fr": "Plan d'action"})
    domain = dialogue_services.add_domain(plan, title="Legal migration")
    dialogue_services.add_priority(domain, code="1.1", title="Mobility", champion="AT")
    organisation_services.save_organisation_year({"year": 2020, "employees": 10, "nationalities": 3})
    organisation_services.save_member_state({"country": "AT", "joined_year": 1993, "left_year": 2021})
    db.session.commit()
    return bearer(Role.ADMIN)


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case, app, admin_headers):
    # like the lists in the browser, the API reads an empty parameter (`?year=`) as absent and country codes in
    # either case, which this check would call accepting invalid data
    case.call_and_validate(session=app.test_client(), headers=admin_headers, excluded_checks=[negative_data_rejection])


def test_served_document_is_this_one(client):
    assert client.get("/api/v1/openapi.json").json == openapi.document()


def test_every_api_route_is_described(app):
    paths = set(openapi.document()["paths"])
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            assert re.sub(r"<(?:[^>]*:)?([^>:]+)>", r"{\1}", rule.rule) in paths, rule.rule
