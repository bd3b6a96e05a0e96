from flask import current_app
from flask_babel import gettext as _

from portal import queue
from portal.accounts.models import User
from portal.extensions import db
from portal.jobs.running import JobFailed, Outcome, perform
from portal.pdf import PdfRenderError
from portal.reference.rates import MissingRate
from portal.reports import documents, queries, services


def _publish(job, reporter) -> Outcome:
    reporter.stage("rendering")
    year, filters = job.params["year"], queries.Filters(**job.params["filters"])
    publisher = db.session.get(User, job.user_id) if job.user_id else None
    if publisher is None:
        raise JobFailed({"message": _("The account that asked for this job no longer exists.")})
    try:
        figures = queries.key_figures(
            db.session, year, reporting_currency=current_app.config["REPORTING_CURRENCY"], filters=filters
        )
        pdf = documents.key_figures_pdf(figures)
    except MissingRate as error:
        message = _(
            "The exchange rate of %(currency)s for %(year)s is missing: add it to the reference data to see these "
            "figures.",
            currency=error.currency,
            year=error.year,
        )
        raise JobFailed({"message": message}) from error
    except PdfRenderError as error:
        raise JobFailed({"message": str(error.message)}) from error
    services.publish_key_figures(figures, pdf=pdf, language=job.language, actor=publisher)
    return Outcome(summary={"message": _("The key figures of %(year)s are published.", year=year)})


@queue.task()
def publish_key_figures(job_id: str) -> None:
    perform(job_id, _publish)
