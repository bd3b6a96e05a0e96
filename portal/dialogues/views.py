from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from portal.accounts.access import EDITORS, STAFF, allow
from portal.db import get_or_404
from portal.dialogues import services
from portal.dialogues.forms import (
    ChairmanshipForm,
    DialogueForm,
    DomainForm,
    GroupForm,
    GroupMemberForm,
    MappingForm,
    MembershipForm,
    PlanForm,
    PriorityForm,
    SharePlanForm,
)
from portal.dialogues.models import (
    ActionPlan,
    ActionPlanDomain,
    ActionPlanPriority,
    Chairmanship,
    Dialogue,
    DialogueGroup,
    DialogueGroupMember,
    DialogueMember,
)
from portal.dialogues.queries import (
    DIALOGUE_SORTING,
    MEMBERSHIP_LOADS,
    dialogue_choices,
    dialogue_query,
    groups_in_order,
    members_by_status,
    plans_current_first,
    priority_choices,
    priority_counts,
    shareable_plans,
    supporting_projects,
)
from portal.errors import DomainError, apply_domain_error
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.i18n import mentions_kosovo
from portal.partners.queries import partner_choices
from portal.projects.models import Project
from portal.projects.queries import project_choices
from portal.query_args import arg_id
from portal.reference.queries import region_choices
from portal.signals import answers, dialogue_page, project_form

bp = Blueprint("dialogues", __name__, url_prefix="/dialogues")


def _fill_choices(form) -> None:
    form.region_id.choices = [("", "—"), *region_choices(db.session)]
    form.secretariat_id.choices = [("", "—"), *partner_choices(db.session)]


@project_form.connect
def fill_project_form(form) -> None:
    """The dialogues a project may support."""
    form.dialogue_ids.choices = dialogue_choices(db.session)


def _child(model, child_id, dialogue_id, owner):
    """Load a record of this dialogue (`owner` gives the dialogue id of the record), or answer 404."""
    obj = get_or_404(model, child_id)
    if owner(obj) != dialogue_id:
        abort(404)
    return obj


def _to_detail(dialogue, anchor=None):
    return redirect(url_for("dialogues.detail", dialogue_id=dialogue.id, _anchor=anchor))


