from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.access import ADMINS, DOWNLOADERS, PERSONAL_DATA, allow, ask_for_password, is_fresh
from portal.db import utcnow
from portal.exchange import services, tasks
from portal.exchange.forms import ConfirmForm, UploadForm
from portal.exchange.iati import ReportingOrg, ReportingOrgMissing
from portal.extensions import db
from portal.i18n import current_language
from portal.jobs import queries as job_queries
from portal.jobs import services as job_services
from portal.jobs.models import JobStatus
from portal.queue import enqueue_after_commit

bp = Blueprint("exchange", __name__, url_prefix="/exchange")

DEFAULT_MAX_UPLOAD = 8 * 2**20


def _max_upload() -> int:
    return current_app.config.get("EXCHANGE_MAX_UPLOAD", DEFAULT_MAX_UPLOAD)


def _iati_problem():
    try:
        ReportingOrg.from_config(current_app.config)
    except ReportingOrgMissing as missing:
        return missing.message
    return None


def _start(kind: str, task, **settings):
    """Record a job for the signed-in user, queue its task once committed, and show its page."""
    job = job_services.create_job(kind, user_id=current_user.id, language=current_language(), **settings)
    enqueue_after_commit(task.s(job.id))
    db.session.commit()
    return redirect(url_for("jobs.detail", job_id=job.id))


@bp.route("/")
@allow(DOWNLOADERS)
def index():
    return render_template("exchange/index.html", form=UploadForm(), iati_problem=_iati_problem())


@bp.route("/export", methods=["POST"])
@allow(DOWNLOADERS)
def export():
    personal_data = current_user.role in PERSONAL_DATA
    if personal_data and not is_fresh():
        return ask_for_password(url_for("exchange.index"))
    name = f"portfolio-{utcnow():%Y-%m-%d}{'' if personal_data else '-without-personal-data'}.xlsx"
    params = {"download_name": name, "audit": {"details": {"what": "portfolio workbook with personal data"}}}
    return _start("export", tasks.export_workbook, params=params, personal_data=personal_data)


@bp.route("/iati", methods=["POST"])
@allow(DOWNLOADERS)
def iati():
    problem = _iati_problem()
    if problem:
        flash(problem, "warning")
        return redirect(url_for("exchange.index"))
    return _start("iati", tasks.export_iati)


@bp.route("/iati/publish", methods=["POST"])
@allow(ADMINS)
def publish_iati():
    problem = _iati_problem()
    if problem:
        flash(problem, "warning")
        return redirect(url_for("exchange.index"))
    return _start("iati_publication", tasks.publish_iati)


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
            token = services.store_upload(services.upload_folder(), stream)
            title = form.workbook.data.filename
            return _start("check", tasks.check_workbook, params={"upload": token, "title": title})
    return render_template("exchange/index.html", form=form, iati_problem=_iati_problem())


def _checked_or_404(job_id: str):
    job = job_queries.readable_job(current_user, job_id)
    if job is None or job.kind != "check":
        abort(404)
    return job


@bp.route("/checks/<job_id>/import", methods=["POST"])
@allow(ADMINS)
def confirm(job_id):
    check = _checked_or_404(job_id)
    summary = check.summary or {}
    if summary.get("import_job"):
        return redirect(url_for("jobs.detail", job_id=summary["import_job"]))
    token = check.params.get("upload")
    if (
        not ConfirmForm().validate_on_submit()
        or check.status != JobStatus.DONE
        or summary.get("discarded")
        or services.upload_path(services.upload_folder(), token) is None
    ):
        flash(_("There is no checked workbook to import: upload it again."), "warning")
        return redirect(url_for("exchange.index"))
    job = job_services.create_job(
        "import", user_id=current_user.id, language=current_language(), params={**check.params, "check": check.id}
    )
    job_services.update_summary(check, import_job=job.id)
    enqueue_after_commit(tasks.import_workbook.s(job.id))
    db.session.commit()
    return redirect(url_for("jobs.detail", job_id=job.id))


@bp.route("/checks/<job_id>/cancel", methods=["POST"])
@allow(ADMINS)
def cancel(job_id):
    check = _checked_or_404(job_id)
    if check.status == JobStatus.DONE and not (check.summary or {}).get("import_job"):
        services.discard_upload(services.upload_folder(), check.params.get("upload"))
        job_services.update_summary(check, discarded=True)
        db.session.commit()
        flash(_("The uploaded workbook was discarded; nothing was imported."), "info")
    return redirect(url_for("exchange.index"))
