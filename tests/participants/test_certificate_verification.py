import re
from datetime import date

import pytest

from portal.accounts.models import Role
from portal.db import utcnow
from portal.events.models import EventType
from portal.extensions import db
from tests import factories


def _certificate(number, *, consent=True, attended=True, erased=False):
    event = factories.event(
        title="Integrated border management",
        type=EventType.TRAINING,
        start_date=date(2026, 11, 10),
        end_date=date(2026, 11, 11),
        country="AT",
    )
    person = factories.person(
        first_name="Amina",
        last_name="Diallo",
        email="amina@example.org",
        country="SN",
        consent=consent,
        erased_at=utcnow() if erased else None,
    )
    return factories.attendance(event, person, attended=attended, certificate_number=number)


def test_a_consented_participants_certificate_is_confirmed_without_signing_in(client):
    _certificate("K7QM-4ZXP-9WTA")
    db.session.commit()
    response = client.get("/certificates/K7QM-4ZXP-9WTA")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store" and "noindex" in response.headers["X-Robots-Tag"]
    page = response.get_data(as_text=True)
    assert "Amina Diallo" in page and "Integrated border management" in page
    assert "November 10, 2026 – November 11, 2026" in page and "K7QM-4ZXP-9WTA" in page
    # nothing else about the person: no e-mail, no country
    assert "amina@example.org" not in page and "Senegal" not in page and "Austria" not in page
    # the number as typed from paper, in lower case, finds it too
    assert "Amina Diallo" in client.get("/certificates/k7qm-4zxp-9wta").get_data(as_text=True)


def _neutral(response, number):
    page = response.get_data(as_text=True).replace(number, "N")
    return re.sub(r'name="csrf_token" value="[^"]*"', "", page)


@pytest.mark.parametrize(
    "hidden",
    [
        {"consent": False},
        {"erased": True},
        {"attended": False},
        None,  # a number never issued
    ],
)
def test_every_other_number_gets_the_same_neutral_answer(client, hidden):
    if hidden is not None:
        _certificate("K7QM-4ZXP-9WTA", **hidden)
    db.session.commit()
    response = client.get("/certificates/K7QM-4ZXP-9WTA")
    unknown = client.get("/certificates/ZZZZ-ZZZZ-ZZZZ")
    assert response.status_code == unknown.status_code == 404
    # the same page but for the address it was asked at (the language buttons return to it) and the form token of
    # the language buttons (signed with the time)
    assert _neutral(response, "K7QM-4ZXP-9WTA") == _neutral(unknown, "ZZZZ-ZZZZ-ZZZZ")
    page = response.get_data(as_text=True)
    assert "This certificate cannot be shown." in page and "Amina" not in page and "Integrated border" not in page


def test_the_page_is_the_same_for_signed_in_staff(client, auth):
    _certificate("K7QM-4ZXP-9WTA", consent=False)
    auth.login(Role.ADMIN)
    page = client.get("/certificates/K7QM-4ZXP-9WTA").get_data(as_text=True)
    assert "This certificate cannot be shown." in page and "Amina" not in page
