from decimal import Decimal

import sqlalchemy as sa

from portal.extensions import db
from portal.reference.defaults import DUTY_STATIONS, REGIONS, install_defaults
from portal.reference.models import DonorCategory, DutyStation, ExchangeRate, Region, ThematicArea
from tests import factories


def _counts():
    return [
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Region, ThematicArea, DonorCategory, ExchangeRate, DutyStation)
    ]


def test_defaults_fill_an_empty_database(app):
    added = install_defaults(db.session)
    assert added == {
        "regions": 7,
        "thematic_areas": 10,
        "donor_categories": 5,
        "duty_stations": 29,
        "exchange_rates": 77,
    }
    assert {c for (c,) in db.session.execute(sa.select(DonorCategory.code))} == {
        "eu",
        "member_states",
        "other_states",
        "un_io",
        "other",
    }
    usd = db.session.scalar(sa.select(ExchangeRate).where(ExchangeRate.currency == "USD", ExchangeRate.year == 2021))
    assert usd.rate == Decimal("0.8455")
    assert {y for (y,) in db.session.execute(sa.select(ExchangeRate.year).distinct())} == set(range(2016, 2027))
    kosovo = db.session.scalar(sa.select(DutyStation).where(DutyStation.country == "XK"))
    assert kosovo.city == "Pristina"


def test_defaults_only_add_what_is_missing(app):
    factories.region(code="WBT", name="Balkans (renamed here)")
    factories.rate("USD", 2021, "0.9")
    db.session.commit()
    added = install_defaults(db.session)
    assert added["regions"] == len(REGIONS) - 1
    assert added["exchange_rates"] == 76
    assert db.session.scalar(sa.select(Region.name).where(Region.code == "WBT")) == "Balkans (renamed here)"
    assert db.session.scalar(
        sa.select(ExchangeRate.rate).where(ExchangeRate.currency == "USD", ExchangeRate.year == 2021)
    ) == Decimal("0.9")
    before = _counts()
    assert set(install_defaults(db.session).values()) == {0}
    assert _counts() == before


def test_no_rates_into_another_reporting_currency(app):
    added = install_defaults(db.session, reporting_currency="USD")
    assert added["exchange_rates"] == 0
    assert added["duty_stations"] == len(DUTY_STATIONS)


def test_cli_installs_the_defaults_once(runner):
    first = runner.invoke(args=["reference", "defaults"])
    second = runner.invoke(args=["reference", "defaults"])
    assert first.exit_code == second.exit_code == 0
    assert "7 regions" in first.output and "29 duty stations" in first.output
    assert "0 regions" in second.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Region)) == 7
