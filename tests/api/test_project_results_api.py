"""A project's detail in the API gives its GCM objectives and its results framework, numbers as exact strings."""

from datetime import date
from decimal import Decimal

from portal.accounts.models import Role
from portal.extensions import db
from portal.projects import services
from tests import factories


def test_project_detail_gives_gcm_objectives_and_results(client, bearer):
    project = factories.project(start_date=date(2023, 1, 1), end_date=date(2025, 12, 31))
    project.gcm_objectives = ["23", "1"]
    output = services.add_output(project, {"title": "Statistics improved", "title_fr": "Statistiques améliorées"})
    indicator = services.add_indicator(
        output, {"text": "Countries", "unit": "countries", "baseline": Decimal(0), "target": Decimal(8)}
    )
    services.record_result(indicator, {"year": 2024, "actual": Decimal("2.5"), "comment": "Two and a half"})
    services.record_result(indicator, {"year": 2023, "actual": Decimal(1)})
    db.session.commit()
    body = client.get(f"/api/v1/projects/{project.id}", headers=bearer(Role.MANAGER)).json
    assert body["gcm_objectives"] == ["1", "23"]
    assert body["results"] == [
        {
            "ref": output.ref,
            "number": 1,
            "title": "Statistics improved",
            "title_en": "Statistics improved",
            "title_fr": "Statistiques améliorées",
            "title_ru": None,
            "indicators": [
                {
                    "ref": indicator.ref,
                    "number": 1,
                    "text": "Countries",
                    "text_en": "Countries",
                    "text_fr": None,
                    "text_ru": None,
                    "unit": "countries",
                    "baseline": "0.00",
                    "target": "8.00",
                    "progress_percent": "31.00",
                    "actuals": [
                        {"year": 2023, "value": "1.00", "comment": None},
                        {"year": 2024, "value": "2.50", "comment": "Two and a half"},
                    ],
                }
            ],
        }
    ]
