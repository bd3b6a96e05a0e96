import io
from datetime import date

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook
from pypdf import PdfReader
from werkzeug.http import parse_options_header

from portal.accounts.models import Role
from portal.events.models import EventMode, EventType
from portal.extensions import db
from portal.participants.documents import event_dates, formula_safe
from portal.participants.models import AttendanceRole
from tests import factories


def _training():
    partner = factories.partner(name="Ministry of Interior", acronym="MOI")
    return factories.event(
        title="Integrated border management",
        type=EventType.TRAINING,
        mode=EventMode.HYBRID,
        start_date=date(2026, 11, 10),
        end_date=date(2026, 11, 11),
        city="Vienna",
        country="AT",
        partners=[partner],
    )


def _pdf(response):
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    return PdfReader(io.BytesIO(response.get_data()))


@pytest.mark.pdf
def test_certificates_one_page_per_attended_participant_in_their_language(client, auth, app):
    app.config["ORGANISATION_NAME"] = "International Centre"
    auth.login(Role.OFFICER)
    event = _training()
    factories.attendance(event, factories.person(first_name="Amina", last_name="Diallo", language="fr"))
    factories.attendance(
        event, factories.person(first_name="Tom", last_name="Smith", language=None), role=AttendanceRole.TRAINER
    )
    factories.attendance(event, factories.person(first_name="Absent", last_name="Person"), attended=False)
    db.session.commit()
    reader = _pdf(client.get(f"/events/{event.id}/certificates.pdf"))
    assert len(reader.pages) == 2
    french, english = (" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Amina Diallo" in french and "10 novembre 2026 – 11 novembre 2026" in french
    assert "Vienna, Autriche" in french
    assert "Tom Smith" in english and "Certificate of attendance" in english
    assert "November 10, 2026 – November 11, 2026" in english
    assert "Integrated border management" in english and "Vienna, Austria" in english
    assert "Organised by International Centre" in english and "Ministry of Interior (MOI)" in english
    assert "Trainer" in english
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height


@pytest.mark.pdf
def test_one_certificate_and_only_for_attended_trainings(client, auth):
    auth.login(Role.OFFICER)
    event = _training()
    present = factories.person(first_name="Amina", last_name="Diallo")
    absent = factories.person(first_name="Absent", last_name="Person")
    factories.attendance(event, present)
    factories.attendance(event, absent, attended=False)
    meeting = factories.event(type=EventType.MEETING)
    factories.attendance(meeting, present)
    db.session.commit()
    reader = _pdf(client.get(f"/events/{event.id}/certificates/{present.id}.pdf"))
    assert len(reader.pages) == 1 and "Amina Diallo" in reader.pages[0].extract_text()
    assert client.get(f"/events/{event.id}/certificates/{absent.id}.pdf").status_code == 404
    assert client.get(f"/events/{meeting.id}/certificates.pdf").status_code == 404
    assert client.get(f"/events/{meeting.id}/certificates/{present.id}.pdf").status_code == 404


@pytest.mark.pdf
def test_participant_list_pdf(client, auth):
    auth.login(Role.OFFICER)
    event = _training()
    factories.attendance(
        event, factories.person(first_name="Amina", last_name="Diallo", country="XK", email="amina@example.org")
    )
    db.session.commit()
    reader = _pdf(client.get(f"/events/{event.id}/participants.pdf"))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Participant list" in text and "Diallo, Amina" in text and "Kosovo*" in text
    assert "resolution 1244" in text and "1 registered, 1 attended." in text


def test_participant_list_xlsx_cells_cannot_run_formulas(client, auth):
    auth.login(Role.OFFICER)
    event = _training()
    factories.attendance(
        event,
        factories.person(
            first_name='=HYPERLINK("http://x",A1)', last_name="+Plus", organisation_name="@org", email="a@example.org"
        ),
    )
    db.session.commit()
    response = client.get(f"/events/{event.id}/participants.xlsx")
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[2][:4] == ["Last name", "First name", "E-mail address", "Organisation"]
    assert rows[3][:4] == ["'+Plus", '\'=HYPERLINK("http://x",A1)', "a@example.org", "'@org"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_formula_safe_prefixes_every_dangerous_start():
    for text in ("=1", "+1", "-1", "@x", "\tx", "\rx", "\0x"):
        assert formula_safe(text) == "'" + text
    assert formula_safe("Plain") == "Plain" and formula_safe(3) == 3


@pytest.mark.pdf
def test_long_trainings_get_their_certificates_in_several_files(client, auth, monkeypatch):
    monkeypatch.setattr("portal.participants.documents.CERTIFICATES_PER_FILE", 2)
    auth.login(Role.OFFICER)
    event = _training()
    for n in range(3):
        factories.attendance(event, factories.person(first_name=f"Name{n}", last_name=f"Surname{n}"))
    db.session.commit()
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Certificates 1 to 2" in page and "Certificates 3 to 3" in page
    assert len(_pdf(client.get(f"/events/{event.id}/certificates.pdf?part=1")).pages) == 2
    last = _pdf(client.get(f"/events/{event.id}/certificates.pdf?part=2"))
    assert len(last.pages) == 1 and "Name2 Surname2" in last.pages[0].extract_text()
    assert client.get(f"/events/{event.id}/certificates.pdf?part=3").status_code == 404
    assert client.get(f"/events/{event.id}/certificates.pdf?part=0").status_code == 404


@pytest.mark.pdf
def test_a_list_too_long_for_a_pdf_points_to_the_xlsx(client, auth, monkeypatch):
    monkeypatch.setattr("portal.participants.documents.PDF_LIST_LIMIT", 1)
    auth.login(Role.OFFICER)
    event = _training()
    for _ in range(2):
        factories.attendance(event, factories.person())
    db.session.commit()
    response = client.get(f"/events/{event.id}/participants.pdf", follow_redirects=True)
    assert response.mimetype == "text/html" and "download it as XLSX" in response.get_data(as_text=True)


@pytest.mark.parametrize("ref", ['EV-X"; filename="evil.html', "EV-Ü€中"])
def test_download_names_from_what_users_typed_are_one_quoted_parameter(client, auth, ref):
    auth.login(Role.OFFICER)
    event = _training()
    event.ref = ref
    db.session.commit()
    response = client.get(f"/events/{event.id}/participants.xlsx")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.isascii()  # a WSGI server sends headers as Latin-1: anything else was a 500
    kind, options = parse_options_header(disposition)
    # filename* (RFC 6266) carries the name as typed; a plain ASCII filename is there for old clients
    assert kind == "attachment" and options["filename"] == f"participants-{ref}.xlsx"


def test_a_french_certificate_writes_the_first_of_the_month_1er(app):
    event = factories.event(start_date=date(2026, 12, 1), end_date=date(2026, 12, 2))
    with app.test_request_context(), force_locale("fr"):
        assert event_dates(event) == "1er décembre 2026 – 2 décembre 2026"
