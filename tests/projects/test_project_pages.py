"""Creating, editing and listing projects through the pages."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.extensions import db
from portal.funding.models import Contribution
from portal.funding.queries import Converted, project_funding
from portal.projects.models import Project, ProjectStatus
from portal.reference.rates import RateTable
from tests import factories


def _count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def refs(app):
    """The reference data a project form needs."""
    data = {
        "region": factories.region("WB", "Western Balkans"),
        "areas": [factories.thematic_area("BM", "Border management"), factories.thematic_area("RET", "Return")],
        "station": factories.duty_station(city="Sarajevo", country="BA", ref="DS-SA"),
        "officer": factories.user(Role.OFFICER, name="Olga Officer"),
        "eu": factories.partner(name="European Union", acronym="EU"),
        "us": factories.partner(name="United States", acronym="US"),
        "dialogue": factories.dialogue("BP", "Budapest Process"),
        "prague": factories.dialogue("PP", "Prague Process"),
    }
    factories.rate("USD", 2021, "0.84555")
    db.session.commit()
    return data


def _project_form(refs, **overrides):
    form = {
        "code": "BA-001",
        "acronym": "BORDER",
        "title": "Border management in the Western Balkans",
        "description": "Training and equipment.",
        "region_id": str(refs["region"].id),
        "thematic_area_ids": [str(refs["areas"][0].id)],
        "countries": ["BA", "XK"],
        "status": "active",
        "start_date": "2021-01-01",
        "end_date": "2023-12-31",
        "currency": "eur",
        "duty_station_id": str(refs["station"].id),
        "dialogue_ids": [],
        "officer_id": str(refs["officer"].id),
    }
    form.update(overrides)
    return form


def test_officer_creates_and_edits_a_project_with_contributions_in_two_currencies(client, auth, refs):
    me = auth.login(Role.OFFICER, name="Ivan Author")
    new_form = client.get("/projects/new").get_data(as_text=True)
    assert f'<option selected value="{me.id}">Ivan Author</option>' in new_form

    response = client.post("/projects/new", data=_project_form(refs, dialogue_ids=[str(refs["dialogue"].id)]))
    assert response.status_code == 302
    project = db.session.scalar(sa.select(Project).where(Project.code == "BA-001"))
    assert response.headers["Location"].endswith(f"/projects/{project.id}")
    assert (project.currency, project.countries, [a.code for a in project.thematic_areas]) == (
        "EUR",
        ["BA", "XK"],
        ["BM"],
    )
    assert project.officer.name == "Olga Officer" and project.duty_station.city == "Sarajevo"
    assert [d.name for d in project.dialogues] == ["Budapest Process"]

    for donor, amount, currency, signed in (
        (refs["eu"], "1500000.00", "EUR", "2020-11-15"),
        (refs["us"], "250000.55", "USD", "2021-02-01"),
    ):
        response = client.post(
            f"/funding/projects/{project.id}/contributions/new",
            data={"donor_id": donor.id, "amount": amount, "currency": currency, "signed_on": signed, "ref": ""},
        )
        assert response.status_code == 302, response.get_data(as_text=True)
    response = client.post(
        f"/funding/projects/{project.id}/expenditure/new",
        data={"year": "2021", "amount": "400000.10", "currency": "EUR"},
    )
    assert response.status_code == 302

    response = client.post(
        f"/projects/{project.id}/edit",
        data=_project_form(
            refs,
            title="Border management, phase II",
            status="closed",
            thematic_area_ids=[str(a.id) for a in refs["areas"]],
            countries=["BA"],
            dialogue_ids=[str(refs["prague"].id), str(refs["dialogue"].id)],
            version="1",
        ),
    )
    assert response.status_code == 302
    db.session.expire_all()
    project = db.session.get(Project, project.id)
    assert (project.title, project.status, project.countries, project.version) == (
        "Border management, phase II",
        ProjectStatus.CLOSED,
        ["BA"],
        2,
    )
    assert [a.code for a in project.thematic_areas] == ["BM", "RET"]
    assert [d.code for d in project.dialogues] == ["BP", "PP"]
    assert sorted(c.ref for c in project.contributions) == ["C-0001", "C-0002"]

    # 250000.55 USD * 0.84555 = 211387.96505 -> 211387.97 EUR
    summary = project_funding(db.session, project.id, RateTable.load(db.session, "EUR"))
    assert [(d.donor, d.converted.reporting) for d in summary.by_donor] == [
        ("European Union (EU)", Decimal("1500000.00")),
        ("United States (US)", Decimal("211387.97")),
    ]
    assert summary.contracted == Converted(Decimal("1711387.97"), Decimal("1711387.97"))
    assert summary.spent == Converted(Decimal("400000.10"), Decimal("400000.10"))
    assert summary.balance == Converted(Decimal("1311387.87"), Decimal("1311387.87"))

    html = client.get(f"/projects/{project.id}").get_data(as_text=True)
    for text in (
        "Border management, phase II",
        "$250,000.55",
        "€211,387.97",
        "€1,711,387.97",
        "€400,000.10",
        "€1,311,387.87",
        "Bosnia",
        "Olga Officer",
        "Budapest Process",
        "Prague Process",
    ):
        assert text in html, text
    assert "Kosovo*" not in html and "resolution 1244" not in html


def test_kosovo_is_shown_with_its_footnote(client, auth, refs):
    project = factories.project(region=refs["region"], countries=["XK", "RS"])
    db.session.commit()
    auth.login(Role.MANAGER)

    html = client.get(f"/projects/{project.id}").get_data(as_text=True)

    assert "Kosovo*" in html
    assert "Security Council resolution 1244 (1999)" in html
    assert "Edit project" not in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_date": "2020-12-31"}, "end_date", "The end date cannot be before the start date."),
        ({"title": ""}, "title", "This field is required."),
        ({"currency": "XYZ1"}, "currency", "Field must be exactly 3 characters long."),
        ({"currency": "ABC"}, "currency", "Not an ISO 4217 currency code"),
        ({"countries": ["BA", "QQ"]}, "countries", "&#39;QQ&#39; is not a valid choice for this field."),
        ({"region_id": ""}, "region_id", "This field is required."),
        ({"region_id": "abc"}, "region_id", "Invalid Choice: could not coerce."),
        ({"start_date": "2021-13-01"}, "start_date", "Not a valid date value."),
        ({"officer_id": "99999"}, "officer_id", "Not a valid choice."),
        ({"dialogue_ids": ["99999"]}, "dialogue_ids", "&#39;99999&#39; is not a valid choice for this field."),
    ],
)
def test_invalid_input_is_answered_beside_the_field_and_nothing_is_written(client, auth, refs, changes, field, message):
    auth.login(Role.OFFICER)
    before = _count(Project)

    response = client.post("/projects/new", data=_project_form(refs, **changes))

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'id="{field}-errors"' in html
    assert message in html.split(f'id="{field}-errors"')[1][:300]
    assert _count(Project) == before


def test_a_code_in_use_is_refused(client, auth, refs):
    factories.project(region=refs["region"], code="BA-001")
    db.session.commit()
    auth.login(Role.OFFICER)

    response = client.post("/projects/new", data=_project_form(refs, code="ba-001"))

    assert response.status_code == 200
    assert "Another project already has the code ba-001." in response.get_data(as_text=True)
    assert _count(Project) == 1


def test_a_message_holding_what_a_user_typed_is_escaped(client, auth, refs):
    factories.project(region=refs["region"], code="<B>X</B>")
    db.session.commit()
    auth.login(Role.OFFICER)

    page = client.post("/projects/new", data=_project_form(refs, code="<b>x</b>")).get_data(as_text=True)

    assert "Another project already has the code &lt;b&gt;x&lt;/b&gt;." in page and "<b>x</b>" not in page


def test_a_stale_edit_is_refused_and_shows_the_other_values(client, auth, refs):
    project = factories.project(region=refs["region"], code="BA-002", title="First title")
    db.session.commit()
    auth.login(Role.OFFICER)
    first = client.get(f"/projects/{project.id}/edit").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in first

    assert (
        client.post(
            f"/projects/{project.id}/edit",
            data=_project_form(refs, code="BA-002", title="Alice's title", acronym="", version="1"),
        ).status_code
        == 302
    )
    response = client.post(
        f"/projects/{project.id}/edit",
        data=_project_form(refs, code="BA-002", title="Bob's title", status="pipeline", acronym="", version="1"),
    )

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Changed by someone else since you opened it" in html
    assert "Saved meanwhile by someone else: <strong>Alice&#39;s title</strong>" in html
    assert "Saved meanwhile by someone else: <strong>Active</strong>" in html
    assert html.count("Saved meanwhile by someone else") == 2, "fields left blank on both sides are no conflict"
    assert 'name="version" type="hidden" value="2"' in html
    db.session.expire_all()
    assert db.session.get(Project, project.id).title == "Alice's title"


def test_list_filters_return_the_right_projects(client, auth, refs):
    other_region = factories.region("AF", "Africa")
    factories.project(
        region=refs["region"],
        code="P-EARLY",
        start_date=date(2015, 1, 1),
        end_date=date(2019, 12, 31),
        countries=["BA"],
        status=ProjectStatus.CLOSED,
    )
    open_ended = factories.project(region=other_region, code="P-OPEN", start_date=date(2019, 6, 1), countries=["ML"])
    late = factories.project(
        region=refs["region"],
        code="P-LATE",
        start_date=date(2021, 12, 31),
        end_date=date(2022, 6, 30),
        countries=["RS", "BA"],
        status=ProjectStatus.PIPELINE,
        acronym="LATECOMER",
    )
    factories.contribution(open_ended, refs["us"], "10.00", "USD", date(2020, 1, 1))
    factories.contribution(late, refs["eu"], "10.00")
    db.session.commit()
    auth.login(Role.MANAGER)

    def codes(query):
        response = client.get(f"/projects/?{query}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        return [code for code in ("P-EARLY", "P-OPEN", "P-LATE") if f">{code}</a>" in html]

    assert codes("") == ["P-EARLY", "P-OPEN", "P-LATE"]
    assert codes("year=2019") == ["P-EARLY", "P-OPEN"]
    assert codes("year=2020") == ["P-OPEN"]
    assert codes("year=2021") == ["P-OPEN", "P-LATE"]
    assert codes("year=2023") == ["P-OPEN"]
    assert codes(f"donor={refs['eu'].id}") == ["P-LATE"]
    assert codes(f"donor={refs['us'].id}") == ["P-OPEN"]
    assert codes("country=BA") == ["P-EARLY", "P-LATE"]
    assert codes("status=closed") == ["P-EARLY"]
    assert codes(f"region={other_region.id}") == ["P-OPEN"]
    assert codes("q=latecomer") == ["P-LATE"]
    assert codes("country=BA&year=2021&status=pipeline") == ["P-LATE"]
    assert codes("year=abc") == ["P-EARLY", "P-OPEN", "P-LATE"]
    assert codes("status=bogus&region=x&country=QQ") == ["P-EARLY", "P-OPEN", "P-LATE"]
    assert codes("country=FR") == []
    assert codes("donor=99999") == []


def test_the_list_runs_the_same_number_of_queries_for_more_projects(app, client, auth, refs, count_queries):
    auth.login(Role.OFFICER)

    def queries_for_list():
        with count_queries() as counted:
            assert client.get("/projects/").status_code == 200
        return counted.total

    factories.project(region=refs["region"], countries=["BA"], officer=refs["officer"])
    db.session.commit()
    few = queries_for_list()
    for n in range(10):
        project = factories.project(region=factories.region(), countries=["RS", "ME"], officer=refs["officer"])
        factories.contribution(project, refs["eu"], n)
    db.session.commit()

    assert queries_for_list() == few


def test_a_contribution_from_the_list_of_projects_links_to_its_donor(client, auth, refs):
    project = factories.project(region=refs["region"])
    factories.contribution(project, refs["eu"], "5.00")
    db.session.commit()
    auth.login(Role.ADMIN)

    html = client.get(f"/projects/{project.id}").get_data(as_text=True)

    assert f'href="/partners/{refs["eu"].id}"' in html
    assert _count(Contribution) == 1


@pytest.mark.parametrize(("q", "found"), [("%", ["P-PCT"]), ("0%", ["P-PCT"]), ("_", ["P-SNAKE"]), ("\\", ["P-SLASH"])])
def test_the_search_matches_percent_underscore_and_backslash_as_themselves(client, auth, refs, q, found):
    factories.project(region=refs["region"], code="P-PCT", title="Cover 100% of the costs")
    factories.project(region=refs["region"], code="P-SNAKE", title="Names like snake_case")
    factories.project(region=refs["region"], code="P-SLASH", title="Either\\or")
    factories.project(region=refs["region"], code="P-PLAIN", title="Plain title 1000")
    db.session.commit()
    auth.login(Role.OFFICER)

    html = client.get("/projects/", query_string={"q": q}).get_data(as_text=True)

    assert [code for code in ("P-PCT", "P-SNAKE", "P-SLASH", "P-PLAIN") if f">{code}</a>" in html] == found
