import click
from flask import current_app
from flask.cli import AppGroup

from portal import queue
from portal.extensions import db
from portal.jobs import queries, services

jobs_cli = AppGroup("jobs", help="Background tasks.")


@jobs_cli.command("worker")
@click.option("--workers", type=click.IntRange(min=1), help="Threads running tasks (default: TASK_WORKERS).")
def worker(workers):
    """Run queued tasks until stopped: SIGTERM waits for the running tasks, SIGINT (Ctrl-C) stops at once."""
    # jobs left running by a worker that died are failed first: their transactions rolled back with it
    for job in queries.running_jobs():
        services.fail_if_abandoned(job)
    db.session.commit()
    queue.consumer(workers or current_app.config["TASK_WORKERS"]).run()


COMMANDS = (jobs_cli,)
