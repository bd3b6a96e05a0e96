"""Reference data pages: administrators add, change and delete regions, rates, duty stations and the rest."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.errors import DomainError
from portal.extensions import db
from portal.reference import services
from portal.reference.models import DonorCategory, DutyStation, ExchangeRate, Region, ThematicArea
from tests import factories


def _count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_index_lists_every_kind(client, auth):
    factories.region()
    db.session.commit()
    auth.login(Role.ADMIN)

    html = client.get("/admin/reference/").get_data(as_text=True)

    for title in ("Regions", "Thematic areas", "Donor categories", "Exchange rates", "Duty stations"):
        assert title in html
    assert client.get("/admin/reference/planets/").status_code == 404


@pytest.mark.parametrize(
    ("kind", "model"), [("regions", Region), ("thematic-areas", ThematicArea), ("donor-categories", DonorCategory)]
)
def test_code_and_name_kinds_are_added_edited_and_deleted(client, auth, kind, model):
    auth.login(Role.ADMIN)

    # thematic areas also name their DAC sectors; the other kinds ignore the field
    new = {"code": "WA", "name": "West Africa", "dac_sectors": "15190"}
    assert client.post(f"/admin/reference/{kind}/new", data=new).status_code == 302
    duplicate = client.post(f"/admin/reference/{kind}/new", data={"code": "WA", "name": "Other"})
    assert duplicate.status_code == 200 and 'id="code-errors"' in duplicate.get_data(as_text=True)
    item = db.session.scalar(sa.select(model))
    assert (item.code, item.name) == ("WA", "West Africa")

    response = client.post(
        f"/admin/reference/{kind}/{item.id}",
        data={"code": "WAF", "name": "Western Africa", "version": "1", "dac_sectors": "15190"},
    )
    assert response.status_code == 302
    assert "Western Africa" in client.get(f"/admin/reference/{kind}/").get_data(as_text=True)
    assert client.post(f"/admin/reference/{kind}/{item.id}/delete").status_code == 302
    assert _count(model) == 0


def test_something_in_use_is_not_deleted_and_the_page_says_why(client, auth):
    region = factories.region("WB", "Western Balkans")
    factories.project(region=region)
    factories.project(region=region)
    area = factories.thematic_area()
    factories.project(thematic_areas=[area])
    db.session.commit()
    auth.login(Role.ADMIN)

    response = client.post(f"/admin/reference/regions/{region.id}/delete", follow_redirects=True)
    assert response.status_code == 200
    assert "Western Balkans cannot be deleted while it is in use (projects: 2)" in response.get_data(as_text=True)
    response = client.post(f"/admin/reference/thematic-areas/{area.id}/delete", follow_redirects=True)
    assert "in use (projects: 1)" in response.get_data(as_text=True)
    assert _count(ThematicArea) == 1 and db.session.get(Region, region.id) is not None


def test_exchange_rates_are_validated(client, auth):
    factories.rate("USD", 2021, "0.84")
    db.session.commit()
    auth.login(Role.ADMIN)
    url = "/admin/reference/exchange-rates/new"

    for data, field, message in (
        ({"currency": "usd", "year": "2021", "rate": "0.9"}, "year", "There is already a rate for USD in 2021."),
        ({"currency": "ABC", "year": "2021", "rate": "0.9"}, "currency", "Not an ISO 4217 currency code"),
        ({"currency": "CHF", "year": "2021", "rate": "0"}, "rate", "The rate must be greater than zero."),
        ({"currency": "CHF", "year": "2021", "rate": "-1"}, "rate", "Enter a rate such as"),
        ({"currency": "CHF", "year": "2021", "rate": "1e3"}, "rate", "Enter a rate such as"),
        ({"currency": "CHF", "year": "20x", "rate": "1"}, "year", "Not a valid integer value."),
    ):
        html = client.post(url, data=data).get_data(as_text=True)
        assert message in html.split(f'id="{field}-errors"')[1][:300], data
    assert _count(ExchangeRate) == 1

    assert client.post(url, data={"currency": "chf", "year": "2021", "rate": "0.92345678"}).status_code == 302
    assert db.session.scalar(sa.select(ExchangeRate.rate).where(ExchangeRate.currency == "CHF")) == Decimal(
        "0.92345678"
    )
    assert "0.92345678" in client.get("/admin/reference/exchange-rates/").get_data(as_text=True)
    rate_id = db.session.scalar(sa.select(ExchangeRate.id).where(ExchangeRate.currency == "CHF"))
    assert 'value="0.92345678"' in client.get(f"/admin/reference/exchange-rates/{rate_id}").get_data(as_text=True)


def test_duty_stations_close_after_they_open(client, auth):
    auth.login(Role.ADMIN)
    data = {"ref": "DS-01", "city": "Pristina", "country": "XK", "opened_on": "2020-01-01", "closed_on": "2019-12-31"}

    refused = client.post("/admin/reference/duty-stations/new", data=data)
    assert "The closing date cannot be before the opening date." in refused.get_data(as_text=True)
    assert _count(DutyStation) == 0
    assert client.post("/admin/reference/duty-stations/new", data={**data, "closed_on": ""}).status_code == 302

    html = client.get("/admin/reference/duty-stations/").get_data(as_text=True)
    assert "Pristina" in html and "Kosovo*" in html


def test_a_stale_edit_is_refused(client, auth):
    region = factories.region("AF", "Africa")
    db.session.commit()
    auth.login(Role.ADMIN)

    assert (
        client.post(
            f"/admin/reference/regions/{region.id}", data={"code": "AF", "name": "Africa 1", "version": "1"}
        ).status_code
        == 302
    )
    stale = client.post(
        f"/admin/reference/regions/{region.id}", data={"code": "AF", "name": "Africa 2", "version": "1"}
    )

    assert "Saved meanwhile by someone else: <strong>Africa 1</strong>" in stale.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Region, region.id).name == "Africa 1"


def test_a_list_can_be_searched(client, auth):
    factories.rate("USD", 2021, "0.84")
    factories.rate("CHF", 2021, "0.92")
    factories.duty_station(city="Vienna", country="AT", ref="DS-VIE")
    factories.duty_station(city="Tunis", country="TN", ref="DS-TUN")
    db.session.commit()
    auth.login(Role.ADMIN)

    rates = client.get("/admin/reference/exchange-rates/?q=chf").get_data(as_text=True)
    stations = client.get("/admin/reference/duty-stations/?q=tun").get_data(as_text=True)

    assert ">CHF</a>" in rates and ">USD</a>" not in rates
    assert "Tunis" in stations and "Vienna" not in stations


@pytest.mark.parametrize(("q", "found"), [("%", ["Half 50% Region"]), ("_", ["Snake_case Region"])])
def test_a_search_matches_percent_and_underscore_as_themselves(client, auth, q, found):
    names = ("Half 50% Region", "Snake_case Region", "Plain Region 500")
    for name in names:
        factories.region(name=name)
    db.session.commit()
    auth.login(Role.ADMIN)

    html = client.get("/admin/reference/regions/", query_string={"q": q}).get_data(as_text=True)

    assert [name for name in names if name in html] == found


def test_the_services_hold_the_rules_the_forms_and_the_workbook_hold(app):
    with pytest.raises(DomainError, match="greater than zero"):
        services.create_reference_item(ExchangeRate, {"currency": "USD", "year": 2024, "rate": Decimal("0")})
    rate = services.create_reference_item(ExchangeRate, {"currency": "USD", "year": 2024, "rate": Decimal("0.9")})
    with pytest.raises(DomainError, match="greater than zero"):
        services.update_reference_item(rate, {"rate": Decimal("-1")})
    station = services.create_reference_item(
        DutyStation, {"ref": "DS-9", "city": "Vienna", "country": "AT", "opened_on": date(2020, 5, 1)}
    )
    with pytest.raises(DomainError, match="before the opening date"):
        services.update_reference_item(station, {"closed_on": date(2020, 4, 30)})
    assert db.session.get(ExchangeRate, rate.id).rate == Decimal("0.9")


def test_a_thematic_area_names_the_dac_sectors_its_projects_count_for(client, auth):
    auth.login(Role.ADMIN)
    refused = client.post(
        "/admin/reference/thematic-areas/new", data={"code": "thb", "name": "Trafficking", "dac_sectors": "15180 99999"}
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and 'id="dac_sectors-errors"' in page and "99999" in page
    assert _count(ThematicArea) == 0

    saved = client.post(
        "/admin/reference/thematic-areas/new",
        data={"code": "thb", "name": "Trafficking", "dac_sectors": "15190, 15180;15180"},
    )
    assert saved.status_code == 302
    assert db.session.scalar(sa.select(ThematicArea.dac_sectors)) == "15190 15180"
