"""Upload limits (security.md S12): size and type, refused with a message."""

import io

import pytest
from werkzeug.datastructures import FileStorage

from portal.accounts.models import Role
from portal.uploads import check_upload

MB = 1024 * 1024
XLSX_HEAD = b"PK\x03\x04" + b"\x00" * 100
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def upload(data: bytes, name: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name)


@pytest.mark.parametrize(
    "data, name, problem",
    [
        (XLSX_HEAD, "budget.xlsx", None),
        ("name;e-mail\nAnaïs;a@example.org\n".encode(), "list.csv", None),
        ("name;city\nJürgen;Wien\n".encode("cp1252"), "list.csv", None),
        (EXE, "budget.xlsx", "not an Excel workbook"),
        (EXE, "list.csv", "not a text (CSV) file"),
        (XLSX_HEAD, "tool.exe", "Only these kinds of file"),
        (b"", "empty.csv", "empty"),
        (b"x", "", "Choose a file"),
    ],
)
def test_check_upload(app, data, name, problem):
    message = check_upload(upload(data, name))
    assert (message is None) if problem is None else problem in str(message)


def test_too_large_file_is_refused_and_the_stream_is_left_at_its_start(app):
    storage = upload(XLSX_HEAD + b"\x00" * (3 * MB), "big.xlsx")
    assert "at most 2.0 MB" in str(check_upload(storage, max_bytes=2 * MB))
    assert storage.stream.tell() == 0
    storage = upload(XLSX_HEAD, "ok.xlsx")
    assert check_upload(storage) is None and storage.stream.read(4) == b"PK\x03\x04"


def test_a_20_mb_upload_answers_a_clear_413_page(client):
    # the multipart body is built by hand: the test client would spool it to a temporary file it never closes
    body = (
        b'--b\r\nContent-Disposition: form-data; name="workbook"; filename="portfolio.xlsx"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n" + XLSX_HEAD + b"\x00" * (20 * MB) + b"\r\n--b--\r\n"
    )
    response = client.post("/login", data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    assert "The file is larger than the portal accepts" in response.get_data(as_text=True)


def test_exe_renamed_xlsx_is_refused_by_the_import(app, client, auth):
    if "exchange.upload" not in app.view_functions:
        pytest.skip("no workbook import yet")
    auth.login(Role.ADMIN)
    response = client.post(
        "/exchange/upload", data={"workbook": (io.BytesIO(EXE), "portfolio.xlsx")}, content_type="multipart/form-data"
    )
    assert response.status_code == 200
    assert "not an Excel workbook" in response.get_data(as_text=True)
