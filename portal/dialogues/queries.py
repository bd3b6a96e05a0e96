"""Reads of dialogues: the list with its search and filters, dialogues and action-plan priorities as choices, and
the projects that support a dialogue."""

import sqlalchemy as sa

from portal.db import contains
from portal.dialogues.models import ActionPlanDomain, ActionPlanPriority, Dialogue
from portal.projects.models import Project, project_priorities


def dialogue_query(*, q: str | None = None, region_id: int | None = None):
    """Dialogues whose code, name or acronym contains `q`, optionally of one region, by name."""
    query = sa.select(Dialogue).order_by(Dialogue.name, Dialogue.id)
    if (found := contains((Dialogue.code, Dialogue.name, Dialogue.acronym), q)) is not None:
        query = query.where(found)
    if region_id:
        query = query.where(Dialogue.region_id == region_id)
    return query


def dialogue_choices(session, *, by_code: bool = False) -> list[tuple]:
    """(id, name) of every dialogue, by name; by_code gives (code, name), for filters that links carry."""
    key = Dialogue.code if by_code else Dialogue.id
    return [(value, name) for value, name in session.execute(sa.select(key, Dialogue.name).order_by(Dialogue.name))]


def priority_choices(dialogue: Dialogue) -> list[tuple]:
    """(id, "code title") of the dialogue's action-plan priorities, in plan order."""
    return [
        (p.id, f"{p.code} {p.title}" if p.code else p.title) for domain in dialogue.domains for p in domain.priorities
    ]


def _mapped_project_ids(dialogue: Dialogue):
    return (
        sa.select(project_priorities.c.project_id)
        .join(ActionPlanPriority, ActionPlanPriority.id == project_priorities.c.priority_id)
        .join(ActionPlanDomain, ActionPlanDomain.id == ActionPlanPriority.domain_id)
        .where(ActionPlanDomain.dialogue_id == dialogue.id)
    )


def supporting_projects(session, dialogue: Dialogue) -> list[Project]:
    """Projects that support the dialogue or are mapped to one of its priorities, by code."""
    query = (
        sa.select(Project)
        .where(sa.or_(Project.dialogue_id == dialogue.id, Project.id.in_(_mapped_project_ids(dialogue))))
        .order_by(Project.code)
    )
    return list(session.scalars(query))


def priority_counts(session, dialogue: Dialogue) -> dict[int, int]:
    """How many projects (initiatives) each priority of the dialogue has."""
    rows = session.execute(
        sa.select(project_priorities.c.priority_id, sa.func.count())
        .join(ActionPlanPriority, ActionPlanPriority.id == project_priorities.c.priority_id)
        .join(ActionPlanDomain, ActionPlanDomain.id == ActionPlanPriority.domain_id)
        .where(ActionPlanDomain.dialogue_id == dialogue.id)
        .group_by(project_priorities.c.priority_id)
    )
    return dict(rows.all())
