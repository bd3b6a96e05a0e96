"""Projects as IATI 2.03 activity XML.

Choices where IATI leaves room:
- the reporting organisation is the one the settings name (IATI_REPORTING_ORG_REF, _NAME, _TYPE); without its
  identifier and name nothing is exported, as every activity identifier is built from the identifier;
- status (ActivityStatus) from the project's status and dates: 1 Pipeline/identification for a pipeline project or
  before the start date, 4 Closed for a closed project, 3 Finalisation for an active project past its end date,
  else 2 Implementation;
- dates: planned start (1) and planned end (3) from the project's period; actual start (2) once a project that is
  not in the pipeline has started, actual end (4) once a finalising or closed project's end date has passed;
- titles and descriptions carry the project's French and Russian versions, where written, as narratives with their
  xml:lang;
- partners appear with their organisation identifier (@ref) when they have one;
- recipient countries share 100 % equally, in whole percentages split by largest remainder; so do the DAC sectors
  (vocabulary 1) of the project's thematic areas (reference data: each area names its sectors), 15190 without areas;
- collaboration, flow, finance and aid type: the defaults of the settings, for every activity (none where a
  setting is empty);
- budgets: the project's contributions (converted into the project's currency at the rates of their signing
  years when they are in another currency) spread over the calendar years of the project's period in proportion
  to its days in each year, to the cent; none for a project without an end date, whose years are unknown; type 1
  Original; status 1 Indicative, as the spread over years is an estimate, except 2 Committed for a project that is
  not in the pipeline and lies within one year, whose one budget is what its signed contributions bind;
- transactions: each contribution is an incoming commitment (11) on its signing date, each year's expenditure an
  expenditure (4) on 31 December of that year or on the activity's end date when it ended earlier; a date in the
  future becomes today, as IATI forbids them;
- results: each output is a result of type 1 (Output), each of its indicators an indicator measured in units (1),
  or in percentages (2) when its unit is %; the baseline is dated the project's start year; the target lies in one
  period over the project's whole period (none for a project without an end date), and each year's actual value in
  a period over that year (within the project's period), with its comment.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext
from lxml import etree
from sqlalchemy.orm import selectinload

from portal.db import utcnow
from portal.extensions import db
from portal.funding.models import Contribution
from portal.i18n import OTHER_LANGUAGES
from portal.i18n import lazy_gettext as _l
from portal.partners.models import PartnerType
from portal.partners.rules import iati_ref_problems
from portal.projects.models import (
    ImplementerRole,
    Project,
    ProjectIndicator,
    ProjectOutput,
    ProjectPartner,
    ProjectStatus,
)
from portal.reference import codelists
from portal.reference.models import MIGRATION_SECTOR
from portal.reference.rates import MissingRate, RateTable, largest_remainder

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

PIPELINE, IMPLEMENTATION, FINALISATION, CLOSED = "1", "2", "3", "4"
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
FUNDING, ACCOUNTABLE, IMPLEMENTING = "1", "2", "4"
#: the project roles that IATI calls implementing; an associate partner takes part without implementing
IMPLEMENTING_ROLES = (ImplementerRole.LEAD, ImplementerRole.CO_IMPLEMENTER, ImplementerRole.IMPLEMENTING_PARTNER)
EXPENDITURE, INCOMING_COMMITMENT = "4", "11"
ORIGINAL_BUDGET, INDICATIVE, COMMITTED = "1", "1", "2"
OUTPUT, UNITS, PERCENTAGE = "1", "1", "2"

#: IATI OrganisationType codes; civil society is left out as it may be international (21) or national (22)
ORGANISATION_TYPE = {
    PartnerType.GOVERNMENT: "10",
    PartnerType.EU_INSTITUTION: "40",
    PartnerType.UN_AGENCY: "40",
    PartnerType.INTERNATIONAL_ORG: "40",
    PartnerType.ACADEMIA: "80",
    PartnerType.PRIVATE_SECTOR: "70",
    PartnerType.OTHER: "90",
}


class ReportingOrgMissing(Exception):
    """The settings do not name the reporting organisation (or name it wrongly): nothing can be published."""

    def __init__(self, settings: list[str]):
        super().__init__(", ".join(settings))
        self.settings = settings

    @property
    def message(self):
        return _l(
            "The IATI export needs the reporting organisation's identifier (org-id.guide form, e.g. XM-DAC-41301) "
            "and name: set %(settings)s.",
            settings=" and ".join(self.settings),
        )


@dataclass(frozen=True)
class ReportingOrg:
    ref: str
    name: str
    #: IATI OrganisationType code, e.g. 40 Multilateral
    type: str

    @classmethod
    def from_config(cls, config) -> "ReportingOrg":
        """The settings' organisation; raises ReportingOrgMissing when its identifier or name is unset or malformed."""
        ref, name = (config.get("IATI_REPORTING_ORG_REF") or "").strip(), (config.get("IATI_REPORTING_ORG_NAME") or "")
        missing = [
            setting
            for setting, broken in (
                ("IATI_REPORTING_ORG_REF", not ref or iati_ref_problems(ref)),
                ("IATI_REPORTING_ORG_NAME", not name.strip()),
            )
            if broken
        ]
        if missing:
            raise ReportingOrgMissing(missing)
        kind = str(config["IATI_REPORTING_ORG_TYPE"]).strip()
        if not codelists.is_code("OrganisationType", kind):
            raise SettingNotACode("IATI_REPORTING_ORG_TYPE", "OrganisationType")
        return cls(ref, name.strip(), kind)


