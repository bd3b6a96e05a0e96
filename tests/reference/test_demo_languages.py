"""The demo's French and Russian key figures, on the dashboard and in the PDF, name its regions, donor categories
and thematic areas in French and Russian: no English reference label is left."""

import io
import re

import pytest
from pypdf import PdfReader

from portal.accounts.models import Role
from portal.demo.loader import load_demo
from portal.extensions import db
from portal.reference.defaults import DONOR_CATEGORIES, REGIONS, THEMATIC_AREAS

ENGLISH = [english for rows in (REGIONS, DONOR_CATEGORIES, THEMATIC_AREAS) for _code, english, _fr, _ru in rows]
#: a French and a Russian name each of a region and a donor category that carries money in 2021
SHOWN = {
    "fr": ("Balkans occidentaux et Turquie", "Union européenne"),
    "ru": ("Западные Балканы и Турция", "Европейский союз"),
}


def _words(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.mark.pdf
def test_the_french_and_russian_key_figures_name_the_reference_data_in_their_language(app, client, auth):
    load_demo(db.session, reporting_currency="EUR")
    db.session.commit()
    for language in ("fr", "ru"):
        auth.login(Role.MANAGER, language=language)
        page = client.get("/reports/?year=2021").get_data(as_text=True)
        # dialogue names are the dialogues' own, not reference data
        page = _words(re.sub(r'<select[^>]*name="dialogue".*?</select>', "", page, flags=re.S))
        reader = PdfReader(io.BytesIO(client.get("/reports/key-figures.pdf?year=2021").data))
        pdf = _words(" ".join(p.extract_text() for p in reader.pages))
        for text, where in ((page, "dashboard"), (pdf, "pdf")):
            for name in SHOWN[language]:
                assert name in text, (language, where, name)
            left = [english for english in ENGLISH if english in text]
            assert not left, (language, where, left)
        auth.logout()
