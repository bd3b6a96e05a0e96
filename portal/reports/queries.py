"""The key figures of a year (key-figures.md), computed with SQL aggregates: the one place a figure is computed.

Filters narrow what is counted, all of them together:
- region: projects of the region; events of a project in the region (an event without a project counts for
  its dialogue's region); project expenditure of those projects; other revenue is not regional and drops out.
- donor_category: projects with a contribution from a donor of that category; events of those projects;
  revenue entries whose partner is in that category.
- dialogue: projects supporting the dialogue; events of the dialogue or of those projects; other revenue drops out.
With a filter, duty stations are those of the counted projects that are open in the year.
The organisation's own facts (employees, nationalities, member states) are of the whole organisation: with a filter
they are not given.
"""

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.dialogues.models import Dialogue
from portal.dialogues.queries import dialogue_choices
from portal.events.models import CONFERENCE_TYPES, Event, EventMode, event_partners
from portal.funding.models import Contribution, Expenditure, Revenue, RevenueType
from portal.i18n import reader_language_column
from portal.organisation.queries import organisation_facts
from portal.participants.models import Attendance, Gender, Person, Sector
from portal.participants.queries import NOT_RECORDED
from portal.partners.models import Partner
from portal.projects.models import Project, ProjectCountry, ProjectStatus, project_dialogues
from portal.reference.models import DonorCategory, DutyStation, Region
from portal.reference.queries import donor_category_choices, region_choices
from portal.reference.rates import RateTable, largest_remainder, round_money
from portal.reports.models import KeyFigureSnapshot

UNATTRIBUTED = "unattributed"
#: implementation_by_year covers this many years, ending with the year asked for
GROWTH_YEARS = 6
REVENUE_TYPES = (RevenueType.MEMBERSHIP.value, RevenueType.OPERATIONAL.value, "project", RevenueType.OTHER.value)


@dataclass(frozen=True)
class Filters:
    region: str | None = None
    donor_category: str | None = None
    dialogue: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.region or self.donor_category or self.dialogue)

    def as_dict(self) -> dict:
        return {key: value for key, value in vars(self).items() if value}


@dataclass(frozen=True)
class Count:
    code: str
    value: int


@dataclass(frozen=True)
class Share:
    """One line of a money breakdown: code, its name, the amount and its whole-number percentage."""

    code: str
    name: str
    amount: Decimal
    percent: int


@dataclass(frozen=True)
class KeyFigures:
    year: int
    currency: str
    filters: Filters
    projects: int
    #: distinct recipient country codes, sorted
    country_codes: tuple[str, ...]
    contracted_volume: Decimal
    duty_stations: int
    conferences: int
    trainings_meetings_workshops: int
    event_days: int
    locations: int
    participants: int
    unique_participants: int
    partners: int
    participants_by_gender: tuple[Count, ...]
    participants_by_sector: tuple[Count, ...]
    #: membership, operational, project, other, total
    revenue: tuple[tuple[str, Decimal], ...]
    implementation_by_region: tuple[Share, ...]
    implementation_by_funding: tuple[Share, ...]
    implementation_by_year: tuple[tuple[int, Decimal], ...] = field(default=())
    #: distinct countries of the year's in-person and hybrid events, sorted (where the locations are)
    event_country_codes: tuple[str, ...] = field(default=())
    #: the organisation's own facts of the year (portal.organisation.queries), None when not entered or filtered
    employees: int | None = None
    nationalities: int | None = None
    member_states: int | None = None

    @property
    def countries(self) -> int:
        return len(self.country_codes)

    @property
    def events(self) -> int:
        return self.conferences + self.trainings_meetings_workshops

    @property
    def revenue_total(self) -> Decimal:
        return dict(self.revenue)["total"]


