"""Uploads (security.md S12) are judged before anything parses them: their kind and bytes, their size, what a
workbook unpacks to and the shape of its sheets. Both importers (registration lists, the portfolio workbook) use
the one check and refuse with a message beside the field; openpyxl never sees a refused file."""

import io
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.extensions import db
from portal.participants.models import RegistrationUpload
from portal.uploads import SpreadsheetLimits, check_spreadsheet
from tests import factories
from tests.conftest import config_for

MB = 2**20
ROOT = Path(__file__).resolve().parents[2]
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
LIMITS = SpreadsheetLimits(max_bytes=2 * MB, max_unpacked=8 * MB, max_rows=100, max_columns=20, max_strings=1_000)


@pytest.fixture
def app_config(database_url):
    # portfolio uploads of at most 1 MB, so unpacking to at most 100 MB
    return config_for(database_url, EXCHANGE_MAX_UPLOAD=MB)


def _workbook(parts: dict[str, object]) -> bytes:
    """An .xlsx: a workbook part and the given parts, each bytes or an iterable of byte chunks (written as they
    come, so that a part of hundreds of megabytes never sits in memory)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook " + MAIN + b"/>")
        for name, content in parts.items():
            with archive.open(name, "w", force_zip64=True) as part:
                for chunk in [content] if isinstance(content, bytes) else content:
                    part.write(chunk)
    return buffer.getvalue()


def _sheet(rows: int, cells: int) -> list[bytes]:
    row = b"<row>" + b'<c t="inlineStr"><is><t>x</t></is></c>' * cells + b"</row>"
    return [b"<worksheet " + MAIN + b"><sheetData>", *[row] * rows, b"</sheetData></worksheet>"]


def _shared_strings(count: int, text: bytes = b"a") -> list[bytes]:
    item = b"<si><t>" + text + b"</t></si>"
    return [b"<sst " + MAIN + b">", *[item * 1000] * (count // 1000), b"</sst>"]


def _check(content: bytes, name="list.xlsx"):
    message = check_spreadsheet(name, io.BytesIO(content), LIMITS)
    return None if message is None else str(message)


@pytest.mark.parametrize(
    "content, name, problem",
    [
        ("name;e-mail\nAnaïs;a@example.org\n".encode(), "list.csv", None),
        ("name;city\nJürgen;Wien\n".encode("cp1252"), "list.csv", None),
        (EXE, "budget.xlsx", "This file is not an Excel workbook (.xlsx), whatever its name says."),
        (EXE, "list.csv", "This file is not a text (CSV) file, whatever its name says."),
        (b"PK\x03\x04 and no zip", "list.xlsx", "This file is not an Excel workbook (.xlsx), whatever its name says."),
        (EXE, "tool.exe", "Only these kinds of file are accepted: .xlsx, .csv."),
        (b"", "empty.csv", "The file is empty."),
        (b"x", "", "Choose a file."),
        (b"x" * (3 * MB), "big.csv", "The file is too large: at most 2.0 MB."),
    ],
)
def test_kind_and_size(app, content, name, problem):
    assert _check(content, name) == problem


def test_a_zip_without_a_workbook_part_is_not_a_workbook(app):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", b"hello")
    assert _check(buffer.getvalue()) == "This file is not an Excel workbook (.xlsx), whatever its name says."


def test_a_workbook_within_the_limits_passes_and_the_stream_is_left_at_its_start(app):
    stream = io.BytesIO(_workbook({"xl/worksheets/sheet1.xml": b"".join(_sheet(100, 20))}))
    assert check_spreadsheet("list.xlsx", stream, LIMITS) is None and stream.tell() == 0


@pytest.mark.parametrize(
    "parts, problem",
    [
        ({"xl/sharedStrings.xml": _shared_strings(1_000, b"a" * 10_000)}, "The workbook unpacks to more than 8.0 MB"),
        ({"xl/worksheets/sheet1.xml": _sheet(1, 21)}, "A row of the workbook has more than 20 cells."),
        ({"xl/worksheets/sheet2.xml": _sheet(101, 1)}, "A sheet of the workbook has more than 100 rows."),
        ({"xl/sharedStrings.xml": _shared_strings(2_000)}, "The workbook holds more than 1,000 different texts."),
        ({f"xl/media/{n}.png": b"" for n in range(1_001)}, "The workbook has too many parts to be a spreadsheet."),
    ],
)
def test_what_a_workbook_unpacks_to_and_its_shape(app, parts, problem):
    assert _check(_workbook(parts)).startswith(problem)


@pytest.fixture
def never_parsed(monkeypatch):
    """openpyxl refuses to open anything: a refused upload must never reach it."""

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl was asked to parse the upload")

    monkeypatch.setattr("portal.participants.importing.load_workbook", refuse)
    monkeypatch.setattr("portal.exchange.importing.load_workbook", refuse)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, b"&lol%d;" % (n - 1) * 10 if n > 1 else b"&lol;" * 10) for n in range(1, 10)
    )
    + b"]><sst "
    + MAIN
    + b"><si><t>&lol9;</t></si></sst>"
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><workbook '
    + MAIN
    + b">&xxe;</workbook>"
)


@cache
def _hostile(kind: str) -> bytes:
    """The corpus of hostile workbooks, each small enough to upload."""
    sheet = "xl/worksheets/sheet1.xml"
    parts = {
        # 150 MB of shared strings in a file of 400 KB
        "bomb": {"xl/sharedStrings.xml": _shared_strings(150_000, b"a" * 1_000)},
        "long row": {sheet: _sheet(1, 1_000_000)},
        # a sheet that says it is a million rows long is refused on its word, before its rows are read
        "declared rows": {
            sheet: [b"<worksheet " + MAIN + b'><dimension ref="A1:C1048576"/><sheetData>', b"</sheetData></worksheet>"]
        },
        "laughs": {"xl/sharedStrings.xml": LAUGHS},
        "bad xml": {"xl/styles.xml": b"<styleSheet " + MAIN + b"><fonts>"},
    }
    if kind == "xxe":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/workbook.xml", XXE)
        return buffer.getvalue()
    return _workbook(parts[kind])


#: each hostile workbook, and what both importers answer
CORPUS = [
    ("laughs", "The workbook&#39;s part xl/sharedStrings.xml declares a document type."),
    ("xxe", "The workbook&#39;s part xl/workbook.xml declares a document type."),
    ("bad xml", "The workbook is damaged: its part xl/styles.xml cannot be read."),
]
#: and what each answers where their limits differ
REGISTRATION_CORPUS = [
    *CORPUS,
    ("bomb", "The workbook unpacks to more than 64.0 MB"),
    ("long row", "A row of the workbook has more than 200 cells."),
    ("declared rows", "A sheet of the workbook has more than 5,050 rows."),
]
PORTFOLIO_CORPUS = [
    *CORPUS,
    ("bomb", "The workbook unpacks to more than 100.0 MB"),
    ("long row", "A row of the workbook has more than 100 cells."),
]


@pytest.mark.parametrize("kind, problem", REGISTRATION_CORPUS)
def test_the_registration_list_import_refuses_hostile_workbooks_beside_the_field(
    client, auth, never_parsed, kind, problem
):
    content = _hostile(kind)
    assert len(content) < MB / 2
    auth.login(Role.OFFICER)
    event = factories.event()
    db.session.commit()
    response = client.post(
        f"/events/{event.id}/import",
        data={"file": (io.BytesIO(content), "list.xlsx")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert response.status_code == 200 and problem in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RegistrationUpload)) == 0


@pytest.mark.parametrize("kind, problem", PORTFOLIO_CORPUS)
def test_the_portfolio_import_refuses_hostile_workbooks_beside_the_field(client, auth, never_parsed, kind, problem):
    auth.login(Role.ADMIN)
    response = client.post(
        "/exchange/upload",
        data={"workbook": (io.BytesIO(_hostile(kind)), "portfolio.xlsx")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="workbook-errors"' in page
    assert problem in page


def test_checking_the_corpus_keeps_a_process_small(tmp_path):
    # in a fresh process, its peak resident memory (VmHWM) before and after checking every hostile file: parsing
    # the bomb alone would take more than its 150 MB of text
    for kind, _ in REGISTRATION_CORPUS:
        (tmp_path / f"{kind}.xlsx").write_bytes(_hostile(kind))
    script = f"""
