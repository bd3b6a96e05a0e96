"""A project's detail in the API gives its implementers with their roles and its deliverables, late ones marked."""

from datetime import date

from portal.accounts.models import Role
from portal.extensions import db
from portal.projects import services
from tests import factories


def test_project_detail_gives_implementers_and_deliverables(client, bearer):
    project = factories.project(start_date=date(2010, 1, 1), end_date=date(2011, 12, 31))
    iom = factories.partner(name="International Organization for Migration", acronym="IOM", iati_ref="XM-DAC-47066")
    services.add_implementer(project, {"partner_id": iom.id, "role": "co_implementer"})
    services.add_deliverable(
        project, {"title": "Handbook", "title_ru": "Справочник", "due_on": date(2011, 12, 31), "status": "planned"}
    )
    services.add_deliverable(
        project,
        {"title": "Template", "due_on": date(2011, 3, 31), "status": "delivered", "delivered_on": date(2011, 4, 2)},
    )
    db.session.commit()
    body = client.get(f"/api/v1/projects/{project.id}", headers=bearer(Role.MANAGER)).json
    assert body["implementers"] == [
        {
            "partner": {
                "id": iom.id,
                "ref": iom.ref,
                "name": "International Organization for Migration",
                "acronym": "IOM",
                "iati_ref": "XM-DAC-47066",
            },
            "role": "co_implementer",
        }
    ]
    assert body["deliverables"] == [
        {
            "ref": "D-0002",
            "title": "Template",
            "title_en": "Template",
            "title_fr": None,
            "title_ru": None,
            "due_on": "2011-03-31",
            "status": "delivered",
            "delivered_on": "2011-04-02",
            "is_late": False,
        },
        {
            "ref": "D-0001",
            "title": "Handbook",
            "title_en": "Handbook",
            "title_fr": None,
            "title_ru": "Справочник",
            "due_on": "2011-12-31",
            "status": "planned",
            "delivered_on": None,
            "is_late": True,
        },
    ]
