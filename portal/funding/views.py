from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from portal.accounts.access import EDITORS, STAFF, allow
from portal.db import get_or_404
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.funding import services
from portal.funding.forms import ContributionForm, ExpenditureForm, RevenueFilterForm, RevenueForm
from portal.funding.models import Contribution, Expenditure, Revenue
from portal.funding.queries import REVENUE_SORTING, donor_contributions, project_funding, revenue_query
from portal.partners.queries import partner_choices
from portal.projects.models import Project
from portal.reference.rates import RateTable, has_rate
from portal.signals import Section, partner_page, project_page

bp = Blueprint("funding", __name__, url_prefix="/funding")


@project_page.connect
def project_sections(project: Project) -> Section:
    """The project page's funding summary, contributions and expenditure."""
    rates = RateTable.load(db.session, current_app.config["REPORTING_CURRENCY"])
    funding = project_funding(db.session, project.id, rates)
    links = (
        ("funding", _("Funding summary")),
        ("contributions", _("Contributions")),
        ("expenditure", _("Expenditure")),
    )
    return Section.render("funding/_project_sections.html", links=links, project=project, funding=funding)


@partner_page.connect
def partner_contributions(partner) -> Section:
    """The partner page's contributions as a donor."""
    contributions = donor_contributions(db.session, partner.id)
    return Section.render("funding/_partner_contributions.html", contributions=contributions)


def _project_url(project_id, anchor):
    return url_for("projects.detail", project_id=project_id, _anchor=anchor)


def _saved(message: str, currency: str, year: int) -> None:
    """Say that the line is saved; and, when the key figures cannot convert it yet, which rate they miss and who
    can add it (they name the missing rate until then)."""
    flash(message, "success")
    if not has_rate(currency, year, current_app.config["REPORTING_CURRENCY"]):
        flash(
            _(
                "There is no exchange rate for %(currency)s in %(year)s yet: the key figures of %(year)s will say so "
                "until an administrator adds it under Reference data, Exchange rates.",
                currency=currency,
                year=year,
            ),
            "warning",
        )


@bp.route("/projects/<int:project_id>/contributions/new", methods=["GET", "POST"])
@allow(EDITORS)
def create_contribution(project_id):
    project = get_or_404(Project, project_id)
    form = ContributionForm(currency=project.currency)
    form.donor_id.choices = [("", "—"), *partner_choices(db.session)]
    contribution = save_submitted(form, lambda values: services.create_contribution(project, values))
    if contribution:
        db.session.commit()
        _saved(_("Contribution added."), contribution.currency, contribution.signed_on.year)
        return redirect(_project_url(project.id, "contributions"))
    return render_template("funding/contribution_form.html", form=form, project=project, item=None)


@bp.route("/contributions/<int:contribution_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_contribution(contribution_id):
    contribution = get_or_404(Contribution, contribution_id)
    form = ContributionForm(obj=contribution)
    form.donor_id.choices = [("", "—"), *partner_choices(db.session)]
    if save_submitted(form, lambda values: services.update_contribution(contribution, values), record=contribution):
        db.session.commit()
        _saved(_("Contribution saved."), contribution.currency, contribution.signed_on.year)
        return redirect(_project_url(contribution.project_id, "contributions"))
    return render_template("funding/contribution_form.html", form=form, project=contribution.project, item=contribution)


@bp.route("/contributions/<int:contribution_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_contribution(contribution_id):
    contribution = get_or_404(Contribution, contribution_id)
    project_id, ref = contribution.project_id, contribution.ref
    services.delete_contribution(contribution)
    db.session.commit()
    flash(_("Contribution %(ref)s deleted.", ref=ref), "success")
    return redirect(_project_url(project_id, "contributions"))


@bp.route("/projects/<int:project_id>/expenditure/new", methods=["GET", "POST"])
@allow(EDITORS)
def create_expenditure(project_id):
    project = get_or_404(Project, project_id)
    form = ExpenditureForm(currency=project.currency)
    expenditure = save_submitted(form, lambda values: services.create_expenditure(project, values))
    if expenditure:
        db.session.commit()
        _saved(_("Expenditure added."), expenditure.currency, expenditure.year)
        return redirect(_project_url(project.id, "expenditure"))
    return render_template("funding/expenditure_form.html", form=form, project=project, item=None)


@bp.route("/expenditure/<int:expenditure_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_expenditure(expenditure_id):
    expenditure = get_or_404(Expenditure, expenditure_id)
    form = ExpenditureForm(obj=expenditure)
    if save_submitted(form, lambda values: services.update_expenditure(expenditure, values), record=expenditure):
        db.session.commit()
        _saved(_("Expenditure saved."), expenditure.currency, expenditure.year)
        return redirect(_project_url(expenditure.project_id, "expenditure"))
    return render_template("funding/expenditure_form.html", form=form, project=expenditure.project, item=expenditure)


@bp.route("/expenditure/<int:expenditure_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_expenditure(expenditure_id):
    expenditure = get_or_404(Expenditure, expenditure_id)
    project_id, year = expenditure.project_id, expenditure.year
    services.delete_expenditure(expenditure)
    db.session.commit()
    flash(_("The expenditure of %(year)s is deleted.", year=year), "success")
    return redirect(_project_url(project_id, "expenditure"))


@bp.route("/revenue/")
@allow(STAFF)
def revenue_index():
    filters = RevenueFilterForm(request.args)
    filters.validate()
    sort = REVENUE_SORTING.requested()
    query = revenue_query(
        year=None if filters.year.errors else filters.year.data,
        type=None if filters.type.errors else filters.type.data,
        sort=sort,
    )
    page = db.paginate(
        query.options(selectinload(Revenue.partner)), per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False
    )
    return render_template("funding/revenue_index.html", page=page, filters=filters, sort=sort)


@bp.route("/revenue/new", methods=["GET", "POST"])
@allow(EDITORS)
def create_revenue():
    form = RevenueForm(currency=current_app.config["REPORTING_CURRENCY"])
    form.partner_id.choices = [("", "—"), *partner_choices(db.session)]
    revenue = save_submitted(form, services.create_revenue)
    if revenue:
        db.session.commit()
        _saved(_("Revenue added."), revenue.currency, revenue.year)
        return redirect(url_for("funding.revenue_index"))
    return render_template("funding/revenue_form.html", form=form, item=None)


@bp.route("/revenue/<int:revenue_id>", methods=["GET", "POST"])
@allow(EDITORS)
def edit_revenue(revenue_id):
    revenue = get_or_404(Revenue, revenue_id)
    form = RevenueForm(obj=revenue)
    form.partner_id.choices = [("", "—"), *partner_choices(db.session)]
    if save_submitted(form, lambda values: services.update_revenue(revenue, values), record=revenue):
        db.session.commit()
        _saved(_("Revenue saved."), revenue.currency, revenue.year)
        return redirect(url_for("funding.revenue_index"))
    return render_template("funding/revenue_form.html", form=form, item=revenue)


@bp.route("/revenue/<int:revenue_id>/delete", methods=["POST"])
@allow(EDITORS)
def delete_revenue(revenue_id):
    revenue = get_or_404(Revenue, revenue_id)
    ref = revenue.ref
    services.delete_revenue(revenue)
    db.session.commit()
    flash(_("Revenue %(ref)s deleted.", ref=ref), "success")
    return redirect(url_for("funding.revenue_index"))
