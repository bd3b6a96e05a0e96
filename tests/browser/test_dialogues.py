from datetime import date

import pytest

from portal.accounts.models import Role
from portal.extensions import db
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _add_chair(page, country, start, end=""):
    page.get_by_role("link", name="Add chairmanship").click()
    page.get_by_label("Chair").select_option(label=country)
    page.get_by_label("From").fill(start)
    page.get_by_label("Until").fill(end)
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()


def _add_member(page, state, status):
    page.get_by_role("link", name="Add member or observer").click()
    page.get_by_label("State").select_option(label=state)
    page.get_by_label("Status").select_option(label=status)
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()


def test_officer_creates_a_dialogue_with_two_chairmanships_and_sees_the_current_chair(page, make_user):
    user = make_user(Role.OFFICER, email="officer@example.org", name="Olga Officer")
    db.session.commit()
    sign_in(page, user.email)
    page.goto("/dialogues/")
    page.get_by_role("link", name="New dialogue").click()
    page.get_by_label("Name", exact=True).fill("Khartoum Process")
    page.get_by_label("Code").fill("KP")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="Khartoum Process").is_visible()
    this_year = date.today().year
    _add_chair(page, "Netherlands", "2020-01-01", f"{this_year - 1}-12-31")
    _add_chair(page, "Egypt", f"{this_year}-01-01")
    current = page.locator("#current-chair")
    assert "Egypt" in current.inner_text()
    assert "Netherlands" not in current.inner_text()
    assert page.locator("#chairmanships").get_by_text("Netherlands").is_visible()
    _add_member(page, "Ethiopia", "Member")
    _add_member(page, "Sudan", "Focus country")
    members = page.locator("#members")
    assert "Ethiopia" in members.locator("#status-member ~ ul").first.inner_text()
    assert "Sudan" in members.locator("#status-focus_country ~ ul").first.inner_text()
