"""Contributions, expenditure and other revenue through their forms."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.extensions import db
from portal.funding.models import Contribution, Expenditure, Revenue, RevenueType
from portal.funding.queries import project_funding
from portal.reference.rates import RateTable
from tests import factories


def _count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def project(app):
    project = factories.project(code="FUND-1", currency="EUR")
    db.session.commit()
    return project


@pytest.fixture
def donor(app):
    donor = factories.partner(name="Switzerland", acronym="CH")
    db.session.commit()
    return donor


def _contribution(donor, **changes):
    return {
        "donor_id": str(donor.id),
        "amount": "1000.50",
        "currency": "EUR",
        "signed_on": "2021-05-01",
        "ref": "",
        **changes,
    }


def test_an_officer_adds_edits_and_deletes_a_contribution(client, auth, project, donor):
    auth.login(Role.OFFICER)

    response = client.post(
        f"/funding/projects/{project.id}/contributions/new", data=_contribution(donor, currency="chf")
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/projects/{project.id}#contributions")
    contribution = db.session.scalar(sa.select(Contribution))
    assert (contribution.ref, contribution.amount, contribution.currency, contribution.donor_id) == (
        "C-0001",
        Decimal("1000.50"),
        "CHF",
        donor.id,
    )

    response = client.post(
        f"/funding/contributions/{contribution.id}",
        data=_contribution(donor, amount="2000", ref="CH-2021-1", version="1"),
    )
    assert response.status_code == 302
    db.session.expire_all()
    contribution = db.session.get(Contribution, contribution.id)
    assert (contribution.ref, contribution.amount, contribution.currency) == ("CH-2021-1", Decimal("2000.00"), "EUR")

    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert f'action="/funding/contributions/{contribution.id}/delete"' in page and "data-confirm=" in page
    assert client.post(f"/funding/contributions/{contribution.id}/delete").status_code == 302
    assert _count(Contribution) == 0


@pytest.mark.parametrize("amount", ["1e5", "-5", "-0.01", "1.234", "abc", "NaN", "1,000", "", "1234567890123"])
def test_bad_amounts_are_refused_beside_the_field(client, auth, project, donor, amount):
    auth.login(Role.OFFICER)

    response = client.post(
        f"/funding/projects/{project.id}/contributions/new", data=_contribution(donor, amount=amount)
    )

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="amount-errors"' in html
    assert _count(Contribution) == 0


@pytest.mark.parametrize("amount", ["0", "12", "12.5", "12.50", "999999999999.99"])
def test_plain_amounts_are_accepted(client, auth, project, donor, amount):
    auth.login(Role.OFFICER)

    response = client.post(
        f"/funding/projects/{project.id}/contributions/new", data=_contribution(donor, amount=amount)
    )

    assert response.status_code == 302
    assert db.session.scalar(sa.select(Contribution.amount)) == Decimal(amount)


def test_the_amount_message_says_what_is_expected(client, auth, project, donor):
    auth.login(Role.OFFICER)

    html = client.post(
        f"/funding/projects/{project.id}/contributions/new", data=_contribution(donor, amount="1e5")
    ).get_data(as_text=True)

    assert "at most two decimals, no sign, exponent or separators" in html


def test_a_duplicate_reference_and_a_missing_donor_are_field_errors(client, auth, project, donor):
    factories.contribution(project, donor, "1.00")
    db.session.commit()
    taken = db.session.scalar(sa.select(Contribution.ref))
    auth.login(Role.OFFICER)

    html = client.post(
        f"/funding/projects/{project.id}/contributions/new", data=_contribution(donor, ref=taken)
    ).get_data(as_text=True)
    assert f"The reference {taken} is already used." in html.split('id="ref-errors"')[1][:200]
    html = client.post(
        f"/funding/projects/{project.id}/contributions/new", data=_contribution(donor, donor_id="")
    ).get_data(as_text=True)
    assert 'id="donor_id-errors"' in html
    assert _count(Contribution) == 1


def test_expenditure_is_one_entry_per_year(client, auth, project):
    auth.login(Role.OFFICER)
    url = f"/funding/projects/{project.id}/expenditure/new"

    assert client.post(url, data={"year": "2021", "amount": "10.00", "currency": "EUR"}).status_code == 302
    response = client.post(url, data={"year": "2021", "amount": "20.00", "currency": "EUR"})

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "already has expenditure for 2021" in html.split('id="year-errors"')[1][:300]
    assert [(e.year, e.amount) for e in db.session.scalars(sa.select(Expenditure))] == [(2021, Decimal("10.00"))]


def test_expenditure_can_be_edited_to_a_free_year_and_deleted(client, auth, project):
    first = factories.expenditure(project, 2020, "1.00")
    factories.expenditure(project, 2021, "2.00")
    db.session.commit()
    auth.login(Role.ADMIN)

    refused = client.post(
        f"/funding/expenditure/{first.id}", data={"year": "2021", "amount": "5", "currency": "EUR", "version": "1"}
    )
    assert refused.status_code == 200
    assert (
        client.post(
            f"/funding/expenditure/{first.id}", data={"year": "2019", "amount": "5", "currency": "EUR", "version": "1"}
        ).status_code
        == 302
    )
    db.session.expire_all()
    assert sorted(db.session.scalars(sa.select(Expenditure.year))) == [2019, 2021]
    assert client.post(f"/funding/expenditure/{first.id}/delete").status_code == 302
    assert _count(Expenditure) == 1


@pytest.mark.parametrize("currency", ["XXX", "XTS", "XAU"])
def test_what_is_no_money_is_not_a_currency(client, auth, project, donor, currency):
    auth.login(Role.OFFICER)
    url = f"/funding/projects/{project.id}/contributions/new"
    page = client.post(url, data=_contribution(donor, currency=currency)).get_data(as_text=True)
    assert "Not an ISO 4217 currency code" in page and _count(Contribution) == 0


def test_a_line_in_a_currency_without_a_rate_says_which_rate_is_missing_and_who_adds_it(client, auth, project, donor):
    factories.rate("USD", 2020, "0.88")
    db.session.commit()
    auth.login(Role.OFFICER)
    url = f"/funding/projects/{project.id}/contributions/new"
    missing = (
        "There is no exchange rate for USD in 2021 yet: the key figures of 2021 will say so until an administrator"
    )

    page = client.post(url, data=_contribution(donor, currency="USD"), follow_redirects=True).get_data(as_text=True)
    assert "Contribution added." in page and missing in page

    page = client.post(url, data=_contribution(donor, currency="EUR"), follow_redirects=True).get_data(as_text=True)
    assert "Contribution added." in page and "There is no exchange rate" not in page
    page = client.post(url, data=_contribution(donor, currency="USD", signed_on="2020-03-01"), follow_redirects=True)
    assert "There is no exchange rate" not in page.get_data(as_text=True)


def test_a_stale_contribution_edit_is_refused(client, auth, project, donor):
    contribution = factories.contribution(project, donor, "1.00")
    db.session.commit()
    auth.login(Role.OFFICER)
    data = _contribution(donor, version="1", ref=contribution.ref)

    other = factories.partner(name="Norway")
    db.session.commit()
    assert client.post(f"/funding/contributions/{contribution.id}", data={**data, "amount": "2"}).status_code == 302
    response = client.post(
        f"/funding/contributions/{contribution.id}", data={**data, "amount": "3", "donor_id": str(other.id)}
    )

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Changed by someone else" in html
    assert "Saved meanwhile by someone else: <strong>Switzerland (CH)</strong>" in html
    assert "Saved meanwhile by someone else: <strong>2.00</strong>" in html
    db.session.expire_all()
    assert db.session.get(Contribution, contribution.id).amount == Decimal("2.00")


def test_other_revenue_is_listed_filtered_and_edited(client, auth, donor):
    auth.login(Role.OFFICER)

    for type_, year, amount, partner in (
        ("membership", "2021", "5000", str(donor.id)),
        ("operational", "2021", "700.25", ""),
        ("other", "2020", "1", ""),
    ):
        response = client.post(
            "/funding/revenue/new",
            data={"type": type_, "year": year, "partner_id": partner, "amount": amount, "currency": "EUR", "ref": ""},
        )
        assert response.status_code == 302, response.get_data(as_text=True)
    assert sorted(db.session.scalars(sa.select(Revenue.ref))) == ["REV-0001", "REV-0002", "REV-0003"]

    html = client.get("/funding/revenue/?year=2021").get_data(as_text=True)
    assert "€5,000.00" in html and "€700.25" in html and "€1.00" not in html
    html = client.get("/funding/revenue/?type=operational").get_data(as_text=True)
    assert "€700.25" in html and "€5,000.00" not in html

    revenue = db.session.scalar(sa.select(Revenue).where(Revenue.ref == "REV-0003"))
    response = client.post(
        f"/funding/revenue/{revenue.id}",
        data={
            "type": "membership",
            "year": "2020",
            "partner_id": "",
            "amount": "2.5",
            "currency": "USD",
            "ref": "",
            "version": "1",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    revenue = db.session.get(Revenue, revenue.id)
    assert (revenue.type, revenue.amount, revenue.currency, revenue.ref) == (
        RevenueType.MEMBERSHIP,
        Decimal("2.50"),
        "USD",
        "REV-0003",
    )
    assert client.post(f"/funding/revenue/{revenue.id}/delete").status_code == 302
    assert _count(Revenue) == 2


def test_bad_revenue_input_writes_nothing(client, auth):
    auth.login(Role.OFFICER)

    response = client.post(
        "/funding/revenue/new",
        data={"type": "gift", "year": "1800", "partner_id": "", "amount": "-1", "currency": "EURO", "ref": ""},
    )

    html = response.get_data(as_text=True)
    for field in ("type", "year", "amount", "currency"):
        assert f'id="{field}-errors"' in html, field
    assert _count(Revenue) == 0


def test_a_manager_reads_revenue_but_sees_no_edit_buttons(client, auth):
    factories.revenue(2021, "10.00", partner=factories.partner(name="Austria"))
    db.session.commit()
    auth.login(Role.MANAGER)

    html = client.get("/funding/revenue/").get_data(as_text=True)

    assert "Austria" in html and "€10.00" in html
    assert "/delete" not in html and "New entry" not in html


def test_signed_on_decides_the_rate_year(app):
    project = factories.project()
    factories.contribution(project, factories.partner(), "10.00", "USD", date(2019, 12, 31))
    factories.rate("USD", 2020, "0.9")
    db.session.commit()

    summary = project_funding(db.session, project.id, RateTable.load(db.session, "EUR"))

    assert [(m.currency, m.year) for m in summary.missing] == [("USD", 2019)]