def key_figures(session, year: int, *, reporting_currency: str, filters: Filters = Filters()) -> KeyFigures:
    """Every key figure of `year` in the reporting currency; raises MissingRate naming currency and year."""
    rates = RateTable.load(session, reporting_currency.upper())
    projects = _project_filter(filters)
    portfolio = _portfolio(session, year, projects)
    revenue, by_year, by_region, by_funding = _resources(session, year, rates, projects, filters)
    facts = None if filters.active else organisation_facts(session, year)
    return KeyFigures(
        year=year,
        currency=rates.reporting_currency,
        filters=filters,
        projects=portfolio["projects"],
        country_codes=_countries(session, portfolio["ids"]),
        contracted_volume=_contracted_volume(session, rates, portfolio["ids"]),
        duty_stations=_duty_stations(session, year, portfolio["ids"] if filters.active else None),
        revenue=revenue,
        implementation_by_region=by_region,
        implementation_by_funding=by_funding,
        implementation_by_year=by_year,
        **_outreach(session, year, _event_filter(filters)),
        employees=facts.employees if facts else None,
        nationalities=facts.nationalities if facts else None,
        member_states=facts.member_states if facts else None,
    )


def key_figures_document(figures: KeyFigures) -> dict:
    """The JSON contract of key-figures.md: money as strings with two decimals, counts as integers."""
    return {
        "year": figures.year,
        "currency": figures.currency,
        "projects": figures.projects,
        "countries": figures.countries,
        "contracted_volume": _money(figures.contracted_volume),
        "duty_stations": figures.duty_stations,
        "conferences": figures.conferences,
        "trainings_meetings_workshops": figures.trainings_meetings_workshops,
        "event_days": figures.event_days,
        "locations": figures.locations,
        "participants": figures.participants,
        "unique_participants": figures.unique_participants,
        "partners": figures.partners,
        "participants_by_gender": {c.code: c.value for c in figures.participants_by_gender},
        "participants_by_sector": {c.code: c.value for c in figures.participants_by_sector},
        "revenue": {key: _money(value) for key, value in figures.revenue},
        "implementation_by_region": {
            s.code: {"amount": _money(s.amount), "percent": s.percent} for s in figures.implementation_by_region
        },
        "implementation_by_funding": {
            s.code: {"amount": _money(s.amount), "percent": s.percent} for s in figures.implementation_by_funding
        },
        "implementation_by_year": {str(y): _money(amount) for y, amount in figures.implementation_by_year},
        "employees": figures.employees,
        "nationalities": figures.nationalities,
        "member_states": figures.member_states,
    }


def _money(value: Decimal) -> str:
    return f"{round_money(value):.2f}"


def _bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


# --- which projects and events a filter keeps


def _project_filter(filters: Filters):
    """A select of the ids of the projects the filters keep, or None without filters."""
    if not filters.active:
        return None
    query = sa.select(Project.id)
    if filters.region:
        query = query.where(Project.region_id.in_(sa.select(Region.id).where(Region.code == filters.region)))
    if filters.donor_category:
        query = query.where(
            Project.id.in_(
                sa.select(Contribution.project_id)
                .join(Partner, Partner.id == Contribution.donor_id)
                .join(DonorCategory, DonorCategory.id == Partner.donor_category_id)
                .where(DonorCategory.code == filters.donor_category)
            )
        )
    if filters.dialogue:
        # a project supporting several dialogues counts under each; an IN keeps it once in every figure
        query = query.where(
            Project.id.in_(
                sa.select(project_dialogues.c.project_id).where(
                    project_dialogues.c.dialogue_id.in_(_dialogue_ids(filters.dialogue))
                )
            )
        )
    return query


def _dialogue_ids(code: str):
    return sa.select(Dialogue.id).where(Dialogue.code == code)


