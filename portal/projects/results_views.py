"""A project's results framework: the forms that add, change and delete its outputs, their indicators and the
indicators' actual values per year. The routes belong to the projects blueprint; the project page shows them."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.accounts.access import EDITORS, allow
from portal.db import get_or_404
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.projects import services
from portal.projects.forms import IndicatorResultForm, ProjectIndicatorForm, ProjectOutputForm
from portal.projects.models import IndicatorResult, Project, ProjectIndicator, ProjectOutput
from portal.projects.views import bp

#: none of its own: its routes join the projects blueprint, registered with views.py
BLUEPRINTS = ()


def _results_url(project_id):
    return url_for("projects.detail", project_id=project_id, _anchor="results")


def _saved(project_id, message):
    db.session.commit()
    flash(message, "success")
    return redirect(_results_url(project_id))


@bp.route("/<int:project_id>/outputs/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_output(project_id):
    project = get_or_404(Project, project_id)
    form = ProjectOutputForm()
    if output := save_submitted(form, lambda values: services.add_output(project, values)):
        return _saved(project.id, _("Output %(number)s added.", number=output.number))
    return render_template("projects/output_form.html", form=form, project=project, item=None)


@bp.route("/outputs/<int:output_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_output(output_id):
    output = get_or_404(ProjectOutput, output_id)
    form = ProjectOutputForm(obj=output)
    if save_submitted(form, lambda values: services.update_output(output, values), record=output):
        return _saved(output.project_id, _("Output %(number)s saved.", number=output.number))
    return render_template("projects/output_form.html", form=form, project=output.project, item=output)


@bp.route("/outputs/<int:output_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_output(output_id):
    output = get_or_404(ProjectOutput, output_id)
    project_id, number = output.project_id, output.number
    services.delete_output(output)
    return _saved(project_id, _("Output %(number)s deleted.", number=number))


@bp.route("/outputs/<int:output_id>/indicators/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_indicator(output_id):
    output = get_or_404(ProjectOutput, output_id)
    form = ProjectIndicatorForm()
    if indicator := save_submitted(form, lambda values: services.add_indicator(output, values)):
        return _saved(output.project_id, _("Indicator %(number)s added.", number=f"{output.number}.{indicator.number}"))
    return render_template("projects/indicator_form.html", form=form, project=output.project, output=output, item=None)


@bp.route("/indicators/<int:indicator_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_indicator(indicator_id):
    indicator = get_or_404(ProjectIndicator, indicator_id)
    output = indicator.output
    form = ProjectIndicatorForm(obj=indicator)
    if save_submitted(form, lambda values: services.update_indicator(indicator, values), record=indicator):
        number = f"{output.number}.{indicator.number}"
        return _saved(output.project_id, _("Indicator %(number)s saved.", number=number))
    return render_template(
        "projects/indicator_form.html", form=form, project=output.project, output=output, item=indicator
    )


@bp.route("/indicators/<int:indicator_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_indicator(indicator_id):
    indicator = get_or_404(ProjectIndicator, indicator_id)
    project_id, number = indicator.project_id, f"{indicator.output.number}.{indicator.number}"
    services.delete_indicator(indicator)
    return _saved(project_id, _("Indicator %(number)s deleted.", number=number))


@bp.route("/indicators/<int:indicator_id>/results/new", methods=["GET", "POST"])
@allow(EDITORS)
def add_result(indicator_id):
    indicator = get_or_404(ProjectIndicator, indicator_id)
    form = IndicatorResultForm()
    if result := save_submitted(form, lambda values: services.record_result(indicator, values)):
        return _saved(indicator.project_id, _("The actual value of %(year)s is recorded.", year=result.year))
    project = indicator.output.project
    return render_template("projects/result_form.html", form=form, project=project, indicator=indicator, item=None)


@bp.route("/results/<int:result_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_result(result_id):
    result = get_or_404(IndicatorResult, result_id)
    indicator = result.indicator
    form = IndicatorResultForm(obj=result)
    if save_submitted(form, lambda values: services.update_result(result, values), record=result):
        return _saved(result.project_id, _("The actual value of %(year)s is saved.", year=result.year))
    project = indicator.output.project
    return render_template("projects/result_form.html", form=form, project=project, indicator=indicator, item=result)


@bp.route("/results/<int:result_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_result(result_id):
    result = get_or_404(IndicatorResult, result_id)
    project_id, year = result.project_id, result.year
    services.delete_result(result)
    return _saved(project_id, _("The actual value of %(year)s is deleted.", year=year))
