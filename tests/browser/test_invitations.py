import re

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.extensions import db
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a long and quiet river at dawn"


@pytest.fixture
def app_config(mail_config):
    return {**mail_config, "WTF_CSRF_ENABLED": True}


def test_an_invited_person_chooses_a_password_and_signs_in(
    page, browser, live_server, make_user, smtp_server, task_worker
):
    admin = make_user(Role.ADMIN, email="admin@example.org")
    db.session.commit()
    sign_in(page, admin.email)
    page.goto("/admin/users")
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("E-mail address").fill("amina@example.org")
    page.get_by_label("Role").select_option(label="Applicant")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("An invitation is on its way to amina@example.org.")).to_be_visible()

    (message,) = smtp_server.wait_for(1)
    link = re.search(r"https://portal\.example\.org(/password/set/\S+)", message.get_content())[1]

    invited = browser.new_context(base_url=live_server, locale="en-GB").new_page()
    invited.goto(link)
    invited.get_by_label("Your name").fill("Amina Diallo")
    invited.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    invited.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
    invited.get_by_role("button", name="Set the password").click()
    expect(invited.get_by_text("Your password is set.")).to_be_visible()
    sign_in(invited, "amina@example.org", NEW_PASSWORD)
    expect(invited.get_by_role("heading", name="Concept notes")).to_be_visible()  # an applicant's home

    invited.goto(link)
    expect(invited.get_by_role("heading", name="This link no longer works")).to_be_visible()
    invited.context.close()
