import sqlalchemy as sa
from flask import Blueprint, abort, render_template, send_file
from flask_login import current_user

from portal.accounts.access import PERSONAL_DATA, STAFF, allow, ask_for_password, is_fresh
from portal.audit.services import record_event
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.jobs import queries, services
from portal.jobs.progress import read_progress

bp = Blueprint("jobs", __name__, url_prefix="/jobs")

STAGE_LABELS = {
    "starting": _l("Starting"),
    "reading": _l("Reading and checking"),
    "writing": _l("Writing"),
    "rendering": _l("Rendering"),
}
#: seconds between two reloads of a job's page while it waits or runs
REFRESH = 2


def _job_or_404(job_id: str):
    job = queries.readable_job(current_user, job_id)
    if job is None:
        abort(404)
    return job


@bp.route("/")
@allow(STAFF)
def index():
    return render_template("jobs/index.html", jobs=queries.user_jobs(current_user.id))


@bp.route("/<job_id>")
@allow(STAFF)
def detail(job_id):
    job = _job_or_404(job_id)
    abandoned = services.fail_if_abandoned(job)
    if abandoned:
        try:
            db.session.commit()
            abandoned = False
        except sa.exc.OperationalError:
            # SQLite: another job holds the write lock until it ends; the hourly tidy_jobs records this failure
            db.session.rollback()
    progress = None if job.is_finished or abandoned else read_progress(job.id)
    return render_template(
        "jobs/detail.html",
        job=job,
        abandoned=abandoned,
        progress=progress,
        stage_labels=STAGE_LABELS,
        refresh=None if job.is_finished or abandoned else REFRESH,
        may_download=job.result_file is not None and (not job.personal_data or current_user.role in PERSONAL_DATA),
    )


@bp.route("/<job_id>/download")
@allow(STAFF)
def download(job_id):
    job = _job_or_404(job_id)
    if job.result_file is None:
        abort(404)
    if job.personal_data:
        if current_user.role not in PERSONAL_DATA:
            abort(403)
        if not is_fresh():
            return ask_for_password()
        audit = job.params.get("audit", {})
        record = tuple(audit["record"]) if audit.get("record") else None
        record_event("export", record, {**audit.get("details", {"what": job.kind}), "job": job.id})
        db.session.commit()
    path = services.result_folder() / job.result_file
    if not path.is_file():
        abort(404)
    response = send_file(path, as_attachment=True, download_name=job.download_name or path.name)
    if job.personal_data:
        response.headers["Cache-Control"] = "no-store"  # security.md S15
    return response
