"""Reads of dialogues: the list with its search and filters, dialogues and action-plan priorities as choices, and
the projects that support a dialogue."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.db import contains
from portal.dialogues.models import (
    ActionPlan,
    ActionPlanDomain,
    ActionPlanPriority,
    Dialogue,
    DialogueGroup,
    DialogueGroupMember,
    DialogueMember,
    GroupKind,
    GroupRole,
    MemberStatus,
    action_plan_dialogues,
)
from portal.i18n import reader_language_column
from portal.partners.models import Partner
from portal.projects.models import Project, project_priorities
from portal.reference.models import Region
from portal.sorting import Sort, Sorting

#: a dialogue's members and groups with their organisations, for its page and its API detail
MEMBERSHIP_LOADS = (
    selectinload(Dialogue.member_rows).selectinload(DialogueMember.partner),
    selectinload(Dialogue.groups).selectinload(DialogueGroup.member_rows).selectinload(DialogueGroupMember.partner),
)

#: the dialogue list's columns; names sort as the reader sees them
DIALOGUE_SORTING = Sorting(
    columns={
        "name": lambda: (reader_language_column(Dialogue, "name"),),
        "region": lambda: (
            sa.select(sa.func.lower(reader_language_column(Region, "name")))
            .where(Region.id == Dialogue.region_id)
            .scalar_subquery(),
        ),
        "secretariat": lambda: (
            sa.select(sa.func.lower(sa.func.coalesce(Partner.acronym, Partner.name)))
            .where(Partner.id == Dialogue.secretariat_id)
            .scalar_subquery(),
        ),
        "members": lambda: (
            sa.select(sa.func.count())
            .where(
                DialogueMember.dialogue_id == Dialogue.id,
                DialogueMember.status == MemberStatus.MEMBER,
                DialogueMember.country.is_not(None),
            )
            .scalar_subquery(),
        ),
        "started": lambda: (Dialogue.started_on,),
    },
    default="name",
    tiebreak=Dialogue.id,
)


def dialogue_query(*, q: str | None = None, region_id: int | None = None, sort: Sort | None = None):
    """Dialogues whose code, name (in any language) or acronym contains `q`, optionally of one region, in the order
    `sort` asks for (by name in the reader's language by default)."""
    query = sa.select(Dialogue).order_by(*DIALOGUE_SORTING.order_by(sort))
    searched = (Dialogue.code, Dialogue.name, Dialogue.name_fr, Dialogue.name_ru, Dialogue.acronym)
    if (found := contains(searched, q)) is not None:
        query = query.where(found)
    if region_id:
        query = query.where(Dialogue.region_id == region_id)
    return query


def dialogue_choices(session, *, by_code: bool = False) -> list[tuple]:
    """(id, name) of every dialogue, by name in the reader's language; by_code gives (code, name), for filters that
    links carry."""
    key = Dialogue.code if by_code else Dialogue.id
    name = reader_language_column(Dialogue, "name")
    return [(value, text) for value, text in session.execute(sa.select(key, name).order_by(name, Dialogue.id))]


def plans_current_first(dialogue: Dialogue, day: date) -> list[ActionPlan]:
    """The dialogue's action plans: those in force on `day` first, then by newest start."""
    return sorted(
        dialogue.plans, key=lambda plan: (not plan.is_current(day), -(plan.valid_from or date.min).toordinal(), plan.id)
    )


def shareable_plans(session, dialogue: Dialogue) -> list[tuple]:
    """(id, title) of the action plans of other dialogues that this one does not share yet, by title."""
    shared = sa.select(action_plan_dialogues.c.plan_id).where(action_plan_dialogues.c.dialogue_id == dialogue.id)
    query = sa.select(ActionPlan.id, ActionPlan.title).where(ActionPlan.id.not_in(shared)).order_by(ActionPlan.title)
    return [tuple(row) for row in session.execute(query)]


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
        .join(action_plan_dialogues, action_plan_dialogues.c.plan_id == ActionPlanDomain.plan_id)
        .where(action_plan_dialogues.c.dialogue_id == dialogue.id)
    )


def supporting_projects(session, dialogue: Dialogue) -> list[Project]:
    """Projects that support the dialogue or are mapped to one of its priorities, by code."""
    query = (
        sa.select(Project)
        .where(sa.or_(Project.dialogues.any(id=dialogue.id), Project.id.in_(_mapped_project_ids(dialogue))))
        .order_by(Project.code)
    )
    return list(session.scalars(query))


def priority_counts(session, dialogue: Dialogue) -> dict[int, int]:
    """How many projects (initiatives) each priority of the dialogue has."""
    rows = session.execute(
        sa.select(project_priorities.c.priority_id, sa.func.count())
        .join(ActionPlanPriority, ActionPlanPriority.id == project_priorities.c.priority_id)
        .join(ActionPlanDomain, ActionPlanDomain.id == ActionPlanPriority.domain_id)
        .join(action_plan_dialogues, action_plan_dialogues.c.plan_id == ActionPlanDomain.plan_id)
        .where(action_plan_dialogues.c.dialogue_id == dialogue.id)
        .group_by(project_priorities.c.priority_id)
    )
    return dict(rows.all())


def _by_name(row) -> tuple:
    """States by their name in the reader's language, then organisations by theirs."""
    return (row.country is None, row.display_name.lower())


def members_by_status(dialogue: Dialogue) -> list[tuple[MemberStatus, list[DialogueMember]]]:
    """The dialogue's states and organisations under each status that has some, members first; within a status
    states come first, by name in the reader's language."""
    statuses = [
        (status, sorted((row for row in dialogue.member_rows if row.status == status), key=_by_name))
        for status in MemberStatus
    ]
    return [(status, rows) for status, rows in statuses if rows]


def groups_in_order(dialogue: Dialogue) -> list[tuple[DialogueGroup, list]]:
    """The dialogue's groups, steering committees first, each with its members: chairs, co-chairs, then the others
    by name."""
    kinds, roles = list(GroupKind), list(GroupRole)
    groups = sorted(dialogue.groups, key=lambda group: (kinds.index(group.kind), group.display_name.lower()))
    return [
        (
            group,
            sorted(group.member_rows, key=lambda row: ((roles.index(row.role) - 1) % len(roles), *_by_name(row))),
        )
        for group in groups
    ]


def plan_query(*, dialogue_id: int | None = None):
    """Action plans by title (as the reader sees it), those of one dialogue when `dialogue_id` is given."""
    query = sa.select(ActionPlan).order_by(sa.func.lower(reader_language_column(ActionPlan, "title")), ActionPlan.id)
    if dialogue_id is not None:
        query = query.where(
            ActionPlan.id.in_(
                sa.select(action_plan_dialogues.c.plan_id).where(action_plan_dialogues.c.dialogue_id == dialogue_id)
            )
        )
    return query
