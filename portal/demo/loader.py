"""Build the demo portfolio from the 2021 annual report (data.py): deterministic, and engineered so that the key
figures of 2021 computed under key-figures.md come out as the report gives them."""

import calendar
import math
import random
import unicodedata
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from portal.demo import data
from portal.dialogues.models import (
    ActionPlan,
    ActionPlanDomain,
    ActionPlanPriority,
    Chairmanship,
    Dialogue,
    DialogueGroup,
    GroupKind,
)
from portal.events.models import Event, EventMode, EventType, event_partners
from portal.funding.models import Contribution, Expenditure, Revenue, RevenueType
from portal.i18n import country_name
from portal.initiatives.models import CollectionCycle, Initiative, InitiativeStatus, Review
from portal.organisation.models import MemberState, OrganisationYear
from portal.participants.models import Attendance, AttendanceMode, AttendanceRole, Gender, Person, Sector
from portal.partners.models import Partner, PartnerType
from portal.projects.models import (
    Deliverable,
    DeliverableStatus,
    ImplementerRole,
    IndicatorResult,
    Project,
    ProjectIndicator,
    ProjectOutput,
    ProjectPartner,
    ProjectStatus,
)
from portal.reference.defaults import install_defaults
from portal.reference.models import DonorCategory, DutyStation, ExchangeRate, Region, Setting, ThematicArea
from portal.reference.rates import round_money

SEED = 2021
SETTING = "demo_data"
#: the day the demo's statuses are taken on: the end of the report's year
AS_OF = date(data.YEAR, 12, 31)
#: 2021 events whose participants are recorded one by one (the rest declare head counts)
RECORDED_EVENTS = 80
EARLIER_EVENTS = {2019: 150, 2020: 110}
EVENTS_2021 = {
    "conference": 33,
    "ministerial_conference": 4,
    "training": 210,
    "workshop": 140,
    "meeting": 90,
    "webinar": 75,
    "thematic_meeting": 30,
    "working_group": 28,
    "senior_officials_meeting": 12,
    "study_visit": 26,
}
DIALOGUE_TYPES = {"senior_officials_meeting", "thematic_meeting", "working_group", "ministerial_conference"}


class DemoError(Exception):
    """The demo cannot be loaded into this installation."""


def is_empty(session) -> bool:
    """True when the database holds no portfolio, events or people yet (reference data may exist)."""
    return all(
        session.scalar(sa.select(sa.func.count()).select_from(model)) == 0
        for model in (Project, Partner, Event, Person, Dialogue)
    )


def load_demo(session, *, reporting_currency: str = "EUR") -> dict[str, int]:
    """Install the reference defaults and the demo portfolio, events and people; flushes, the caller commits."""
    if reporting_currency.upper() != "EUR":
        raise DemoError("The demo portfolio is kept in EUR: load it with REPORTING_CURRENCY=EUR.")
    install_defaults(session, reporting_currency="EUR")
    builder = _Builder(session)
    builder.build()
    Setting.put(SETTING, str(data.YEAR))
    session.flush()
    return builder.summary()


def _month_start(text: str) -> date:
    year, month = map(int, text.split("-"))
    return date(year, month, 1)


def _month_end(text: str) -> date:
    year, month = map(int, text.split("-"))
    return date(year, month, calendar.monthrange(year, month)[1])


def _overlap_months(start: date, end: date | None, year: int) -> int:
    first, last = max(start, date(year, 1, 1)), min(end or date(year, 12, 31), date(year, 12, 31))
    if first > last:
        return 0
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _donors(spec: str) -> list[tuple[str, Decimal, str]]:
    """'HOME:0.8 CH:0.2@CHF' -> [(key, share, currency)]."""
    parts = []
    for item in spec.split():
        key, _, currency = item.partition("@")
        key, _, share = key.partition(":")
        parts.append((key, Decimal(share or "1"), currency or "EUR"))
    return parts


