import io
from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, send_file, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.access import ADMINS, DOWNLOADERS, PERSONAL_DATA, allow, ask_for_password, is_fresh
from portal.audit.services import record_event
from portal.db import utcnow
from portal.errors import DomainError
from portal.exchange import services
from portal.exchange.forms import ConfirmForm, UploadForm
from portal.exchange.iati import ReportingOrg, ReportingOrgMissing
from portal.extensions import db

bp = Blueprint("exchange", __name__, url_prefix="/exchange")

#: who may download the workbook (managers without personal data)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFAULT_MAX_UPLOAD = 8 * 2**20


def _upload_folder() -> Path:
    return Path(current_app.config.get("EXCHANGE_UPLOAD_FOLDER") or Path(current_app.instance_path) / "exchange")


def _max_upload() -> int:
    return current_app.config.get("EXCHANGE_MAX_UPLOAD", DEFAULT_MAX_UPLOAD)


@bp.route("/")
@allow(DOWNLOADERS)
def index():
    try:
        ReportingOrg.from_config(current_app.config)
        iati_problem = None
    except ReportingOrgMissing as missing:
        iati_problem = missing.message
    return render_template("exchange/index.html", form=UploadForm(), iati_problem=iati_problem)


@bp.route("/export.xlsx")
@allow(DOWNLOADERS)
def export():
    personal_data = current_user.role in PERSONAL_DATA
    if personal_data and not is_fresh():
        return ask_for_password()
    buffer = io.BytesIO()
    services.export_workbook(buffer, personal_data=personal_data)
    buffer.seek(0)
    if personal_data:
        record_event("export", None, {"what": "portfolio workbook with personal data"})
        db.session.commit()
    name = f"portfolio-{utcnow():%Y-%m-%d}{'' if personal_data else '-without-personal-data'}.xlsx"
    return send_file(buffer, mimetype=XLSX, as_attachment=True, download_name=name)


@bp.route("/upload", methods=["POST"])
@allow(ADMINS)
def upload():
    form = UploadForm()
    if form.validate_on_submit():
        stream = form.workbook.data.stream
        problem = services.check_workbook_file(form.workbook.data.filename, stream, max_size=_max_upload())
        if problem:
            form.workbook.errors.append(problem)
        else:
            services.discard_upload(_upload_folder(), session.pop("exchange_upload", None))
            token = services.store_upload(_upload_folder(), stream)
            report = services.import_workbook(services.upload_path(_upload_folder(), token), dry_run=True)
            db.session.rollback()
            if report.ok:
                session["exchange_upload"] = token
            else:
                services.discard_upload(_upload_folder(), token)
            return render_template(
                "exchange/report.html",
                report=report,
                confirm_form=ConfirmForm(),
                form=UploadForm(formdata=None),
                dry_run=True,
            )
    return render_template("exchange/index.html", form=form)


@bp.route("/confirm", methods=["POST"])
@allow(ADMINS)
def confirm():
    form = ConfirmForm()
    token = session.get("exchange_upload")
    path = services.upload_path(_upload_folder(), token)
    if not form.validate_on_submit() or path is None:
        flash(_("There is no checked workbook to import: upload it again."), "warning")
        return redirect(url_for("exchange.index"))
    try:
        report = services.import_workbook(path, actor=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for("exchange.index"))
    finally:
        session.pop("exchange_upload", None)
        services.discard_upload(_upload_folder(), token)
    if not report.written:
        db.session.rollback()
        return render_template(
            "exchange/report.html", report=report, confirm_form=None, form=UploadForm(formdata=None), dry_run=False
        )
    db.session.commit()
    created = sum(counts.created for counts in report.counts.values())
    updated = sum(counts.updated for counts in report.counts.values())
    flash(
        _("Workbook imported: %(created)d rows created, %(updated)d updated.", created=created, updated=updated),
        "success",
    )
    return redirect(url_for("exchange.index"))


@bp.route("/cancel", methods=["POST"])
@allow(ADMINS)
def cancel():
    services.discard_upload(_upload_folder(), session.pop("exchange_upload", None))
    flash(_("The uploaded workbook was discarded; nothing was imported."), "info")
    return redirect(url_for("exchange.index"))
