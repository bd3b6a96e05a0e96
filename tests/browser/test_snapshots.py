"""Publishing a year's key figures in a real browser: the confirmation, the frozen copy in the list of published
figures, and the dashboard naming the figures that changed since."""

import json
from datetime import date

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.extensions import db
from portal.reports.models import KeyFigureSnapshot
from tests import factories
from tests.browser.conftest import navigate, sign_in
from tests.conftest import config_for

pytestmark = pytest.mark.browser


@pytest.fixture
def app_config(database_url):
    """CSRF protection on, as in production: the publish form must carry its token."""
    return config_for(database_url, WTF_CSRF_ENABLED=True)


class Dialogs:
    """The messages of the confirmation dialogs shown, each answered with `accept`."""

    def __init__(self, page):
        self.shown = []
        self.accept = True
        page.on("dialog", self._answer)

    def _answer(self, dialog):
        self.shown.append(dialog.message)
        if self.accept:
            dialog.accept()
        else:
            dialog.dismiss()


def _snapshots() -> list[KeyFigureSnapshot]:
    db.session.expire_all()
    found = db.session.scalars(sa.select(KeyFigureSnapshot)).all()
    db.session.rollback()
    return found


def _year_2025():
    """One active project in Tunisia with a signed contribution and the year's expenditure."""
    region = factories.region("MED", "Mediterranean")
    donor = factories.partner(name="European Commission", donor_category=factories.donor_category("EU", "EU"))
    project = factories.project(region=region, countries=["TN"], start_date=date(2025, 1, 1), code="MED-1")
    factories.contribution(project, donor, "1000000.00", signed_on=date(2025, 2, 1))
    factories.expenditure(project, 2025, "200000.00")
    return region, donor


def test_a_manager_publishes_the_key_figures_and_sees_what_changed_since(page, make_user, browser_errors, task_worker):
    dialogs = Dialogs(page)
    manager = make_user(Role.MANAGER, email="manager@example.org", name="Mona Manager")
    region, donor = _year_2025()
    db.session.commit()
    sign_in(page, manager.email)

    navigate(page, "Key figures")
    page.get_by_role("spinbutton", name="Year").fill("2025")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Key figures 2025")).to_be_visible()
    expect(page.get_by_text("1 project in 1 country")).to_be_visible()
    expect(page.get_by_text("€1 million", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Published figures")).to_have_count(0)

    publish = page.get_by_role("button", name="Publish the key figures of 2025")
    confirm = page.get_by_label("I confirm that these figures are final")
    # without the tick the browser refuses to send the form
    publish.click()
    assert confirm.evaluate("box => box.validity.valueMissing")
    assert dialogs.shown == []
    # ticked, but the confirmation dialog is dismissed
    confirm.check()
    dialogs.accept = False
    publish.click()
    expect(confirm).to_be_checked()
    assert dialogs.shown == ["Publish the key figures of 2025?"]
    assert _snapshots() == []

    dialogs.accept = True
    publish.click()
    # a job renders the PDF and publishes: its page reloads itself until it says so
    expect(page.get_by_role("heading", name="Key-figures snapshot")).to_be_visible()
    expect(page.get_by_text("The key figures of 2025 are published.")).to_be_visible(timeout=60_000)
    assert dialogs.shown == ["Publish the key figures of 2025?"] * 2
    page.get_by_role("link", name="Key figures 2025").click()
    status = page.locator("section.snapshot-status")
    expect(status.get_by_role("heading", name="Published figures")).to_be_visible()
    expect(status).to_contain_text("by Mona Manager.")
    expect(status.get_by_text("The live figures are the published ones.")).to_be_visible()
    [snapshot] = _snapshots()
    published = snapshot.figures
    assert (snapshot.year, snapshot.filters, snapshot.published_by_id) == (2025, "{}", manager.id)
    assert (published["projects"], published["countries"], published["contracted_volume"]) == (1, 1, "1000000.00")
    assert published["revenue"]["project"] == "200000.00"

    page.get_by_role("link", name="Published figures").click()
    expect(page.get_by_role("heading", name="Published figures", level=1)).to_be_visible()
    listed = page.get_by_role("row").filter(has_text="Mona Manager")
    expect(listed).to_have_count(1)
    expect(listed.get_by_role("cell").first).to_have_text("2025")
    expect(listed).to_contain_text("Whole portfolio")
    with page.expect_download() as download:
        listed.get_by_role("link", name="JSON").click()
    assert json.loads(download.value.path().read_text()) == published

    # the data changes after publication: a second project, in Kosovo, with its own contribution
    later = factories.project(region=region, countries=["XK"], start_date=date(2025, 6, 1), code="MED-2")
    factories.contribution(later, donor, "500000.00", signed_on=date(2025, 7, 1))
    db.session.commit()

    listed.get_by_role("link", name="2025").click()
    expect(page.get_by_role("heading", name="Key figures 2025")).to_be_visible()
    expect(page.get_by_text("2 projects in 2 countries")).to_be_visible()
    expect(page.get_by_text("3 figures now differ from the published ones.")).to_be_visible()
    expect(page.locator("table.differences tbody tr")).to_have_text(
        [
            "Projects 1 2",
            "Countries 1 2",
            "Contracted project volume €1,000,000.00 €1,500,000.00",
        ],
        use_inner_text=True,
    )
    expect(page.get_by_text("The live figures are the published ones.")).to_have_count(0)
    [frozen] = _snapshots()
    assert frozen.figures == published
    assert browser_errors == []


def test_an_officer_sees_the_figures_but_no_publish_dialog(page, make_user, browser_errors):
    officer = make_user(Role.OFFICER, email="officer@example.org", name="Otto Officer")
    _year_2025()
    db.session.commit()
    sign_in(page, officer.email)

    page.goto("/reports/?year=2025")
    expect(page.get_by_text("1 project in 1 country")).to_be_visible()
    expect(page.get_by_role("heading", name="Publish these figures")).to_have_count(0)
    expect(page.get_by_role("button", name="Publish the key figures of 2025")).to_have_count(0)
    assert browser_errors == []