@bp.route("/")
@allow(STAFF)
def index():
    q = request.args.get("q", "").strip()
    sort = DIALOGUE_SORTING.requested()
    query = dialogue_query(q=q, sort=sort).options(
        selectinload(Dialogue.region),
        selectinload(Dialogue.secretariat),
        selectinload(Dialogue.member_rows),
        selectinload(Dialogue.chairmanships),
    )
    page = db.paginate(query, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    today = date.today()
    chairs = {dialogue.id: dialogue.chair_on(today) for dialogue in page.items}
    kosovo = any(chair and chair.country == "XK" for chair in chairs.values())
    return render_template("dialogues/index.html", page=page, q=q, chairs=chairs, kosovo=kosovo, sort=sort)


@bp.route("/<int:dialogue_id>")
@allow(STAFF)
def detail(dialogue_id):
    dialogue = get_or_404(Dialogue, dialogue_id, MEMBERSHIP_LOADS)
    sections = answers(dialogue_page, dialogue)
    today = date.today()
    groups = groups_in_order(dialogue)
    countries = [
        *(row.country for row in dialogue.member_rows),
        *(row.country for _group, rows in groups for row in rows),
        *(c.country for c in dialogue.chairmanships),
        *(p.champion for domain in dialogue.domains for p in domain.priorities if p.champion),
        *(country for section in sections for country in section.countries),
    ]
    return render_template(
        "dialogues/detail.html",
        dialogue=dialogue,
        record=dialogue,
        chair=dialogue.chair_on(today),
        statuses=members_by_status(dialogue),
        groups=groups,
        today=today,
        plans=plans_current_first(dialogue, today),
        own_priority_ids={p.id for domain in dialogue.domains for p in domain.priorities},
        sections=sections,
        projects=supporting_projects(db.session, dialogue),
        priority_counts=priority_counts(db.session, dialogue),
        kosovo=mentions_kosovo(countries),
    )


@bp.route("/new", methods=["GET", "POST"])
@allow(EDITORS)
def create():
    form = DialogueForm()
    _fill_choices(form)
    if dialogue := save_submitted(form, services.create_dialogue):
        db.session.commit()
        flash(_("Dialogue %(name)s created.", name=dialogue.name), "success")
        return _to_detail(dialogue)
    return render_template("dialogues/form.html", form=form, dialogue=None)


@bp.route("/<int:dialogue_id>/edit", methods=["GET", "POST"])
@allow(EDITORS)
def edit(dialogue_id):
    dialogue = get_or_404(Dialogue, dialogue_id)
    form = DialogueForm(obj=dialogue)
    _fill_choices(form)
    if save_submitted(form, lambda values: services.update_dialogue(dialogue, values), record=dialogue):
        db.session.commit()
        flash(_("Dialogue %(name)s saved.", name=dialogue.name), "success")
        return _to_detail(dialogue)
    return render_template("dialogues/form.html", form=form, dialogue=dialogue)


@bp.route("/<int:dialogue_id>/chairmanships/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_chairmanship(dialogue_id):
    dialogue = get_or_404(Dialogue, dialogue_id)
    form = ChairmanshipForm()
    if save_submitted(form, lambda values: services.add_chairmanship(dialogue, **values)):
        db.session.commit()
        flash(_("Chairmanship added."), "success")
        return _to_detail(dialogue, "chairmanships")
    return render_template("dialogues/item_form.html", form=form, dialogue=dialogue, heading=_("New chairmanship"))


@bp.route("/<int:dialogue_id>/chairmanships/<int:chair_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_chairmanship(dialogue_id, chair_id):
    chair = _child(Chairmanship, chair_id, dialogue_id, lambda c: c.dialogue_id)
    form = ChairmanshipForm(obj=chair)
    if save_submitted(form, lambda values: services.update_chairmanship(chair, **values), record=chair):
        db.session.commit()
        flash(_("Chairmanship saved."), "success")
        return _to_detail(chair.dialogue, "chairmanships")
    return render_template(
        "dialogues/item_form.html", form=form, dialogue=chair.dialogue, heading=_("Edit chairmanship")
    )


@bp.route("/<int:dialogue_id>/chairmanships/<int:chair_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_chairmanship(dialogue_id, chair_id):
    chair = _child(Chairmanship, chair_id, dialogue_id, lambda c: c.dialogue_id)
    dialogue = chair.dialogue
    services.delete_chairmanship(chair)
    db.session.commit()
    flash(_("Chairmanship removed."), "success")
    return _to_detail(dialogue, "chairmanships")


@bp.route("/<int:dialogue_id>/members/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_membership(dialogue_id):
    dialogue = get_or_404(Dialogue, dialogue_id)
    form = MembershipForm(partners=partner_choices(db.session))
    if save_submitted(form, lambda values: services.add_membership(dialogue, **values)):
        db.session.commit()
        flash(_("Membership added."), "success")
        return _to_detail(dialogue, "members")
    return _item_form(form, dialogue_id, _("New member or observer"))


@bp.route("/<int:dialogue_id>/members/<int:membership_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_membership(dialogue_id, membership_id):
    row = _child(DialogueMember, membership_id, dialogue_id, lambda m: m.dialogue_id)
    form = MembershipForm(obj=row, editing=True)
    if save_submitted(form, lambda values: services.update_membership(row, **values), record=row):
        db.session.commit()
        flash(_("Membership saved."), "success")
        return _to_detail(row.dialogue, "members")
    return _item_form(
        form, dialogue_id, _("Status of %(member)s", member=row.display_name), kosovo=mentions_kosovo([row.country])
    )


@bp.route("/<int:dialogue_id>/members/<int:membership_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_membership(dialogue_id, membership_id):
    row = _child(DialogueMember, membership_id, dialogue_id, lambda m: m.dialogue_id)
    dialogue = row.dialogue
    services.delete_membership(row)
    db.session.commit()
    flash(_("Membership removed."), "success")
    return _to_detail(dialogue, "members")


@bp.route("/<int:dialogue_id>/groups/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_group(dialogue_id):
    dialogue = get_or_404(Dialogue, dialogue_id)
    form = GroupForm()
    if group := save_submitted(form, lambda values: services.create_group(dialogue, values)):
        db.session.commit()
        flash(_("Group added."), "success")
        return _to_detail(dialogue, f"group-{group.id}")
    return _item_form(form, dialogue_id, _("New group"))


@bp.route("/<int:dialogue_id>/groups/<int:group_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_group(dialogue_id, group_id):
    group = _child(DialogueGroup, group_id, dialogue_id, lambda g: g.dialogue_id)
    form = GroupForm(obj=group)
    if save_submitted(form, lambda values: services.update_group(group, values), record=group):
        db.session.commit()
        flash(_("Group saved."), "success")
        return _to_detail(group.dialogue, f"group-{group.id}")
    return _item_form(form, dialogue_id, _("Edit group"))


@bp.route("/<int:dialogue_id>/groups/<int:group_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_group(dialogue_id, group_id):
    group = _child(DialogueGroup, group_id, dialogue_id, lambda g: g.dialogue_id)
    dialogue = group.dialogue
    services.delete_group(group)
    db.session.commit()
    flash(_("Group removed."), "success")
    return _to_detail(dialogue, "groups")


@bp.route("/<int:dialogue_id>/groups/<int:group_id>/members/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_group_member(dialogue_id, group_id):
    group = _child(DialogueGroup, group_id, dialogue_id, lambda g: g.dialogue_id)
    form = GroupMemberForm(partners=partner_choices(db.session))
    if save_submitted(form, lambda values: services.add_group_member(group, **values)):
        db.session.commit()
        flash(_("Group member added."), "success")
        return _to_detail(group.dialogue, f"group-{group.id}")
    return _item_form(form, dialogue_id, _("New member of %(group)s", group=group.display_name))


def _group_member(dialogue_id, group_member_id) -> DialogueGroupMember:
    return _child(DialogueGroupMember, group_member_id, dialogue_id, lambda m: m.group.dialogue_id)


@bp.route("/<int:dialogue_id>/group-members/<int:group_member_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_group_member(dialogue_id, group_member_id):
    row = _group_member(dialogue_id, group_member_id)
    form = GroupMemberForm(obj=row, editing=True)
    if save_submitted(form, lambda values: services.update_group_member(row, **values), record=row):
        db.session.commit()
        flash(_("Group member saved."), "success")
        return _to_detail(row.group.dialogue, f"group-{row.group_id}")
    return _item_form(
        form, dialogue_id, _("Role of %(member)s", member=row.display_name), kosovo=mentions_kosovo([row.country])
    )


@bp.route("/<int:dialogue_id>/group-members/<int:group_member_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_group_member(dialogue_id, group_member_id):
    row = _group_member(dialogue_id, group_member_id)
    group = row.group
    services.delete_group_member(row)
    db.session.commit()
    flash(_("Group member removed."), "success")
    return _to_detail(group.dialogue, f"group-{group.id}")


def _of_plan(model, ident, dialogue_id, plan_of=lambda plan: plan):
    """Load an action plan, or a domain or priority of one, that this dialogue has, or answer 404."""
    obj = get_or_404(model, ident)
    if dialogue_id not in {dialogue.id for dialogue in plan_of(obj).dialogues}:
        abort(404)
    return obj


def _to_plans(dialogue_id):
    return redirect(url_for("dialogues.detail", dialogue_id=dialogue_id, _anchor="action-plan"))


def _item_form(form, dialogue_id, heading, **context):
    return render_template(
        "dialogues/item_form.html", form=form, dialogue=get_or_404(Dialogue, dialogue_id), heading=heading, **context
    )


@bp.route("/<int:dialogue_id>/plans/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_plan(dialogue_id):
    dialogue = get_or_404(Dialogue, dialogue_id)
    form = PlanForm()
    if save_submitted(form, lambda values: services.create_plan(dialogue, values)):
        db.session.commit()
        flash(_("Action plan added."), "success")
        return _to_plans(dialogue_id)
    return _item_form(form, dialogue_id, _("New action plan"))


@bp.route("/<int:dialogue_id>/plans/<int:plan_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_plan(dialogue_id, plan_id):
    plan = _of_plan(ActionPlan, plan_id, dialogue_id)
    form = PlanForm(obj=plan)
    if save_submitted(form, lambda values: services.update_plan(plan, values), record=plan):
        db.session.commit()
        flash(_("Action plan saved."), "success")
        return _to_plans(dialogue_id)
    return _item_form(form, dialogue_id, _("Edit action plan"))


@bp.route("/<int:dialogue_id>/plans/share", methods=["GET", "POST"])
@allow(EDITORS)
def share_plan(dialogue_id):
    dialogue = get_or_404(Dialogue, dialogue_id)
    form = SharePlanForm()
    form.plan_id.choices = [("", "—"), *shareable_plans(db.session, dialogue)]
    if save_submitted(form, lambda values: services.share_plan(get_or_404(ActionPlan, values["plan_id"]), dialogue)):
        db.session.commit()
        flash(_("The dialogue shares the action plan."), "success")
        return _to_plans(dialogue_id)
    return _item_form(form, dialogue_id, _("Share another dialogue's action plan"))


@bp.route("/<int:dialogue_id>/plans/<int:plan_id>/leave", methods=["POST"])
@allow(EDITORS)
def leave_plan(dialogue_id, plan_id):
    plan = _of_plan(ActionPlan, plan_id, dialogue_id)
    services.leave_plan(plan, get_or_404(Dialogue, dialogue_id))
    db.session.commit()
    flash(_("Action plan removed from the dialogue."), "success")
    return _to_plans(dialogue_id)


@bp.route("/<int:dialogue_id>/plans/<int:plan_id>/domains/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_domain(dialogue_id, plan_id):
    plan = _of_plan(ActionPlan, plan_id, dialogue_id)
    form = DomainForm()
    del form.position
    if save_submitted(form, lambda values: services.add_domain(plan, **values)):
        db.session.commit()
        flash(_("Domain added to the action plan."), "success")
        return _to_plans(dialogue_id)
    return _item_form(form, dialogue_id, _("New domain in %(plan)s", plan=plan.title))


@bp.route("/<int:dialogue_id>/domains/<int:domain_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_domain(dialogue_id, domain_id):
    domain = _of_plan(ActionPlanDomain, domain_id, dialogue_id, lambda d: d.plan)

    def save(values):
        position = domain.position if values["position"] is None else values["position"]
        return services.update_domain(domain, title=values["title"], position=position)

    if save_submitted(form := DomainForm(obj=domain), save, record=domain):
        db.session.commit()
        flash(_("Domain saved."), "success")
        return _to_plans(dialogue_id)
    return _item_form(form, dialogue_id, _("Edit domain"))


@bp.route("/<int:dialogue_id>/domains/<int:domain_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_domain(dialogue_id, domain_id):
    domain = _of_plan(ActionPlanDomain, domain_id, dialogue_id, lambda d: d.plan)
    services.delete_domain(domain)
    db.session.commit()
    flash(_("Domain removed from the action plan."), "success")
    return _to_plans(dialogue_id)


@bp.route("/<int:dialogue_id>/domains/<int:domain_id>/priorities/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_priority(dialogue_id, domain_id):
    domain = _of_plan(ActionPlanDomain, domain_id, dialogue_id, lambda d: d.plan)
    form = PriorityForm()
    del form.position
    if save_submitted(form, lambda values: services.add_priority(domain, **values)):
        db.session.commit()
        flash(_("Priority added."), "success")
        return _to_plans(dialogue_id)
    return _item_form(form, dialogue_id, _("New priority in %(domain)s", domain=domain.title))


@bp.route("/<int:dialogue_id>/priorities/<int:priority_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_priority(dialogue_id, priority_id):
    priority = _of_plan(ActionPlanPriority, priority_id, dialogue_id, lambda p: p.domain.plan)

    def save(values):
        position = values.pop("position")
        return services.update_priority(
            priority, position=priority.position if position is None else position, **values
        )

    if save_submitted(form := PriorityForm(obj=priority), save, record=priority):
        db.session.commit()
        flash(_("Priority saved."), "success")
        return _to_plans(dialogue_id)
    return _item_form(form, dialogue_id, _("Edit priority"))


@bp.route("/<int:dialogue_id>/priorities/<int:priority_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_priority(dialogue_id, priority_id):
    priority = _of_plan(ActionPlanPriority, priority_id, dialogue_id, lambda p: p.domain.plan)
    services.delete_priority(priority)
    db.session.commit()
    flash(_("Priority removed."), "success")
    return _to_plans(dialogue_id)


@bp.route("/<int:dialogue_id>/projects", methods=["GET", "POST"])
@allow(EDITORS)
def map_project(dialogue_id):
    dialogue = get_or_404(Dialogue, dialogue_id)
    form = MappingForm()
    form.project_id.choices = [("", "—"), *project_choices(db.session)]
    form.priority_ids.choices = priority_choices(dialogue)
    if request.method == "GET" and (project_id := arg_id("project_id")):
        project = db.session.get(Project, project_id)
        if project is not None:
            own = {pid for pid, _label in form.priority_ids.choices}
            form.project_id.data = project.id
            form.priority_ids.data = [p.id for p in project.priorities if p.id in own]
    if form.validate_on_submit():
        project = get_or_404(Project, form.project_id.data)
        try:
            services.map_project(dialogue, project, form.priority_ids.data or [])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Project %(code)s mapped to the dialogue.", code=project.code), "success")
            return _to_detail(dialogue, "projects")
    return render_template(
        "dialogues/item_form.html", form=form, dialogue=dialogue, heading=_("Map a project to the action plan")
    )


@bp.route("/<int:dialogue_id>/projects/<int:project_id>/remove", methods=["POST"])
@allow(EDITORS)
def unmap_project(dialogue_id, project_id):
    dialogue = get_or_404(Dialogue, dialogue_id)
    project = get_or_404(Project, project_id)
    services.unmap_project(dialogue, project)
    db.session.commit()
    flash(_("Project %(code)s no longer mapped to the dialogue.", code=project.code), "success")
    return _to_detail(dialogue, "projects")