def _event_filter(filters: Filters) -> list:
    """Conditions on Event for the filters."""
    conditions = []
    if filters.region:
        in_region = sa.select(Region.id).where(Region.code == filters.region)
        conditions.append(
            sa.or_(
                Event.project_id.in_(sa.select(Project.id).where(Project.region_id.in_(in_region))),
                Event.project_id.is_(None)
                & Event.dialogue_id.in_(sa.select(Dialogue.id).where(Dialogue.region_id.in_(in_region))),
            )
        )
    if filters.donor_category:
        conditions.append(Event.project_id.in_(_project_filter(Filters(donor_category=filters.donor_category))))
    if filters.dialogue:
        conditions.append(
            sa.or_(
                Event.dialogue_id.in_(_dialogue_ids(filters.dialogue)),
                Event.project_id.in_(_project_filter(Filters(dialogue=filters.dialogue))),
            )
        )
    return conditions


# --- the portfolio


def _portfolio(session, year: int, projects) -> dict:
    """How many projects are under implementation in the year, and the select of their ids."""
    first, last = _bounds(year)
    query = sa.select(Project.id).where(
        Project.status != ProjectStatus.PIPELINE,
        Project.start_date <= last,
        sa.or_(Project.end_date.is_(None), Project.end_date >= first),
    )
    if projects is not None:
        query = query.where(Project.id.in_(projects))
    count = session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    return {"projects": count, "ids": query}


def _countries(session, portfolio) -> tuple[str, ...]:
    """The distinct recipient countries of the portfolio."""
    query = sa.select(ProjectCountry.country).where(ProjectCountry.project_id.in_(portfolio)).distinct()
    return tuple(sorted({code.upper() for code in session.scalars(query)}))


def _contracted_volume(session, rates: RateTable, portfolio) -> Decimal:
    """Every contribution to the portfolio, converted at its signing year's rate, item by item."""
    signed = sa.extract("year", Contribution.signed_on)
    query = (
        sa.select(Contribution.currency, signed, Contribution.amount, sa.func.count())
        .where(Contribution.project_id.in_(portfolio))
        .group_by(Contribution.currency, signed, Contribution.amount)
    )
    return sum(
        (count * rates.convert(amount, currency, int(y)) for currency, y, amount, count in session.execute(query)),
        Decimal("0.00"),
    )


def _duty_stations(session, year: int, portfolio) -> int:
    """Duty stations open in the year (with filters: those of the portfolio's projects)."""
    first, last = _bounds(year)
    query = (
        sa.select(sa.func.count())
        .select_from(DutyStation)
        .where(
            sa.or_(DutyStation.opened_on.is_(None), DutyStation.opened_on <= last),
            sa.or_(DutyStation.closed_on.is_(None), DutyStation.closed_on >= first),
        )
    )
    if portfolio is not None:
        query = query.where(DutyStation.id.in_(sa.select(Project.duty_station_id).where(Project.id.in_(portfolio))))
    return session.scalar(query)


# --- outreach


def _days(session):
    if session.get_bind().dialect.name == "sqlite":
        return sa.cast(sa.func.julianday(Event.end_date) - sa.func.julianday(Event.start_date), sa.Integer) + 1
    return sa.type_coerce(Event.end_date - Event.start_date, sa.Integer) + 1


