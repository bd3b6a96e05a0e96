from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from portal.accounts.access import EDITORS, OFFICERS, STAFF, allow
from portal.db import get_or_404
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.i18n import mentions_kosovo
from portal.partners.queries import partner_choices
from portal.projects import services
from portal.projects.forms import ProjectFilterForm, ProjectForm
from portal.projects.models import Project
from portal.projects.queries import (
    PROJECT_SORTING,
    country_filter_choices,
    gcm_objective_titles,
    implementation_of,
    officer_choices,
    project_query,
    project_results,
)
from portal.reference.queries import duty_station_choices, region_choices, thematic_area_choices
from portal.signals import answers, project_form, project_page

bp = Blueprint("projects", __name__, url_prefix="/projects")


def _fill_choices(form, project=None) -> None:
    form.region_id.choices = [("", "—"), *region_choices(db.session)]
    form.thematic_area_ids.choices = thematic_area_choices(db.session)
    form.duty_station_id.choices = [("", "—"), *duty_station_choices(db.session)]
    officers = officer_choices(db.session, keep_id=project.officer_id if project else None)
    form.officer_id.choices = [("", "—"), *officers]
    form.gcm_objectives.choices = list(gcm_objective_titles().items())
    project_form.send(form)


@bp.route("/")
@allow(STAFF)
def index():
    filters = ProjectFilterForm(request.args)
    filters.region.choices = [("", _("All regions")), *region_choices(db.session)]
    filters.donor.choices = [("", _("All donors")), *partner_choices(db.session, donors_only=True)]
    filters.country.choices = [("", _("All countries")), *country_filter_choices(db.session)]
    filters.gcm.choices = [("", _("All GCM objectives")), *gcm_objective_titles().items()]
    filters.validate()
    query = project_query(
        q=filters.q.data,
        region_id=filters.value("region"),
        status=filters.value("status"),
        donor_id=filters.value("donor"),
        country=filters.value("country"),
        year=filters.value("year"),
        gcm=filters.value("gcm"),
        sort=(sort := PROJECT_SORTING.requested()),
    ).options(selectinload(Project.region), selectinload(Project.country_rows), selectinload(Project.officer))
    page = db.paginate(query, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    kosovo = any(mentions_kosovo(project.countries) for project in page.items)
    return render_template("projects/index.html", page=page, filters=filters, kosovo=kosovo, sort=sort)


@bp.route("/<int:project_id>")
@allow(STAFF)
def detail(project_id):
    project = get_or_404(Project, project_id)
    sections = answers(project_page, project)
    countries = [*project.countries, *(country for section in sections for country in section.countries)]
    implementers, deliverables = implementation_of(db.session, project.id)
    return render_template(
        "projects/detail.html",
        project=project,
        sections=sections,
        record=project,
        kosovo=mentions_kosovo(countries),
        implementers=implementers,
        deliverables=deliverables,
        outputs=project_results(db.session, project.id),
        gcm_titles=gcm_objective_titles(),
        today=date.today(),
    )


@bp.route("/new", methods=["GET", "POST"])
@allow(EDITORS)
def create():
    form = ProjectForm()
    _fill_choices(form)
    if request.method == "GET" and current_user.role in OFFICERS:
        form.officer_id.data = current_user.id
    if project := save_submitted(form, services.create_project):
        db.session.commit()
        flash(_("Project %(code)s created.", code=project.code), "success")
        return redirect(url_for("projects.detail", project_id=project.id))
    return render_template("projects/form.html", form=form, project=None)


@bp.route("/<int:project_id>/edit", methods=["GET", "POST"])
@allow(EDITORS)
def edit(project_id):
    project = get_or_404(Project, project_id)
    form = ProjectForm(obj=project)
    _fill_choices(form, project)
    if save_submitted(form, lambda values: services.update_project(project, values), record=project):
        db.session.commit()
        flash(_("Project %(code)s saved.", code=project.code), "success")
        return redirect(url_for("projects.detail", project_id=project.id))
    return render_template("projects/form.html", form=form, project=project)
