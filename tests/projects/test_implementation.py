"""A project's implementers with their roles and its deliverables: the rules, the pages and the partner page."""

import re
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from portal.accounts.models import Role
from portal.errors import DomainError
from portal.extensions import db
from portal.projects import services
from portal.projects.models import Deliverable, DeliverableStatus, ImplementerRole, ProjectPartner
from tests import factories


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def _deliverable(project, **values):
    return services.add_deliverable(
        project, {"title": "Country report", "due_on": date(2030, 6, 30), "status": "planned", **values}
    )


@pytest.fixture
def osce_iom(app):
    """The OSCE–IOM project with its partners in the register."""
    data = {
        "project": factories.project(code="OSCE-IOM", start_date=date(2010, 1, 1), end_date=date(2011, 12, 31)),
        "osce": factories.partner(name="Organization for Security and Co-operation in Europe", acronym="OSCE"),
        "iom": factories.partner(name="International Organization for Migration", acronym="IOM"),
        "unece": factories.partner(name="UN Economic Commission for Europe", acronym="UNECE"),
    }
    db.session.commit()
    return data


def test_a_partner_implements_a_project_in_one_role(osce_iom):
    project, iom = osce_iom["project"], osce_iom["iom"]
    first = services.add_implementer(project, {"partner_id": iom.id, "role": "co_implementer"})
    with pytest.raises(DomainError) as refused:
        services.add_implementer(project, {"partner_id": iom.id, "role": "implementing_partner"})
    assert refused.value.field == "partner_id"
    services.update_implementer(first, {"partner_id": iom.id, "role": "implementing_partner"})
    assert first.role == ImplementerRole.IMPLEMENTING_PARTNER
    # the database holds the same rule
    db.session.add(ProjectPartner(project=project, partner=iom, role=ImplementerRole.ASSOCIATE))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_a_project_has_one_lead_implementer(osce_iom):
    project = osce_iom["project"]
    lead = services.add_implementer(project, {"partner_id": osce_iom["osce"].id, "role": "lead"})
    other = services.add_implementer(project, {"partner_id": osce_iom["iom"].id, "role": "co_implementer"})
    with pytest.raises(DomainError) as refused:
        services.update_implementer(other, {"partner_id": osce_iom["iom"].id, "role": "lead"})
    assert refused.value.field == "role"
    services.update_implementer(lead, {"partner_id": osce_iom["osce"].id, "role": "lead"})
    services.update_implementer(lead, {"partner_id": osce_iom["osce"].id, "role": "co_implementer"})
    services.update_implementer(other, {"partner_id": osce_iom["iom"].id, "role": "lead"})
    assert other.role == ImplementerRole.LEAD


def test_a_delivered_deliverable_gives_its_delivery_date_and_only_it_does(osce_iom):
    project = osce_iom["project"]
    with pytest.raises(DomainError) as refused:
        _deliverable(project, status="delivered")
    assert refused.value.field == "delivered_on"
    with pytest.raises(DomainError) as refused:
        _deliverable(project, status="in_progress", delivered_on=date(2011, 3, 1))
    assert refused.value.field == "delivered_on"
    # due after the project's end: final reports often are
    handbook = _deliverable(project, title="Handbook", status="delivered", delivered_on=date(2012, 2, 1))
    assert (handbook.ref, handbook.due_on, handbook.delivered_on) == ("D-0001", date(2030, 6, 30), date(2012, 2, 1))
    assert _deliverable(project).ref == "D-0002"
    with pytest.raises(DomainError) as refused:
        _deliverable(project, ref="D-0001")
    assert refused.value.field == "ref"
    # the database refuses a delivered deliverable without its date
    db.session.add(Deliverable(ref="X", project=project, title="X", due_on=date(2011, 1, 1), status="delivered"))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_a_deliverable_is_late_while_owed_after_its_due_date(osce_iom):
    project = osce_iom["project"]
    report = _deliverable(project, due_on=date(2011, 6, 30))
    assert not report.is_late_on(date(2011, 6, 30))
    assert report.is_late_on(date(2011, 7, 1))
    for status in (DeliverableStatus.CANCELLED, DeliverableStatus.DELIVERED):
        report.status = status
        assert not report.is_late_on(date(2011, 7, 1))


