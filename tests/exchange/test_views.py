import io
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.accounts.access import PUBLIC
from portal.accounts.models import Role
from portal.extensions import db
from portal.jobs.models import JobStatus
from portal.partners.models import Partner
from tests.exchange import workbooks
from tests.jobs.waiting import finished, job_id_of
from tests.test_access import EXPECTED, _routes


def _upload(client, content: bytes, name="portfolio.xlsx"):
    return client.post(
        "/exchange/upload", data={"workbook": (io.BytesIO(content), name)}, content_type="multipart/form-data"
    )


def _portfolio_bytes(tmp_path, sheets=None) -> bytes:
    return workbooks.save(tmp_path / "upload.xlsx", sheets or workbooks.portfolio()).read_bytes()


@pytest.mark.parametrize("role", [None, *Role])
def test_exchange_routes_answer_each_role_as_declared(app, client, auth, role):
    if role is not None:
        auth.login(role)
    for endpoint, method, url in _routes(app):
        if not endpoint.startswith("exchange."):
            continue
        allowed = EXPECTED[endpoint]
        status = client.open(url, method=method).status_code
        assert allowed != PUBLIC
        if role is None:
            assert status == 302, endpoint
        elif role in allowed:
            assert status != 403 and status < 500, endpoint
        else:
            assert status == 403, endpoint


def test_managers_see_the_download_but_not_the_upload(app, client, auth):
    auth.login(Role.MANAGER)
    page = client.get("/exchange/").get_data(as_text=True)
    assert 'action="/exchange/export"' in page and "/exchange/upload" not in page
    assert "leaves out people" in page


def test_a_renamed_executable_is_refused_beside_the_field(app, client, auth, app_config):
    auth.login(Role.ADMIN)
    response = _upload(client, b"MZ\x90\x00\x03" + b"\x00" * 500, "setup.xlsx")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert (
        'id="workbook-errors"' in page and "This file is not an Excel workbook (.xlsx), whatever its name says." in page
    )
    assert not list(Path(app_config["EXCHANGE_UPLOAD_FOLDER"]).glob("*.xlsx"))


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_zip_that_is_no_workbook_is_refused(app, client, auth):
    auth.login(Role.ADMIN)
    page = _upload(client, _zip({"notes.txt": b"hello"})).get_data(as_text=True)
    assert (
        'id="workbook-errors"' in page and "This file is not an Excel workbook (.xlsx), whatever its name says." in page
    )


def test_a_zip_bomb_is_refused_before_it_is_read(app, client, auth):
    auth.login(Role.ADMIN)
    bomb = _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\0" * 30_000_000})
    page = _upload(client, bomb).get_data(as_text=True)
    assert "The workbook unpacks to more than 19.1 MB" in page


def test_other_extensions_are_refused(app, client, auth):
    auth.login(Role.ADMIN)
    page = _upload(client, b"PK\x03\x04rest", "data.csv").get_data(as_text=True)
    assert "Only Excel workbooks (.xlsx) can be imported." in page


def test_a_too_large_file_is_refused_beside_the_field(app, client, auth, app_config):
    auth.login(Role.ADMIN)
    content = b"PK\x03\x04" + b"\x00" * app_config["EXCHANGE_MAX_UPLOAD"]
    page = _upload(client, content).get_data(as_text=True)
    assert 'id="workbook-errors"' in page and "The file is too large: at most" in page


def _check(client, content: bytes):
    """Upload a workbook and wait for its check; returns the check job and its page."""
    job = finished(job_id_of(_upload(client, content)))
    return job, client.get(f"/jobs/{job.id}").get_data(as_text=True)


@pytest.mark.commits
def test_admins_check_then_confirm_an_import(app, client, auth, tmp_path, row_counts, app_config, task_worker):
    auth.login(Role.ADMIN)
    before = row_counts()
    check, page = _check(client, _portfolio_bytes(tmp_path))
    assert check.kind == "check" and check.status == JobStatus.DONE
    assert "The workbook is valid" in page and f"/exchange/checks/{check.id}/import" in page
    assert "partners" in page and 'http-equiv="refresh"' not in page
    assert row_counts() == before
    assert len(list(Path(app_config["EXCHANGE_UPLOAD_FOLDER"]).glob("*.xlsx"))) == 1

    response = client.post(f"/exchange/checks/{check.id}/import")
    imported = finished(job_id_of(response))
    assert imported.kind == "import" and imported.status == JobStatus.DONE
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Partner)) == 3
    assert list(Path(app_config["EXCHANGE_UPLOAD_FOLDER"]).glob("*.xlsx")) == []
    page = client.get(f"/jobs/{imported.id}").get_data(as_text=True)
    assert "Workbook imported: " in page and "rows created" in page
    # the same check cannot be imported twice: its page leads to the import instead
    assert client.post(f"/exchange/checks/{check.id}/import").headers["Location"] == f"/jobs/{imported.id}"
    assert f"/jobs/{imported.id}" in client.get(f"/jobs/{check.id}").get_data(as_text=True)


