import base64
import io
import re
from datetime import date

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from portal.accounts.models import Role
from portal.events.models import EventType
from portal.extensions import db
from portal.organisation import services as organisation_services
from portal.organisation.queries import image_folder
from portal.participants import documents, services
from portal.participants.models import Attendance
from tests import factories
from tests.organisation.test_organisation import image_bytes

NUMBER = re.compile(r"\b[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}\b")


@pytest.fixture
def organisation(app, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    app.config["EXTERNAL_URL"] = "https://portal.example.org"
    data = {
        "name": "International Centre",
        "signatory_name": "Maria Example",
        "signatory_title": "Director General",
        "logo_file": image_bytes(size=(360, 120)),
        "signature_file": image_bytes(size=(300, 90), colour=(20, 20, 60)),
    }
    profile = organisation_services.update_profile(data, folder=image_folder())
    db.session.commit()
    return profile


def _training(**kwargs):
    return factories.event(
        title="Integrated border management",
        type=EventType.TRAINING,
        start_date=date(2026, 11, 10),
        end_date=date(2026, 11, 11),
        **kwargs,
    )


def _funded_training():
    project = factories.project(title="Safe migration routes")
    factories.contribution(project, factories.partner(name="Kingdom of Examples"), 1000)
    factories.contribution(project, factories.partner(name="Union Fund", acronym="UF"), 2000)
    return _training(project=project)


def _pdf(response) -> PdfReader:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return PdfReader(io.BytesIO(response.get_data()))


def _texts(response) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in _pdf(response).pages]


@pytest.mark.pdf
def test_a_certificate_names_the_organisation_signatory_number_and_funders_in_the_participants_language(
    client, auth, organisation
):
    auth.login(Role.OFFICER)
    event = _funded_training()
    people = [
        factories.person(first_name="Amina", last_name="Diallo", language="fr"),
        factories.person(first_name="Olga", last_name="Ivanova", language="ru"),
        factories.person(first_name="Tom", last_name="Smith", language="en"),
    ]
    for person in people:
        factories.attendance(event, person)
    db.session.commit()
    reader = _pdf(client.get(f"/events/{event.id}/certificates.pdf"))
    french, russian, english = (" ".join(page.extract_text().split()) for page in reader.pages)
    # the logo and the signature, as stored (the QR code is drawn as vector paths)
    assert {image.image.size for image in reader.pages[0].images} == {(360, 120), (300, 90)}
    numbers = dict(db.session.execute(sa.select(Attendance.person_id, Attendance.certificate_number)).all())
    for text, person in zip((french, russian, english), people, strict=True):
        assert person.full_name in text and numbers[person.id] in text
        assert "International Centre" in text and "Maria Example" in text and "Director General" in text
        assert f"https://portal.example.org/certificates/{numbers[person.id]}" in text
        assert "Safe migration routes" in text
    assert "Organised within the project Safe migration routes, funded by Kingdom of Examples and Union Fund (UF)." in (
        english
    )
    # the donors are listed as each language lists things
    assert "Kingdom of Examples et Union Fund (UF)" in french and "10 novembre 2026" in french
    assert "Kingdom of Examples и Union Fund (UF)" in russian and "10 ноября 2026" in russian


@pytest.mark.pdf
def test_the_number_is_kept_on_every_reissue_and_differs_between_attendances(client, auth, organisation):
    auth.login(Role.OFFICER)
    event = _training()
    amina = factories.person(first_name="Amina", last_name="Diallo")
    factories.attendance(event, amina)
    factories.attendance(event, factories.person(first_name="Tom", last_name="Smith"))
    db.session.commit()
    (first,) = _texts(client.get(f"/events/{event.id}/certificates/{amina.id}.pdf"))
    (number,) = set(NUMBER.findall(first))
    all_pages = _texts(client.get(f"/events/{event.id}/certificates.pdf"))
    again = [text for text in all_pages if "Amina Diallo" in text][0]
    other = [text for text in all_pages if "Tom Smith" in text][0]
    assert set(NUMBER.findall(again)) == {number}
    assert set(NUMBER.findall(other)) and set(NUMBER.findall(other)) != {number}
    stored = db.session.scalars(sa.select(Attendance.certificate_number).order_by(Attendance.id)).all()
    assert stored[0] == number and len(set(stored)) == 2


@pytest.mark.pdf
def test_without_a_project_or_donors_the_credit_line_says_what_is_known(client, auth, organisation):
    auth.login(Role.OFFICER)
    project = factories.project(title="Unfunded project")
    with_project = _training(project=project)
    factories.attendance(with_project, factories.person())
    without = _training()
    factories.attendance(without, factories.person())
    db.session.commit()
    (text,) = _texts(client.get(f"/events/{with_project.id}/certificates.pdf"))
    assert "Organised within the project Unfunded project." in text and "funded by" not in text
    (text,) = _texts(client.get(f"/events/{without.id}/certificates.pdf"))
    assert "Organised within the project" not in text


def test_numbers_are_random_readable_groups_and_never_given_twice(app, monkeypatch):
    event = _training()
    attendances = [factories.attendance(event, factories.person()) for _ in range(3)]
    attendances[0].certificate_number = "AAAA-BBBB-CCCC"
    db.session.flush()
    # the first draws collide with the number already given: another is drawn
    draws = iter(["AAAA-BBBB-CCCC", "AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF", "GGGG-HHHH-JJJJ"])
    monkeypatch.setattr(services, "new_certificate_number", lambda: next(draws))
    services.issue_certificate_numbers(attendances)
    assert [a.certificate_number for a in attendances] == ["AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF", "GGGG-HHHH-JJJJ"]
    monkeypatch.undo()
    numbers = {services.new_certificate_number() for _ in range(200)}
    assert len(numbers) == 200 and all(NUMBER.fullmatch(number) for number in numbers)


def test_the_qr_code_holds_the_verification_address_of_the_number(app, organisation):
    event = _training()
    attendance = factories.attendance(event, factories.person(language="fr"))
    with app.test_request_context():
        (page,) = documents.certificate_pages(event, [attendance], None)
    number = attendance.certificate_number
    assert page["url"] == documents.verification_url(number) == f"https://portal.example.org/certificates/{number}"
    assert page["qr_code"] == documents.qr_code(page["url"])
    assert page["qr_code"].startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(page["qr_code"].split(",", 1)[1])
    assert svg.startswith(b"<svg") and b"<path" in svg
    assert documents.qr_code(page["url"] + "X") != page["qr_code"]
    assert page["organisation"].logo.startswith("data:image/png;base64,")
