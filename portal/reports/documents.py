"""The key-figures document: what the dashboard and the PDF show of a year's figures, and the PDF itself."""

import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from babel.numbers import format_compact_currency
from flask_babel import format_decimal, get_locale, ngettext
from flask_babel import gettext as _

from portal.extensions import db
from portal.formatting import money
from portal.i18n import country_name, mentions_kosovo
from portal.pdf import render_pdf
from portal.reports import charts, labels, maps, queries
from portal.reports.models import KeyFigureSnapshot


def key_figures_context(figures: queries.KeyFigures) -> dict:
    """What the key-figures PDF and the dashboard draw the figures with, in the reader's language."""
    drawn = _charts(figures)
    return {
        "figures": figures,
        "charts": drawn,
        "chart_images": {name: charts.data_uri(svg) for name, svg in drawn.items()},
        "growth": _growth(figures),
        "filter_names": filter_names(figures.filters.as_dict()),
        "show_kosovo": mentions_kosovo([*figures.country_codes, *figures.event_country_codes]),
        "country_names": _country_names(figures.country_codes),
        "organisation_facts": organisation_facts(figures),
        "labels": labels,
        "color": charts.color,
        "today": date.today(),
    }


def organisation_facts(figures: queries.KeyFigures) -> list[str]:
    """The organisation's own facts as the annual report writes them ("463 employees"); those not entered are left
    out."""
    facts = []
    if (n := figures.employees) is not None:
        facts.append(ngettext("%(count)s employee", "%(count)s employees", n, count=format_decimal(n)))
    if (n := figures.nationalities) is not None:
        facts.append(ngettext("%(count)s nationality", "%(count)s nationalities", n, count=format_decimal(n)))
    if (n := figures.member_states) is not None:
        facts.append(ngettext("%(count)s member state", "%(count)s member states", n, count=format_decimal(n)))
    return facts


def key_figures_pdf(figures: queries.KeyFigures) -> bytes:
    """The key-figures PDF, in the reader's language."""
    return render_pdf("key_figures.html", **key_figures_context(figures))


def filter_names(filters: dict, options: dict | None = None) -> list[tuple[str, str]]:
    """(label, name) of the filters in use, for headings; pass `options` (filter_options) to name many."""
    options = options if options is not None else queries.filter_options(db.session)
    titles = {"region": _("Region"), "donor_category": _("Donor category"), "dialogue": _("Dialogue")}
    return [(titles[key], dict(options[key]).get(code, code)) for key, code in filters.items() if code]


def snapshot_differences(snapshot: KeyFigureSnapshot, figures: queries.KeyFigures) -> list[tuple[str, str, str]]:
    """(figure, published value, live value) of each figure that changed since the snapshot was published."""
    names = {s.code: s.name for s in (*figures.implementation_by_region, *figures.implementation_by_funding)}
    return [
        (labels.path_label(d.path, names), _display(d.published, figures.currency), _display(d.live, figures.currency))
        for d in queries.differences(snapshot.figures, queries.key_figures_document(figures))
    ]


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
        "map": _map(figures),
    }


def _map(figures: queries.KeyFigures):
    """Where the year's projects worked and where its events took place."""
    projects = ", ".join(_country_names(figures.country_codes)) or "—"
    events = ", ".join(_country_names(figures.event_country_codes)) or "—"
    return maps.world_map(
        _("Where the organisation worked in %(year)s", year=figures.year),
        _(
            "The year's projects in: %(projects)s. Its events held in person in: %(events)s.",
            projects=projects,
            events=events,
        ),
        figures.country_codes,
        figures.event_country_codes,
        (_("Countries of the year's projects"), _("Countries of the year's events held in person")),
    )


def _growth(figures: queries.KeyFigures) -> Decimal | None:
    """The change of consolidated implementation on the year before, in percent (None without a base)."""
    years = dict(figures.implementation_by_year)
    before = years.get(figures.year - 1)
    if not before:
        return None
    return (years[figures.year] - before) * 100 / before


def _country_names(codes) -> list[str]:
    """Country names in the reader's language, in alphabetical order whatever their accents (Égypte after Chine)."""
    names = [country_name(code) for code in codes]
    return sorted(
        names,
        key=lambda name: "".join(
            c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
        ).casefold(),
    )
