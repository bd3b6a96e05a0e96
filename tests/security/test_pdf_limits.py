"""PDF rendering runs with a time and memory limit (security.md W6): a pathological document fails cleanly and
the next one renders."""

import mmap
from pathlib import Path

import pytest
from flask import Blueprint

from portal.accounts.access import ALL_ROLES, allow
from portal.accounts.models import Role
from portal.extensions import db
from portal.pdf import PdfRenderError, html_to_pdf, html_to_pdf_with_pages
from tests.conftest import PASSWORD

pytestmark = pytest.mark.pdf

SMALL = "<!doctype html><html><body><h1>Small</h1></body></html>"
HUGE_TABLE = (
    "<!doctype html><html><body><table>"
    + "".join(f"<tr><td>{n}</td><td>row {n}</td><td>{'x' * 40}</td></tr>" for n in range(10_000))
    + "</table></body></html>"
)


@pytest.fixture
def app_config(database_url):
    from tests.conftest import config_for

    return config_for(database_url, PDF_TIMEOUT_SECONDS=1)


def test_long_table_stops_at_the_time_limit_and_the_next_render_works(app):
    with pytest.raises(PdfRenderError) as error:
        html_to_pdf(HUGE_TABLE, static_folder=app.static_folder)
    assert "too long" in str(error.value.message)
    app.config["PDF_TIMEOUT_SECONDS"] = 60  # a busy machine may need more than a second even for one page
    pdf, pages = html_to_pdf_with_pages(SMALL, static_folder=app.static_folder)
    assert pdf.startswith(b"%PDF") and pages == 1


def test_memory_limit(app):
    app.config.update(PDF_TIMEOUT_SECONDS=60, PDF_MEMORY_LIMIT_MB=40)
    with pytest.raises(PdfRenderError) as error:
        html_to_pdf(HUGE_TABLE, static_folder=app.static_folder)
    assert "memory" in str(error.value.message)
    app.config.update(PDF_MEMORY_LIMIT_MB=1024)
    assert html_to_pdf(SMALL, static_folder=app.static_folder).startswith(b"%PDF")


def _data_size_mb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmData:")).split()[1]) // 1024


def test_a_worker_that_has_grown_still_renders(app):
    # 3 GB of private memory, reserved but never touched: what a worker looks like after a big upload
    grown = mmap.mmap(-1, 3 * 1024**3, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    try:
        assert _data_size_mb() > 3 * 1024
        app.config.update(PDF_TIMEOUT_SECONDS=60, PDF_MEMORY_LIMIT_MB=1024)
        pdf, pages = html_to_pdf_with_pages(SMALL, static_folder=app.static_folder)
    finally:
        grown.close()
    assert pdf.startswith(b"%PDF") and pages == 1


def test_a_page_that_fails_to_render_answers_a_clear_page(make_app, make_user):
    app = make_app(PDF_TIMEOUT_SECONDS=1)
    probe = Blueprint("probe", __name__)

    @probe.route("/probe-pdf")
    @allow(ALL_ROLES)
    def pdf():
        return html_to_pdf(HUGE_TABLE, static_folder=app.static_folder)

    app.register_blueprint(probe)
    with app.app_context():
        user = make_user(Role.OFFICER)
        db.session.commit()
        email = user.email
    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD})
    response = client.get("/probe-pdf")
    assert response.status_code == 503
    assert "too long to be made into a PDF" in response.get_data(as_text=True)
