import re
from datetime import date

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.extensions import db
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_officer_builds_a_results_framework_on_the_project_page(page, make_user):
    user = make_user(Role.OFFICER, email="officer@example.org", name="Olga Officer")
    project = factories.project(code="STAT-1", start_date=date(2023, 1, 1), end_date=date(2025, 12, 31))
    db.session.commit()
    sign_in(page, user.email)
    page.goto(f"/projects/{project.id}")
    results = page.locator("#results")
    expect(results.get_by_text("No outputs yet.")).to_be_visible()

    results.get_by_role("link", name="Add output").click()
    page.get_by_label("Title", exact=True).fill("Migration statistics improved")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/projects/\d+#results$"))
    expect(page.get_by_text("Output 1 added.")).to_be_visible()

    page.locator("#results").get_by_role("link", name="Add indicator").click()
    page.get_by_label("Indicator", exact=True).fill("Countries with improved migration statistics")
    page.get_by_label("Baseline").fill("0")
    page.get_by_label("Target").fill("4")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Indicator 1.1 added.")).to_be_visible()

    page.locator("#indicator-1-1").get_by_role("link", name="Add actual value").click()
    page.get_by_label("Year").fill("2024")
    page.get_by_label("Actual value").fill("3")
    page.get_by_role("button", name="Save").click()
    row = page.locator("#indicator-1-1")
    expect(row).to_contain_text("2024: 3")
    expect(row.locator(".progress-cell")).to_have_text("75 %")
