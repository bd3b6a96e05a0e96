import time

import sqlalchemy as sa

from portal.extensions import db
from portal.jobs.models import Job

#: generous: the machine may be busy; a job that never ends fails the test rather than hanging it
DEADLINE = 120


def finished(job_id: str) -> Job:
    """Wait for the task worker to end a job, and return it as committed."""
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        db.session.rollback()  # a new transaction, which sees what the worker committed
        job = db.session.get(Job, job_id)
        if job is not None and job.is_finished:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not end")


def job_id_of(response) -> str:
    """The job whose page a response redirects to."""
    assert response.status_code == 302, response.get_data(as_text=True)
    location = response.headers["Location"]
    assert location.startswith("/jobs/"), location
    return location.removeprefix("/jobs/")


def latest_job() -> Job:
    db.session.rollback()
    return db.session.scalars(sa.select(Job).order_by(Job.created_at.desc())).first()