import io
from pathlib import Path
from portal import create_app
from portal.participants.importing import LIMITS
from portal.uploads import check_spreadsheet

def peak():
    status = Path("/proc/self/status").read_text().splitlines()
    return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) // 1024

with create_app({{"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}}).app_context():
    before = peak()
    for path in sorted(Path({str(tmp_path)!r}).glob("*.xlsx")):
        assert check_spreadsheet(path.name, io.BytesIO(path.read_bytes()), LIMITS) is not None, path
print(before, peak())
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    before, after = map(int, done.stdout.split())
    assert after - before < 64 and after < 400, done.stdout


def test_a_csv_row_wider_than_the_limit_is_refused(client, auth):
    auth.login(Role.OFFICER)
    event = factories.event()
    db.session.commit()
    content = ("First name,Last name\n" + "x," * 500 + "\n").encode()
    response = client.post(
        f"/events/{event.id}/import",
        data={"file": (io.BytesIO(content), "list.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "A row of the file has more than 200 cells." in response.get_data(as_text=True)


def test_a_20_mb_upload_answers_a_clear_413_page(client):
    # the multipart body is built by hand: the test client would spool it to a temporary file it never closes
    body = (
        b'--b\r\nContent-Disposition: form-data; name="workbook"; filename="portfolio.xlsx"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\nPK\x03\x04" + b"\x00" * (20 * MB) + b"\r\n--b--\r\n"
    )
    response = client.post("/login", data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    assert "The file is larger than the portal accepts" in response.get_data(as_text=True)
