"""The results framework's labels before a title or a value take the colon as the reader's language writes it:
French puts a narrow no-break space before it."""

from datetime import date
from decimal import Decimal

import pytest

from portal.accounts.models import Role
from portal.extensions import db
from portal.projects import services
from tests import factories


@pytest.fixture
def indicator(app):
    project = factories.project(start_date=date(2023, 1, 1), end_date=date(2025, 12, 31))
    output = services.add_output(project, {"title": "Statistics", "title_fr": "Statistiques"})
    indicator = services.add_indicator(output, {"text": "Countries", "text_fr": "Pays", "target": Decimal(8)})
    db.session.commit()
    return indicator


@pytest.mark.parametrize(
    ("language", "output", "indicator_text"),
    [
        ("fr", "Produit 1\u202f: Statistiques", "1.1\u202f: Pays · Cible\u202f: 8"),
        ("en", "Output 1: Statistics", "1.1: Countries · Target: 8"),
    ],
)
def test_output_and_indicator_labels_take_the_readers_colon(client, auth, indicator, language, output, indicator_text):
    auth.login(Role.OFFICER, language=language)
    project_page = client.get(f"/projects/{indicator.project_id}").get_data(as_text=True)
    assert output in project_page
    assert output in client.get(f"/projects/outputs/{indicator.output_id}/indicators/new").get_data(as_text=True)
    assert indicator_text in client.get(f"/projects/indicators/{indicator.id}/results/new").get_data(as_text=True)
