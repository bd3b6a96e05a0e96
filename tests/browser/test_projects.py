import re

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.extensions import db
from tests import factories
from tests.browser.conftest import navigate, sign_in

pytestmark = pytest.mark.browser


def test_officer_creates_a_project_and_sees_it(page, make_user):
    user = make_user(Role.OFFICER, email="officer@example.org", name="Olga Officer")
    factories.region("WB", "Western Balkans")
    factories.thematic_area("BM", "Border management")
    db.session.commit()
    sign_in(page, user.email)

    navigate(page, "Portfolio", "Projects")
    expect(page.get_by_role("heading", name="Projects")).to_be_visible()
    page.get_by_role("link", name="New project").click()
    expect(page.get_by_role("heading", name="New project")).to_be_visible()
    page.get_by_label("Code").fill("WB-2026-01")
    page.get_by_label("Acronym").fill("BORDER")
    page.get_by_label("Title", exact=True).fill("Border management in the Western Balkans")
    page.get_by_label("Region").select_option(label="Western Balkans")
    page.get_by_label("Thematic areas").select_option(label="Border management")
    page.get_by_placeholder("Type to filter the countries").fill("kos")
    expect(page.get_by_role("option", name="Kosovo*")).to_be_visible()
    expect(page.get_by_role("option", name="Austria")).to_be_hidden()
    page.get_by_label("Recipient countries").select_option(["BA", "XK"])
    expect(page.get_by_text("Bosnia & Herzegovina, Kosovo*")).to_be_visible()
    page.get_by_label("Start date").fill("2026-01-01")
    page.get_by_label("End date").fill("2027-12-31")
    page.get_by_label("Currency").fill("EUR")
    page.get_by_label("Responsible officer").select_option(label="Olga Officer")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/projects/\d+$"))
    expect(page.get_by_text("Project WB-2026-01 created.")).to_be_visible()
    expect(page.get_by_role("heading", name="BORDER: Border management in the Western Balkans")).to_be_visible()
    expect(page.get_by_text("Bosnia & Herzegovina, Kosovo*")).to_be_visible()
    expect(page.get_by_text("resolution 1244 (1999)")).to_be_visible()
