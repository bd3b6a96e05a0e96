from datetime import date
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from huey import crontab

from portal import queue
from portal.errors import DomainError
from portal.events.models import Event
from portal.extensions import db
from portal.jobs.running import JobFailed, Outcome, perform
from portal.jobs.services import result_folder
from portal.participants import documents, personal_data, queries


@queue.periodic_task(crontab(hour="3", minute="15"))
def apply_retention_rule() -> int:
    """Every night: anonymise the people the retention rule names (PERSONAL_DATA_RETENTION_YEARS; 0 keeps all)."""
    years = current_app.config["PERSONAL_DATA_RETENTION_YEARS"]
    if not years:
        return 0
    anonymised = personal_data.apply_retention(queries.retention_due(date.today(), years), years=years)
    db.session.commit()
    return anonymised


def _event_document(job, reporter) -> Outcome:
    event = db.session.get(Event, job.params["event_id"])
    if event is None:
        raise JobFailed({"message": _("The event no longer exists.")})
    document = job.params["document"]
    attendances = queries.event_attendances(event.id, attended_only=document == "certificates")
    reporter.stage("rendering", total=len(attendances))
    try:
        name, content = documents.event_document(
            event, document, attendances, organiser=current_app.config["ORGANISATION_NAME"], progress=reporter
        )
    except DomainError as error:
        raise JobFailed({"message": str(error.message)}) from error
    folder = result_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{job.id}{Path(name).suffix}"
    path.write_bytes(content)
    return Outcome(summary={"rows": len(attendances)}, result_file=path.name, download_name=name)


@queue.task()
def prepare_event_document(job_id: str) -> None:
    """A large event's certificates or participant list, for the job's page to download."""
    perform(job_id, _event_document)
