"""In the browser: an officer gives a dialogue an action plan with a domain and a priority, opens a cycle, submits an
initiative and validates it; the dialogue page then counts it."""

import pytest

from portal.accounts.models import Role
from portal.extensions import db
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _save(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()


def test_officer_builds_a_plan_and_its_register(page, make_user):
    user = make_user(Role.OFFICER, email="officer@example.org", name="Olga Officer")
    dialogue = factories.dialogue(code="RP", name="Rabat Process")
    factories.partner(name="International Labour Organization", acronym="ILO")
    db.session.commit()
    sign_in(page, user.email)
    page.goto(f"/dialogues/{dialogue.id}")
    page.get_by_role("link", name="Add action plan").click()
    page.get_by_label("Title", exact=True).fill("Joint Valletta Action Plan")
    page.get_by_label("Valid from").fill("2015-11-12")
    _save(page)
    page.get_by_role("link", name="Add domain").click()
    page.get_by_label("Domain").fill("Legal migration and mobility")
    _save(page)
    page.get_by_role("link", name="Add priority").click()
    page.get_by_label("Code").fill("2.1")
    page.get_by_label("Priority").fill("Regular channels")
    page.get_by_label("Champion country").select_option(label="Morocco")
    _save(page)
    plan = page.locator("#action-plan")
    assert "Current" in plan.inner_text() and "Champion: Morocco" in plan.inner_text()

    page.locator("#initiatives").get_by_role("link", name="Initiative register").click()
    page.get_by_role("link", name="Add cycle").click()
    page.get_by_label("Name").fill("2025 data collection")
    _save(page)
    page.get_by_role("link", name="New initiative").click()
    page.get_by_label("Title").fill("Skills and jobs in the Sahel")
    page.get_by_label("Actor").select_option(label="International Labour Organization (ILO)")
    page.get_by_label("Data-collection cycle").select_option(label="2025 data collection")
    page.get_by_label("Action-plan priorities").select_option(label="2.1 Regular channels")
    page.get_by_label("Countries").select_option(["ML", "NE"])
    page.get_by_label("Budget").fill("4500000.00")
    page.get_by_label("Currency").fill("EUR")
    page.get_by_label("Status").select_option("ongoing")
    _save(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Validate").click()
    assert "Validated" in page.locator("#register").inner_text()

    page.goto(f"/dialogues/{dialogue.id}")
    figures = page.locator("#initiatives").inner_text()
    assert "€4,500,000.00" in figures and "Mali" in figures
