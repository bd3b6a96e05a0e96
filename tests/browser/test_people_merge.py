"""Issue 17, end to end: an officer reviews probable duplicates, says one pair is two people and merges another,
taking one field from the record that goes."""

import pytest

from portal.accounts.models import Role
from portal.extensions import db
from portal.participants.models import Person
from tests import factories
from tests.browser.conftest import sign_in
from tests.conftest import config_for

pytestmark = pytest.mark.browser


@pytest.fixture
def app_config(database_url):
    """CSRF protection on, as in production: both forms must carry their token."""
    return config_for(database_url, WTF_CSRF_ENABLED=True)


def test_officer_merges_two_records_taking_the_country_of_the_other(page, make_user):
    officer = make_user(Role.OFFICER, email="officer@example.org", name="Olga Officer")
    keep = factories.person(first_name="Amina", last_name="Diallo", email="amina@example.org", country="SN")
    drop = factories.person(first_name="Aminata", last_name="Diallo", email="AMINA@example.org", country="ML")
    factories.person(first_name="Jean", last_name="Dupont", email="jd@example.org")
    factories.person(first_name="Jeanne", last_name="Durand", email="JD@example.org")
    db.session.commit()
    keep_id, drop_id = keep.id, drop.id
    sign_in(page, officer.email)
    page.on("dialog", lambda dialog: dialog.accept())

    page.goto("/people/duplicates")
    assert page.locator(".duplicate-pair").count() == 2
    jean = page.locator(".duplicate-pair", has_text="Jeanne Durand")
    with page.expect_navigation():
        jean.get_by_role("button", name="Not the same person").click()
    assert page.locator(".duplicate-pair").count() == 1

    with page.expect_navigation():
        page.get_by_role("link", name=f"Keep #{keep_id} and merge").click()
    assert page.get_by_role("heading", name="Merge two records").is_visible()
    assert page.get_by_label("Senegal").is_checked() and not page.get_by_label("Mali").is_checked()
    page.get_by_label("Mali").check()
    with page.expect_navigation():
        page.get_by_role("button", name=f"Merge into #{keep_id}").click()
    assert page.get_by_role("heading", name="Amina Diallo").is_visible()
    assert page.get_by_text("Mali").is_visible()
    assert page.get_by_text("AMINA@example.org", exact=True).count() == 0

    db.session.expire_all()
    assert db.session.get(Person, drop_id) is None
    assert db.session.get(Person, keep_id).country == "ML"
    page.goto("/people/duplicates")
    assert page.get_by_text("No probable duplicates.").is_visible()
