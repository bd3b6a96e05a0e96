"""Dates and punctuation as each language writes them, on pages and in PDFs: "1er janvier", "Région :" with a narrow
no-break space, and one full stop after a Russian date that ends a sentence."""

from datetime import date

import pytest
from flask import render_template, render_template_string
from flask_babel import force_locale
from markupsafe import Markup

from portal.accounts.models import Role
from portal.concept_notes.models import Scope
from portal.extensions import db
from portal.formatting import colon, date_text, fill
from portal.organisation.queries import Letterhead
from tests import factories
from tests.concept_notes import builders

NNBSP = "\u202f"


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


@pytest.mark.parametrize(
    ("locale", "day", "format", "written"),
    [
        ("fr", date(2021, 1, 1), "long", "1er janvier 2021"),
        ("fr", date(2021, 1, 1), "medium", "1er janv. 2021"),
        ("fr", date(2021, 1, 1), "full", "vendredi 1er janvier 2021"),
        ("fr", date(2021, 1, 1), "short", "01/01/2021"),
        ("fr", date(2021, 1, 1), "LLLL y", "janvier 2021"),
        ("fr", date(2021, 1, 2), "long", "2 janvier 2021"),
        ("fr_CA", date(2021, 3, 1), "long", "1er mars 2021"),
        ("en_GB", date(2021, 1, 1), "long", "1 January 2021"),
        ("en", date(2021, 1, 1), "medium", "Jan 1, 2021"),
        ("ru", date(2021, 1, 1), "long", f"1 января 2021{NNBSP}г."),
    ],
)
def test_dates_are_written_as_the_locale_writes_them(request_context, locale, day, format, written):
    with force_locale(locale):
        assert date_text(day, format) == written


def test_a_label_takes_its_colon_as_its_language_writes_it(request_context):
    with force_locale("fr_FR"):
        assert colon("Région") == f"Région{NNBSP}:"
        assert colon("Role", "en") == "Role:"
    with force_locale("ru"):
        assert colon("Регион") == "Регион:"
        assert colon("Rôle", "fr") == f"Rôle{NNBSP}:"
    assert colon("<b>") == Markup("&lt;b&gt;:")


def test_a_value_that_ends_with_a_full_stop_also_ends_the_sentence():
    day = f"30 ноября 2026{NNBSP}г."
    assert fill("Рассчитано на %(day)s.", {"day": day}) == f"Рассчитано на {day}"
    assert fill("С %(day)s по сей день.", {"day": day}) == f"С {day} по сей день."
    assert fill("Calculé le %(day)s.", {"day": "30 novembre 2026"}) == "Calculé le 30 novembre 2026."
    assert fill(Markup("<p>%(name)s.</p>"), {"name": "<b>Dr."}) == Markup("<p>&lt;b&gt;Dr.</p>")


def test_templates_translate_with_one_full_stop_after_a_russian_date(request_context):
    with force_locale("ru"):
        text = render_template_string(
            "{% trans day=day|dateformat('long') %}Computed from the portal’s data on {{ day }}.{% endtrans %}",
            day=date(2026, 11, 30),
        )
    assert text == f"Рассчитано по данным портала на 30 ноября 2026{NNBSP}г."


def test_a_french_event_page_puts_a_narrow_space_before_its_colons(client, auth):
    event = factories.event(in_person_count=12, online_count=3)
    db.session.commit()
    auth.login(Role.OFFICER, language="fr")
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert f"en présentiel{NNBSP}: 12" in page and f"en ligne{NNBSP}: 3" in page
    assert f"Participants{NNBSP}: <span" in page


def test_a_french_page_writes_the_first_of_the_month_1er(client, auth):
    project = factories.project(start_date=date(2021, 1, 1))
    db.session.commit()
    auth.login(Role.MANAGER, language="fr")
    assert "1er janv. 2021" in client.get(f"/projects/{project.id}").get_data(as_text=True)


def test_the_french_cover_puts_a_narrow_no_break_space_before_its_colons(client, auth):
    owner = factories.user(role=Role.APPLICANT, language="fr")
    note = builders.note(owner, scope=Scope.REGIONAL, countries=["MK", "RS"], gender_marker=2)
    db.session.commit()
    auth.login(user=owner)
    page = client.get(f"/concept-notes/{note.id}").get_data(as_text=True)
    assert f"Régional{NNBSP}: Macédoine du Nord, Serbie" in page and f"Genre{NNBSP}: 2" in page


def test_each_certificate_writes_its_colon_in_its_own_language(request_context):
    organisation = Letterhead(name="ICMPD", logo=None, signatory_name=None, signatory_title=None, signature=None)
    pages = [
        {"language": "fr", "organisation": organisation, "role_label": "Rôle", "role": "Formateur"},
        {"language": "en", "organisation": organisation, "role_label": "Role", "role": "Trainer"},
    ]
    with force_locale("ru"):
        html = render_template("pdf/certificate.html", pages=pages)
    assert f"Rôle{NNBSP}: Formateur" in html and "Role: Trainer" in html


@pytest.mark.parametrize(
    ("locale", "size", "written"),
    [
        ("en", 1, "1 byte"),
        ("en", 1234, "1,234 bytes"),
        ("fr", 2, "2 octets"),
        ("ru", 1, "1 байт"),
        ("ru", 2, "2 байта"),
        ("ru", 5, "5 байт"),
    ],
)
def test_file_sizes_take_the_plural_of_the_number(request_context, locale, size, written):
    with force_locale(locale):
        assert render_template_string("{{ size|file_size }}", size=size).replace("\u00a0", " ") == written
