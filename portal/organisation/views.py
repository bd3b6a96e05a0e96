"""The organisation's profile (admins): the name, logo, signatory and signature that certificates print; and its own
facts, which the key figures show: staff and nationalities by year, and the member states."""

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from portal.accounts.access import ADMINS, allow
from portal.db import get_or_404
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.organisation import queries, services
from portal.organisation.forms import MemberStateForm, OrganisationForm, OrganisationYearForm
from portal.organisation.models import MemberState, OrganisationYear
from portal.organisation.rules import MAX_IMAGE_BYTES

bp = Blueprint("organisation", __name__, url_prefix="/admin/organisation")


def _read(upload: FileStorage) -> bytes | None:
    """The uploaded file's bytes, None when no file was chosen; reading stops one byte past the limit, which is
    enough to refuse the file as too large."""
    try:
        return upload.read(MAX_IMAGE_BYTES + 1) if upload.filename else None
    finally:
        upload.close()


def _contents(values: dict) -> dict:
    return {name: _read(value) if isinstance(value, FileStorage) else value for name, value in values.items()}


@bp.route("/", methods=["GET", "POST"])
@allow(ADMINS)
def edit():
    record = queries.profile()
    form = OrganisationForm(obj=record)
    saved = save_submitted(
        form, lambda values: services.update_profile(_contents(values), folder=queries.image_folder()), record=record
    )
    if saved is not None:
        db.session.commit()
        flash(_("The organisation's profile is saved."), "success")
        return redirect(url_for("organisation.edit"))
    return render_template("organisation/edit.html", form=form, record=record)


@bp.route("/images/<name>")
@allow(ADMINS)
def image(name):
    path = queries.image_path(name)
    if path is None:
        abort(404)
    return send_file(path, mimetype=queries.IMAGE_TYPES[path.suffix], max_age=0)


@bp.route("/facts")
@allow(ADMINS)
def facts():
    return render_template(
        "organisation/facts.html",
        years=queries.organisation_years(db.session),
        members=queries.member_states(db.session),
    )


def _fact_form(form, save, record, title):
    if save_submitted(form, save, record=record) is not None:
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("organisation.facts"))
    return render_template("organisation/fact_form.html", form=form, record=record, title=title)


@bp.route("/years/new", methods=["GET", "POST"])
@allow(ADMINS)
def create_year():
    form = OrganisationYearForm()
    return _fact_form(form, services.save_organisation_year, None, _("Add a year's facts"))


@bp.route("/years/<int:year_id>", methods=["GET", "POST"])
@allow(ADMINS)
def edit_year(year_id):
    record = get_or_404(OrganisationYear, year_id)
    form = OrganisationYearForm(obj=record)
    return _fact_form(
        form,
        lambda values: services.save_organisation_year(values, record),
        record,
        _("The facts of %(year)s", year=record.year),
    )


@bp.route("/years/<int:year_id>/delete", methods=["POST"])
@allow(ADMINS)
def delete_year(year_id):
    services.delete_organisation_year(get_or_404(OrganisationYear, year_id))
    db.session.commit()
    flash(_("Deleted."), "success")
    return redirect(url_for("organisation.facts"))


@bp.route("/member-states/new", methods=["GET", "POST"])
@allow(ADMINS)
def create_member_state():
    form = MemberStateForm()
    return _fact_form(form, services.save_member_state, None, _("Add a member state"))


@bp.route("/member-states/<int:member_id>", methods=["GET", "POST"])
@allow(ADMINS)
def edit_member_state(member_id):
    record = get_or_404(MemberState, member_id)
    form = MemberStateForm(obj=record)
    return _fact_form(
        form, lambda values: services.save_member_state(values, record), record, _("Edit the member state")
    )


@bp.route("/member-states/<int:member_id>/delete", methods=["POST"])
@allow(ADMINS)
def delete_member_state(member_id):
    services.delete_member_state(get_or_404(MemberState, member_id))
    db.session.commit()
    flash(_("Deleted."), "success")
    return redirect(url_for("organisation.facts"))