def _outreach(session, year: int, conditions: list) -> dict:
    """Events, days, locations, participants and partners of the events that start in the year."""
    first, last = _bounds(year)
    in_year = [Event.start_date >= first, Event.start_date <= last, *conditions]
    events = sa.select(Event.id).where(*in_year)
    records = (
        sa.select(
            Attendance.event_id,
            sa.func.count().label("records"),
            sa.func.count().filter(Attendance.attended.is_(True)).label("attended"),
        )
        .where(Attendance.event_id.in_(events))
        .group_by(Attendance.event_id)
        .subquery()
    )
    declared = sa.func.coalesce(Event.in_person_count, 0) + sa.func.coalesce(Event.online_count, 0)
    count, conferences, days, participants = session.execute(
        sa.select(
            sa.func.count(),
            sa.func.count().filter(Event.type.in_(sorted(CONFERENCE_TYPES))),
            sa.func.coalesce(sa.func.sum(_days(session)), 0),
            sa.func.coalesce(sa.func.sum(sa.case((records.c.records > 0, records.c.attended), else_=declared)), 0),
        )
        .select_from(Event)
        .outerjoin(records, records.c.event_id == Event.id)
        .where(*in_year)
    ).one()
    attended = (
        sa.select(Person.gender, Person.sector, sa.func.count())
        .select_from(Attendance)
        .join(Person, Person.id == Attendance.person_id)
        .where(Attendance.attended.is_(True), Attendance.event_id.in_(events))
        .group_by(Person.gender, Person.sector)
    )
    by_gender, by_sector = defaultdict(int), defaultdict(int)
    for gender, sector, n in session.execute(attended):
        by_gender[Gender(gender).value] += n
        by_sector[Sector(sector).value] += n
    unique = session.scalar(
        sa.select(sa.func.count(sa.distinct(Attendance.person_id))).where(
            Attendance.attended.is_(True), Attendance.event_id.in_(events)
        )
    )
    partners = session.scalar(
        sa.select(sa.func.count(sa.distinct(event_partners.c.partner_id))).where(event_partners.c.event_id.in_(events))
    )
    return {
        "conferences": conferences,
        "trainings_meetings_workshops": count - conferences,
        "event_days": int(days),
        "locations": _locations(session, in_year),
        "event_country_codes": _event_countries(session, in_year),
        "participants": int(participants),
        "unique_participants": unique,
        "partners": partners,
        "participants_by_gender": _with_not_recorded(Gender, by_gender, int(participants)),
        "participants_by_sector": _with_not_recorded(Sector, by_sector, int(participants)),
    }


def _locations(session, in_year: list) -> int:
    """Distinct (country, city) of in-person and hybrid events; cities compared trimmed, case-insensitively and
    with inner white space collapsed. Events without a city have no location."""
    query = (
        sa.select(Event.country, Event.city)
        .where(*in_year, Event.mode.in_((EventMode.IN_PERSON, EventMode.HYBRID)), Event.city.is_not(None))
        .distinct()
    )
    places = {((country or "").upper(), " ".join(city.split()).casefold()) for country, city in session.execute(query)}
    return len({place for place in places if place[1]})


def _event_countries(session, in_year: list) -> tuple[str, ...]:
    """The distinct countries of in-person and hybrid events."""
    query = (
        sa.select(sa.func.upper(Event.country))
        .where(*in_year, Event.mode.in_((EventMode.IN_PERSON, EventMode.HYBRID)), Event.country.is_not(None))
        .distinct()
    )
    return tuple(sorted(session.scalars(query)))


def _with_not_recorded(enum, counts: dict, participants: int) -> tuple[Count, ...]:
    found = [Count(member.value, counts.get(member.value, 0)) for member in enum]
    return (*found, Count(NOT_RECORDED, participants - sum(c.value for c in found)))


# --- resources


def _resources(session, year: int, rates: RateTable, projects, filters: Filters):
    """Revenue by type, the six years' totals, and implementation by region and by funding structure."""
    years = range(year - GROWTH_YEARS + 1, year + 1)
    totals = {y: Decimal("0.00") for y in years}
    by_type = dict.fromkeys(REVENUE_TYPES, Decimal("0.00"))
    categories = _named(session, DonorCategory)
    funding = {code: Fraction(0) for code, _ in categories.values()} | {UNATTRIBUTED: Fraction(0)}
    codes = {category_id: code for category_id, (code, _) in categories.items()}
    for revenue_type, y, currency, amount, category_id, count in _other_revenue(session, years, filters):
        converted = count * rates.convert(amount, currency, y)
        totals[y] += converted
        if y == year:
            by_type[RevenueType(revenue_type).value] += converted
            funding[codes.get(category_id, UNATTRIBUTED)] += Fraction(converted)
    for y, currency, amount, count in _earlier_expenditure(session, years, year, projects):
        totals[y] += count * rates.convert(amount, currency, y)
    regions = _named(session, Region)
    by_region = dict.fromkeys(regions, Decimal("0.00"))
    spent = {}
    for project_id, region_id, currency, amount in _expenditure(session, year, projects):
        spent[project_id] = rates.convert(amount, currency, year)
        by_region[region_id] += spent[project_id]
    project_total = sum(spent.values(), Decimal("0.00"))
    totals[year] += project_total
    by_type["project"] = project_total
    _share_expenditure(funding, spent, _donor_weights(session, rates, year, projects), codes)
    revenue = (*by_type.items(), ("total", sum(by_type.values(), Decimal("0.00"))))
    funding_lines = [(code, name, funding[code]) for code, name in categories.values()]
    if _round_exact(funding[UNATTRIBUTED]):
        funding_lines.append((UNATTRIBUTED, "", funding[UNATTRIBUTED]))
    return (
        revenue,
        tuple(totals.items()),
        _shares([(code, name, by_region[region_id]) for region_id, (code, name) in regions.items()]),
        _shares(funding_lines),
    )