@dataclass(frozen=True)
class ActivityDefaults:
    """Codes every activity carries: CollaborationType, FlowType, FinanceType, AidType (OECD DAC vocabulary)."""

    collaboration_type: str
    flow_type: str
    finance_type: str
    aid_type: str

    @classmethod
    def from_config(cls, config) -> "ActivityDefaults":
        """The settings' defaults; raises SettingNotACode when one is set to a code its codelist does not hold."""
        values = {setting: str(config[setting] or "").strip() for setting in DEFAULT_TYPE_SETTINGS}
        for setting, codelist in DEFAULT_TYPE_SETTINGS.items():
            if values[setting] and not codelists.is_code(codelist, values[setting]):
                raise SettingNotACode(setting, codelist)
        return cls(*values.values())


#: the settings of the activities' default types, in ActivityDefaults' order, with their codelists
DEFAULT_TYPE_SETTINGS = {
    "IATI_COLLABORATION_TYPE": "CollaborationType",
    "IATI_DEFAULT_FLOW_TYPE": "FlowType",
    "IATI_DEFAULT_FINANCE_TYPE": "FinanceType",
    "IATI_DEFAULT_AID_TYPE": "AidType",
}


class SettingNotACode(ReportingOrgMissing):
    """A setting holds a code that its IATI codelist does not: nothing can be published."""

    def __init__(self, setting: str, codelist: str):
        super().__init__([setting])
        self.codelist = codelist

    @property
    def message(self):
        return _l(
            "%(setting)s is not a code of the IATI %(codelist)s codelist: set it to one, or leave it empty.",
            setting=self.settings[0],
            codelist=self.codelist,
        )


