import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from portal.accounts.access import EDITORS, STAFF, allow
from portal.db import get_or_404
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.funding.models import Contribution
from portal.i18n import lazy_gettext as _l
from portal.partners import services
from portal.partners.forms import PartnerFilterForm, PartnerForm
from portal.partners.models import Partner

bp = Blueprint("partners", __name__, url_prefix="/partners")


@bp.route("/")
@allow(STAFF)
def index():
    filters = PartnerFilterForm(request.args)
    filters.category.choices = services.donor_category_choices(_l("All categories"))
    filters.validate()
    query = services.partner_query(
        q=filters.q.data,
        type=filters.type.data if not filters.type.errors else None,
        donor_category_id=filters.category.data if not filters.category.errors else None,
    ).options(selectinload(Partner.donor_category))
    page = db.paginate(query, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    return render_template("partners/index.html", page=page, filters=filters)


@bp.route("/<int:partner_id>")
@allow(STAFF)
def detail(partner_id):
    partner = get_or_404(Partner, partner_id)
    contributions = db.session.scalars(
        sa.select(Contribution)
        .where(Contribution.donor_id == partner.id)
        .options(selectinload(Contribution.project))
        .order_by(Contribution.signed_on.desc())
    ).all()
    return render_template("partners/detail.html", partner=partner, contributions=contributions, record=partner)


@bp.route("/new", methods=["GET", "POST"])
@allow(EDITORS)
def create():
    form = PartnerForm()
    form.donor_category_id.choices = services.donor_category_choices()
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
    form.donor_category_id.choices = services.donor_category_choices()
    if save_submitted(form, lambda values: services.update_partner(partner, values), record=partner):
        db.session.commit()
        flash(_("Partner %(name)s saved.", name=partner.name), "success")
        return redirect(url_for("partners.detail", partner_id=partner.id))
    return render_template("partners/form.html", form=form, partner=partner)
