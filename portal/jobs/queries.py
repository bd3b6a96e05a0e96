import re
from datetime import datetime

import sqlalchemy as sa

from portal.accounts.models import Role
from portal.extensions import db
from portal.jobs.models import Job, JobStatus

#: what new_job_id() makes; anything else in a URL is no job
_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")


def may_read_job(viewer, job: Job) -> bool:
    """Only the job's starter and admins see a job; nobody sees one started from the command line but admins."""
    return viewer.role == Role.ADMIN or (job.user_id is not None and job.user_id == viewer.id)


def readable_job(viewer, job_id: str) -> Job | None:
    """The job, if `viewer` may read it; else None, as if it did not exist."""
    if not _ID.fullmatch(job_id):
        return None
    job = db.session.get(Job, job_id)
    return job if job is not None and may_read_job(viewer, job) else None


def user_jobs(user_id: int, limit: int = 50) -> list[Job]:
    """A user's latest jobs, newest first."""
    return list(
        db.session.scalars(
            sa.select(Job).where(Job.user_id == user_id).order_by(Job.created_at.desc(), Job.id).limit(limit)
        )
    )


def running_jobs() -> list[Job]:
    """Every job marked as running."""
    return list(db.session.scalars(sa.select(Job).where(Job.status == JobStatus.RUNNING)))


def jobs_with_results_before(moment: datetime) -> list[Job]:
    """Finished jobs whose result file was made before `moment`."""
    return list(db.session.scalars(sa.select(Job).where(Job.result_file.is_not(None), Job.finished_at < moment)))
