"""A project's results framework (outputs, indicators, yearly actuals) and its GCM objectives: the rules, the
services, the pages and the project's History."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.concept_notes.models import ReferenceItem, ReferenceKind
from portal.concept_notes.services import install_reference_defaults
from portal.errors import DomainError
from portal.extensions import db
from portal.projects import services
from portal.projects.models import IndicatorResult, ProjectIndicator, ProjectOutput
from portal.projects.queries import gcm_objective_titles, project_query
from portal.projects.rules import (
    actual_years_problems,
    gcm_objective_problems,
    number_problems,
    result_year_problems,
)
from tests import factories


@pytest.fixture
def project(app):
    project = factories.project(code="OSCE-STAT", start_date=date(2023, 3, 1), end_date=date(2025, 12, 31))
    db.session.commit()
    return project


@pytest.fixture
def indicator(project):
    output = services.add_output(project, {"title": "Migration statistics improved"})
    indicator = services.add_indicator(
        output,
        {
            "text": "Countries with improved migration statistics",
            "unit": "countries",
            "baseline": Decimal("0"),
            "target": Decimal("8"),
        },
    )
    db.session.commit()
    return indicator


def test_gcm_codes_are_the_compacts_23_objectives():
    assert gcm_objective_problems(["1", "23"]) == []
    assert [field for field, _ in gcm_objective_problems(["0", "24", "x"])] == ["gcm_objectives"]
    assert "24" in str(gcm_objective_problems(["24"])[0][1])


def test_numbers_are_unique_and_from_one():
    assert number_problems(2, {1}) == []
    assert number_problems(1, {1})[0][0] == "number"
    assert number_problems(0, set())[0][0] == "number"


def test_a_year_of_actuals_lies_in_the_project_and_is_recorded_once():
    start, end = date(2023, 3, 1), date(2025, 12, 31)
    assert result_year_problems(2023, start, end, set()) == []
    assert result_year_problems(2025, start, end, {2024}) == []
    assert result_year_problems(2022, start, end, set())[0][0] == "year"
    assert result_year_problems(2026, start, end, set())[0][0] == "year"
    assert result_year_problems(2024, start, end, {2024})[0][0] == "year"
    assert result_year_problems(2040, start, None, set()) == []


def test_outputs_and_indicators_are_numbered_next_unless_a_free_number_is_given(project):
    first = services.add_output(project, {"title": "One"})
    third = services.add_output(project, {"title": "Three", "number": 3})
    fourth = services.add_output(project, {"title": "Four"})
    assert (first.number, third.number, fourth.number) == (1, 3, 4)
    with pytest.raises(DomainError) as error:
        services.add_output(project, {"title": "Again", "number": 3})
    assert error.value.field == "number"
    assert services.add_indicator(third, {"text": "A"}).number == 1
    assert services.add_indicator(first, {"text": "B"}).number == 1


def test_actuals_are_exact_one_per_year_within_the_project(indicator):
    result = services.record_result(indicator, {"year": 2024, "actual": Decimal("3.25")})
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(IndicatorResult, result.id).actual == Decimal("3.25")
    assert result.project_id == indicator.project_id == indicator.output.project_id
    with pytest.raises(DomainError) as error:
        services.record_result(indicator, {"year": 2024, "actual": Decimal(4)})
    assert error.value.field == "year"
    with pytest.raises(DomainError):
        services.record_result(indicator, {"year": 2022, "actual": Decimal(4)})


def test_progress_is_the_latest_actual_against_the_target(indicator):
    assert indicator.progress is None
    services.record_result(indicator, {"year": 2025, "actual": Decimal(6)})
    services.record_result(indicator, {"year": 2023, "actual": Decimal(1)})
    db.session.commit()
    db.session.refresh(indicator)
    assert indicator.latest.year == 2025
    assert indicator.progress == Decimal(75)


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "progress"),
    [
        (Decimal(18), Decimal(30), Decimal("23.5"), Decimal(46)),
        (Decimal(50), Decimal(20), Decimal(40), Decimal(33)),
        (Decimal(50), Decimal(20), Decimal(60), Decimal(-33)),
        (Decimal(5), Decimal(5), Decimal(6), None),
        (None, None, Decimal(6), None),
    ],
)
def test_progress_runs_from_the_baseline_towards_the_target(indicator, baseline, target, actual, progress):
    indicator.baseline, indicator.target = baseline, target
    services.record_result(indicator, {"year": 2024, "actual": actual})
    db.session.refresh(indicator)
    assert indicator.progress == progress


def test_deleting_an_output_removes_its_indicators_and_actuals(indicator):
    services.record_result(indicator, {"year": 2024, "actual": Decimal(2)})
    services.delete_output(indicator.output)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProjectIndicator)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(IndicatorResult)) == 0


def test_the_project_page_shows_outputs_indicators_actuals_and_progress(client, auth, indicator):
    services.record_result(indicator, {"year": 2024, "actual": Decimal("2"), "comment": "Serbia, Moldova"})
    db.session.commit()
    auth.login(Role.MANAGER)
    body = client.get(f"/projects/{indicator.project_id}").get_data(as_text=True)
    assert 'id="results"' in body
    assert "Output 1" in body and "Migration statistics improved" in body
    assert "Countries with improved migration statistics" in body
    assert 'id="indicator-1-1"' in body
    assert "2024</span>: 2" in body
    assert "25 %" in body
    # managers read; only officers and admins are offered the forms
    assert "/outputs/new" not in body


def test_an_officer_adds_an_output_an_indicator_and_an_actual_through_the_forms(client, auth, project):
    auth.login(Role.OFFICER)
    response = client.post(f"/projects/{project.id}/outputs/new", data={"title": "Training delivered"})
    assert response.status_code == 302 and response.headers["Location"].endswith("#results")
    output = db.session.scalar(sa.select(ProjectOutput))
    client.post(
        f"/projects/outputs/{output.id}/indicators/new",
        data={"text": "Officials trained", "unit": "participants", "baseline": "0", "target": "120.5"},
    )
    indicator = db.session.scalar(sa.select(ProjectIndicator))
    assert indicator.target == Decimal("120.5") and indicator.project_id == project.id
    response = client.post(f"/projects/indicators/{indicator.id}/results/new", data={"year": "2021", "actual": "40"})
    assert response.status_code == 200 and "The project runs from 2023 to 2025." in response.get_data(as_text=True)
    client.post(f"/projects/indicators/{indicator.id}/results/new", data={"year": "2024", "actual": "40"})
    result = db.session.scalar(sa.select(IndicatorResult))
    assert (result.year, result.actual) == (2024, Decimal(40))
    response = client.post(
        f"/projects/results/{result.id}", data={"year": "2024", "actual": "-3", "version": str(result.version)}
    )
    assert response.status_code == 200
    client.post(f"/projects/results/{result.id}", data={"year": "2024", "actual": "55", "version": str(result.version)})
    db.session.expire_all()
    assert db.session.get(IndicatorResult, result.id).actual == Decimal(55)
    client.post(f"/projects/results/{result.id}/delete")
    assert db.session.scalar(sa.select(IndicatorResult)) is None


def test_a_stale_indicator_edit_is_refused(client, auth, indicator):
    auth.login(Role.OFFICER)
    form = {"number": "1", "text": "Changed", "target": "9", "version": str(indicator.version)}
    services.update_indicator(indicator, {"text": "Meanwhile", "target": Decimal(10)})
    db.session.commit()
    response = client.post(f"/projects/indicators/{indicator.id}", data=form)
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(ProjectIndicator, indicator.id).text == "Meanwhile"


def test_the_projects_history_lists_its_results(client, auth, indicator):
    services.record_result(indicator, {"year": 2024, "actual": Decimal(2)})
    db.session.commit()
    auth.login(Role.ADMIN)
    types = set(
        db.session.scalars(sa.select(AuditEntry.record_type).where(AuditEntry.parent_id == indicator.project_id))
    )
    assert {"ProjectOutput", "ProjectIndicator", "IndicatorResult"} <= types
    response = client.get(f"/history/Project/{indicator.project_id}")
    assert response.status_code == 200
    assert "Actual value" in response.get_data(as_text=True)


def test_gcm_objectives_are_chosen_checked_and_filter_the_list(client, auth, project):
    other = factories.project(code="OTHER")
    db.session.commit()
    auth.login(Role.OFFICER)
    page = client.get(f"/projects/{project.id}/edit").get_data(as_text=True)
    assert 'name="gcm_objectives"' in page and 'value="23"' in page
    form = {
        "code": project.code,
        "title": project.title,
        "region_id": str(project.region_id),
        "status": "active",
        "start_date": "2023-03-01",
        "end_date": "2025-12-31",
        "currency": "EUR",
        "gcm_objectives": ["23", "1"],
        "version": str(project.version),
    }
    assert client.post(f"/projects/{project.id}/edit", data=form).status_code == 302
    db.session.expire_all()
    assert project.gcm_objectives == ["1", "23"]
    with pytest.raises(DomainError) as error:
        services.update_project(project, _values(project, gcm_objectives=["24"]))
    assert error.value.field == "gcm_objectives"
    assert [p.code for p in db.session.scalars(project_query(gcm="23"))] == ["OSCE-STAT"]
    assert other.code not in client.get("/projects/?gcm=23").get_data(as_text=True)
    # an objective that does not exist is no filter
    assert other.code in client.get("/projects/?gcm=99").get_data(as_text=True)


@pytest.mark.parametrize(("language", "label"), [("en", "1. Data"), ("ru", "1. Данные"), ("fr", "1. Données")])
def test_gcm_tags_read_in_the_readers_language(client, auth, project, language, label):
    project.gcm_objectives = ["1"]
    db.session.commit()
    auth.login(Role.MANAGER, language=language)
    body = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert label in body


def test_gcm_tags_use_the_reference_list_as_the_admins_word_it(client, auth, project):
    install_reference_defaults([ReferenceKind.GCM_OBJECTIVE])
    item = db.session.scalar(
        sa.select(ReferenceItem).where(ReferenceItem.kind == ReferenceKind.GCM_OBJECTIVE, ReferenceItem.code == "1")
    )
    item.label = "Data and evidence"
    project.gcm_objectives = ["1"]
    db.session.commit()
    db.session.delete(
        db.session.scalar(
            sa.select(ReferenceItem).where(ReferenceItem.kind == ReferenceKind.GCM_OBJECTIVE, ReferenceItem.code == "2")
        )
    )
    db.session.commit()
    titles = gcm_objective_titles()
    # all 23 stay choosable: the one the list lacks is worded as shipped
    assert titles["1"] == "1. Data and evidence" and titles["2"] == "2. Minimize adverse drivers" and len(titles) == 23
    auth.login(Role.MANAGER)
    assert "1. Data and evidence" in client.get(f"/projects/{project.id}").get_data(as_text=True)


def _values(project, **changes):
    values = {
        "code": project.code,
        "title": project.title,
        "region_id": project.region_id,
        "status": project.status.value,
        "start_date": project.start_date,
        "end_date": project.end_date,
        "currency": project.currency,
        "countries": project.countries,
        "gcm_objectives": project.gcm_objectives,
    }
    values.update(changes)
    return values


def test_the_projects_period_keeps_the_years_with_actual_values(indicator):
    services.record_result(indicator, {"year": 2025, "actual": Decimal(3)})
    db.session.commit()
    project = indicator.output.project
    with pytest.raises(DomainError) as error:
        services.update_project(project, _values(project, end_date=date(2024, 12, 31)))
    assert error.value.field == "end_date"
    assert "2025" in str(error.value.message)
    services.update_project(project, _values(project, end_date=date(2026, 6, 30)))
    assert actual_years_problems([2022], date(2023, 1, 1), None)[0][0] == "start_date"
