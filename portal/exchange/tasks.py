"""The exchange's work as jobs of the task worker: checking and importing an uploaded workbook, exporting the
workbook and the IATI file. Each calls the same services as the command line."""

from flask_babel import gettext as _

from portal import queue
from portal.accounts.models import User
from portal.errors import DomainError
from portal.exchange import services
from portal.exchange.iati import ReportingOrgMissing, portfolio_activities
from portal.extensions import db
from portal.jobs.running import JobFailed, Outcome, perform
from portal.jobs.services import result_folder
from portal.reference.rates import MissingRate


def _upload(job):
    path = services.upload_path(services.upload_folder(), job.params.get("upload"))
    if path is None:
        raise JobFailed({"message": _("There is no checked workbook to import: upload it again.")})
    return path


def _check(job, reporter) -> Outcome:
    path = _upload(job)
    reporter.stage("reading", total=services.workbook_rows(path))
    report = services.import_workbook(path, dry_run=True, progress=reporter)
    db.session.rollback()
    if not report.ok:
        services.discard_upload(services.upload_folder(), job.params["upload"])
        raise JobFailed({"report": services.report_json(report)})
    return Outcome(summary={"report": services.report_json(report)})


def _import(job, reporter) -> Outcome:
    path = _upload(job)
    actor = db.session.get(User, job.user_id) if job.user_id else None
    reporter.stage("reading", total=services.workbook_rows(path))
    try:
        report = services.import_workbook(path, actor=actor, progress=reporter)
    except DomainError as error:
        raise JobFailed({"message": str(error.message)}) from error
    finally:
        services.discard_upload(services.upload_folder(), job.params["upload"])
    if not report.written:
        raise JobFailed({"report": services.report_json(report)})
    return Outcome(summary={"report": services.report_json(report)})


def _result_path(job, suffix: str):
    folder = result_folder()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{job.id}{suffix}"


def _export(job, reporter) -> Outcome:
    reporter.stage("writing", total=services.export_rows(personal_data=job.personal_data))
    path = _result_path(job, ".xlsx")
    services.export_workbook(path, personal_data=job.personal_data, progress=reporter)
    return Outcome(result_file=path.name, download_name=job.params["download_name"])


def _iati(job, reporter) -> Outcome:
    reporter.stage("writing")
    try:
        xml = portfolio_activities()
    except MissingRate as error:
        raise JobFailed(
            {"message": _("No exchange rate for %(currency)s in %(year)s.", currency=error.currency, year=error.year)}
        ) from error
    except ReportingOrgMissing as error:
        raise JobFailed({"message": str(error.message)}) from error
    path = _result_path(job, ".xml")
    path.write_bytes(xml)
    return Outcome(result_file=path.name, download_name="iati-activities.xml")


def _publish(job, reporter) -> Outcome:
    reporter.stage("writing")
    actor = db.session.get(User, job.user_id) if job.user_id else None
    try:
        publication = services.publish_iati(actor)
    except MissingRate as error:
        raise JobFailed(
            {"message": _("No exchange rate for %(currency)s in %(year)s.", currency=error.currency, year=error.year)}
        ) from error
    except ReportingOrgMissing as error:
        raise JobFailed({"message": str(error.message)}) from error
    return Outcome(summary={"publication": publication.id, "activities": publication.activities})


@queue.task()
def check_workbook(job_id: str) -> None:
    perform(job_id, _check)


@queue.task()
def import_workbook(job_id: str) -> None:
    perform(job_id, _import)


@queue.task()
def export_workbook(job_id: str) -> None:
    perform(job_id, _export)


@queue.task()
def export_iati(job_id: str) -> None:
    perform(job_id, _iati)


@queue.task()
def publish_iati(job_id: str) -> None:
    perform(job_id, _publish)
