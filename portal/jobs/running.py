"""Running a job in the worker: the job's work and its outcome commit together, or the work is rolled back and the
job alone is marked failed, with the report of why, in its starter's language."""

import logging
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _

from portal.audit.services import acting_as
from portal.extensions import db
from portal.jobs import services
from portal.jobs.models import Job, JobStatus
from portal.jobs.progress import Reporter

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """Raised by a job's work: nothing it did is kept, and `errors` (JSON) is the report its page shows."""

    def __init__(self, errors: dict):
        super().__init__(errors)
        self.errors = errors


@dataclass
class Outcome:
    #: JSON for the job's page
    summary: dict | None = None
    #: a file the work wrote inside services.result_folder()
    result_file: str | None = None
    download_name: str | None = None


def perform(job_id: str, work) -> None:
    """Run `work(job, reporter) -> Outcome` for a queued job, in its starter's language and on their behalf."""
    job = db.session.get(Job, job_id)
    if job is None or job.status != JobStatus.QUEUED:
        return
    reporter = Reporter(job.id)
    reporter.stage("starting")  # a heartbeat before the job is seen running
    services.start_job(job)
    db.session.commit()
    language, kind, source = job.language, job.kind, "web" if job.user_id else "cli"
    try:
        with force_locale(language), acting_as(job.user_id, source), reporter.beating():
            outcome = work(job, reporter)
            services.finish_job(
                job,
                summary=outcome.summary,
                result_file=outcome.result_file,
                download_name=outcome.download_name,
            )
            db.session.commit()
    except JobFailed as failure:
        db.session.rollback()
        services.fail_job(job, failure.errors)
        db.session.commit()
    except Exception:
        db.session.rollback()
        logger.exception("job %s (%s) failed", job_id, kind)
        with force_locale(language):
            message = _("The job stopped on an unexpected error; nothing it did was kept.")
        services.fail_job(job, {"message": message})
        db.session.commit()
