import pytest

from portal.accounts.models import Role
from portal.extensions import db
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_officer_signs_in_and_sees_the_navigation(page, make_user):
    user = make_user(Role.OFFICER, email="officer@example.org", name="Olga Officer")
    db.session.commit()
    sign_in(page, user.email)
    assert page.get_by_role("button", name="Olga Officer").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="FR").click()
    assert page.locator("html").get_attribute("lang") == "fr"


def test_wrong_password_shows_a_message(page, make_user):
    user = make_user(Role.OFFICER, email="officer@example.org")
    db.session.commit()
    sign_in(page, user.email, password="not the password")
    assert page.get_by_text("Wrong e-mail address or password.").is_visible()
