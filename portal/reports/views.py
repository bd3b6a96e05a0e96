from datetime import date
from io import BytesIO

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice

from portal.accounts.access import PUBLISHERS, STAFF, allow
from portal.db import get_or_404
from portal.extensions import db
from portal.i18n import current_language
from portal.jobs.services import create_job
from portal.pdf import PdfRenderError
from portal.query_args import link_args
from portal.queue import enqueue_after_commit
from portal.reference.rates import MissingRate
from portal.reports import documents, exports, queries, tasks
from portal.reports.forms import KeyFiguresForm, PublishForm
from portal.reports.models import KeyFigureSnapshot

bp = Blueprint("reports", __name__, url_prefix="/reports")

#: the filters of the dashboard, its PDF, exports and snapshots
FILTERS = ("region", "donor_category", "dialogue")


def _selection(formdata):
    """The filter form, and the year and Filters it asks for (None, None when the input is not valid)."""
    form = KeyFiguresForm(formdata=formdata)
    for name, choices in queries.filter_options(db.session).items():
        form[name].choices = [SelectChoice("", _("All")), *(SelectChoice(code, label) for code, label in choices)]
    if not form.validate():
        return form, None, None
    if form.year.data is None:
        form.year.data = queries.latest_year(db.session, date.today())
    filters = queries.Filters(**{name: form[name].data or None for name in FILTERS})
    return form, form.year.data, filters


def _figures(year: int, filters: queries.Filters) -> queries.KeyFigures:
    return queries.key_figures(
        db.session, year, reporting_currency=current_app.config["REPORTING_CURRENCY"], filters=filters
    )


def _missing_rate(error: MissingRate) -> str:
    return _(
        "The exchange rate of %(currency)s for %(year)s is missing: add it to the reference data to see these figures.",
        currency=error.currency,
        year=error.year,
    )


@bp.errorhandler(MissingRate)
def _rate_missing(error: MissingRate):
    return _back_to_dashboard(_missing_rate(error))


@bp.errorhandler(PdfRenderError)
def _pdf_failed(error: PdfRenderError):
    return _back_to_dashboard(str(error.message))


def _back_to_dashboard(message: str):
    """A PDF, an export or publishing could not be made: say why on the dashboard of the same selection."""
    flash(message, "danger")
    submitted = request.args if request.method == "GET" else request.form
    _form, year, filters = _selection(
        MultiDict({key: submitted[key] for key in ("year", *FILTERS) if submitted.get(key)})
    )
    return redirect(url_for("reports.dashboard", **(_args(year, filters) if year else {})))


def _args(year: int, filters: queries.Filters) -> dict:
    return {"year": year, **filters.as_dict()}


@bp.route("/")
@allow(STAFF)
def dashboard():
    form, year, filters = _selection(request.args)
    context = {"form": form, "figures": None, "error": None}
    if year is not None:
        try:
            figures = _figures(year, filters)
        except MissingRate as error:
            context["error"] = _missing_rate(error)
        else:
            snapshot = queries.latest_snapshot(db.session, year, filters)
            context.update(
                documents.key_figures_context(figures),
                snapshot=snapshot,
                differences=documents.snapshot_differences(snapshot, figures) if snapshot else [],
                args=_args(year, filters),
                breakdowns=exports.BREAKDOWNS,
                publish_form=PublishForm(formdata=None, year=year, **filters.as_dict()),
                can_publish=current_user.role in PUBLISHERS,
            )
    return render_template("reports/dashboard.html", **context)


@bp.route("/key-figures.pdf")
@allow(STAFF)
def key_figures_pdf():
    form, year, filters = _selection(request.args)
    if year is None:
        return redirect(url_for("reports.dashboard", **link_args()))
    pdf = documents.key_figures_pdf(_figures(year, filters))
    return send_file(
        BytesIO(pdf), mimetype="application/pdf", as_attachment=True, download_name=f"key-figures-{year}.pdf"
    )


@bp.route("/export/<breakdown>.<fmt>")
@allow(STAFF)
def export(breakdown, fmt):
    if breakdown not in exports.BREAKDOWNS or fmt not in ("csv", "xlsx"):
        abort(404)
    form, year, filters = _selection(request.args)
    if year is None:
        return redirect(url_for("reports.dashboard", **link_args()))
    header, rows = exports.breakdown_table(_figures(year, filters), breakdown)
    name = f"key-figures-{year}-{breakdown}.{fmt}"
    if fmt == "csv":
        return send_file(
            BytesIO(exports.as_csv(header, rows)), mimetype="text/csv", as_attachment=True, download_name=name
        )
    return send_file(
        BytesIO(exports.as_xlsx(f"{breakdown} {year}", header, rows)),
        as_attachment=True,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        download_name=name,
    )


@bp.route("/snapshots", methods=["POST"])
@allow(PUBLISHERS)
def publish():
    publish_form = PublishForm()
    form, year, filters = _selection(
        MultiDict({key: value for key, value in publish_form.data.items() if key in ("year", *FILTERS) and value})
    )
    if year is None or not publish_form.validate_on_submit():
        flash(_("Nothing was published: tick the box to confirm that the figures are final."), "danger")
        return redirect(url_for("reports.dashboard", **(_args(year, filters) if year else {})))
    _figures(year, filters)  # a missing rate is said at once, on the dashboard
    # the PDF takes a while: a job renders it and publishes the snapshot
    job = create_job(
        "snapshot",
        user_id=current_user.id,
        language=current_language(),
        params={"year": year, "filters": filters.as_dict(), "title": str(year)},
    )
    enqueue_after_commit(tasks.publish_key_figures.s(job.id))
    db.session.commit()
    return redirect(url_for("jobs.detail", job_id=job.id))


@bp.route("/snapshots")
@allow(STAFF)
def snapshots():
    page = db.paginate(queries.snapshots_newest_first(), per_page=current_app.config["ITEMS_PER_PAGE"])
    options = queries.filter_options(db.session)
    filter_names = {snapshot.id: documents.filter_names(snapshot.filter_values, options) for snapshot in page.items}
    return render_template("reports/snapshots.html", page=page, filter_names=filter_names)


@bp.route("/snapshots/<int:snapshot_id>.pdf")
@allow(STAFF)
def snapshot_pdf(snapshot_id):
    snapshot = get_or_404(KeyFigureSnapshot, snapshot_id)
    return send_file(
        BytesIO(snapshot.pdf),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"key-figures-{snapshot.year}-published-{snapshot.id}.pdf",
    )


@bp.route("/snapshots/<int:snapshot_id>.json")
@allow(STAFF)
def snapshot_json(snapshot_id):
    snapshot = get_or_404(KeyFigureSnapshot, snapshot_id)
    return send_file(
        BytesIO(snapshot.document.encode()),
        mimetype="application/json",
        as_attachment=True,
        download_name=f"key-figures-{snapshot.year}-published-{snapshot.id}.json",
    )