def iati_activities(
    session,
    *,
    reporting_org: ReportingOrg,
    defaults: ActivityDefaults,
    reporting_currency: str,
    today: date,
    language: str = "en",
    published_only: bool = False,
) -> bytes:
    """Every project (or only those to publish) as one IATI 2.03 activity; raises MissingRate when a budget needs a
    rate that is missing."""
    rates = RateTable.load(session, reporting_currency.upper())
    query = sa.select(Project).where(Project.iati_published.is_(True)) if published_only else sa.select(Project)
    projects = session.scalars(
        query.order_by(Project.code).options(
            selectinload(Project.country_rows),
            selectinload(Project.thematic_areas),
            selectinload(Project.expenditures),
            selectinload(Project.contributions).selectinload(Contribution.donor),
            selectinload(Project.implementers).selectinload(ProjectPartner.partner),
            selectinload(Project.outputs).selectinload(ProjectOutput.indicators).selectinload(ProjectIndicator.results),
        )
    )
    root = etree.Element("iati-activities", version=VERSION, **{"generated-datetime": _datetime(utcnow())})
    for project in projects:
        root.append(_activity(project, reporting_org, defaults, rates, today, language))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def iati_identifier(reporting_org: ReportingOrg, project: Project) -> str:
    return f"{reporting_org.ref}-{project.code}"


def _datetime(value: datetime) -> str:
    if value.tzinfo is None:  # SQLite hands back naive UTC datetimes
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(
        parent, tag, {key.replace("_", "-"): value for key, value in attributes.items() if value is not None}
    )
    if text is not None:
        element.text = text
    return element


def _narrative(parent, tag: str, text: str, **attributes):
    element = _sub(parent, tag, **attributes)
    _sub(element, "narrative", text)
    return element


def _in_other_languages(element, record, field: str, language: str) -> None:
    """The record's French and Russian texts of `field`, where written, as narratives in their language."""
    for other in OTHER_LANGUAGES:
        text = (getattr(record, f"{field}_{other}") or "").strip()
        if text and other != language:
            _sub(element, "narrative", text, **{XML_LANG: other})


def activity_status(project: Project, today: date) -> str:
    """The IATI ActivityStatus code of the project on `today`, from its status and its dates."""
    if project.status == ProjectStatus.PIPELINE or today < project.start_date:
        return PIPELINE
    if project.status == ProjectStatus.CLOSED:
        return CLOSED
    if project.end_date is not None and project.end_date < today:
        return FINALISATION
    return IMPLEMENTATION


def _results_times(project: Project):
    """When each output, indicator and actual value of the project last changed: the activity's <result>s."""
    for output in project.outputs:
        yield output.updated_at
        for indicator in output.indicators:
            yield indicator.updated_at
            yield from (result.updated_at for result in indicator.results)