def _named(session, model) -> dict[int, tuple[str, str]]:
    """id -> (code, name in the reader's language) of every region or donor category, in the order they were
    entered."""
    query = sa.select(model.id, model.code, reader_language_column(model, "name")).order_by(model.id)
    return {i: (code, name) for i, code, name in session.execute(query)}


def _other_revenue(session, years, filters: Filters):
    if filters.region or filters.dialogue:
        return []
    query = (
        sa.select(
            Revenue.type, Revenue.year, Revenue.currency, Revenue.amount, Partner.donor_category_id, sa.func.count()
        )
        .select_from(Revenue)
        .outerjoin(Partner, Partner.id == Revenue.partner_id)
        .where(Revenue.year.between(years[0], years[-1]))
        .group_by(Revenue.type, Revenue.year, Revenue.currency, Revenue.amount, Partner.donor_category_id)
    )
    if filters.donor_category:
        query = query.join(DonorCategory, DonorCategory.id == Partner.donor_category_id).where(
            DonorCategory.code == filters.donor_category
        )
    return session.execute(query)


def _earlier_expenditure(session, years, year: int, projects):
    query = (
        sa.select(Expenditure.year, Expenditure.currency, Expenditure.amount, sa.func.count())
        .where(Expenditure.year.between(years[0], year - 1))
        .group_by(Expenditure.year, Expenditure.currency, Expenditure.amount)
    )
    if projects is not None:
        query = query.where(Expenditure.project_id.in_(projects))
    return session.execute(query)


def _expenditure(session, year: int, projects):
    query = (
        sa.select(Expenditure.project_id, Project.region_id, Expenditure.currency, Expenditure.amount)
        .join(Project, Project.id == Expenditure.project_id)
        .where(Expenditure.year == year)
    )
    if projects is not None:
        query = query.where(Expenditure.project_id.in_(projects))
    return session.execute(query)


def _donor_weights(session, rates: RateTable, year: int, projects) -> dict[int, dict]:
    """project id -> {donor category id or None: converted contributions} for the projects that spent in `year`."""
    spending = sa.select(Expenditure.project_id).where(Expenditure.year == year)
    if projects is not None:
        spending = spending.where(Expenditure.project_id.in_(projects))
    signed = sa.extract("year", Contribution.signed_on)
    query = (
        sa.select(
            Contribution.project_id,
            Partner.donor_category_id,
            Contribution.currency,
            signed,
            Contribution.amount,
            sa.func.count(),
        )
        .join(Partner, Partner.id == Contribution.donor_id)
        .where(Contribution.project_id.in_(spending))
        .group_by(
            Contribution.project_id, Partner.donor_category_id, Contribution.currency, signed, Contribution.amount
        )
    )
    weights = defaultdict(lambda: defaultdict(Decimal))
    for project_id, category_id, currency, y, amount, count in session.execute(query):
        weights[project_id][category_id] += count * rates.convert(amount, currency, int(y))
    return weights