class _Builder:
    def __init__(self, session):
        self.session = session
        self.rng = random.Random(SEED)
        self.regions = {r.code: r for r in session.scalars(sa.select(Region))}
        self.themes = {t.code: t for t in session.scalars(sa.select(ThematicArea))}
        self.categories = {c.code: c for c in session.scalars(sa.select(DonorCategory))}
        self.stations = {s.ref: s for s in session.scalars(sa.select(DutyStation))}
        self.rates = {
            (c, y): Decimal(r)
            for c, y, r in session.execute(sa.select(ExchangeRate.currency, ExchangeRate.year, ExchangeRate.rate))
        }
        self.partners: dict[str, Partner] = {}
        self.dialogues: dict[str, Dialogue] = {}
        self.projects: list[Project] = []
        self.specs: dict[str, tuple] = {}
        self.counts: dict[str, int] = {}

    def build(self) -> None:
        self._partners()
        self._dialogues()
        self._projects()
        self._results()
        self._implementation()
        self._expenditure()
        self._contributions()
        self._revenue()
        self._priorities()
        self._initiatives()
        self._events()
        self._organisation()

    def summary(self) -> dict[str, int]:
        return self.counts

    def _organisation(self) -> None:
        """The report year's staff and nationalities, and the membership with the year each state joined."""
        self.session.add(OrganisationYear(year=data.YEAR, employees=data.EMPLOYEES, nationalities=data.NATIONALITIES))
        self.session.add_all(
            MemberState(country=country, joined_year=joined) for country, joined in data.MEMBER_STATES.items()
        )
        self.counts["member_states"] = len(data.MEMBER_STATES)

    # reference and partners

    def rate(self, currency: str, year: int) -> Decimal:
        return Decimal(1) if currency == "EUR" else self.rates[(currency, year)]

    def _partner(self, key, name, acronym, type_, category, country):
        partner = Partner(
            ref=f"P-{len(self.partners) + 1:04d}",
            name=name,
            acronym=acronym,
            type=PartnerType(type_),
            donor_category=self.categories.get(category) if category else None,
            country=country,
            iati_ref=data.IATI_REFS.get(key) or data.IATI_REFS.get(acronym),
        )
        self.partners[key] = partner
        return partner

    def _partners(self) -> None:
        self._partner(
            "ICMPD", "International Centre for Migration Policy Development", "ICMPD", "international_org", None, "AT"
        )
        for code in data.MEMBER_STATES:
            self._partner(code, f"Government of {country_name(code, 'en')}", None, "government", "member_states", code)
        for key, (name, acronym, type_, category, country) in data.DONORS.items():
            if key not in self.partners:
                self._partner(key, name, acronym, type_, category, country)
        for i, (name, acronym, type_, country) in enumerate(data.PARTNERS):
            self._partner(f"X{i}", name, acronym, type_, None, country)
        self.session.add_all(self.partners.values())
        self.counts["partners"] = len(self.partners)

    def _dialogues(self) -> None:
        domains_of = {}
        by_acronym = {partner.acronym: partner for partner in self.partners.values() if partner.acronym}
        for code, name, acronym, region, started, members, chairs, domains, description in data.DIALOGUES:
            dialogue = Dialogue(
                code=code,
                name=name,
                acronym=acronym,
                region=self.regions[region],
                secretariat=self.partners["ICMPD"],
                started_on=date.fromisoformat(started),
                description=description,
                **data.DIALOGUE_TRANSLATIONS.get(code, {}),
            )
            dialogue.members = members.split()
            observers, focus, member_organisations, observer_organisations = data.DIALOGUE_MEMBERS[code]
            dialogue.observers = observers.split()
            dialogue.focus_countries = focus.split()
            dialogue.member_organisations = [by_acronym[a] for a in member_organisations]
            dialogue.observer_organisations = [by_acronym[a] for a in observer_organisations]
            dialogue.chairmanships = [
                Chairmanship(
                    country=country,
                    start_date=date.fromisoformat(start),
                    end_date=date.fromisoformat(end) if end else None,
                )
                for country, start, end in chairs
            ]
            domains_of[code] = domains
            self.dialogues[code] = dialogue
        plans = [
            ActionPlan(
                ref=f"AP-{n}",
                title=title,
                **data.ACTION_PLAN_TRANSLATIONS[title],
                valid_from=date.fromisoformat(valid_from),
                valid_until=date.fromisoformat(valid_until) if valid_until else None,
                dialogues=[self.dialogues[code] for code in codes],
                domains=[
                    ActionPlanDomain(
                        ref=f"AP-{n}-{d}",
                        position=d,
                        title=domain,
                        priorities=[
                            ActionPlanPriority(ref=f"AP-{n}-{d}.{p}", position=p, code=f"{d}.{p}", title=priority)
                            for p, priority in enumerate(priorities, start=1)
                        ],
                    )
                    for d, (domain, priorities) in enumerate(domains_of[codes[0]], start=1)
                ],
            )
            for n, (title, valid_from, valid_until, codes) in enumerate(data.ACTION_PLANS, start=1)
        ]
        for code, kind, (name, name_fr, name_ru), chairs, co_chairs, states, organisations in data.DIALOGUE_GROUPS:
            group = DialogueGroup(kind=GroupKind(kind), name=name, name_fr=name_fr, name_ru=name_ru)
            group.chairs, group.co_chairs, group.states = chairs.split(), co_chairs.split(), states.split()
            group.organisations = [by_acronym[a] for a in organisations]
            self.dialogues[code].groups.append(group)
        self.session.add_all([*self.dialogues.values(), *plans])
        self.jvap = plans[0]
        self.counts["dialogues"] = len(self.dialogues)

    # portfolio and money

    def _projects(self) -> None:
        numbers: dict[tuple[str, int], int] = defaultdict(int)
        for spec in data.PROJECTS:
            region, acronym, title, countries, themes, start, end, donors, dialogues = spec
            start_date, end_date = _month_start(start), _month_end(end) if end else None
            numbers[(region, start_date.year)] += 1
            parts = _donors(donors)
            currency = max(parts, key=lambda part: part[1])[2]
            if acronym in data.PIPELINE:
                status = ProjectStatus.PIPELINE
            else:
                status = ProjectStatus.ACTIVE if end_date is None or end_date > AS_OF else ProjectStatus.CLOSED
            project = Project(
                code=f"{region}-{start_date.year}-{numbers[(region, start_date.year)]:02d}",
                acronym=acronym,
                title=title,
                region=self.regions[region],
                status=status,
                start_date=start_date,
                end_date=end_date,
                currency=currency,
                duty_station=self.stations[self.rng.choice(data.REGION_STATIONS[region])],
                dialogues=sorted((self.dialogues[code] for code in (dialogues or "").split()), key=lambda d: d.code),
                thematic_areas=[self.themes[t] for t in themes.split()],
                description=f"{title}. Demo record built from the projects listed in the 2021 annual report.",
                # what the organisation reports to IATI: its projects once they are agreed
                iati_published=status != ProjectStatus.PIPELINE,
                **data.PROJECT_TRANSLATIONS.get(acronym, {}),
            )
            project.countries = countries.split()
            self.projects.append(project)
            self.specs[acronym] = spec
        self.session.add_all(self.projects)
        self.session.flush()
        self.counts["projects"] = len(self.projects)

    def _implementation(self) -> None:
        """Co-implementers and deliverables of some projects (no randomness, like _results)."""
        by_acronym = {project.acronym: project for project in self.projects}
        partners = {**{p.acronym: p for p in self.partners.values() if p.acronym}, **self.partners}
        implementers = [
            ProjectPartner(project=by_acronym[acronym], partner=partners[key], role=ImplementerRole(role))
            for acronym, rows in data.PROJECT_IMPLEMENTERS.items()
            for key, role in rows
        ]
        deliverables = [
            Deliverable(
                ref=f"D-{number:04d}",
                project=by_acronym[acronym],
                title=title,
                title_fr=title_fr,
                title_ru=title_ru,
                due_on=date.fromisoformat(due_on),
                status=DeliverableStatus(status),
                delivered_on=date.fromisoformat(delivered_on) if delivered_on else None,
                notes=notes,
            )
            for number, (acronym, ((title, title_fr, title_ru), due_on, status, delivered_on, notes)) in enumerate(
                ((acronym, row) for acronym, rows in data.PROJECT_DELIVERABLES.items() for row in rows), start=1
            )
        ]
        self.session.add_all([*implementers, *deliverables])
        self.counts["project_partners"] = len(implementers)
        self.counts["deliverables"] = len(deliverables)

    def _results(self) -> None:
        """GCM objectives and results frameworks of some projects, in three languages (no randomness: the other
        steps draw the same numbers as without them)."""
        by_acronym = {project.acronym: project for project in self.projects}
        for acronym, codes in data.PROJECT_GCM_OBJECTIVES.items():
            by_acronym[acronym].gcm_objectives = codes.split()
        outputs, indicators_made = [], 0
        for acronym, frameworks in data.PROJECT_RESULTS.items():
            project = by_acronym[acronym]
            for number, ((title, title_fr, title_ru), indicators) in enumerate(frameworks, start=1):
                output = ProjectOutput(
                    ref=f"OUT-{len(outputs) + 1:04d}",
                    project=project,
                    number=number,
                    title=title,
                    title_fr=title_fr,
                    title_ru=title_ru,
                )
                for position, ((text, text_fr, text_ru), unit, baseline, target, actuals) in enumerate(
                    indicators, start=1
                ):
                    indicators_made += 1
                    indicator = ProjectIndicator(
                        ref=f"IND-{indicators_made:04d}",
                        project_id=project.id,
                        number=position,
                        text=text,
                        text_fr=text_fr,
                        text_ru=text_ru,
                        unit=unit,
                        baseline=None if baseline is None else Decimal(baseline),
                        target=Decimal(target),
                    )
                    indicator.results = [
                        IndicatorResult(project_id=project.id, year=year, actual=Decimal(actual))
                        for year, actual in sorted(actuals.items())
                    ]
                    output.indicators.append(indicator)
                outputs.append(output)
        self.session.add_all(outputs)
        self.counts["project_outputs"] = len(outputs)

    def _active(self, year: int) -> list[Project]:
        return [
            p
            for p in self.projects
            if p.status != ProjectStatus.PIPELINE and _overlap_months(p.start_date, p.end_date, year)
        ]

    def _category_shares(self, project: Project) -> dict[str, Decimal]:
        shares: dict[str, Decimal] = defaultdict(Decimal)
        for key, share, _currency in _donors(self.specs[project.acronym][7]):
            shares[self.partners[key].donor_category.code] += share
        return shares

    def _expenditure(self) -> None:
        """Spread each year's project resources over the projects active in it; 2021 also by region and funding."""
        self.size = {
            p.acronym: self.rng.uniform(0.6, 1.4) * (3 if p.acronym in data.HEAVY else 1) for p in self.projects
        }
        self.spent_eur: dict[str, Decimal] = defaultdict(Decimal)
        rows = []
        for year, (membership, operational, other, total) in data.REVENUE.items():
            target = total - membership - operational - other
            active = self._active(year)
            weights = {
                p.acronym: self.size[p.acronym] * _overlap_months(p.start_date, p.end_date, year) / 12 for p in active
            }
            if year == data.YEAR:
                planned = self._plan_year(active, weights)
            else:
                scale = target / sum(weights.values())
                planned = {acronym: weight * scale for acronym, weight in weights.items()}
            groups = (
                [[p for p in active if p.region.code == code] for code in data.REGION_TARGETS]
                if year == data.YEAR
                else [active]
            )
            targets = list(data.REGION_TARGETS.values()) if year == data.YEAR else [target]
            for group, group_target in zip(groups, targets, strict=True):
                rows += self._spend(year, group, planned, Decimal(group_target))
        self.session.add_all(rows)
        self.counts["expenditures"] = len(rows)

    def _plan_year(self, active: list[Project], weights: dict[str, float]) -> dict[str, float]:
        """Iterative proportional fitting: region totals exact, funding categories close to the report's shares."""
        revenue_by_category = {
            "member_states": data.REVENUE[data.YEAR][0] + data.REVENUE[data.YEAR][1] - data.OPERATIONAL_OTHER_STATES,
            "other_states": data.OPERATIONAL_OTHER_STATES,
            "un_io": data.REVENUE[data.YEAR][2],
        }
        targets = {
            code: float(amount) - revenue_by_category.get(code, 0) for code, amount in data.FUNDING_TARGETS.items()
        }
        shares = {p.acronym: {c: float(s) for c, s in self._category_shares(p).items()} for p in active}
        planned = dict(weights)
        for _ in range(300):
            totals = defaultdict(float)
            for acronym, amount in planned.items():
                for code, share in shares[acronym].items():
                    totals[code] += amount * share
            for acronym in planned:
                planned[acronym] *= math.prod((targets[c] / totals[c]) ** s for c, s in shares[acronym].items())
            for code, region_target in data.REGION_TARGETS.items():
                members = [p.acronym for p in active if p.region.code == code]
                scale = region_target / sum(planned[a] for a in members)
                for acronym in members:
                    planned[acronym] *= scale
        return planned

    def _spend(self, year: int, projects: list[Project], planned: dict[str, float], target: Decimal) -> list:
        """Expenditure rows in each project's currency whose converted sum is exactly `target` EUR."""
        amounts = {}
        for project in projects:
            rate = self.rate(project.currency, year)
            unit = 1000 if project.currency == "EUR" else 100
            amounts[project.acronym] = Decimal(round(planned[project.acronym] / float(rate) / unit) * unit)
        converted = {p.acronym: round_money(amounts[p.acronym] * self.rate(p.currency, year)) for p in projects}
        euro = max((p for p in projects if p.currency == "EUR"), key=lambda p: amounts[p.acronym])
        amounts[euro.acronym] += target - sum(converted.values())
        converted[euro.acronym] = amounts[euro.acronym]
        for project in projects:
            self.spent_eur[project.acronym] += converted[project.acronym]
        return [Expenditure(project=p, year=year, amount=amounts[p.acronym], currency=p.currency) for p in projects]

    def _contributions(self) -> None:
        """Contracts that cover what was spent and what remains; those of 2021's projects add up to €329 million."""
        in_year = {p.acronym for p in self._active(data.YEAR)}
        future = {}
        for project in self.projects:
            if project.acronym in in_year:
                months_left = max(0, (project.end_date.year - data.YEAR) * 12 + project.end_date.month)
                future[project.acronym] = self.size[project.acronym] * (months_left + 6)
        spent = sum(self.spent_eur[a] for a in in_year)
        remaining = data.CONTRACTED_VOLUME - spent
        if remaining <= 0:
            raise DemoError("The demo's expenditure exceeds its contracted volume.")
        scale = float(remaining) / sum(future.values())
        rows, eur_rows = [], []
        counted = Decimal(0)
        for project in self.projects:
            if project.acronym in future:
                total = float(self.spent_eur[project.acronym]) + future[project.acronym] * scale
            elif project.status == ProjectStatus.PIPELINE:
                total = self.rng.uniform(1.5e6, 4e6)
            else:
                total = float(self.spent_eur[project.acronym]) * 1.03
            for i, (key, share, currency) in enumerate(_donors(self.specs[project.acronym][7])):
                signed_on = min(project.start_date + timedelta(days=120 * i), project.end_date or AS_OF)
                signed_on -= timedelta(days=self.rng.randint(10, 60)) if i == 0 else timedelta(0)
                signed_on = max(signed_on, date(data.FIRST_YEAR, 1, 1)) if currency != "EUR" else signed_on
                rate = self.rate(currency, signed_on.year)
                amount = Decimal(round(total * float(share) / float(rate) / 1000) * 1000)
                row = Contribution(
                    ref=f"C-{len(rows) + 1:04d}",
                    project=project,
                    donor=self.partners[key],
                    amount=amount,
                    currency=currency,
                    signed_on=signed_on,
                )
                rows.append(row)
                if project.acronym in future:
                    counted += round_money(amount * rate)
                    if currency == "EUR" and self.partners[key].donor_category.code == "eu":
                        eur_rows.append(row)
        largest = max(eur_rows, key=lambda row: row.amount)
        largest.amount += data.CONTRACTED_VOLUME - counted
        self.session.add_all(rows)
        self.counts["contributions"] = len(rows)

    def _revenue(self) -> None:
        """Membership, operational and other revenue of each year, in EUR except Denmark's DKK."""
        rows = []

        def add(year, type_, key, amount, currency="EUR"):
            rows.append(
                Revenue(
                    ref=f"REV-{len(rows) + 1:04d}",
                    year=year,
                    type=type_,
                    partner=self.partners[key],
                    amount=Decimal(amount),
                    currency=currency,
                )
            )

        for year, (membership, operational, other, _total) in data.REVENUE.items():
            members = [c for c, joined in data.MEMBER_STATES.items() if joined <= year]
            key_sum = sum(data.MEMBERSHIP_KEY[c] for c in members)
            parts = {c: int(round(membership * data.MEMBERSHIP_KEY[c] / key_sum, -3)) for c in members}
            parts["AT"] += membership - sum(parts.values())
            for code, amount in parts.items():
                add(year, RevenueType.MEMBERSHIP, code, amount)
            other_states = data.OPERATIONAL_OTHER_STATES if year == data.YEAR else int(round(operational * 0.3, -3))
            dkk = Decimal(3_000_000 if year == data.YEAR else 1_500_000)
            add(year, RevenueType.OPERATIONAL, "DK", dkk, "DKK")
            add(year, RevenueType.OPERATIONAL, "NL", Decimal(other_states) - round_money(dkk * self.rate("DKK", year)))
            donors = [c for c in ("AT", "DE", "CH", "MT", "TR") if data.MEMBER_STATES[c] <= year]
            states = operational - other_states
            shares = {c: int(round(states / len(donors), -3)) for c in donors}
            shares["AT"] += states - sum(shares.values())
            for code, amount in shares.items():
                add(year, RevenueType.OPERATIONAL, code, amount)
            osce = int(round(other * 0.6, -3))
            add(year, RevenueType.OTHER, "OSCE", osce)
            add(year, RevenueType.OTHER, "WB", other - osce)
        self.session.add_all(rows)
        self.counts["revenues"] = len(rows)

    def _priorities(self) -> None:
        """Map the projects supporting dialogues to one to three priorities of their action plans."""
        mapped = 0
        for project in self.projects:
            domains = [domain for dialogue in project.dialogues for domain in dialogue.domains]
            priorities = list(dict.fromkeys(p for domain in domains for p in domain.priorities))
            if priorities:
                project.priorities = self.rng.sample(priorities, k=min(len(priorities), self.rng.randint(1, 3)))
                mapped += 1
        mmd = next(p for p in self.projects if p.acronym == "MMD II")
        khartoum = self.dialogues["KP"].domains
        mmd.priorities += [p for p in (khartoum[3].priorities[0], khartoum[4].priorities[1]) if p not in mmd.priorities]
        self.counts["projects_mapped_to_priorities"] = mapped

    def _initiatives(self) -> None:
        """The JVAP register: a data-collection cycle with initiatives of other actors, reviewed or not."""
        cycle = CollectionCycle(plan=self.jvap, ref="CYC-0001", name=data.JVAP_CYCLE, is_open=True)
        priorities = {p.code: p for domain in self.jvap.domains for p in domain.priorities}
        by_acronym = {p.acronym: p for p in self.partners.values() if p.acronym}
        reviewed_at = datetime(2025, 11, 14, 10, 0, tzinfo=UTC)
        for number, (
            title,
            actor,
            codes,
            countries,
            budget,
            currency,
            start,
            end,
            status,
            review,
            reason,
            source,
        ) in enumerate(data.JVAP_INITIATIVES, start=1):
            initiative = Initiative(
                ref=f"INI-{number:04d}",
                plan=self.jvap,
                cycle=cycle,
                actor=self.partners.get(actor) or by_acronym[actor],
                title=title,
                budget=Decimal(budget) if budget else None,
                currency=currency,
                start_date=date.fromisoformat(start),
                end_date=date.fromisoformat(end) if end else None,
                status=InitiativeStatus(status),
                source=source,
                review=Review(review),
                return_reason=reason,
                reviewed_at=None if review == "submitted" else reviewed_at,
                priorities=[priorities[code] for code in codes.split()],
            )
            initiative.countries = countries.split()
            self.session.add(initiative)
        self.counts["initiatives"] = len(data.JVAP_INITIATIVES)

    # events and people

    def _events(self) -> None:
        self.people: list[Person] = []
        self.people_by_group: dict[str, list[Person]] = defaultdict(list)
        self.person_seq = 0
        self.organisations = defaultdict(list)
        for partner in self.partners.values():
            if partner.donor_category is None:
                self.organisations[partner.country].append(partner)
        pool = [self.partners[f"X{i}"] for i in range(len(data.PARTNERS))]
        self.rng.shuffle(pool)
        self.event_pool = pool[: data.EVENT_PARTNERS]
        events = self._year_events()
        for year, count in EARLIER_EVENTS.items():
            events += self._earlier_events(year, count)
        numbers: dict[int, int] = defaultdict(int)
        for event in sorted(events, key=lambda e: (e.start_date, e.title)):
            numbers[event.start_date.year] += 1
            event.ref = f"EV-{event.start_date.year}-{numbers[event.start_date.year]:04d}"
        self.session.add_all(events)
        self.session.flush()
        partner_rows = [{"event_id": e.id, "partner_id": p.id} for e in events for p in self._event_partner_list[e]]
        self.session.execute(sa.insert(event_partners), partner_rows)
        self._attendance()
        self.counts["events"] = len(events)
        self.counts["event_partner_links"] = len(partner_rows)

    def _topic(self, project: Project | None) -> str:
        codes = [t.code for t in project.thematic_areas] if project else ["dialogues"]
        return data.TOPICS[self.rng.choice(codes)]

    def _title(self, type_: str, project: Project | None, dialogue: Dialogue | None) -> str:
        template = self.rng.choice(data.EVENT_TITLES[type_])
        title = template.format(topic=self._topic(project), project=project.acronym if project else "")
        if dialogue is not None and type_ in DIALOGUE_TYPES | {"webinar", "conference"}:
            title = f"{dialogue.acronym}: {title[0].lower()}{title[1:]}"
        return title.replace(" ()", "")

    def _year_events(self) -> list[Event]:
        """The 648 events of 2021, counts, days, locations and partners as the report gives them."""
        year = data.YEAR
        active = self._active(year)
        by_dialogue = {code: [p for p in active if d in p.dialogues] for code, d in self.dialogues.items()}
        self._event_partner_list: dict[Event, list[Partner]] = {}
        specs = []
        vmc = Event(
            title="Vienna Migration Conference 2021",
            type=EventType.CONFERENCE,
            start_date=date(2021, 10, 19),
            end_date=date(2021, 10, 20),
            mode=EventMode.HYBRID,
            city="Vienna",
            country="AT",
            in_person_count=166,
            online_count=1311,
            description="Europe's leading forum on migration: 9 panels, 27 speakers, 6 moderators.",
            **data.EVENT_TRANSLATIONS["Vienna Migration Conference 2021"],
        )
        named = [vmc] + [
            Event(
                title=f"KP webinar series: Trafficking in Human Beings – The 4Ps Revisited (module {n})",
                type=EventType.WEBINAR,
                start_date=date(2021, 2 + n, 10),
                end_date=date(2021, 2 + n, 10),
                mode=EventMode.ONLINE,
                dialogue=self.dialogues["KP"],
            )
            for n in range(1, 5)
        ]
        for event in named:
            self._event_partner_list[event] = []
        counts = dict(EVENTS_2021)
        counts["conference"] -= 1
        counts["webinar"] -= 4
        for type_, count in counts.items():
            for _ in range(count):
                dialogue = None
                if type_ in DIALOGUE_TYPES or (type_ in ("webinar", "conference") and self.rng.random() < 0.3):
                    code = self.rng.choice(list(self.dialogues))
                    dialogue = self.dialogues[code]
                    candidates = by_dialogue[code] or active
                    project = self.rng.choice(candidates) if self.rng.random() < 0.6 else None
                else:
                    project = self.rng.choices(active, weights=[self.size[p.acronym] for p in active])[0]
                specs.append((type_, project, dialogue))
        events = list(named)
        for type_, project, dialogue in specs:
            if type_ == "webinar":
                mode = EventMode.ONLINE
            elif type_ == "study_visit":
                mode = EventMode.IN_PERSON
            else:
                mode = self.rng.choices([EventMode.ONLINE, EventMode.HYBRID, EventMode.IN_PERSON], [40, 15, 45])[0]
            start = date(year, 1, 1) + timedelta(days=self.rng.randint(5, 350))
            event = Event(
                title=self._title(type_, project, dialogue),
                type=EventType(type_),
                start_date=start,
                end_date=start,
                mode=mode,
                project=project,
                dialogue=dialogue,
            )
            events.append(event)
        self._set_days(events[len(named) :], data.EVENT_DAYS - sum(e.days for e in named))
        self._set_locations(events)
        recorded = self._choose_recorded(events)
        self._set_counts(events, recorded, data.PARTICIPANTS)
        self._set_partners(events, self.event_pool, exact=True)
        self.recorded = recorded
        return events

    def _set_days(self, events: list[Event], total: int) -> None:
        base = {
            "conference": (1, 2),
            "ministerial_conference": (1, 2),
            "senior_officials_meeting": (1, 2),
            "working_group": (1, 1),
            "thematic_meeting": (1, 2),
            "training": (3, 10),
            "workshop": (1, 3),
            "webinar": (1, 1),
            "study_visit": (3, 5),
            "meeting": (1, 1),
        }
        days = {id(e): self.rng.randint(*base[e.type.value]) for e in events}
        courses = [e for e in events if e.type == EventType.TRAINING]
        while sum(days.values()) < total:
            course = self.rng.choice(courses)
            days[id(course)] += min(total - sum(days.values()), self.rng.randint(1, 5))
        while sum(days.values()) > total:
            course = self.rng.choice([e for e in events if days[id(e)] > 1])
            days[id(course)] -= 1
        for event in events:
            event.end_date = event.start_date + timedelta(days=days[id(event)] - 1)

    def _candidates(self, event: Event) -> list[tuple[str, str]]:
        if event.dialogue is not None:
            dialogue = event.dialogue
            countries = sorted({*dialogue.members, *dialogue.observers, *dialogue.focus_countries})
        else:
            countries = event.project.countries if event.project else []
        return [(c, city) for c in countries for city in data.CITIES.get(c, ())]

    def _set_locations(self, events: list[Event]) -> None:
        """Place the in-person and hybrid events so that exactly data.LOCATIONS distinct places are used."""
        placed = [e for e in events if e.mode != EventMode.ONLINE]
        used = {("AT", "Vienna")}
        everywhere = [(c, city) for c, cities in data.CITIES.items() for city in cities]
        for event in placed:
            if event.city:
                continue
            candidates = self._candidates(event) or [("AT", "Vienna"), ("BE", "Brussels")]
            fresh = [c for c in candidates if c not in used]
            known = [c for c in candidates if c in used]
            if fresh and len(used) < data.LOCATIONS and (not known or self.rng.random() < 0.6):
                place = self.rng.choice(fresh)
            elif known:
                place = self.rng.choice(known)
            else:
                place = ("AT", "Vienna")
            used.add(place)
            event.country, event.city = place
        while len(used) < data.LOCATIONS:
            by_place = defaultdict(list)
            for event in placed:
                by_place[(event.country, event.city)].append(event)
            event = self.rng.choice([e for group in by_place.values() if len(group) > 1 for e in group])
            fresh = [c for c in self._candidates(event) if c not in used] or [c for c in everywhere if c not in used]
            event.country, event.city = place = self.rng.choice(fresh)
            used.add(place)
        for event in placed:
            variant = data.CITY_VARIANTS.get((event.country, event.city))
            if variant and self.rng.random() < 0.3:
                event.city = variant

    def _choose_recorded(self, events: list[Event]) -> list[Event]:
        eligible = [
            e
            for e in events
            if e.type in (EventType.TRAINING, EventType.WORKSHOP, EventType.STUDY_VISIT) and e.project is not None
        ]
        return self.rng.sample(eligible, RECORDED_EVENTS)

    def _set_counts(self, events: list[Event], recorded: list[Event], total: int) -> None:
        """Attendance lists for the recorded events; declared head counts for the others, summing to `total`."""
        sizes = {id(e): self.rng.randint(12, 40) for e in recorded}
        self.list_sizes = sizes
        self.attended = {id(e): [self.rng.random() < 0.93 for _ in range(sizes[id(e)])] for e in recorded}
        attended = sum(sum(flags) for flags in self.attended.values())
        declared = [e for e in events if id(e) not in sizes]
        fixed = [e for e in declared if e.in_person_count is not None]
        free = [e for e in declared if e.in_person_count is None]
        typical = {
            "conference": 90,
            "ministerial_conference": 100,
            "senior_officials_meeting": 45,
            "working_group": 18,
            "thematic_meeting": 35,
            "training": 16,
            "workshop": 20,
            "webinar": 55,
            "study_visit": 8,
            "meeting": 10,
        }
        base = {id(e): typical[e.type.value] * self.rng.uniform(0.5, 1.5) for e in free}
        remaining = total - attended - sum((e.in_person_count or 0) + (e.online_count or 0) for e in fixed)
        scale = remaining / sum(base.values())
        heads = {key: max(3, round(value * scale)) for key, value in base.items()}
        while sum(heads.values()) != remaining:
            key = self.rng.choice(list(heads))
            step = 1 if sum(heads.values()) < remaining else -1
            if heads[key] + step >= 3:
                heads[key] += step
        for event in free:
            self._declare(event, heads[id(event)])

    def _declare(self, event: Event, heads: int) -> None:
        if event.mode == EventMode.IN_PERSON:
            event.in_person_count, event.online_count = heads, None
        elif event.mode == EventMode.ONLINE:
            event.in_person_count, event.online_count = None, heads
        else:
            event.in_person_count = round(heads * 0.6)
            event.online_count = heads - event.in_person_count

    def _set_partners(self, events: list[Event], pool: list[Partner], *, exact: bool) -> None:
        by_country = defaultdict(list)
        for partner in pool:
            by_country[partner.country].append(partner)
        for event in events:
            if event in self._event_partner_list:
                continue
            countries = event.project.countries if event.project else [event.country]
            near = [p for c in countries for p in by_country.get(c, ())]
            chosen = self.rng.sample(near, k=min(len(near), self.rng.randint(0, 2)))
            if self.rng.random() < 0.2:
                chosen.append(self.rng.choice(pool))
            self._event_partner_list[event] = list(dict.fromkeys(chosen))
        if exact:
            linked = {p for partners in self._event_partner_list.values() for p in partners}
            open_events = [e for e in events if e.title != "Vienna Migration Conference 2021"]
            for partner in pool:
                if partner not in linked:
                    self._event_partner_list[self.rng.choice(open_events)].append(partner)

    def _earlier_events(self, year: int, count: int) -> list[Event]:
        """Events of 2019 and 2020 (before and during the pandemic), declared head counts, a few recorded."""
        active = self._active(year)
        online_share = 10 if year == 2019 else 60
        types = list(EVENTS_2021)
        events = []
        for _ in range(count):
            type_ = self.rng.choices(types, weights=list(EVENTS_2021.values()))[0]
            project = self.rng.choices(active, weights=[self.size[p.acronym] for p in active])[0]
            dialogue = next(iter(project.dialogues), None) if type_ in DIALOGUE_TYPES else None
            mode = (
                EventMode.ONLINE
                if type_ == "webinar"
                else (EventMode.ONLINE if self.rng.randint(1, 100) <= online_share else EventMode.IN_PERSON)
            )
            start = date(year, 1, 1) + timedelta(days=self.rng.randint(5, 350))
            days = self.rng.randint(1, 5) if type_ in ("training", "study_visit") else self.rng.randint(1, 2)
            event = Event(
                title=self._title(type_, project, dialogue),
                type=EventType(type_),
                start_date=start,
                end_date=start + timedelta(days=days - 1),
                mode=mode,
                project=project,
                dialogue=dialogue,
            )
            if mode != EventMode.ONLINE:
                event.country, event.city = self.rng.choice(self._candidates(event) or [("AT", "Vienna")])
            events.append(event)
        recorded = self.rng.sample([e for e in events if e.type == EventType.TRAINING], 8)
        for event in events:
            if event in recorded:
                self.list_sizes[id(event)] = size = self.rng.randint(12, 30)
                self.attended[id(event)] = [self.rng.random() < 0.9 for _ in range(size)]
            else:
                self._declare(
                    event,
                    max(
                        3,
                        round(
                            {"conference": 120, "webinar": 60}.get(event.type.value, 20) * self.rng.uniform(0.5, 1.5)
                        ),
                    ),
                )
        self.recorded += recorded
        self._set_partners(events, [self.partners[f"X{i}"] for i in range(len(data.PARTNERS))], exact=False)
        return events

    def _group(self, event: Event) -> str:
        region = event.project.region.code if event.project else "GLOBAL"
        return {"GLOBAL": "EU", "PRS": "EU"}.get(region, region)

    def _attendance(self) -> None:
        """People and their attendance records for the recorded events; some people come to several events."""
        lists = []
        for event in sorted(self.recorded, key=lambda e: e.start_date):
            group = self._group(event)
            chosen: list[Person] = []
            for _ in range(self.list_sizes[id(event)]):
                known = [p for p in self.people_by_group[group] if p not in chosen]
                if known and self.rng.random() < 0.15:
                    chosen.append(self.rng.choice(known))
                else:
                    chosen.append(self._person(event, group))
            lists.append((event, chosen))
        self.session.add_all(self.people)
        self.session.flush()
        rows = []
        for event, people in lists:
            flags = self.attended[id(event)]
            for i, (person, attended) in enumerate(zip(people, flags, strict=True)):
                role = AttendanceRole.PARTICIPANT
                if i == 0:
                    role = AttendanceRole.ORGANISER
                elif i <= 2:
                    role = AttendanceRole.TRAINER if event.type == EventType.TRAINING else AttendanceRole.SPEAKER
                if event.mode == EventMode.HYBRID:
                    mode = AttendanceMode.ONLINE if self.rng.random() < 0.3 else AttendanceMode.IN_PERSON
                else:
                    mode = AttendanceMode.ONLINE if event.mode == EventMode.ONLINE else AttendanceMode.IN_PERSON
                rows.append(
                    {
                        "event_id": event.id,
                        "person_id": person.id,
                        "role": role,
                        "mode": mode,
                        "attended": attended,
                        "version": 1,
                    }
                )
        self.session.execute(sa.insert(Attendance), rows)
        self.counts["people"] = len(self.people)
        self.counts["attendances"] = len(rows)

    def _person(self, event: Event, group: str) -> Person:
        self.person_seq += 1
        females, males, last_names = data.NAMES[group]
        gender = self.rng.choices(list(Gender), [47, 49, 1, 3])[0]
        first = self.rng.choice(
            males if gender == Gender.MALE or (gender != Gender.FEMALE and self.rng.random() < 0.5) else females
        )
        last = self.rng.choice(last_names)
        countries = [c for c in (event.project.countries if event.project else []) if c in data.CITIES]
        country = self.rng.choice(countries) if countries else (event.country or "AT")
        sector = self.rng.choices(list(Sector), [58, 14, 18, 4, 6])[0]
        organisations = self.organisations.get(country, [])
        organisation = self.rng.choice(organisations) if organisations and self.rng.random() < 0.6 else None
        consent = self.rng.random() < 0.75
        language = (
            "fr"
            if country in data.FRENCH_SPEAKING
            else ("ru" if country in {"KZ", "KG", "TJ", "TM", "UZ", "RU", "BY"} else "en")
        )
        person = Person(
            ref=f"PER-{self.person_seq:05d}",
            first_name=first,
            last_name=last,
            gender=gender,
            sector=sector,
            country=country,
            language=language,
            organisation=organisation,
            organisation_name=None
            if organisation
            else self.rng.choice(
                (
                    "Ministry of Interior",
                    "Regional police directorate",
                    "Municipality",
                    "Independent consultant",
                    "Local NGO",
                    "Border police academy",
                )
            ),
            email=(
                f"{_ascii(first)}.{_ascii(last)}.{self.person_seq}@example.org" if self.rng.random() < 0.85 else None
            ),
            consent=consent,
            consent_recorded_at=datetime.combine(event.start_date, datetime.min.time(), UTC) if consent else None,
        )
        self.people.append(person)
        self.people_by_group[group].append(person)
        return person


_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        (
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ),
        strict=True,
    )
)


def _ascii(name: str) -> str:
    text = "".join(_CYRILLIC.get(ch, ch) for ch in name.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in text if ch.isalnum()) or "person"
