"""The project_partners and deliverables sheets: the rules of the forms (the same check functions and messages),
seeing stored rows and the workbook's earlier ones; a workbook that breaks any writes nothing."""

from datetime import date

import pytest
import sqlalchemy as sa

from portal.errors import DomainError
from portal.exchange import services
from portal.extensions import db
from portal.partners.models import Partner
from portal.projects import services as project_services
from portal.projects.models import Deliverable, DeliverableStatus, ImplementerRole, ProjectPartner
from tests import factories
from tests.exchange import workbooks

IMPLEMENTERS = ["project", "partner", "role"]
DELIVERABLES = ["ref", "project", "title", "due_on", "status", "delivered_on"]
TWICE = "This partner already implements the project: change its role instead."
SECOND_LEAD = "The project already has a lead implementer."
NO_DATE = "Give the date it was delivered on."
NOT_DELIVERED = "Only a delivered deliverable has a delivery date."
REF_USED = "The reference D-1 is already used."


def _import(tmp_path, sheets):
    return services.import_workbook(workbooks.save(tmp_path / "w.xlsx", sheets))


@pytest.fixture
def stored(app):
    project = factories.project(code="OSCE-IOM")
    osce, iom = factories.partner(ref="OSCE"), factories.partner(ref="IOM")
    factories.partner(ref="UNECE")
    project_services.add_implementer(project, {"partner_id": osce.id, "role": "lead"})
    project_services.add_implementer(project, {"partner_id": iom.id, "role": "co_implementer"})
    project_services.add_deliverable(
        project, {"ref": "D-1", "title": "Handbook", "due_on": date(2011, 6, 1), "status": "planned"}
    )
    db.session.commit()
    return project


def test_rows_breaking_the_rules_are_refused_at_their_place_and_nothing_is_written(tmp_path, stored, row_counts):
    before = row_counts()
    report = _import(
        tmp_path,
        {
            "project_partners": [
                IMPLEMENTERS,
                ["OSCE-IOM", "UNECE", "lead"],
                ["OSCE-IOM", "UNECE", "associate"],
            ],
            "deliverables": [
                DELIVERABLES,
                ["D-2", "OSCE-IOM", "Country report", "2011-01-31", "delivered", None],
                ["D-3", "OSCE-IOM", "Template", "2011-01-31", "planned", "2011-01-15"],
                ["D-4", "OSCE-IOM", "Synthesis table", "2011-01-31", "cancelled", None],
                ["D-4", "OSCE-IOM", "Synthesis table", "2011-01-31", "cancelled", None],
            ],
        },
    )
    db.session.rollback()
    assert [str(problem) for problem in report.problems] == [
        f"project_partners, 2, role: {SECOND_LEAD}",
        f"project_partners, 3, partner: {TWICE}",
        f"deliverables, 2, delivered_on: {NO_DATE}",
        f"deliverables, 3, delivered_on: {NOT_DELIVERED}",
        "deliverables, 5, ref: The reference D-4 is already used.",
    ]
    assert row_counts() == before


def test_the_same_rules_refuse_the_same_data_through_the_services(stored):
    unece = db.session.scalar(sa.select(Partner).where(Partner.ref == "UNECE"))
    for refused, message in (
        (lambda: project_services.add_implementer(stored, {"partner_id": unece.id, "role": "lead"}), SECOND_LEAD),
        (
            lambda: project_services.add_implementer(
                stored, {"partner_id": stored.implementers[1].partner_id, "role": "associate"}
            ),
            TWICE,
        ),
        (
            lambda: project_services.add_deliverable(
                stored, {"title": "X", "due_on": date(2011, 1, 1), "status": "delivered"}
            ),
            NO_DATE,
        ),
        (
            lambda: project_services.add_deliverable(
                stored, {"ref": "D-1", "title": "X", "due_on": date(2011, 1, 1), "status": "planned"}
            ),
            REF_USED,
        ),
    ):
        with pytest.raises(DomainError) as error:
            refused()
        assert str(error.value.message) == message


def test_a_row_may_hand_the_lead_to_another_partner_once_an_earlier_row_gives_it_up(tmp_path, stored):
    report = _import(
        tmp_path,
        {
            "project_partners": [IMPLEMENTERS, ["OSCE-IOM", "OSCE", "co_implementer"], ["OSCE-IOM", "IOM", "lead"]],
            "deliverables": [DELIVERABLES, ["D-1", "OSCE-IOM", "Handbook", "2011-06-01", "delivered", "2011-11-20"]],
        },
    )
    assert report.ok, [str(problem) for problem in report.problems]
    db.session.commit()
    roles = dict(db.session.execute(sa.select(ProjectPartner.partner_id, ProjectPartner.role)).all())
    assert sorted(roles.values()) == [ImplementerRole.CO_IMPLEMENTER, ImplementerRole.LEAD]
    handbook = db.session.scalar(sa.select(Deliverable))
    assert (handbook.status, handbook.delivered_on) == (DeliverableStatus.DELIVERED, date(2011, 11, 20))
    assert (report.counts["project_partners"].updated, report.counts["deliverables"].updated) == (2, 1)


def test_an_exported_workbook_imports_again_unchanged(tmp_path, stored, row_counts):
    target = tmp_path / "out.xlsx"
    services.export_workbook(target, personal_data=False)
    before = row_counts()
    report = services.import_workbook(target)
    assert report.ok, [str(problem) for problem in report.problems]
    for sheet, rows in (("project_partners", 2), ("deliverables", 1)):
        counts = report.counts[sheet]
        assert (counts.created, counts.updated, counts.unchanged) == (0, 0, rows)
    assert row_counts() == before
