"""A project's History in the browser: reached from the project page, it tells what changed in words, with its
funding lines, and follows the reader's language, whose switch it does not record."""

from datetime import date

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.extensions import db
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_an_officer_reads_a_projects_history_in_their_language(page, make_user, browser_errors):
    officer = make_user(Role.OFFICER, email="officer@example.org", name="Olga Officer")
    project = factories.project(
        code="PRJ-HIST", region=factories.region(name="Danube Region"), start_date=date(2020, 1, 1)
    )
    contribution = factories.contribution(project, factories.partner(name="Generous Donor"), "1234.50")
    db.session.commit()
    project.region = factories.region(name="Sahel Region")
    contribution.amount = 99
    db.session.commit()
    sign_in(page, officer.email)

    page.goto(f"/projects/{project.id}")
    with page.expect_navigation():
        page.locator("a.history-link").click()
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Project PRJ-HIST")
    expect(page.get_by_role("row", name="Region Danube Region Sahel Region", exact=True)).to_be_visible()
    expect(page.get_by_text(f"Contribution {contribution.ref}").first).to_be_visible()
    expect(page.get_by_role("row", name="Donor — Generous Donor", exact=True)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("region_id")

    with page.expect_navigation():
        page.get_by_role("button", name="FR").click()
    expect(page.get_by_role("heading", name="Historique")).to_be_visible()
    expect(page.get_by_role("row", name="Région Danube Region Sahel Region", exact=True)).to_be_visible()
    expect(page.get_by_role("row", name="Montant 1 234,50 99", exact=True)).to_be_visible()
    switched = sa.select(AuditEntry).where(
        AuditEntry.record_type == "User", AuditEntry.record_id == officer.id, AuditEntry.action == "update"
    )
    assert db.session.scalars(switched).all() == []
    assert browser_errors == []
