from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.accounts.access import ADMINS, allow
from portal.db import get_or_404
from portal.errors import DomainError
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.i18n import lazy_gettext as _l
from portal.reference import services
from portal.reference.forms import CodeNameForm, DutyStationForm, ExchangeRateForm, ThematicAreaForm
from portal.reference.models import DonorCategory, DutyStation, ExchangeRate, Region, ThematicArea
from portal.reference.queries import entry_counts, reference_query

bp = Blueprint("reference", __name__, url_prefix="/admin/reference")


@dataclass(frozen=True)
class Kind:
    model: type
    form: type
    title: object
    #: (label, attribute, format) for the list; format is "text", "translation", "country", "date" or "rate"
    columns: tuple
    order: tuple
    #: the text written in English, French and Russian (`<field>`, `<field>_fr`, `<field>_ru`), if any
    translated: str | None = None


CODE_NAME = (
    (_l("Code"), "code", "text"),
    (_l("Name"), "name", "text"),
    (_l("Name in French"), "name_fr", "translation"),
    (_l("Name in Russian"), "name_ru", "translation"),
)

KINDS = {
    "regions": Kind(Region, CodeNameForm, _l("Regions"), CODE_NAME, (Region.code,), "name"),
    "thematic-areas": Kind(
        ThematicArea,
        ThematicAreaForm,
        _l("Thematic areas"),
        (*CODE_NAME, (_l("DAC sectors"), "dac_sectors", "text")),
        (ThematicArea.code,),
        "name",
    ),
    "donor-categories": Kind(
        DonorCategory, CodeNameForm, _l("Donor categories"), CODE_NAME, (DonorCategory.code,), "name"
    ),
    "exchange-rates": Kind(
        ExchangeRate,
        ExchangeRateForm,
        _l("Exchange rates"),
        ((_l("Currency"), "currency", "text"), (_l("Year"), "year", "text"), (_l("Rate"), "rate", "rate")),
        (ExchangeRate.year.desc(), ExchangeRate.currency),
    ),
    "duty-stations": Kind(
        DutyStation,
        DutyStationForm,
        _l("Duty stations"),
        (
            (_l("Reference"), "ref", "text"),
            (_l("City"), "city", "text"),
            (_l("City in French"), "city_fr", "translation"),
            (_l("City in Russian"), "city_ru", "translation"),
            (_l("Country"), "country", "country"),
            (_l("Opened on"), "opened_on", "date"),
            (_l("Closed on"), "closed_on", "date"),
        ),
        (DutyStation.ref,),
        "city",
    ),
}


def _kind(name: str) -> Kind:
    if name not in KINDS:
        abort(404)
    return KINDS[name]


@bp.route("/")
@allow(ADMINS)
def index():
    counts = {name: entry_counts(db.session, kind.model, kind.translated) for name, kind in KINDS.items()}
    return render_template("reference/index.html", kinds=KINDS, counts=counts)


@bp.route("/<kind_name>/")
@allow(ADMINS)
def list_items(kind_name):
    kind = _kind(kind_name)
    q = request.args.get("q", "").strip()
    missing = bool(kind.translated and request.args.get("missing"))
    query = reference_query(kind.model, q, kind.order, untranslated_field=kind.translated if missing else None)
    items = db.session.scalars(query).all()
    return render_template("reference/list.html", kind=kind, kind_name=kind_name, items=items, q=q, missing=missing)


@bp.route("/<kind_name>/new", methods=["GET", "POST"])
@allow(ADMINS)
def create_item(kind_name):
    kind = _kind(kind_name)
    form = kind.form()
    if save_submitted(form, lambda values: services.create_reference_item(kind.model, values)):
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("reference.list_items", kind_name=kind_name))
    return render_template("reference/form.html", kind=kind, kind_name=kind_name, form=form, item=None)


@bp.route("/<kind_name>/<int:item_id>", methods=["GET", "POST"])
@allow(ADMINS)
def edit_item(kind_name, item_id):
    kind = _kind(kind_name)
    item = get_or_404(kind.model, item_id)
    form = kind.form(obj=item)
    if save_submitted(form, lambda values: services.update_reference_item(item, values), record=item):
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("reference.list_items", kind_name=kind_name))
    return render_template("reference/form.html", kind=kind, kind_name=kind_name, form=form, item=item)


@bp.route("/<kind_name>/<int:item_id>/delete", methods=["POST"])
@allow(ADMINS)
def delete_item(kind_name, item_id):
    kind = _kind(kind_name)
    item = get_or_404(kind.model, item_id)
    try:
        services.delete_reference_item(item)
    except DomainError as error:
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("Deleted."), "success")
    return redirect(url_for("reference.list_items", kind_name=kind_name))
