"""Accessibility in a real browser: axe-core (vendored, served from the test setup) finds no serious or critical
violation on the main pages, opened by the roles who see them, with demo-like data and the demo banner shown."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.concept_notes import services as note_services
from portal.concept_notes.models import Outcome
from portal.concept_notes.sections import SECTION_KEYS
from portal.extensions import db
from portal.participants.models import AttendanceRole
from portal.projects import services as project_services
from portal.reference.models import Setting
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_URL = "/__tests__/axe.min.js"
SERIOUS = ("serious", "critical")
#: of the moderate rules, content outside the landmarks, which the demo banner was
LANDMARKS = "region"


@pytest.fixture
def portfolio(make_user):
    """A small portfolio like the demo's: a project with its donor, a dialogue, an event with participants, a
    concept note being written; the demo banner on."""
    note_services.ensure_reference_data()
    Setting.put("demo_data", "2021")
    region = factories.region("MED", "Mediterranean")
    donor = factories.partner(name="European Commission", donor_category=factories.donor_category("EU", "EU"))
    project = factories.project(
        region=region, countries=["TN", "MA"], code="MED-1", title="Migration data in North Africa"
    )
    factories.contribution(project, donor, "1000000.00", signed_on=date(2021, 2, 1))
    factories.expenditure(project, 2021, "200000.00")
    # the donor implements it too, and a report is late
    project_services.add_implementer(project, {"partner_id": donor.id, "role": "co_implementer"})
    project_services.add_deliverable(
        project, {"title": "Country report", "due_on": date(2021, 6, 30), "status": "planned"}
    )
    # its results framework, and the GCM objectives it works towards
    project.gcm_objectives = ["1", "23"]
    output = project_services.add_output(project, {"title": "Migration statistics improved"})
    indicator = project_services.add_indicator(
        output, {"text": "Countries with improved statistics", "baseline": Decimal(0), "target": Decimal(4)}
    )
    project_services.record_result(indicator, {"year": 2021, "actual": Decimal(1), "comment": "Tunisia"})
    dialogue = factories.dialogue(code="BUD", name="Budapest Process")
    event = factories.event(title="Migration data workshop", project=project, start_date=date(2021, 5, 10))
    for first, last in (("Amira", "Ben Salah"), ("Youssef", "Alaoui"), ("Elena", "Popescu")):
        factories.attendance(event, factories.person(first, last, country="TN"), role=AttendanceRole.PARTICIPANT)
    admin = make_user(Role.ADMIN, email="admin@example.org", name="Adelheid Admin")
    applicant = make_user(Role.APPLICANT, email="applicant@example.org", name="Ana Applicant")
    note = note_services.create_note(actor=applicant, title="Safer labour migration", language="en")
    note_services.update_cover(note, {"organisations": ["IOM"], "lead_organisation": "IOM", "duration_months": 18})
    note_services.save_result(note, Outcome(), {"statement": "Safer labour migration"})
    # three-digit counts: axe leaves a text of one or two characters unchecked
    for key in SECTION_KEYS[:2]:
        note_services.save_section(note, key, "Labour mobility grows; the data is scattered. " * 30, opened=0)
    db.session.commit()
    return {
        "admin": admin,
        "applicant": applicant,
        "project": project,
        "indicator": indicator,
        "partner": donor,
        "dialogue": dialogue,
        "event": event,
        "note": note,
    }


def _violations(page, path) -> list[str]:
    """The serious and critical violations, and content outside the landmarks, axe finds on the page at `path`, one
    line per element."""
    response = page.goto(path)
    assert response.ok, f"{path}: {response.status}"
    # from the page's own origin, which its Content Security Policy allows, yet answered by the test, not the app
    page.route(AXE_URL, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    page.add_script_tag(url=AXE_URL)
    results = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{path}: {violation['impact']} {violation['id']} ({violation['help']}): {node['target']} "
        f"{node['failureSummary']}"
        for violation in results
        if violation["impact"] in SERIOUS or violation["id"] == LANDMARKS
        for node in violation["nodes"]
    ]


def _assert_none(found):
    assert found == [], "\n".join(found)


def test_the_staff_pages_have_no_serious_violation(page, portfolio):
    sign_in(page, portfolio["admin"].email)
    project, event = portfolio["project"], portfolio["event"]
    paths = [
        "/reports/",
        "/projects/",
        f"/projects/{project.id}",
        f"/projects/{project.id}/implementers/new",
        f"/projects/{project.id}/deliverables/new",
        f"/projects/{project.id}/outputs/new",
        f"/projects/indicators/{portfolio['indicator'].id}",
        f"/projects/indicators/{portfolio['indicator'].id}/results/new",
        "/partners/",
        f"/partners/{portfolio['partner'].id}",
        "/dialogues/",
        f"/dialogues/{portfolio['dialogue'].id}",
        "/events/",
        f"/events/{event.id}",
        "/people/",
        "/concept-notes/",
        "/admin/reference/",
        "/exchange/",
        f"/history/Project/{project.id}",
        "/audit/",
        "/search?q=migration",
    ]
    _assert_none([line for path in paths for line in _violations(page, path)])


def test_the_concept_note_pages_have_no_serious_violation(page, portfolio):
    note = portfolio["note"]
    sign_in(page, portfolio["applicant"].email)
    paths = [
        "/concept-notes/",
        f"/concept-notes/{note.id}",
        f"/concept-notes/{note.id}/sections/{SECTION_KEYS[0]}",
        f"/concept-notes/{note.id}/budget",
        f"/concept-notes/{note.id}/results",
    ]
    _assert_none([line for path in paths for line in _violations(page, path)])


def test_the_login_page_has_no_serious_violation(page, portfolio):
    _assert_none(_violations(page, "/login"))
    expect(page.locator(".demo-banner")).to_be_visible()
