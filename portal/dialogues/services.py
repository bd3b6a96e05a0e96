from datetime import date

import sqlalchemy as sa

from portal.dialogues.models import (
    ActionPlan,
    ActionPlanDomain,
    ActionPlanPriority,
    Chairmanship,
    Dialogue,
    DialogueGroup,
    DialogueGroupMember,
    DialogueMember,
    GroupRole,
    MemberStatus,
)
from portal.dialogues.rules import (
    chairmanship_problems,
    champion_problems,
    code_problems,
    group_name_problems,
    member_problems,
    membership_taken_problems,
    plan_period_problems,
    role_problems,
    status_problems,
)
from portal.errors import DomainError
from portal.extensions import db
from portal.i18n import is_country
from portal.i18n import lazy_gettext as _l
from portal.projects.models import Project
from portal.reference.services import suggest_ref
from portal.rules import code_key, enforce, period_problems

DIALOGUE_FIELDS = (
    "code",
    "name",
    "name_fr",
    "name_ru",
    "acronym",
    "region_id",
    "secretariat_id",
    "members",
    "started_on",
    "description",
    "description_fr",
    "description_ru",
)


def _check_code(code: str, exclude_id: int | None) -> None:
    query = sa.select(Dialogue.code).where(sa.func.lower(Dialogue.code) == code_key(code))
    if exclude_id is not None:
        query = query.where(Dialogue.id != exclude_id)
    enforce(code_problems(code, {code_key(other) for other in db.session.scalars(query)}))


def _check_members(codes) -> None:
    unknown = [c for c in codes if not is_country(c)]
    if unknown:
        raise DomainError("members", _l("Unknown country codes: %(codes)s.", codes=", ".join(unknown)))


def _apply(dialogue: Dialogue, data: dict) -> None:
    for name in DIALOGUE_FIELDS:
        if name in data:
            setattr(dialogue, name, data[name] or ([] if name == "members" else None))


def create_dialogue(data: dict) -> Dialogue:
    """Create a dialogue; the code must be unused and the members real countries."""
    _check_code(data["code"], None)
    _check_members(data.get("members") or [])
    dialogue = Dialogue()
    _apply(dialogue, data)
    db.session.add(dialogue)
    db.session.flush()
    return dialogue


def update_dialogue(dialogue: Dialogue, data: dict) -> Dialogue:
    """Change a dialogue's details and members."""
    _check_code(data["code"], dialogue.id)
    _check_members(data.get("members") or [])
    _apply(dialogue, data)
    db.session.flush()
    return dialogue


def _check_new_member(rows, country: str | None, partner_id: int | None, problems: list) -> None:
    """A state or an organisation (not both), once among `rows` (a dialogue's or a group's), with `problems` of its
    status or role."""
    enforce(member_problems(country, partner_id) or problems)
    taken = {row.country if country is not None else row.partner_id for row in rows}
    field = "country" if country is not None else "partner_id"
    enforce(membership_taken_problems(field, country or partner_id, taken))


def add_membership(
    dialogue: Dialogue, *, country: str | None = None, partner_id: int | None = None, status: MemberStatus
) -> DialogueMember:
    """Give a state or an organisation a status in a dialogue; each has one status there."""
    country = country.upper() if country else None
    _check_new_member(dialogue.member_rows, country, partner_id, status_problems(status, country))
    row = DialogueMember(dialogue=dialogue, country=country, partner_id=partner_id, status=status)
    db.session.add(row)
    db.session.flush()
    return row


def update_membership(row: DialogueMember, *, status: MemberStatus) -> DialogueMember:
    """Change the status of a state or an organisation in a dialogue."""
    enforce(status_problems(status, row.country))
    row.status = status
    db.session.flush()
    return row


def delete_membership(row: DialogueMember) -> None:
    """Remove a state or an organisation from a dialogue; the dialogue's groups keep theirs."""
    dialogue = row.dialogue
    db.session.delete(row)
    db.session.flush()
    db.session.expire(dialogue, ["member_rows"])


GROUP_FIELDS = ("kind", "name", "name_fr", "name_ru")


def _check_group_name(dialogue: Dialogue, name: str, exclude: DialogueGroup | None) -> None:
    taken = {code_key(group.name) for group in dialogue.groups if group is not exclude}
    enforce(group_name_problems(name, taken))


