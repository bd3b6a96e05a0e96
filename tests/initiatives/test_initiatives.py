"""The initiative register of an action plan: submission in an open cycle, the rules beside the fields, review, the
figures (validated initiatives only, money per currency, the portal's own projects counted apart) and who may do
what."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.dialogues import services as dialogue_services
from portal.errors import DomainError
from portal.extensions import db
from portal.initiatives import services
from portal.initiatives.models import Initiative, InitiativeStatus, Review
from portal.initiatives.queries import plan_figures
from portal.initiatives.rules import budget_problems, cycle_problems, priorities_problems, return_problems
from tests import factories


def _plan(codes=("RP", "KP")):
    rabat, khartoum = (factories.dialogue(code=code) for code in codes)
    plan = dialogue_services.create_plan(rabat, {"title": "Joint Valletta Action Plan"})
    dialogue_services.share_plan(plan, khartoum)
    legal = dialogue_services.add_domain(plan, title="Legal migration and mobility")
    channels = dialogue_services.add_priority(legal, code="2.1", title="Regular channels")
    students = dialogue_services.add_priority(legal, code="2.2", title="Student mobility")
    asylum = dialogue_services.add_domain(plan, title="Protection and asylum")
    quality = dialogue_services.add_priority(asylum, code="3.1", title="Quality of the asylum process")
    cycle = services.create_cycle(plan, {"name": "2025 collection", "is_open": True})
    return plan, cycle, (legal, asylum), (channels, students, quality)


def _values(cycle, actor, priorities, **changes):
    return {
        "title": "Skills partnership",
        "actor_id": actor.id,
        "cycle_id": cycle.id,
        "priority_ids": [p.id for p in priorities],
        "countries": ["SN", "ES"],
        "budget": Decimal("1000000.50"),
        "currency": "EUR",
        "start_date": date(2024, 1, 1),
        "end_date": date(2026, 12, 31),
        "status": InitiativeStatus.ONGOING,
        "source": "https://www.rabat-process.org/",
        **changes,
    }


def test_rules():
    assert budget_problems(Decimal("10"), None) == [("currency", "Give the budget's currency.")]
    assert budget_problems(Decimal("10"), "ZZZ") == [("currency", "Unknown currency code.")]
    assert budget_problems(Decimal("-1"), "EUR") == [("budget", "A budget cannot be negative.")]
    assert budget_problems(None, None) == budget_problems(Decimal("10"), "EUR") == []
    assert priorities_problems([], {1}) == [("priority_ids", "Choose at least one priority of the action plan.")]
    assert priorities_problems([2], {1}) == [("priority_ids", "Choose priorities of this action plan.")]
    assert cycle_problems(False) == [("cycle_id", "This data-collection cycle is closed.")]
    assert return_problems("  ") == [("reason", "Say why the initiative is returned.")]
    assert cycle_problems(True) == priorities_problems([1], {1}) == return_problems("Budget missing") == []


def test_an_initiative_is_submitted_in_an_open_cycle_of_its_plan_with_the_plans_priorities(app):
    plan, cycle, _domains, (channels, _students, _quality) = _plan()
    _other, other_cycle, _d, (foreign, *_rest) = _plan(("BP", "PP"))
    actor = factories.partner(name="Government of Senegal")
    with pytest.raises(DomainError) as error:
        services.submit_initiative(plan, _values(cycle, actor, [foreign]))
    assert error.value.field == "priority_ids"
    with pytest.raises(DomainError) as error:
        services.submit_initiative(plan, _values(other_cycle, actor, [channels]))
    assert error.value.field == "cycle_id"
    services.update_cycle(cycle, {"name": "2025 collection", "is_open": False})
    with pytest.raises(DomainError) as error:
        services.submit_initiative(plan, _values(cycle, actor, [channels]))
    assert error.value.field == "cycle_id"
    services.update_cycle(cycle, {"name": "2025 collection", "is_open": True})
    with pytest.raises(DomainError) as error:
        services.submit_initiative(plan, _values(cycle, actor, [channels], currency=""))
    assert error.value.field == "currency"
    initiative = services.submit_initiative(plan, _values(cycle, actor, [channels]))
    assert initiative.review == Review.SUBMITTED and initiative.countries == ["SN", "ES"]
    assert initiative.budget == Decimal("1000000.50") and initiative.priorities == [channels]


def test_review_validates_or_returns_with_a_reason_and_a_change_resubmits(app):
    plan, cycle, _domains, (channels, *_rest) = _plan()
    reviewer_id = factories.user(role=Role.OFFICER).id
    initiative = services.submit_initiative(plan, _values(cycle, factories.partner(), [channels]))
    with pytest.raises(DomainError) as error:
        services.return_initiative(initiative, reviewer_id, " ")
    assert error.value.field == "reason" and initiative.review == Review.SUBMITTED
    services.return_initiative(initiative, reviewer_id, "The budget's source is missing.")
    assert (initiative.review, initiative.return_reason) == (Review.RETURNED, "The budget's source is missing.")
    assert initiative.reviewed_at is not None and initiative.reviewed_by_id == reviewer_id
    with pytest.raises(DomainError):
        services.validate_initiative(initiative, reviewer_id)
    services.update_initiative(initiative, _values(cycle, initiative.actor, [channels], source="EUTF report 2024"))
    assert (initiative.review, initiative.return_reason, initiative.reviewed_at) == (Review.SUBMITTED, None, None)
    services.validate_initiative(initiative, reviewer_id)
    assert initiative.review == Review.VALIDATED
    with pytest.raises(DomainError):
        services.return_initiative(initiative, reviewer_id, "Too late")


def test_figures_count_validated_initiatives_per_currency_and_the_portals_projects_apart(app):
    plan, cycle, (legal, asylum), (channels, students, quality) = _plan()
    second = services.create_cycle(plan, {"name": "2026 collection", "is_open": True})
    actor = factories.partner()

    def submitted(priorities, budget, currency, countries, in_cycle=cycle):
        values = _values(in_cycle, actor, priorities, budget=budget, currency=currency, countries=countries)
        return services.submit_initiative(plan, values)

    for initiative in (
        submitted([channels, students], Decimal("100.10"), "EUR", ["SN"]),
        submitted([channels], Decimal("50.05"), "USD", ["SN", "ML"]),
        submitted([quality], Decimal("0.20"), "EUR", ["ML"], in_cycle=second),
        submitted([students], None, None, ["NE"]),
    ):
        services.validate_initiative(initiative, None)
    services.submit_initiative(plan, _values(cycle, actor, [channels], budget=Decimal("999"), countries=["SN"]))
    returned = submitted([quality], Decimal("777"), "EUR", ["ML"])
    services.return_initiative(returned, None, "Duplicate")
    # the portal's own project, mapped through the dialogue, with its signed contributions
    project = factories.project()
    project.countries = ["SN"]
    dialogue_services.map_project(plan.dialogues[0], project, [channels.id])
    donor = factories.partner(name="Spain")
    factories.contribution(project, donor, Decimal("300.00"), "EUR")
    factories.contribution(project, donor, Decimal("20.00"), "GBP")
    db.session.flush()

    figures = plan_figures(db.session, plan)
    by_domain = {row.key.title: row for row in figures.domains}
    legal_row = by_domain["Legal migration and mobility"]
    # the first initiative has two priorities of the domain and counts once there, its budget once too
    assert legal_row.initiatives.count == 3
    assert legal_row.initiatives.money == {"EUR": Decimal("100.10"), "USD": Decimal("50.05")}
    assert (legal_row.projects.count, legal_row.projects.money) == (
        1,
        {"EUR": Decimal("300.00"), "GBP": Decimal("20.00")},
    )
    asylum_row = by_domain["Protection and asylum"]
    assert (asylum_row.initiatives.count, asylum_row.initiatives.money) == (1, {"EUR": Decimal("0.20")})
    assert asylum_row.projects.count == 0

    by_priority = {row.key.code: (row.initiatives.count, row.initiatives.money) for row in figures.priorities}
    assert by_priority == {
        "2.1": (2, {"EUR": Decimal("100.10"), "USD": Decimal("50.05")}),
        "2.2": (2, {"EUR": Decimal("100.10")}),
        "3.1": (1, {"EUR": Decimal("0.20")}),
    }
    by_country = {
        row.key: (row.initiatives.count, row.initiatives.money, row.projects.count) for row in figures.countries
    }
    assert by_country == {
        "ML": (2, {"USD": Decimal("50.05"), "EUR": Decimal("0.20")}, 0),
        "NE": (1, {}, 0),
        "SN": (2, {"EUR": Decimal("100.10"), "USD": Decimal("50.05")}, 1),
    }
    by_cycle = {row.key.name: (row.initiatives.count, row.initiatives.money) for row in figures.cycles}
    assert by_cycle == {
        "2025 collection": (3, {"EUR": Decimal("100.10"), "USD": Decimal("50.05")}),
        "2026 collection": (1, {"EUR": Decimal("0.20")}),
    }


def _count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Initiative))


def test_the_form_answers_beside_the_fields_and_the_review_goes_through_the_pages(client, auth):
    auth.login(Role.OFFICER)
    plan, cycle, _domains, (channels, *_rest) = _plan()
    actor = factories.partner(name="Caritas Sénégal")
    db.session.commit()
    url = f"/action-plans/{plan.id}/initiatives/new"
    form = {
        "title": "Reintegration support",
        "actor_id": str(actor.id),
        "cycle_id": str(cycle.id),
        "priority_ids": [],
        "countries": ["SN"],
        "budget": "1500.00",
        "currency": "",
        "start_date": "2025-01-01",
        "end_date": "2024-01-01",
        "status": "ongoing",
        "source": "",
    }
    body = client.post(url, data=form).get_data(as_text=True)
    assert "Give the budget&#39;s currency." in body or "Give the budget's currency." in body
    assert "The end date cannot be before the start date." in body
    assert body.count("is-invalid") >= 2 and _count() == 0
    body = client.post(url, data={**form, "currency": "XOF", "end_date": ""}).get_data(as_text=True)
    assert "Choose at least one priority of the action plan." in body and _count() == 0
    response = client.post(url, data={**form, "currency": "XOF", "end_date": "", "priority_ids": [str(channels.id)]})
    assert response.status_code == 302
    initiative = db.session.scalar(sa.select(Initiative))
    assert (initiative.budget, initiative.currency, initiative.review) == (Decimal("1500.00"), "XOF", Review.SUBMITTED)

    register = client.get(f"/action-plans/{plan.id}/initiatives").get_data(as_text=True)
    assert "Reintegration support" in register and "Submitted" in register and "Caritas Sénégal" in register
    body = client.post(f"/action-plans/initiatives/{initiative.id}/return", data={"reason": ""}).get_data(as_text=True)
    assert "Say why the initiative is returned." in body
    response = client.post(f"/action-plans/initiatives/{initiative.id}/return", data={"reason": "Which source?"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (initiative.review, initiative.return_reason) == (Review.RETURNED, "Which source?")
    assert initiative.reviewed_by is not None and initiative.reviewed_by.role == Role.OFFICER
    edit = client.get(f"/action-plans/initiatives/{initiative.id}").get_data(as_text=True)
    assert f'<option selected value="{channels.id}">' in edit
    response = client.post(
        f"/action-plans/initiatives/{initiative.id}",
        data={
            **form,
            "currency": "XOF",
            "end_date": "",
            "priority_ids": [str(channels.id)],
            "source": "Report 2025",
            "version": str(initiative.version),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert initiative.review == Review.SUBMITTED and initiative.source == "Report 2025"
    assert client.post(f"/action-plans/initiatives/{initiative.id}/validate").status_code == 302
    db.session.expire_all()
    assert initiative.review == Review.VALIDATED


def test_the_dialogue_page_shows_the_figures_of_each_plan_to_managers(client, auth):
    auth.login(Role.MANAGER)
    plan, cycle, _domains, (channels, *_rest) = _plan()
    initiative = services.submit_initiative(
        plan, _values(cycle, factories.partner(), [channels], budget=Decimal("1234.50"))
    )
    services.validate_initiative(initiative, None)
    services.submit_initiative(plan, _values(cycle, factories.partner(), [channels], budget=Decimal("999.00")))
    db.session.commit()
    for dialogue in plan.dialogues:
        page = client.get(f"/dialogues/{dialogue.id}").get_data(as_text=True)
        figures = page[page.index('id="initiatives"') :]
        assert "€1,234.50" in figures and "999.00" not in figures
        assert "Money is never added across currencies." in figures
    # managers read the figures and the register, but neither submit nor review
    assert client.get(f"/action-plans/{plan.id}/initiatives").status_code == 200
    assert client.get(f"/action-plans/{plan.id}/initiatives/new").status_code == 403
    assert client.post(f"/action-plans/initiatives/{initiative.id}/validate").status_code == 403


def test_the_api_serves_a_plan_with_its_figures_and_its_register(client, bearer):
    headers = bearer(Role.MANAGER)
    plan, cycle, (legal, _asylum), (channels, _students, _quality) = _plan()
    dialogue_services.update_priority(channels, code="2.1", title="Regular channels", position=1, champion="MA")
    actor = factories.partner(name="Enabel")
    validated = services.submit_initiative(plan, _values(cycle, actor, [channels], budget=Decimal("10.50")))
    services.validate_initiative(validated, None)
    returned = services.submit_initiative(plan, _values(cycle, actor, [channels], currency="USD"))
    services.return_initiative(returned, None, "No source")
    db.session.commit()

    rabat = client.get(f"/api/v1/dialogues/{plan.dialogues[1].id}", headers=headers).json
    assert [p["title"] for p in rabat["action_plans"]] == ["Joint Valletta Action Plan"]
    document = client.get(rabat["action_plans"][0]["url"], headers=headers).json
    assert [d["code"] for d in document["dialogues"]] == ["KP", "RP"]
    assert document["domains"][0]["priorities"][0] == {
        "id": channels.id,
        "ref": channels.ref,
        "code": "2.1",
        "title": "Regular channels",
        "champion": "MA",
    }
    legal_figures = next(row for row in document["figures"]["domains"] if row["domain"] == legal.id)
    assert legal_figures["initiatives"] == {"count": 1, "money": {"EUR": "10.50"}}
    assert legal_figures["portal_projects"] == {"count": 0, "money": {}}
    assert document["figures"]["cycles"] == [
        {
            "cycle": cycle.id,
            "name": "2025 collection",
            "is_open": True,
            "initiatives": {"count": 1, "money": {"EUR": "10.50"}},
        }
    ]
    register = client.get(document["initiatives_url"], headers=headers).json
    assert [(i["id"], i["review"]) for i in register["items"]] == [
        (returned.id, "returned"),
        (validated.id, "validated"),
    ]
    assert register["items"][0]["return_reason"] == "No source" and register["items"][0]["budget"] == "1000000.50"
    only = client.get(f"{document['initiatives_url']}?review=validated", headers=headers).json
    assert [i["id"] for i in only["items"]] == [validated.id]
    assert client.get(f"/api/v1/action-plans/{plan.id + 1000}", headers=headers).status_code == 404
