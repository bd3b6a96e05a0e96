from datetime import timedelta

from huey import crontab

from portal import queue
from portal.db import utcnow
from portal.extensions import db
from portal.jobs import queries, services

#: how long a job's result file is kept
RESULT_LIFETIME = timedelta(days=1)


@queue.periodic_task(crontab(minute="5"))
def tidy_jobs() -> None:
    """Every hour: remove result files older than RESULT_LIFETIME, and fail running jobs whose worker died."""
    for job in queries.jobs_with_results_before(utcnow() - RESULT_LIFETIME):
        services.remove_result(job)
    for job in queries.running_jobs():
        services.fail_if_abandoned(job)
    db.session.commit()
