"""Shipped reference lists show in the reader's language (the note's, in its PDF); edited entries as typed."""

from decimal import Decimal
from io import BytesIO

import pytest
from flask_babel import force_locale
from pypdf import PdfReader

from portal.accounts.models import Role
from portal.concept_notes import documents, reference_lists, services
from portal.concept_notes.models import ReferenceItem, ReferenceKind
from portal.extensions import db
from tests import factories
from tests.concept_notes import builders

RATE = Decimal("0.07")
pytestmark = pytest.mark.usefixtures("request_context")
#: acronyms that are the same in French
SAME_IN_FRENCH = {"UNICEF", "UNESCO", "FAO"}


def _pdf_text(note) -> str:
    pdf = documents.render_note_pdf(note, rate=RATE)[0]
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def _item(kind, code) -> ReferenceItem:
    return reference_lists.lookup()[kind][code]


def test_every_shipped_entry_has_its_french_and_russian_texts(app):
    services.install_reference_defaults()
    for kind in ReferenceKind:
        for item in reference_lists.entries(kind):
            assert item.label and item.label_fr and item.label_ru, (kind, item.code)
            assert bool(item.title) == bool(item.title_fr) == bool(item.title_ru), (kind, item.code)
            for language in ("fr", "ru"):
                with force_locale(language):
                    label, title = item.display_label, item.display_title
                if not (language == "fr" and item.label in SAME_IN_FRENCH):
                    assert label != item.label, (language, item.label)
                assert title != item.title or not item.title, (language, item.title)


@pytest.mark.parametrize(
    ("language", "expected", "english"),
    [
        (
            "fr",
            [
                "23. Renforcer la coopération internationale et les partenariats mondiaux pour des migrations sûres",
                "1. Promouvoir un discours, des politiques et une planification en matière de migration",
                "Priorité à la dimension humaine",
                "(Objectif important)",
                "OIM (",
                "HCR",
                "1. Personnel et autres employés",
                "4. Services contractuels",
                "5. Voyages",
            ],
            ["Strengthen international cooperation", "Promoting fact-based", "People-centred", "Staff and other"],
        ),
        (
            "ru",
            [
                "23. Укреплять международное сотрудничество и глобальные партнерства",
                "1. Сбор и использование точных и дезагрегированных данных",
                "Ориентированность на человека",
                "(Значимая цель)",
                "МОМ (",
                "УВКБ ООН",
                "1. Персонал и другие сотрудники",
                "4. Услуги по контрактам",
                "5. Путевые расходы",
            ],
            ["Strengthen international cooperation", "Collect and utilize", "People-centred", "Staff and other"],
        ),
    ],
)
@pytest.mark.pdf
def test_the_pdf_shows_the_shipped_lists_in_the_notes_language(applicant, language, expected, english):
    note = builders.note(applicant, language=language, contact_organisation="Skopje")
    text = _pdf_text(note)
    for words in expected:
        assert words in text, words
    for words in [*english, "IOM", "UNHCR", "Travel", "Contractual services"]:
        assert words not in text, words


def test_an_edited_entry_shows_its_translations_and_the_english_where_one_is_blank(applicant):
    note = builders.note(applicant, contact_organisation="Skopje")
    services.save_reference_item(
        _item(ReferenceKind.GCM_OBJECTIVE, "23"),
        {
            "code": "23",
            "label": "Cooperation",
            "label_fr": "Coopération",
            "label_ru": None,
            "title": "Regional cooperation on data",
            "title_fr": "Coopération régionale sur les données",
            "title_ru": None,
            "position": 23,
            "is_active": True,
        },
    )
    services.save_reference_item(
        _item(ReferenceKind.BUDGET_CATEGORY, "1"),
        {
            "code": "1",
            "label": "National staff",
            "label_fr": None,
            "label_ru": None,
            "title": "",
            "title_fr": None,
            "title_ru": None,
            "position": 1,
            "is_active": True,
        },
    )
    texts = {}
    for language in ("en", "fr", "ru"):
        note.language = language
        texts[language] = _pdf_text(note)
        assert "1. National staff" in texts[language], language
    assert "23. Regional cooperation on data" in texts["en"] and "23. Regional cooperation on data" in texts["ru"]
    assert "23. Coopération régionale sur les données" in texts["fr"]
    assert "Regional cooperation on data" not in texts["fr"]
    assert "Укреплять международное сотрудничество" not in texts["ru"]
    assert "Персонал и другие сотрудники" not in texts["ru"]
    assert "1. Сбор и использование" in texts["ru"]


def test_the_editor_in_russian_shows_the_russian_lists(client, auth):
    owner = factories.user(role=Role.APPLICANT, language="ru")
    note = builders.note(owner)
    db.session.commit()
    auth.login(user=owner)
    cover = client.get(f"/concept-notes/{note.id}/cover").get_data(as_text=True)
    assert "1. Данные" in cover and "1. Data" not in cover
    assert 'title="Сбор и использование точных и дезагрегированных данных' in cover
    assert "Ориентированность на человека" in cover and "МОМ" in cover
    budget = client.get(f"/concept-notes/{note.id}/budget").get_data(as_text=True)
    assert "1. Персонал и другие сотрудники" in budget and "Staff and other personnel" not in budget
    page = client.get(f"/concept-notes/{note.id}").get_data(as_text=True)
    assert "Значимая цель" in page and "Significant objective" not in page
    indicator = client.get(f"/concept-notes/{note.id}/results/indicator/new").get_data(as_text=True)
    assert '<option value="IOM">МОМ</option>' in indicator and '<option value="UNHCR">УВКБ ООН</option>' in indicator


def test_admins_edit_the_three_languages_side_by_side_and_see_what_is_missing(client, auth):
    services.install_reference_defaults()
    db.session.commit()
    item = _item(ReferenceKind.BUDGET_CATEGORY, "5")
    auth.login(Role.ADMIN)
    form = client.get(f"/concept-notes/reference/item/{item.id}").get_data(as_text=True)
    for value in ("Travel", "Voyages", "Путевые расходы"):
        assert f'value="{value}"' in form, value
    assert "Translation missing in" not in client.get("/concept-notes/reference").get_data(as_text=True)

    response = client.post(
        f"/concept-notes/reference/item/{item.id}",
        data={
            "code": "5",
            "label": "Travel and subsistence",
            "label_fr": "Voyages et indemnités",
            "label_ru": "",
            "title": "",
            "title_fr": "",
            "title_ru": "",
            "position": "5",
            "is_active": "y",
            "version": item.version,
        },
    )
    assert response.status_code == 302
    db.session.refresh(item)
    assert (item.label, item.label_fr, item.label_ru) == ("Travel and subsistence", "Voyages et indemnités", None)
    page = client.get("/concept-notes/reference").get_data(as_text=True)
    assert page.count("Translation missing in") == 1 and "Translation missing in: Русский" in page
    with force_locale("ru"):
        assert item.display_label == "Travel and subsistence"
    with force_locale("fr"):
        assert item.display_label == "Voyages et indemnités"
