import io
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.accounts.access import PUBLIC
from portal.accounts.models import Role
from portal.extensions import db
from portal.partners.models import Partner
from tests.exchange import workbooks
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
    assert "/exchange/export.xlsx" in page and "/exchange/upload" not in page
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


def test_admins_check_then_confirm_an_import(app, client, auth, tmp_path, row_counts, app_config):
    auth.login(Role.ADMIN)
    before = row_counts()
    response = _upload(client, _portfolio_bytes(tmp_path))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The workbook is valid" in page and "/exchange/confirm" in page
    assert row_counts() == before
    assert len(list(Path(app_config["EXCHANGE_UPLOAD_FOLDER"]).glob("*.xlsx"))) == 1

    response = client.post("/exchange/confirm")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Partner)) == 3
    assert list(Path(app_config["EXCHANGE_UPLOAD_FOLDER"]).glob("*.xlsx")) == []
    # the same upload cannot be confirmed twice
    client.post("/exchange/confirm")
    page = client.get("/exchange/").get_data(as_text=True)
    assert "There is no checked workbook to import" in page


def test_a_workbook_with_problems_shows_them_and_cannot_be_confirmed(app, client, auth, tmp_path, row_counts):
    auth.login(Role.ADMIN)
    sheets = workbooks.portfolio()
    sheets["partners"][1][3] = "ngo"
    sheets["events"][1][6] = None
    before = row_counts()
    page = _upload(client, _portfolio_bytes(tmp_path, sheets)).get_data(as_text=True)

    assert "The workbook has 2 problems: nothing was written." in page
    assert "partners, 2, type: ngo is not one of" in page
    assert "events, 2, city: Give the city of an in-person or hybrid event." in page
    assert "/exchange/confirm" not in page
    client.post("/exchange/confirm")
    assert row_counts() == before


def test_cancel_discards_the_upload(app, client, auth, tmp_path, app_config):
    auth.login(Role.ADMIN)
    _upload(client, _portfolio_bytes(tmp_path))
    client.post("/exchange/cancel")
    assert list(Path(app_config["EXCHANGE_UPLOAD_FOLDER"]).glob("*.xlsx")) == []


def _download(client, tmp_path):
    response = client.get("/exchange/export.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    path = tmp_path / "download.xlsx"
    path.write_bytes(response.data)
    return workbooks.read(path)


def test_managers_download_without_names_or_emails(app, client, auth, tmp_path):
    auth.login(Role.ADMIN)
    _upload(client, _portfolio_bytes(tmp_path))
    client.post("/exchange/confirm")
    auth.logout()
    auth.login(Role.MANAGER)

    sheets = _download(client, tmp_path)

    assert "participants" not in sheets and "attendance" not in sheets and "events" in sheets
    values = {value for rows in sheets.values() for row in rows for value in row}
    assert "Novak" not in values and "ana.novak@example.org" not in values and "PER-1" not in values


def test_admins_download_everything(app, client, auth, tmp_path):
    auth.login(Role.ADMIN)
    _upload(client, _portfolio_bytes(tmp_path))
    client.post("/exchange/confirm")
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
