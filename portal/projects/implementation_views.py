"""Who implements a project with us, in which role, and what it promises to produce by when: the forms that edit
them, and the partner page's list of the projects a partner implements. The routes belong to the projects
blueprint."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.accounts.access import EDITORS, allow
from portal.db import get_or_404
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.partners.queries import partner_choices
from portal.projects import services
from portal.projects.forms import DeliverableForm, ImplementerForm
from portal.projects.models import Deliverable, Project, ProjectPartner
from portal.projects.queries import implemented_by
from portal.projects.views import bp
from portal.signals import Section, partner_page

#: none of its own: its routes join the projects blueprint, registered with views.py
BLUEPRINTS = ()


@partner_page.connect
def partner_implementations(partner) -> Section:
    """The partner page's projects that the partner implements, with its role in each."""
    return Section.render(
        "projects/_partner_implementations.html", implementations=implemented_by(db.session, partner.id)
    )


def _project_url(project_id, anchor):
    return url_for("projects.detail", project_id=project_id, _anchor=anchor)


def _implementer_form(**kwargs) -> ImplementerForm:
    form = ImplementerForm(**kwargs)
    form.partner_id.choices = [("", "—"), *partner_choices(db.session)]
    return form


@bp.route("/<int:project_id>/implementers/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_implementer(project_id):
    project = get_or_404(Project, project_id)
    form = _implementer_form()
    if save_submitted(form, lambda values: services.add_implementer(project, values)):
        db.session.commit()
        flash(_("Implementer added."), "success")
        return redirect(_project_url(project.id, "implementers"))
    return render_template("projects/implementer_form.html", form=form, project=project, item=None)


@bp.route("/implementers/<int:implementer_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_implementer(implementer_id):
    implementer = get_or_404(ProjectPartner, implementer_id)
    form = _implementer_form(obj=implementer)
    if save_submitted(form, lambda values: services.update_implementer(implementer, values), record=implementer):
        db.session.commit()
        flash(_("Implementer saved."), "success")
        return redirect(_project_url(implementer.project_id, "implementers"))
    return render_template("projects/implementer_form.html", form=form, project=implementer.project, item=implementer)


@bp.route("/implementers/<int:implementer_id>/delete", methods=["POST"])
@allow(EDITORS)
def remove_implementer(implementer_id):
    implementer = get_or_404(ProjectPartner, implementer_id)
    project_id, name = implementer.project_id, implementer.partner.display_name
    services.remove_implementer(implementer)
    db.session.commit()
    flash(_("%(name)s no longer implements the project.", name=name), "success")
    return redirect(_project_url(project_id, "implementers"))


@bp.route("/<int:project_id>/deliverables/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_deliverable(project_id):
    project = get_or_404(Project, project_id)
    form = DeliverableForm()
    if save_submitted(form, lambda values: services.add_deliverable(project, values)):
        db.session.commit()
        flash(_("Deliverable added."), "success")
        return redirect(_project_url(project.id, "deliverables"))
    return render_template("projects/deliverable_form.html", form=form, project=project, item=None)


@bp.route("/deliverables/<int:deliverable_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_deliverable(deliverable_id):
    deliverable = get_or_404(Deliverable, deliverable_id)
    form = DeliverableForm(obj=deliverable)
    if save_submitted(form, lambda values: services.update_deliverable(deliverable, values), record=deliverable):
        db.session.commit()
        flash(_("Deliverable saved."), "success")
        return redirect(_project_url(deliverable.project_id, "deliverables"))
    return render_template("projects/deliverable_form.html", form=form, project=deliverable.project, item=deliverable)


@bp.route("/deliverables/<int:deliverable_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_deliverable(deliverable_id):
    deliverable = get_or_404(Deliverable, deliverable_id)
    project_id, ref = deliverable.project_id, deliverable.ref
    services.delete_deliverable(deliverable)
    db.session.commit()
    flash(_("Deliverable %(ref)s deleted.", ref=ref), "success")
    return redirect(_project_url(project_id, "deliverables"))