def create_group(dialogue: Dialogue, data: dict) -> DialogueGroup:
    """Give a dialogue a group (steering committee, reference group ...) with a name of its own in the dialogue."""
    _check_group_name(dialogue, data["name"], None)
    group = DialogueGroup(dialogue=dialogue, **{name: data.get(name) or None for name in GROUP_FIELDS})
    db.session.add(group)
    db.session.flush()
    return group


def update_group(group: DialogueGroup, data: dict) -> DialogueGroup:
    """Rename a group of a dialogue or change its kind."""
    _check_group_name(group.dialogue, data["name"], group)
    for name in GROUP_FIELDS:
        setattr(group, name, data.get(name) or None)
    db.session.flush()
    return group


def delete_group(group: DialogueGroup) -> None:
    """Remove a group with its members."""
    dialogue = group.dialogue
    db.session.delete(group)
    db.session.flush()
    db.session.expire(dialogue, ["groups"])


def add_group_member(
    group: DialogueGroup, *, country: str | None = None, partner_id: int | None = None, role: GroupRole
) -> DialogueGroupMember:
    """Put a state or an organisation in a group, a state possibly as its chair or co-chair."""
    country = country.upper() if country else None
    _check_new_member(group.member_rows, country, partner_id, role_problems(role, country))
    row = DialogueGroupMember(group=group, country=country, partner_id=partner_id, role=role)
    db.session.add(row)
    db.session.flush()
    return row


def update_group_member(row: DialogueGroupMember, *, role: GroupRole) -> DialogueGroupMember:
    """Change the role of a group's member."""
    enforce(role_problems(role, row.country))
    row.role = role
    db.session.flush()
    return row


def delete_group_member(row: DialogueGroupMember) -> None:
    """Take a state or an organisation out of a group."""
    group = row.group
    db.session.delete(row)
    db.session.flush()
    db.session.expire(group, ["member_rows"])


def _check_chairmanship(
    dialogue: Dialogue, country: str, start_date: date, end_date: date | None, exclude: Chairmanship | None
) -> None:
    if not is_country(country):
        raise DomainError("country", _l("Choose a country."))
    others = [(other.start_date, other.end_date) for other in dialogue.chairmanships if other is not exclude]
    enforce(period_problems(start_date, end_date) or chairmanship_problems(others, start_date, end_date))


def add_chairmanship(dialogue: Dialogue, *, country: str, start_date: date, end_date: date | None) -> Chairmanship:
    """Add a chair for a period; periods of one dialogue never overlap."""
    _check_chairmanship(dialogue, country, start_date, end_date, None)
    chair = Chairmanship(dialogue=dialogue, country=country, start_date=start_date, end_date=end_date)
    db.session.add(chair)
    db.session.flush()
    return chair


def update_chairmanship(chair: Chairmanship, *, country: str, start_date: date, end_date: date | None) -> Chairmanship:
    """Change a chairmanship; its period may not overlap another of the dialogue."""
    _check_chairmanship(chair.dialogue, country, start_date, end_date, chair)
    chair.country, chair.start_date, chair.end_date = country, start_date, end_date
    db.session.flush()
    return chair


def delete_chairmanship(chair: Chairmanship) -> None:
    """Remove a chairmanship."""
    dialogue = chair.dialogue
    db.session.delete(chair)
    db.session.flush()
    db.session.expire(dialogue, ["chairmanships"])


PLAN_FIELDS = ("title", "title_fr", "title_ru", "valid_from", "valid_until")


def create_plan(dialogue: Dialogue, data: dict) -> ActionPlan:
    """Give a dialogue an action plan valid for a period (either end may be open)."""
    enforce(plan_period_problems(data.get("valid_from"), data.get("valid_until")))
    plan = ActionPlan(
        **{name: data.get(name) for name in PLAN_FIELDS}, ref=suggest_ref(ActionPlan.ref, "AP-"), dialogues=[dialogue]
    )
    db.session.add(plan)
    db.session.flush()
    return plan


def update_plan(plan: ActionPlan, data: dict) -> ActionPlan:
    """Rename an action plan or change its period."""
    enforce(plan_period_problems(data.get("valid_from"), data.get("valid_until")))
    for name in PLAN_FIELDS:
        setattr(plan, name, data.get(name))
    db.session.flush()
    return plan


