"""Action plans: several per dialogue, each for a period, one shared by two dialogues; champions of priorities; the
migration that moved each dialogue's domains into a plan of its own."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.accounts.models import Role
from portal.dialogues import services
from portal.dialogues.models import ActionPlan, Dialogue
from portal.dialogues.queries import plans_current_first, priority_counts, supporting_projects
from portal.dialogues.rules import champion_problems, plan_period_problems
from portal.errors import DomainError
from portal.extensions import db
from tests import factories
from tests.conftest import config_for

#: the columns the migration test writes, as they were at the revision before the plans
OLD_TABLES = {
    "dialogues": ("id", "code", "name", "acronym", "started_on", "created_at", "updated_at", "version"),
    "action_plan_domains": ("id", "dialogue_id", "position", "title", "version"),
    "action_plan_priorities": ("id", "domain_id", "position", "code", "title", "version"),
    "regions": ("id", "code", "name", "version"),
    "projects": ("id", "code", "title", "status", "currency", "region_id", "start_date", "created_at", "updated_at")
    + ("version",),
    "project_priorities": ("project_id", "priority_id"),
    "audit_entries": ("id", "action", "source", "created_at", "record_type", "record_id", "parent_id"),
}
JVAP = {"title": "Joint Valletta Action Plan", "valid_from": date(2015, 11, 12), "valid_until": None}


def _jvap(rabat):
    plan = services.create_plan(rabat, JVAP)
    domain = services.add_domain(plan, title="Legal migration and mobility")
    priority = services.add_priority(domain, code="2.1", title="Regular channels", champion="MA")
    return plan, domain, priority


def test_plan_rules():
    assert plan_period_problems(date(2021, 1, 1), date(2020, 12, 31)) == [
        ("valid_until", "A plan cannot end before it starts.")
    ]
    assert plan_period_problems(date(2021, 1, 1), date(2021, 1, 1)) == []
    assert plan_period_problems(None, date(2021, 1, 1)) == plan_period_problems(date(2021, 1, 1), None) == []
    assert champion_problems("ZQ") == [("champion", "Choose a country.")]
    assert champion_problems("ma") == champion_problems(None) == champion_problems("XK") == []


def test_a_plan_cannot_end_before_it_starts(app):
    dialogue = factories.dialogue()
    with pytest.raises(DomainError) as error:
        services.create_plan(
            dialogue, {"title": "Plan", "valid_from": date(2022, 1, 1), "valid_until": date(2021, 1, 1)}
        )
    assert error.value.field == "valid_until"
    plan = services.create_plan(dialogue, {"title": "Plan", "valid_from": date(2022, 1, 1)})
    with pytest.raises(DomainError):
        services.update_plan(plan, {"title": "Plan", "valid_from": date(2022, 1, 1), "valid_until": date(2021, 1, 1)})
    assert plan.valid_until is None


def test_a_champion_is_a_country(app):
    _plan, domain, priority = _jvap(factories.dialogue())
    assert priority.champion == "MA"
    with pytest.raises(DomainError) as error:
        services.add_priority(domain, code="2.2", title="Student mobility", champion="QQ")
    assert error.value.field == "champion"
    with pytest.raises(DomainError):
        services.update_priority(priority, code="2.1", title="Regular channels", position=1, champion="QQ")
    services.update_priority(priority, code="2.1", title="Regular channels", position=1, champion=None)
    assert priority.champion is None


def test_a_shared_plan_is_both_dialogues_and_projects_map_to_it_from_either(app):
    rabat, khartoum = factories.dialogue(code="RP"), factories.dialogue(code="KP")
    plan, domain, priority = _jvap(rabat)
    services.share_plan(plan, khartoum)
    assert khartoum.domains == rabat.domains == [domain]
    with pytest.raises(DomainError) as error:
        services.share_plan(plan, khartoum)
    assert error.value.field == "plan_id"
    project = factories.project()
    services.map_project(khartoum, project, [priority.id])
    assert project.dialogues == [khartoum]
    assert priority_counts(db.session, rabat) == priority_counts(db.session, khartoum) == {priority.id: 1}
    assert supporting_projects(db.session, rabat) == [project]

    services.leave_plan(plan, rabat)
    assert rabat.domains == [] and khartoum.domains == [domain]
    assert priority_counts(db.session, rabat) == {}
    services.leave_plan(plan, khartoum)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ActionPlan)) == 0
    db.session.refresh(project)
    assert project.priorities == []


def test_a_dialogue_leaving_a_shared_plan_takes_its_own_projects_off_the_plans_priorities(app):
    rabat, khartoum = factories.dialogue(code="RP"), factories.dialogue(code="KP")
    plan, _domain, priority = _jvap(rabat)
    services.share_plan(plan, khartoum)
    only_khartoum, both = factories.project(dialogue=khartoum), factories.project(dialogues=[rabat, khartoum])
    services.map_project(khartoum, only_khartoum, [priority.id])
    services.map_project(khartoum, both, [priority.id])
    services.leave_plan(plan, khartoum)
    db.session.refresh(only_khartoum)
    assert only_khartoum.priorities == [] and only_khartoum.dialogues == [khartoum]
    assert priority.projects == [both]
    assert priority_counts(db.session, rabat) == {priority.id: 1}


def test_plans_in_force_come_first():
    dialogue = Dialogue(code="PP", name="Prague Process")
    old = ActionPlan(title="2016", valid_from=date(2016, 9, 15), valid_until=date(2021, 12, 31))
    new = ActionPlan(title="2023", valid_from=date(2023, 1, 1))
    future = ActionPlan(title="2030", valid_from=date(2030, 1, 1))
    dialogue.plans = [old, future, new]
    day = date(2026, 11, 30)
    assert [p.title for p in plans_current_first(dialogue, day)] == ["2023", "2030", "2016"]
    assert old.is_expired(day) and not old.is_current(day)
    assert new.is_current(day) and not future.is_current(day) and not future.is_expired(day)


def test_the_page_shows_plans_current_first_expired_marked_and_champions(client, auth):
    auth.login(Role.MANAGER)
    prague = factories.dialogue(code="PP", name="Prague Process")
    old = services.create_plan(
        prague, {"title": "Action Plan 2017-2021", "valid_from": date(2016, 9, 15), "valid_until": date(2021, 12, 31)}
    )
    services.add_domain(old, title="Preventing irregular migration")
    plan, _domain, _priority = _jvap(prague)
    services.share_plan(plan, factories.dialogue(code="KP"))
    db.session.commit()
    page = client.get(f"/dialogues/{prague.id}").get_data(as_text=True)
    current, expired = page.index("Joint Valletta Action Plan"), page.index("Action Plan 2017-2021")
    assert current < expired
    assert "Expired" in page[expired:] and "Expired" not in page[current:expired]
    assert "Current" in page[current:expired]
    assert "Shared with KP" in page[current:expired]
    assert "Champion: Morocco" in page
    assert "Preventing irregular migration" in page[expired:]


def test_officer_adds_a_plan_and_is_told_beside_the_field_when_it_ends_before_it_starts(client, auth):
    auth.login(Role.OFFICER)
    dialogue = factories.dialogue()
    db.session.commit()
    url = f"/dialogues/{dialogue.id}/plans/new"
    response = client.post(url, data={"title": "JVAP", "valid_from": "2022-01-01", "valid_until": "2021-01-01"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "is-invalid" in body and "A plan cannot end before it starts." in body
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ActionPlan)) == 0
    response = client.post(url, data={"title": "JVAP", "valid_from": "2015-11-12", "valid_until": ""})
    assert response.status_code == 302
    plan = db.session.scalar(sa.select(ActionPlan))
    assert (plan.title, plan.valid_from, plan.valid_until) == ("JVAP", date(2015, 11, 12), None)
    response = client.post(
        f"/dialogues/{dialogue.id}/plans/{plan.id}",
        data={"title": "JVAP", "valid_from": "2015-11-12", "valid_until": "2030-12-31", "version": plan.version},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert plan.valid_until == date(2030, 12, 31)


def test_officer_shares_a_plan_and_adds_a_priority_with_its_champion(client, auth):
    auth.login(Role.OFFICER)
    rabat, khartoum = factories.dialogue(code="RP"), factories.dialogue(code="KP")
    plan, domain, _priority = _jvap(rabat)
    db.session.commit()
    form = client.get(f"/dialogues/{khartoum.id}/plans/share").get_data(as_text=True)
    assert "Joint Valletta Action Plan" in form
    assert client.post(f"/dialogues/{khartoum.id}/plans/share", data={"plan_id": str(plan.id)}).status_code == 302
    db.session.expire_all()
    assert plan.dialogues == [khartoum, rabat]
    # the shared plan's domains are reached from either dialogue's pages
    url = f"/dialogues/{khartoum.id}/domains/{domain.id}/priorities/new"
    response = client.post(url, data={"code": "2.2", "title": "Student mobility", "champion": "SN"})
    assert response.status_code == 302
    db.session.expire_all()
    assert [(p.code, p.champion) for p in domain.priorities] == [("2.1", "MA"), ("2.2", "SN")]
    # a plan the dialogue does not have is not its to edit
    other = services.create_plan(factories.dialogue(code="BP"), {"title": "Istanbul Commitments"})
    db.session.commit()
    assert client.get(f"/dialogues/{khartoum.id}/plans/{other.id}").status_code == 404
    assert client.post(f"/dialogues/{khartoum.id}/plans/{other.id}/domains/new", data={"title": "X"}).status_code == 404
    assert client.post(f"/dialogues/{khartoum.id}/plans/{plan.id}/leave").status_code == 302
    db.session.expire_all()
    assert plan.dialogues == [rabat]


@pytest.mark.db
def test_the_migration_moves_domains_into_a_plan_keeping_ids_and_mappings(empty_database_url):
    from alembic import command
    from alembic.script import ScriptDirectory

    app = create_app(config_for(empty_database_url))
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        revision = ScriptDirectory.from_config(config).get_revision("a7c4d2e8f013")
        command.downgrade(config, "base")
        command.upgrade(config, revision.down_revision)
        t = {name: sa.table(name, *(sa.column(c) for c in columns)) for name, columns in OLD_TABLES.items()}
        with db.engine.begin() as connection:
            now = {"created_at": datetime.now(UTC), "updated_at": datetime.now(UTC), "version": 1}
            connection.execute(
                sa.insert(t["dialogues"]),
                [
                    {
                        **now,
                        "id": 1,
                        "code": "RP",
                        "name": "Rabat Process",
                        "acronym": "RP",
                        "started_on": date(2006, 7, 10),
                    },
                    {
                        **now,
                        "id": 2,
                        "code": "MTM",
                        "name": "Mediterranean Transit Migration",
                        "acronym": None,
                        "started_on": None,
                    },
                    {**now, "id": 3, "code": "PP", "name": "Prague Process", "acronym": None, "started_on": None},
                ],
            )
            connection.execute(
                sa.insert(t["action_plan_domains"]),
                [
                    {"id": 7, "dialogue_id": 1, "position": 1, "title": "Legal migration", "version": 1},
                    {"id": 9, "dialogue_id": 3, "position": 1, "title": "Return", "version": 1},
                ],
            )
            connection.execute(
                sa.insert(t["action_plan_priorities"]),
                [{"id": 11, "domain_id": 7, "position": 1, "code": "2.1", "title": "Channels", "version": 1}],
            )
            connection.execute(sa.insert(t["regions"]).values(id=4, code="AFR", name="Africa", version=1))
            project = {"id": 5, "code": "P-1", "title": "P", "status": "active", "currency": "EUR"}
            connection.execute(
                sa.insert(t["projects"]).values(**project, region_id=4, start_date=date(2024, 1, 1), **now)
            )
            connection.execute(sa.insert(t["project_priorities"]).values(project_id=5, priority_id=11))
            entry = {"action": "create", "source": "web", "created_at": datetime.now(UTC)}
            connection.execute(
                sa.insert(t["audit_entries"]),
                [
                    {**entry, "record_type": "ActionPlanDomain", "record_id": 7, "parent_id": 1},
                    {**entry, "record_type": "ActionPlanDomain", "record_id": 9, "parent_id": 3},
                ],
            )

        command.upgrade(config, revision.revision)
        with db.engine.connect() as connection:
            columns = (sa.column("title"), sa.column("valid_from", sa.Date), sa.column("valid_until", sa.Date))
            plans = connection.execute(sa.select(*columns).select_from(sa.table("action_plans"))).all()
            assert sorted(tuple(plan) for plan in plans) == [
                ("Prague Process action plan", None, None),
                ("RP action plan", date(2006, 7, 10), None),
            ]
            plan_of = dict(connection.execute(sa.text("SELECT dialogue_id, plan_id FROM action_plan_dialogues")).all())
            assert set(plan_of) == {1, 3}
            domains = dict(connection.execute(sa.text("SELECT id, plan_id FROM action_plan_domains")).all())
            assert domains == {7: plan_of[1], 9: plan_of[3]}
            assert connection.execute(sa.text("SELECT project_id, priority_id FROM project_priorities")).all() == [
                (5, 11)
            ]
            assert connection.execute(sa.text("SELECT domain_id, champion FROM action_plan_priorities")).all() == [
                (7, None)
            ]
            parents = connection.execute(sa.text("SELECT record_id, parent_id FROM audit_entries ORDER BY record_id"))
            assert parents.all() == [(7, plan_of[1]), (9, plan_of[3])]

        command.downgrade(config, revision.down_revision)
        with db.engine.connect() as connection:
            domains = connection.execute(sa.text("SELECT id, dialogue_id FROM action_plan_domains ORDER BY id")).all()
            assert domains == [(7, 1), (9, 3)]
            assert connection.execute(sa.text("SELECT project_id, priority_id FROM project_priorities")).all() == [
                (5, 11)
            ]
            parents = connection.execute(sa.text("SELECT record_id, parent_id FROM audit_entries ORDER BY record_id"))
            assert parents.all() == [(7, 1), (9, 3)]
            assert "action_plans" not in sa.inspect(connection).get_table_names()
        command.downgrade(config, "base")
        db.engine.dispose()
