"""The partner register: list with search and filters, detail, create and edit."""

from datetime import date

import pytest
import sqlalchemy as sa
from markupsafe import escape

from portal.accounts.models import Role
from portal.exchange import services
from portal.extensions import db
from portal.partners.models import Partner, PartnerType
from tests import factories
from tests.exchange import workbooks


def _count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Partner))


def _form(**changes):
    return {
        "ref": "",
        "name": "Swiss Agency for Development and Cooperation",
        "acronym": "SDC",
        "type": "government",
        "donor_category_id": "",
        "country": "CH",
        **changes,
    }


def test_an_officer_registers_partners_numbered_automatically(client, auth):
    category = factories.donor_category("MS", "Member states")
    db.session.commit()
    auth.login(Role.OFFICER)
    assert 'placeholder="P-0001"' in client.get("/partners/new").get_data(as_text=True)

    first = client.post("/partners/new", data=_form(donor_category_id=str(category.id)))
    second = client.post("/partners/new", data=_form(name="Austrian Development Agency", acronym="ADA", country="AT"))

    assert first.status_code == second.status_code == 302
    rows = db.session.execute(
        sa.select(Partner.ref, Partner.acronym, Partner.donor_category_id).order_by(Partner.ref)
    ).all()
    assert rows == [("P-0001", "SDC", category.id), ("P-0002", "ADA", None)]


def test_a_reference_in_use_is_a_field_error(client, auth):
    factories.partner(ref="P-0007")
    db.session.commit()
    auth.login(Role.OFFICER)

    response = client.post("/partners/new", data=_form(ref="P-0007"))

    assert response.status_code == 200
    assert "Another partner already has the reference P-0007." in response.get_data(as_text=True)
    assert _count() == 1


def test_invalid_input_writes_nothing(client, auth):
    auth.login(Role.ADMIN)

    response = client.post("/partners/new", data=_form(name="", type="alien", country="ZZZ", donor_category_id="12345"))

    html = response.get_data(as_text=True)
    for field in ("name", "type", "country", "donor_category_id"):
        assert f'id="{field}-errors"' in html, field
    assert _count() == 0


def test_editing_keeps_the_reference_and_refuses_stale_versions(client, auth):
    partner = factories.partner(name="Old name", ref="P-0001")
    db.session.commit()
    auth.login(Role.OFFICER)

    assert client.post(f"/partners/{partner.id}/edit", data=_form(name="New name", version="1")).status_code == 302
    stale = client.post(f"/partners/{partner.id}/edit", data=_form(name="Other name", version="1"))

    assert stale.status_code == 200 and "Changed by someone else" in stale.get_data(as_text=True)
    db.session.expire_all()
    partner = db.session.get(Partner, partner.id)
    assert (partner.ref, partner.name, partner.version) == ("P-0001", "New name", 2)


def test_the_list_searches_and_filters(client, auth):
    category = factories.donor_category("EU", "European Union")
    factories.partner(
        name="European Commission", acronym="DG INTPA", type=PartnerType.EU_INSTITUTION, donor_category=category
    )
    factories.partner(name="Ministry of Interior of Austria", acronym="BMI", type=PartnerType.GOVERNMENT)
    factories.partner(name="University of Vienna", type=PartnerType.ACADEMIA, donor_category=category)
    db.session.commit()
    auth.login(Role.MANAGER)

    def names(query):
        html = client.get(f"/partners/?{query}").get_data(as_text=True)
        return [n for n in ("European Commission", "Ministry of Interior", "University of Vienna") if n in html]

    assert names("") == ["European Commission", "Ministry of Interior", "University of Vienna"]
    assert names("q=intpa") == ["European Commission"]
    assert names("q=VIENNA") == ["University of Vienna"]
    assert names("type=government") == ["Ministry of Interior"]
    assert names(f"category={category.id}") == ["European Commission", "University of Vienna"]
    assert names(f"category={category.id}&type=academia") == ["University of Vienna"]
    assert names("type=bogus&category=x") == ["European Commission", "Ministry of Interior", "University of Vienna"]


def test_the_list_is_paginated(client, auth, app):
    for n in range(app.config["ITEMS_PER_PAGE"] + 2):
        factories.partner(name=f"Partner {n:03d}")
    db.session.commit()
    auth.login(Role.OFFICER)

    first = client.get("/partners/").get_data(as_text=True)
    second = client.get("/partners/?page=2").get_data(as_text=True)

    assert "Partner 000" in first and "Partner 026" not in first
    assert "Partner 026" in second and "Partner 000" not in second


def test_the_detail_page_lists_the_partners_contributions(client, auth):
    partner = factories.partner(name="Kosovo Ministry", country="XK")
    project = factories.project(code="XK-01")
    factories.contribution(project, partner, "1234.50", "EUR", date(2021, 1, 1))
    db.session.commit()
    auth.login(Role.MANAGER)

    html = client.get(f"/partners/{partner.id}").get_data(as_text=True)

    assert "XK-01" in html and "€1,234.50" in html
    assert "Kosovo*" in html and "resolution 1244" in html
    assert f"/partners/{partner.id}/edit" not in html


