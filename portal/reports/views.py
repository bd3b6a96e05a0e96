import json
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from io import BytesIO

import sqlalchemy as sa
from babel.numbers import format_compact_currency
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice

from portal.accounts.access import PUBLISHERS, STAFF, allow
from portal.db import get_or_404
from portal.extensions import db
from portal.formatting import money
from portal.i18n import country_name, mentions_kosovo
from portal.pdf import PdfRenderError, render_pdf
from portal.query_args import link_args
from portal.reference.rates import MissingRate
from portal.reports import charts, exports, labels, queries, services
from portal.reports.forms import KeyFiguresForm, PublishForm
from portal.reports.models import KeyFigureSnapshot

bp = Blueprint("reports", __name__, url_prefix="/reports")

#: who may publish a year's key figures
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


def _short_money(currency: str):
    locale = str(get_locale() or "en")
    return lambda value: format_compact_currency(Decimal(str(value)), currency, locale=locale, fraction_digits=1)


def _charts(figures: queries.KeyFigures) -> dict:
    """The dashboard's and the PDF's charts, labelled in the reader's language."""
    short = _short_money(figures.currency)

    def counts(items, label):
        return [(str(label(c.code)), c.value) for c in items]

    return {
        "revenue": charts.donut(
            _("Consolidated implementation of resources"), [value for key, value in figures.revenue if key != "total"]
        ),
        "growth": charts.columns(
            _("Consolidated implementation"),
            [(str(year), value) for year, value in figures.implementation_by_year],
            short,
        ),
        "region": charts.donut(_("Implementation by region"), [s.amount for s in figures.implementation_by_region]),
        "funding": charts.donut(
            _("Implementation by funding structure"), [s.amount for s in figures.implementation_by_funding]
        ),
        "gender": charts.bars(
            _("Participants by gender"), counts(figures.participants_by_gender, labels.gender_label), format_decimal
        ),
        "sector": charts.bars(
            _("Participants by sector"), counts(figures.participants_by_sector, labels.sector_label), format_decimal
        ),
    }


def _growth(figures: queries.KeyFigures) -> Decimal | None:
    """The change of consolidated implementation on the year before, in percent (None without a base)."""
    years = dict(figures.implementation_by_year)
    before = years.get(figures.year - 1)
    if not before:
        return None
    return (years[figures.year] - before) * 100 / before


def _names(figures: queries.KeyFigures) -> dict[str, str]:
    return {s.code: s.name for s in (*figures.implementation_by_region, *figures.implementation_by_funding)}


def _filter_names(filters: dict, options: dict | None = None) -> list[tuple[str, str]]:
    """(label, name) of the filters in use, for headings; pass `options` (filter_options) to name many."""
    options = options if options is not None else queries.filter_options(db.session)
    titles = {"region": _("Region"), "donor_category": _("Donor category"), "dialogue": _("Dialogue")}
    return [(titles[key], dict(options[key]).get(code, code)) for key, code in filters.items() if code]


def _display(value, currency: str) -> str:
    """A published or live value of the key-figures document: money is a string of digits, counts are ints; the
    currency is a string too (it differs when REPORTING_CURRENCY changed since publishing)."""
    if value is None:
        return "—"
    if not isinstance(value, str):
        return format_decimal(value)
    try:
        return money(Decimal(value), currency)
    except InvalidOperation:
        return value


def _latest_snapshot(year: int, filters: queries.Filters) -> KeyFigureSnapshot | None:
    return db.session.scalar(
        sa.select(KeyFigureSnapshot)
        .where(
            KeyFigureSnapshot.year == year, KeyFigureSnapshot.filters == json.dumps(filters.as_dict(), sort_keys=True)
        )
        .order_by(KeyFigureSnapshot.published_at.desc(), KeyFigureSnapshot.id.desc())
        .limit(1)
    )


def _pdf(figures: queries.KeyFigures) -> bytes:
    return render_pdf("key_figures.html", **_document_context(figures))


def _country_names(codes) -> list[str]:
    """Country names in the reader's language, in alphabetical order whatever their accents (Égypte after Chine)."""
    names = [country_name(code) for code in codes]
    return sorted(
        names,
        key=lambda name: "".join(
            c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
        ).casefold(),
    )


def _document_context(figures: queries.KeyFigures) -> dict:
    drawn = _charts(figures)
    return {
        "figures": figures,
        "charts": drawn,
        "chart_images": {name: charts.data_uri(svg) for name, svg in drawn.items()},
        "growth": _growth(figures),
        "filter_names": _filter_names(figures.filters.as_dict()),
        "show_kosovo": mentions_kosovo(figures.country_codes),
        "country_names": _country_names(figures.country_codes),
        "labels": labels,
        "color": charts.color,
        "today": date.today(),
    }


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
            snapshot = _latest_snapshot(year, filters)
            differences = []
            if snapshot is not None:
                names = _names(figures)
                differences = [
                    (
                        labels.path_label(d.path, names),
                        _display(d.published, figures.currency),
                        _display(d.live, figures.currency),
                    )
                    for d in queries.differences(snapshot.figures, queries.key_figures_document(figures))
                ]
            context.update(
                _document_context(figures),
                snapshot=snapshot,
                differences=differences,
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
    pdf = _pdf(_figures(year, filters))
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
    figures = _figures(year, filters)
    pdf = _pdf(figures)
    services.publish_key_figures(figures, pdf=pdf, language=str(get_locale() or "en"), actor=current_user)
    db.session.commit()
    flash(_("The key figures of %(year)s are published.", year=year), "success")
    return redirect(url_for("reports.dashboard", **_args(year, filters)))


@bp.route("/snapshots")
@allow(STAFF)
def snapshots():
    page = db.paginate(
        sa.select(KeyFigureSnapshot)
        .order_by(KeyFigureSnapshot.year.desc(), KeyFigureSnapshot.published_at.desc(), KeyFigureSnapshot.id.desc())
        .options(selectinload(KeyFigureSnapshot.published_by)),
        per_page=current_app.config["ITEMS_PER_PAGE"],
    )
    options = queries.filter_options(db.session)
    filter_names = {snapshot.id: _filter_names(snapshot.filter_values, options) for snapshot in page.items}
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
