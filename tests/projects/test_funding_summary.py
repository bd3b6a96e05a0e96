"""The funding summary query (portal.funding.queries) and how the project page shows it."""

from datetime import date
from decimal import Decimal

from portal.accounts.models import Role
from portal.extensions import db
from portal.funding.queries import Converted, project_funding
from portal.reference.rates import MissingRate, RateTable
from tests import factories


def _summary(project):
    return project_funding(db.session, project.id, RateTable.load(db.session, "EUR"))


def test_contributions_in_two_currencies_are_converted_item_by_item(app):
    project = factories.project(currency="EUR")
    eu, us = factories.partner(name="European Union"), factories.partner(name="United States", acronym="US")
    factories.rate("USD", 2021, "0.84555")
    factories.rate("USD", 2022, "0.95")
    factories.contribution(project, eu, "1000000.00", "EUR", date(2020, 5, 1))
    # 333.33 * 0.84555 = 281.8471815 -> 281.85 each, so 563.70 (rounding the sum would give 563.69)
    factories.contribution(project, us, "333.33", "USD", date(2021, 3, 1))
    factories.contribution(project, us, "333.33", "USD", date(2021, 9, 1))
    factories.expenditure(project, 2021, "250000.50")
    factories.expenditure(project, 2022, "100.00")

    summary = _summary(project)

    assert summary.missing == ()
    assert [(line.ref, line.converted.reporting) for line in summary.contributions] == [
        (summary.contributions[0].ref, Decimal("1000000.00")),
        (summary.contributions[1].ref, Decimal("281.85")),
        (summary.contributions[2].ref, Decimal("281.85")),
    ]
    assert [(d.donor, d.contributions, d.converted) for d in summary.by_donor] == [
        ("European Union", 1, Converted(Decimal("1000000.00"), Decimal("1000000.00"))),
        ("United States (US)", 2, Converted(Decimal("563.70"), Decimal("563.70"))),
    ]
    assert summary.contracted == Converted(Decimal("1000563.70"), Decimal("1000563.70"))
    assert summary.spent == Converted(Decimal("250100.50"), Decimal("250100.50"))
    assert summary.balance == Converted(Decimal("750463.20"), Decimal("750463.20"))
    assert [(e.year, e.amount) for e in summary.expenditures] == [
        (2021, Decimal("250000.50")),
        (2022, Decimal("100.00")),
    ]


def test_a_usd_project_is_summed_in_usd_and_in_the_reporting_currency(app):
    project = factories.project(currency="USD")
    donor = factories.partner()
    factories.rate("USD", 2021, "0.8")
    factories.contribution(project, donor, "1000.00", "USD", date(2021, 1, 1))
    factories.contribution(project, donor, "100.00", "EUR", date(2021, 1, 1))
    factories.expenditure(project, 2021, "500.00")

    summary = _summary(project)

    # 100 EUR = 100 / 0.8 = 125 USD
    assert summary.contracted == Converted(Decimal("1125.00"), Decimal("900.00"))
    assert summary.spent == Converted(Decimal("500.00"), Decimal("400.00"))
    assert summary.balance == Converted(Decimal("625.00"), Decimal("500.00"))


def test_a_missing_rate_is_named_and_no_total_is_assumed(app):
    project = factories.project(currency="EUR")
    donor = factories.partner()
    factories.contribution(project, donor, "100.00", "EUR", date(2021, 1, 1))
    factories.contribution(project, donor, "200.00", "USD", date(2021, 6, 1))
    factories.contribution(project, donor, "300.00", "USD", date(2021, 7, 1))
    factories.expenditure(project, 2021, "50.00")

    summary = _summary(project)

    assert [(type(m), m.currency, m.year) for m in summary.missing] == [(MissingRate, "USD", 2021)]
    assert str(summary.missing[0]) == "No exchange rate for USD in 2021"
    assert [line.converted.reporting for line in summary.contributions] == [Decimal("100.00"), None, None]
    assert summary.contracted == Converted(None, None)
    assert summary.balance == Converted(None, None)
    assert summary.spent == Converted(Decimal("50.00"), Decimal("50.00"))


def test_the_project_page_names_the_missing_rate_instead_of_a_number(app, client, auth):
    project = factories.project(currency="EUR", code="MIS-1")
    factories.contribution(project, factories.partner(), "200.00", "USD", date(2021, 6, 1))
    db.session.commit()
    auth.login(Role.MANAGER)

    response = client.get(f"/projects/{project.id}")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "No exchange rate for USD in 2021: add it under Reference data." in html
    assert "rate missing" in html


def test_the_project_page_shows_the_summary_in_both_currencies(app, client, auth):
    project = factories.project(currency="USD", code="TWO-1")
    donor = factories.partner(name="Donor A")
    factories.rate("USD", 2021, "0.8")
    factories.contribution(project, donor, "1000.00", "USD", date(2021, 1, 1))
    factories.expenditure(project, 2021, "250.00")
    db.session.commit()
    auth.login(Role.OFFICER)

    html = client.get(f"/projects/{project.id}").get_data(as_text=True)

    assert "No exchange rate" not in html
    for text in ("$1,000.00", "€800.00", "$250.00", "€200.00", "$750.00", "€600.00", "Donor A"):
        assert text in html