@pytest.mark.parametrize(
    ("q", "found"),
    [("%", ["Fund for 100% Trust"]), ("_", ["Snake_case Society"]), ("\\", ["Either\\Or Institute"])],
)
def test_the_search_matches_percent_underscore_and_backslash_as_themselves(client, auth, q, found):
    names = ("Fund for 100% Trust", "Snake_case Society", "Either\\Or Institute", "Plain Partner 1000")
    for name in names:
        factories.partner(name=name)
    db.session.commit()
    auth.login(Role.OFFICER)

    html = client.get("/partners/", query_string={"q": q}).get_data(as_text=True)

    assert [name for name in names if escape(name) in html] == found


def test_a_partner_has_an_organisation_identifier_shown_on_its_page(client, auth):
    auth.login(Role.OFFICER)

    response = client.post("/partners/new", data=_form(iati_ref="XM-DAC-41301"))
    html = client.get(response.headers["Location"]).get_data(as_text=True)

    assert "<code>XM-DAC-41301</code>" in html
    assert db.session.scalar(sa.select(Partner.iati_ref)) == "XM-DAC-41301"


@pytest.mark.parametrize("iati_ref", ["xm-dac-41301", "XM DAC 41301", "X-41301", "XM-", "XM-DAC/41301"])
def test_an_organisation_identifier_not_in_org_id_form_is_a_field_error(client, auth, iati_ref):
    auth.login(Role.OFFICER)

    html = client.post("/partners/new", data=_form(iati_ref=iati_ref)).get_data(as_text=True)

    assert 'id="iati_ref-errors"' in html and "is not an organisation identifier" in html
    assert _count() == 0


def test_an_organisation_identifier_names_one_partner_only(client, auth):
    taken = factories.partner(iati_ref="XM-DAC-41301")
    other = factories.partner(name="No identifier")
    db.session.commit()
    auth.login(Role.OFFICER)

    clash = client.post(f"/partners/{other.id}/edit", data=_form(iati_ref="XM-DAC-41301", version="1"))
    saved = client.post(f"/partners/{taken.id}/edit", data=_form(iati_ref="XM-DAC-41301", version="1"))
    without = client.post("/partners/new", data=_form(name="Also without", iati_ref=""))

    html = clash.get_data(as_text=True)
    assert clash.status_code == 200 and "Another partner already has the organisation identifier XM-DAC-41301." in html
    assert saved.status_code == without.status_code == 302
    identifiers = db.session.execute(sa.select(Partner.name, Partner.iati_ref).order_by(Partner.id)).all()
    assert identifiers == [(_form()["name"], "XM-DAC-41301"), ("No identifier", None), ("Also without", None)]


def test_the_workbook_checks_organisation_identifiers(app, tmp_path):
    factories.partner(ref="STORED", iati_ref="XM-DAC-41301")
    factories.partner(ref="MOVING", iati_ref="XM-DAC-41302")
    db.session.commit()
    header = ["ref", "name", "type", "iati_ref"]
    rows = [
        ["BAD", "Bad", "other", "xm-dac-1"],
        ["CLASH", "Clash", "other", "XM-DAC-41301"],
        ["MOVING", "Moving", "other", "XM-DAC-41303"],
        ["TAKER", "Taker", "other", "XM-DAC-41302"],
        ["TWICE", "Twice", "other", "XM-DAC-41303"],
        ["STORED", "Stored", "other", "XM-DAC-41301"],
        ["NONE", "None", "other", None],
    ]
    path = workbooks.save(tmp_path / "partners.xlsx", {"partners": [header, *rows]})

    report = services.import_workbook(path, dry_run=True)

    problems = {(p.row, p.column): str(p.message) for p in report.problems}
    # MOVING gives up XM-DAC-41302 in this workbook: another partner may take it in the next one
    assert set(problems) == {(2, "iati_ref"), (3, "iati_ref"), (5, "iati_ref"), (6, "iati_ref")}
    assert "is not an organisation identifier" in problems[(2, "iati_ref")]
    assert problems[(3, "iati_ref")] == "Another partner already has the organisation identifier XM-DAC-41301."


def test_the_workbook_round_trips_organisation_identifiers(app, tmp_path):
    rows = [
        ["ref", "name", "type", "iati_ref"],
        ["EC", "EC", "eu_institution", "XI-IATI-EC_INTPA"],
        ["X", "X", "other"],
    ]

    report = services.import_workbook(workbooks.save(tmp_path / "in.xlsx", {"partners": rows}))
    db.session.commit()
    services.export_workbook(tmp_path / "out.xlsx", personal_data=False)

    assert report.ok and report.written
    assert dict(db.session.execute(sa.select(Partner.ref, Partner.iati_ref)).all()) == {
        "EC": "XI-IATI-EC_INTPA",
        "X": None,
    }
    exported = workbooks.read(tmp_path / "out.xlsx")["partners"]
    column = exported[0].index("iati_ref")
    assert [(row + (None,) * column)[column] for row in exported[1:]] == ["XI-IATI-EC_INTPA", None]


def test_the_api_gives_the_organisation_identifier(client, auth):
    partner = factories.partner(iati_ref="XM-DAC-41301")
    db.session.commit()
    auth.login(Role.OFFICER)

    assert client.get(f"/api/v1/partners/{partner.id}").json["iati_ref"] == "XM-DAC-41301"
