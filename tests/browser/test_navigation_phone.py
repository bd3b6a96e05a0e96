"""The main lists on a phone (375 px): nothing scrolls sideways, the filters fold away behind a button, and each row
is a card that names its fields."""

from datetime import date

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.extensions import db
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

#: (list, whether it has a filter form that folds, the first column's name)
LISTS = [
    ("/projects/", True, "Code"),
    ("/partners/", True, "Reference"),
    ("/events/", True, "Dates"),
    ("/people/", True, "Name"),
    ("/dialogues/", False, "Dialogue"),
]


@pytest.fixture
def officer(make_user):
    """An officer, and a row with long names in each list."""
    region = factories.region("MED", "Mediterranean and the Middle East, including the Gulf Cooperation Council")
    donor = factories.partner(
        name="Directorate-General for Neighbourhood and Enlargement Negotiations of the European Commission",
        acronym="DG NEAR",
        country="BE",
    )
    project = factories.project(
        region=region,
        countries=["TN", "MA", "DZ", "LY", "EG", "JO", "LB"],
        code="MED-2021-EVIDENCE-BASED-POLICY",
        title="Evidence-based migration policy development and institutional capacity building in North Africa",
    )
    factories.contribution(project, donor, "1000000.00", signed_on=date(2021, 2, 1))
    dialogue = factories.dialogue(code="BUD", name="Budapest Process on Migration and Mobility Partnerships")
    event = factories.event(
        title="Regional workshop on labour migration statistics and the harmonisation of administrative data",
        project=project,
        dialogue=dialogue,
        city="Saint Julian's",
        country="MT",
        start_date=date(2021, 5, 10),
        end_date=date(2021, 5, 12),
    )
    person = factories.person(
        "Maria-Magdalena", "Constantinescu-Georgescu", email="maria-magdalena.constantinescu@example.org"
    )
    factories.attendance(event, person)
    user = make_user(Role.OFFICER, email="officer@example.org")
    db.session.commit()
    return user


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize(("path", "folds", "first_column"), LISTS)
def test_a_list_on_a_phone_shows_cards_without_sideways_scrolling(
    page, officer, path, folds, first_column, browser_errors
):
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, officer.email)
    page.goto(path)

    assert _overflow(page) == 0
    first_cell = page.locator("table.table-cards tbody tr").first.locator("td").first
    expect(first_cell).to_have_css("display", "block")
    assert first_cell.evaluate("cell => getComputedStyle(cell, '::before').content") == f'"{first_column}"'
    if folds:
        filters = page.locator("#list-filters")
        expect(filters).to_be_hidden()
        page.get_by_role("button", name="Filters").click()
        expect(filters).to_be_visible()
        assert _overflow(page) == 0
    assert browser_errors == []


def test_on_a_wide_screen_the_filters_show_and_rows_stay_rows(page, officer, browser_errors):
    sign_in(page, officer.email)
    page.goto("/events/")
    expect(page.locator("#list-filters")).to_be_visible()
    expect(page.get_by_role("button", name="Filters")).to_be_hidden()
    expect(page.locator("table.table-cards tbody tr").first.locator("td").first).to_have_css("display", "table-cell")
    assert browser_errors == []


def test_a_filter_applied_on_a_phone_stays_in_sight(page, officer, browser_errors):
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, officer.email)
    page.goto("/events/?q=workshop")
    expect(page.locator("#list-filters")).to_be_visible()
    expect(page.get_by_role("button", name="Filters")).to_have_attribute("aria-expanded", "true")
    assert browser_errors == []
