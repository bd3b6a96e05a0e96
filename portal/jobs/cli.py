import click
from flask import current_app
from flask.cli import AppGroup

from portal.jobs import queue

jobs_cli = AppGroup("jobs", help="Background tasks.")


@jobs_cli.command("worker")
@click.option("--workers", type=click.IntRange(min=1), help="Threads running tasks (default: TASK_WORKERS).")
def worker(workers):
    """Run queued tasks until stopped: SIGTERM waits for the running tasks, SIGINT (Ctrl-C) stops at once."""
    queue.consumer(workers or current_app.config["TASK_WORKERS"]).run()


COMMANDS = (jobs_cli,)
