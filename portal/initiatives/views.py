from datetime import date

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.access import EDITORS, STAFF, allow
from portal.db import get_or_404
from portal.dialogues.models import ActionPlan
from portal.dialogues.queries import plans_current_first
from portal.errors import DomainError
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.initiatives import services
from portal.initiatives.forms import CycleForm, InitiativeForm, ReturnForm
from portal.initiatives.models import CollectionCycle, Initiative
from portal.initiatives.queries import cycles_of, initiative_query, open_cycle_choices, plan_figures
from portal.partners.queries import partner_choices
from portal.signals import Section, dialogue_page

bp = Blueprint("initiatives", __name__, url_prefix="/action-plans")


def _fill_choices(form: InitiativeForm, plan: ActionPlan) -> None:
    form.actor_id.choices = [("", "—"), *partner_choices(db.session)]
    form.cycle_id.choices = [("", "—"), *open_cycle_choices(db.session, plan)]
    form.priority_ids.choices = [
        (p.id, f"{p.code} {p.title}" if p.code else p.title) for domain in plan.domains for p in domain.priorities
    ]


def _to_register(plan: ActionPlan, anchor=None):
    return redirect(url_for("initiatives.index", plan_id=plan.id, _anchor=anchor))


@dialogue_page.connect
def dialogue_figures(dialogue) -> Section | None:
    """The dialogue page's initiative figures, plan by plan (those in force first)."""
    plans = plans_current_first(dialogue, date.today())
    if not plans:
        return None
    figures = [(plan, plan_figures(db.session, plan)) for plan in plans]
    return Section.render(
        "initiatives/_dialogue_figures.html",
        links=(("initiatives", _("Initiatives")),),
        countries=[row.key for _plan, f in figures for row in f.countries],
        figures=figures,
    )


@bp.route("/<int:plan_id>/initiatives")
@allow(STAFF)
def index(plan_id):
    plan = get_or_404(ActionPlan, plan_id)
    return render_template(
        "initiatives/index.html",
        plan=plan,
        initiatives=db.session.scalars(initiative_query(plan)).all(),
        cycles=cycles_of(db.session, plan),
        figures=plan_figures(db.session, plan),
    )


def _form_page(form, plan, heading):
    return render_template("initiatives/form.html", form=form, plan=plan, heading=heading)


@bp.route("/<int:plan_id>/initiatives/new", methods=["GET", "POST"])
@allow(EDITORS)
def create(plan_id):
    plan = get_or_404(ActionPlan, plan_id)
    form = InitiativeForm()
    _fill_choices(form, plan)
    if save_submitted(form, lambda values: services.submit_initiative(plan, values)):
        db.session.commit()
        flash(_("Initiative submitted for review."), "success")
        return _to_register(plan)
    return _form_page(form, plan, _("New initiative"))


@bp.route("/initiatives/<int:initiative_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit(initiative_id):
    initiative = get_or_404(Initiative, initiative_id)
    form = InitiativeForm(obj=initiative)
    _fill_choices(form, initiative.plan)
    if not form.is_submitted():
        form.priority_ids.data = [p.id for p in initiative.priorities]
    if save_submitted(form, lambda values: services.update_initiative(initiative, values), record=initiative):
        db.session.commit()
        flash(_("Initiative saved and submitted for review again."), "success")
        return _to_register(initiative.plan)
    return _form_page(form, initiative.plan, _("Edit initiative"))


@bp.route("/initiatives/<int:initiative_id>/validate", methods=["POST"])
@allow(EDITORS)
def validate(initiative_id):
    initiative = get_or_404(Initiative, initiative_id)
    try:
        services.validate_initiative(initiative, current_user.id)
    except DomainError as error:
        flash(str(error.message), "danger")
    else:
        db.session.commit()
        flash(_("Initiative validated: it counts in the figures."), "success")
    return _to_register(initiative.plan)


@bp.route("/initiatives/<int:initiative_id>/return", methods=["GET", "POST"])
@allow(EDITORS)
def send_back(initiative_id):
    initiative = get_or_404(Initiative, initiative_id)
    form = ReturnForm()
    if save_submitted(form, lambda values: services.return_initiative(initiative, current_user.id, values["reason"])):
        db.session.commit()
        flash(_("Initiative returned to its author."), "success")
        return _to_register(initiative.plan)
    return _form_page(form, initiative.plan, _("Return %(title)s", title=initiative.title))


@bp.route("/<int:plan_id>/cycles/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_cycle(plan_id):
    plan = get_or_404(ActionPlan, plan_id)
    form = CycleForm()
    if save_submitted(form, lambda values: services.create_cycle(plan, values)):
        db.session.commit()
        flash(_("Data-collection cycle added."), "success")
        return _to_register(plan, "cycles")
    return _form_page(form, plan, _("New data-collection cycle"))


@bp.route("/cycles/<int:cycle_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_cycle(cycle_id):
    cycle = get_or_404(CollectionCycle, cycle_id)
    form = CycleForm(obj=cycle)
    if save_submitted(form, lambda values: services.update_cycle(cycle, values), record=cycle):
        db.session.commit()
        flash(_("Data-collection cycle saved."), "success")
        return _to_register(cycle.plan, "cycles")
    return _form_page(form, cycle.plan, _("Edit data-collection cycle"))
