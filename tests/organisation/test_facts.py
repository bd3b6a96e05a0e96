"""The organisation's own facts: staff and nationalities by year, the member states; admins enter them."""

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.organisation.models import MemberState, OrganisationYear
from portal.organisation.queries import organisation_facts
from portal.organisation.rules import member_state_problems, organisation_year_problems


def _years():
    return db.session.scalars(sa.select(OrganisationYear).order_by(OrganisationYear.year)).all()


def _members():
    return db.session.scalars(sa.select(MemberState).order_by(MemberState.country)).all()


def _errors(page: str, field: str) -> str:
    return page.split(f'id="{field}-errors"')[1].split("</div>")[0]


def test_only_admins_reach_the_facts(client, auth):
    response = client.get("/admin/organisation/facts")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    auth.login(Role.MANAGER)
    assert client.get("/admin/organisation/facts").status_code == 403
    refused = client.post("/admin/organisation/years/new", data={"year": "2021", "employees": "1"})
    assert refused.status_code == 403 and _years() == []
    assert client.post("/admin/organisation/member-states/new", data={"country": "AT"}).status_code == 403
    auth.logout()
    auth.login(Role.ADMIN)
    page = client.get("/admin/organisation/facts").get_data(as_text=True)
    assert "Staff by year" in page and 'href="/admin/organisation/facts"' in page  # and in the admin menu


def test_an_admin_enters_a_years_facts_and_the_member_states(client, auth):
    auth.login(Role.ADMIN)
    response = client.post(
        "/admin/organisation/years/new", data={"year": "2021", "employees": "463", "nationalities": "70"}
    )
    assert response.status_code == 302
    for country, joined in (("AT", "1993"), ("GR", "2021")):
        data = {"country": country, "joined_year": joined, "left_year": ""}
        assert client.post("/admin/organisation/member-states/new", data=data).status_code == 302
    assert [(y.year, y.employees, y.nationalities) for y in _years()] == [(2021, 463, 70)]
    assert [(m.country, m.joined_year, m.left_year) for m in _members()] == [("AT", 1993, None), ("GR", 2021, None)]
    assert organisation_facts(db.session, 2021).member_states == 2
    page = client.get("/admin/organisation/facts").get_data(as_text=True)
    assert ">463<" in page and ">70<" in page and "Austria" in page and "Greece" in page

    greece = _members()[1]
    data = {"country": "GR", "joined_year": "2021", "left_year": "2023", "version": str(greece.version)}
    assert client.post(f"/admin/organisation/member-states/{greece.id}", data=data).status_code == 302
    db.session.expire_all()
    assert _members()[1].left_year == 2023
    year = _years()[0]
    data = {"year": "2021", "employees": "470", "nationalities": "70", "version": str(year.version)}
    assert client.post(f"/admin/organisation/years/{year.id}", data=data).status_code == 302
    db.session.expire_all()
    assert _years()[0].employees == 470
    entries = db.session.scalars(
        sa.select(AuditEntry.record_type).where(AuditEntry.record_type.in_(("OrganisationYear", "MemberState")))
    ).all()
    assert sorted(entries) == ["MemberState", "MemberState", "MemberState", "OrganisationYear", "OrganisationYear"]
    history = client.get(f"/history/OrganisationYear/{year.id}").get_data(as_text=True)
    assert "Employees" in history and "470" in history

    assert client.post(f"/admin/organisation/years/{year.id}/delete").status_code == 302
    assert _years() == []


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"year": "2021", "employees": "-1"}, "employees", "Enter a number of zero or more."),
        ({"year": "2021", "employees": "10", "nationalities": "11"}, "nationalities", "more nationalities than"),
        ({"year": "2021", "nationalities": "-3"}, "nationalities", "Enter a number of zero or more."),
        ({"year": "1800", "employees": "10"}, "year", "Enter a year between 1990 and 2100."),
    ],
)
def test_a_years_facts_are_counts_with_no_more_nationalities_than_employees(client, auth, data, field, message):
    auth.login(Role.ADMIN)
    response = client.post("/admin/organisation/years/new", data=data)
    assert response.status_code == 200
    assert message in _errors(response.get_data(as_text=True), field)
    assert _years() == []


def test_one_record_a_year_and_each_country_once(client, auth):
    auth.login(Role.ADMIN)
    client.post("/admin/organisation/years/new", data={"year": "2021", "employees": "463"})
    response = client.post("/admin/organisation/years/new", data={"year": "2021", "employees": "1"})
    assert "The facts of 2021 are already entered." in _errors(response.get_data(as_text=True), "year")
    client.post("/admin/organisation/member-states/new", data={"country": "AT", "joined_year": "1993"})
    response = client.post("/admin/organisation/member-states/new", data={"country": "AT", "joined_year": "2000"})
    assert "already in the member list" in _errors(response.get_data(as_text=True), "country")
    assert len(_years()) == 1 and len(_members()) == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"country": "AT", "joined_year": "2010", "left_year": "2009"}, "left_year", "cannot be before the year"),
        ({"country": "QQ", "joined_year": "2010"}, "country", "Not a valid choice"),
        ({"country": "", "joined_year": "2010"}, "country", "This field is required."),
    ],
)
def test_a_member_state_is_a_country_that_leaves_after_it_joined(client, auth, data, field, message):
    auth.login(Role.ADMIN)
    response = client.post("/admin/organisation/member-states/new", data=data)
    assert response.status_code == 200
    assert message in _errors(response.get_data(as_text=True), field)
    assert _members() == []


def test_the_rules_by_themselves():
    assert organisation_year_problems(463, 70) == [] and organisation_year_problems(None, None) == []
    assert [field for field, _ in organisation_year_problems(-1, -1)] == ["employees", "nationalities"]
    assert [field for field, _ in organisation_year_problems(5, 6)] == ["nationalities"]
    assert member_state_problems("AT", 2000, 2000) == []
    assert [field for field, _ in member_state_problems("QQ", 2000, 1999)] == ["country", "left_year"]