def share_plan(plan: ActionPlan, dialogue: Dialogue) -> ActionPlan:
    """Let another dialogue share an action plan: its domains and priorities become that dialogue's too."""
    if dialogue in plan.dialogues:
        raise DomainError("plan_id", _l("This dialogue already shares the plan."))
    plan.dialogues.append(dialogue)
    db.session.flush()
    return plan


def leave_plan(plan: ActionPlan, dialogue: Dialogue) -> None:
    """A dialogue stops sharing a plan; the plan goes with its domains when no dialogue keeps it. A project that
    supports none of the dialogues left is no longer mapped to the plan's priorities (as priority_problems asks)."""
    plan.dialogues.remove(dialogue)
    keeping = set(plan.dialogues)
    for domain in plan.domains:
        for priority in domain.priorities:
            priority.projects = [project for project in priority.projects if keeping & set(project.dialogues)]
    if not plan.dialogues:
        db.session.delete(plan)
    db.session.flush()
    db.session.expire(dialogue, ["plans"])


def add_domain(plan: ActionPlan, *, title: str) -> ActionPlanDomain:
    """Add a domain at the end of an action plan."""
    position = max((d.position for d in plan.domains), default=0) + 1
    domain = ActionPlanDomain(plan=plan, ref=suggest_ref(ActionPlanDomain.ref, "APD-"), title=title, position=position)
    db.session.add(domain)
    db.session.flush()
    return domain


def update_domain(domain: ActionPlanDomain, *, title: str, position: int) -> ActionPlanDomain:
    """Rename or move a domain of an action plan."""
    domain.title, domain.position = title, position
    db.session.flush()
    return domain


def delete_domain(domain: ActionPlanDomain) -> None:
    """Remove a domain with its priorities; projects mapped to them lose only that mapping."""
    plan = domain.plan
    db.session.delete(domain)
    db.session.flush()
    db.session.expire(plan, ["domains"])


def add_priority(
    domain: ActionPlanDomain, *, code: str | None, title: str, champion: str | None = None
) -> ActionPlanPriority:
    """Add a priority at the end of a domain; its champion, if any, is a country."""
    enforce(champion_problems(champion))
    position = max((p.position for p in domain.priorities), default=0) + 1
    priority = ActionPlanPriority(
        domain=domain,
        ref=suggest_ref(ActionPlanPriority.ref, "APP-"),
        code=code or None,
        title=title,
        champion=champion or None,
        position=position,
    )
    db.session.add(priority)
    db.session.flush()
    return priority


def update_priority(
    priority: ActionPlanPriority, *, code: str | None, title: str, position: int, champion: str | None = None
) -> ActionPlanPriority:
    """Change a priority of an action plan."""
    enforce(champion_problems(champion))
    priority.code, priority.title, priority.position = code or None, title, position
    priority.champion = champion or None
    db.session.flush()
    return priority


def delete_priority(priority: ActionPlanPriority) -> None:
    """Remove a priority; projects mapped to it lose only that mapping."""
    domain = priority.domain
    db.session.delete(priority)
    db.session.flush()
    db.session.expire(domain, ["priorities"])


def map_project(dialogue: Dialogue, project: Project, priority_ids) -> Project:
    """Map a project to these priorities of the dialogue (replacing its earlier ones of this dialogue); the project
    then supports the dialogue, among any others."""
    own = {p.id: p for domain in dialogue.domains for p in domain.priorities}
    foreign = [pid for pid in priority_ids if pid not in own]
    if foreign:
        raise DomainError("priority_ids", _l("Choose priorities of this dialogue's action plan."))
    kept = [p for p in project.priorities if p.id not in own]
    project.priorities = kept + [own[pid] for pid in priority_ids]
    if dialogue not in project.dialogues:
        project.dialogues = sorted([*project.dialogues, dialogue], key=lambda d: d.code)
    db.session.flush()
    return project


def unmap_project(dialogue: Dialogue, project: Project) -> None:
    """Remove a project from the dialogue: its priorities of this dialogue, and its support of the dialogue."""
    own = {p.id for domain in dialogue.domains for p in domain.priorities}
    project.priorities = [p for p in project.priorities if p.id not in own]
    project.dialogues = [d for d in project.dialogues if d.id != dialogue.id]
    db.session.flush()
