"""Issue 17, end to end: an admin sets who hands out the certificates, an officer imports a list that updates a
person's record and issues certificates, and anyone checks one by its number."""

import io

import pytest
import sqlalchemy as sa
from PIL import Image
from pypdf import PdfReader

from portal.accounts.models import Role
from portal.events.models import EventType
from portal.extensions import db
from portal.participants.models import Attendance, Person
from tests import factories
from tests.browser.conftest import navigate, sign_in, sign_out
from tests.conftest import config_for
from tests.participants.helpers import xlsx_bytes

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def app_config(database_url):
    """CSRF protection on, as in production: every form of the journey must carry its token."""
    return config_for(database_url, WTF_CSRF_ENABLED=True)


def _png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (300, 100), (11, 61, 107)).save(output, "PNG")
    return output.getvalue()


def test_letterhead_record_update_from_a_list_certificate_and_its_public_check(
    app, page, make_user, browser_errors, tmp_path, monkeypatch
):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    admin = make_user(Role.ADMIN, email="admin@example.org")
    officer = make_user(Role.OFFICER, email="officer@example.org")
    event = factories.event(title="Training on document fraud", type=EventType.TRAINING)
    amina = factories.person(
        first_name="Amina", last_name="Diallo", email="amina@example.org", country="SN", consent=True
    )
    db.session.commit()

    sign_in(page, admin.email)
    navigate(page, "Administration", "Organisation")
    page.get_by_label("Organisation name").fill("International Centre")
    page.get_by_label("Signatory's name").fill("Maria Example")
    page.get_by_label("Logo").set_input_files({"name": "logo.png", "mimeType": "image/png", "buffer": _png()})
    page.get_by_label("Signature", exact=True).set_input_files(
        {"name": "signature.png", "mimeType": "image/png", "buffer": b"not an image"}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert "Only PNG and JPEG images are accepted" in page.locator("#signature_file-errors").inner_text()
    page.get_by_label("Logo").set_input_files({"name": "logo.png", "mimeType": "image/png", "buffer": _png()})
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The organisation's profile is saved.").is_visible()
    assert page.get_by_alt_text("The logo").evaluate("image => image.naturalWidth") == 300
    sign_out(page)

    sign_in(page, officer.email)
    page.goto(f"/events/{event.id}")
    rows = [("Amina", "Diallo", "amina@example.org", "female", "", "government", "France", "", "yes")]
    page.get_by_label("Registration list (.xlsx or .csv)").set_input_files(
        {"name": "list.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(rows)}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and map the columns").click()
    differences = page.locator("#differences")
    assert "Senegal" in differences.inner_text() and "France" in differences.inner_text()
    assert differences.get_by_label("Keep the record").is_checked()
    differences.get_by_label("Update the record").check()
    with page.expect_navigation():
        page.get_by_role("button", name="3. Import all 1 rows").click()
    assert page.get_by_text("1 person's record was updated from the file.").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Certificates of attendance (PDF)").click()
    text = " ".join(PdfReader(io.BytesIO(download.value.path().read_bytes())).pages[0].extract_text().split())
    db.session.expire_all()
    assert db.session.get(Person, amina.id).country == "FR"
    number = db.session.scalar(sa.select(Attendance.certificate_number).where(Attendance.person_id == amina.id))
    assert number in text and "International Centre" in text and "Maria Example" in text
    sign_out(page)

    page.goto(f"/certificates/{number}")
    certificate = page.locator("#certificate")
    assert "Amina Diallo" in certificate.inner_text() and "Training on document fraud" in certificate.inner_text()
    assert browser_errors == []