def _activity(
    project: Project, org: ReportingOrg, defaults: ActivityDefaults, rates: RateTable, today: date, language: str
):
    updated = max(
        [
            project.updated_at,
            *(c.updated_at for c in project.contributions),
            *(e.updated_at for e in project.expenditures),
            *(i.updated_at for i in project.implementers),
            *_results_times(project),
        ],
        key=_datetime,
    )
    activity = etree.Element(
        "iati-activity",
        {XML_LANG: language, "default-currency": project.currency, "last-updated-datetime": _datetime(updated)},
    )
    _sub(activity, "iati-identifier", iati_identifier(org, project))
    _narrative(activity, "reporting-org", org.name, ref=org.ref, type=org.type)
    title = _narrative(activity, "title", project.title)
    _in_other_languages(title, project, "title", language)
    description = _narrative(activity, "description", (project.description or "").strip() or project.title, type="1")
    _in_other_languages(description, project, "description", language)
    donors = list({c.donor.id: c.donor for c in project.contributions}.values())
    for donor in donors:
        _narrative(
            activity,
            "participating-org",
            donor.name,
            ref=donor.iati_ref,
            role=FUNDING,
            type=ORGANISATION_TYPE.get(donor.type),
        )
    for role in (ACCOUNTABLE, IMPLEMENTING):
        _narrative(activity, "participating-org", org.name, role=role, ref=org.ref, type=org.type)
    for implementer in project.implementers:
        if implementer.role in IMPLEMENTING_ROLES:
            partner = implementer.partner
            _narrative(
                activity,
                "participating-org",
                partner.name,
                ref=partner.iati_ref,
                role=IMPLEMENTING,
                type=ORGANISATION_TYPE.get(partner.type),
            )
    status = activity_status(project, today)
    _sub(activity, "activity-status", code=status)
    for kind, day in _dates(project, status, today):
        _sub(activity, "activity-date", type=kind, iso_date=day.isoformat())
    countries = project.countries
    for code, percent in zip(countries, largest_remainder([1] * len(countries)), strict=True):
        _sub(activity, "recipient-country", code=code, percentage=str(percent))
    for code, percent in project_sectors(project):
        _sub(activity, "sector", vocabulary="1", code=code, percentage=str(percent))
    for tag, code in (
        ("collaboration-type", defaults.collaboration_type),
        ("default-flow-type", defaults.flow_type),
        ("default-finance-type", defaults.finance_type),
        ("default-aid-type", defaults.aid_type),
    ):
        if code:
            _sub(activity, tag, code=code, vocabulary="1" if tag == "default-aid-type" else None)
    budgets = _budgets(project, rates)
    committed = len(budgets) == 1 and project.status != ProjectStatus.PIPELINE
    for first, last, amount in budgets:
        budget = _sub(activity, "budget", type=ORIGINAL_BUDGET, status=COMMITTED if committed else INDICATIVE)
        _sub(budget, "period-start", iso_date=first.isoformat())
        _sub(budget, "period-end", iso_date=last.isoformat())
        _sub(budget, "value", f"{amount:.2f}", currency=project.currency, value_date=first.isoformat())
    for contribution in project.contributions:
        transaction = _transaction(
            activity,
            INCOMING_COMMITMENT,
            min(contribution.signed_on, today),
            contribution.amount,
            contribution.currency,
            ref=contribution.ref,
        )
        donor = contribution.donor
        _narrative(transaction, "provider-org", donor.name, ref=donor.iati_ref, type=ORGANISATION_TYPE.get(donor.type))
        _narrative(transaction, "receiver-org", org.name, ref=org.ref, type=org.type)
    ended = project.end_date if status in (FINALISATION, CLOSED) and project.end_date else None
    for expenditure in project.expenditures:
        day = min(date(expenditure.year, 12, 31), ended or date.max, today)
        transaction = _transaction(activity, EXPENDITURE, day, expenditure.amount, expenditure.currency)
        _narrative(transaction, "provider-org", org.name, ref=org.ref, type=org.type)
    for output in project.outputs:
        if output.indicators:
            _result(activity, project, output, language)
    return activity


def _result(activity, project: Project, output: ProjectOutput, language: str) -> None:
    result = _sub(activity, "result", type=OUTPUT)
    _in_other_languages(_narrative(result, "title", output.title), output, "title", language)
    for indicator in output.indicators:
        element = _sub(result, "indicator", measure=PERCENTAGE if indicator.unit == "%" else UNITS)
        _in_other_languages(_narrative(element, "title", indicator.text), indicator, "text", language)
        if indicator.baseline is not None:
            _sub(element, "baseline", year=str(project.start_date.year), value=str(indicator.baseline))
        if indicator.target is not None and project.end_date is not None:
            _period(element, project.start_date, project.end_date, "target", indicator.target)
        for actual in indicator.results:
            first = max(date(actual.year, 1, 1), project.start_date)
            last = min(date(actual.year, 12, 31), project.end_date or date.max)
            value = _period(element, first, last, "actual", actual.actual)
            if actual.comment:
                _narrative(value, "comment", actual.comment)


def _period(indicator, first: date, last: date, kind: str, value: Decimal):
    period = _sub(indicator, "period")
    _sub(period, "period-start", iso_date=first.isoformat())
    _sub(period, "period-end", iso_date=last.isoformat())
    return _sub(period, kind, value=str(value))