def test_officer_names_the_implementers_and_the_partner_page_lists_them(client, auth, osce_iom):
    project, iom = osce_iom["project"], osce_iom["iom"]
    auth.login(Role.OFFICER)
    form = client.get(f"/projects/{project.id}/implementers/new").get_data(as_text=True)
    assert "Co-implementer" in form and "International Organization for Migration (IOM)" in form
    response = client.post(
        f"/projects/{project.id}/implementers/new", data={"partner_id": str(iom.id), "role": "co_implementer"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/projects/{project.id}#implementers")
    client.post(
        f"/projects/{project.id}/implementers/new",
        data={"partner_id": str(osce_iom["osce"].id), "role": "lead"},
    )
    again = client.post(
        f"/projects/{project.id}/implementers/new", data={"partner_id": str(iom.id), "role": "associate"}
    )
    assert "This partner already implements the project" in again.get_data(as_text=True)

    page = _text(client.get(f"/projects/{project.id}"))
    implementers = page[page.index("Implementers Add implementer") :]
    assert implementers.index("(OSCE) Lead implementer") < implementers.index("(IOM) Co-implementer")
    partner_page = _text(client.get(f"/partners/{iom.id}"))
    assert "Projects it implements" in partner_page and "OSCE-IOM" in partner_page and "Co-implementer" in partner_page
    assert "This partner implements no project." in _text(client.get(f"/partners/{osce_iom['unece'].id}"))

    implementer = db.session.scalar(sa.select(ProjectPartner).where(ProjectPartner.partner_id == iom.id))
    client.post(f"/projects/implementers/{implementer.id}/delete")
    assert db.session.scalars(sa.select(ProjectPartner.partner_id)).all() == [osce_iom["osce"].id]


def test_officer_tracks_deliverables_and_late_ones_are_marked(client, auth, osce_iom):
    project = osce_iom["project"]
    auth.login(Role.OFFICER)
    form = {"title": "Template", "title_fr": "Modèle", "due_on": "2011-03-31", "status": "in_progress"}
    assert client.post(f"/projects/{project.id}/deliverables/new", data=form).status_code == 302
    template = db.session.scalar(sa.select(Deliverable).where(Deliverable.title == "Template"))
    assert (template.ref, template.title_fr, template.status) == ("D-0001", "Modèle", DeliverableStatus.IN_PROGRESS)
    _deliverable(
        project, title="Handbook", due_on=date(2011, 12, 31), status="delivered", delivered_on=date(2012, 1, 20)
    )
    db.session.commit()

    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    late_rows = re.findall(r'<tr class="deliverable-late">(.*?)</tr>', page, re.S)
    assert len(late_rows) == 1 and "Template" in late_rows[0] and "Late" in late_rows[0]

    missing_date = {"title": "Template", "due_on": "2011-03-31", "status": "delivered", "version": template.version}
    refused = client.post(f"/projects/deliverables/{template.id}", data=missing_date).get_data(as_text=True)
    assert "Give the date it was delivered on." in refused
    client.post(f"/projects/deliverables/{template.id}", data={**missing_date, "delivered_on": "2011-04-02"})
    db.session.refresh(template)
    assert (template.status, template.delivered_on) == (DeliverableStatus.DELIVERED, date(2011, 4, 2))
    assert 'class="deliverable-late"' not in client.get(f"/projects/{project.id}").get_data(as_text=True)

    client.post(f"/projects/deliverables/{template.id}/delete")
    assert db.session.scalars(sa.select(Deliverable.title)).all() == ["Handbook"]


def test_managers_read_the_sections_without_the_editing_buttons(client, auth, osce_iom):
    project = osce_iom["project"]
    services.add_implementer(project, {"partner_id": osce_iom["iom"].id, "role": "co_implementer"})
    _deliverable(project)
    db.session.commit()
    auth.login(Role.MANAGER)
    page = _text(client.get(f"/projects/{project.id}"))
    assert "Co-implementer" in page and "Country report" in page
    assert "Add implementer" not in page and "Add deliverable" not in page


def test_a_projects_history_lists_its_implementers_and_deliverables(client, auth, osce_iom):
    project = osce_iom["project"]
    services.add_implementer(project, {"partner_id": osce_iom["iom"].id, "role": "co_implementer"})
    deliverable = _deliverable(project)
    db.session.commit()
    auth.login(Role.MANAGER)
    text = _text(client.get(f"/history/Project/{project.id}"))
    assert "Created Implementer International Organization for Migration (IOM)" in text
    assert f"Created Deliverable {deliverable.ref}" in text
