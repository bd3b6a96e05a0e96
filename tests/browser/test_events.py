"""Issue 3, end to end: an officer schedules a training for a dialogue, imports its registration list, marks
attendance and downloads the certificates."""

import io

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from portal.accounts.models import Role
from portal.extensions import db
from portal.participants.models import Attendance, Person
from tests import factories
from tests.browser.conftest import sign_in
from tests.conftest import config_for
from tests.participants.helpers import xlsx_bytes

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS = [
    ("Amina", "Diallo", "AMINA.DIALLO@example.org", "female", "Ministry of Interior", "government", "SN", "", ""),
    ("Jean", "Dupont", "jean.dupont@example.org", "male", "Université de Lyon", "academia", "FR", "speaker", ""),
    ("Olga", "Ivanova", "olga@@example", "female", "", "government", "RU", "", ""),
    ("Pat", "", "pat@example.org", "female", "", "government", "", "", ""),
    ("Sam", "Lee", "sam@example.org", "robot", "", "private", "", "", ""),
    ("Jean", "Dupont", "JEAN.DUPONT@example.org", "male", "Université de Lyon", "academia", "FR", "", ""),
]
FIXED = ROWS[:2] + [
    ("Olga", "Ivanova", "olga@example.org", "female", "", "government", "RU", "", ""),
    ("Pat", "Kelly", "pat@example.org", "female", "", "government", "IE", "", ""),
    ("Sam", "Lee", "sam@example.org", "prefer not to say", "", "private", "", "", ""),
]


@pytest.fixture
def app_config(database_url):
    """CSRF protection on, as in production: every form of the journey must carry its token."""
    return config_for(database_url, WTF_CSRF_ENABLED=True)


def _file(name, rows):
    return {"name": name, "mimeType": XLSX, "buffer": xlsx_bytes(rows)}


def test_officer_schedules_a_training_imports_its_list_and_issues_certificates(page, make_user):
    officer = make_user(Role.OFFICER, email="officer@example.org", name="Olga Officer")
    dialogue = factories.dialogue(name="Budapest Process")
    existing = factories.person(first_name="Amina", last_name="Diallo", email="amina.diallo@example.org", language="fr")
    factories.person(first_name="Zoltan", last_name="Kovacs", email="zoltan@example.org")
    db.session.commit()
    sign_in(page, officer.email)

    page.goto("/events/new")
    page.get_by_label("Title", exact=True).fill("Training on document fraud")
    page.get_by_label("Type", exact=True).select_option("training")
    page.get_by_label("Start date").fill("2026-12-01")
    page.get_by_label("End date").fill("2026-12-02")
    page.get_by_label("Mode", exact=True).select_option("hybrid")
    page.get_by_label("City", exact=True).fill("Budapest")
    page.get_by_label("Country", exact=True).select_option("HU")
    page.get_by_label("Dialogue", exact=True).select_option(str(dialogue.id))
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="Training on document fraud").is_visible()
    assert page.get_by_text("Budapest Process").is_visible()
    event_url = page.url

    page.get_by_label("Registration list (.xlsx or .csv)").set_input_files(_file("registration.xlsx", ROWS))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and map the columns").click()
    rejected = page.locator("#rejected-rows")
    assert "Row 4: invalid e-mail address “olga@@example”" in rejected.inner_text()
    assert "Row 5: missing last name" in rejected.inner_text()
    assert "Row 6: unknown gender “robot”" in rejected.inner_text()
    assert "Row 7: the same person as row 3" in rejected.inner_text()
    assert page.get_by_role("button", name="3. Import all 6 rows").is_disabled()

    page.locator("form[action$='/file'] input[type=file]").set_input_files(_file("registration-fixed.xlsx", FIXED))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload the corrected file").click()
    assert page.locator("#rejected-rows").count() == 0
    matched = page.locator("#preview-rows tr", has_text="Amina Diallo")
    assert f"#{existing.id}" in matched.inner_text() and "same e-mail" in matched.inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="3. Import all 5 rows").click()
    assert page.url.startswith(event_url)
    assert page.get_by_text("Imported: 4 new people, 1 existing people registered").is_visible()

    page.get_by_placeholder("Name, e-mail or organisation").fill("Kovacs")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    found = page.locator("#search-results li", has_text="Zoltan Kovacs")
    found.get_by_label("Role").select_option("trainer")
    with page.expect_navigation():
        found.get_by_role("button", name="Add").click()
    assert page.get_by_text("Zoltan Kovacs is registered.").is_visible()

    page.locator("#select-all").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Mark attended").click()
    assert page.locator("#participant-count").inner_text() == "6"

    with page.expect_download() as download:
        page.get_by_role("link", name="Certificates of attendance (PDF)").click()
    reader = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    assert len(reader.pages) == 6
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert any("Amina Diallo" in t and "1er décembre 2026 – 2 décembre 2026" in t for t in texts)
    assert any("Pat Kelly" in t and "Training on document fraud" in t for t in texts)

    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 6
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attendance).where(Attendance.attended)) == 6
