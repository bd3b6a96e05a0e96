"""An admin publishes the IATI file: a dated file of the projects marked for IATI, kept, and served without sign-in
at a stable address for the IATI Registry (the newest) and at an address of its own (each one)."""

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from lxml import etree

from portal.accounts.models import Role
from portal.exchange.models import IatiPublication
from portal.extensions import db
from tests import factories
from tests.conftest import config_for
from tests.jobs.waiting import finished, job_id_of

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "iati-2.03" / "iati-activities-schema.xsd"
IATI = {"IATI_REPORTING_ORG_REF": "XM-DAC-00000", "IATI_REPORTING_ORG_NAME": "Test organisation"}


@pytest.fixture
def app_config(database_url, tmp_path):
    return config_for(
        database_url,
        JOB_RESULT_FOLDER=str(tmp_path / "results"),
        IATI_PUBLICATION_FOLDER=str(tmp_path / "iati"),
        EXTERNAL_URL="https://portal.example.org",
        **IATI,
    )


@pytest.fixture
def projects(app):
    region = factories.region("R1")
    published = factories.project(region=region, code="PUB-1", title="Published work", iati_published=True)
    factories.project(region=region, code="INT-2", title="Internal work", start_date=date(2021, 1, 1))
    db.session.commit()
    return published


def _get(client, url, **kwargs):
    """(status, headers, body) of a GET whose file the response closes."""
    with client.get(url, **kwargs) as response:
        return response.status_code, response.headers, response.data


def _publish(client):
    return finished(job_id_of(client.post("/exchange/iati/publish")))


@pytest.mark.commits
def test_an_admin_publishes_the_projects_marked_for_iati(app, client, auth, projects, task_worker):
    auth.login(Role.ADMIN)
    job = _publish(client)
    assert job.status == "done", job.errors
    auth.logout()

    status, headers, body = _get(client, "/iati/activities.xml")
    assert status == 200 and headers["Content-Type"].startswith("application/xml")
    assert "public" in headers["Cache-Control"]
    root = etree.fromstring(body)
    etree.XMLSchema(etree.parse(str(SCHEMA))).assertValid(root)
    assert [a.findtext("iati-identifier") for a in root.iterfind("iati-activity")] == ["XM-DAC-00000-PUB-1"]
    page = client.get("/iati/").get_data(as_text=True)
    assert "https://portal.example.org/iati/activities.xml" in page and "/iati/1.xml" in page


@pytest.mark.commits
def test_each_publication_is_kept_and_the_stable_address_serves_the_newest(app, client, auth, projects, task_worker):
    auth.login(Role.ADMIN)
    first = _publish(client)
    projects.title = "Published work, renamed"
    db.session.commit()
    second = _publish(client)
    assert (first.status, second.status) == ("done", "done")

    older, newer = db.session.scalars(sa.select(IatiPublication).order_by(IatiPublication.id)).all()
    assert b"Published work</narrative>" in _get(client, f"/iati/{older.id}.xml")[2]
    _, headers, body = _get(client, "/iati/activities.xml")
    assert b"Published work, renamed" in body and headers["ETag"].strip('"') == newer.sha256
    assert _get(client, "/iati/activities.xml", headers={"If-None-Match": f'"{newer.sha256}"'})[0] == 304


def test_nothing_is_served_before_the_first_publication(client):
    assert client.get("/iati/activities.xml").status_code == 404
    assert client.get("/iati/7.xml").status_code == 404
    assert client.get("/iati/").status_code == 200


@pytest.mark.parametrize("role", [Role.MANAGER, Role.OFFICER, Role.APPLICANT])
def test_only_admins_publish(app, client, auth, role):
    auth.login(role)
    assert client.post("/exchange/iati/publish").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(IatiPublication)) == 0


def test_publishing_is_refused_without_the_reporting_organisation(app, client, auth):
    app.config["IATI_REPORTING_ORG_REF"] = ""
    auth.login(Role.ADMIN)
    response = client.post("/exchange/iati/publish")
    assert response.status_code == 302 and response.headers["Location"].endswith("/exchange/")
    assert "IATI_REPORTING_ORG_REF" in client.get("/exchange/").get_data(as_text=True)