@pytest.mark.commits
def test_a_workbook_with_problems_shows_them_and_cannot_be_confirmed(
    app, client, auth, tmp_path, row_counts, app_config, task_worker
):
    auth.login(Role.ADMIN)
    sheets = workbooks.portfolio()
    sheets["partners"][1][3] = "ngo"
    sheets["events"][1][6] = None
    before = row_counts()
    check, page = _check(client, _portfolio_bytes(tmp_path, sheets))

    assert check.status == JobStatus.FAILED
    assert "The workbook has 2 problems: nothing was written." in page
    assert "partners, 2, type: ngo is not one of" in page
    assert "events, 2, city: Give the city of an in-person or hybrid event." in page
    assert "/import" not in page
    assert list(Path(app_config["EXCHANGE_UPLOAD_FOLDER"]).glob("*.xlsx")) == []
    response = client.post(f"/exchange/checks/{check.id}/import")
    assert response.status_code == 302 and response.headers["Location"] == "/exchange/"
    assert row_counts() == before


@pytest.mark.commits
def test_cancel_discards_the_upload(app, client, auth, tmp_path, app_config, task_worker):
    auth.login(Role.ADMIN)
    check, _ = _check(client, _portfolio_bytes(tmp_path))
    client.post(f"/exchange/checks/{check.id}/cancel")
    assert list(Path(app_config["EXCHANGE_UPLOAD_FOLDER"]).glob("*.xlsx")) == []
    assert "The uploaded workbook was discarded" in client.get(f"/jobs/{check.id}").get_data(as_text=True)
    assert client.post(f"/exchange/checks/{check.id}/import").headers["Location"] == "/exchange/"


def _import(client, tmp_path):
    check, _ = _check(client, _portfolio_bytes(tmp_path))
    assert finished(job_id_of(client.post(f"/exchange/checks/{check.id}/import"))).status == JobStatus.DONE


def _download(client, tmp_path):
    job = finished(job_id_of(client.post("/exchange/export")))
    assert job.status == JobStatus.DONE, job.errors
    with client.get(f"/jobs/{job.id}/download") as response:
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment;")
        path = tmp_path / "download.xlsx"
        path.write_bytes(response.data)
    return workbooks.read(path)


@pytest.mark.commits
def test_managers_download_without_names_or_emails(app, client, auth, tmp_path, task_worker):
    auth.login(Role.ADMIN)
    _import(client, tmp_path)
    auth.logout()
    auth.login(Role.MANAGER)

    sheets = _download(client, tmp_path)

    assert "participants" not in sheets and "attendance" not in sheets and "events" in sheets
    values = {value for rows in sheets.values() for row in rows for value in row}
    assert "Novak" not in values and "ana.novak@example.org" not in values and "PER-1" not in values


@pytest.mark.commits
def test_admins_download_everything(app, client, auth, tmp_path, task_worker):
    auth.login(Role.ADMIN)
    _import(client, tmp_path)
    sheets = _download(client, tmp_path)
    assert (
        "PER-1",
        "Ana",
        "Novak",
        "female",
        "ana.novak@example.org",
        "EU-COM",
        "international_org",
        "SI",
        "yes",
    ) in sheets["participants"]


def test_the_iati_download_is_offered_only_once_the_reporting_organisation_is_set(app, client, auth):
    auth.login(Role.MANAGER)
    app.config.update(IATI_REPORTING_ORG_REF="", IATI_REPORTING_ORG_NAME="")
    page = client.get("/exchange/").get_data(as_text=True)
    assert "/api/v1/iati-activities.xml" not in page
    assert "set IATI_REPORTING_ORG_REF and IATI_REPORTING_ORG_NAME." in page
    app.config.update(IATI_REPORTING_ORG_REF="XM-DAC-41301", IATI_REPORTING_ORG_NAME="Example")
    page = client.get("/exchange/").get_data(as_text=True)
    assert "/api/v1/iati-activities.xml" in page and "IATI_REPORTING_ORG_REF" not in page
