from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from portal.db import utcnow
from portal.extensions import db
from portal.jobs.models import Job, JobStatus
from portal.jobs.progress import clear_progress, read_progress


def result_folder() -> Path:
    """Where jobs keep their result files: JOB_RESULT_FOLDER, else jobs/ in the instance folder."""
    return Path(current_app.config.get("JOB_RESULT_FOLDER") or Path(current_app.instance_path) / "jobs")


def create_job(kind: str, *, user_id: int | None, language: str, params: dict | None = None, personal_data=False):
    """Record a job to be run by the worker; the caller queues its task once this commits."""
    job = Job(kind=kind, user_id=user_id, language=language, params=params or {}, personal_data=personal_data)
    db.session.add(job)
    db.session.flush()
    return job


def start_job(job: Job) -> None:
    """Mark a queued job as running."""
    job.status = JobStatus.RUNNING
    job.started_at = utcnow()
    db.session.flush()


def finish_job(job: Job, *, summary: dict | None = None, result_file: str | None = None, download_name=None) -> None:
    """Mark a job as done, with its summary and result file (inside result_folder())."""
    job.status = JobStatus.DONE
    job.finished_at = utcnow()
    job.summary = summary
    job.result_file = result_file
    job.download_name = download_name
    db.session.flush()
    clear_progress(job.id)


def fail_job(job: Job, errors: dict) -> None:
    """Mark a job as failed, with the full report of why."""
    job.status = JobStatus.FAILED
    job.finished_at = utcnow()
    job.errors = errors
    db.session.flush()
    clear_progress(job.id)


def update_summary(job: Job, **values) -> None:
    """Add values to a finished job's summary (the import a check led to)."""
    job.summary = {**(job.summary or {}), **values}
    db.session.flush()


def remove_result(job: Job) -> None:
    """Delete a job's result file; the job stays, without it."""
    if job.result_file:
        (result_folder() / job.result_file).unlink(missing_ok=True)
        job.result_file = None
        db.session.flush()


def fail_if_abandoned(job: Job) -> bool:
    """Mark a running job failed if its worker stopped beating (crashed, killed): its transaction rolled back."""
    if job.status != JobStatus.RUNNING:
        return False
    progress = read_progress(job.id)
    if progress is not None and not progress.is_stale:
        return False
    with force_locale(job.language):
        message = _("The worker running this job stopped before it ended; nothing it did was kept. Start it again.")
    fail_job(job, {"message": message})
    return True