def _share_expenditure(funding: dict, spent: dict, weights: dict, codes: dict) -> None:
    """Share each project's expenditure exactly among its donors' categories, in proportion to their money."""
    for project_id, amount in spent.items():
        donors = weights.get(project_id, {})
        total = sum(donors.values(), Decimal(0))
        if not total:
            funding[UNATTRIBUTED] += Fraction(amount)
            continue
        for category_id, weight in donors.items():
            funding[codes.get(category_id, UNATTRIBUTED)] += Fraction(amount) * Fraction(weight) / Fraction(total)


def _round_exact(value) -> Decimal:
    """Half-up to cents, exactly, for a Fraction or a Decimal (amounts are never negative)."""
    cents = math.floor(Fraction(value) * 100 + Fraction(1, 2))
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def _shares(lines) -> tuple[Share, ...]:
    """Round each exact amount once, then take whole percentages of the rounded amounts."""
    amounts = [_round_exact(value) for _, _, value in lines]
    return tuple(
        Share(code, name, amount, percent)
        for (code, name, _), amount, percent in zip(lines, amounts, largest_remainder(amounts), strict=True)
    )


# --- around the figures


@dataclass(frozen=True)
class Difference:
    #: where the value sits in the document, e.g. ("revenue", "total") or ("implementation_by_region", "R1", "amount")
    path: tuple[str, ...]
    published: object
    live: object


def differences(published: dict, live: dict) -> list[Difference]:
    """Where two key-figure documents differ, value by value, in the order of the live document."""
    old, new = dict(_flatten(published)), dict(_flatten(live))
    paths = list(new) + [path for path in old if path not in new]
    return [Difference(path, old.get(path), new.get(path)) for path in paths if old.get(path) != new.get(path)]


def _flatten(document: dict, prefix: tuple[str, ...] = ()):
    for key, value in document.items():
        if isinstance(value, dict):
            yield from _flatten(value, (*prefix, key))
        else:
            yield (*prefix, key), value


def latest_year(session, today: date) -> int:
    """The latest year up to today's with expenditure, revenue or events; last year when there is none."""
    candidates = [
        session.scalar(sa.select(sa.func.max(Expenditure.year)).where(Expenditure.year <= today.year)),
        session.scalar(sa.select(sa.func.max(Revenue.year)).where(Revenue.year <= today.year)),
    ]
    last_event = session.scalar(sa.select(sa.func.max(Event.start_date)).where(Event.start_date <= today))
    if last_event is not None:
        candidates.append(last_event.year)
    found = [year for year in candidates if year is not None]
    return max(found) if found else today.year - 1


def filter_options(session) -> dict[str, list[tuple[str, str]]]:
    """(code, name) of the regions, donor categories and dialogues one may filter by."""
    return {
        "region": region_choices(session, by_code=True),
        "donor_category": donor_category_choices(session, by_code=True),
        "dialogue": dialogue_choices(session, by_code=True),
    }


def latest_snapshot(session, year: int, filters: Filters) -> KeyFigureSnapshot | None:
    """The last key figures published for the year with the same filters, or None."""
    return session.scalar(
        sa.select(KeyFigureSnapshot)
        .where(
            KeyFigureSnapshot.year == year, KeyFigureSnapshot.filters == json.dumps(filters.as_dict(), sort_keys=True)
        )
        .order_by(KeyFigureSnapshot.published_at.desc(), KeyFigureSnapshot.id.desc())
        .limit(1)
    )


def snapshots_newest_first():
    """Every published snapshot, the latest year and the latest publication first, with who published it."""
    return (
        sa.select(KeyFigureSnapshot)
        .order_by(KeyFigureSnapshot.year.desc(), KeyFigureSnapshot.published_at.desc(), KeyFigureSnapshot.id.desc())
        .options(selectinload(KeyFigureSnapshot.published_by))
    )
