"""The API gives a region's, a donor category's, a thematic area's and a duty station's name in the language `lang`
asks for where written, else in English, with every language's name beside it."""

from portal.accounts.models import Role
from portal.api import services
from portal.extensions import db
from tests import factories


def test_reference_names_follow_lang_with_every_language_beside_them(client):
    region = factories.region("WBT", "Western Balkans and Turkey")
    region.name_fr, region.name_ru = "Balkans occidentaux et Turquie", "Западные Балканы и Турция"
    area = factories.thematic_area("thb", "Trafficking in human beings")
    area.name_ru = "Торговля людьми"
    station = factories.duty_station("Vienna", ref="VIE")
    station.city_fr = "Vienne"
    project = factories.project(region=region, thematic_areas=[area])
    project.duty_station = station
    category = factories.donor_category("eu", "European Union")
    category.name_fr = "Union européenne"
    factories.partner(name="European Commission", donor_category=category)
    _, secret = services.create_token(factories.user(role=Role.OFFICER), "test")
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}

    body = client.get(f"/api/v1/projects/{project.id}?lang=ru", headers=headers).json
    assert body["region"] == {
        "id": region.id,
        "code": "WBT",
        "name": "Западные Балканы и Турция",
        "name_en": "Western Balkans and Turkey",
        "name_fr": "Balkans occidentaux et Turquie",
        "name_ru": "Западные Балканы и Турция",
    }
    assert body["thematic_areas"] == [
        {
            "code": "thb",
            "name": "Торговля людьми",
            "name_en": "Trafficking in human beings",
            "name_fr": None,
            "name_ru": "Торговля людьми",
        }
    ]
    assert body["duty_station"]["city"] == "Vienna"  # no Russian name: the English one
    assert body["duty_station"]["city_fr"] == "Vienne"
    french = client.get("/api/v1/partners?lang=fr", headers=headers).json["items"][0]
    assert french["donor_category"]["name"] == "Union européenne"
    english = client.get("/api/v1/partners?lang=en", headers=headers).json["items"][0]
    assert english["donor_category"]["name"] == "European Union"
