"""The organisation's profile (admins): the name, logo, signatory and signature that certificates print."""

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from portal.accounts.access import ADMINS, allow
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.organisation import queries, services
from portal.organisation.forms import OrganisationForm
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
