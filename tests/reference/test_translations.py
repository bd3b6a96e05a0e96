"""Regions, thematic areas, donor categories and duty stations hold a name per language: shipped translated, edited
side by side by admins, shown in the reader's language with the English where a translation is missing, and the
reference-data pages list what lacks one."""

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from portal.accounts.models import Role
from portal.extensions import db
from portal.reference.defaults import install_defaults
from portal.reference.models import DonorCategory, DutyStation, Region, ThematicArea
from portal.reference.queries import donor_category_choices, duty_station_choices, region_choices
from tests import factories


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


@pytest.mark.parametrize(("model", "field"), [(Region, "name"), (ThematicArea, "name"), (DonorCategory, "name")])
def test_every_shipped_name_is_written_in_the_three_languages(app, model, field):
    install_defaults(db.session)
    rows = db.session.scalars(sa.select(model)).all()
    assert rows
    for row in rows:
        english, french, russian = (getattr(row, name) for name in (field, f"{field}_fr", f"{field}_ru"))
        assert english and french and russian, row.code
        assert russian != english and russian.isascii() is False, row.code
    assert len({getattr(row, f"{field}_fr") for row in rows}) == len(rows)


def test_every_shipped_duty_station_has_its_city_in_the_three_languages(app):
    install_defaults(db.session)
    stations = {station.ref: station for station in db.session.scalars(sa.select(DutyStation))}
    for station in stations.values():
        assert station.city and station.city_fr and station.city_ru, station.ref
    assert (stations["VIE"].city_fr, stations["VIE"].city_ru) == ("Vienne", "Вена")
    assert (stations["BRU"].city_fr, stations["BRU"].city_ru) == ("Bruxelles", "Брюссель")


def test_names_show_in_the_readers_language_and_fall_back_to_english(request_context):
    wbt = factories.region("WBT", "Western Balkans and Turkey")
    wbt.name_fr, wbt.name_ru = "Balkans occidentaux et Turquie", "Западные Балканы и Турция"
    factories.region("NEW", "Arctic")  # not translated yet
    eu = factories.donor_category("eu", "European Union")
    eu.name_ru = "Европейский союз"
    station = factories.duty_station("Vienna", ref="VIE")
    station.city_ru = "Вена"
    db.session.flush()
    with force_locale("ru"):
        assert wbt.display_name == "Западные Балканы и Турция" and eu.display_name == "Европейский союз"
        assert region_choices(db.session, by_code=True) == [("NEW", "Arctic"), ("WBT", "Западные Балканы и Турция")]
        assert duty_station_choices(db.session) == [(station.id, "VIE · Вена")]
    with force_locale("fr"):
        assert eu.display_name == "European Union"
        assert donor_category_choices(db.session, by_code=True) == [("eu", "European Union")]
        # sorted by the name the reader sees: "Arctic" before "Balkans ..."
        assert [name for _code, name in region_choices(db.session, by_code=True)] == [
            "Arctic",
            "Balkans occidentaux et Turquie",
        ]
    with force_locale("en"):
        assert wbt.display_name == "Western Balkans and Turkey"


def test_admins_edit_the_three_names_side_by_side_and_the_pages_list_what_is_missing(client, auth):
    auth.login(Role.ADMIN)
    form = client.get("/admin/reference/regions/new").get_data(as_text=True)
    assert 'name="name"' in form and 'name="name_fr"' in form and 'name="name_ru"' in form

    created = client.post(
        "/admin/reference/regions/new",
        data={"code": "WA", "name": "West Africa", "name_fr": "Afrique de l'Ouest", "name_ru": "  "},
    )
    assert created.status_code == 302
    region = db.session.scalar(sa.select(Region))
    assert (region.name, region.name_fr, region.name_ru) == ("West Africa", "Afrique de l'Ouest", None)
    factories.region("EA", "East Africa").name_fr = "Afrique de l'Est"
    db.session.scalar(sa.select(Region).where(Region.code == "EA")).name_ru = "Восточная Африка"
    db.session.commit()

    index = client.get("/admin/reference/").get_data(as_text=True)
    assert "1 without a French or Russian name" in index
    missing = client.get("/admin/reference/regions/?missing=1").get_data(as_text=True)
    assert "West Africa" in missing and "East Africa" not in missing
    assert client.get("/admin/reference/regions/").get_data(as_text=True).count("Missing") == 1

    edited = client.post(
        f"/admin/reference/regions/{region.id}",
        data={
            "code": "WA",
            "name": "West Africa",
            "name_fr": "Afrique de l'Ouest",
            "name_ru": "Западная Африка",
            "version": region.version,
        },
    )
    assert edited.status_code == 302
    assert "without a French or Russian name" not in client.get("/admin/reference/").get_data(as_text=True)
    required = client.post("/admin/reference/regions/new", data={"code": "X", "name": "", "name_fr": "Seulement"})
    assert required.status_code == 200 and 'id="name-errors"' in required.get_data(as_text=True)


def test_a_duty_station_is_edited_in_the_three_languages(client, auth):
    auth.login(Role.ADMIN)
    response = client.post(
        "/admin/reference/duty-stations/new",
        data={"ref": "BRU", "city": "Brussels", "city_fr": "Bruxelles", "city_ru": "", "country": "BE"},
    )
    assert response.status_code == 302
    station = db.session.scalar(sa.select(DutyStation))
    assert (station.city, station.city_fr, station.city_ru) == ("Brussels", "Bruxelles", None)
    assert "1 without a French or Russian name" in client.get("/admin/reference/").get_data(as_text=True)