def project_sectors(project: Project) -> list[tuple[str, int]]:
    """The project's DAC sectors (vocabulary 1): those of its thematic areas, each once, in equal whole percentages
    adding up to 100 (largest remainder); 15190 migration and mobility for a project without areas."""
    codes = list(dict.fromkeys(code for area in project.thematic_areas for code in area.sector_codes))
    codes = codes or [MIGRATION_SECTOR]
    return list(zip(codes, largest_remainder([1] * len(codes)), strict=True))


def _dates(project: Project, status: str, today: date) -> list[tuple[str, date]]:
    dates = [(PLANNED_START, project.start_date)]
    if status != PIPELINE and project.start_date <= today:
        dates.append((ACTUAL_START, project.start_date))
    if project.end_date:
        dates.append((PLANNED_END, project.end_date))
        if status in (FINALISATION, CLOSED) and project.end_date <= today:
            dates.append((ACTUAL_END, project.end_date))
    return dates


def _transaction(activity, kind: str, day: date, amount: Decimal, currency: str, ref: str | None = None):
    transaction = _sub(activity, "transaction", ref=ref)
    _sub(transaction, "transaction-type", code=kind)
    _sub(transaction, "transaction-date", iso_date=day.isoformat())
    _sub(transaction, "value", f"{amount:.2f}", currency=currency, value_date=day.isoformat())
    return transaction


def _budgets(project: Project, rates: RateTable) -> list[tuple[date, date, Decimal]]:
    """Yearly periods with the contributions' total split by days, in cents adding up to the rounded total."""
    if project.end_date is None or not project.contributions or project.end_date < project.start_date:
        return []
    total = sum((_in_project_currency(c, project.currency, rates) for c in project.contributions), Fraction(0))
    cents = int((Decimal(total.numerator) / Decimal(total.denominator) * 100).quantize(Decimal(1), ROUND_HALF_UP))
    periods = [
        (max(project.start_date, date(year, 1, 1)), min(project.end_date, date(year, 12, 31)))
        for year in range(project.start_date.year, project.end_date.year + 1)
    ]
    days = [(last - first).days + 1 for first, last in periods]
    shares = _split(cents, days)
    return [(first, last, Decimal(share) / 100) for (first, last), share in zip(periods, shares, strict=True)]


def _in_project_currency(contribution: Contribution, currency: str, rates: RateTable) -> Fraction:
    if contribution.currency.upper() == currency.upper():
        return Fraction(contribution.amount)
    year = contribution.signed_on.year
    return (
        Fraction(contribution.amount)
        * Fraction(rates.rate(contribution.currency, year))
        / Fraction(rates.rate(currency, year))
    )


def _split(cents: int, weights: list[int]) -> list[int]:
    """Whole cents in proportion to the weights, adding up to `cents`: floors, then largest remainders first."""
    total = sum(weights)
    exact = [Fraction(cents * weight, total) for weight in weights]
    shares = [int(value) for value in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: cents - sum(shares)]:
        shares[i] += 1
    return shares


def portfolio_activities(*, published_only: bool = False) -> bytes:
    """Every project of the portal (or those to publish) as IATI XML, with the organisation, defaults, currency and
    language of its settings; raises ReportingOrgMissing when the settings do not name the reporting organisation."""
    config = current_app.config
    return iati_activities(
        db.session,
        reporting_org=ReportingOrg.from_config(config),
        defaults=ActivityDefaults.from_config(config),
        reporting_currency=config["REPORTING_CURRENCY"],
        today=date.today(),
        language=config["IATI_LANGUAGE"],
        published_only=published_only,
    )


@click.command("iati")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def iati_command(path):
    """Write every project as IATI 2.03 activity XML to PATH."""
    try:
        xml = portfolio_activities()
    except MissingRate as error:
        raise click.ClickException(f"No exchange rate for {error.currency} in {error.year}.") from None
    except ReportingOrgMissing as error:
        raise click.ClickException(str(error.message)) from None
    with open(path, "wb") as out:
        out.write(xml)
    click.echo(f"Wrote {xml.count(b'<iati-activity ')} activities to {path}.")
