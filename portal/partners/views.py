from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from portal.accounts.access import EDITORS, STAFF, allow
from portal.db import get_or_404
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.partners import services
from portal.partners.forms import PartnerFilterForm, PartnerForm
from portal.partners.models import Partner
from portal.partners.queries import PARTNER_SORTING, partner_query
from portal.reference.queries import donor_category_choices
from portal.signals import answers, partner_page

bp = Blueprint("partners", __name__, url_prefix="/partners")


def _fill_choices(form) -> None:
    form.donor_category_id.choices = [("", "—"), *donor_category_choices(db.session)]


@bp.route("/")
@allow(STAFF)
def index():
    filters = PartnerFilterForm(request.args)
    filters.category.choices = [("", _("All categories")), *donor_category_choices(db.session)]
    filters.validate()
    query = partner_query(
        q=filters.q.data,
        type=filters.type.data if not filters.type.errors else None,
        donor_category_id=filters.category.data if not filters.category.errors else None,
        sort=(sort := PARTNER_SORTING.requested()),
    ).options(selectinload(Partner.donor_category))
    page = db.paginate(query, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    return render_template("partners/index.html", page=page, filters=filters, sort=sort)


@bp.route("/<int:partner_id>")
@allow(STAFF)
def detail(partner_id):
    partner = get_or_404(Partner, partner_id)
    sections = answers(partner_page, partner)
    return render_template("partners/detail.html", partner=partner, sections=sections, record=partner)


@bp.route("/new", methods=["GET", "POST"])
@allow(EDITORS)
def create():
    form = PartnerForm()
    _fill_choices(form)
    if partner := save_submitted(form, services.create_partner):
        db.session.commit()
        flash(_("Partner %(name)s registered.", name=partner.name), "success")
        return redirect(url_for("partners.detail", partner_id=partner.id))
    return render_template("partners/form.html", form=form, partner=None, suggested_ref=services.suggest_partner_ref())


@bp.route("/<int:partner_id>/edit", methods=["GET", "POST"])
@allow(EDITORS)
def edit(partner_id):
    partner = get_or_404(Partner, partner_id)
    form = PartnerForm(obj=partner)
    _fill_choices(form)
    if save_submitted(form, lambda values: services.update_partner(partner, values), record=partner):
        db.session.commit()
        flash(_("Partner %(name)s saved.", name=partner.name), "success")
        return redirect(url_for("partners.detail", partner_id=partner.id))
    return render_template("partners/form.html", form=form, partner=partner)
