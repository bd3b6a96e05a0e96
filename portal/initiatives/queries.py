"""Reads of the initiative register: a plan's initiatives and cycles, and its figures per domain, priority, country
and cycle. The figures count validated initiatives only, and the portal's own projects mapped to the plan's
priorities as initiatives of the secretariat; money is summed per currency, never across currencies."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.dialogues.models import ActionPlan, ActionPlanDomain, ActionPlanPriority
from portal.funding.models import Contribution
from portal.initiatives.models import (
    CollectionCycle,
    Initiative,
    InitiativeCountry,
    Review,
    initiative_priorities,
)
from portal.projects.models import ProjectCountry, project_priorities


@dataclass
class Tally:
    """How many initiatives (or projects) and their money, per currency."""

    count: int = 0
    money: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class Row:
    """One line of the figures: validated initiatives, and the portal's projects counted apart."""

    key: object
    initiatives: Tally
    projects: Tally


@dataclass
class PlanFigures:
    domains: list[Row]
    priorities: list[Row]
    countries: list[Row]
    cycles: list[Row]

    @property
    def empty(self) -> bool:
        return not any(row.initiatives.count or row.projects.count for row in self.domains + self.countries)


def initiative_query(plan: ActionPlan, *, review: Review | None = None):
    """The plan's initiatives (in one review state if asked), newest first, with what the register shows of them."""
    query = (
        sa.select(Initiative)
        .where(Initiative.plan_id == plan.id)
        .options(
            selectinload(Initiative.actor),
            selectinload(Initiative.cycle),
            selectinload(Initiative.priorities),
            selectinload(Initiative.country_rows),
        )
        .order_by(Initiative.id.desc())
    )
    return query if review is None else query.where(Initiative.review == review)


def cycles_of(session, plan: ActionPlan) -> list[CollectionCycle]:
    """The plan's data-collection cycles, oldest first."""
    return list(session.scalars(sa.select(CollectionCycle).where(CollectionCycle.plan_id == plan.id).order_by("id")))


def open_cycle_choices(session, plan: ActionPlan) -> list[tuple[int, str]]:
    """(id, name) of the plan's open cycles: where an initiative may be submitted."""
    return [(cycle.id, cycle.name) for cycle in cycles_of(session, plan) if cycle.is_open]


def _plan_priority_ids(plan: ActionPlan):
    return (
        sa.select(ActionPlanPriority.id)
        .join(ActionPlanDomain, ActionPlanDomain.id == ActionPlanPriority.domain_id)
        .where(ActionPlanDomain.plan_id == plan.id)
    )


def _tallies(session, pairs, money) -> dict:
    """Count the distinct items of each key in `pairs` (key, item) and sum `money` (key, currency, amount)."""
    tallies: dict = defaultdict(Tally)
    pairs = pairs.distinct().subquery()
    for key, count in session.execute(sa.select(pairs.c.key, sa.func.count()).group_by(pairs.c.key)):
        tallies[key].count = count
    for key, currency, amount in session.execute(money(pairs)):
        if amount is not None:
            tallies[key].money[currency] = amount
    return tallies


def _initiative_tallies(session, plan: ActionPlan, pairs) -> dict:
    def money(sub):
        return (
            sa.select(sub.c.key, Initiative.currency, sa.func.sum(Initiative.budget))
            .join(Initiative, Initiative.id == sub.c.item)
            .where(Initiative.budget.is_not(None))
            .group_by(sub.c.key, Initiative.currency)
        )

    validated = pairs.where(Initiative.plan_id == plan.id, Initiative.review == Review.VALIDATED)
    return _tallies(session, validated, money)


def _project_tallies(session, pairs) -> dict:
    def money(sub):
        return (
            sa.select(sub.c.key, Contribution.currency, sa.func.sum(Contribution.amount))
            .join(Contribution, Contribution.project_id == sub.c.item)
            .group_by(sub.c.key, Contribution.currency)
        )

    return _tallies(session, pairs, money)


def plan_figures(session, plan: ActionPlan) -> PlanFigures:
    """The plan's figures per domain, priority, country and cycle: validated initiatives (their stated budgets) and
    the portal's projects mapped to the plan's priorities (their signed contributions), each per currency."""
    by_priority = initiative_priorities.c.priority_id
    with_priorities = sa.select(Initiative.id.label("item")).join(
        initiative_priorities, initiative_priorities.c.initiative_id == Initiative.id
    )
    initiative_pairs = {
        "priorities": with_priorities.add_columns(by_priority.label("key")),
        "domains": with_priorities.join(ActionPlanPriority, ActionPlanPriority.id == by_priority).add_columns(
            ActionPlanPriority.domain_id.label("key")
        ),
        "countries": sa.select(Initiative.id.label("item"), InitiativeCountry.country.label("key")).join(
            InitiativeCountry, InitiativeCountry.initiative_id == Initiative.id
        ),
        "cycles": sa.select(Initiative.id.label("item"), Initiative.cycle_id.label("key")),
    }
    mapped = sa.select(project_priorities.c.project_id.label("item")).where(
        project_priorities.c.priority_id.in_(_plan_priority_ids(plan))
    )
    project_pairs = {
        "priorities": mapped.add_columns(project_priorities.c.priority_id.label("key")),
        "domains": mapped.join(
            ActionPlanPriority, ActionPlanPriority.id == project_priorities.c.priority_id
        ).add_columns(ActionPlanPriority.domain_id.label("key")),
        "countries": sa.select(ProjectCountry.project_id.label("item"), ProjectCountry.country.label("key")).where(
            ProjectCountry.project_id.in_(mapped)
        ),
    }
    found = {name: _initiative_tallies(session, plan, pairs) for name, pairs in initiative_pairs.items()}
    projects = {name: _project_tallies(session, pairs) for name, pairs in project_pairs.items()}

    def row(name, record, key):
        return Row(record, found[name].get(key, Tally()), projects.get(name, {}).get(key, Tally()))

    return PlanFigures(
        domains=[row("domains", domain, domain.id) for domain in plan.domains],
        priorities=[row("priorities", p, p.id) for domain in plan.domains for p in domain.priorities],
        countries=[
            row("countries", code, code) for code in sorted(set(found["countries"]) | set(projects["countries"]))
        ],
        cycles=[row("cycles", cycle, cycle.id) for cycle in cycles_of(session, plan)],
    )
